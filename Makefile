# kehoach: `make serve` to use the app, `make test` to check everything.
# Every target installs what it needs first (scripts/setup.sh, idempotent).

SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
export CHROME_PATH ?= /usr/bin/chromium
export WASM_BINDGEN_TEST_TIMEOUT ?= 120

.PHONY: serve dev single build test setup-build setup-test fmt lint test-native test-browser test-e2e dist bench bench-wasm perf fuzz fuzz-docx msrv

# The release build exactly as users get it (offline cache, CSP, no live reload).
serve: dist
	node scripts/serve.mjs

# The development loop: a debug build, rebuilt and reloaded on every change (Trunk,
# installed on first use). Another port than make serve's: a service worker that a
# release build left on 127.0.0.1:8080 would keep serving that build's cache.
dev: setup-build
	@scripts/setup.sh dev
	trunk serve --offline --address 127.0.0.1 --port 8081

# The release build (scripts/build.mjs: cargo, wasm-bindgen, wasm-opt; no Trunk).
build dist: setup-build
	node scripts/build.mjs dist

# The whole app in one HTML file that runs from disk: dist-single/kehoach.html.
single: dist
	node scripts/single.mjs dist dist-single/kehoach.html

setup-build:
	@scripts/setup.sh build

setup-test:
	@scripts/setup.sh test

fmt:
	cargo fmt --all -- --check

lint:
	cargo clippy --workspace --all-targets -- -D warnings
	cargo clippy -p kehoach -p kehoach-docx -p kehoach-check --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --workspace

test-browser:
	cargo test -p kehoach --target wasm32-unknown-unknown

# --experimental-websocket: Node 20's WebSocket, for driving Firefox (tests/e2e/firefox.mjs).
test-e2e: dist
	node --experimental-websocket --test --test-concurrency=1 tests/e2e/

# Fails on the first failure; the test runners' summaries come last.
test: setup-test fmt lint test-native test-browser test-e2e

bench:
	cargo bench -p kehoach-core --bench parse

# The check in wasm beside the check natively, on the same texts (figures for the
# README): the page's build (size-optimized) and the check worker's (opt-level 3 and
# SIMD, in target/speed as scripts/build.mjs builds it).
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals
BENCH_WASM := target/bench-wasm
bench-wasm: setup-build
	mkdir -p $(BENCH_WASM)/texts
	cargo build --release -p kehoach-core --example families
	cd crates/kehoach-core && for kb in 1024 4096; do FAMILIES_DUMP=../../$(BENCH_WASM)/texts FAMILIES_KB=$$kb ../../target/release/examples/families; done
	cargo build --profile web --target wasm32-unknown-unknown -p kehoach-bench-wasm
	wasm-opt -Oz $(WASM_OPT_FEATURES) target/wasm32-unknown-unknown/web/kehoach_bench_wasm.wasm -o $(BENCH_WASM)/page.wasm
	CARGO_TARGET_DIR=target/speed cargo build --release --target wasm32-unknown-unknown -p kehoach-bench-wasm \
	  --config 'target.wasm32-unknown-unknown.rustflags=["-C", "target-feature=+simd128"]'
	wasm-opt -O3 $(WASM_OPT_FEATURES) --enable-simd target/speed/wasm32-unknown-unknown/release/kehoach_bench_wasm.wasm -o $(BENCH_WASM)/speed.wasm
	node scripts/bench-wasm.mjs target/release/examples/families "page=$(BENCH_WASM)/page.wasm" "worker=$(BENCH_WASM)/speed.wasm" \
	  $(BENCH_WASM)/texts/real_1024.txt $(BENCH_WASM)/texts/real_4096.txt $(BENCH_WASM)/texts/tables_1024.txt

# Input-to-findings latency in Chromium (figures for the README).
perf: setup-test dist
	node tests/e2e/perf.mjs

FUZZ_SECONDS ?= 60
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	# No nightly toolchain can be fetched here: RUSTC_BOOTSTRAP lets the stable
	# compiler take cargo-fuzz's -Z flags; libFuzzer's coverage needs no sanitizer.
	# Seeded with the real documents (seeds and fixtures), not only arbitrary bytes;
	# new inputs it finds go to fuzz/corpus/check (not committed).
	mkdir -p fuzz/corpus/check
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run check --sanitizer none corpus/check ../crates/kehoach-core/tests/seeds ../crates/kehoach-core/tests/fixtures/real -- -max_total_time=$(FUZZ_SECONDS) -max_len=262144

# The Word reader, presentation checks and fix writer on arbitrary document parts,
# seeded with the document parts of the real and test .docx files.
fuzz-docx:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	mkdir -p fuzz/corpus/docx fuzz/corpus/docx-seeds
	for f in crates/kehoach-core/tests/fixtures/real/*.docx crates/kehoach-core/tests/fixtures/libreoffice/*.docx; do \
	  unzip -p "$$f" word/document.xml > "fuzz/corpus/docx-seeds/$$(basename "$$f" .docx).xml"; done
	cp crates/kehoach-core/tests/fixtures/word-edge/d*.xml fuzz/corpus/docx-seeds/
	cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run docx --sanitizer none corpus/docx corpus/docx-seeds -- -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 -timeout=30

# The oldest Rust the workspace declares (rust-version): the locked dependencies
# set it (leptos's macros need 1.89). Checks the workspace and the app on wasm32
# with that compiler; rustup installs it once.
MSRV := $(shell sed -n 's/^rust-version = "\(.*\)"$$/\1/p' Cargo.toml)
# rustup names a release by all three numbers: "1.89" is 1.89.0.
MSRV_TOOLCHAIN := $(if $(word 3,$(subst ., ,$(MSRV))),$(MSRV),$(MSRV).0)
msrv:
	rustup toolchain list | grep -q '^$(MSRV_TOOLCHAIN)-' || rustup toolchain install $(MSRV_TOOLCHAIN) --profile minimal --target wasm32-unknown-unknown
	CARGO_TARGET_DIR=target/msrv cargo +$(MSRV_TOOLCHAIN) check --workspace --all-targets --locked
	CARGO_TARGET_DIR=target/msrv cargo +$(MSRV_TOOLCHAIN) check -p kehoach -p kehoach-docx --target wasm32-unknown-unknown --all-targets --locked
