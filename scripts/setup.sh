#!/usr/bin/env bash
# Installs everything OpsBrief needs to build, serve and test, and skips what is already there.
# Safe to run again and again: a second run on a ready machine takes a few seconds.
#
# What a fresh machine gets, and why it takes about 25 minutes the first time:
#   - the wasm32 target for the one Rust toolchain (rustup);
#   - Trunk 0.21.14 and wasm-bindgen-cli 0.2.130, compiled from source with cargo (about 12 and
#     8 minutes on 2 cores: no prebuilt binary can be downloaded here, and Trunk only uses a
#     wasm-bindgen whose version equals Cargo.lock's);
#   - Debian's chromium, chromium-driver and poppler-utils (browser tests, PDF checks);
#   - the npm packages of package.json: playwright-core (driving Debian's chromium, never a
#     downloaded browser), binaryen@132 (wasm-opt; Debian's binaryen 108 breaks the bundle);
#   - every crate, fetched once so the offline build (Trunk runs cargo --offline) finds them.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "Rust target wasm32-unknown-unknown"
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "already installed"
else
  rustup target add wasm32-unknown-unknown
fi

step "Trunk $TRUNK_VERSION"
if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  echo "already installed"
else
  echo "compiling from source (about 12 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

step "wasm-bindgen-cli $WASM_BINDGEN_VERSION"
if wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION" \
  && command -v wasm-bindgen-test-runner >/dev/null; then
  echo "already installed"
else
  echo "compiling from source (about 8 minutes on 2 cores)"
  # Not --locked: its lock file names a webpki-roots release the registry here does not have.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

step "Debian packages: chromium, chromium-driver, poppler-utils"
missing=()
for pkg in chromium chromium-driver poppler-utils; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "already installed"
else
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

step "npm packages (package-lock.json)"
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.opsbrief-lock; then
  echo "already installed"
else
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.opsbrief-lock
fi
wasm-opt --version | grep -q "version 132" || { echo "wasm-opt 132 missing from node_modules/.bin" >&2; exit 1; }

step "crates (cargo fetch, for the offline build)"
cargo fetch --quiet
echo "ready"
