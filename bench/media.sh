#!/usr/bin/env bash
# The media-serving benchmark (issue 5's target: 100 random Range requests
# into a 200 MB film, p99 under 20 ms, resident memory growth under 20 MB):
# builds crates/media/examples/bench_media.rs in release mode, runs it once,
# prints a table and writes it with a description of this machine to
# bench/results/media-<date>.md.
#
#   bash bench/media.sh
#
# Needs about 250 MB free in the temporary directory (the 200 MiB film,
# removed when the run ends).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
date=$(date +%Y-%m-%d)
out="$root/bench/results/media-$date.md"
mkdir -p "$root/bench/results"

cargo build --quiet --release --manifest-path "$root/Cargo.toml" -p infostand-media --example bench_media
table=$("$root/target/release/examples/bench_media")

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
{
  echo "# Media serving benchmark, $date"
  echo
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $memory of memory; $(uname -sr)."
  echo "Load average when it finished: $(cut -d ' ' -f 1-3 /proc/loadavg) (other work on the machine slows the timings)."
  echo "Commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "Run with \`bash bench/media.sh\` (release build of \`crates/media/examples/bench_media.rs\`)."
  echo
  echo "The real \`MediaServer\` on its own multi-threaded Tokio runtime (as on Tauri's), a reqwest client on a separate single-threaded runtime in the same process over one kept-alive loopback connection; each request is a seek, \`Range: bytes=X-(X+1 MiB-1)\`, read to the last byte. The film was just written and flushed, so it is read from the page cache, not a cold disk. Memory is the whole process's (client and server; mimalloc, the app's allocator), 1 MB = 10^6 bytes."
  echo
  echo "$table"
} | tee "$out"
echo >&2 "bench: written to ${out#"$root"/}"
