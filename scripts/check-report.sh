#!/usr/bin/env bash
# Interop check run by scripts/test.sh: a report opens in a real browser. Writes the report for
# the shipped graphs, has headless Chromium (Debian's package, installed if missing) render a
# page and the index, and checks that the page rendered: the screenshot exists and is not blank,
# and the DOM Chromium built holds the headings and the drawings; then prints the pages of the
# two shipped helper networks to PDF (A4 landscape) and checks, with poppler's pdftotext (also
# installed if missing), that every page is A4 and that no word on any page is drawn smaller than
# 9 pt (a word box at least 9.8 pt high: 9 pt text in the fonts Chromium uses here). Nothing is
# fetched: the pages are local files with no script.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/debug/samhandling}
if ! command -v chromium >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "check-report: chromium is missing and this is not root" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if ! command -v pdftotext >/dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "check-report: pdftotext (poppler-utils) is missing and this is not root" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" report Graphs --out "$work/report" 2>/dev/null
page="$work/report/helper-networks_one-year-26-helpers.html"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,2000)
timeout 120 chromium "${flags[@]}" --screenshot="$work/page.png" "file://$page" >/dev/null 2>&1
timeout 120 chromium "${flags[@]}" --dump-dom "file://$page" > "$work/dom.html" 2>/dev/null
timeout 120 chromium "${flags[@]}" --dump-dom "file://$work/report/index.html" > "$work/index.html" 2>/dev/null
for name in one-year-26-helpers interview-15-helpers; do
  timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$work/$name.pdf" \
    "file://$work/report/helper-networks_$name.html" >/dev/null 2>&1
  pdftotext -bbox "$work/$name.pdf" "$work/$name.words.html"
  pdfinfo "$work/$name.pdf" > "$work/$name.info"
done
python3 - "$work" <<'PY'
import os, sys, zlib, struct
work = sys.argv[1]
def fail(message):
    print("report check: FAILED:", message); sys.exit(1)
png = open(os.path.join(work, "page.png"), "rb").read()
if not png.startswith(b"\x89PNG") or len(png) < 20000:
    fail("no screenshot, or an almost empty one")
# Decode the PNG's pixel rows (zlib) and count non-white bytes: a blank page has none.
chunks, i = [], 8
while i < len(png):
    length, kind = struct.unpack(">I4s", png[i:i + 8]); chunks.append((kind, png[i + 8:i + 8 + length])); i += 12 + length
raw = zlib.decompress(b"".join(data for kind, data in chunks if kind == b"IDAT"))
ink = sum(1 for b in raw[::97] if b < 200)
if ink < 500:
    fail(f"the screenshot is blank ({ink} dark samples)")
dom = open(os.path.join(work, "dom.html"), encoding="utf-8").read()
for needle in ["<h1>", "Helper-network map", "Pathway", "Data quality", "<svg"]:
    if needle not in dom:
        fail(f"the rendered page lacks {needle!r}")
index = open(os.path.join(work, "index.html"), encoding="utf-8").read()
if index.count("<a href=") < 14:
    fail("the index does not link every page")
import re
for name in ["one-year-26-helpers", "interview-15-helpers"]:
    info = open(os.path.join(work, name + ".info")).read()
    if "(A4)" not in info:
        fail(f"the printed {name} page is not A4: {info}")
    pages = re.search(r"Pages:\s+(\d+)", info).group(1)
    words = open(os.path.join(work, name + ".words.html"), encoding="utf-8").read()
    boxes = [(float(m.group(2)) - float(m.group(1)), m.group(3)) for m in
             re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', words)]
    if len(boxes) < 200:
        fail(f"the printed {name} page holds only {len(boxes)} words")
    smallest = min(boxes)
    if smallest[0] < 9.8:
        fail(f"the printed {name} page has text smaller than 9 pt: {smallest[1]!r} in a {smallest[0]:.1f} pt box")
    print(f"report check: {name} prints on {pages} A4 pages, {len(boxes)} words, the smallest in a {smallest[0]:.1f} pt box: OK")
print(f"report check: Chromium rendered the report ({len(png)} byte screenshot, {ink} dark samples, {index.count('<a href=')} pages in the index): OK")
PY
