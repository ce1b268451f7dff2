"""Four watchlists: cekal (travel ban), wanted (DPO), known_broker,
previously_refused. Entries are (a) people from risky scenarios, written
with a spelling variant but the same birth date, NIK or phone; (b)
namesakes of legitimate applicants (same common name, other birth date,
no shared identifier); (c) unrelated people."""
import datetime as dt

import name_pools
import names
import orgs
import people

LISTS = ["cekal", "wanted", "known_broker", "previously_refused"]
COLUMNS = ["id", "full_name", "birth_date", "sex", "aliases", "nik", "phone", "note"]

NOTES = {
    "cekal": ["Pencegahan ke luar negeri atas permintaan Kejari Cilacap (perkara dana desa)",
              "Cegah atas permintaan KPK s/d 2026-12-31", "Cegah Ditjen Pajak - tunggakan pajak",
              "Pencegahan permintaan Polda Jateng, penyidikan penipuan investasi",
              "Cegah atas permintaan Kejati Jateng", "Pencegahan perkara perdata (putusan PN Purwokerto)"],
    "wanted": ["DPO Polresta Banyumas - penipuan/penggelapan", "DPO Polda Jateng - TPPO",
               "DPO Polresta Cilacap - narkotika", "DPO Polres Kebumen - pencurian dengan pemberatan",
               "Red notice (NCB Interpol) - penipuan online", "DPO Polres Purbalingga - KDRT"],
    "known_broker": ["Calo PMI non-prosedural ke Timur Tengah (laporan BP3MI 2024)",
                     "Perekrut ilegal, saksi perkara TPPO 2023", "Sponsor kampung, berangkatkan ke MY via Batam",
                     "Merekrut untuk kerja online di Kamboja (laporan keluarga korban)",
                     "Calo ABK kapal ikan tanpa buku pelaut", "Agen umroh abal-abal, korban ditinggal di Jeddah"],
    "previously_refused": ["Ditolak {d}: diduga PMI non-prosedural, tujuan {c}",
                           "Ditolak {d}: tujuan tidak jelas, tidak hadir wawancara ulang ({c})",
                           "Ditunda lalu ditolak {d}: tidak melengkapi rekomendasi Disnaker ({c})"],
}
ALIASES_F = ["Mbak {}", "Bu {}", "{} Jawa", "Yu {}"]
ALIASES_M = ["Pak {}", "Mas {}", "{} Kumis", "Kang {}", "Bang {}"]


def _id(lst, k, rng):
    if lst == "cekal":
        return f"CGH-{rng.choice(['24', '25', '26'])}-{k:04d}"
    if lst == "wanted":
        return f"DPO/{k:03d}/{rng.choice(orgs.MONTHS_ROMAN)}/{rng.choice(['2024', '2025'])}"
    if lst == "known_broker":
        return f"KB-{k:04d}"
    return f"TLK-2025-{k:04d}"


def _alias(rng, name, sex):
    first = name.split()[0].rstrip(".,")
    if first in ("H.", "Hj", "Drs", "Dra", "Ir") or len(first) < 3:
        first = name.split()[-1]
    pat = rng.choice(ALIASES_M if sex == "L" else ALIASES_F)
    return pat.format(first.capitalize())


def _phone_text(rng, canon):
    return people.fmt_id_phone(rng, canon, style=rng.choice([0, 2, 3, 4]))


def build(ctx, recs):
    rng = ctx.rng
    entries = {l: [] for l in LISTS}
    stats = {l: {"match": 0, "namesake": 0, "unrelated": 0} for l in LISTS}
    seen = set()
    taken = {(r["_person"]["_name"].lower(), r["birth_date"]) for r in recs}

    def note(lst):
        t = rng.choice(NOTES[lst])
        if lst == "previously_refused":
            d = dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
            t = t.format(d=d, c=rng.choice(["MY", "SA", "AE", "QA", "KH"]))
        return t

    # (a) matches
    for r in recs:
        for d in r.get("_wl", []):
            who, lst = d["who"], d["list"]
            key = (lst, who["nik"])
            if key in seen:
                continue
            seen.add(key)
            nm = names.name_variant(rng, who["_name"]) if rng.random() < 0.75 else who["_name"].upper()
            e = {"full_name": nm, "birth_date": who["birth_date"].isoformat(), "sex": who["sex"],
                 "aliases": "", "nik": "", "phone": "", "note": note(lst)}
            if d["match"] == "phone":
                e["phone"] = _phone_text(rng, who["_phone"])
                al = [who.get("_nick", "")]
                extra = _alias(rng, who["_name"], who["sex"])
                if rng.random() < 0.4 and extra not in al:
                    al.append(extra)
                e["aliases"] = "; ".join(a for a in al if a)
                if rng.random() < 0.3:
                    e["birth_date"] = ""
            elif d["match"] == "nik":
                e["nik"] = who["nik"]
            elif rng.random() < 0.3 and who.get("_phone"):
                e["phone"] = _phone_text(rng, who["_phone"])
            if not e["aliases"] and rng.random() < 0.25:
                e["aliases"] = _alias(rng, who["_name"], who["sex"])
            entries[lst].append(e)
            stats[lst]["match"] += 1
            if "_nick" not in who:
                r["_note"] += f" [on watchlist_{lst}]"
    listed = {k[1] for k in seen if k[0] == "known_broker"}
    for r in recs:
        b = r.get("_broker")
        if b is not None and b["nik"] in listed:
            r["_note"] += " [broker on watchlist_known_broker]"

    # (b) namesakes of legitimate applicants
    for r in recs:
        lst = r.get("_namesake_of")
        if not lst:
            continue
        p = r["_person"]
        b = p["birth_date"]
        shift = rng.randint(3, 15) * (-1 if b.year > 1995 or rng.random() < 0.5 else 1)
        other = b.replace(year=b.year + shift, day=min(b.day, 28))
        other = other + dt.timedelta(days=rng.randint(1, 200))
        e = {"full_name": p["_name"].upper() if rng.random() < 0.5 else p["_name"],
             "birth_date": other.isoformat(), "sex": p["sex"], "aliases": "", "nik": "", "phone": "",
             "note": note(lst)}
        if rng.random() < 0.4:
            v = ctx.w.pick_home_village(rng)                  # a NIK of someone else
            e["nik"] = people.nik_for(ctx, v[:8], other, p["sex"])
        if rng.random() < 0.3:
            e["phone"] = _phone_text(rng, people.new_id_phone(ctx))
        entries[lst].append(e)
        stats[lst]["namesake"] += 1

    # (c) unrelated people
    for lst in LISTS:
        target = rng.randint(30, 48)
        while len(entries[lst]) < target:
            on = dt.date(2025, 6, 1)
            if rng.random() < 0.5:
                v = rng.choice(ctx.w.villages)
            else:
                v = None
            p = people.make_person(ctx, on, village=v, age_range=(30, 62) if lst == "known_broker" else (20, 62),
                                   sex="L" if rng.random() < (0.8 if lst != "previously_refused" else 0.35) else "P")
            if v and rng.random() < 0.6:         # someone from elsewhere in Indonesia
                p["_name"] = rng.choice(name_pools.OTHER_REGION[p["sex"]])
                if rng.random() < 0.4:
                    p["_name"] = names.name_variant(rng, p["_name"])
            if (p["_name"].lower(), p["birth_date"]) in taken:
                continue
            e = {"full_name": p["_name"] if rng.random() < 0.5 else p["_name"].upper(),
                 "birth_date": p["birth_date"].isoformat() if rng.random() < 0.9 else "",
                 "sex": p["sex"], "aliases": _alias(rng, p["_name"], p["sex"]) if rng.random() < 0.3 else "",
                 "nik": p["nik"] if rng.random() < 0.5 else "",
                 "phone": _phone_text(rng, p["_phone"]) if rng.random() < (0.7 if lst == "known_broker" else 0.3) else "",
                 "note": note(lst)}
            entries[lst].append(e)
            stats[lst]["unrelated"] += 1

    out = {}
    for lst in LISTS:
        rows = entries[lst]
        rng.shuffle(rows)
        ks = sorted(rng.sample(range(1, 900), len(rows)))
        for e, k in zip(rows, ks):
            e["id"] = _id(lst, k, rng)
        out[lst] = rows
    return out, stats
