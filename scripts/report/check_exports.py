#!/usr/bin/env python3
"""Checks the CSV and HTML exports of the demo with readers that share no code with the
exporter: Python's csv module (RFC 4180) and html.parser.

Usage: check_exports.py REPORT.csv REPORT.html"""

import csv
import sys
from datetime import datetime
from html.parser import HTMLParser

EVENTS = {"dose_taken", "dose_skipped", "dose_missed", "dose_snoozed", "checkin",
          "stock_count", "stock_supply", "stock_correction"}


def fail(message):
    print(f"export check FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        raw = f.read()
    if "\r\n" not in raw or raw.replace("\r\n", "").count("\n") != sum(
        field.count("\n") for row in csv.reader(raw.splitlines(keepends=True)) for field in row
    ):
        fail("records must end with CRLF; bare line breaks only inside quoted fields")
    rows = list(csv.DictReader(raw.splitlines(keepends=True), strict=True))
    if not rows:
        fail("the CSV has no events")
    counts = {}
    for row in rows:
        if row["event"] not in EVENTS:
            fail(f"unknown event {row['event']!r}")
        counts[row["event"]] = counts.get(row["event"], 0) + 1
        stamp = datetime.fromisoformat(row["timestamp"])
        if stamp.tzinfo is None:
            fail(f"timestamp without offset: {row['timestamp']}")
    stamps = [datetime.fromisoformat(r["timestamp"]) for r in rows]
    if stamps != sorted(stamps):
        fail("rows are not oldest first")
    for needed in ("dose_taken", "dose_missed", "checkin", "stock_count", "stock_supply"):
        if needed not in counts:
            fail(f"the demo should have {needed} rows")
    print(f"{path}: {len(rows)} events, RFC 4180 and ISO 8601 with offsets: {counts}")


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.tables, self.captions, self.headings = [], 0, 0, []
        self.scoped_th, self.th = 0, 0
        self.external = []
        self._in_h = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "th":
            self.th += 1
            self.scoped_th += "scope" in attrs
        if tag in ("h1", "h2", "h3"):
            self._in_h = tag
            self.headings.append([tag, ""])
        for name in ("src", "href", "srcset", "action"):
            if name in attrs:
                self.external.append(f"{tag} {name}={attrs[name]}")
        for value in attrs.values():
            if value and ("http:" in value or "https:" in value or value.startswith("//")):
                self.external.append(f"{tag}: {value}")

    def handle_endtag(self, tag):
        if tag == self._in_h:
            self._in_h = None

    def handle_data(self, data):
        if self._in_h and self.headings:
            self.headings[-1][1] += data


def check_html(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    page = Page()
    page.feed(text)
    for banned in ("script", "link", "img", "iframe", "object", "embed"):
        if banned in page.tags:
            fail(f"the page has a <{banned}>; it must be self-contained")
    if page.external:
        fail(f"the page refers outside itself: {page.external[:3]}")
    if "http://" in text or "https://" in text or "@import" in text:
        fail("the page contains a URL")
    if [h for h, _ in page.headings].count("h1") != 1:
        fail("exactly one h1")
    if page.tables == 0 or page.captions != page.tables:
        fail(f"every table needs a caption ({page.captions} of {page.tables})")
    if page.scoped_th != page.th:
        fail("every header cell needs a scope")
    if page.tags.count("svg") < 1 or 'role="img"' not in text:
        fail("the chart must be an accessible SVG")
    if "@media print" not in text:
        fail("print CSS missing")
    titles = [t for h, t in page.headings if h == "h2"]
    print(f"{path}: self-contained, {page.tables} captioned tables, sections: {', '.join(titles)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail(__doc__)
    check_csv(sys.argv[1])
    check_html(sys.argv[2])
