#!/usr/bin/env bash
# The app icons are generated from one drawing (scripts/icons/make_icons.py): this suite
# regenerates them into a scratch directory and fails if any committed icon differs from its
# source — the Android vectors and the SVG exactly, the iOS PNG pixel for pixel within a small
# tolerance (anti-aliasing) — and checks both apps point at them. Installs cairosvg and Pillow
# (PyPI) into a venv made here.
set -euo pipefail
cd "$(dirname "$0")/../.."

target="${CARGO_TARGET_DIR:-target}"
venv="$target/icons-venv"
if ! "$venv/bin/python" -c "import cairosvg, PIL" 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "cairosvg==2.7.1" "pillow==13.0.0"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$venv/bin/python" scripts/icons/make_icons.py --out "$out" --png
"$venv/bin/python" - "$out" <<'PY'
import sys
from pathlib import Path

from PIL import Image, ImageChops

fresh = Path(sys.argv[1])
bad = []
for path in sorted(p for p in fresh.rglob("*") if p.is_file()):
    rel = path.relative_to(fresh)
    committed = Path(rel)
    if not committed.exists():
        bad.append(f"{rel}: not committed (run scripts/icons/make_icons.py --png)")
    elif path.suffix == ".png":
        a, b = Image.open(path), Image.open(committed)
        if a.size != b.size or b.mode != "RGB":
            bad.append(f"{rel}: {b.size} {b.mode}, expected {a.size} RGB (opaque)")
            continue
        diff = ImageChops.difference(a, b)
        worst = max(hi for _, hi in diff.getextrema())
        mean = sum(sum(h * i for i, h in enumerate(diff.histogram()[c * 256:(c + 1) * 256])) for c in range(3)) / (3 * a.size[0] * a.size[1])
        if worst > 64 or mean > 0.5:
            bad.append(f"{rel}: differs from its SVG (max {worst}, mean {mean:.2f}); regenerate it")
    elif path.read_bytes() != committed.read_bytes():
        bad.append(f"{rel}: differs from scripts/icons/make_icons.py; regenerate it")
manifest = Path("android/app/src/main/AndroidManifest.xml").read_text()
if 'android:icon="@mipmap/ic_launcher"' not in manifest:
    bad.append("AndroidManifest.xml: android:icon is not @mipmap/ic_launcher")
notifications = Path("android/app/src/main/kotlin/app/eventide/android/platform/Notifications.kt").read_text()
if "android.R.drawable" in notifications or "R.drawable.ic_stat_eventide" not in notifications:
    bad.append("Notifications.kt: the small icon must be R.drawable.ic_stat_eventide (a one-colour silhouette)")
spec = Path("ios/project.yml").read_text()
if "Assets.xcassets" not in spec or "ASSETCATALOG_COMPILER_APPICON_NAME: AppIcon" not in spec:
    bad.append("ios/project.yml: the asset catalog or ASSETCATALOG_COMPILER_APPICON_NAME is missing")
for line in bad:
    print("icons: " + line)
if bad:
    sys.exit(1)
print("icons: every icon matches its source, and both apps use them")
PY
