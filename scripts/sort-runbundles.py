#!/usr/bin/env python3
"""Sorts the -runbundles of bndrun files by symbolic name, the order bnd-resolver writes them in.

A local build that finds a new bundle appends it at the end of -runbundles, while the resolver of a
clean (CI) build lists them sorted and, with failOnChanges, fails on any difference in order. Run it
after adding or removing a bundle:  scripts/sort-runbundles.py distribution/standalone/lanner.bndrun itests/*/itest.bndrun
"""
import re
import sys

for path in sys.argv[1:]:
    text = open(path).read()
    m = re.search(r"^-runbundles: \\\n((?:\t.*\\\n)*\t.*$)", text, re.M)
    if not m:
        continue
    entries = [e.strip().rstrip("\\").rstrip(",") for e in m.group(1).split("\n")]
    entries.sort(key=lambda e: e.split(";")[0])
    block = "-runbundles: \\\n" + ",\\\n".join("\t" + e for e in entries)
    new = text[:m.start()] + block + text[m.end():]
    if new != text:
        open(path, "w").write(new)
        print("sorted", path)
