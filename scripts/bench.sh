#!/usr/bin/env bash
# Prints Eventide's figures as one Markdown table: home-screen time against history length,
# the cost of recording a dose against a bare SQLite insert, notification planning, the size
# of the shipped library (with its largest contributors), and peak memory of the demo.
# Figures vary with the machine and its load; scripts/BENCHMARKS.md records a run and how
# to read it. Installs GNU time and binutils when missing (Debian/Ubuntu).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

need() { # need COMMAND DEBIAN-PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing $2 for $1" >&2
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "$2" >&2
}
need strip binutils
need size binutils
need nm binutils
[ -x /usr/bin/time ] || need /usr/bin/time time

echo "building release binaries (this takes a few minutes on a cold cache)…" >&2
cargo build --release --locked -p eventide-ffi -p eventide -p eventide-bench >&2

row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }

echo
echo "| measure | figure | target | verdict |"
echo "|---|---|---|---|"
"$TARGET_DIR/release/eventide-bench"

# The shipped library: a stripped copy of the cdylib built for this machine.
LIB="$TARGET_DIR/release/libeventide_ffi.so"
cp "$LIB" "$WORK/lib.so"
strip "$WORK/lib.so"
BYTES=$(stat -c %s "$WORK/lib.so")
LIMIT=$((1800 * 1024))
MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.2f MB (%d bytes)", b / 1048576, b }')
if [ "$BYTES" -le "$LIMIT" ]; then V=met; else V=MISSED; fi
row "stripped \`libeventide_ffi.so\` ($(uname -m))" "$MB" "≤ 1.8 MB" "$V"
# The size only means something once the FFI exports the core: count what it exports.
EXPORTS=$(nm -D --defined-only "$LIB" | grep -c ' uniffi_eventide' || true)
row "uniffi functions the library exports" "$EXPORTS" "" ""
# Sections of the stripped library, then the largest functions/data of the unstripped one.
SECTIONS=$(size -A "$WORK/lib.so" | awk '$2 ~ /^[0-9]+$/ && $2 > 8192 { printf "%s%s %.0f KB", sep, $1, $2 / 1024; sep = ", " }')
row "of which, sections over 8 KB" "$SECTIONS" "" ""
# Largest symbols, grouped by crate (the first path segment of the demangled name).
CRATES=$(nm --size-sort -S -t d -C "$LIB" 2>/dev/null | awk '
  { size = $2 + 0; name = ""; for (i = 4; i <= NF; i++) name = name $i " "
    if (name ~ /^sqlite3|^sqlite|^Sqlite|^vdbe|^btree|^pager|^wal|^yy/) c = "sqlite (C)"
    else { sub(/^<+/, "", name); split(name, p, "::"); c = p[1]; if (c == name) c = "(other C/runtime)"; if (c == "core") c = "Rust core lib" }
    total[c] += size }
  END { for (c in total) printf "%d %s\n", total[c], c }' | sort -rn | head -6 |
  awk '{ n = $1; $1 = ""; printf "%s%s %.0f KB", sep, substr($0, 2), n / 1024; sep = ", " }')
row "largest contributors (symbol bytes by crate, \`nm --size-sort\`)" "$CRATES" "" ""
TOP=$(nm --size-sort -S -t d -C "$LIB" 2>/dev/null | tail -3 | tac |
  awk '{ n = $2 + 0; name = ""; for (i = 4; i <= NF; i++) name = name $i " "; printf "%s%s (%.0f KB)", sep, substr(name, 1, 50), n / 1024; sep = "; " }')
row "largest single symbols" "$TOP" "" ""

# Peak memory of the demo (writes a fresh database).
/usr/bin/time -v "$TARGET_DIR/release/eventide" --db "$WORK/demo.db" --zone Europe/London \
  --now 2026-11-25T14:00:00Z demo >/dev/null 2>"$WORK/time.txt"
KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/time.txt")
row "peak memory of \`eventide demo\`" "$(awk -v k="$KB" 'BEGIN { printf "%.1f MB", k / 1024 }')" "" ""

# Report generation: the report bench seeds 1- and 10-year logs through the app's own calls
# and times each format end to end (read, gather, render); 10 years must stay under 100 ms.
cargo build --release --locked -p eventide-core --example report_bench >&2
/usr/bin/time -v "$TARGET_DIR/release/examples/report_bench" 9 >"$WORK/report.txt" 2>"$WORK/report-time.txt" \
  || { cat "$WORK/report-time.txt" >&2; echo "error: the report bench failed" >&2; exit 1; }
awk '$4 ~ /^(html|csv|fhir)$/ {
  target = ($1 == "10") ? "< 100 ms" : "";
  verdict = ($1 == "10") ? (($5 + 0 < 100) ? "met" : "MISSED") : "";
  printf "| report, %s %s, %s (median; file size) | %s ms (%s %s) | %s | %s |\n", $1, $2, $4, $5, $9, $10, target, verdict
}' "$WORK/report.txt"
KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$WORK/report-time.txt")
row "peak memory of the report bench (seeds and renders a 10-year log in every format)" "$(awk -v k="$KB" 'BEGIN { printf "%.1f MB", k / 1024 }')" "" ""
