#!/usr/bin/env bash
# The Android shell's plain-Kotlin module (android/shell: reconciliation, screen state,
# notification action routing, the java.time DeviceZone) compiled with kotlinc together with
# the generated bindings, and its tests run on a plain JVM against the real eventide-ffi
# library. No Android SDK needed. Installs kotlinc (npm) and JNA (apt) when missing, through
# scripts/lib-kotlin.sh. Ends with "android-shell: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/lib-kotlin.sh

generate_bindings
trap 'rm -rf "$KT_BUILD"' EXIT

shell=android/shell/src
cp_compile="$JNA_JAR:$KOTLIN_LIB/kotlin-stdlib.jar:$KOTLIN_LIB/kotlin-test.jar"

echo "==> compiling android/shell (main + tests) with the bindings"
"$KOTLINC" -nowarn -jvm-target 17 -cp "$cp_compile" -d "$KT_BUILD/android-shell.jar" \
  "$KT_BINDINGS" "$shell"/main/kotlin/app/eventide/shell/*.kt "$shell"/test/kotlin/app/eventide/shell/*.kt

echo "==> running the android/shell tests on $(java -version 2>&1 | head -1)"
java "${JNA_BOOT[@]}" -Djna.library.path="$KT_BUILD" \
  -cp "$KT_BUILD/android-shell.jar:$cp_compile" app.eventide.shell.HarnessKt
