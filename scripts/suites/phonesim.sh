#!/usr/bin/env bash
# The simulated phone (tests/phonesim): the real core driven through months of random
# events on a model of each platform's rules, every night's dose reminder checked. A few
# seeds per platform here; by hand: `cargo run --release -p phonesim -- --platform ios
# --runs 500 --days 120 --seed 1`. Each run ends with
# "phonesim: platform P, runs R, nights N, missing M, duplicate D, stale S, late L, silent-unopened U"
# and fails when missing, duplicate, stale or late is not 0.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo build --locked -q -p phonesim
bin="${CARGO_TARGET_DIR:-target}/debug/phonesim"
for platform in android ios; do
  for seed in 1 2 3; do
    "$bin" --platform "$platform" --runs 1 --days 120 --seed "$seed"
  done
done
