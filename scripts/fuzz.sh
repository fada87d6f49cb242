#!/usr/bin/env bash
# Fuzzes every parser of outside text (tests/fuzz/fuzz_targets) for a bounded time each.
# Not part of scripts/test.sh or CI: fuzzing needs nightly Rust and minutes of CPU.
#
#   scripts/fuzz.sh                 every target, 60 s each
#   scripts/fuzz.sh 300             every target, 300 s each
#   scripts/fuzz.sh 30 parse_time   one target, 30 s
#
# Installs cargo-fuzz (from crates.io) and the nightly toolchain (with rustup) when missing.
# Exits non-zero when a target finds a crash; the input is kept under tests/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
[ $# -gt 0 ] && shift
FUZZ_DIR=tests/fuzz
# Its own target directory: fuzz builds use nightly and instrumentation flags.
FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-$FUZZ_DIR/target}"

if ! cargo +nightly --version >/dev/null 2>&1; then
  if command -v rustup >/dev/null 2>&1 && rustup toolchain install nightly --profile minimal; then
    :
  else
    echo "fuzz.sh: nightly Rust is not available and could not be installed here;" >&2
    echo "cargo-fuzz needs it (https://rust-lang.github.io/rustup/concepts/channels.html)." >&2
    exit 2
  fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked || {
    echo "fuzz.sh: could not install cargo-fuzz from crates.io" >&2
    exit 2
  }
fi

if [ $# -gt 0 ]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(cargo +nightly fuzz list --fuzz-dir "$FUZZ_DIR")
fi

# Real databases are the best start for the file-opening target.
mkdir -p "$FUZZ_DIR/corpus/open_file"
cp tests/fixtures/*.db "$FUZZ_DIR/corpus/open_file/" 2>/dev/null || true
# A real backup is the best start for the backup reader.
mkdir -p "$FUZZ_DIR/corpus/backup_reader"
cp core/tests/fixtures/*.eventide-backup "$FUZZ_DIR/corpus/backup_reader/" 2>/dev/null || true

failed=()
for target in "${TARGETS[@]}"; do
  echo "==> fuzzing $target for ${SECONDS_EACH}s"
  extra=()
  [ "$target" = open_file ] && extra=(-max_len=131072)
  if ! cargo +nightly fuzz run --fuzz-dir "$FUZZ_DIR" --target-dir "$FUZZ_TARGET_DIR" "$target" -- \
      -max_total_time="$SECONDS_EACH" "${extra[@]}"; then
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: crashes found in: ${failed[*]} (inputs under $FUZZ_DIR/artifacts/)" >&2
  exit 1
fi
echo "fuzz.sh: ${#TARGETS[@]} targets, ${SECONDS_EACH}s each, no crash."
