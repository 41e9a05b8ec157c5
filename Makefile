# Amicus. The README's two commands are `make run` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
# Under Xvfb the DMA-BUF renderer only costs memory.
export WEBKIT_DISABLE_DMABUF_RENDERER := 1

APP := target/debug/amicus-desktop

.PHONY: run test setup ui app app-test-hooks check test-rust test-ui e2e bench screenshots bindings clean package package-test package-windows package-windows-test

setup:
	@bash scripts/setup.sh

ui: setup
	cd ui && env -u AMICUS_TEST_HOOKS npm run build

app: ui
	cargo build -p amicus-desktop -p amicus-cli

## The same app with its test and benchmark hooks (src-tauri/src/hooks.rs: a
## fixed export path instead of the save dialog, start-up timings, the empty
## baseline window; the UI's side built with AMICUS_TEST_HOOKS=1), which the
## WebDriver tests and the screenshots drive. `make run` and the package never
## have them.
app-test-hooks: setup
	cd ui && AMICUS_TEST_HOOKS=1 npm run build
	cargo build -p amicus-desktop -p amicus-cli --features amicus-desktop/test-hooks
	cargo build -p testkit --bin test-print-server

## Start the desktop app on its default database with the sample letter.
run: app
	@if [ -z "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display found; starting Amicus under Xvfb (headless)."; \
	  xvfb-run -a $(APP); \
	else \
	  $(APP); \
	fi

## Lints that gate CI, and the dependencies' advisories, licences and sources (deny.toml).
check: ui
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets -- -D warnings
	bash scripts/deny.sh
	cd ui && npm run lint && npm run typecheck

## The store's and use cases' suites run on both engines: SQLite, and a
## throwaway PostgreSQL server the script starts and stops around them;
## then the team schema's own rules are checked through psql, as a
## colleague with a SQL client would meet them.
test-rust: ui
	AMICUS_REQUIRE_PG=1 bash scripts/with-postgres.sh sh -c 'cargo test --workspace && bash crates/store/pg/check.sh'

test-ui: setup
	cd ui && npm test

## The WebDriver tests of the real app (Xvfb + tauri-driver + WebKitWebDriver).
## Without WEBKIT_DISABLE_DMABUF_RENDERER: with it, a WebDriver screenshot taken
## right after start-up never returns under Xvfb (the journey test hung on it).
## The team journey (two windows on one team record) needs the throwaway PostgreSQL server.
E2E := bash scripts/with-postgres.sh env -u WEBKIT_DISABLE_DMABUF_RENDERER xvfb-run -a node --test --test-concurrency=1 e2e/
e2e: app-test-hooks
	$(E2E)

## Regenerate the UI's TypeScript types from the Rust ones (CI fails when they drift).
bindings:
	UPDATE_BINDINGS=1 cargo test -p amicus-desktop typescript_bindings_are_current

## Every test.
test: check test-rust test-ui e2e

## Refresh the README's screenshots from the real app under Xvfb.
screenshots: app-test-hooks
	SCREENSHOT_DIR=docs/screenshots $(E2E)

## Benchmarks (criterion). Figures go in the issue notes, not in tests.
bench: setup
	cd ui && AMICUS_TEST_HOOKS=1 npm run build
	cargo build --release -p amicus-desktop --features tauri/custom-protocol,test-hooks
	cargo build --release -p amicus-cli
	xvfb-run -a node scripts/bench-desktop.mjs
	xvfb-run -a node scripts/bench-preview.mjs
	cargo bench -p amicus-app --bench render
	# The same letter set by Typst 0.15 (PyPI's typst), for the PDF's size, tags and PDF/A.
	test -x target/tools/bench/bin/python || python3 -m venv target/tools/bench
	target/tools/bench/bin/python -c "import typst" 2>/dev/null || target/tools/bench/bin/pip install -q typst==0.15.2
	target/tools/bench/bin/python scripts/bench-pdf.py target/release/amicus templates/samples/korus-2017.json crates/typeset/fonts
	cargo bench -p amicus-app --bench import
	cargo bench -p amicus-app --bench groups
	cargo bench -p store --bench store
	# Then fifty staff at once on the store bench's record (benches/load.rs; AMICUS_LOAD_SECONDS
	# shortens it), on a server whose shared buffers hold that record, as a real one's would.
	AMICUS_BENCH_ENGINE=postgres AMICUS_TEST_PG_OPTS="-c shared_buffers=1GB" bash scripts/with-postgres.sh \
	  sh -c 'cargo bench -p store --bench store && cargo bench -p store --bench load'

## The Debian package (and an RPM) of the desktop app and the `amicus` command,
## in target/package/, checked by lintian.
package: setup
	bash scripts/package.sh

## Install that package here and test the installed programs: version, a
## rendered letter, the window, an upgrade, and removal leaving the record.
package-test: package
	bash scripts/package-test.sh

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules

## The Windows installer, cross-compiled here (mingw-w64) and compiled by
## Debian's NSIS: target/package/Amicus_VERSION_x64-setup.exe.
package-windows: setup
	bash scripts/package-windows.sh

## Install it silently under Wine and test the installed programs.
package-windows-test: package-windows
	bash scripts/package-windows-test.sh
