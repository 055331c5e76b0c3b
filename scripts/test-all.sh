#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (`.ci/run` calls this script).
# Installs what is missing first (Debian packages need root or sudo; mdBook is
# built into target/tools), so it also works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "prerequisites"
bash scripts/install-test-deps.sh
export PATH="$root/target/tools/bin:$PATH"

step "formatting and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (unit, fixtures, corpus, CLI, language server, preprocessor)"
cargo test --workspace --locked

step "VS Code extension (unit tests, tests against the real blueprint lsp, .vsix)"
cargo build --locked -p blueprint-cli
export BLUEPRINT_BIN="$root/target/debug/blueprint"
(cd vscode-extension && npm ci --no-audit --no-fund && npm test && npm run package)

step "the study book: a real mdbook build (design-doc blocks are checked by the analyzer)"
cargo build --locked -p mdbook-blueprint
python3 book/tools/test_check_callouts.py
python3 book/tools/check_callouts.py
(cd book && PATH="$root/target/debug:$PATH" mdbook build)
python3 book/tools/check_links.py

step "rendered callouts in headless Chromium"
(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
    && ./build-fixture.sh "$root/target/browser-fixture" && node run.mjs "$root/target/browser-fixture")
