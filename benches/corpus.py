#!/usr/bin/env python3
"""Writes the notes the speed comparisons run on, from the labelled cases in
tests/cases/: N single-note files, one note, and a CSV export.

usage: corpus.py OUT_DIR [NOTES] [EXPORT_ROWS]
"""
import csv
import sys
import tomllib
from pathlib import Path

root = Path(__file__).resolve().parent.parent
out = Path(sys.argv[1])
notes_n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
rows_n = int(sys.argv[3]) if len(sys.argv) > 3 else 200_000

cases = []
for f in sorted((root / "tests" / "cases").glob("*.toml")):
    data = tomllib.loads(f.read_text(encoding="utf-8"))
    for c in data.get("case", []):
        if c.get("text", "").strip():
            cases.append(c)
if not cases:
    sys.exit("no cases found under tests/cases")

notes = out / "notes"
notes.mkdir(parents=True, exist_ok=True)
for old in notes.glob("*.txt"):
    old.unlink()
for i in range(notes_n):
    c = cases[i % len(cases)]
    (notes / f"{i:05}.txt").write_text(c["text"], encoding="utf-8")

one = next(c for c in cases if c.get("lang") == "en" and c.get("status") == "blocked")
(out / "one.txt").write_text(one["text"], encoding="utf-8")

customers = [f"Customer {i}" for i in range(997)]
workloads = ["EXO", "SPO", "OD", "TEAMS", "INTUNE", "AADP", "AIP", "MCAS"]
dates = ["2026-11-01", "12/3", "3/12", "12月", "12月末", "12月3日", "3. Dezember", ""]
with open(out / "export.csv", "w", newline="", encoding="utf-8") as fh:
    w = csv.writer(fh)
    w.writerow(["customer", "workload", "kind", "status", "lang", "date", "text"])
    for i in range(rows_n):
        c = cases[i % len(cases)]
        w.writerow([
            customers[i % len(customers)],
            workloads[(i // 7) % len(workloads)],
            c.get("kind", ""),
            c.get("status", ""),
            c.get("lang", "") if i % 2 else "",
            dates[i % len(dates)],
            c["text"],
        ])
print(f"{len(cases)} distinct notes; {notes_n} files in {notes}; {rows_n} rows in {out / 'export.csv'}", file=sys.stderr)
