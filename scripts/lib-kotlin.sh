# Sourced by the Kotlin suite and the FFI benchmark: finds (or installs) a JVM, kotlinc from
# the npm package `kotlin-compiler`, and JNA from Debian's libjna-java; then generates the
# bindings and copies the library they came from into a private directory, so a later build
# of another checkout cannot swap the library under the tests.
# Sets: KOTLINC, JNA_JAR, KOTLIN_LIB, KT_BUILD (private dir with libeventide_ffi.so), KT_BINDINGS.

KOTLIN_COMPILER_VERSION="2.4.20"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  echo "installing $* with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if ! command -v java >/dev/null 2>&1; then
  apt_install default-jre-headless
fi

JNA_JAR=/usr/share/java/jna.jar
if [ ! -f "$JNA_JAR" ]; then
  apt_install libjna-java
fi

find_kotlinc() {
  for k in "${KOTLINC:-}" "$(command -v kotlinc 2>/dev/null || true)" \
           /opt/kotlinc-npm/node_modules/kotlin-compiler/bin/kotlinc \
           "$KOTLIN_TOOLS/node_modules/kotlin-compiler/bin/kotlinc"; do
    if [ -n "$k" ] && [ -x "$k" ]; then echo "$k"; return 0; fi
  done
  return 1
}

KOTLIN_TOOLS="${XDG_CACHE_HOME:-$HOME/.cache}/eventide/kotlin-compiler"
if ! KOTLINC="$(find_kotlinc)"; then
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm
  fi
  echo "installing kotlin-compiler@$KOTLIN_COMPILER_VERSION from npm into $KOTLIN_TOOLS"
  mkdir -p "$KOTLIN_TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$KOTLIN_TOOLS" "kotlin-compiler@$KOTLIN_COMPILER_VERSION"
  chmod +x "$KOTLIN_TOOLS/node_modules/kotlin-compiler/bin/"* 2>/dev/null || true
  KOTLINC="$(find_kotlinc)" || { echo "error: kotlinc still not found after npm install" >&2; exit 1; }
fi
KOTLIN_LIB="$(cd "$(dirname "$KOTLINC")/../lib" && pwd)"
echo "kotlinc: $KOTLINC"
echo "JNA: $(readlink -f "$JNA_JAR")"

# Debian's JNA loads its native part from the system; point it there when present.
JNA_BOOT=()
for d in /usr/lib/x86_64-linux-gnu/jni /usr/lib/aarch64-linux-gnu/jni /usr/lib/jni; do
  if [ -d "$d" ] && ls "$d"/libjnidispatch* >/dev/null 2>&1; then JNA_BOOT=(-Djna.boot.library.path="$d"); break; fi
done

# generate_bindings PROFILE_FLAG: builds the library, writes the bindings, copies both aside.
generate_bindings() {
  local target_dir="${CARGO_TARGET_DIR:-target}"
  local profile=debug
  [ "${1:-}" = "--release" ] && profile=release
  bash scripts/gen-bindings.sh "$@"
  KT_BUILD="$(mktemp -d "${TMPDIR:-/tmp}/eventide-kotlin.XXXXXX")"
  cp "$target_dir/$profile/libeventide_ffi.so" "$KT_BUILD/"
  KT_BINDINGS="$KT_BUILD/eventide_ffi.kt"
  cp "$target_dir/bindings/kotlin/app/eventide/core/eventide_ffi.kt" "$KT_BINDINGS"
}
