#!/usr/bin/env python3
"""Validate a generated data set:  python3 check.py DIR"""
import collections
import csv
import datetime as dt
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import forms        # noqa: E402
import watchlists   # noqa: E402
import wilayah      # noqa: E402


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def date_ok(s):
    try:
        return dt.date.fromisoformat(s) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s) else None
    except ValueError:
        return None


def nik_parts(nik):
    day, mon, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "P" if day > 40 else "L"
    return sex, day - 40 if day > 40 else day, mon, yy


def main(d):
    errors = []
    err = errors.append
    w = wilayah.load()
    cols, apps = read(os.path.join(d, "applications.csv"))
    if cols != forms.COLUMNS:
        err(f"applications header {cols}")
    lcols, labels = read(os.path.join(d, "labels.csv"))
    if lcols != ["application_no", "label", "scenario", "note"]:
        err(f"labels header {lcols}")
    nos = [a["application_no"] for a in apps]
    if len(set(nos)) != len(nos):
        err("duplicate application_no")
    lab = {l["application_no"]: l for l in labels}
    if set(lab) != set(nos):
        err("labels do not cover applications exactly")
    mismatch = collections.Counter()
    for a in apps:
        no = a["application_no"]
        if not re.fullmatch(r"\d{16}", a["nik"]):
            err(f"{no} NIK {a['nik']}")
            continue
        if a["village_code"] not in w.village_set:
            err(f"{no} village {a['village_code']}")
        for c in ("submitted_on", "birth_date", "intended_departure"):
            if (a[c] or c != "intended_departure") and not date_ok(a[c]):
                err(f"{no} {c}={a[c]!r}")
        sub = date_ok(a["submitted_on"])
        if sub and not (dt.date(2026, 1, 5) <= sub <= dt.date(2026, 11, 30)):
            err(f"{no} submitted {sub}")
        if a["sex"] not in ("L", "P"):
            err(f"{no} sex")
        if a["purpose"] not in forms.PURPOSES:
            err(f"{no} purpose {a['purpose']}")
        if not re.fullmatch(r"[A-Z]{2}", a["destination_country"]):
            err(f"{no} destination")
        if a["return_ticket"] not in ("yes", "no", "unknown", ""):
            err(f"{no} return_ticket {a['return_ticket']}")
        for doc in filter(None, a["documents"].split(";")):
            if doc not in forms.DOCS:
                err(f"{no} document {doc}")
        if not a["phone"]:
            err(f"{no} no phone")
        # NIK consistency with the form
        sx, day, mon, yy = nik_parts(a["nik"])
        b = date_ok(a["birth_date"])
        bad = []
        if sx != a["sex"]:
            bad.append("sex")
        if b and (day, mon, yy) != (b.day, b.month, b.year % 100):
            bad.append("birth")
        if bad:
            mismatch[(lab[no]["label"], lab[no]["scenario"])] += 1
    for lst in watchlists.LISTS:
        wc, rows = read(os.path.join(d, f"watchlist_{lst}.csv"))
        if wc != watchlists.COLUMNS:
            err(f"{lst} header {wc}")
        if not 20 <= len(rows) <= 60:
            err(f"{lst} has {len(rows)} entries")
        for r in rows:
            if r["birth_date"] and not date_ok(r["birth_date"]):
                err(f"{lst} {r['id']} birth_date")
            if r["nik"] and not re.fullmatch(r"\d{16}", r["nik"]):
                err(f"{lst} {r['id']} nik")
        if len({r["id"] for r in rows}) != len(rows):
            err(f"{lst} duplicate ids")
    by = collections.Counter((l["label"], l["scenario"]) for l in labels)
    n_risky = sum(v for (lb, _), v in by.items() if lb == "risky")
    print(f"{d}: {len(apps)} applications, risky {n_risky} ({100 * n_risky / len(apps):.1f} %)")
    for (lb, sc), v in sorted(by.items()):
        print(f"  {lb:5} {sc:30} {v}")
    print("NIK/form contradictions by scenario:", dict(mismatch))
    if any(lb == "legit" for lb, _ in mismatch):
        err("legit rows with NIK contradictions")
    print("errors:", len(errors))
    for e in errors[:30]:
        print("  ", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
