# shellcheck shell=bash
# Screens for the benchmarks that run the app (bench/soak.sh,
# bench/compare.sh): sourced, not run. Needs `alive` (bench/proc.sh) and
# the caller's `die`.

# Waits up to 10 s for FILE to be written (not empty) by the process PID,
# which logs into LOG; dies saying WHAT, with the log's end, if PID exits
# first or the time runs out.
wait_for_file() {
  local file=$1 pid=$2 log=$3 what=$4
  for _ in $(seq 1 100); do
    [ -s "$file" ] && return 0
    alive "$pid" || die "$what (it exited): $(tail -n 5 "$log")"
    sleep 0.1
  done
  die "$what within 10 s: $(tail -n 5 "$log")"
}

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
  wait_for_file "$work/display" "$xvfb" "$work/xvfb.log" "Xvfb did not report a display"
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

# Starts cage, the Wayland kiosk compositor docs/deployment.md recommends
# (7A), on wlroots' headless backend drawn with pixman (its one output is
# 1280x720), as USER (cage refuses to run as root), in a D-Bus session of
# that user's own, logging into folder WORK (which USER must be able to
# enter). Its application is a placeholder that notes the session's
# variables and waits; clients started later as USER with those variables
# (exported here: WAYLAND_DISPLAY, DISPLAY for cage's Xwayland,
# XDG_RUNTIME_DIR, DBUS_SESSION_BUS_ADDRESS) get their windows from it, as
# cage's own application would. The session runs in a process group of its
# own, whose ID is appended to the caller's `mine_groups` array: the
# caller's clean-up stops it with `stop_groups`.
start_cage() {
  local user=$1 work=$2 uid gid runtime
  if ! uid=$(id -u "$user") || ! gid=$(id -g "$user"); then die "there is no user $user to run cage as"; fi
  runtime="$work/xdg-runtime"
  mkdir -p "$runtime"
  chmod 700 "$runtime"
  chown "$uid:$gid" "$runtime"
  # setsid makes the session's group (this shell is no group leader, so
  # setsid needs no fork and $! is the group's ID).
  # shellcheck disable=SC2016 # expanded by the placeholder's shell
  setsid setpriv --reuid="$uid" --regid="$gid" --clear-groups \
    env -i PATH="$PATH" HOME="$runtime" XDG_RUNTIME_DIR="$runtime" \
    WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
    dbus-run-session -- cage -d -- sh -c \
    'printf "%s\n" "$WAYLAND_DISPLAY" "${DISPLAY:-}" "$DBUS_SESSION_BUS_ADDRESS" >"$XDG_RUNTIME_DIR/env.tmp" && mv "$XDG_RUNTIME_DIR/env.tmp" "$XDG_RUNTIME_DIR/env" && exec sleep infinity' \
    >"$work/cage.log" 2>&1 &
  local group=$!
  mine_groups+=("$group")
  wait_for_file "$runtime/env" "$group" "$work/cage.log" "cage did not start its application"
  local wayland x11 bus
  { read -r wayland; read -r x11; read -r bus; } <"$runtime/env"
  export WAYLAND_DISPLAY=$wayland XDG_RUNTIME_DIR=$runtime DBUS_SESSION_BUS_ADDRESS=$bus
  if [ -n "$x11" ]; then export DISPLAY=$x11; else unset DISPLAY; fi
}

# Stops the process groups in `mine_groups`: TERM, and KILL for what is
# left once each group's leader has gone (or after 5 s).
stop_groups() {
  local group left
  [ ${#mine_groups[@]} -gt 0 ] || return 0
  for group in "${mine_groups[@]}"; do kill -TERM -- "-$group" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    left=0
    for group in "${mine_groups[@]}"; do alive "$group" && left=1; done
    [ "$left" = 0 ] && break
    sleep 0.1
  done
  for group in "${mine_groups[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
  wait "${mine_groups[@]}" 2>/dev/null || true
}
