#!/usr/bin/env bash
# Builds and runs every fuzz target in fuzz/ for SECONDS each (default 60),
# one after another, on the stable toolchain. See fuzz/README.md.
#
#   scripts/fuzz.sh [SECONDS]
#
# New inputs go to fuzz/corpus/<target>/ (git-ignored except the seed-* files);
# crashes to fuzz/artifacts/<target>/. Exits non-zero on the first crash.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/fuzz"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "cargo-fuzz is not installed: cargo install --locked cargo-fuzz" >&2
    exit 2
fi

# `-s none`: no sanitizer, so no nightly-only `-Zsanitizer` flag; libFuzzer's
# coverage instrumentation uses stable `-C` options. Safe Rust needs no ASan.
cargo fuzz build -s none

for target in $(cargo fuzz list); do
    echo "== $target (${seconds}s)"
    mkdir -p "corpus/$target"
    cargo fuzz run "$target" -s none "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=8192 -timeout=20 -rss_limit_mb=2048 \
        -print_final_stats=1
done
