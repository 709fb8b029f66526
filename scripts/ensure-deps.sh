#!/usr/bin/env bash
# Installs, on first use, what building, running or testing Custodian needs and this
# machine lacks, saying what it does. Safe to run again: it skips what is present.
#
#   scripts/ensure-deps.sh build   Debian build libraries and the UI's npm packages
#   scripts/ensure-deps.sh test    the above, plus Stoplight Prism for the Rust conformance test
#   scripts/ensure-deps.sh e2e     the above, plus Xvfb, WebKitWebDriver, tauri-driver and
#                                  the end-to-end suite's npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_PACKAGES=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libdbus-1-dev build-essential pkg-config curl)
E2E_PACKAGES=(xvfb xauth dbus-x11 webkit2gtk-driver)
TAURI_DRIVER_VERSION=2.1.0

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

ensure_apt() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# npm ci when node_modules is missing or older than the lock file.
ensure_npm() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
    || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "Installing npm packages in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
}

ensure_tauri_driver() {
  command -v tauri-driver >/dev/null 2>&1 && return
  say "Installing tauri-driver $TAURI_DRIVER_VERSION (cargo install)"
  cargo install tauri-driver --version "$TAURI_DRIVER_VERSION" --locked --quiet
}

ensure_tools() {
  for tool in cargo node npm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "Custodian needs $tool on PATH (see README)" >&2; exit 1; }
  done
}

ensure_tools
case "${1:-build}" in
  build)
    ensure_apt "${BUILD_PACKAGES[@]}"
    ensure_npm ui
    ;;
  test)
    # The Rust tests also run the client against Prism (tests/conformance).
    ensure_apt "${BUILD_PACKAGES[@]}"
    ensure_npm ui
    ensure_npm tests/conformance
    ;;
  e2e)
    ensure_apt "${BUILD_PACKAGES[@]}" "${E2E_PACKAGES[@]}"
    ensure_npm ui
    ensure_npm tests/conformance
    ensure_npm tests/e2e
    ensure_tauri_driver
    ;;
  *)
    echo "usage: $0 [build|test|e2e]" >&2
    exit 2
    ;;
esac
