#!/usr/bin/env bash
# Infostand side by side with a browser kiosk (issue 5): start-up, memory at
# rest, memory with a film playing, and idle CPU, for the app and for its
# peer, Debian's Chromium in --kiosk mode showing the same UI bundle.
#
#   bash bench/compare.sh                                   # everything, 5 runs each
#   RUNS=1 SCENARIOS=startup,rest bash bench/compare.sh     # a short check
#
# It builds the release app (`npm --prefix ui run build`, then `cargo build
# --release --features custom-protocol -p infostand`, as bench/soak.sh does),
# prepares the peer, and runs each scenario for both sides, alternating app
# and peer, after one warm-up run of each (not counted), RUNS times. Every run
# is a fresh process in a fresh Xvfb (1280x800x24) with openbox as the window
# manager, inside its own D-Bus session. It prints a table and writes it,
# with a note of this machine, to bench/results/compare-<date>.md; the ratio
# Infostand/peer is computed pair by pair (run i of the app with run i of the
# peer), since this shared machine is noisy and only ratios hold.
#
# The sides:
# - Infostand: target/release/infostand (copied into the work dir first, so
#   a build sharing target/ during the runs cannot swap it) as
#   `infostand --offline --data-dir <fresh>`, with
#   RUST_LOG unset (its default filter logs infostand_app at info), its own
#   XDG_CONFIG_HOME for each run (so no config file and no saved window
#   state interfere), and its own HOME, XDG_DATA_HOME and XDG_CACHE_HOME
#   kept across the runs of one invocation (WebKit's caches stay warm, like
#   the peer's profile). Its office window opens at 1280x800.
# - The peer: /usr/bin/chromium --kiosk (fullscreen on the 1280x800 screen)
#   with a persistent profile (a directory under the work dir, kept across
#   the runs of one invocation; the warm-up run fills it) and --no-sandbox
#   --disable-gpu --disable-background-networking --disable-component-update
#   --disable-sync --no-first-run --autoplay-policy=no-user-gesture-required,
#   showing the same ui/dist from nginx on a free loopback port. Outside
#   Tauri the UI reads its content from JSON files beside the page
#   (ui/src/staticIpc.ts); crates/pack/examples/export_views.rs writes them
#   from the embedded pack by the app's own code path, with the media beside
#   them. PEER_EXTRA_FLAGS (space-separated) adds flags, for trying; then the
#   table goes to bench/results/tmp/.
#
# The scenarios (SCENARIOS, comma-separated, default all four):
# - startup: from the harness's launch timestamp to the page's signal of its
#   first content paint (the UI signals after the frame with the start
#   screen's content is painted): the app logs "first content painted" with
#   an RFC 3339 timestamp on stderr; the peer's page sends a beacon to
#   /__first-paint, which nginx logs with $msec in its own access log.
# - rest: summed PSS (/proc/PID/smaps_rollup) of the whole process tree, 10 s
#   after that signal, in office mode. Chromium's crash handlers detach from
#   its tree (they are re-parented to init), so they are found by their
#   command line (it names the crash database under the peer's HOME in the
#   work dir) and counted too. What the session's D-Bus daemon starts on a
#   side's behalf (AT-SPI's bus and registry) is outside both trees: it is
#   not counted, but shown beside the breakdown. PSS shares a page among all
#   the processes on the machine that map it, so another WebKitGTK app (or
#   Chromium) running meanwhile lowers a side's figure: each sample counts
#   such processes, and the table flags the runs that had any.
# - film: the same, "10 s into a film": the app started with --kiosk, the
#   peer's mode.json saying kiosk, so the attract loop starts playing a film
#   (muted) as soon as the start screen has content. The page signals the
#   first film's "playing" event the same way as its first paint (the app
#   logs "first film playing"; the peer's page sends a beacon to
#   /__film-playing), and the sample is taken 10 s after that signal. Two
#   screenshots 1 s apart, after the sample, confirm the film was playing
#   (the table says if not).
# - idle: CPU time (utime + stime + cutime + cstime from /proc/PID/stat, in
#   clock ticks) of the whole tree over COMPARE_IDLE_SECONDS (default 60),
#   starting 10 s after the signal, on the start screen in office mode, as %
#   of one core.
#
# Overrides for short checks (any of them sends the table to
# bench/results/tmp/, which is not committed): RUNS (default 5),
# SCENARIOS, COMPARE_IDLE_SECONDS (at least 5), COMPARE_BUILD=0 (use the
# release binary and ui/dist as they are), PEER_EXTRA_FLAGS.
#
# Not part of any test command. Installs what it needs first with
# `bash .ci/setup bench`: what the tests need (Xvfb, dbus, nginx, openbox,
# ImageMagick) and Debian's Chromium.
set -euo pipefail
export LC_NUMERIC=C # $EPOCHREALTIME and printf with a decimal point

# ---------------------------------------------------------------------------
# Helpers, used by both phases.

# process_table, descendants, pss_kb, alive (shared with bench/soak.sh).
source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
# start_display.
source "$(dirname "${BASH_SOURCE[0]}")/display.sh"

say() { printf 'compare: %s\n' "$*" >&2; }
die() {
  say "$*"
  exit 1
}

# Seconds after the first-paint signal at which memory at rest is sampled.
readonly REST_SECONDS=10
# Seconds after the page's first film started playing at which memory with
# a film playing is sampled.
readonly FILM_SECONDS=10
# How long the idle measurement waits after the first-paint signal, so
# start-up work already queued does not count as idle.
readonly IDLE_SETTLE_SECONDS=10
# How long a run may take to show its first content.
readonly SIGNAL_TIMEOUT_SECONDS=60
# How many times a run is tried before the harness gives up.
readonly RUN_ATTEMPTS=3
# Each side's window must come up at this size (the app's office window opens
# at it; the peer is fullscreen on a screen of it).
readonly SCREEN=1280x800x24

# The PIDs whose command line contains $1 (a path under the harness's work
# directory that only the side under test uses).
pids_mentioning() {
  local cmdline pid text
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}
    pid=${pid%/cmdline}
    text=$(tr '\0' ' ' 2>/dev/null <"$cmdline") || continue
    [[ $text == *"$1"* ]] && echo "$pid"
  done
  return 0
}

# utime + stime + cutime + cstime of one process, in clock ticks (empty when
# it has gone). Children's reaped time counts, so a helper that exits during
# the measurement is not lost.
cpu_ticks() {
  local line rest fields
  read -r line 2>/dev/null <"/proc/$1/stat" || return 0
  rest=${line##*) }
  read -r -a fields <<<"$rest"
  # rest: state(0) ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
  # cmajflt utime(11) stime(12) cutime(13) cstime(14) ...
  echo $((fields[11] + fields[12] + fields[13] + fields[14]))
}

# What kind of process PID is, for the memory breakdown: WebKit's processes
# by name, Chromium's by their --type (the browser has none).
process_kind() {
  local comm text type
  read -r comm 2>/dev/null <"/proc/$1/comm" || return 0
  case $comm in
    WebKitWebProces*) echo "WebKit web process" ;;
    WebKitNetworkPr*) echo "WebKit network process" ;;
    infostand) echo "infostand (Rust, GTK)" ;;
    chrome_crashpad*) echo "crash handler" ;;
    chromium | chrome)
      text=$(tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline") || true
      type=browser
      [[ $text =~ --type=([a-z-]+) ]] && type=${BASH_REMATCH[1]}
      if [ "$type" = utility ] && [[ $text =~ --utility-sub-type=([A-Za-z.]+) ]]; then
        type="utility (${BASH_REMATCH[1]%%.mojom*})"
      elif [ "$type" = renderer ] && [[ $text == *--top-chrome-webui* ]]; then
        type="renderer (browser UI)"
      elif [ "$type" = renderer ]; then
        type="renderer (page)"
      fi
      echo "$type"
      ;;
    *) echo "$comm" ;;
  esac
}

# Median, minimum and maximum of the numbers on standard input, one a line:
# "median min max" (the median of an even count is the mean of the middle
# two), or "n/a n/a n/a" for none.
stats() {
  sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "n/a n/a n/a"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.6f %.6f %.6f\n", m, v[1], v[NR]
    }'
}

# ---------------------------------------------------------------------------
# The run phase: one run of one side in one scenario, inside its own
# dbus-run-session. Writes "key=value" lines to $CMP_OUT.

run_one() {
  work=$CMP_RUN_DIR root_pid='' mine=() extra_marker=''
  local side=$CMP_SIDE scenario=$CMP_SCENARIO out=$CMP_OUT
  : >"$out"
  # So the main phase can tell this shell (not dbus-run-session) to stop.
  echo $$ >"$work/run.pid"

  # Everything under the side's main process, and for the peer its crash
  # handlers (detached from its tree), found by this run's crash database.
  members() {
    [ -n "$root_pid" ] || return 0
    {
      descendants "$root_pid"
      if [ -n "$extra_marker" ]; then pids_mentioning "$extra_marker"; fi
    } | sort -un
  }

  # shellcheck disable=SC2317 # called by the trap
  cleanup() {
    local pid all=()
    trap - EXIT INT TERM
    if [ -n "$root_pid" ]; then
      mapfile -t all < <(members)
      # Chromium saves its profile on SIGTERM; the app has nothing to save.
      kill -TERM "$root_pid" 2>/dev/null || true
      for _ in $(seq 1 100); do
        alive "$root_pid" || break
        sleep 0.1
      done
      for pid in "${all[@]}" $(members); do
        if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
      done
      wait "$root_pid" 2>/dev/null || true
    fi
    if [ ${#mine[@]} -gt 0 ]; then
      kill "${mine[@]}" 2>/dev/null || true
      wait "${mine[@]}" 2>/dev/null || true
    fi
    rm -f "$work/run.pid"
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  start_display "$SCREEN" "$work"

  export HOME=$CMP_SIDE_HOME NO_AT_BRIDGE=1
  export XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
  unset RUST_LOG
  local log="$work/$side.log" t0 paint_before=0 film_before=0
  local command=()
  if [ "$side" = app ]; then
    # A fresh config for each run: no config file, no saved window state.
    export XDG_CONFIG_HOME="$work/config" NO_COLOR=1
    mkdir -p "$XDG_CONFIG_HOME" "$work/data"
    command=("$CMP_APP" --offline --data-dir "$work/data")
    [ "$scenario" = film ] && command+=(--kiosk)
  else
    export XDG_CONFIG_HOME="$HOME/.config"
    extra_marker="$XDG_CONFIG_HOME/chromium/Crash Reports"
    command=(/usr/bin/chromium --kiosk "--user-data-dir=$CMP_PROFILE" --no-sandbox --disable-gpu
      --disable-background-networking --disable-component-update --disable-sync --no-first-run
      --autoplay-policy=no-user-gesture-required)
    # shellcheck disable=SC2206 # split on spaces by design
    [ -n "${PEER_EXTRA_FLAGS:-}" ] && command+=($PEER_EXTRA_FLAGS)
    command+=("$CMP_URL")
    paint_before=$(wc -l <"$CMP_PAINT_LOG")
    film_before=$(wc -l <"$CMP_FILM_LOG")
  fi
  mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"

  : >"$log" # there before the side writes to it: the signal is read from it
  t0=$EPOCHREALTIME
  "${command[@]}" >"$log" 2>&1 &
  root_pid=$!

  # Waits for the page's signal $1 (paint: its first content paint; film:
  # its first film playing) and sets $signal to its time, in seconds since
  # the epoch. The app logs them with an RFC 3339 timestamp; the peer's
  # beacons are logged by nginx with $msec, one file each.
  signal=''
  await_signal() {
    local what=$1 line deadline=$((SECONDS + SIGNAL_TIMEOUT_SECONDS)) pattern beacons before
    case $what in
      paint) pattern='first content painted' beacons=$CMP_PAINT_LOG before=$paint_before ;;
      film) pattern='first film playing' beacons=$CMP_FILM_LOG before=$film_before ;;
    esac
    signal=''
    while :; do
      if [ "$side" = app ]; then
        line=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -m 1 -F "$pattern" || true)
        if [ -n "$line" ]; then
          signal=$(date -u -d "${line%% *}" +%s.%N) \
            || die "cannot read the timestamp of the app's log line: $line"
          [[ $line =~ since_start_ms=([0-9]+) ]] && echo "${what}_self_ms=${BASH_REMATCH[1]}" >>"$out"
        fi
      else
        signal=$(tail -n +"$((before + 1))" "$beacons" | head -n 1)
      fi
      [ -n "$signal" ] && return 0
      if ! alive "$root_pid"; then
        say "the $side exited before its \"$pattern\" signal; the end of its output:"
        tail -n 20 "$log" | sed 's/^/  | /' >&2
        exit 1
      fi
      if [ "$SECONDS" -ge "$deadline" ]; then
        if [ "$side" = app ]; then
          die "no \"$pattern\" line in the app's log within $SIGNAL_TIMEOUT_SECONDS s (a build from before the page's signals? run without COMPARE_BUILD=0); its log: $log"
        fi
        die "no \"$pattern\" beacon reached nginx within $SIGNAL_TIMEOUT_SECONDS s; Chromium's log: $log"
      fi
      sleep 0.1
    done
  }
  await_signal paint
  awk -v a="$t0" -v b="$signal" 'BEGIN { printf "startup_ms=%.1f\n", (b - a) * 1000 }' >>"$out"

  # Sleeps until $1 seconds after the signal, checking that the side runs.
  until_after_signal() {
    local left
    while :; do
      left=$(awk -v s="$signal" -v d="$1" -v now="$EPOCHREALTIME" 'BEGIN { l = s + d - now; print (l > 0) ? l : 0 }')
      [ "$left" = 0 ] && break
      alive "$root_pid" || die "the $side exited during the $scenario scenario; its log: $log"
      sleep "$(awk -v l="$left" 'BEGIN { print (l > 1) ? 1 : l }')"
    done
  }

  # What the session's D-Bus daemon started for this run (AT-SPI's bus
  # launcher, its own dbus-daemon and registry, when a side asks for them).
  # They detach from the session's tree, so they are found by this
  # session's bus address in their environment, less the session itself
  # (dbus-run-session's descendants: its daemon, this shell, Xvfb, openbox
  # and the side) and the side's other members (Chromium's crash handlers).
  session_services() {
    local file
    grep -l -a -F "DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS" /proc/[0-9]*/environ 2>/dev/null \
      | while read -r file; do
        file=${file#/proc/}
        echo "${file%/environ}"
      done | sort | comm -23 - <({
        descendants "$PPID"
        members
      } | sort -u) | sort -n
  }

  # How many processes outside the side's tree map its engine's code (other
  # WebKitGTK apps, other Chromiums) right now: they share those pages, so
  # the side's PSS comes out lower than on a machine of its own.
  sharers() {
    local file engine=/usr/lib/chromium/chromium
    [ "$side" = app ] && engine=libwebkit2gtk-4.1.so
    grep -l -F "$engine" /proc/[0-9]*/maps 2>/dev/null \
      | while read -r file; do
        file=${file#/proc/}
        echo "${file%/maps}"
      done | sort | comm -23 - <(members | sort) | wc -l
  }

  # Summed PSS of the members, with a "kind kB" breakdown in
  # $work/processes; the session's services are listed there as not counted.
  sample_memory() {
    local pid kb comm total=0 n=0 services=0
    : >"$work/processes"
    while read -r pid; do
      kb=$(pss_kb "$pid")
      [ "$kb" -gt 0 ] || continue
      total=$((total + kb))
      n=$((n + 1))
      printf '%s\t%s\n' "$(process_kind "$pid")" "$kb" >>"$work/processes"
    done < <(members)
    while read -r pid; do
      kb=$(pss_kb "$pid")
      read -r comm 2>/dev/null <"/proc/$pid/comm" || continue
      [ "$kb" -gt 0 ] || continue
      services=$((services + kb))
      printf 'not counted: %s (D-Bus-activated)\t%s\n' "$comm" "$kb" >>"$work/processes"
    done < <(session_services)
    echo "value=$total"
    echo "processes=$n"
    echo "services=$services"
    echo "sharers=$(sharers)"
  }

  case $scenario in
    startup) ;;
    rest)
      until_after_signal "$REST_SECONDS"
      sample_memory >>"$out"
      ;;
    film)
      local painted=$signal
      await_signal film
      awk -v a="$painted" -v b="$signal" 'BEGIN { printf "film_after_paint_ms=%.1f\n", (b - a) * 1000 }' >>"$out"
      until_after_signal "$FILM_SECONDS"
      sample_memory >>"$out"
      # Two captures 1 s apart differ when a film is playing.
      if command -v import >/dev/null && command -v compare >/dev/null; then
        import -window root "$work/a.png" 2>/dev/null || true
        sleep 1
        import -window root "$work/b.png" 2>/dev/null || true
        local changed
        changed=$(compare -metric AE "$work/a.png" "$work/b.png" null: 2>&1 >/dev/null | tr -dc '0-9.e+' || true)
        echo "changed=${changed:-unknown}" >>"$out"
      fi
      ;;
    idle)
      until_after_signal "$IDLE_SETTLE_SECONDS"
      local pid ticks start_at end_at
      declare -A first=()
      start_at=$EPOCHREALTIME
      while read -r pid; do
        ticks=$(cpu_ticks "$pid")
        [ -n "$ticks" ] && first[$pid]=$ticks
      done < <(members)
      until_after_signal $((IDLE_SETTLE_SECONDS + CMP_IDLE_SECONDS))
      local used=0 n=0
      while read -r pid; do
        ticks=$(cpu_ticks "$pid")
        [ -n "$ticks" ] || continue
        # A process started during the measurement counts from zero.
        used=$((used + ticks - ${first[$pid]:-0}))
        n=$((n + 1))
      done < <(members)
      end_at=$EPOCHREALTIME
      awk -v t="$used" -v hz="$CMP_CLK_TCK" -v a="$start_at" -v b="$end_at" -v n="$n" \
        'BEGIN { printf "value=%.4f\nticks=%d\nseconds=%.2f\nprocesses=%d\n", t / hz / (b - a) * 100, t, b - a, n }' >>"$out"
      ;;
  esac
  # What the screen showed (the latest run of each kind is kept).
  if [ "$scenario" != startup ] && command -v import >/dev/null; then
    import -window root "$CMP_SHOT" 2>/dev/null || true
  fi
}

if [ "${CMP_PHASE:-}" = run ]; then
  run_one
  exit 0
fi

# ---------------------------------------------------------------------------
# The main phase: checks, build, the peer's server, the runs, the report.

root=$(cd "$(dirname "$0")/.." && pwd)
date=$(date +%Y-%m-%d)
runs=${RUNS:-5}
scenarios=${SCENARIOS:-startup,rest,film,idle}
idle_seconds=${COMPARE_IDLE_SECONDS:-60}
build=${COMPARE_BUILD:-1}

if ! [[ $runs =~ ^[0-9]+$ ]] || [ "$runs" -lt 1 ]; then
  die "RUNS must be a whole number, at least 1 (got \"$runs\"); the default is 5"
fi
if ! [[ $idle_seconds =~ ^[0-9]+$ ]] || [ "$idle_seconds" -lt 5 ]; then
  die "COMPARE_IDLE_SECONDS must be a whole number of seconds, at least 5 (got \"$idle_seconds\"); the issue asks for 60"
fi
[[ $build =~ ^[01]$ ]] || die "COMPARE_BUILD must be 1 (build first, the default) or 0 (use the build there is)"
IFS=, read -r -a wanted <<<"$scenarios"
[ ${#wanted[@]} -gt 0 ] || die "SCENARIOS is empty; name some of startup,rest,film,idle"
for s in "${wanted[@]}"; do
  case $s in
    startup | rest | film | idle) ;;
    *) die "SCENARIOS names \"$s\", which is not one of startup,rest,film,idle" ;;
  esac
done

# Installs what is missing (as the tests' setup does, plus Chromium).
bash "$root/.ci/setup" bench
for tool in Xvfb xprop dbus-run-session nginx curl; do
  command -v "$tool" >/dev/null || die "$tool is missing: run \`bash .ci/setup test\` (Xvfb, x11-utils, dbus, nginx, curl)"
done
command -v openbox >/dev/null || die "openbox is missing: install it (\`sudo apt-get install openbox\`), then run this again"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: the peer is Debian's Chromium (\`sudo apt-get install chromium\`)"
if [[ ,$scenarios, == *,film,* ]] && ! command -v compare >/dev/null; then
  say "ImageMagick is missing: whether the film played cannot be confirmed (\`bash .ci/setup run\` installs it)"
fi
clk_tck=$(getconf CLK_TCK) || die "getconf CLK_TCK failed: the clock tick is needed for the CPU figures"

if [ "$runs" != 5 ] || [ "$scenarios" != startup,rest,film,idle ] || [ "$idle_seconds" != 60 ] \
  || [ "$build" != 1 ] || [ -n "${PEER_EXTRA_FLAGS:-}" ]; then
  results="$root/bench/results/tmp"
  say "a short or modified run: the table goes to ${results#"$root"/}/ (not committed)"
else
  results="$root/bench/results"
fi
out="$results/compare-$date.md"
mkdir -p "$results" "$root/artifacts"

if [ "$build" = 1 ]; then
  if [ ! -d "$root/ui/node_modules" ]; then
    say "installing the UI's npm packages"
    npm --prefix "$root/ui" ci --no-audit --no-fund --loglevel=error
  fi
  say "building the UI and the release app (several minutes when the sources changed)"
  npm --prefix "$root/ui" run build --silent
  (cd "$root" && cargo build --quiet --release --features custom-protocol -p infostand)
fi
[ -x "$root/target/release/infostand" ] || die "target/release/infostand is missing: run without COMPARE_BUILD=0"
[ -f "$root/ui/dist/index.html" ] || die "ui/dist/index.html is missing: run \`npm --prefix ui run build\` or run without COMPARE_BUILD=0"

work=$(mktemp -d)
# nginx's workers run as another user when it is started as root: they must
# reach the served files.
chmod 755 "$work"
nginx_pid=''
runner=''
run_dir=''
# shellcheck disable=SC2317 # called by the trap
finish() {
  local run_pid
  trap - EXIT INT TERM
  if [ -n "$runner" ]; then
    # The run's own shell stops what it started (its EXIT trap).
    if read -r run_pid 2>/dev/null <"$run_dir/run.pid"; then kill -TERM "$run_pid" 2>/dev/null || true; fi
    wait "$runner" 2>/dev/null || true
  fi
  if [ -n "$nginx_pid" ]; then
    kill -QUIT "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The app and the bundle under test are copied, so a build in the same target
# directory during the runs (another checkout sharing it, say) changes
# nothing here.
mkdir -p "$work/bin"
cp "$root/target/release/infostand" "$work/bin/infostand"
for line in 'first content painted' 'first film playing'; do
  grep -qF "$line" "$work/bin/infostand" \
    || die "target/release/infostand never logs \"$line\": it was built from sources without the page's signals (another checkout sharing target/?); run without COMPARE_BUILD=0"
done

# The peer's site: the same bundle, plus the views the app would give it.
www="$work/www"
mkdir -p "$www"
cp -R "$root/ui/dist/." "$www/"
say "writing the peer's content files from the embedded pack"
(cd "$root" && cargo run --quiet -p infostand-pack --example export_views -- "$www/peer" /peer/) >&2 \
  || die "crates/pack/examples/export_views.rs failed (see above): the peer has no content"

# nginx on a free loopback port: it serves Range requests (films), logs the
# page's two beacons with their times, and asks for every JSON file to be
# revalidated, so the mode swapped between scenarios is always read afresh.
mkdir -p "$work/nginx/tmp"
paint_log="$work/nginx/first-paint.log"
film_log="$work/nginx/film-playing.log"
: >"$paint_log"
: >"$film_log"
port=''
for attempt in 1 2 3 4 5 6 7 8; do
  candidate=$((20000 + RANDOM % 40000))
  # Something answers there: not free.
  if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi
  cat >"$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  types { text/vtt vtt; }
  default_type application/octet-stream;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  log_format beacon '\$msec';
  access_log $work/nginx/access.log;
  server {
    listen 127.0.0.1:$candidate;
    root $www;
    location = /__first-paint { access_log $paint_log beacon; return 204; }
    location = /__film-playing { access_log $film_log beacon; return 204; }
    location ~ \.json\$ { add_header Cache-Control no-cache; }
  }
}
EOF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" >"$work/nginx/stderr.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 1 50); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$candidate/peer/mode.json" 2>/dev/null; then
      port=$candidate
      break
    fi
    alive "$nginx_pid" || break
    sleep 0.1
  done
  [ -n "$port" ] && break
  kill -QUIT "$nginx_pid" 2>/dev/null || true
  wait "$nginx_pid" 2>/dev/null || true
  nginx_pid=''
  say "nginx could not serve on port $candidate (attempt $attempt): $(tail -n 2 "$work/nginx/stderr.log" "$work/nginx/error.log" 2>/dev/null | tr '\n' ' ')"
done
[ -n "$port" ] || die "nginx did not start on any of 8 loopback ports; see the messages above"
url="http://127.0.0.1:$port/"
curl -fsS -o /dev/null "${url}peer/content-sv.json" || die "nginx does not serve the peer's content at ${url}peer/content-sv.json"
say "the peer's site: $url"

mkdir -p "$work/app-home" "$work/peer-home" "$work/peer-profile" "$work/runs"
retried=0
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)

# One run: side, scenario, index (0 = warm-up). Leaves its figures in
# $work/runs/<scenario>-<side>-<index>/result.
run() {
  local side=$1 scenario=$2 index=$3 dir status mode=office attempt
  dir="$work/runs/$scenario-$side-$index"
  run_dir=$dir
  if [ "$side" = peer ]; then
    [ "$scenario" = film ] && mode=kiosk
    cp "$www/peer/mode-$mode.json" "$www/peer/mode.json"
  fi
  # A run that fails (on this shared machine, now and then Xvfb or openbox
  # does not come up) is tried again from scratch, up to RUN_ATTEMPTS times.
  for ((attempt = 1; attempt <= RUN_ATTEMPTS; attempt++)); do
    rm -rf "$dir"
    mkdir -p "$dir"
    status=0
    # dbus-daemon's and AT-SPI's notes on starting are left out (the run
    # itself prints nothing on standard output).
    CMP_PHASE=run CMP_SIDE=$side CMP_SCENARIO=$scenario CMP_RUN_DIR=$dir CMP_OUT="$dir/result" \
      CMP_APP="$work/bin/infostand" CMP_SIDE_HOME="$work/$side-home" CMP_PROFILE="$work/peer-profile" \
      CMP_URL=$url CMP_PAINT_LOG=$paint_log CMP_FILM_LOG=$film_log CMP_IDLE_SECONDS=$idle_seconds CMP_CLK_TCK=$clk_tck \
      CMP_SHOT="$root/artifacts/compare-$side-$scenario.png" \
      dbus-run-session -- bash "$root/bench/compare.sh" > >(grep -v -e '^dbus-daemon\[' -e '^SpiRegistry daemon' >&2) 2>&1 &
    runner=$!
    wait "$runner" || status=$?
    runner=''
    [ "$status" = 0 ] && break
    say "the $side's $scenario run $index failed (status $status, attempt $attempt of $RUN_ATTEMPTS, see above)"
    retried=$((retried + 1))
    sleep 5
  done
  [ "$status" = 0 ] || die "the $side's $scenario run $index failed $RUN_ATTEMPTS times; no results were written"
  local figure
  figure=$(sed -n 's/^value=//p; s/^startup_ms=//p' "$dir/result" | tail -n 1)
  say "$scenario, $side, $([ "$index" = 0 ] && echo warm-up || echo "run $index"): $(tr '\n' ' ' <"$dir/result")"
  [ -n "$figure" ] || die "the $side's $scenario run $index gave no figure"
  # Lets the last run's processes go before the next starts.
  sleep 2
}

for scenario in "${wanted[@]}"; do
  for ((i = 0; i <= runs; i++)); do
    run app "$scenario" "$i"
    run peer "$scenario" "$i"
  done
done
load_after=$(cut -d ' ' -f 1-3 /proc/loadavg)

# ---------------------------------------------------------------------------
# The report.

# The figure of a run: startup_ms for start-up, else value.
figure() {
  local key=value
  [ "$1" = startup ] && key=startup_ms
  sed -n "s/^$key=//p" "$work/runs/$1-$2-$3/result"
}
# A key of a run's result.
result_key() { sed -n "s/^$4=//p" "$work/runs/$1-$2-$3/result"; }
# Whether the film was seen playing in a film run: yes, no or unknown.
playing() {
  local changed
  changed=$(result_key film "$1" "$2" changed)
  if [ -z "$changed" ] || [ "$changed" = unknown ]; then
    echo unknown
  elif awk -v c="$changed" 'BEGIN { exit !(c > 0) }'; then
    echo yes
  else
    echo no
  fi
}

# How a figure is shown: ms, MB (from kB), or % of one core.
show() {
  case $1 in
    startup) awk -v v="$2" 'BEGIN { if (v == "n/a") print v; else printf "%.0f ms", v }' ;;
    rest | film) awk -v v="$2" 'BEGIN { if (v == "n/a") print v; else printf "%.1f MB", v / 1024 }' ;;
    idle) awk -v v="$2" 'BEGIN { if (v == "n/a") print v; else printf "%.2f %%", v }' ;;
  esac
}
ratio() { awk -v v="$1" 'BEGIN { if (v == "n/a") print v; else printf "%.2f", v }'; }

title() {
  case $1 in
    startup) echo "start-up: launch to the first content paint" ;;
    rest) echo "memory at rest: PSS of the whole tree ${REST_SECONDS} s after the first paint (office mode)" ;;
    film) echo "memory with a film playing: PSS of the whole tree about 10 s into the attract loop's film (kiosk mode)" ;;
    idle) echo "idle CPU: the whole tree over ${idle_seconds} s on the start screen (office mode), % of one core" ;;
  esac
}
target_of() {
  case $1 in
    startup) echo "at most 0.5 × the peer" ;;
    rest) echo "at most 0.4 × the peer" ;;
    film) echo "at most 0.5 × the peer" ;;
    idle) echo "under 1 % of one core, and below the peer" ;;
  esac
}

summary=()
details=()
for scenario in "${wanted[@]}"; do
  ratios=''
  for ((i = 1; i <= runs; i++)); do
    a=$(figure "$scenario" app "$i")
    p=$(figure "$scenario" peer "$i")
    ratios+=$(awk -v a="$a" -v p="$p" 'BEGIN { if (p > 0) printf "%.6f\n", a / p }')$'\n'
  done
  read -r am amin amax < <(for ((i = 1; i <= runs; i++)); do figure "$scenario" app "$i"; done | stats)
  read -r pm pmin pmax < <(for ((i = 1; i <= runs; i++)); do figure "$scenario" peer "$i"; done | stats)
  read -r rm rmin rmax < <(printf '%s' "$ratios" | sed '/^$/d' | stats)
  case $scenario in
    startup) limit=0.5 ;;
    rest) limit=0.4 ;;
    film) limit=0.5 ;;
    idle) limit=1 ;;
  esac
  if [ "$scenario" = idle ]; then
    if awk -v a="$am" -v p="$pm" 'BEGIN { exit !(a < 1 && a < p) }'; then met=yes; else met=no; fi
  elif [ "$rm" = n/a ]; then
    met="n/a (the peer's figure was 0)"
  elif awk -v r="$rm" -v l="$limit" 'BEGIN { exit !(r <= l) }'; then
    met=yes
  else
    met=no
  fi
  note=''
  pairs=$(printf '%s' "$ratios" | sed '/^$/d' | wc -l)
  [ "$pairs" = "$runs" ] || note=" (ratio of $pairs pairs of $runs: the peer's figure was 0 in the others)"
  if [ "$scenario" = rest ] || [ "$scenario" = film ]; then
    shared=0
    for ((i = 1; i <= runs; i++)); do
      for side in app peer; do
        [ "$(result_key "$scenario" "$side" "$i" sharers)" = 0 ] || shared=$((shared + 1))
      done
    done
    [ "$shared" = 0 ] || note+=" (in $shared runs other processes on the machine mapped the same engine, which lowers PSS: see below)"
  fi
  if [ "$scenario" = film ]; then
    unconfirmed=0
    for ((i = 1; i <= runs; i++)); do
      for side in app peer; do
        [ "$(playing "$side" "$i")" = yes ] || unconfirmed=$((unconfirmed + 1))
      done
    done
    [ "$unconfirmed" = 0 ] || note+=" (in $unconfirmed runs the film was not seen playing)"
  fi
  summary+=("| $(title "$scenario") | $(show "$scenario" "$am") ($(show "$scenario" "$amin")–$(show "$scenario" "$amax")) | $(show "$scenario" "$pm") ($(show "$scenario" "$pmin")–$(show "$scenario" "$pmax")) | $(ratio "$rm") ($(ratio "$rmin")–$(ratio "$rmax")) | $(target_of "$scenario") | $met$note |")

  # Per run, for the record.
  details+=("" "#### $(title "$scenario")" "")
  case $scenario in
    startup) details+=("| run | Infostand | the app's own count (its log line: since its \`run()\` began) | peer | ratio |" "|---|---|---|---|---|") ;;
    rest) details+=("| run | Infostand | processes, and outside the tree sharing its engine | peer | processes, and outside | ratio |" "|---|---|---|---|---|---|") ;;
    film) details+=("| run | Infostand | processes, and outside the tree sharing its engine; the film | peer | processes, and outside; the film | ratio |" "|---|---|---|---|---|---|") ;;
    idle) details+=("| run | Infostand | clock ticks | peer | clock ticks | ratio |" "|---|---|---|---|---|---|") ;;
  esac
  for ((i = 0; i <= runs; i++)); do
    a=$(figure "$scenario" app "$i")
    p=$(figure "$scenario" peer "$i")
    r=$(awk -v a="$a" -v p="$p" 'BEGIN { if (p > 0) printf "%.2f", a / p; else print "n/a" }')
    label=$i
    [ "$i" = 0 ] && label="warm-up (not counted)"
    case $scenario in
      startup) details+=("| $label | $(show startup "$a") | $(result_key startup app "$i" paint_self_ms) ms | $(show startup "$p") | $r |") ;;
      rest | film)
        extra_a="$(result_key "$scenario" app "$i" processes), $(result_key "$scenario" app "$i" sharers) outside"
        extra_p="$(result_key "$scenario" peer "$i" processes), $(result_key "$scenario" peer "$i" sharers) outside"
        if [ "$scenario" = film ]; then
          extra_a+="; film playing $(show startup "$(result_key film app "$i" film_after_paint_ms)") after the first paint, seen playing: $(playing app "$i")"
          extra_p+="; film playing $(show startup "$(result_key film peer "$i" film_after_paint_ms)") after the first paint, seen playing: $(playing peer "$i")"
        fi
        details+=("| $label | $(show "$scenario" "$a") | $extra_a | $(show "$scenario" "$p") | $extra_p | $r |")
        ;;
      idle) details+=("| $label | $(show idle "$a") | $(result_key idle app "$i" ticks) | $(show idle "$p") | $(result_key idle peer "$i" ticks) | $r |") ;;
    esac
  done

  # Where the memory is: the median PSS of each kind of process over the runs.
  if [ "$scenario" = rest ] || [ "$scenario" = film ]; then
    details+=("" "Median PSS by kind of process (the runs counted):" "" "| side | process | median PSS |" "|---|---|---|")
    for side in app peer; do
      for ((i = 1; i <= runs; i++)); do
        awk -F '\t' -v i="$i" '{ kb[$1] += $2 } END { for (k in kb) printf "%s\t%s\t%s\n", k, i, kb[k] }' \
          "$work/runs/$scenario-$side-$i/processes"
      done >"$work/kinds"
      while IFS= read -r kind; do
        m=$(awk -F '\t' -v k="$kind" '$1 == k { print $3 }' "$work/kinds" | stats | cut -d ' ' -f 1)
        details+=("| $([ "$side" = app ] && echo Infostand || echo peer) | $kind | $(show rest "$m") |")
      done < <(cut -f 1 "$work/kinds" | sort -u)
    done
  fi
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
webkit=$(pkg-config --modversion webkit2gtk-4.1 2>/dev/null || echo unknown)
chromium=$(/usr/bin/chromium --version 2>/dev/null | head -n 1 || echo unknown)
command_line="bash bench/compare.sh"
[ "$runs" != 5 ] && command_line="RUNS=$runs $command_line"
[ "$scenarios" != startup,rest,film,idle ] && command_line="SCENARIOS=$scenarios $command_line"
[ "$idle_seconds" != 60 ] && command_line="COMPARE_IDLE_SECONDS=$idle_seconds $command_line"
[ "$build" != 1 ] && command_line="COMPARE_BUILD=0 $command_line"
[ -n "${PEER_EXTRA_FLAGS:-}" ] && command_line="PEER_EXTRA_FLAGS='$PEER_EXTRA_FLAGS' $command_line"
{
  echo "# Infostand and a browser kiosk side by side, $date"
  echo
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $memory of memory; $(uname -sr); WebKitGTK $webkit; ${chromium:-Chromium unknown}."
  echo "Load average before the runs: $load_before; after: $load_after (this machine is shared: other work slows both sides)."
  echo "Commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "Run with \`$command_line\`: each side $runs times in each scenario, alternating Infostand and the peer, after one warm-up run of each (not counted); each run a fresh process under a fresh Xvfb $SCREEN with openbox, in its own D-Bus session."
  [ "$retried" = 0 ] || echo "$retried run(s) failed (Xvfb, openbox or a side did not come up) and were run again from scratch; only complete runs are counted."
  echo
  echo "Infostand: the release build (\`--features custom-protocol\`) as \`infostand --offline --data-dir <fresh>\` (\`--kiosk\` for the film), a fresh config directory each run. The peer: \`/usr/bin/chromium --kiosk\` with a persistent profile and \`--no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --autoplay-policy=no-user-gesture-required${PEER_EXTRA_FLAGS:+ $PEER_EXTRA_FLAGS}\`, showing the same ui/dist from nginx on loopback, with the content the app would give it (crates/pack/examples/export_views.rs). nginx itself is not counted, nor are the AT-SPI services the session's D-Bus daemon starts when a side asks for them (shown, as not counted, in the breakdowns). PSS splits each shared page between all the processes mapping it, on the whole machine: while other WebKitGTK apps (or other Chromiums) run on this shared machine, the side's share of its engine's code is smaller; so each memory sample also counts the processes outside the side's tree that map its engine (libwebkit2gtk-4.1, /usr/lib/chromium/chromium), and a figure taken beside such processes is lower than the same side would show alone."
  echo
  echo "Start-up is from the harness's launch timestamp to the page's signal after the frame with the start screen's content was painted (the app's log line, the peer's beacon logged by nginx). Memory is PSS (/proc/PID/smaps_rollup), 1 MB = 1024 kB, summed over the main process, all its descendants and, for Chromium, its crash handlers (they detach from its tree). The film sample is taken $FILM_SECONDS s after the page's signal that its first film (the attract loop's, started as soon as the start screen has content) began playing, the same way as the first paint (the app's log line \"first film playing\", the peer's beacon); two screenshots 1 s apart, after the sample, confirm it was playing. Idle CPU is utime + stime + cutime + cstime of the same processes over $idle_seconds s, from $IDLE_SETTLE_SECONDS s after the first paint. Ratios are Infostand/peer, run i with run i; a target is met when the median ratio is within it (for idle CPU: when Infostand's median is under 1 % and under the peer's median)."
  echo
  echo "| scenario | Infostand: median (min–max) | peer: median (min–max) | ratio Infostand/peer, pair by pair: median (min–max) | target | met |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${summary[@]}"
  echo
  echo "### Every run"
  printf '%s\n' "${details[@]}"
} | tee "$out"
echo >&2 "compare: written to ${out#"$root"/}; screenshots of the latest runs in artifacts/compare-*.png"
