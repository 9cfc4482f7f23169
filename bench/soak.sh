#!/usr/bin/env bash
# The soak benchmark (kiosk mode's memory target): builds the release app,
# runs it in kiosk mode under Xvfb (1280x800) with openbox as the window
# manager, inside its own D-Bus session, with a 5 s idle timeout so the
# attract loop starts a few seconds after start-up and plays the films
# unattended. Once a minute it samples the PSS (proportional set size, from
# /proc/PID/smaps_rollup) of the WebKit web process(es) under the app and of
# the app's whole process tree. At the end it fits a least-squares line to the
# web process memory from minute 1 on (minute 0 is warm-up and is left out of
# the slope), prints a table and writes it with a description of this machine
# to bench/results/soak-<date>.md. A screenshot taken about 30 s in is saved
# to artifacts/soak-attract.png (not committed) to show the attract loop ran.
#
#   bash bench/soak.sh                    # 10 minutes
#   SOAK_MINUTES=30 bash bench/soak.sh    # the longer run
#
# Not part of any test command. Needs what `bash .ci/setup run` installs
# (Xvfb, ImageMagick, the GStreamer plugins) plus openbox and dbus-run-session.
#
# For trying the script itself, SOAK_APP_CMD replaces the app's command line
# (it is run with `bash -c "exec $SOAK_APP_CMD"`, so it must be one command;
# $SOAK_DATA_DIR is a fresh data directory it may use). Then nothing is built
# and the table goes to bench/results/tmp/ (not committed), e.g.
#   SOAK_MINUTES=2 SOAK_APP_CMD='target/debug/infostand --offline --data-dir "$SOAK_DATA_DIR"' bash bench/soak.sh
# SOAK_WINDOW (default "Infostand") is the window title waited for at start;
# set it empty to wait for no window.
set -euo pipefail

# ---------------------------------------------------------------------------
# Helpers, used by both phases.

say() { printf 'soak: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# process_table, descendants, pss_kb, alive.
source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
# start_display.
source "$(dirname "${BASH_SOURCE[0]}")/display.sh"
# build_release.
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

# One sample of the tree under PID: "web_kb web_n tree_kb tree_n web_pids"
# (web_pids joined with commas, "-" for none). The kernel truncates a command
# name to 15 characters, so the web process reads as "WebKitWebProces".
sample() {
  local pid comm kb web_kb=0 web_n=0 tree_kb=0 tree_n=0 web_pids=''
  while read -r pid; do
    read -r comm 2>/dev/null <"/proc/$pid/comm" || continue
    kb=$(pss_kb "$pid")
    tree_kb=$((tree_kb + kb))
    tree_n=$((tree_n + 1))
    case $comm in
      WebKitWebProces*)
        web_kb=$((web_kb + kb))
        web_n=$((web_n + 1))
        web_pids+=${web_pids:+,}$pid
        ;;
    esac
  done < <(descendants "$1")
  printf '%s %s %s %s %s\n' "$web_kb" "$web_n" "$tree_kb" "$tree_n" "${web_pids:--}"
}

# Least-squares slope, in MB per minute, of column COL (kB) against column 1
# (minutes) of a samples file, over the rows with minute >= 1. Prints "n/a"
# with fewer than two such rows.
slope_mb_per_minute() {
  awk -v col="$2" '
    $1 >= 1 { n++; x = $1; y = $col / 1024; sx += x; sy += y; sxx += x * x; sxy += x * y }
    END {
      d = n * sxx - sx * sx
      if (n < 2 || d == 0) { print "n/a"; exit }
      printf "%.3f\n", (n * sxy - sx * sy) / d
    }' "$1"
}

# ---------------------------------------------------------------------------
# The session phase: runs inside dbus-run-session. Starts Xvfb, openbox and
# the app, samples, and writes "minute web_kb web_n tree_kb tree_n web_pids"
# lines to $SOAK_SAMPLES. Everything it starts is stopped on exit.

session() {
  # Globals, not locals: the EXIT trap runs after this function returns.
  work=$SOAK_WORK app='' started="$SOAK_WORK/started" mine=()
  local minutes=$SOAK_MINUTES
  echo $$ >"$work/session.pid"
  : >"$started"

  # Notes "PID COMM" for each process seen under the app, so cleanup stops
  # them all, even one the app leaves behind when it dies. (Xvfb, openbox and
  # the app are children of this shell and are stopped by their PIDs.)
  remember() {
    local pid comm
    for pid in "$@"; do
      read -r comm 2>/dev/null <"/proc/$pid/comm" && echo "$pid $comm" >>"$started"
    done
    return 0
  }

  # shellcheck disable=SC2317 # called by the trap
  cleanup() {
    local pid comm now pids=("${mine[@]}") tree=()
    trap - EXIT INT TERM
    if [ -n "$app" ]; then
      pids+=("$app")
      mapfile -t tree < <(descendants "$app")
      remember "${tree[@]}"
    fi
    # Of the others, only a PID that still runs the same command is ours.
    while read -r pid comm; do
      read -r now 2>/dev/null <"/proc/$pid/comm" || continue
      [ "$now" = "$comm" ] && alive "$pid" && pids+=("$pid")
    done < <(sort -u "$started")
    if [ ${#pids[@]} -gt 0 ]; then
      kill "${pids[@]}" 2>/dev/null || true
      for _ in $(seq 1 50); do
        local left=0
        for pid in "${pids[@]}"; do alive "$pid" && left=1; done
        [ "$left" = 0 ] && break
        sleep 0.1
      done
      for pid in "${pids[@]}"; do
        if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
      done
    fi
    if [ -n "$app" ]; then wait "$app" 2>/dev/null || true; fi
    if [ ${#mine[@]} -gt 0 ]; then wait "${mine[@]}" 2>/dev/null || true; fi
    rm -f "$work/session.pid"
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  start_display 1280x800x24 "$work"

  # A private config, data and cache, so no user's config file (or autostart
  # entry) is read or touched, and the run starts from the embedded content.
  # The private D-Bus session keeps the single-instance check away from any
  # Infostand already running on this machine.
  export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/xdg-data" XDG_CACHE_HOME="$work/cache"
  export SOAK_DATA_DIR="$work/data" NO_AT_BRIDGE=1
  mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$SOAK_DATA_DIR"
  # shellcheck disable=SC2016 # expanded by the inner bash, where SOAK_DATA_DIR is set
  local command=${SOAK_APP_CMD:-'"$SOAK_ROOT/target/release/infostand" --kiosk --idle-timeout 5s --offline --data-dir "$SOAK_DATA_DIR"'}
  say "display $DISPLAY; starting: $command"
  (cd "$SOAK_ROOT" && exec bash -c "exec $command") >"$work/app.log" 2>&1 &
  app=$! # stopped by cleanup; app_gone empties it once the app is reaped

  app_gone() {
    local status=0
    wait "$app" || status=$?
    app=''
    say "the app exited early (exit status $status), $1. The end of its output:"
    tail -n 20 "$work/app.log" | sed 's/^/  | /' >&2
    exit 1
  }

  # Sleeps until SECONDS reaches $1, checking every second that the app runs.
  # (Without SOAK_WINDOW, "its window appeared" means it was started.)
  sleep_until() {
    while [ "$SECONDS" -lt "$1" ]; do
      alive "$app" || app_gone "$SECONDS s after its window appeared"
      sleep 1
    done
    alive "$app" || app_gone "$SECONDS s after its window appeared"
  }

  if [ -n "$SOAK_WINDOW" ]; then
    local shown=''
    for _ in $(seq 1 120); do
      alive "$app" || app_gone "during start-up, before its window appeared"
      if xwininfo -root -tree 2>/dev/null | grep -qF "\"$SOAK_WINDOW\""; then shown=1; break; fi
      sleep 0.5
    done
    [ -n "$shown" ] || die "no window titled \"$SOAK_WINDOW\" appeared within 60 s"
    # The web process is started a moment after the window.
    local web=''
    for _ in $(seq 1 60); do
      alive "$app" || app_gone "during start-up, before its web process started"
      read -r _ web _ <<<"$(sample "$app")"
      [ "$web" -gt 0 ] && break
      sleep 0.5
    done
    [ "$web" -gt 0 ] || die "no WebKitWebProcess appeared under the app within 30 s of its window"
  fi

  # Minute 0 is when the window is up; the attract loop starts about 5 s
  # later (the idle timeout).
  SECONDS=0
  local minute line web_kb web_n tree_kb tree_n web_pids tree=()
  : >"$SOAK_SAMPLES"
  for ((minute = 0; minute <= minutes; minute++)); do
    if [ "$minute" = 1 ] && command -v import >/dev/null; then
      # The screenshot, about 30 s in (between the first two samples).
      sleep_until 30
      if import -window root "$SOAK_SHOT" 2>"$work/import.log"; then
        say "screenshot 30 s in: $SOAK_SHOT"
        # Two captures 2 s apart differ when a film is playing.
        sleep 2
        if import -window root "$work/later.png" 2>>"$work/import.log"; then
          compare -metric AE "$SOAK_SHOT" "$work/later.png" null: 2>"$work/changed" || true
        fi
      else
        say "could not take the screenshot: $(head -n 1 "$work/import.log")"
      fi
    fi
    sleep_until $((minute * 60))
    line=$(sample "$app")
    mapfile -t tree < <(descendants "$app")
    remember "${tree[@]}"
    echo "$minute $line" >>"$SOAK_SAMPLES"
    read -r web_kb web_n tree_kb tree_n web_pids <<<"$line"
    say "minute $minute: web process $((web_kb / 1024)) MB (PID $web_pids), whole tree $((tree_kb / 1024)) MB ($tree_n processes)"
  done
}

if [ "${SOAK_PHASE:-}" = session ]; then
  session
  exit 0
fi

# ---------------------------------------------------------------------------
# The main phase: checks, build, the session, then the report.

root=$(cd "$(dirname "$0")/.." && pwd)
date=$(date +%Y-%m-%d)
minutes=${SOAK_MINUTES:-10}
if ! [[ $minutes =~ ^[0-9]+$ ]] || [ "$minutes" -lt 2 ]; then
  die "SOAK_MINUTES must be a whole number of minutes, at least 2 (a slope from minute 1 on needs two samples); the issue asks for 10, 30 for the long run"
fi

for tool in Xvfb xwininfo dbus-run-session; do
  command -v "$tool" >/dev/null || die "$tool is missing: run \`bash .ci/setup test\` (Xvfb, x11-utils, dbus)"
done
command -v openbox >/dev/null \
  || die "openbox is missing: install it (\`sudo apt-get install openbox\` on Debian/Ubuntu), then run this again"
command -v import >/dev/null || say "ImageMagick's import is missing: there will be no screenshot (\`bash .ci/setup run\` installs it)"

if [ -n "${SOAK_APP_CMD:-}" ]; then
  results="$root/bench/results/tmp"
  say "SOAK_APP_CMD is set: nothing is built, and the table goes to ${results#"$root"/}/ (not committed)"
else
  results="$root/bench/results"
  build_release
  help=$("$root/target/release/infostand" --help)
  grep -q -- '--kiosk' <<<"$help" \
    || die "this build of infostand has no --kiosk option yet: the soak needs kiosk mode"
fi
out="$results/soak-$date.md"
shot="$root/artifacts/soak-attract.png"
mkdir -p "$results" "$root/artifacts"
rm -f "$shot"

work=$(mktemp -d)
samples="$work/samples"
runner=''
# On Ctrl-C or a kill, the session phase is told to stop what it started.
finish() {
  local session_pid
  if read -r session_pid 2>/dev/null <"$work/session.pid"; then kill -TERM "$session_pid" 2>/dev/null || true; fi
  if [ -n "$runner" ]; then wait "$runner" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "running for $minutes minutes (plus start-up)"
SOAK_PHASE=session SOAK_WORK="$work" SOAK_MINUTES="$minutes" SOAK_SAMPLES="$samples" \
  SOAK_SHOT="$shot" SOAK_ROOT="$root" SOAK_WINDOW="${SOAK_WINDOW-Infostand}" \
  dbus-run-session -- bash "$root/bench/soak.sh" &
runner=$!
status=0
wait "$runner" || status=$?
runner=''
[ "$status" = 0 ] || die "the soak run failed (status $status, see above); no results were written"

web_slope=$(slope_mb_per_minute "$samples" 2)
tree_slope=$(slope_mb_per_minute "$samples" 4)
target=1
# A replaced web process (a crash reload, or a reload that starts a new one)
# would hide growth from the slope, so it is reported.
replaced=$(awk '$1 >= 1 && $6 != "-" { if (seen != "" && $6 != seen) r = 1; seen = $6 } END { print r ? "yes" : "no" }' "$samples")
if awk '$3 == 0 { none = 1 } END { exit !none }' "$samples"; then
  met="no: some samples found no WebKitWebProcess under the app"
elif [ "$replaced" = yes ]; then
  met="no: the web process was replaced during the run, so the slope does not show its growth"
elif awk -v s="$web_slope" -v t="$target" 'BEGIN { exit !(s < t) }'; then
  met=yes
else
  met=no
fi
changed=''
[ -s "$work/changed" ] && changed=$(head -c 40 "$work/changed" | tr -dc '0-9.e+')

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
webkit=$(pkg-config --modversion webkit2gtk-4.1 2>/dev/null || echo unknown)
{
  echo "# Soak benchmark, $date"
  echo
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $memory of memory; $(uname -sr); WebKitGTK $webkit."
  echo "Load average when it finished: $(cut -d ' ' -f 1-3 /proc/loadavg)."
  echo "Commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')."
  if [ -n "${SOAK_APP_CMD:-}" ]; then
    echo "Run with \`SOAK_MINUTES=$minutes bash bench/soak.sh\` and the app command replaced (SOAK_APP_CMD): \`$SOAK_APP_CMD\`. Not a kiosk-mode result."
  else
    echo "Run with \`SOAK_MINUTES=$minutes bash bench/soak.sh\`: the release build (\`--features custom-protocol\`) as \`infostand --kiosk --idle-timeout 5s --offline\` on a fresh data directory, under Xvfb 1280x800x24 with openbox in a private D-Bus session, so the attract loop played the films unattended from about 5 s after start-up."
  fi
  echo
  echo "Memory is PSS (proportional set size, /proc/PID/smaps_rollup; shared pages split between the processes sharing them), 1 MB = 1024 kB, sampled once a minute from when the window appeared. \"Web process\" is every WebKitWebProcess under the app; \"whole tree\" is the app and all its descendants. Minute 0 is warm-up and is not in the slopes."
  echo
  echo "| minute | web process PSS | web process PIDs | whole tree PSS | processes in tree |"
  echo "|---|---|---|---|---|"
  awk '{ printf "| %s%s | %.1f MB | %s | %.1f MB | %d |\n", $1, ($1 == 0 ? " (warm-up)" : ""), $2 / 1024, $6, $4 / 1024, $5 }' "$samples"
  echo
  echo "| measure | result | target | met |"
  echo "|---|---|---|---|"
  echo "| web process memory growth, least squares over minutes 1-$minutes | $web_slope MB/min | < $target MB/min | $met |"
  echo "| whole tree memory growth, same fit (for information) | $tree_slope MB/min | | |"
  echo "| web process replaced after minute 1 (a crash or a reload would hide growth) | $replaced | no | $([ "$replaced" = no ] && echo yes || echo no) |"
  if [ -n "$changed" ]; then
    echo "| pixels that changed between two screenshots 2 s apart, 30 s in (a playing film changes many) | $changed of 1024000 | | |"
  fi
} | tee "$out"
echo >&2 "soak: written to ${out#"$root"/}"
[ -f "$shot" ] && echo >&2 "soak: screenshot ~30 s in: ${shot#"$root"/}"
[ "$met" = yes ]
