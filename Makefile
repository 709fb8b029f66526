# Custodian: `make run` opens the app, `make test` runs every test. Both install on
# first use what this machine lacks (scripts/ensure-deps.sh says what it installs).
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

CARGO ?= cargo
APP_FEATURES := --features custom-protocol
XVFB := xvfb-run -a -s "-screen 0 1280x800x24"

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: deps deps-test deps-e2e
deps:
	@scripts/ensure-deps.sh build
deps-test:
	@scripts/ensure-deps.sh test
deps-e2e:
	@scripts/ensure-deps.sh e2e

.PHONY: ui
ui: deps ## Build the web UI into ui/dist
	npm --prefix ui run build

.PHONY: app
app: ui ## Build the app binary with the UI bundled (target/debug/custodian)
	$(CARGO) build $(APP_FEATURES)

.PHONY: run
run: app ## Open Custodian
	./target/debug/custodian

.PHONY: dev
dev: deps ## Open Custodian on the Vite dev server, reloading the UI as you edit
	npm --prefix ui exec -- tauri dev

.PHONY: test
test: deps-e2e test-rust test-ui e2e ## Run every test: Rust, UI and end-to-end

.PHONY: test-rust
test-rust: deps-test ## Rust unit and integration tests (includes the stale-bindings check)
	$(CARGO) test --workspace

.PHONY: test-ui
test-ui: deps ## UI tests (vitest, jsdom, mockIPC)
	npm --prefix ui test

.PHONY: e2e
e2e: deps-e2e app ## End-to-end: the real window under Xvfb through tauri-driver
	$(CARGO) build -p custodian-directory --bin custodian-directory
	$(XVFB) npm --prefix tests/e2e test

.PHONY: lint
lint: deps-e2e ## rustfmt, clippy (warnings denied), the UI's ESLint and type check
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	@# The layering: only the app shell may depend on tauri.
	@for crate in custodian-core custodian-directory; do \
	  if $(CARGO) tree -p $$crate -e normal,build --prefix none | grep -q '^tauri'; then \
	    echo "$$crate must not depend on tauri"; exit 1; fi; done
	npm --prefix ui run lint
	npm --prefix ui run typecheck
	npm --prefix tests/e2e run typecheck

.PHONY: bench
bench: deps-e2e ## Benchmarks: prints `name: value unit` lines (see docs/PERFORMANCE.md)
	$(CARGO) bench -p custodian-core --bench search
	$(CARGO) bench -p custodian-core --bench sync
	$(CARGO) bench -p custodian-core --bench avatar
	$(CARGO) run --release --quiet -p custodian-directory --bin directory-bench
	scripts/bench-app.sh

.PHONY: bindings
bindings: ## Regenerate ui/src/bindings from the Rust wire types
	UPDATE_BINDINGS=1 $(CARGO) test -p custodian-core --test bindings

.PHONY: bundle
bundle: deps ## Build a release .deb package into target/release/bundle/deb
	npm --prefix ui exec -- tauri build --bundles deb

.PHONY: ci
ci: lint test ## What CI runs
