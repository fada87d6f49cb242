#!/usr/bin/env bash
# Builds the eventide-ffi library and writes its Kotlin and Swift bindings (plus the Swift
# header and modulemap) under $TARGET/bindings/{kotlin,swift}, always from the library just
# built (uniffi library mode, with the workspace's own uniffi-bindgen so versions match).
# Generated files are not committed; the Android and iOS builds call this script.
#
#   scripts/gen-bindings.sh            debug library (tests)
#   scripts/gen-bindings.sh --release  release library (shipping)
#
# Bindings are generated from the unstripped library: stripping symbols removes uniffi's
# metadata and bindgen would then generate nothing. Strip the copy you ship afterwards
# (e.g. `strip --strip-unneeded`, or let the Android/iOS toolchain do it).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=debug
cargo_profile=()
case "${1:-}" in
  --release) profile=release; cargo_profile=(--release) ;;
  ""|--debug) ;;
  *) echo "usage: $0 [--release]" >&2; exit 2 ;;
esac

target_dir="${CARGO_TARGET_DIR:-target}"
out="$target_dir/bindings"

echo "==> building eventide-ffi ($profile) and uniffi-bindgen"
cargo build "${cargo_profile[@]}" --locked -p eventide-ffi --lib
cargo build --locked -p eventide-ffi --features bindgen --bin uniffi-bindgen

case "$(uname -s)" in
  Darwin) lib="$target_dir/$profile/libeventide_ffi.dylib" ;;
  *) lib="$target_dir/$profile/libeventide_ffi.so" ;;
esac
[ -f "$lib" ] || { echo "error: $lib was not built" >&2; exit 1; }
bindgen="$target_dir/debug/uniffi-bindgen"

rm -rf "$out/kotlin" "$out/swift"
mkdir -p "$out/kotlin" "$out/swift"

echo "==> Kotlin bindings -> $out/kotlin"
"$bindgen" generate --library "$lib" --language kotlin --out-dir "$out/kotlin" --no-format
echo "==> Swift bindings -> $out/swift"
"$bindgen" generate --library "$lib" --language swift --out-dir "$out/swift" --no-format

# Fail loudly rather than ship empty bindings (e.g. from a stripped library).
kt="$out/kotlin/app/eventide/core/eventide_ffi.kt"
for f in "$kt" "$out/swift/EventideCore.swift" "$out/swift/EventideCoreFFI.h" "$out/swift/EventideCoreFFI.modulemap"; do
  if [ ! -s "$f" ]; then
    echo "error: $f was not generated (is the library stripped of its uniffi metadata?)" >&2
    ls -R "$out" >&2
    exit 1
  fi
done
grep -q "class Eventide" "$kt" || { echo "error: $kt has no Eventide class" >&2; exit 1; }

if command -v swiftc >/dev/null 2>&1; then
  echo "==> compiling the Swift bindings with $(command -v swiftc)"
  swiftc -parse-as-library -emit-library -module-name EventideCore \
    -Xcc -fmodule-map-file="$out/swift/EventideCoreFFI.modulemap" -I "$out/swift" \
    -L "$(dirname "$lib")" -leventide_ffi \
    "$out/swift/EventideCore.swift" -o "$out/swift/libEventideCore.$( [ "$(uname -s)" = Darwin ] && echo dylib || echo so)"
  echo "Swift bindings compiled."
else
  echo "NOTE: swiftc is not installed here, so the Swift bindings were generated but NOT compiled."
fi

echo "Bindings from $lib:"
find "$out" -type f | sort
