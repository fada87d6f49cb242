#!/usr/bin/env bash
# Runs every check Eventide has: formatting, clippy with warnings as errors, the Rust tests
# (unit, store, property and CLI), and the cross-language suites. README's test command and
# CI both run exactly this. Installs what it needs when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests"
cargo test --workspace --locked

# The benchmarks seed their data through the app's own calls; run the quick one once so a
# rule the app learns (a warning to confirm, say) cannot leave scripts/bench.sh broken.
step "the report bench still runs (one run; timings not judged)"
cargo run --locked -q -p eventide-core --example report_bench -- 1 >/dev/null

# Cross-language and end-to-end suites; each script installs its own tools when missing.
for suite in scripts/suites/*.sh; do
  [ -e "$suite" ] || continue
  step "$suite"
  bash "$suite"
done

printf '\nAll checks passed.\n'
