#!/usr/bin/env python3
"""Independent labelled evaluation data for passport screening at Kantor
Imigrasi Cilacap.

    python3 generate.py --seed 1 --out DIR [--count N]

Writes DIR/applications.csv, DIR/labels.csv, DIR/watchlist_*.csv and
DIR/README.md. Standard library only; deterministic for a given seed.
"""
import argparse
import collections
import csv
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import catalog      # noqa: E402
import forms        # noqa: E402
import people       # noqa: E402
import readme       # noqa: E402
import watchlists   # noqa: E402


def build(seed, count):
    rng = random.Random(seed)
    ctx = people.Ctx(rng)
    counts = catalog.allocate(count)
    recs = []
    for name, (label, _w, fn, _desc) in catalog.SCENARIOS.items():
        n = counts[name]
        if n <= 0:
            continue
        got = fn(ctx, n)
        if len(got) != n:
            raise AssertionError(f"{name}: made {len(got)}, wanted {n}")
        for r in got:
            assert r["_label"] == label and r["_scenario"] == name
        recs.extend(got)
    wl, wstats = watchlists.build(ctx, recs)
    # number the applications in submission order (random order within a day)
    rng.shuffle(recs)
    recs.sort(key=lambda r: r["submitted_on"])
    per_day = collections.Counter()
    for r in recs:
        d = r["submitted_on"]
        per_day[d] += 1
        r["application_no"] = f"CLP-{d:%y%m%d}-{per_day[d]:03d}"
    return recs, wl, wstats, counts


def write_csv(path, columns, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for row in rows:
            w.writerow({c: row.get(c, "") for c in columns})


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=1600,
                    help="number of applications (default 1600; >= 300 recommended)")
    a = ap.parse_args(argv)
    if a.count < 100:
        ap.error("--count must be at least 100")
    recs, wl, wstats, counts = build(a.seed, a.count)
    os.makedirs(a.out, exist_ok=True)
    write_csv(os.path.join(a.out, "applications.csv"), forms.COLUMNS,
              [forms.finalize(r) for r in recs])
    write_csv(os.path.join(a.out, "labels.csv"), ["application_no", "label", "scenario", "note"],
              [{"application_no": r["application_no"], "label": r["_label"],
                "scenario": r["_scenario"], "note": r["_note"]} for r in recs])
    for lst, rows in wl.items():
        write_csv(os.path.join(a.out, f"watchlist_{lst}.csv"), watchlists.COLUMNS, rows)
    with open(os.path.join(a.out, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme.render(a.seed, recs, wl, wstats, counts))
    n_risky = sum(r["_label"] == "risky" for r in recs)
    print(f"wrote {len(recs)} applications ({n_risky} risky) and "
          f"{sum(len(v) for v in wl.values())} watchlist entries to {a.out}")


if __name__ == "__main__":
    main()
