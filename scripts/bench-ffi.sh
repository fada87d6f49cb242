#!/usr/bin/env bash
# The FFI overhead benchmark: median cost of `today` and of recording a dose, called from
# Kotlin on the JVM through the generated bindings, next to the same operations called from
# Rust directly (the core, and the FFI object's Rust API) in the same run on the same fixture.
# Release builds (the shipping profile). Prints a table with the ratio Kotlin / Rust core.
#
#   scripts/bench-ffi.sh [ITERATIONS]     (default 300; `today` runs 3× as many)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/lib-kotlin.sh
iterations="${1:-300}"
target_dir="${CARGO_TARGET_DIR:-target}"

generate_bindings --release
trap 'rm -rf "$KT_BUILD"' EXIT
echo "==> building the Rust half (release)"
cargo build --release --locked -p eventide-ffi --example bench_rust

echo "==> compiling the Kotlin half"
"$KOTLINC" -nowarn -jvm-target 17 -cp "$JNA_JAR:$KOTLIN_LIB/kotlin-stdlib.jar" \
  -d "$KT_BUILD/bench.jar" "$KT_BINDINGS" tests/kotlin/bench/Bench.kt

work="$KT_BUILD/data"
mkdir -p "$work"
echo "==> running ($iterations recorded doses, $((iterations * 3)) today calls each; databases in $work)"
rust_out="$("$target_dir/release/examples/bench_rust" "$work" "$iterations")"
kotlin_out="$(java "${JNA_BOOT[@]}" -Djna.library.path="$KT_BUILD" \
  -cp "$KT_BUILD/bench.jar:$JNA_JAR:$KOTLIN_LIB/kotlin-stdlib.jar" app.eventide.bench.BenchKt "$work" "$iterations")"
echo "$rust_out"
echo "$kotlin_out"

field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" <<<"$1"; }
core_line="$(grep '^rust-core' <<<"$rust_out")"
api_line="$(grep '^rust-ffi-api' <<<"$rust_out")"
echo
printf '%-34s %14s %14s\n' "median, µs (release, $(uname -m))" "today" "record a dose"
printf '%-34s %14s %14s\n' "Rust, core directly" "$(field "$core_line" today_us)" "$(field "$core_line" take_us)"
printf '%-34s %14s %14s\n' "Rust, FFI object's Rust API" "$(field "$api_line" today_us)" "$(field "$api_line" take_us)"
printf '%-34s %14s %14s\n' "Kotlin on the JVM via uniffi/JNA" "$(field "$kotlin_out" today_us)" "$(field "$kotlin_out" take_us)"
awk -v kt="$(field "$kotlin_out" today_us)" -v rt="$(field "$core_line" today_us)" \
    -v kd="$(field "$kotlin_out" take_us)" -v rd="$(field "$core_line" take_us)" \
    'BEGIN { printf "%-34s %13.2fx %13.2fx\n", "ratio Kotlin / Rust core", kt / rt, kd / rd }'
echo "zone questions per today(): $(field "$kotlin_out" zone_questions_per_today) (each a JNA callback into Kotlin)"
