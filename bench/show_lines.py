#!/usr/bin/env python3
"""show_lines.py CORPUS ID: a page's title, outlet and numbered lines, read from ../shared/data/CORPUS.

The annotators' view of a page (docs/annotation/boilerplate.md): nothing of Marsad's runs here."""
import gzip
import json
import sys

from _shared import DATA

corpus, wanted = sys.argv[1], sys.argv[2]
path = str(DATA / corpus)
opener = gzip.open if path.endswith(".gz") else open
with opener(path, "rt", encoding="utf-8") as fh:
    for line in fh:
        if wanted not in line:
            continue
        row = json.loads(line)
        if row.get("id") != wanted:
            continue
        print(f"id: {wanted}   outlet: {row.get('source')}   title: {row.get('title')}")
        for n, text in enumerate(row["text"].split("\n"), 1):
            print(f"{n:3}: {text}")
        sys.exit(0)
sys.exit(f"{wanted} not found in {corpus}")
