#!/usr/bin/env bash
# Renders the demo's HTML report and its plan calendar (`report --format plan`) in headless
# Chromium to PNG and PDF, so people (and the closing note of a change) can see what a
# clinician and a pharmacist get. Installs Debian's chromium when missing.
# Usage: scripts/render-report.sh [OUT_DIR]  (default: target/report-render)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/report-render}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "Installing chromium (Debian package)…"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  browser="$(command -v chromium)"
fi

bin="$(bash scripts/report/eventide-bin.sh)"
db="$out/demo.db"
rm -f "$db" "$db-wal" "$db-shm"
now="2026-11-25T14:00:00Z"
"$bin" --db "$db" --zone Europe/London --now "$now" demo >/dev/null
"$bin" --db "$db" --zone Europe/London --now "$now" report --format html --patient "Demo Person" --out "$out/report.html" >/dev/null
"$bin" --db "$db" --zone Europe/London --now "$now" report --format plan --patient "Demo Person" --out "$out/plan.html" >/dev/null

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
       --allow-file-access-from-files --disable-dev-shm-usage "--user-data-dir=$out/chromium-profile")
"$browser" "${flags[@]}" --window-size=1100,2400 --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$out/report.html" 2>/dev/null
"$browser" "${flags[@]}" --window-size=1000,1500 --screenshot="$out/plan.png" "file://$out/plan.html" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/plan.pdf" "file://$out/plan.html" 2>/dev/null
rm -rf "$out/chromium-profile"
for f in report.html report.png report.pdf plan.html plan.png plan.pdf; do
  [ -s "$out/$f" ] || { echo "render-report: $f was not produced" >&2; exit 1; }
done
echo "Rendered: $out/report.png and $out/report.pdf (from $out/report.html)"
echo "Rendered: $out/plan.png and $out/plan.pdf (from $out/plan.html, the plan calendar)"
