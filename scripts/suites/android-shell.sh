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

# Static checks of the Android app that need no SDK: promises a user relies on.
echo "==> android/app static checks"
manifest=android/app/src/main/AndroidManifest.xml
app_src=android/app/src/main/kotlin/app/eventide/android
fail() { echo "android/app: $*" >&2; exit 1; }
if grep -rqE 'uses-permission[^>]*android.permission.INTERNET' android/app/src; then fail "the INTERNET permission must not be requested"; fi
grep -q 'android:dataExtractionRules="@xml/data_extraction_rules"' "$manifest" || fail "no dataExtractionRules (backup decision)"
# The backup decision (core/src/privacy.rs): cloud backup only when Android can encrypt it end
# to end, and then only the database; Android 8–11 (no way to require that) back up nothing.
rules=android/app/src/main/res/xml/data_extraction_rules.xml
grep -q '<cloud-backup disableIfNoEncryptionCapabilities="true">' "$rules" || fail "cloud backup must be end-to-end encrypted only (disableIfNoEncryptionCapabilities)"
[ "$(sed -n '/<cloud-backup/,/<\/cloud-backup>/p' "$rules" | grep -c '<include')" = 1 ] && grep -q '<include domain="file" path="db/" />' "$rules" \
  || fail "cloud backup must include the database directory and nothing else"
grep -q 'android:fullBackupContent="@xml/backup_rules"' "$manifest" && ! grep -q '<include' android/app/src/main/res/xml/backup_rules.xml \
  || fail "Android 8–11 cannot require an encrypted backup: backup_rules.xml must include nothing"
# Every component the manifest names exists, and every system event it listens for is handled.
for cls in $(sed -n 's/.*android:name="\.\([A-Za-z.]*\)".*/\1/p' "$manifest"); do
  [ -f "$app_src/$(echo "$cls" | tr . /).kt" ] || fail "manifest names .$cls but $app_src/$(echo "$cls" | tr . /).kt does not exist"
done
for action in BOOT_COMPLETED MY_PACKAGE_REPLACED TIME_SET TIMEZONE_CHANGED SCHEDULE_EXACT_ALARM_PERMISSION_STATE_CHANGED; do
  grep -q "action.$action\"" "$manifest" || fail "the manifest does not listen for $action"
done
grep -q 'goAsync()' "$app_src/platform/Async.kt" || fail "receivers must use goAsync"
# Every broadcast SystemEvents maps to a wake is declared, and nothing a receiver or the worker
# thread throws may kill the process (uniffi surfaces a Rust panic as InternalException).
for action in $(grep -o '"android[a-z.]*\.action\.[A-Z_]*"' android/shell/src/main/kotlin/app/eventide/shell/Reconcile.kt | tr -d '"'); do
  grep -q "\"$action\"" "$manifest" || fail "SystemEvents handles $action but the manifest does not listen for it"
done
grep -q 'catch (e: Throwable)' "$app_src/platform/Async.kt" || fail "runAsync must catch every exception"
grep -q 'setUncaughtExceptionHandler' "$app_src/EventideApp.kt" || fail "the io thread must log, not crash, on an exception"
for receiver in AlarmReceiver ActionReceiver SystemEventReceiver; do
  grep -q 'runAsync(' "$app_src/platform/$receiver.kt" || fail "$receiver must do its work through runAsync"
done
grep -q 'setPublicVersion' "$app_src/platform/Notifications.kt" || fail "reminders need a public version for the lock screen"
# The app draws what the core decides (issue 14): the step-up choice with no wording of its own,
# numbers to call only from the core's CallButton, and urgent help shown after a notification answer.
if grep -rn '"[^"]*tolerable[^"]*"' "$app_src" android/shell/src/main; then fail "step-up wording belongs to the core (draw PlanView.step_up_choice)"; fi
if grep -rln '"tel:' "$app_src" | grep -v 'platform/Dialer.kt'; then fail "numbers to call come only from the core (Dialer.kt takes CallRow.number)"; fi
grep -q 'postUrgent' "$app_src/platform/ActionReceiver.kt" || fail "a check-in answered from a notification must show what needs help now"
grep -q 'ingredientOptions()' "$app_src/ui/PlanScreen.kt" || fail "the add-medicine form must offer the core's ingredient choices"
# Issue 15: the shells draw what the core decides. A card's buttons are the core's and go through
# handleAction; Settings shows the lock-screen switch and the backup words in the core's words.
grep -q 'pressCard(c.core, row.key, button.action' "$app_src/AppViewModel.kt" || fail "a card's button must go through handleAction with the card's key (pressCard)"
if grep -rnE 'core\.(take|skip|snooze)\(' "$app_src" android/shell/src/main; then fail "card and notification buttons go through handleAction, not take/skip/snooze"; fi
grep -q 'setLockScreenDetails' "$app_src/ui/SettingsScreen.kt" && grep -q 'phoneBackupText' "$app_src/ui/SettingsScreen.kt" \
  || fail "Settings must offer the lock-screen switch and say what the phone's backup takes (the core's words)"
grep -q 'AddMedicineForm(model)' "$app_src/ui/PlanScreen.kt" || fail "a medicine is added on the Plan screen (the same place as on iOS)"
# No dose, time or range literal the core also knows (scripts/shell_literals.py lists the few allowed).
python3 scripts/shell_literals.py $(find "$app_src" android/shell/src/main/kotlin -name '*.kt') || fail "a number or time the core owns is written in the shell (above)"
echo "android/app: no INTERNET permission, backups only end-to-end encrypted, manifest components exist, all system events registered, receivers cannot crash the process, lock-screen public versions and switch, the core's step-up choice, calls, ingredient picker and card buttons drawn, no number or time of the core's written in the shell."
