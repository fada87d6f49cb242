#!/usr/bin/env bash
# Builds the Rust core for Android and the Kotlin bindings that go with it:
#   1. scripts/gen-bindings.sh — the host library and the uniffi Kotlin bindings generated from it;
#   2. cargo-ndk — libeventide_ffi.so for arm64-v8a, armeabi-v7a and x86_64 into a jniLibs
#      tree (<out>/<abi>/libeventide_ffi.so), for minSdk 26;
#   3. checks every library is 16 KB page aligned (Android 15+ devices with 16 KB pages refuse
#      to load anything less) with the NDK's llvm-readelf -l.
# The Android Gradle build (android/app, task buildRustCore) runs this before every build.
#
#   scripts/build-android.sh [--debug] [--jni-out DIR]   build (default: release, android/app/build/rustJniLibs)
#   scripts/build-android.sh --check-only DIR            only check the alignment of DIR/*/*.so
#
# Needs: the Android NDK (ANDROID_NDK_HOME, or the newest under $ANDROID_HOME/ndk), cargo-ndk
# (`cargo install cargo-ndk`) and the rustup targets (added here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

ABIS=(arm64-v8a armeabi-v7a x86_64)
TRIPLES=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android)
MIN_SDK=26
PAGE=16384

die() { echo "error: $*" >&2; exit 1; }

profile=release
jni_out=android/app/build/rustJniLibs
check_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug ;;
    --release) profile=release ;;
    --jni-out) jni_out="${2:?--jni-out needs a directory}"; shift ;;
    --check-only) check_only="${2:?--check-only needs a directory}"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (try --help)" ;;
  esac
  shift
done

find_ndk() {
  local ndk="${ANDROID_NDK_HOME:-${ANDROID_NDK_ROOT:-}}"
  if [ -z "$ndk" ]; then
    local sdk
    for sdk in "${ANDROID_HOME:-}" "${ANDROID_SDK_ROOT:-}" "$HOME/Android/Sdk" "$HOME/Library/Android/sdk"; do
      if [ -n "$sdk" ] && [ -d "$sdk/ndk" ]; then
        ndk="$(ls -d "$sdk"/ndk/*/ 2>/dev/null | sort -V | tail -1)"
        ndk="${ndk%/}"
        [ -n "$ndk" ] && break
      fi
    done
  fi
  [ -n "$ndk" ] && [ -d "$ndk" ] || return 1
  echo "$ndk"
}

# check_alignment DIR: every LOAD segment of every DIR/<abi>/*.so aligned to >= 16 KB.
check_alignment() {
  local dir="$1" readelf so bad=0 aligns
  readelf="$(ls "${NDK:-/nonexistent}"/toolchains/llvm/prebuilt/*/bin/llvm-readelf 2>/dev/null | head -1 || true)"
  [ -n "$readelf" ] || readelf="$(command -v llvm-readelf || true)"
  [ -n "$readelf" ] || die "llvm-readelf not found (it ships with the NDK)"
  local found=0
  for so in "$dir"/*/*.so; do
    [ -e "$so" ] || continue
    found=1
    # Program headers, one per line; the last column of a LOAD line is its alignment.
    aligns="$("$readelf" -l --wide "$so" | awk '$1 == "LOAD" { print $NF }')"
    [ -n "$aligns" ] || { echo "  $so: no LOAD segments?" >&2; bad=1; continue; }
    local this=0
    for a in $aligns; do
      if [ $((a)) -lt $PAGE ]; then
        echo "  $so: LOAD segment aligned to $a, needs >= $PAGE (0x4000)" >&2
        this=1
      fi
    done
    if [ $this = 0 ]; then echo "  $so: LOAD alignment" $aligns "ok"; else bad=1; fi
  done
  [ $found = 1 ] || die "no libraries under $dir"
  [ $bad = 0 ] || die "libraries are not 16 KB page aligned (use NDK r28+; do not override its page-size link flags)"
  echo "All libraries are 16 KB page aligned."
}

if [ -n "$check_only" ]; then
  NDK="$(find_ndk || true)"
  check_alignment "$check_only"
  exit 0
fi

NDK="$(find_ndk)" || die "no Android NDK found: install NDK r28+ (Android Studio > SDK Manager > SDK Tools > NDK) or set ANDROID_NDK_HOME"
export ANDROID_NDK_HOME="$NDK"
# NDK r28+ links 16 KB page aligned by default (the check at the end proves it either way).
ndk_major="$(sed -n 's/^Pkg.Revision *= *\([0-9]*\).*/\1/p' "$NDK/source.properties" 2>/dev/null || true)"
[ -n "$ndk_major" ] && [ "$ndk_major" -ge 28 ] || die "NDK $NDK is ${ndk_major:-of unknown version}; use r28 or newer (16 KB page alignment by default)"
command -v cargo-ndk >/dev/null 2>&1 || die "cargo-ndk is not installed: cargo install cargo-ndk"
if command -v rustup >/dev/null 2>&1; then
  installed="$(rustup target list --installed)"
  for t in "${TRIPLES[@]}"; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
  done
fi

echo "==> Kotlin bindings (scripts/gen-bindings.sh)"
if [ "$profile" = release ]; then bash scripts/gen-bindings.sh --release; else bash scripts/gen-bindings.sh; fi

echo "==> libeventide_ffi.so for ${ABIS[*]} (NDK $NDK, API $MIN_SDK) -> $jni_out"
mkdir -p "$jni_out"
targets=()
for abi in "${ABIS[@]}"; do targets+=(-t "$abi"); done
release_flag=()
[ "$profile" = release ] && release_flag=(--release)
cargo ndk --platform "$MIN_SDK" "${targets[@]}" -o "$jni_out" build --locked -p eventide-ffi --lib "${release_flag[@]}"

for abi in "${ABIS[@]}"; do
  [ -s "$jni_out/$abi/libeventide_ffi.so" ] || die "$jni_out/$abi/libeventide_ffi.so was not built"
done

echo "==> 16 KB page alignment (llvm-readelf -l)"
check_alignment "$jni_out"
echo "Android libraries in $jni_out; Kotlin bindings in ${CARGO_TARGET_DIR:-target}/bindings/kotlin."
