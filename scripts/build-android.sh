#!/usr/bin/env bash
# Builds the Rust core for Android and the Kotlin bindings that go with it:
#   1. scripts/gen-bindings.sh — the host library and the uniffi Kotlin bindings generated from
#      it (skipped with --no-bindings: the Gradle build generates them once, in :shell);
#   2. cargo-ndk — libeventide_ffi.so for arm64-v8a, armeabi-v7a and x86_64 into a jniLibs
#      tree (<out>/<abi>/libeventide_ffi.so), for minSdk 26;
#   3. checks the ELF page alignment of every library with the NDK's llvm-readelf -l: 16 KB for
#      the 64-bit ABIs (Android 15+ devices with 16 KB pages refuse anything less), 4 KB for
#      armeabi-v7a (32-bit devices have 4 KB pages, and the NDK links it at 4 KB).
# The Android Gradle build runs this (task buildRustCore) only when the Rust sources changed,
# and checks the finished APK (task checkApkAlignment) with --check-apk.
#
#   scripts/build-android.sh [--debug] [--no-bindings] [--jni-out DIR]
#                                  build (default: release, into android/app/build/rustJniLibs)
#   scripts/build-android.sh --check-only DIR   only check the alignment of DIR/<abi>/*.so
#   scripts/build-android.sh --check-apk PATH   check an APK, or every APK under a directory:
#                                  zipalign -c -P 16 on its entries, then the ELF alignment of
#                                  every lib/<abi>/*.so inside (JNA's libjnidispatch.so too)
#
# Needs: the Android NDK (ANDROID_NDK_HOME, or the newest under $ANDROID_HOME/ndk), cargo-ndk
# (`cargo install cargo-ndk`) and the rustup targets (added here when missing); --check-apk
# also needs the SDK's build-tools (zipalign) and unzip.
set -euo pipefail
cd "$(dirname "$0")/.."

ABIS=(arm64-v8a armeabi-v7a x86_64)
TRIPLES=(aarch64-linux-android armv7-linux-androideabi x86_64-linux-android)
MIN_SDK=26

die() { echo "error: $*" >&2; exit 1; }

# page_for ABI: the ELF segment alignment that ABI's devices need.
page_for() {
  case "$1" in
    armeabi-v7a | x86) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

profile=release
jni_out=android/app/build/rustJniLibs
check_only=""
check_apk=""
bindings=1
while [ $# -gt 0 ]; do
  case "$1" in
    --debug) profile=debug ;;
    --release) profile=release ;;
    --no-bindings) bindings=0 ;;
    --jni-out) jni_out="${2:?--jni-out needs a directory}"; shift ;;
    --check-only) check_only="${2:?--check-only needs a directory}"; shift ;;
    --check-apk) check_apk="${2:?--check-apk needs an APK or a directory}"; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
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

# check_alignment DIR: every LOAD segment of every DIR/<abi>/*.so aligned to at least that
# ABI's page size (page_for).
check_alignment() {
  local dir="$1" readelf so bad=0 aligns abi page
  readelf="$(ls "${NDK:-/nonexistent}"/toolchains/llvm/prebuilt/*/bin/llvm-readelf 2>/dev/null | head -1 || true)"
  [ -n "$readelf" ] || readelf="$(command -v llvm-readelf || true)"
  [ -n "$readelf" ] || die "llvm-readelf not found (it ships with the NDK)"
  local found=0
  for so in "$dir"/*/*.so; do
    [ -e "$so" ] || continue
    found=1
    abi="$(basename "$(dirname "$so")")"
    page="$(page_for "$abi")"
    # Program headers, one per line; the last column of a LOAD line is its alignment.
    aligns="$("$readelf" -l --wide "$so" | awk '$1 == "LOAD" { print $NF }')"
    [ -n "$aligns" ] || { echo "  $so: no LOAD segments?" >&2; bad=1; continue; }
    local this=0
    for a in $aligns; do
      if [ $((a)) -lt "$page" ]; then
        echo "  $so: LOAD segment aligned to $a; $abi needs >= $page" >&2
        this=1
      fi
    done
    if [ $this = 0 ]; then echo "  $so: LOAD alignment" $aligns "ok for $abi (>= $page)"; else bad=1; fi
  done
  [ $found = 1 ] || die "no libraries under $dir"
  [ $bad = 0 ] || die "libraries are not page aligned for their ABI (use NDK r28+; do not override its page-size link flags)"
  echo "Every library is page aligned for its ABI (16 KB on 64-bit ABIs)."
}

# check_apks PATH: zipalign -c -P 16 on each APK (uncompressed .so entries on 16 KB boundaries
# inside the zip), then check_alignment on the libraries it carries.
check_apks() {
  local path="$1" zipalign apk tmp
  local sdk="${ANDROID_HOME:-${ANDROID_SDK_ROOT:-$HOME/Android/Sdk}}"
  zipalign="$(ls "$sdk"/build-tools/*/zipalign 2>/dev/null | sort -V | tail -1 || true)"
  [ -n "$zipalign" ] || zipalign="$(command -v zipalign || true)"
  [ -n "$zipalign" ] || die "zipalign not found (Android SDK build-tools 35 or newer)"
  command -v unzip >/dev/null 2>&1 || die "unzip is not installed"
  local apks=()
  if [ -d "$path" ]; then
    while IFS= read -r apk; do apks+=("$apk"); done < <(find "$path" -name '*.apk' | sort)
  else
    apks=("$path")
  fi
  [ ${#apks[@]} -gt 0 ] || die "no APK under $path"
  for apk in "${apks[@]}"; do
    echo "==> $apk"
    "$zipalign" -c -P 16 -v 4 "$apk" >/dev/null || die "$apk: entries are not aligned (zipalign -c -P 16 -v 4 $apk shows which)"
    echo "  zipalign -c -P 16: ok"
    tmp="$(mktemp -d)"
    unzip -q "$apk" 'lib/*' -d "$tmp" || die "$apk carries no native libraries"
    check_alignment "$tmp/lib"
    rm -rf "$tmp"
  done
}

if [ -n "$check_only" ]; then
  NDK="$(find_ndk || true)"
  check_alignment "$check_only"
  exit 0
fi
if [ -n "$check_apk" ]; then
  NDK="$(find_ndk || true)"
  check_apks "$check_apk"
  exit 0
fi

NDK="$(find_ndk)" || die "no Android NDK found: install NDK r28+ (Android Studio > SDK Manager > SDK Tools > NDK) or set ANDROID_NDK_HOME"
export ANDROID_NDK_HOME="$NDK"
# NDK r28+ links 64-bit ABIs 16 KB page aligned by default (the check at the end proves it).
ndk_major="$(sed -n 's/^Pkg.Revision *= *\([0-9]*\).*/\1/p' "$NDK/source.properties" 2>/dev/null || true)"
[ -n "$ndk_major" ] && [ "$ndk_major" -ge 28 ] || die "NDK $NDK is ${ndk_major:-of unknown version}; use r28 or newer (16 KB page alignment by default)"
command -v cargo-ndk >/dev/null 2>&1 || die "cargo-ndk is not installed: cargo install cargo-ndk"
if command -v rustup >/dev/null 2>&1; then
  installed="$(rustup target list --installed)"
  for t in "${TRIPLES[@]}"; do
    grep -qx "$t" <<<"$installed" || rustup target add "$t"
  done
fi

if [ $bindings = 1 ]; then
  echo "==> Kotlin bindings (scripts/gen-bindings.sh)"
  if [ "$profile" = release ]; then bash scripts/gen-bindings.sh --release; else bash scripts/gen-bindings.sh; fi
fi

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

echo "==> page alignment per ABI (llvm-readelf -l)"
check_alignment "$jni_out"
echo "Android libraries in $jni_out."
if [ $bindings = 1 ]; then echo "Kotlin bindings in ${CARGO_TARGET_DIR:-target}/bindings/kotlin."; fi
