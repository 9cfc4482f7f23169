"""Tests of bench/link_order.py against a checked-in map and profile.

    python3 -m unittest discover -s bench -p 'link_order_test.py'

The fixtures (bench/fixtures/link-order/) are in the formats LLD 22 writes
with -Map and --no-demangle and callgrind 3.19 writes with
--dump-instr=yes --compress-pos=no, cut down to a few functions.
"""

import contextlib
import io
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import link_order  # noqa: E402

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "link-order")
MAP = os.path.join(FIXTURES, "infostand.map")
PROFILE = os.path.join(FIXTURES, "office.callgrind")
BINARY = "/stand/bin/infostand"


def names_written(*args):
    """The function names main() writes, without its comment lines."""
    out = io.StringIO()
    saved = sys.argv
    sys.argv = ["link_order.py", *args]
    try:
        with contextlib.redirect_stdout(out):
            link_order.main()
    finally:
        sys.argv = saved
    lines = out.getvalue().splitlines()
    return [line for line in lines if not line.startswith("#")], [line for line in lines if line.startswith("#")]


class TextSymbols(unittest.TestCase):
    def test_only_text_symbols_with_their_extent(self):
        symbols = link_order.text_symbols(MAP)
        names = [name for _, _, name in symbols]
        # .rodata's table is data: ordering it as code would be meaningless.
        self.assertNotIn("_ZN9infostand5TABLE17h0000000000000004E", names)
        # Input-section lines are not symbols; the symbol lines under them are.
        self.assertIn((0x1070, 0x10, "_ZN13infostand_app3run17h0000000000000002E"), symbols)
        self.assertEqual(symbols, sorted(symbols), "looked up by bisection, so sorted by address")


class ExecutedAddresses(unittest.TestCase):
    def test_counts_only_the_binarys_instructions(self):
        addresses = link_order.executed_addresses(BINARY, [PROFILE])
        # libc's instructions at 0x1080 and 0x1090 are at the app's addresses
        # of an unused function: they must not make it look used.
        self.assertNotIn(0x1080, addresses)
        self.assertNotIn(0x1090, addresses)
        # The object named first in a `cob=` line and then used as `ob=(2)`.
        self.assertEqual(addresses, {0x1000, 0x1004, 0x1008, 0x1030, 0x106F, 0x1075, 0x11C8, 0x11E4, 0x11F4, 0x1210})

    def test_other_binary_gets_nothing(self):
        self.assertEqual(link_order.executed_addresses("/other/infostand", [PROFILE]), set())


class Holding(unittest.TestCase):
    def setUp(self):
        self.symbols = link_order.text_symbols(MAP)
        self.starts = [start for start, _, _ in self.symbols]

    def name(self, address):
        symbol = link_order.holding(self.symbols, self.starts, address)
        return symbol and symbol[2]

    def test_inside_and_at_the_edges(self):
        self.assertEqual(self.name(0x1030), "_ZN9infostand4main17h0000000000000001E")
        self.assertEqual(self.name(0x106F), "_ZN9infostand4main17h0000000000000001E", "the last byte is the function's")
        self.assertEqual(self.name(0x1070), "_ZN13infostand_app3run17h0000000000000002E", "the next byte is the next one's")

    def test_a_zero_size_label_yields_to_the_function_at_its_address(self):
        # Assembly labels an entry with no size beside the sized function.
        self.assertEqual(self.name(0x1190), "sha256_block_avx")

    def test_gaps_and_other_sections_hold_nothing(self):
        self.assertIsNone(self.name(0x1022), "the byte after _start's 0x22 is padding before main")
        self.assertIsNone(self.name(0x1025), "padding between _start and main")
        self.assertIsNone(self.name(0x1210), "the PLT is not in .text")
        self.assertIsNone(self.name(0x0FFF), "before .text")


class Main(unittest.TestCase):
    def test_writes_each_run_function_once_in_binary_order(self):
        names, comments = names_written(BINARY, MAP, PROFILE)
        self.assertEqual(
            names,
            [
                "_start",
                "_ZN9infostand4main17h0000000000000001E",
                # Reached only by a tail jump from main: callgrind's function
                # names would have missed it; its instructions do not.
                "_ZN13infostand_app3run17h0000000000000002E",
                "sha256_block_nohw",
                # Two objects' static functions of one name: LLD places
                # both for the one line.
                "read32",
            ],
        )
        self.assertTrue(all(line.startswith("# ") for line in comments))
        self.assertIn("# 5 functions, 0 kB of code; 1 profiled instructions outside .text (the PLT).", comments)

    def test_two_profiles_are_merged(self):
        names, _ = names_written(BINARY, MAP, PROFILE, PROFILE)
        self.assertEqual(len(names), len(set(names)), "a function run in both is written once")

    def test_refuses_too_few_arguments(self):
        with self.assertRaises(SystemExit) as stop:
            names_written(BINARY, MAP)
        self.assertIn("usage:", str(stop.exception.code))

    def test_refuses_a_map_without_text(self):
        with self.assertRaises(SystemExit) as stop:
            names_written(BINARY, PROFILE, PROFILE)
        self.assertIn("no symbols in .text", str(stop.exception.code))

    def test_refuses_a_profile_of_another_binary(self):
        with self.assertRaises(SystemExit) as stop:
            names_written("/other/infostand", MAP, PROFILE)
        self.assertIn("no function of /other/infostand", str(stop.exception.code))


if __name__ == "__main__":
    unittest.main()
