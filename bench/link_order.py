"""The functions a profiled run executed in the app's binary, for LLD.

Usage: link_order.py BINARY MAP CALLGRIND_OUT...

BINARY is the (stripped) binary the profiles ran, MAP the map LLD wrote
while linking it (`-Map`, `--no-demangle`; src-tauri/build.rs), each
CALLGRIND_OUT a callgrind profile of BINARY with one cost line per
instruction (`--dump-instr=yes --compress-pos=no`). Each instruction
address it counted in BINARY is looked up in the map's `.text`, and the
functions holding them are written, once each, in the order they have in
BINARY (so code that runs together stays together), one mangled name per
line, as `--symbol-ordering-file` reads them. Run by bench/link-order.sh.
"""

import bisect
import re
import sys

# A map line: VMA, LMA, size, alignment, then the output section (indented
# by one space), an input section (by nine) or a symbol (by seventeen).
MAP_LINE = re.compile(r"^\s*([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\d+( +)(\S.*)$")
OUTPUT_INDENT = 1
SYMBOL_INDENT = 17

# A callgrind line naming the object the cost lines after it belong to
# (ob=), or the object a call goes to (cob=): `ob=(id) name`, `ob=(id)` for
# a name given before, or `ob=name`.
OBJECT_LINE = re.compile(r"^(c?)ob=(?:\((\d+)\))? ?(.*)$")
# A cost line (with --dump-instr=yes --compress-pos=no): the instruction's
# address in the binary first.
COST_LINE = re.compile(r"^0x([0-9a-f]+)\s")


def text_symbols(map_path):
    """(address, size, name) of every symbol in `.text`, by address."""
    symbols = []
    in_text = False
    with open(map_path, encoding="utf-8", errors="replace") as lines:
        for line in lines:
            match = MAP_LINE.match(line)
            if not match:
                continue
            address, size, indent, rest = match.groups()
            if len(indent) == OUTPUT_INDENT:
                in_text = rest == ".text"
            elif in_text and len(indent) == SYMBOL_INDENT:
                symbols.append((int(address, 16), int(size, 16), rest))
    symbols.sort()
    return symbols


def executed_addresses(binary, profile_paths):
    """Every address in `binary` callgrind counted an instruction at.

    By address rather than by callgrind's function names: without symbols
    callgrind names a function by the address a call entered it at, and
    counts a function reached by a tail call (a jump) as its caller's.
    """
    addresses = set()
    for path in profile_paths:
        objects, current = {}, None
        with open(path, encoding="utf-8", errors="replace") as lines:
            for line in lines:
                cost = COST_LINE.match(line)
                if cost:
                    if current == binary:
                        addresses.add(int(cost.group(1), 16))
                    continue
                match = OBJECT_LINE.match(line.rstrip("\n"))
                if not match:
                    continue
                called, number, name = match.groups()
                if number is not None and name:
                    objects[number] = name
                elif number is not None:
                    name = objects.get(number)
                if not called:
                    current = name
    return addresses


def holding(symbols, starts, address):
    """The symbol whose code holds `address`, or None."""
    index = bisect.bisect_right(starts, address) - 1
    # Several symbols may share an address (aliases): take the last one
    # starting at or before it whose extent covers it.
    while index >= 0:
        start, size, name = symbols[index]
        if start <= address < start + max(size, 1):
            return symbols[index]
        if start < address and size:
            return None
        index -= 1
    return None


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: link_order.py BINARY MAP CALLGRIND_OUT...")
    binary, map_path, *profiles = sys.argv[1:]
    symbols = text_symbols(map_path)
    if not symbols:
        sys.exit(f"{map_path}: no symbols in .text (was it written with -Map and --no-demangle?)")
    starts = [start for start, _, _ in symbols]
    chosen, unknown = set(), 0
    for address in executed_addresses(binary, profiles):
        symbol = holding(symbols, starts, address)
        if symbol:
            chosen.add(symbol)
        else:
            unknown += 1
    if not chosen:
        sys.exit(f"no function of {binary} found in the profiles")
    # Local symbols of different objects may share a name (C's static
    # functions); LLD places every symbol of a name it is given.
    names = list(dict.fromkeys(name for _, _, name in sorted(chosen)))
    size = sum(symbol_size for _, symbol_size, _ in chosen)
    print("# The functions the app runs from launch to rest, in their order in the binary:")
    print("# src-tauri/build.rs passes this file to LLD (--symbol-ordering-file).")
    print("# Written by bench/link-order.sh; do not edit.")
    print(f"# {len(names)} functions, {size // 1024} kB of code; {unknown} profiled instructions outside .text (the PLT).")
    for name in names:
        print(name)


if __name__ == "__main__":
    main()
