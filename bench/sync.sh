#!/usr/bin/env bash
# The sync benchmark (issue 3's performance targets): builds
# crates/sync/examples/bench_sync.rs in release mode, runs it once, prints a
# table and writes it with a description of this machine to
# bench/results/sync-<date>.md.
#
#   bash bench/sync.sh
#
# Needs about 600 MB free in the temporary directory (the 500 MB film) and,
# for the unchanged-feed figure, nginx (`bash .ci/setup test` installs it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
date=$(date +%Y-%m-%d)
out="$root/bench/results/sync-$date.md"
mkdir -p "$root/bench/results"

cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p infostand-sync --example bench_sync
table=$("$root/target/release/examples/bench_sync")

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
{
  echo "# Sync benchmark, $date"
  echo
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $memory of memory; $(uname -sr)."
  echo "Load average when it finished: $(cut -d ' ' -f 1-3 /proc/loadavg) (other work on the machine slows the timings)."
  echo "Commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "Run with \`bash bench/sync.sh\` (release build of \`crates/sync/examples/bench_sync.rs\`)."
  echo
  echo "$table"
} | tee "$out"
echo >&2 "bench: written to ${out#"$root"/}"
