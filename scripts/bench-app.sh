#!/usr/bin/env bash
# The desktop app at 100,000 accounts: a release build starts its demo directory seeded with
# 100,000 accounts, syncs them into its cache, and is then measured. Prints `name: value unit`.
#   sync_full_100k_app   the app's own first sync (from its log)
#   rss_100k             resident memory of the app's process, the list showing
#   rss_100k_webkit      resident memory of its WebKit web and network processes
set -euo pipefail
cd "$(dirname "$0")/.."

home=$(mktemp -d)
trap '[ -n "${app:-}" ] && kill "$app" 2>/dev/null; [ -n "${runner:-}" ] && kill "$runner" 2>/dev/null; rm -rf "$home"' EXIT
log="$home/data/io.custodian.desktop/logs/custodian.log"

npm --prefix ui run build >/dev/null
cargo build --release --features custom-protocol --quiet

XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  CUSTODIAN_DEMO_ACCOUNTS=100000 \
  xvfb-run -a -s "-screen 0 1280x800x24" ./target/release/custodian >/dev/null 2>&1 &
runner=$!

for _ in $(seq 1 600); do
  grep -q "sync finished" "$log" 2>/dev/null && break
  sleep 0.5
done
grep -q "sync finished" "$log" || { echo "the app did not finish its sync in 300 s" >&2; exit 1; }
millis=$(grep "sync finished" "$log" | tail -1 | sed -E 's/.*millis=([0-9]+).*/\1/')
echo "sync_full_100k_app: $(awk "BEGIN { printf \"%.1f\", $millis / 1000 }") s"

sleep 3 # let the list redraw from the full cache
app=$(pgrep -n -f "target/release/custodian$" || pgrep -n -x custodian)
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
echo "rss_100k: $(( $(rss_kb "$app") / 1024 )) MB"
webkit=0
for child in $(pgrep -P "$app" || true); do webkit=$(( webkit + $(rss_kb "$child") )); done
echo "rss_100k_webkit: $(( webkit / 1024 )) MB"
kill "$app" "$runner" 2>/dev/null || true
