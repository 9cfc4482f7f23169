#!/usr/bin/env bash
# Start-up with the largest feed a sync accepts, and with the quadratic
# input (issue 13): each must add less than 0.3 s to the first content
# paint, because a start never parses or sanitises a stored feed again.
#
#   bash bench/feeds.sh              # 5 starts per case
#   RUNS=2 bash bench/feeds.sh       # a short check (table to bench/results/tmp/)
#   FEEDS_BUILD=0 bash bench/feeds.sh   # use target/release/infostand as it is
#
# It builds the release app (as bench/compare.sh does) and
# crates/sync/examples/bench_feeds.rs, which writes four published
# folders (see its header): the largest pack, the worst quadratic input a
# sync accepts, the deepest nesting a sync accepts, and the issue's own
# 3.5 MB quadratic feed. For each it
# imports the folder into a fresh data directory with `infostand import`
# (the sync's real path: parse, validate, sanitise, store; timed), then
# starts the app RUNS times on that data directory (`--offline`, office
# mode, Xvfb 1280x800 with openbox, each start in its own D-Bus session)
# and reads the page's first-content-paint signal from the app's log
# (`first content painted` with `since_start_ms`). The baseline is the
# same with no import (the built-in pack). It prints a table and writes
# it, with a note of this machine, to bench/results/feeds-<date>.md.
#
# Not part of any test command. Needs what the tests need (`bash .ci/setup
# test`).
set -euo pipefail
export LC_NUMERIC=C

source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
source "$(dirname "${BASH_SOURCE[0]}")/display.sh"

say() { printf 'feeds: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}

# How long a start may take to show its first content.
readonly PAINT_TIMEOUT_SECONDS=60
readonly SCREEN=1280x800x24
# The issue's target: what a stored feed may add to the first paint.
readonly TARGET_MS=300
# How many times a start is tried before the harness gives up (a display
# that fails to come up on a loaded machine is the harness's, not the app's).
readonly START_ATTEMPTS=3

root=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
date=$(date +%Y-%m-%d)
results="$root/bench/results"
[ "$runs" -ne 5 ] && results="$results/tmp"
mkdir -p "$results"
out="$results/feeds-$date.md"

bash "$root/.ci/setup" test >/dev/null
if [ "${FEEDS_BUILD:-1}" != 0 ]; then
  say "building the UI and the release app"
  npm --prefix "$root/ui" run build --silent >/dev/null
  cargo build --quiet --release --manifest-path "$root/Cargo.toml" --features custom-protocol -p infostand
fi
cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p infostand-sync --example bench_feeds

work=$(mktemp -d)
mine=()
trap 'kill "${mine[@]}" 2>/dev/null || true; rm -rf "$work"' EXIT
app="$work/infostand"
cp "$root/target/release/infostand" "$app"
"$root/target/release/examples/bench_feeds" "$work/folders" >"$work/folders.txt"

# Starts the app once on data directory $1 and prints the page's own
# since_start_ms of its first content paint.
one_start() {
  local data=$1 run=$2 log="$work/run-$2.log" pid line
  mkdir -p "$work/display-$run"
  (
    mine=()
    start_display "$SCREEN" "$work/display-$run"
    export HOME="$work/home" XDG_CONFIG_HOME="$work/config-$run" NO_AT_BRIDGE=1 NO_COLOR=1
    export XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"
    unset RUST_LOG
    mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
    : >"$log" # there before the app writes to it: the signal is read from it
    # A session of its own (setsid: $! is then the group's ID), so the
    # whole group goes at the end: dbus-run-session's daemon and the AT-SPI
    # services it starts outlive a TERM to dbus-run-session alone.
    setsid dbus-run-session -- "$app" --offline --data-dir "$data" >"$log" 2>&1 &
    pid=$!
    local deadline=$((SECONDS + PAINT_TIMEOUT_SECONDS))
    while :; do
      line=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -m 1 -F 'first content painted' || true)
      if [[ $line =~ since_start_ms=([0-9]+) ]]; then
        echo "${BASH_REMATCH[1]}"
        break
      fi
      alive "$pid" || die "the app exited before its first paint: $(tail -n 5 "$log")"
      [ "$SECONDS" -lt "$deadline" ] || die "no first paint within $PAINT_TIMEOUT_SECONDS s: $log"
      sleep 0.05
    done
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    kill -KILL -- "-$pid" 2>/dev/null || true
    kill "${mine[@]}" 2>/dev/null || true
  )
}

# one_start, tried again when the harness (not the app) failed.
start_with_retries() {
  local attempt
  for attempt in $(seq 1 "$START_ATTEMPTS"); do
    if one_start "$1" "$2-$attempt"; then return 0; fi
    say "start $2 failed (attempt $attempt of $START_ATTEMPTS)"
  done
  die "start $2 failed $START_ATTEMPTS times"
}

# The median and the range of numbers on stdin.
spread() { sort -n | awk '{ v[NR] = $1 } END { printf "%d %d %d\n", v[int((NR + 1) / 2)], v[1], v[NR] }'; }

# Imports case $1 (a folder name, or "baseline" for none) into a fresh data
# directory and starts the app on it; prints "import-ms outcome paint-median min max".
measure() {
  local name=$1 data="$work/data-$1" import_ms=0 outcome='—' t0 n
  mkdir -p "$data"
  if [ "$name" != baseline ]; then
    t0=$EPOCHREALTIME
    if outcome=$(HOME="$work/home" XDG_CONFIG_HOME="$work/config-import" "$app" --offline \
      --data-dir "$data" import "$work/folders/$name" 2>&1); then :; fi
    import_ms=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%d", (b - a) * 1000 }')
    outcome=$(printf '%s' "$outcome" | tail -n 1 | sed 's/|/\\|/g')
  fi
  local paints=()
  # One start not counted: WebKit's and the OS's caches warm.
  start_with_retries "$data" "$name-warm" >/dev/null
  for n in $(seq 1 "$runs"); do
    paints+=("$(start_with_retries "$data" "$name-$n")")
  done
  printf '%s\t%s\t%s\n' "$import_ms" "$outcome" "$(printf '%s\n' "${paints[@]}" | spread)"
}

say "baseline (the built-in pack)"
IFS=$'\t' read -r _ _ base_paint < <(measure baseline)
read -r base_median base_min base_max <<<"$base_paint"

table="| case | feed | import (the sync's work) | first paint, median (min–max) | added to the first paint | target < ${TARGET_MS} ms |
|---|---|---|---|---|---|
| built-in pack only | — | — | ${base_median} ms (${base_min}–${base_max}) | — | — |"
while read -r name facts; do
  say "$name ($facts)"
  IFS=$'\t' read -r import_ms outcome paint < <(measure "$name")
  read -r median min max <<<"$paint"
  added=$((median - base_median))
  met=yes
  [ "$added" -lt "$TARGET_MS" ] || met=no
  table+="
| $name | ${facts// /, } | ${import_ms} ms: $outcome | ${median} ms (${min}–${max}) | ${added} ms | $met |"
done <"$work/folders.txt"

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
{
  echo "# Start-up with stored feeds, $date"
  echo
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $memory of memory; $(uname -sr)."
  echo "Load average when it finished: $(cut -d ' ' -f 1-3 /proc/loadavg)."
  echo "Commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' (with uncommitted changes)')."
  echo "Run with \`bash bench/feeds.sh\`: $runs starts per case after one warm-up, release build, Xvfb 1280x800 with openbox, office mode, \`--offline\`."
  echo "\"First paint\" is the page's own signal (the app's \`since_start_ms\` of \`first content painted\`); \"added\" is the median's difference from the built-in pack's."
  echo
  echo "$table"
} | tee "$out"
say "written to ${out#"$root"/}"
