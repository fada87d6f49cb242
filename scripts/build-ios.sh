#!/usr/bin/env bash
# Builds the Rust core for iOS and puts it where the Xcode project expects it:
#   ios/EventideKit/Frameworks/EventideCoreFFI.xcframework   static libraries + header + modulemap
#       ios-arm64                  aarch64-apple-ios (devices)
#       ios-arm64_x86_64-simulator aarch64-apple-ios-sim + x86_64-apple-ios (lipo)
#   ios/EventideKit/Sources/EventideCore/EventideCore.swift  the generated Swift bindings
# Neither is committed. Runs on macOS with Xcode's command-line tools and rustup.
#
#   scripts/build-ios.sh            release libraries (what you ship and profile)
#   scripts/build-ios.sh --debug    debug libraries (faster to build, for day-to-day runs)
set -euo pipefail
cd "$(dirname "$0")/.."

# A flag string rather than an array: macOS's bash 3.2 rejects "${empty[@]}" under set -u.
profile=release
cargo_profile=--release
case "${1:-}" in
  --debug) profile=debug; cargo_profile= ;;
  ""|--release) ;;
  *) echo "usage: $0 [--debug]" >&2; exit 2 ;;
esac

if [ "$(uname -s)" != Darwin ] || ! command -v xcodebuild >/dev/null 2>&1; then
  echo "error: building for iOS needs macOS with Xcode (xcodebuild, lipo); this is $(uname -s)." >&2
  exit 1
fi

# rusqlite's bundled SQLite is C: the cc crate compiles it with Xcode's clang for each target,
# and the deployment target must match the app's (iOS 17) or the linker warns about every object.
export IPHONEOS_DEPLOYMENT_TARGET=17.0
targets=(aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios)
target_dir="${CARGO_TARGET_DIR:-target}"
kit=ios/EventideKit
xcframework="$kit/Frameworks/EventideCoreFFI.xcframework"

echo "==> Swift bindings (scripts/gen-bindings.sh, from the host library)"
bash scripts/gen-bindings.sh "--$profile"
swift_out="$target_dir/bindings/swift"

if command -v rustup >/dev/null 2>&1; then
  rustup target add "${targets[@]}"
fi
for target in "${targets[@]}"; do
  echo "==> eventide-ffi for $target ($profile)"
  cargo build $cargo_profile --locked -p eventide-ffi --lib --target "$target"
done

lib() { echo "$target_dir/$1/$profile/libeventide_ffi.a"; }
staging="$target_dir/ios-xcframework"
rm -rf "$staging"
mkdir -p "$staging/headers" "$staging/simulator"

echo "==> one simulator library for arm64 and x86_64"
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$staging/simulator/libeventide_ffi.a"

# The header and the modulemap (renamed module.modulemap, as Clang looks for it) define the C
# module EventideCoreFFI that the generated EventideCore.swift imports.
cp "$swift_out/EventideCoreFFI.h" "$staging/headers/"
cp "$swift_out/EventideCoreFFI.modulemap" "$staging/headers/module.modulemap"

echo "==> $xcframework"
rm -rf "$xcframework"
mkdir -p "$(dirname "$xcframework")"
xcodebuild -create-xcframework \
  -library "$(lib aarch64-apple-ios)" -headers "$staging/headers" \
  -library "$staging/simulator/libeventide_ffi.a" -headers "$staging/headers" \
  -output "$xcframework"

echo "==> $kit/Sources/EventideCore/EventideCore.swift"
mkdir -p "$kit/Sources/EventideCore"
cp "$swift_out/EventideCore.swift" "$kit/Sources/EventideCore/EventideCore.swift"

for target in "${targets[@]}"; do
  printf '%-22s %s\n' "$target" "$(du -h "$(lib "$target")" | cut -f1)"
done
echo "Done. Next: cd ios && xcodegen generate && open Eventide.xcodeproj"
