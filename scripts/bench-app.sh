#!/usr/bin/env bash
# The desktop app at 100,000 accounts, as a release build. Prints `name: value unit` lines.
#
# Against a directory server in its own process (custodian-directory, seeded with 100,000
# accounts), as an admin with a real backend runs Custodian:
#   directory_seed_100k_process   the server's start, seed included
#   sync_KIND_100k_app            the app's own sync, full or incremental (from its log)
#   rss_100k, pss_100k            memory of the app's process, the list showing
#   rss_100k_anon                 the part of it not mapped from files: heap, stacks,
#                                 relocated library data (the rest is libraries and fonts)
#   rss_100k_webkit               resident memory of its WebKit web and network processes
#   rss_100k_directory            the directory server's process, for reference
#   first_rows_after_window       from the window to the first row on screen, median of 5
#                                 launches (tests/e2e/bench/first-rows.bench-e2e.ts)
# and the same against the demo directory, which runs inside the app's process (suffix
# `_demo`). Memory is read twice: at the first launch (`_first_launch`: an empty cache filled
# by the first sync) and at the next (the cache full, a sync at start).
#
#   scripts/bench-app.sh [external|demo]   one side only; both by default
#   BENCH_DETAIL=1 scripts/bench-app.sh    also where the app's memory is, mapping by mapping
set -euo pipefail
cd "$(dirname "$0")/.."

sides=${1:-external demo}
home=$(mktemp -d)
cleanup() {
  [ -n "${app:-}" ] && kill "$app" 2>/dev/null
  [ -n "${runner:-}" ] && kill "$runner" 2>/dev/null
  [ -n "${directory:-}" ] && kill "$directory" 2>/dev/null
  rm -rf "$home"
}
trap cleanup EXIT
xvfb=(xvfb-run -a -s "-screen 0 1280x800x24")

npm --prefix ui run build >/dev/null
cargo build --release --quiet --features custodian/custom-protocol \
  -p custodian -p custodian-directory --bin custodian --bin custodian-directory

# kB of a field of /proc/PID/smaps_rollup (or of /proc/PID/status for VmRSS).
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
rollup_kb() { awk -v field="$2:" '$1 == field { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }
mb() { echo $(( $1 / 1024 )); }

# Where a process's resident memory is, by mapping (libraries by name, the rest by kind).
breakdown() {
  awk '
    /^[0-9a-f]+-[0-9a-f]+ / { name = (NF >= 6) ? $6 : "[anonymous]"; sub(/.*\//, "", name); next }
    /^Rss:/ { rss[name] += $2 }
    END { for (n in rss) if (rss[n] >= 1024) printf "  %6.1f MB  %s\n", rss[n] / 1024, n }
  ' "/proc/$1/smaps" | sort -rn | head -25 >&2
}

# The app's log, and how many syncs it reports as finished.
log_of() { echo "$1/data/io.custodian.desktop/logs/custodian.log"; }
finished() {
  local n
  n=$(grep -c "sync finished" "$(log_of "$1")" 2>/dev/null)
  echo "${n:-0}"
}

# Starts the app on home $1, waits for its sync to finish, and reports with name suffix $2.
# The environment names the directory (or not, for the demo).
measure() {
  local home=$1 suffix=$2 before
  before=$(finished "$home")
  XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    "${xvfb[@]}" ./target/release/custodian >/dev/null 2>&1 &
  runner=$!
  for _ in $(seq 1 600); do
    [ "$(finished "$home")" -gt "$before" ] && break
    sleep 0.5
  done
  [ "$(finished "$home")" -gt "$before" ] \
    || { echo "the app did not finish its sync in 300 s" >&2; exit 1; }
  local line kind millis
  line=$(grep "sync finished" "$(log_of "$home")" | tail -1)
  kind=$(sed -E 's/.*kind=([A-Za-z]+).*/\1/' <<<"$line" | tr '[:upper:]' '[:lower:]')
  millis=$(sed -E 's/.*millis=([0-9]+).*/\1/' <<<"$line")
  echo "sync_${kind}_100k_app$suffix: $(awk "BEGIN { printf \"%.1f\", $millis / 1000 }") s"
  sleep 3 # let the list redraw from the full cache
  app=$(pgrep -n -x -P "$runner" custodian)
  echo "rss_100k$suffix: $(mb "$(rss_kb "$app")") MB"
  echo "pss_100k$suffix: $(mb "$(rollup_kb "$app" Pss)") MB"
  echo "rss_100k_anon$suffix: $(mb "$(rollup_kb "$app" Anonymous)") MB"
  local webkit=0
  for child in $(pgrep -P "$app" || true); do webkit=$(( webkit + $(rss_kb "$child") )); done
  echo "rss_100k_webkit$suffix: $(mb "$webkit") MB"
  if [ -n "${BENCH_DETAIL:-}" ]; then
    echo "where rss_100k$suffix is:" >&2
    breakdown "$app"
  fi
  kill "$app" "$runner" 2>/dev/null || true
  wait "$runner" 2>/dev/null || true
  app="" runner=""
}

# The first rows on launches with the cache full, through WebDriver in the real window.
first_rows() {
  local home=$1 suffix=$2
  NO_COLOR=1 CUSTODIAN_E2E_HOME="$home" CUSTODIAN_BINARY="$PWD/target/release/custodian" \
    FIRST_ROWS_SUFFIX="$suffix" CUSTODIAN_E2E_DRIVER_PORT="${CUSTODIAN_E2E_DRIVER_PORT:-4454}" \
    "${xvfb[@]}" npm --prefix tests/e2e run --silent bench \
    > "$home/first-rows.out" 2>&1 \
    || { cat "$home/first-rows.out" >&2; echo "the first-rows benchmark failed" >&2; exit 1; }
  grep -E '^first_rows_[a-z_]+: ' "$home/first-rows.out"
  [ -n "${BENCH_DETAIL:-}" ] && grep -E '^run [0-9]+:' "$home/first-rows.out" >&2
  return 0
}

if [[ " $sides " == *" external "* ]]; then
  # The key the e2e driver hands the app (tests/e2e/driver.ts).
  export CUSTODIAN_DIRECTORY_API_KEY=e2e-directory-admin-key-0123456789
  mkdir -p "$home/directory"
  started=$(date +%s%N)
  ./target/release/custodian-directory --db "$home/directory/directory.sqlite" \
    --seed-accounts 100000 >"$home/directory/url" 2>"$home/directory/log" &
  directory=$!
  for _ in $(seq 1 1200); do
    [ -s "$home/directory/url" ] && break
    kill -0 "$directory" 2>/dev/null || { cat "$home/directory/log" >&2; exit 1; }
    sleep 0.1
  done
  [ -s "$home/directory/url" ] || { echo "the directory server did not start in 120 s" >&2; exit 1; }
  echo "directory_seed_100k_process: $(( ($(date +%s%N) - started) / 1000000 )) ms"
  url=$(head -1 "$home/directory/url")
  org=$(curl -fsS -H "Authorization: Bearer $CUSTODIAN_DIRECTORY_API_KEY" "$url/admin/v1/orgs" \
    | jq -r '.data[0].id')
  export CUSTODIAN_DIRECTORY_URL=$url CUSTODIAN_DIRECTORY_ORG=$org

  mkdir -p "$home/external"
  measure "$home/external" _first_launch
  measure "$home/external" ""
  echo "rss_100k_directory: $(mb "$(rss_kb "$directory")") MB"
  first_rows "$home/external" ""

  kill "$directory"
  wait "$directory" 2>/dev/null || true
  directory=""
  unset CUSTODIAN_DIRECTORY_URL CUSTODIAN_DIRECTORY_ORG CUSTODIAN_DIRECTORY_API_KEY
fi

if [[ " $sides " == *" demo "* ]]; then
  export CUSTODIAN_DEMO_ACCOUNTS=100000
  mkdir -p "$home/demo"
  # The first launch seeds the demo directory (before the figures start).
  measure "$home/demo" _demo_first_launch
  measure "$home/demo" _demo
  first_rows "$home/demo" _demo
fi
