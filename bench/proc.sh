# shellcheck shell=bash
# The process tree under /proc, for the benchmarks that measure a whole app
# (bench/soak.sh, bench/compare.sh): sourced, not run.

# Prints "PID PPID" for every process, read from /proc/*/stat. The command
# name (field 2) is in parentheses and may hold spaces, so the fields are
# taken after its last ")".
process_table() {
  local stat line rest ppid
  for stat in /proc/[0-9]*/stat; do
    read -r line 2>/dev/null <"$stat" || continue # the process may have gone
    rest=${line##*) }
    # rest: state ppid pgrp ...
    read -r _ ppid _ <<<"$rest"
    printf '%s %s\n' "${line%% *}" "$ppid"
  done
}

# Prints PID and every descendant of it, one a line (PID first).
descendants() {
  process_table | awk -v root="$1" '
    { parent[$1] = $2; pids[NR] = $1 }
    END {
      print root
      keep[root] = 1
      # Repeat until no new descendant is found (the table is unordered).
      do {
        added = 0
        for (i = 1; i <= NR; i++) {
          p = pids[i]
          if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; print p; added = 1 }
        }
      } while (added)
    }'
}

# PSS of one process in kB (0 when it has gone or cannot be read).
pss_kb() {
  local text=''
  read -r -d '' text 2>/dev/null <"/proc/$1/smaps_rollup" || true
  if [[ $text =~ (^|$'\n')Pss:[[:space:]]+([0-9]+) ]]; then
    echo "${BASH_REMATCH[2]}"
  else
    echo 0
  fi
}

# True while PID exists and is not a zombie.
alive() {
  local line
  read -r line 2>/dev/null <"/proc/$1/stat" || return 1
  line=${line##*) }
  [ "${line%% *}" != Z ]
}
