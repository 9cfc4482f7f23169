#!/usr/bin/env bash
# Infostand beside its floor and beside a browser kiosk (issues 5 and 17):
# start-up, memory at rest, memory with a film playing, and idle CPU, for
# three sides showing the same UI bundle, under X11 and under cage
# (Wayland):
# - Infostand, the app;
# - the bare engine: the least a WebKitGTK host can be (bench/bare/), the
#   floor under Infostand: what WebKitGTK itself costs with this page;
# - the peer: Debian's Chromium in --kiosk mode.
#
#   bash bench/compare.sh                                   # everything, 5 runs each (about 90 minutes)
#   RUNS=1 SCENARIOS=startup,rest DISPLAYS=x11 bash bench/compare.sh   # a short check
#
# It builds the release app (`npm --prefix ui run build`, then `cargo build
# --release --features custom-protocol -p infostand`, as bench/soak.sh does)
# and the bare engine (cc, against webkit2gtk-4.1), prepares the site the
# bare engine and the peer show, and runs each scenario for the three sides,
# in turn, after one warm-up run of each (not counted), RUNS times; the
# order of the sides turns by one from run to run, so none is always first.
# Every run is a fresh process on a fresh screen inside its own D-Bus
# session. It prints a table and writes it, with a note of this machine, to
# bench/results/compare-<date>.md; overheads and ratios are computed pair by
# pair (run i of one side with run i of another), since this shared machine
# is noisy and only comparisons within a run hold.
#
# The displays (DISPLAYS, comma-separated, default both):
# - x11: a fresh Xvfb (1280x800x24) with openbox as the window manager, the
#   session started with dbus-run-session, everything as this user.
# - cage: a fresh cage (0.1.4 on Debian 12: wlroots' headless backend drawn
#   with pixman, with Xwayland, as on a stand; its one output is 1280x720
#   and cannot be changed) started by bench/display.sh's start_cage as
#   CAGE_USER (cage refuses root) in that user's own D-Bus session; the side
#   runs as the same user, with cage's variables, as a Wayland client. The
#   measuring stays with this (root) shell, which reads every process.
#
# The sides:
# - Infostand: target/release/infostand (copied into the work dir first, so
#   a build sharing target/ during the runs cannot swap it) as
#   `infostand --offline --data-dir <kept>`, with
#   RUST_LOG unset (its default filter logs infostand_app at info), its own
#   XDG_CONFIG_HOME for each run (so no config file and no saved window
#   state interfere), and its own HOME, XDG_DATA_HOME, XDG_CACHE_HOME and
#   data directory kept across the runs of one invocation and display
#   (WebKit's caches stay warm, like the peer's profile, and the built-in
#   films are installed into the media store once, by the warm-up run, as
#   on a stand that has started before: a first start reads the 3.5 MB of
#   films out of the binary, and those pages stay resident). Its office window opens at 1280x800.
# - The bare engine: bench/bare/bare-webkit.c, one GTK window with one
#   WebKit view, with the WebKit settings Infostand uses (compositing off,
#   one document's cache model, no page cache, WebGL or Web Audio) and
#   nothing of Infostand's own; 1280x800 in office mode, fullscreen for the
#   film (kiosk mode). It shows the page from nginx, as the peer does, with
#   its own HOME kept across runs like the others.
# - The peer: /usr/bin/chromium --kiosk (fullscreen) with a persistent
#   profile (a directory under the work dir, kept across the runs of one
#   invocation and display; the warm-up run fills it) and --no-sandbox
#   --disable-gpu --disable-background-networking --disable-component-update
#   --disable-sync --no-first-run --autoplay-policy=no-user-gesture-required,
#   and --ozone-platform=wayland under cage. PEER_EXTRA_FLAGS
#   (space-separated) adds flags, for trying.
# The bare engine and the peer show the same ui/dist from nginx on a free
# loopback port. Outside Tauri the UI reads its content from JSON files
# beside the page (ui/src/staticIpc.ts); crates/pack/examples/export_views.rs
# writes them from the embedded pack by the app's own code path, with the
# media beside them.
#
# The scenarios (SCENARIOS, comma-separated, default all four):
# - startup: from the harness's launch timestamp to the page's signal of its
#   first content paint (the UI signals after the frame with the start
#   screen's content is painted): the app logs "first content painted" with
#   an RFC 3339 timestamp on stderr; in the bare engine and the peer the page
#   sends a beacon to /__first-paint, which nginx logs with $msec in its own
#   access log.
# - rest: summed PSS (/proc/PID/smaps_rollup) of the whole process tree, 10 s
#   after that signal, in office mode. Chromium's crash handlers detach from
#   its tree (they are re-parented to init), so they are found by their
#   command line (it names the crash database under the peer's HOME in the
#   work dir) and counted too. What the session's D-Bus daemon starts on a
#   side's behalf (AT-SPI's bus and registry) is outside every tree: it is
#   not counted, but shown beside the breakdown. The display server (Xvfb
#   and openbox, or cage and its Xwayland) is not counted either. PSS shares
#   a page among all the processes on the machine that map it, so another
#   WebKitGTK app (or Chromium) running meanwhile lowers a side's figure:
#   each sample counts such processes, and the table flags the runs that had
#   any. So each sample also takes the tree's footprint (bench/footprint.c):
#   its resident pages, each counted once however many processes (in the
#   tree or out) map it, read from /proc/PID/pagemap; it does not move with
#   what else runs, and it is what the side would cost a machine of its
#   own, plus what it would share there with the display server (a few MB
#   of libc, GLib and X or Wayland libraries). The table shows both.
# - film: the same, "10 s into a film": Infostand started with --kiosk, the
#   others' mode.json saying kiosk (the bare engine's window fullscreen), so
#   the attract loop starts playing a film (muted) as soon as the start
#   screen has content. The page signals the first film's "playing" event
#   the same way as its first paint (the app logs "first film playing"; the
#   others' page sends a beacon to /__film-playing), and the sample is taken
#   10 s after that signal. Two screenshots 1 s apart (ImageMagick's import
#   under X11, grim under cage), after the sample, confirm the film was
#   playing (the table says if not).
# - idle: CPU time (utime + stime + cutime + cstime from /proc/PID/stat, in
#   clock ticks) of the whole tree over COMPARE_IDLE_SECONDS (default 60),
#   starting 10 s after the signal, on the start screen in office mode, as %
#   of one core.
#
# Overrides for short checks and tries (any of them sends the table to
# bench/results/tmp/, which is not committed): RUNS (default 5), SCENARIOS,
# DISPLAYS, SIDES (comma-separated, of app,bare,peer; the default all
# three), COMPARE_IDLE_SECONDS (at least 5), COMPARE_BUILD=0 (use the
# release binary and ui/dist as they are), PEER_EXTRA_FLAGS, and
# APP_EXTRA_ENV and BARE_EXTRA_ENV (space-separated NAME=value pairs added to
# that side's environment, e.g. JSC_useJIT=0).
#
# Not part of any test command. Installs what it needs first with
# `bash .ci/setup bench`: what the tests need (Xvfb, dbus, nginx, openbox,
# ImageMagick, cage, Xwayland), Debian's Chromium and grim.
set -euo pipefail
export LC_NUMERIC=C # $EPOCHREALTIME and printf with a decimal point

# ---------------------------------------------------------------------------
# Helpers, used by both phases.

# process_table, descendants, pss_kb, alive (shared with bench/soak.sh).
source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
# start_display, start_cage, stop_groups.
source "$(dirname "${BASH_SOURCE[0]}")/display.sh"
# build_release.
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

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
# The X11 screen (the app's office window opens at 1280x800; the bare
# engine's too; the peer is fullscreen on it).
readonly SCREEN=1280x800x24
# cage's headless output, for the report: wlroots 0.16's fixed size, which
# cage 0.1.4 offers no way to change (no output management).
readonly CAGE_OUTPUT=1280x720
# cage refuses to run as root: it and the sides under it run as this user
# (as ui/e2e/cage.test.mjs does).
readonly CAGE_USER=nobody
# Every side, display and scenario, in the report's order.
readonly ALL_SIDES=app,bare,peer
readonly ALL_DISPLAYS=x11,cage
readonly ALL_SCENARIOS=startup,rest,film,idle
# Issue 17's targets against the floor: Infostand's memory at most this many
# per cent over the bare engine's (at rest and with a film), and its
# start-up at most this many milliseconds over the bare engine's.
readonly FLOOR_MEMORY_PERCENT=5
readonly FLOOR_STARTUP_MS=50
# Issue 5's targets against the peer: Infostand/peer at most these, and idle
# CPU under IDLE_PERCENT of one core and under the peer's.
readonly PEER_STARTUP_RATIO=0.5
readonly PEER_REST_RATIO=0.4
readonly PEER_FILM_RATIO=0.5
readonly IDLE_PERCENT=1

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
    bare-webkit) echo "bare-webkit (C, GTK)" ;;
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
  sed '/^$/d' | sort -g | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "n/a n/a n/a"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.6f %.6f %.6f\n", m, v[1], v[NR]
    }'
}

# ---------------------------------------------------------------------------
# The run phase: one run of one side in one scenario on one display. Under
# X11 it runs inside its own dbus-run-session; under cage it starts cage's
# session itself. Writes "key=value" lines to $CMP_OUT.

run_one() {
  # shellcheck disable=SC2034 # mine_groups is bench/display.sh's (start_cage, stop_groups)
  work=$CMP_RUN_DIR root_pid='' mine=() mine_groups=() extra_marker=''
  local side=$CMP_SIDE scenario=$CMP_SCENARIO display=$CMP_DISPLAY out=$CMP_OUT
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
      # Chromium saves its profile on SIGTERM; the others have nothing to save.
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
    stop_groups
    rm -f "$work/run.pid"
  }
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  # Under cage the side runs as CAGE_USER, and what it writes must be its.
  local as_user=()
  own() { :; }
  if [ "$display" = cage ]; then
    as_user=(setpriv "--reuid=$(id -u "$CAGE_USER")" "--regid=$(id -g "$CAGE_USER")" --clear-groups)
    own() { chown -R "$(id -u "$CAGE_USER"):$(id -g "$CAGE_USER")" "$@"; }
    start_cage "$CAGE_USER" "$work"
  else
    start_display "$SCREEN" "$work"
  fi

  # A screenshot of the whole screen into $1.
  screenshot() {
    if [ "$display" = cage ]; then
      "${as_user[@]}" grim "$work/shot.png" 2>/dev/null && mv "$work/shot.png" "$1"
    else
      import -window root "$1" 2>/dev/null
    fi
  }
  can_screenshot() {
    if [ "$display" = cage ]; then command -v grim >/dev/null; else command -v import >/dev/null; fi
  }

  export HOME=$CMP_SIDE_HOME NO_AT_BRIDGE=1
  export XDG_DATA_HOME="$HOME/.local/share" XDG_CACHE_HOME="$HOME/.cache"
  unset RUST_LOG
  local log="$work/$side.log" t0 paint_before=0 film_before=0 extra_env=''
  local command=()
  case $side in
    app)
      # A fresh config for each run: no config file, no saved window state.
      export XDG_CONFIG_HOME="$work/config" NO_COLOR=1
      mkdir -p "$XDG_CONFIG_HOME" "$CMP_APP_DATA"
      own "$XDG_CONFIG_HOME" "$CMP_APP_DATA"
      command=("$CMP_APP" --offline --data-dir "$CMP_APP_DATA")
      [ "$scenario" = film ] && command+=(--kiosk)
      extra_env=${APP_EXTRA_ENV:-}
      ;;
    bare)
      export XDG_CONFIG_HOME="$HOME/.config"
      command=("$CMP_BARE" "$CMP_URL")
      [ "$scenario" = film ] && command+=(--fullscreen)
      extra_env=${BARE_EXTRA_ENV:-}
      ;;
    peer)
      export XDG_CONFIG_HOME="$HOME/.config"
      extra_marker="$XDG_CONFIG_HOME/chromium/Crash Reports"
      command=(/usr/bin/chromium --kiosk "--user-data-dir=$CMP_PROFILE" --no-sandbox --disable-gpu
        --disable-background-networking --disable-component-update --disable-sync --no-first-run
        --autoplay-policy=no-user-gesture-required)
      [ "$display" = cage ] && command+=(--ozone-platform=wayland)
      # shellcheck disable=SC2206 # split on spaces by design
      [ -n "${PEER_EXTRA_FLAGS:-}" ] && command+=($PEER_EXTRA_FLAGS)
      command+=("$CMP_URL")
      ;;
  esac
  if [ "$side" != app ]; then
    paint_before=$(wc -l <"$CMP_PAINT_LOG")
    film_before=$(wc -l <"$CMP_FILM_LOG")
  fi
  # shellcheck disable=SC2206 # NAME=value pairs split on spaces by design
  [ -n "$extra_env" ] && command=(env $extra_env "${command[@]}")
  command=("${as_user[@]}" "${command[@]}")
  mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"
  own "$HOME"
  [ "$side" = peer ] && own "$CMP_PROFILE"

  : >"$log" # there before the side writes to it: the signal is read from it
  t0=$EPOCHREALTIME
  "${command[@]}" >"$log" 2>&1 &
  root_pid=$!

  # Waits for the page's signal $1 (paint: its first content paint; film:
  # its first film playing) and sets $signal to its time, in seconds since
  # the epoch. The app logs them with an RFC 3339 timestamp; the others'
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
        die "no \"$pattern\" beacon from the $side reached nginx within $SIGNAL_TIMEOUT_SECONDS s; its log: $log"
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
  # (under X11 dbus-run-session's descendants: its daemon, this shell, Xvfb,
  # openbox and the side; under cage this shell's: the session, cage and
  # the side) and the side's other members (Chromium's crash handlers).
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
    [ "$side" = peer ] || engine=libwebkit2gtk-4.1.so
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
    # The same processes' footprint: each resident page once (bench/footprint.c).
    # shellcheck disable=SC2046 # one PID a word
    echo "footprint=$("$CMP_FOOTPRINT" $(members) | cut -d ' ' -f 1)"
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
      if can_screenshot && command -v compare >/dev/null; then
        screenshot "$work/a.png" || true
        sleep 1
        screenshot "$work/b.png" || true
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
  if [ "$scenario" != startup ] && can_screenshot; then
    screenshot "$CMP_SHOT" || true
  fi
}

if [ "${CMP_PHASE:-}" = run ]; then
  run_one
  exit 0
fi

# ---------------------------------------------------------------------------
# The main phase: checks, build, the site, the runs, the report.

root=$(cd "$(dirname "$0")/.." && pwd)
date=$(date +%Y-%m-%d)
runs=${RUNS:-5}
scenarios=${SCENARIOS:-$ALL_SCENARIOS}
displays=${DISPLAYS:-$ALL_DISPLAYS}
sides_list=${SIDES:-$ALL_SIDES}
idle_seconds=${COMPARE_IDLE_SECONDS:-60}
build=${COMPARE_BUILD:-1}

if ! [[ $runs =~ ^[0-9]+$ ]] || [ "$runs" -lt 1 ]; then
  die "RUNS must be a whole number, at least 1 (got \"$runs\"); the default is 5"
fi
if ! [[ $idle_seconds =~ ^[0-9]+$ ]] || [ "$idle_seconds" -lt 5 ]; then
  die "COMPARE_IDLE_SECONDS must be a whole number of seconds, at least 5 (got \"$idle_seconds\"); the issue asks for 60"
fi
[[ $build =~ ^[01]$ ]] || die "COMPARE_BUILD must be 1 (build first, the default) or 0 (use the build there is)"
# Checks a comma-separated list ($2, named $1) against the allowed ($3) and
# prints it in the allowed order, one a line.
pick() {
  local name=$1 given=$2 allowed=$3 item
  IFS=, read -r -a items <<<"$given"
  [ ${#items[@]} -gt 0 ] || die "$name is empty; name some of $allowed"
  for item in "${items[@]}"; do
    [[ ,$allowed, == *,"$item",* ]] || die "$name names \"$item\", which is not one of $allowed"
  done
  IFS=, read -r -a items <<<"$allowed"
  for item in "${items[@]}"; do
    [[ ,$given, == *,"$item",* ]] && echo "$item"
  done
  return 0
}
mapfile -t wanted < <(pick SCENARIOS "$scenarios" "$ALL_SCENARIOS")
mapfile -t screens < <(pick DISPLAYS "$displays" "$ALL_DISPLAYS")
mapfile -t sides < <(pick SIDES "$sides_list" "$ALL_SIDES")
[ ${#wanted[@]} -gt 0 ] && [ ${#screens[@]} -gt 0 ] && [ ${#sides[@]} -gt 0 ] || exit 1
has_side() { [[ " ${sides[*]} " == *" $1 "* ]]; }

# Installs what is missing (as the tests' setup does, plus Chromium and grim).
bash "$root/.ci/setup" bench
for tool in Xvfb xprop dbus-run-session nginx curl cc pkg-config setpriv setsid; do
  command -v "$tool" >/dev/null || die "$tool is missing: run \`bash .ci/setup bench\` (Xvfb, x11-utils, dbus, nginx, curl, a C compiler, util-linux)"
done
command -v openbox >/dev/null || die "openbox is missing: install it (\`sudo apt-get install openbox\`), then run this again"
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing: the peer is Debian's Chromium (\`sudo apt-get install chromium\`)"
if [[ " ${screens[*]} " == *" cage "* ]]; then
  command -v cage >/dev/null || die "cage is missing: run \`bash .ci/setup bench\`"
  [ "$(id -u)" = 0 ] || die "the cage display needs root, to run cage and the sides as $CAGE_USER (cage refuses root); run as root, or with DISPLAYS=x11"
  id "$CAGE_USER" >/dev/null 2>&1 || die "there is no user $CAGE_USER to run cage as"
  command -v grim >/dev/null || say "grim is missing: whether the film played under cage cannot be confirmed (\`bash .ci/setup bench\` installs it)"
fi
if [[ " ${wanted[*]} " == *" film "* ]] && ! command -v compare >/dev/null; then
  say "ImageMagick is missing: whether the film played cannot be confirmed (\`bash .ci/setup run\` installs it)"
fi
clk_tck=$(getconf CLK_TCK) || die "getconf CLK_TCK failed: the clock tick is needed for the CPU figures"

modified=0
if [ "$runs" != 5 ] || [ "$scenarios" != "$ALL_SCENARIOS" ] || [ "$displays" != "$ALL_DISPLAYS" ] \
  || [ "$sides_list" != "$ALL_SIDES" ] || [ "$idle_seconds" != 60 ] || [ "$build" != 1 ] \
  || [ -n "${PEER_EXTRA_FLAGS:-}" ] || [ -n "${APP_EXTRA_ENV:-}" ] || [ -n "${BARE_EXTRA_ENV:-}" ]; then
  modified=1
  results="$root/bench/results/tmp"
  say "a short or modified run: the table goes to ${results#"$root"/}/ (not committed)"
else
  results="$root/bench/results"
fi
out="$results/compare-$date.md"
mkdir -p "$results" "$root/artifacts"

if [ "$build" = 1 ]; then
  say "building the UI and the release app (several minutes when the sources changed)"
  build_release
fi
if has_side app; then
  [ -x "$root/target/release/infostand" ] || die "target/release/infostand is missing: run without COMPARE_BUILD=0"
fi
[ -f "$root/ui/dist/index.html" ] || die "ui/dist/index.html is missing: run \`npm --prefix ui run build\` or run without COMPARE_BUILD=0"

work=$(mktemp -d)
# nginx's workers run as another user when it is started as root, and under
# cage the sides run as CAGE_USER: both must reach what is here.
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
if has_side app; then
  cp "$root/target/release/infostand" "$work/bin/infostand"
  for line in 'first content painted' 'first film playing'; do
    grep -qF "$line" "$work/bin/infostand" \
      || die "target/release/infostand never logs \"$line\": it was built from sources without the page's signals (another checkout sharing target/?); run without COMPARE_BUILD=0"
  done
fi
# The memory footprint of a process group (each page once; see the header).
cc -O2 -o "$work/bin/footprint" "$root/bench/footprint.c" || die "bench/footprint.c did not build"
# The bare engine: a few lines of C against the system's WebKitGTK.
if has_side bare; then
  # shellcheck disable=SC2046 # pkg-config's flags are words
  cc -O2 -o "$work/bin/bare-webkit" "$root/bench/bare/bare-webkit.c" $(pkg-config --cflags --libs webkit2gtk-4.1) \
    || die "bench/bare/bare-webkit.c did not build (needs libwebkit2gtk-4.1-dev: \`bash .ci/setup run\`)"
fi

# The site the bare engine and the peer show: the same bundle, plus the
# views the app would give them.
www="$work/www"
mkdir -p "$www"
cp -R "$root/ui/dist/." "$www/"
say "writing the site's content files from the embedded pack"
(cd "$root" && cargo run --quiet -p infostand-pack --example export_views -- "$www/peer" /peer/) >&2 \
  || die "crates/pack/examples/export_views.rs failed (see above): the site has no content"

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
curl -fsS -o /dev/null "${url}peer/content-sv.json" || die "nginx does not serve the site's content at ${url}peer/content-sv.json"
say "the site: $url"

# Each side's HOME (and the peer's profile) per display, kept across the
# runs; under cage they belong to CAGE_USER.
mkdir -p "$work/runs"
for screen in "${screens[@]}"; do
  for side in "${sides[@]}"; do mkdir -p "$work/homes/$screen-$side"; done
  mkdir -p "$work/homes/$screen-peer-profile"
  if [ "$screen" = cage ]; then
    chown -R "$(id -u "$CAGE_USER"):$(id -g "$CAGE_USER")" "$work/homes"/cage-*
  fi
done
retried=0
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)

# One run: display, side, scenario, index (0 = warm-up). Leaves its figures
# in $work/runs/<display>-<scenario>-<side>-<index>/result.
run() {
  local screen=$1 side=$2 scenario=$3 index=$4 dir status mode=office attempt session=()
  dir="$work/runs/$screen-$scenario-$side-$index"
  run_dir=$dir
  if [ "$side" != app ]; then
    [ "$scenario" = film ] && mode=kiosk
    cp "$www/peer/mode-$mode.json" "$www/peer/mode.json"
  fi
  # Under X11 the run is inside a D-Bus session of its own; under cage the
  # run starts CAGE_USER's session itself.
  [ "$screen" = x11 ] && session=(dbus-run-session --)
  # A run that fails (on this shared machine, now and then Xvfb or openbox
  # does not come up) is tried again from scratch, up to RUN_ATTEMPTS times.
  for ((attempt = 1; attempt <= RUN_ATTEMPTS; attempt++)); do
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$screen" = cage ] && chown "$(id -u "$CAGE_USER"):$(id -g "$CAGE_USER")" "$dir"
    status=0
    # dbus-daemon's and AT-SPI's notes on starting are left out (the run
    # itself prints nothing on standard output).
    CMP_PHASE=run CMP_DISPLAY=$screen CMP_SIDE=$side CMP_SCENARIO=$scenario CMP_RUN_DIR=$dir CMP_OUT="$dir/result" \
      CMP_APP="$work/bin/infostand" CMP_BARE="$work/bin/bare-webkit" CMP_FOOTPRINT="$work/bin/footprint" CMP_SIDE_HOME="$work/homes/$screen-$side" CMP_APP_DATA="$work/homes/$screen-app-data" \
      CMP_PROFILE="$work/homes/$screen-peer-profile" \
      CMP_URL=$url CMP_PAINT_LOG=$paint_log CMP_FILM_LOG=$film_log CMP_IDLE_SECONDS=$idle_seconds CMP_CLK_TCK=$clk_tck \
      CMP_SHOT="$root/artifacts/compare-$screen-$side-$scenario.png" \
      "${session[@]}" bash "$root/bench/compare.sh" > >(grep -v -e '^dbus-daemon\[' -e '^SpiRegistry daemon' >&2) 2>&1 &
    runner=$!
    wait "$runner" || status=$?
    runner=''
    [ "$status" = 0 ] && break
    say "the $side's $scenario run $index on $screen failed (status $status, attempt $attempt of $RUN_ATTEMPTS, see above)"
    retried=$((retried + 1))
    sleep 5
  done
  [ "$status" = 0 ] || die "the $side's $scenario run $index on $screen failed $RUN_ATTEMPTS times; no results were written"
  local figure
  figure=$(sed -n 's/^value=//p; s/^startup_ms=//p' "$dir/result" | tail -n 1)
  say "$screen, $scenario, $side, $([ "$index" = 0 ] && echo warm-up || echo "run $index"): $(tr '\n' ' ' <"$dir/result")"
  [ -n "$figure" ] || die "the $side's $scenario run $index on $screen gave no figure"
  # Lets the last run's processes go before the next starts.
  sleep 2
}

for screen in "${screens[@]}"; do
  for scenario in "${wanted[@]}"; do
    for ((i = 0; i <= runs; i++)); do
      # The order turns by one each run.
      for ((k = 0; k < ${#sides[@]}; k++)); do
        run "$screen" "${sides[$(((i + k) % ${#sides[@]}))]}" "$scenario" "$i"
      done
    done
  done
done
load_after=$(cut -d ' ' -f 1-3 /proc/loadavg)

# ---------------------------------------------------------------------------
# The report.

# The figure of a run (display scenario side index): startup_ms for
# start-up, else value (PSS for memory); for "rest+footprint" and
# "film+footprint" the same run's footprint; empty for a side not run.
figure() {
  local scenario=${2%+*} key=value file
  [ "$scenario" = startup ] && key=startup_ms
  [[ $2 == *+footprint ]] && key=footprint
  file="$work/runs/$1-$scenario-$3-$4/result"
  [ -f "$file" ] && sed -n "s/^$key=//p" "$file"
  return 0
}
# A key of a run's result (display scenario side index key).
result_key() {
  local file="$work/runs/$1-$2-$3-$4/result"
  [ -f "$file" ] && sed -n "s/^$5=//p" "$file"
  return 0
}
# Whether the film was seen playing in a film run (display side index): yes,
# no or unknown.
playing() {
  local changed
  changed=$(result_key "$1" film "$2" "$3" changed)
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
    startup) awk -v v="$2" 'BEGIN { if (v == "n/a" || v == "") print "n/a"; else printf "%.0f ms", v }' ;;
    rest* | film*) awk -v v="$2" 'BEGIN { if (v == "n/a" || v == "") print "n/a"; else printf "%.1f MB", v / 1024 }' ;;
    idle) awk -v v="$2" 'BEGIN { if (v == "n/a" || v == "") print "n/a"; else printf "%.2f %%", v }' ;;
  esac
}
# "median (min–max)" of a side's figures.
spread() {
  local m lo hi
  read -r m lo hi < <(for ((i = 1; i <= runs; i++)); do figure "$1" "$2" "$3" "$i"; done | stats)
  if [ "$m" = n/a ]; then echo "—"; else echo "$(show "$2" "$m") ($(show "$2" "$lo")–$(show "$2" "$hi"))"; fi
}
# Pair by pair, one a line: the ratio of side $3 to side $4 (display $1,
# scenario $2); with $5 = difference, $3 minus $4; with $5 = percent, how
# many per cent $3 is over $4.
pairs() {
  local a b
  for ((i = 1; i <= runs; i++)); do
    a=$(figure "$1" "$2" "$3" "$i")
    b=$(figure "$1" "$2" "$4" "$i")
    if [ -z "$a" ] || [ -z "$b" ]; then continue; fi
    awk -v a="$a" -v b="$b" -v how="${5:-ratio}" 'BEGIN {
      if (how == "difference") printf "%.6f\n", a - b
      else if (b > 0 && how == "percent") printf "%.6f\n", (a / b - 1) * 100
      else if (b > 0) printf "%.6f\n", a / b
    }'
  done
}
# "median (min–max)" of pairs, formatted by $1: ratio, percent, ms, MB
# (from kB) or points (of one core).
pair_spread() {
  local format=$1 m lo hi
  shift
  read -r m lo hi < <(pairs "$@" | stats)
  [ "$m" = n/a ] && {
    echo "—"
    return
  }
  awk -v m="$m" -v lo="$lo" -v hi="$hi" -v f="$format" 'BEGIN {
    if (f == "ratio") printf "%.2f (%.2f–%.2f)", m, lo, hi
    else if (f == "percent") printf "%+.1f %% (%+.1f–%+.1f)", m, lo, hi
    else if (f == "ms") printf "%+.0f ms (%+.0f–%+.0f)", m, lo, hi
    else if (f == "MB") printf "%+.1f MB (%+.1f–%+.1f)", m / 1024, lo / 1024, hi / 1024
    else printf "%+.2f points (%+.2f–%+.2f)", m, lo, hi
  }'
}
# The median of pairs, bare.
pair_median() { pairs "$@" | stats | cut -d ' ' -f 1; }

title() {
  case $1 in
    startup) echo "start-up: launch to the first content paint" ;;
    rest) echo "memory at rest: PSS of the whole tree ${REST_SECONDS} s after the first paint (office mode)" ;;
    film) echo "memory with a film playing: PSS of the whole tree ${FILM_SECONDS} s into the attract loop's film (kiosk mode)" ;;
    idle) echo "idle CPU: the whole tree over ${idle_seconds} s on the start screen (office mode), % of one core" ;;
  esac
}
short_title() {
  case $1 in
    startup) echo "start-up to the first content paint" ;;
    rest) echo "memory at rest, PSS" ;;
    film) echo "memory with a film playing, PSS" ;;
    rest+footprint) echo "memory at rest, footprint (each page once)" ;;
    film+footprint) echo "memory with a film playing, footprint (each page once)" ;;
    idle) echo "idle CPU over ${idle_seconds} s" ;;
  esac
}
display_title() {
  case $1 in
    x11) echo "X11: Xvfb ${SCREEN%x*}, openbox" ;;
    cage) echo "Wayland: cage $(cage -v 2>&1 | grep -o '[0-9][0-9.]*' | head -n 1), headless (pixman), $CAGE_OUTPUT" ;;
  esac
}
side_name() {
  case $1 in
    app) echo Infostand ;;
    bare) echo "bare engine" ;;
    peer) echo Chromium ;;
  esac
}
# Whether the median $1 meets "at most $2" (n/a when there is none).
within() {
  if [ "$1" = n/a ]; then
    echo n/a
  elif awk -v v="$1" -v l="$2" 'BEGIN { exit !(v <= l) }'; then
    echo yes
  else
    echo "**no**"
  fi
}

report=()
for screen in "${screens[@]}"; do
  report+=("" "## $(display_title "$screen")" "")
  report+=("| scenario | Infostand | bare engine | Chromium | Infostand over the bare engine, pair by pair | target | met | Infostand / Chromium, pair by pair | target | met | bare engine / Chromium |")
  report+=("|---|---|---|---|---|---|---|---|---|---|---|")
  details=()
  for scenario in "${wanted[@]}"; do
    # Memory is shown twice: as PSS, and as the footprint (each page once).
    measures=("$scenario")
    case $scenario in rest | film) measures+=("$scenario+footprint") ;; esac
    for measure in "${measures[@]}"; do
      # Against the floor.
      case $scenario in
        startup)
          over=$(pair_spread ms "$screen" startup app bare difference)
          floor_target="at most +$FLOOR_STARTUP_MS ms"
          floor_met=$(within "$(pair_median "$screen" startup app bare difference)" "$FLOOR_STARTUP_MS")
          ;;
        rest | film)
          over="$(pair_spread percent "$screen" "$measure" app bare percent), $(pair_spread MB "$screen" "$measure" app bare difference)"
          floor_target="at most +$FLOOR_MEMORY_PERCENT %"
          floor_met=$(within "$(pair_median "$screen" "$measure" app bare percent)" "$FLOOR_MEMORY_PERCENT")
          ;;
        idle)
          over=$(pair_spread points "$screen" idle app bare difference)
          floor_target="—"
          floor_met="—"
          ;;
      esac
      [ "$over" = "—, —" ] && over="—"
      # Against the peer.
      ratio_app=$(pair_spread ratio "$screen" "$measure" app peer)
      ratio_bare=$(pair_spread ratio "$screen" "$measure" bare peer)
      case $scenario in
        startup) limit=$PEER_STARTUP_RATIO ;;
        rest) limit=$PEER_REST_RATIO ;;
        film) limit=$PEER_FILM_RATIO ;;
      esac
      if [ "$scenario" = idle ]; then
        peer_target="under $IDLE_PERCENT % of one core, and below Chromium"
        am=$(for ((i = 1; i <= runs; i++)); do figure "$screen" idle app "$i"; done | stats | cut -d ' ' -f 1)
        pm=$(for ((i = 1; i <= runs; i++)); do figure "$screen" idle peer "$i"; done | stats | cut -d ' ' -f 1)
        if [ "$am" = n/a ] || [ "$pm" = n/a ]; then
          peer_met=n/a
        elif awk -v a="$am" -v p="$pm" -v l="$IDLE_PERCENT" 'BEGIN { exit !(a < l && a < p) }'; then
          peer_met=yes
        else
          peer_met="**no**"
        fi
      else
        peer_target="at most $limit ×"
        peer_met=$(within "$(pair_median "$screen" "$measure" app peer)" "$limit")
      fi
      note=''
      if [ "$measure" = rest ] || [ "$measure" = film ]; then
        shared=0
        for ((i = 1; i <= runs; i++)); do
          for side in "${sides[@]}"; do
            [ "$(result_key "$screen" "$scenario" "$side" "$i" sharers)" = 0 ] || shared=$((shared + 1))
          done
        done
        [ "$shared" = 0 ] || note+=" (in $shared runs other processes on the machine mapped the same engine, which lowers PSS: see below)"
      fi
      if [ "$scenario" = film ]; then
        unconfirmed=0
        for ((i = 1; i <= runs; i++)); do
          for side in "${sides[@]}"; do
            [ "$(playing "$screen" "$side" "$i")" = yes ] || unconfirmed=$((unconfirmed + 1))
          done
        done
        [ "$unconfirmed" = 0 ] || note+=" (in $unconfirmed runs the film was not seen playing)"
      fi
      report+=("| $(short_title "$measure")$note | $(spread "$screen" "$measure" app) | $(spread "$screen" "$measure" bare) | $(spread "$screen" "$measure" peer) | $over | $floor_target | $floor_met | $ratio_app | $peer_target | $peer_met | $ratio_bare |")
    done

    # Per run, for the record.
    details+=("" "#### $(display_title "$screen"): $(title "$scenario")" "")
    header="| run"
    for side in "${sides[@]}"; do
      case $scenario in
        startup) header+=" | $(side_name "$side")" ;;
        rest) header+=" | $(side_name "$side") (PSS) | its footprint; processes, and outside the tree sharing its engine" ;;
        film) header+=" | $(side_name "$side") (PSS) | its footprint; processes, and outside the tree sharing its engine; the film" ;;
        idle) header+=" | $(side_name "$side") | clock ticks" ;;
      esac
    done
    [ "$scenario" = startup ] && has_side app && header+=" | the app's own count (its log line: since its \`run()\` began)"
    details+=("$header |" "$(awk -F '|' '{ s = "|"; for (i = 2; i < NF; i++) s = s "---|"; print s }' <<<"$header |")")
    for ((i = 0; i <= runs; i++)); do
      label=$i
      [ "$i" = 0 ] && label="warm-up (not counted)"
      row="| $label"
      for side in "${sides[@]}"; do
        v=$(figure "$screen" "$scenario" "$side" "$i")
        row+=" | $(show "$scenario" "$v")"
        case $scenario in
          rest | film)
            extra="footprint $(show rest "$(result_key "$screen" "$scenario" "$side" "$i" footprint)"); $(result_key "$screen" "$scenario" "$side" "$i" processes), $(result_key "$screen" "$scenario" "$side" "$i" sharers) outside"
            if [ "$scenario" = film ]; then
              extra+="; playing $(show startup "$(result_key "$screen" film "$side" "$i" film_after_paint_ms)") after the first paint, seen playing: $(playing "$screen" "$side" "$i")"
            fi
            row+=" | $extra"
            ;;
          idle) row+=" | $(result_key "$screen" idle "$side" "$i" ticks)" ;;
        esac
      done
      [ "$scenario" = startup ] && has_side app && row+=" | $(result_key "$screen" startup app "$i" paint_self_ms) ms"
      details+=("$row |")
    done

    # Where the memory is: the median PSS of each kind of process over the runs.
    if [ "$scenario" = rest ] || [ "$scenario" = film ]; then
      details+=("" "Median PSS by kind of process (the runs counted):" "" "| side | process | median PSS |" "|---|---|---|")
      for side in "${sides[@]}"; do
        for ((i = 1; i <= runs; i++)); do
          awk -F '\t' -v i="$i" '{ kb[$1] += $2 } END { for (k in kb) printf "%s\t%s\t%s\n", k, i, kb[k] }' \
            "$work/runs/$screen-$scenario-$side-$i/processes"
        done >"$work/kinds"
        while IFS= read -r kind; do
          m=$(awk -F '\t' -v k="$kind" '$1 == k { print $3 }' "$work/kinds" | stats | cut -d ' ' -f 1)
          details+=("| $(side_name "$side") | $kind | $(show rest "$m") |")
        done < <(cut -f 1 "$work/kinds" | sort -u)
      done
    fi
  done
  report+=("" "### Every run ($(display_title "$screen"))")
  report+=("${details[@]}")
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1024 / 1024 }' /proc/meminfo)
webkit=$(pkg-config --modversion webkit2gtk-4.1 2>/dev/null || echo unknown)
chromium=$(/usr/bin/chromium --version 2>/dev/null | head -n 1 || echo unknown)
command_line="bash bench/compare.sh"
[ "$runs" != 5 ] && command_line="RUNS=$runs $command_line"
[ "$scenarios" != "$ALL_SCENARIOS" ] && command_line="SCENARIOS=$scenarios $command_line"
[ "$displays" != "$ALL_DISPLAYS" ] && command_line="DISPLAYS=$displays $command_line"
[ "$sides_list" != "$ALL_SIDES" ] && command_line="SIDES=$sides_list $command_line"
[ "$idle_seconds" != 60 ] && command_line="COMPARE_IDLE_SECONDS=$idle_seconds $command_line"
[ "$build" != 1 ] && command_line="COMPARE_BUILD=0 $command_line"
[ -n "${PEER_EXTRA_FLAGS:-}" ] && command_line="PEER_EXTRA_FLAGS='$PEER_EXTRA_FLAGS' $command_line"
[ -n "${APP_EXTRA_ENV:-}" ] && command_line="APP_EXTRA_ENV='$APP_EXTRA_ENV' $command_line"
[ -n "${BARE_EXTRA_ENV:-}" ] && command_line="BARE_EXTRA_ENV='$BARE_EXTRA_ENV' $command_line"
{
  echo "# Infostand, the bare engine and a browser kiosk side by side, $date"
  echo
  echo "Machine: $(nproc) cores, ${cpu:-unknown CPU}, $memory of memory; $(uname -sr); WebKitGTK $webkit; ${chromium:-Chromium unknown}; $(cage -v 2>&1 | head -n 1 || echo 'cage unknown')."
  echo "Load average before the runs: $load_before; after: $load_after (this machine is shared: other work slows every side)."
  echo "Commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')."
  echo "Run with \`$command_line\`: each side $runs times in each scenario on each display, in turn (the order turning by one each run), after one warm-up run of each (not counted); each run a fresh process on a fresh screen in its own D-Bus session.$([ "$modified" = 1 ] && echo ' A short or modified run.')"
  [ "$retried" = 0 ] || echo "$retried run(s) failed (the screen or a side did not come up) and were run again from scratch; only complete runs are counted."
  echo
  echo "The sides: **Infostand**, the release build (\`--features custom-protocol\`) as \`infostand --offline --data-dir <kept>\` (\`--kiosk\` for the film), a fresh config directory each run and a data directory kept across the runs (the built-in films installed once, by the warm-up run)${APP_EXTRA_ENV:+, with \`$APP_EXTRA_ENV\` in its environment}. **The bare engine**, the floor: \`bench/bare/bare-webkit.c\`, one GTK window with one WebKitGTK view and Infostand's WebKit settings (accelerated compositing off, the cache model for one document, no page cache, WebGL or Web Audio), 1280×800 (fullscreen for the film)${BARE_EXTRA_ENV:+, with \`$BARE_EXTRA_ENV\` in its environment}. **Chromium**, the peer: \`/usr/bin/chromium --kiosk\` with a persistent profile and \`--no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --autoplay-policy=no-user-gesture-required${PEER_EXTRA_FLAGS:+ $PEER_EXTRA_FLAGS}\` (and \`--ozone-platform=wayland\` under cage). The bare engine and Chromium show the same ui/dist from nginx on loopback, with the content the app would give them (crates/pack/examples/export_views.rs). Under X11 each run has its own Xvfb ${SCREEN%x*} with openbox; under cage, its own cage (wlroots' headless backend drawn with pixman, Xwayland available, output $CAGE_OUTPUT, which cage 0.1.4 cannot change), run with the side as \`$CAGE_USER\` (cage refuses root). nginx, the display server and the window manager are not counted, nor are the AT-SPI services the session's D-Bus daemon starts when a side asks for them (shown, as not counted, in the breakdowns). PSS splits each shared page between all the processes mapping it, on the whole machine: while other WebKitGTK apps (or other Chromiums) run on this shared machine, the side's share of its engine's code is smaller; so each memory sample also counts the processes outside the side's tree that map its engine (libwebkit2gtk-4.1, /usr/lib/chromium/chromium), and a figure taken beside such processes is lower than the same side would show alone."
  echo
  echo "Start-up is from the harness's launch timestamp to the page's signal after the frame with the start screen's content was painted (the app's log line; the others' beacon, logged by nginx). Memory is shown two ways, both over the main process, all its descendants and, for Chromium, its crash handlers (they detach from its tree), 1 MB = 1024 kB: PSS (/proc/PID/smaps_rollup), summed, which other programs mapping the same libraries lower; and the footprint (bench/footprint.c), the distinct physical pages the processes have resident, each counted once whoever else maps it, which does not move with what else runs and is what the side would cost a machine of its own (less a few MB it would share there with the display server). The film sample is taken $FILM_SECONDS s after the page's signal that its first film (the attract loop's, started as soon as the start screen has content) began playing, signalled the same way as the first paint (the app's log line \"first film playing\", the others' beacon); two screenshots 1 s apart, after the sample, confirm it was playing. Idle CPU is utime + stime + cutime + cstime of the same processes over $idle_seconds s, from $IDLE_SETTLE_SECONDS s after the first paint. Figures are medians (min–max) of the counted runs; overheads and ratios are taken pair by pair (run i of one side with run i of the other), and a target is met when the median of the pairs is within it (for idle CPU: when Infostand's median is under $IDLE_PERCENT % and under Chromium's median). The targets: Infostand at most $FLOOR_MEMORY_PERCENT % over the bare engine's memory and at most $FLOOR_STARTUP_MS ms over its start-up (issue 17); Infostand/Chromium at most $PEER_STARTUP_RATIO for start-up, $PEER_REST_RATIO at rest and $PEER_FILM_RATIO with a film (issue 5)."
  printf '%s\n' "${report[@]}"
} | tee "$out"
echo >&2 "compare: written to ${out#"$root"/}; screenshots of the latest runs in artifacts/compare-*.png"
