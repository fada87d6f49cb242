#!/usr/bin/env bash
# The Kotlin suite: the generated bindings and tests/kotlin compiled with kotlinc, run on a
# plain JVM (JNA) against the real eventide-ffi library. Installs kotlinc (npm) and JNA
# (apt) when missing. Ends with "kotlin: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-kotlin.sh

generate_bindings
trap 'rm -rf "$KT_BUILD"' EXIT

echo "==> compiling the Kotlin tests"
"$KOTLINC" -nowarn -jvm-target 17 \
  -cp "$JNA_JAR:$KOTLIN_LIB/kotlin-stdlib.jar" \
  -d "$KT_BUILD/tests.jar" "$KT_BINDINGS" tests/kotlin/*.kt

echo "==> running the Kotlin tests on $(java -version 2>&1 | head -1)"
java "${JNA_BOOT[@]}" -Djna.library.path="$KT_BUILD" \
  -cp "$KT_BUILD/tests.jar:$JNA_JAR:$KOTLIN_LIB/kotlin-stdlib.jar" \
  app.eventide.tests.HarnessKt
