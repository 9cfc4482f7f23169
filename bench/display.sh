# shellcheck shell=bash
# A screen for the benchmarks that run the app (bench/soak.sh,
# bench/compare.sh): sourced, not run. Needs `alive` (bench/proc.sh) and
# the caller's `die`.

# Starts Xvfb on a free display with screen SCREEN (e.g. 1280x800x24) and
# openbox as its window manager, logging into folder WORK, and exports
# DISPLAY. Their PIDs are appended to the caller's `mine` array, which its
# clean-up stops.
start_display() {
  local screen=$1 work=$2
  # Xvfb picks the number and writes it when it is ready.
  Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
  local xvfb=$!
  mine+=("$xvfb")
  for _ in $(seq 1 100); do
    [ -s "$work/display" ] && break
    alive "$xvfb" || die "Xvfb did not start: $(tail -n 5 "$work/xvfb.log")"
    sleep 0.1
  done
  [ -s "$work/display" ] || die "Xvfb did not report a display within 10 s"
  DISPLAY=":$(tr -d '[:space:]' <"$work/display")"
  export DISPLAY

  openbox >"$work/openbox.log" 2>&1 &
  local wm=$!
  mine+=("$wm")
  # Ready once it has claimed the screen as its window manager.
  for _ in $(seq 1 50); do
    xprop -root _NET_SUPPORTING_WM_CHECK 2>/dev/null | grep -q 'window id' && break
    alive "$wm" || die "openbox did not start: $(tail -n 5 "$work/openbox.log")"
    sleep 0.1
  done
}
