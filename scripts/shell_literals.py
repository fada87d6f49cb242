#!/usr/bin/env python3
"""No dose, time or range literal in a shell that the core also knows (issue 15).

    shell_literals.py FILE...        prints each literal found and exits 1 if there is one

Both phones take every scheduling and medical number from the core (leads, snooze, horizons,
default times, ranges, doses). This reads Kotlin and Swift source (comments skipped) and
reports:

- in string literals: a clock time ("22:30", "08:00"), or an amount with a unit the core
  deals in ("30 min", "14 days", "25 mg", "5 ml", "6 months");
- in code: an integer literal that is one of the core's scheduling numbers (7, 14, 15, 28, 30,
  60, 75, 90, 105, 120, 240), unless it is a layout size (`16.dp`, `.padding(12)`, a `CGFloat`
  or font size) or on an allowed line below.

The allow-list is small and explicit: each entry is a file name and a text the line contains,
with why it is not a number the core knows. Used by scripts/suites/android-shell.sh and
ios/scripts/check_project.py.
"""
import re
import sys
from pathlib import Path

# Numbers the core owns: leads (60–120 by 15), the snooze (30), horizons (14, 30, 60), holds
# (7), stock days (28), the latest time (240).
CORE_NUMBERS = {7, 14, 15, 28, 30, 60, 75, 90, 105, 120, 240}

CLOCK = re.compile(r"\b([01]?\d|2[0-3]):[0-5]\d\b")
AMOUNT = re.compile(r"\b\d+(?:\.\d+)?\s?(?:mg|ml|min|mins|minutes?|hours?|nights?|days?|weeks?|months?)\b", re.I)
INTEGER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")
# A literal that sizes or places something on screen, not a number of the core's.
LAYOUT = re.compile(r"\d+(?:\.\d+)?\.(?:dp|sp)\b|padding\(|spacing:|\.frame\(|\.font\(|CGFloat|CGRect|lineLimit|minimumScaleFactor")

# (file name, text on the line): not a number the core knows.
ALLOWED = [
    # Android API levels the platform code branches on.
    ("ReminderHealth.kt", "EXACT_ALARM_PERMISSION_SDK = 31"),
    ("MainActivity.kt", "Build.VERSION.SDK_INT >= 31"),
    # A PendingIntent request code, mixed from the suggestion's id (a hash, not a count).
    ("Notifications.kt", "card.id.hashCode() * 31 + i"),
    # A4 paper in points and its margin (the report's printing), not a schedule.
    ("ReportPrinter.swift", "margin: CGFloat = 42"),
    # The unit of an oral solution's strength (the core's `liquid_mg_per_5ml`), not an amount.
    ("*", "mg per 5 ml"),
    # Minutes in an hour, reading a typed clock time.
    ("CoreDates.swift", "(0..<60).contains(minute)"),
]


def strip_comments(line: str) -> str:
    """The code of one line: `//` comments removed, block-comment lines skipped."""
    stripped = line.strip()
    if stripped.startswith(("*", "/*", "///", "//")):
        return ""
    out, in_string, i = [], False, 0
    while i < len(line):
        c = line[i]
        if c == '"' and (i == 0 or line[i - 1] != "\\"):
            in_string = not in_string
        if not in_string and line.startswith("//", i):
            break
        out.append(c)
        i += 1
    return "".join(out)


def strings_and_code(code: str) -> tuple[list[str], str]:
    """The string literals of a line, and the line with them blanked out."""
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    rest = re.sub(r'"(?:[^"\\]|\\.)*"', '""', code)
    return strings, rest


def findings(path: Path) -> list[str]:
    out = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if any(f in (path.name, "*") and text in line for f, text in ALLOWED):
            continue
        code = strip_comments(line)
        if not code.strip():
            continue
        strings, rest = strings_and_code(code)
        for s in strings:
            for pattern, what in ((CLOCK, "a clock time"), (AMOUNT, "an amount")):
                m = pattern.search(s)
                if m:
                    out.append(f"{path}:{number}: {what} in a string: \"{m.group(0)}\"")
        if LAYOUT.search(rest):
            continue
        for m in INTEGER.finditer(rest):
            if int(m.group(1)) in CORE_NUMBERS:
                out.append(f"{path}:{number}: the core's number {m.group(1)} in code: {line.strip()}")
    return out


def main(argv: list[str]) -> int:
    found = [f for name in argv for f in findings(Path(name))]
    for f in found:
        print(f)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
