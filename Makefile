# Steady. `make serve` to run it, `make test` to test everything.
SHELL := /bin/bash
WASM_ENV := scripts/with-wasm-env
LIGHTHOUSE := 12.8.2

.PHONY: setup serve dist test test-native test-size test-e2e test-cross test-dev-build bench baseline

## Install whatever is missing (idempotent, quiet when nothing is).
setup:
	@scripts/setup.sh

## Development build on http://127.0.0.1:8080 with live reload.
serve: setup
	$(WASM_ENV) trunk serve

## Release build into dist/.
dist: setup
	@# Not retried: a failure is real and should be seen. (A retry was once added after Trunk's own
	@# wasm-bindgen step failed once; that step is gone, scripts/build-wasm.mjs runs wasm-bindgen now.
	@# The one cause found since: builds from checkouts sharing target/ emptied each other's
	@# target/wasm-split/ folder; each build now works in a folder of its own.)
	$(WASM_ENV) trunk build --release

## Every test: native unit tests, then the end-to-end suite against the release build in
## Chromium, then the main flows in WebKit and Firefox, then `make serve`'s development build.
test: setup test-native dist test-size test-e2e test-cross test-dev-build

test-native:
	@# The catalogs as GNU gettext reads them (so Poedit, Weblate and translators' tools can too).
	for po in locales/*.po; do msgfmt --check --output-file=/dev/null "$$po" || exit 1; done
	cargo test --quiet
	@# The calendar file that a test above wrote, read by a real iCalendar parser.
	node tests/scripts/ics-check.mjs
	node tests/scripts/conventions-check.mjs
	@# The build's merging of shared wasm chunks, in Node's WebAssembly engine.
	node tests/scripts/merge-chunks-check.mjs
	tests/scripts/toolchain-routes.sh

test-e2e:
	npx playwright test

## The main flows in real WebKit (WebKitGTK MiniBrowser under Xvfb) and Firefox ESR (tests/cross).
test-cross:
	node tests/cross/run.mjs

## The development build `make serve` runs, built and opened in Chromium.
test-dev-build:
	node tests/scripts/dev-build-check.mjs

## The cheap size check (index.html budget; the first load may not grow while over budget).
test-size:
	node scripts/sizes.mjs dist
	PATH="$(CURDIR)/node_modules/.bin:$$PATH" node scripts/check-floor.mjs dist

## Sizes, Lighthouse, start-up and save timings against a bare Leptos baseline; checks the budgets.
bench: dist baseline
	@# Lighthouse only for the bench, kept out of package.json: one of its dependencies is
	@# pinned to "latest", which would break `npm ci` for the tests whenever it is released.
	@[ -x target/bench-tools/node_modules/.bin/lighthouse ] || { echo "bench: installing lighthouse@$(LIGHTHOUSE)" >&2; \
	  npm install --prefix target/bench-tools --no-save --no-audit --no-fund --loglevel=error lighthouse@$(LIGHTHOUSE); }
	node scripts/bench.mjs

baseline: setup
	cd bench/baseline && CARGO_TARGET_DIR=../../target/baseline ../../$(WASM_ENV) trunk build --release
