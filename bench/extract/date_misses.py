#!/usr/bin/env python3
"""Sorts wiretrace's missed WCXB publication dates by where the labelled day is on the page.

usage: date_misses.py WCXB_SPLIT_DIR EXTRACT_JSONL
(EXTRACT_JSONL from `wiretrace extract --format jsonl DIR/html/*.html.gz`)

For every article page whose labelled date (full day) differs from ours, the labelled day is
looked for in the page's HTML in the usual spellings (ISO, "March 5, 2024", "5th Mar 2024",
"03/05/2024", "2024.03.05", either numeric order, two-digit years ...):
  absent   - nowhere on the page (markup included)
  update   - only where an update is stated: after "Updated"/"Last modified"/"Reviewed",
             or in modification markup (dateModified, modified_time, updated_time)
  stated   - somewhere else on the page: a publication date we could have read
"""
import datetime as dt
import gzip
import json
import re
import sys
from collections import Counter

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
UPDATE = re.compile(r"updat|modif|review|revis|last\b|edited", re.I)


def spellings(day):
    """Patterns for the ways a page may print `day` (lower case): month names with or without
    an ordinal ("December 15th 2025", "15 Dec 2025"), ISO and dotted or slashed numbers in
    either order, two-digit years, and the compact 20251215."""
    mon = MONTHS[day.month - 1][:3].lower()
    d, m, y = day.day, day.month, day.year
    years = f"(?:{y}|{y % 100:02d})"
    # Digits are bounded by non-digits only: "2025-12-18T09:00" holds the day.
    return [rf"{mon}[a-z]*\.?\s+0?{d}(?:st|nd|rd|th)?,?\s+{y}(?!\d)",
            rf"(?<!\d)0?{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{mon}[a-z]*\.?,?\s+{y}(?!\d)",
            rf"(?<!\d)0?{m}[/.-]0?{d}[/.-]{years}(?!\d)", rf"(?<!\d)0?{d}[/.-]0?{m}[/.-]{years}(?!\d)",
            rf"(?<!\d){y}[/.-]0?{m}[/.-]0?{d}(?!\d)", rf"(?<!\d){y}{m:02d}{d:02d}(?!\d)"]


def main(split, extracted):
    ours = {}
    for line in open(extracted):
        o = json.loads(line)
        ours[o["id"]] = (o.get("published") or "")[:10]
    kinds = Counter()
    for page_id in sorted(ours):
        truth = json.load(open(f"{split}/ground-truth/{page_id}.json"))
        if truth["_internal"]["page_type"]["primary"] != "article":
            continue
        gold = truth["ground_truth"].get("publish_date") or ""
        if len(gold) < 10:
            continue
        kinds["labelled"] += 1
        if ours[page_id] == gold[:10]:
            continue
        html = gzip.open(f"{split}/html/{page_id}.html.gz").read().decode("utf-8", "replace").lower()
        contexts = [html[max(0, m.start() - 60):m.start()]
                    for pattern in spellings(dt.date.fromisoformat(gold[:10]))
                    for m in re.finditer(pattern, html)]
        kind = "absent" if not contexts else \
            "update" if all(UPDATE.search(c) for c in contexts) else "stated"
        kinds[kind] += 1
        kinds["none given" if not ours[page_id] else "another given"] += 1
        print(page_id, kind, "labelled", gold[:10], "ours", ours[page_id] or None)
    missed = kinds["absent"] + kinds["update"] + kinds["stated"]
    print(f"labelled dates {kinds['labelled']}, missed {missed} "
          f"({kinds['none given']} with no date given, {kinds['another given']} with another): "
          f"absent from the page {kinds['absent']}, only as an update date {kinds['update']}, "
          f"stated otherwise {kinds['stated']}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
