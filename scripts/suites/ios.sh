#!/usr/bin/env bash
# The iOS suite. What runs everywhere:
#   - scripts/gen-bindings.sh produces the Swift bindings (EventideCore.swift, the C header and
#     modulemap) from the library just built;
#   - ios/scripts/check_project.py: every path in ios/project.yml exists, the plists say what
#     README says, no network code or placeholder in the app, and every call the shell makes
#     on the core matches a method or initialiser of the generated Swift, label for label,
#     and FoundationTimeZone implements every requirement of the generated DeviceZone;
#   - ios/scripts/swift_syntax.py: every Swift file of the app, EventideKit and its tests
#     parses (tree-sitter's Swift grammar, from PyPI into a venv under the target dir).
# What runs only where Swift is installed (`swift` on PATH, Linux or macOS): `swift test` of
# EventideKit — reconciliation, action routing, view-state mapping and the zone trait, against
# the real core through the host library. Without Swift it says so plainly and still passes.
# The app target itself (SwiftUI, UserNotifications) needs Xcode: see ios/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."

target_dir="${CARGO_TARGET_DIR:-target}"
swift_out="$target_dir/bindings/swift"

echo "==> Swift bindings from scripts/gen-bindings.sh"
bash scripts/gen-bindings.sh
for f in EventideCore.swift EventideCoreFFI.h EventideCoreFFI.modulemap; do
  [ -s "$swift_out/$f" ] || { echo "error: gen-bindings.sh did not produce $swift_out/$f" >&2; exit 1; }
done

echo "==> ios/ project checks"
python3 ios/scripts/check_project.py ios "$swift_out/EventideCore.swift" > "$target_dir/ios-checks.txt" || {
  cat "$target_dir/ios-checks.txt"
  exit 1
}
echo "ios: $(grep -c '^ok' "$target_dir/ios-checks.txt") project checks passed"
bash -n scripts/build-ios.sh

echo "==> Swift syntax (tree-sitter)"
venv="$target_dir/ios-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import tree_sitter, tree_sitter_swift" 2>/dev/null; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv" 2>/dev/null; then
    # Debian ships venv separately.
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check "tree-sitter==0.26.1" "tree-sitter-swift==0.7.4"
fi
find ios/Eventide ios/EventideKit/Sources/EventideKit ios/EventideKit/Tests -name '*.swift' -print0 \
  | sort -z | xargs -0 "$venv/bin/python" ios/scripts/swift_syntax.py

if ! command -v swift >/dev/null 2>&1; then
  echo "NOTE: Swift is not installed here, so EventideKit and the iOS app were NOT compiled and"
  echo "      their tests did NOT run. On a machine with Swift this suite runs 'swift test';"
  echo "      the app itself builds in Xcode (ios/README.md)."
  exit 0
fi

echo "==> swift test (EventideKit against the host build of the core)"
kit=ios/EventideKit
lib_dir="$(cd "$target_dir/debug" && pwd)"
rm -rf "$kit/HostFFI" "$kit/Sources/EventideCore"
mkdir -p "$kit/HostFFI" "$kit/Sources/EventideCore"
cp "$swift_out/EventideCoreFFI.h" "$kit/HostFFI/"
cat > "$kit/HostFFI/module.modulemap" <<'MAP'
module EventideCoreFFI {
    header "EventideCoreFFI.h"
    link "eventide_ffi"
    export *
}
MAP
cp "$swift_out/EventideCore.swift" "$kit/Sources/EventideCore/"
EVENTIDE_FFI_HOST=1 LD_LIBRARY_PATH="$lib_dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  DYLD_LIBRARY_PATH="$lib_dir" \
  swift test --package-path "$kit" \
    -Xlinker -L"$lib_dir" -Xlinker -rpath -Xlinker "$lib_dir"
echo "ios: swift test passed"
