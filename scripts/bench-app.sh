#!/usr/bin/env bash
# The desktop app at 100,000 accounts: a release build starts its demo directory seeded with
# 100,000 accounts, syncs them into its cache, and is then measured. Prints `name: value unit`.
#   sync_full_100k_app   the app's own sync (from its log)
#   rss_100k             resident memory of the app's process, the list showing
#   rss_100k_webkit      resident memory of its WebKit web and network processes
# each for the first launch (which also seeds the demo directory) and for the next one.
set -euo pipefail
cd "$(dirname "$0")/.."

home=$(mktemp -d)
trap '[ -n "${app:-}" ] && kill "$app" 2>/dev/null; [ -n "${runner:-}" ] && kill "$runner" 2>/dev/null; rm -rf "$home"' EXIT
log="$home/data/io.custodian.desktop/logs/custodian.log"

npm --prefix ui run build >/dev/null
cargo build --release --features custom-protocol --quiet

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# How many syncs the app's log reports as finished.
finished() {
  local n
  n=$(grep -c "sync finished" "$log" 2>/dev/null)
  echo "${n:-0}"
}

# Starts the app, waits for its sync to finish, and reports: name suffix $1.
measure() {
  local before
  before=$(finished)
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    CUSTODIAN_DEMO_ACCOUNTS=100000 \
    xvfb-run -a -s "-screen 0 1280x800x24" ./target/release/custodian >/dev/null 2>&1 &
  runner=$!
  for _ in $(seq 1 600); do
    [ "$(finished)" -gt "$before" ] && break
    sleep 0.5
  done
  [ "$(finished)" -gt "$before" ] \
    || { echo "the app did not finish its sync in 300 s" >&2; exit 1; }
  local millis
  millis=$(grep "sync finished" "$log" | tail -1 | sed -E 's/.*millis=([0-9]+).*/\1/')
  echo "sync_full_100k_app$1: $(awk "BEGIN { printf \"%.1f\", $millis / 1000 }") s"
  sleep 3 # let the list redraw from the full cache
  app=$(pgrep -n -x custodian)
  echo "rss_100k$1: $(( $(rss_kb "$app") / 1024 )) MB"
  local webkit=0
  for child in $(pgrep -P "$app" || true); do webkit=$(( webkit + $(rss_kb "$child") )); done
  echo "rss_100k_webkit$1: $(( webkit / 1024 )) MB"
  kill "$app" "$runner" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  app="" runner=""
}

# First launch: seeds the demo directory, then the first sync fills the empty cache.
measure _first_launch
# Next launch, as an admin lives with it: 100,000 accounts cached, a sync at start.
measure ""
