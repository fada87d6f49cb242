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
kotlin_main="$(grep '^kotlin ' <<<"$kotlin_out")"
kotlin_profile="$(grep '^kotlin-profile' <<<"$kotlin_out")"
kotlin_cold="$(grep '^kotlin-cold' <<<"$kotlin_out")"
shell_line="$(grep '^rust-shell-zone' <<<"$rust_out")"
echo
row() { printf '%-34s %12s %14s %14s %14s\n' "$@"; }
row "median, µs (release, $(uname -m))" "today" "record a dose" "take again" "tap again"
for pair in "Rust, core directly|$core_line" "Rust, FFI object's Rust API|$api_line" "Kotlin on the JVM via uniffi/JNA|$kotlin_main"; do
  name="${pair%%|*}"; line="${pair#*|}"
  row "$name" "$(field "$line" today_us)" "$(field "$line" take_us)" "$(field "$line" again_us)" "$(field "$line" tap_key_us)"
done
awk -v kt="$(field "$kotlin_main" today_us)" -v rt="$(field "$core_line" today_us)" \
    -v kd="$(field "$kotlin_main" take_us)" -v rd="$(field "$core_line" take_us)" \
    -v ka="$(field "$kotlin_main" again_us)" -v ra="$(field "$core_line" again_us)" \
    -v kk="$(field "$kotlin_main" tap_key_us)" -v rk="$(field "$core_line" tap_key_us)" \
    'BEGIN { printf "%-34s %11.2fx %13.2fx %13.2fx %13.2fx\n", "ratio Kotlin / Rust core", kt / rt, kd / rd, ka / ra, kk / rk;
             printf "%-34s %12.0f %14.0f %14.0f %14.0f\n", "FFI cost per call, µs", kt - rt, kd - rd, ka - ra, kk - rk }'
echo "The FFI object with a phone-style DeviceZone (Rust, no crossing): today $(field "$shell_line" today_us) µs."
echo "Kotlin figures are taken with the JIT warm (20,000 calls first); the first $iterations calls of a"
echo "fresh JVM, still interpreted, take $(field "$kotlin_cold" today_us) µs for today."
echo
echo "Where a Kotlin call's time goes (median, µs): a bare crossing (no arguments, a number back) $(field "$kotlin_profile" bare_us);"
echo "an object method with nothing back $(field "$kotlin_profile" method_us) (two crossings: the generated code clones the"
echo "object's handle first); one string argument and an optional enum back $(field "$kotlin_profile" string_arg_us) (three: the"
echo "argument's buffer is allocated by Rust, the result freed by Rust); a small record back"
echo "$(field "$kotlin_profile" record_back_us). Allocating the call-status structure the generated code makes for every crossing"
echo "costs $(field "$kotlin_profile" status_alloc_us) on its own. \"tap again\" (handle_action: the dose's key and the button, the"
echo "path the cards and notification buttons take) makes five crossings: clone, two argument buffers,"
echo "the call, freeing the result."
echo "Recording a dose is one durable SQLite commit (synchronous=FULL): its time is the disk's"
echo "fsync and varies from run to run; \"take again\" is the same call with nothing to write."
echo "Zone questions per today(): $(field "$kotlin_main" zone_questions_per_today) (JNA callbacks into Kotlin)"
