#!/usr/bin/env bash
# Builds the fixture book with a real `mdbook` and the `mdbook-blueprint`
# binary, plus a chapter that tries to inject script through every field.
# Usage: build-fixture.sh OUT_DIR   (needs mdbook 0.5.4 and a built mdbook-blueprint)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$here/out}"
bin="${MDBOOK_BLUEPRINT:-$repo/target/debug/mdbook-blueprint}"
rm -rf "$out"
mkdir -p "$out"
cp -r "$repo/crates/mdbook-blueprint/tests/fixtures/book" "$out/book"
cd "$out/book"
"$bin" install .
# Use this checkout's binary, not whatever is on PATH.
sed -i "s|^\[preprocessor.blueprint\]|[preprocessor.blueprint]\ncommand = \"$bin\"|" book.toml
evil='<script>window.__pwned=1</script>\"onmouseover=window.__pwned=2 x=\"'
cat > src/evil.md <<EOT
# Evil

\`\`\`quiz
title = "$evil"
[[question]]
prompt = "$evil"
choices = ["$evil", "b"]
correct = [1]
explain = "$evil"
[[question]]
prompt = "short $evil"
accept = ["$evil"]
explain = "$evil"
\`\`\`

\`\`\`flashcards
deck = "$evil"
[[card]]
front = "$evil"
back = "$evil\n\n[x](javascript:window.__pwned=3)"
\`\`\`

\`\`\`interview
question = "$evil"
answer = "$evil"
\`\`\`

\`\`\`pitfall
title = "$evil"
problem = "$evil"
fix = "$evil"
\`\`\`

\`\`\`tradeoff
title = "$evil"
[[option]]
name = "$evil"
pros = ["$evil"]
cons = ["$evil"]
pick_when = "$evil"
[[option]]
name = "b"
pros = []
cons = []
pick_when = "b"
\`\`\`

\`\`\`decision
title = "$evil"
start = "s"
[[step]]
id = "s"
ask = "$evil"
choices = [{ label = "$evil", next = "o" }]
[[outcome]]
id = "o"
recommend = "$evil"
why = "$evil"
\`\`\`
EOT
echo "- [Evil](evil.md)" >> src/SUMMARY.md
start=$(date +%s%N)
mdbook build 2>&1
end=$(date +%s%N)
echo "mdbook build: $(( (end - start) / 1000000 )) ms"
