# OpsBrief's one entry point. `make serve` and `make test` install what is missing first
# (scripts/setup.sh), so both work on a fresh machine; later runs skip what is installed.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8080

.PHONY: setup build serve test test-native test-browser test-e2e bench clean

setup:
	@bash scripts/setup.sh

# The release bundle in dist/ (size settings in Cargo.toml, wasm-opt from npm binaryen@132).
build: setup
	trunk build --release

# Builds, then serves dist/ on http://$(HOST):$(PORT)/ (Ctrl-C stops it).
serve: build
	node tests/e2e/server.mjs --root dist --host $(HOST) --port $(PORT)

# Every test layer; stops at the first failing one and exits non-zero.
test: setup test-native test-browser test-e2e

# The domain, natively: parsing, metrics, meeting model, storage schema.
test-native:
	cargo test -p opsbrief-domain

# Browser-only code (storage, components) in headless Chromium via wasm-bindgen-test.
test-browser:
	cargo test -p opsbrief --target wasm32-unknown-unknown

# End to end: the release bundle served on loopback, driven by Playwright in Debian's Chromium.
test-e2e: build
	node --test --test-concurrency=1 tests/e2e/

# Native throughput per report kind (criterion), then OpsBrief's worker against papaparse in
# headless Chromium on a generated 200 MB search term file, and peak memory on a 1 GB file.
bench: build
	cargo bench -p opsbrief-domain
	node scripts/bench-browser.mjs --mb 200 --big-mb 1024

clean:
	cargo clean
	rm -rf dist
