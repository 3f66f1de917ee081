#!/usr/bin/env python3
"""Sorts wiretrace's missed WCXB publication dates by where the labelled day is on the page.

usage: date_misses.py WCXB_SPLIT_DIR EXTRACT_JSONL
(EXTRACT_JSONL from `wiretrace extract --format jsonl DIR/html/*.html.gz`)

For every article page whose labelled date (full day) differs from ours, the labelled day is
looked for in the page's HTML in the usual spellings (ISO, "March 5, 2024", "5 Mar 2024",
"03/05/2024", ...):
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
    m, d, y = MONTHS[day.month - 1], day.day, day.year
    return [day.isoformat(), f"{m} {d}, {y}", f"{m[:3]} {d}, {y}", f"{m[:3]}. {d}, {y}",
            f"{m} {d:02d}, {y}", f"{d} {m} {y}", f"{d} {m[:3]} {y}", f"{d:02d} {m} {y}",
            f"{day.month}/{d}/{y}", f"{day.month:02d}/{d:02d}/{y}", f"{d:02d}/{day.month:02d}/{y}",
            f"{d}.{day.month}.{y}", f"{d:02d}.{day.month:02d}.{y}", f"{y}/{day.month:02d}/{d:02d}"]


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
        html = gzip.open(f"{split}/html/{page_id}.html.gz").read().decode("utf-8", "replace")
        contexts = [html[max(0, m.start() - 60):m.start()]
                    for form in spellings(dt.date.fromisoformat(gold[:10]))
                    for m in re.finditer(re.escape(form), html, re.I)]
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
