#!/usr/bin/env bash
# Builds the terminal companion and prints the path of its executable. Set EVENTIDE_BIN to
# use a binary built elsewhere (e.g. when several checkouts share one target directory and
# another may have replaced target/debug/eventide since this one was built).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -n "${EVENTIDE_BIN:-}" ]; then
  echo "$EVENTIDE_BIN"
  exit 0
fi
cargo build -q -p eventide
echo "${CARGO_TARGET_DIR:-target}/debug/eventide"
