#!/usr/bin/env bash
# Both toolchain routes must build the same bundle (same std, same flags), or the
# first-load budget would mean one thing on our machines and another on a laptop.
set -euo pipefail
cd "$(dirname "$0")/../.."
size_vars() {
  STEADY_WASM_ROUTE=$1 scripts/with-wasm-env env |
    grep -E '^(RUSTC_BOOTSTRAP|CARGO_UNSTABLE_BUILD_STD|CARGO_UNSTABLE_BUILD_STD_FEATURES|CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)=' | sort
}
debian=$(size_vars debian)
rustup=$(size_vars rustup)
if [ "$debian" != "$rustup" ]; then
  echo "toolchain routes differ in what shapes the bundle:" >&2
  diff <(echo "$debian") <(echo "$rustup") >&2 || true
  exit 1
fi
grep -q 'CARGO_UNSTABLE_BUILD_STD=std,panic_abort' <<<"$debian" || { echo "std is not built from source" >&2; exit 1; }
grep -q 'immediate-abort' <<<"$debian" || { echo "panic=immediate-abort is missing" >&2; exit 1; }
echo "toolchain routes: both build std from source with the same flags"
