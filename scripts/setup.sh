#!/usr/bin/env bash
# Installs what building and testing Steady needs. Safe to run again: it says
# nothing about what is already there and names everything it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf 'setup: %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
installed_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# 1. Debian packages: the browsers for the tests (Chromium; WebKitGTK's MiniBrowser with its
#    WebDriver under Xvfb, and Firefox ESR, for tests/cross), and (unless rustup already has the
#    wasm32 target, as on a normal laptop) a Rust toolchain that can build std for wasm; and GNU
#    gettext, whose msgfmt checks the translation catalogs.
route=$(scripts/wasm-route)
packages=(chromium chromium-driver webkit2gtk-driver xvfb firefox-esr gettext)
[ "$route" = debian ] && packages+=(rustc-web cargo-web rust-web-src lld-22)
missing=()
for p in "${packages[@]}"; do installed_pkg "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Both routes build std from source for a smaller bundle (scripts/with-wasm-env):
# rustup's toolchain needs its std sources for that.
if [ "$route" = rustup ] && ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "adding rustup's rust-src component (std is built from source for the wasm bundle)"
  rustup component add rust-src
fi
if [ "$route" = debian ] && ! rustup toolchain list | grep -q '^debian-web'; then
  say "registering Debian's wasm-capable Rust (/usr) with rustup as 'debian-web'"
  rustup toolchain link debian-web /usr
fi

# 2. Trunk, pinned (0.22 needs a newer rustc than this machine's stable).
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION with cargo (10–20 minutes the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi

# 3. wasm-bindgen-cli: must equal the wasm-bindgen in Cargo.lock.
bindgen=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen\$"; then
  say "installing wasm-bindgen-cli $bindgen with cargo (a few minutes)"
  # Not --locked: one of its locked dependency versions is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$bindgen" --quiet --force
fi

# 3b. wasm-split-cli: splits the wasm so screens load on demand (scripts/build-wasm.mjs).
#     Pinned: its input format must match wasm_split_helpers in Cargo.lock (via Leptos).
WASM_SPLIT_VERSION=0.2.4
if ! cargo install --list | grep -q "^wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION with cargo (a couple of minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --quiet
fi

# 4. npm packages from the lockfile: Playwright (no browser download; tests use
#    /usr/bin/chromium), puppeteer-core (drives /usr/bin/firefox-esr), binaryen's wasm-opt (Debian's binaryen 108 breaks the wasm)
#    esbuild (minifies the JS glue), ical.js (a real iCalendar parser that checks our calendar files)
#    and jsQR (reads a plan link's QR code back from a screenshot).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages from package-lock.json (@playwright/test, puppeteer-core, binaryen, esbuild, ical.js, jsqr)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
