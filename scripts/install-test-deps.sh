#!/usr/bin/env bash
# Installs what the end-to-end tests need and is not already present.
# Idempotent: a second run installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

# neovim: the headless editor client of the language-server tests.
# chromium: the headless browser of the rendered-book tests (never downloaded by npm).
apt_packages=(neovim chromium)

missing=()
for package in "${apt_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# mdBook itself, pinned, built into target/tools (nothing outside the checkout).
mdbook_version=0.5.4
if ! target/tools/bin/mdbook --version 2>/dev/null | grep -q "v$mdbook_version"; then
    cargo install --quiet --locked --root target/tools "mdbook@$mdbook_version"
fi
