# shellcheck shell=bash
# The release app the benchmarks run (bench/compare.sh, bench/soak.sh,
# bench/link-order.sh): sourced, not run. Needs the caller's `say` and
# `root` (the checkout).

# Builds the UI, installing its npm packages first if they never were, then
# the release app with the features the packages use. The caller's
# environment reaches cargo (INFOSTAND_LINK_MAP for src-tauri/build.rs).
build_release() {
  if [ ! -d "$root/ui/node_modules" ]; then
    say "installing the UI's npm packages"
    npm --prefix "$root/ui" ci --no-audit --no-fund --loglevel=error
  fi
  npm --prefix "$root/ui" run build --silent
  (cd "$root" && cargo build --quiet --release --features custom-protocol -p infostand)
}
