#!/usr/bin/env bash
# Writes src-tauri/link-order.txt: the functions of the app's own binary
# that run from launch to rest, for the linker to lay out side by side
# (src-tauri/build.rs passes it to LLD as --symbol-ordering-file in a
# release build for x86-64 Linux). Why: the kernel maps a binary's code
# 64 KB around each page fault, so start-up code scattered over the binary
# made 7.9 MB of its 10 MB of code resident at rest though about 2 MB of it
# ever runs (bench/README.md, "Start-up's code laid out together").
#
#   bash bench/link-order.sh              # then commit src-tauri/link-order.txt
#
# It builds the release app as bench/compare.sh does, asking the linker for
# its map (INFOSTAND_LINK_MAP), starts it once to install the built-in films
# (as a stand that has started before), then runs it under Valgrind's
# callgrind twice in Xvfb (1280x800, openbox, a D-Bus session of its own):
# in office mode, and in kiosk mode with a 5 s idle timeout so the attract
# loop plays films; each run for PROFILE_SECONDS (default 150: under
# callgrind start-up takes about a minute). Every instruction callgrind saw
# run in the binary is looked up in the map (bench/link_order.py), and the
# functions holding them are written in the order they have in the binary.
# A profile names the functions of one build: functions renamed since (a
# change of code, of the compiler or of Cargo.lock) fall back to the
# default order, so rerun this after such changes; a stale file costs
# memory, never correctness.
#
# Not part of any test command. Needs valgrind, Xvfb, openbox, xprop,
# dbus-run-session and python3, besides the build's own tools.
set -euo pipefail

say() { printf 'link-order: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# alive.
source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
# start_display, wait_for_file.
source "$(dirname "${BASH_SOURCE[0]}")/display.sh"
# build_release.
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Seconds each profiled run lasts: start-up under callgrind takes about a
# minute on a 2-core machine; the rest of the time covers the page at rest
# (and, in kiosk mode, the attract loop starting a film).
PROFILE_SECONDS=${PROFILE_SECONDS:-150}
# Seconds the unprofiled first start is given to install the built-in films.
INSTALL_SECONDS=20
# Kiosk mode's idle timeout for the profiled run, so the attract loop starts.
IDLE_SECONDS=5

for tool in valgrind callgrind_control Xvfb openbox xprop dbus-run-session python3; do
  command -v "$tool" >/dev/null || die "$tool is missing (valgrind, xvfb, openbox, x11-utils, dbus, python3 on Debian)"
done

work=$(mktemp -d)
mine=()
mine_groups=()
cleanup() {
  trap - EXIT INT TERM
  stop_groups
  if [ ${#mine[@]} -gt 0 ]; then
    kill "${mine[@]}" 2>/dev/null || true
    wait "${mine[@]}" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "building the release app with the linker's map"
INFOSTAND_LINK_MAP="$work/infostand.map" build_release
[ -s "$work/infostand.map" ] || die "the linker wrote no map: is this x86-64 Linux linking with LLD (rustc's default)?"
# A copy, so a build sharing target/ meanwhile cannot swap it.
mkdir -p "$work/bin"
cp "$root/target/release/infostand" "$work/bin/infostand"

start_display 1280x800x24 "$work"
data="$work/data"
mkdir -p "$data" "$work/config"
export XDG_CONFIG_HOME="$work/config" NO_COLOR=1

# Runs the app's command ARGS... in a process group of its own for SECONDS,
# logging into LOG; with PROFILE set, under callgrind writing PROFILE, whose
# counts are dumped before the group is stopped.
run_app() {
  local seconds=$1 log=$2 profile=$3
  shift 3
  local command=("$work/bin/infostand" --offline --data-dir "$data" "$@")
  if [ -n "$profile" ]; then
    command=(valgrind --tool=callgrind --dump-instr=yes --compress-pos=no --callgrind-out-file="$profile" "${command[@]}")
  fi
  setsid dbus-run-session -- "${command[@]}" >"$log" 2>&1 &
  local group=$!
  mine_groups=("$group")
  sleep "$seconds"
  alive "$group" || die "the app exited early: $(tail -n 5 "$log")"
  if [ -n "$profile" ]; then
    callgrind_control --dump >/dev/null
    # The dump is written by the profiled process itself.
    sleep 5
  fi
  stop_groups
  mine_groups=()
}

say "first start (installs the built-in films)"
run_app "$INSTALL_SECONDS" "$work/install.log" ""

say "profiling office mode for $PROFILE_SECONDS s"
run_app "$PROFILE_SECONDS" "$work/office.log" "$work/office.callgrind"

say "profiling kiosk mode for $PROFILE_SECONDS s"
run_app "$PROFILE_SECONDS" "$work/kiosk.log" "$work/kiosk.callgrind" --kiosk --idle-timeout "${IDLE_SECONDS}s"

out="$root/src-tauri/link-order.txt"
# Written whole or not at all.
python3 "$root/bench/link_order.py" "$work/bin/infostand" "$work/infostand.map" "$work"/*.callgrind* >"$work/link-order.txt"
mv "$work/link-order.txt" "$out"
say "wrote $out ($(grep -vc '^#' "$out") functions)"
