#!/usr/bin/env bash
# Installs what building and testing kehoach needs, from the package registries only
# (crates.io, Debian, npm). Idempotent: each step checks before it installs.
#
#   scripts/setup.sh build   wasm32 target, wasm-bindgen-cli, npm deps (wasm-opt)
#   scripts/setup.sh test    the above, plus Debian's chromium, chromedriver and firefox-esr
#   scripts/setup.sh dev     Trunk, for `make dev`'s rebuild-and-reload loop only
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# The wasm-bindgen version Cargo.lock resolves: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "apt-get install ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

setup_build() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  local wbv
  wbv=$(wasm_bindgen_version)
  [ -n "$wbv" ] || { echo "wasm-bindgen not found in Cargo.lock" >&2; exit 1; }
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $wbv\$"; then
    log "cargo install wasm-bindgen-cli $wbv"
    # --locked first; its lockfile can pin a crate the registry no longer serves,
    # then resolve afresh (same wasm-bindgen-cli version either way).
    cargo install wasm-bindgen-cli --version "$wbv" --locked \
      || cargo install wasm-bindgen-cli --version "$wbv"
  fi
  setup_npm
}

# npm packages: binaryen (a wasm-opt new enough for current Rust output; Debian's
# version 108 breaks wasm-bindgen's externref table) and playwright-core.
setup_npm() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
     || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci (binaryen, playwright-core; no browser download)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  fi
}

# Only `make dev` needs Trunk; the release build (scripts/build.mjs) does without it,
# which saves compiling it (about 8 minutes on 2 cores) on a bare machine.
setup_dev() {
  if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    log "cargo install trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

setup_test() {
  setup_build
  apt_install chromium chromium-driver firefox-esr poppler-utils libreoffice-writer-nogui
}

case "${1:-build}" in
  build) setup_build ;;
  test) setup_test ;;
  dev) setup_dev ;;
  *) echo "usage: $0 build|test|dev" >&2; exit 2 ;;
esac
