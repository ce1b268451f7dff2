"""Legitimate scenarios: holidays, tour groups, medical and business trips,
passport renewals."""
import forms
import orgs
import people
import vocab
from forms import maybe

L = "legit"


def pick(rng, weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def occ_kinds(age, sex):
    if age >= 58:
        return ["pensiun", "wiraswasta", "petani"] + (["irt", "irt"] if sex == "P" else [])
    if age <= 23:
        return ["pelajar", "pelajar", "swasta"]
    k = ["swasta", "swasta", "pns", "wiraswasta", "pro", "buruh", "petani"]
    return k + (["irt", "irt"] if sex == "P" else ["sopir"])


def holiday_fields(ctx, p, sub, dest, quality):
    """Fields of a holiday application. quality: good | sparse."""
    rng = ctx.rng
    age = p["_age"]
    f = forms.profile(ctx, p, occ_kinds(age, p["sex"]),
                      "high" if rng.random() < 0.5 else "mid")
    docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
    if quality == "good":
        f["intended_departure"] = maybe(rng, forms.departure_after(rng, sub, 12, 110), 0.1)
        f["return_ticket"] = "yes" if rng.random() < 0.85 else "unknown"
        f["itinerary"] = rng.choice(vocab.ITIN.get(dest, ["liburan keluarga"]))
        f["funds_source"] = maybe(rng, vocab.funds(rng, pick(rng, {"own": 6, "family": 2, "company": 1}), p), 0.15)
        if f["return_ticket"] == "yes" and rng.random() < 0.4:
            docs.append("tiket_pulang")
    else:
        f["intended_departure"] = maybe(rng, forms.departure_after(rng, sub, 10, 120), 0.5)
        f["return_ticket"] = pick(rng, {"unknown": 5, "": 3, "yes": 3, "no": 0.4})
        f["itinerary"] = maybe(rng, rng.choice(vocab.ITIN_SPARSE) if rng.random() < 0.6
                               else vocab.vague_itinerary(rng, dest), 0.4)
        f["funds_source"] = maybe(rng, vocab.funds(rng, pick(rng, {"own": 4, "family": 2}), p), 0.5, 0.1)
    if age < 17:
        f["funds_source"] = maybe(rng, rng.choice(["orang tua", "Orang Tua", "ayah", "ortu"]), 0.4)
    if rng.random() < 0.14:
        f["previous_passport_no"] = orgs.passport_no(rng)
        docs.append("paspor_lama")
    if age >= 18 and rng.random() < 0.22:
        buddy = people.make_person(ctx, sub, age_range=(max(18, age - 8), age + 8))
        f.update(forms.companion(rng, buddy, pick(rng, {"friend": 3, "sibling": 1, "cousin": 1})))
    f["documents"] = forms.doc_string(rng, docs)
    return f


DEST_GOOD = {"SG": 18, "MY": 24, "JP": 10, "KR": 10, "TR": 7, "VN": 5, "HK": 5,
             "AU": 2, "CN": 3, "AE": 3, "SA": 1, "KH": 2, "QA": 1, "JO": 1}
DEST_SPARSE = {"MY": 35, "SG": 25, "TH": 8, "KR": 5, "JP": 4, "HK": 4, "VN": 3, "SA": 2, "AE": 2}


def tourist_itinerary(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        dest = pick(rng, DEST_GOOD)
        p = people.make_person(ctx, sub, age_range=(21, 68), name_kw={"educated": True})
        f = holiday_fields(ctx, p, sub, dest, "good")
        out.append(forms.new_app(ctx, p, sub, "tourism", dest, label=L,
                                 scenario="tourist_itinerary",
                                 note=f"holiday in {dest} with itinerary", **f))
    return out


def tourist_sparse(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        dest = pick(rng, DEST_SPARSE)
        p = people.make_person(ctx, sub, age_range=(19, 62), name_kw={"educated": True})
        f = holiday_fields(ctx, p, sub, dest, "sparse")
        out.append(forms.new_app(ctx, p, sub, "tourism", dest, label=L,
                                 scenario="tourist_sparse",
                                 note="genuine short holiday; clerk recorded few details", **f))
    return out


def tourism_thailand(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        p = people.make_person(ctx, sub, age_range=(20, 60), name_kw={"educated": True})
        f = holiday_fields(ctx, p, sub, "TH", "good" if rng.random() < 0.8 else "sparse")
        out.append(forms.new_app(ctx, p, sub, "tourism", "TH", label=L,
                                 scenario="tourism_thailand",
                                 note="holiday in Thailand, no work element", **f))
    return out


PACKAGES = [("KR", "Paket tour Korea 6D5N (Seoul, Nami, Everland)"),
            ("JP", "Tour Jepang 7D6N Tokyo-Fuji-Kyoto-Osaka"),
            ("TR", "Tour Turki 10 hari Istanbul-Cappadocia-Pamukkale"),
            ("CN", "Tour Beijing-Shanghai 8 hari"), ("SG", "Tour SG-MY 5 hari"),
            ("VN", "Tour Vietnam 5D4N Hanoi-Halong"), ("TH", "Tour Bangkok-Pattaya 5D4N"),
            ("AE", "Tour Dubai-Abu Dhabi 6 hari"), ("MY", "Tour KL-Genting-Melaka 4D3N"),
            ("JO", "Tour Aqsa 10 hari: Amman-Yerusalem-Kairo"), ("KH", "Tour Vietnam-Kamboja 7D6N (Siem Reap)")]


def tour_group(ctx, n):
    rng, out = ctx.rng, []
    for gi, size in enumerate(forms.split_groups(rng, n, 12, 28)):
        dest, pkg = rng.choice(PACKAGES)
        agency = rng.choice(orgs.TOUR_AGENCIES)
        first = people.rand_workday(rng, hi=people.add_days(people.END, -25))
        dep = people.add_days(first, rng.randint(35, 70))
        tl = people.make_person(ctx, first, age_range=(26, 45))
        tl_rel = vocab.rel(rng, "tl")
        fill_sponsor = rng.random() < 0.5
        ag_canon, ag_phone = forms.office_phone(ctx, "281")
        gid = f"tour{gi + 1}"
        members = []
        while len(members) < size:
            sub = people.rand_workday(rng, first, people.add_days(first, 18))
            p = people.make_person(ctx, sub, age_range=(24, 72), name_kw={"educated": True})
            members.append((sub, p))
            if len(members) < size and rng.random() < 0.4:   # spouse
                sp = people.household_member(ctx, p, sub, sex="P" if p["sex"] == "L" else "L",
                                             age=max(20, p["_age"] + rng.randint(-6, 4)))
                members.append((sub, sp))
        for sub, p in members:
            f = forms.profile(ctx, p, occ_kinds(p["_age"], p["sex"]), "high")
            docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
            if rng.random() < 0.3:
                docs.append("tiket_pulang")
            f.update(intended_departure=dep, itinerary=maybe(rng, pkg, 0.1),
                     return_ticket="yes" if rng.random() < 0.9 else "unknown",
                     funds_source=maybe(rng, vocab.funds(rng, "own", p), 0.3))
            f.update(forms.companion(rng, tl, relation=tl_rel))
            if fill_sponsor:
                f.update(sponsor_name=agency, sponsor_phone=ag_phone,
                         sponsor_relation=rng.choice(["travel", "biro perjalanan"]))
            f["documents"] = forms.doc_string(rng, docs)
            out.append(forms.new_app(ctx, p, sub, "tourism", dest, label=L,
                                     scenario="tour_group", group=gid,
                                     note=f"{gid}: {agency} package, tour leader shared, departs {dep}",
                                     **f))
    return out[:n]


def medical_trip(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        dest = "MY" if rng.random() < 0.75 else "SG"
        hosp = rng.choice(vocab.HOSPITALS[dest])
        p = people.make_person(ctx, sub, age_range=(35, 78))
        f = forms.profile(ctx, p, occ_kinds(p["_age"], p["sex"]), "mid")
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
        what = rng.choice(["kontrol jantung", "kemoterapi", "cek up", "operasi lutut",
                           "kontrol kanker payudara", "pengobatan ginjal"])
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 7, 40), 0.2),
                 return_ticket=pick(rng, {"yes": 6, "unknown": 3}),
                 itinerary=maybe(rng, f"berobat ke {hosp}, {what}", 0.15),
                 funds_source=maybe(rng, vocab.funds(rng, pick(rng, {"own": 1, "family": 1}), p), 0.2))
        if rng.random() < 0.7:
            kind = pick(rng, {"child": 3 if p["_age"] >= 45 else 0,
                              "husband" if p["sex"] == "P" else "wife": 2, "sibling": 1})
            lo = p["_age"] - 32 if kind == "child" else p["_age"] - 10
            kin = people.make_person(ctx, sub, age_range=(max(18, lo), max(19, lo + 12)))
            f.update(forms.companion(rng, kin, kind))
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, "medical", dest, label=L, scenario="medical_trip",
                                 note=f"treatment at {hosp}", **f))
    return out


BIZ = {"CN": "Canton Fair Guangzhou / supplier", "SG": "meeting klien", "MY": "pameran produk",
       "TH": "kunjungan supplier", "JP": "training pabrik", "AE": "pameran Dubai",
       "VN": "cek supplier kayu", "KR": "pameran kosmetik"}


def business_trip(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        dest = rng.choice(list(BIZ))
        p = people.make_person(ctx, sub, age_range=(26, 62), name_kw={"educated": True})
        f = forms.profile(ctx, p, ["wiraswasta", "pro", "swasta"], "high")
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 10, 60), 0.25),
                 return_ticket=pick(rng, {"yes": 6, "unknown": 3, "": 1}),
                 itinerary=maybe(rng, BIZ[dest], 0.3),
                 funds_source=maybe(rng, vocab.funds(rng, pick(rng, {"own": 2, "company": 2}), p), 0.3))
        if rng.random() < 0.3:
            f.update(sponsor_name=rng.choice(["CV Sumber Rejeki", "PT Serayu Kayu Lestari",
                                              "UD Batik Banyumasan", "PT Mina Samudra Cilacap"]),
                     sponsor_relation=rng.choice(["kantor", "perusahaan", "tempat kerja"]))
        if rng.random() < 0.3:
            f["previous_passport_no"] = orgs.passport_no(rng)
            docs.append("paspor_lama")
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, "business", dest, label=L, scenario="business_trip",
                                 note=f"business trip: {BIZ[dest]}", **f))
    return out


def passport_renewal(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        kind = pick(rng, {"tourism": 6, "business": 1, "family_visit": 1})
        dest = pick(rng, DEST_GOOD) if kind != "family_visit" else rng.choice(["MY", "SG", "TW", "JP"])
        p = people.make_person(ctx, sub, age_range=(27, 72), name_kw={"educated": True})
        f = holiday_fields(ctx, p, sub, dest, "good" if rng.random() < 0.6 else "sparse")
        docs = f["documents"].split(";")
        f["previous_passport_no"] = orgs.passport_no(rng)
        docs.append("paspor_lama")
        if kind == "family_visit":
            rel = vocab.rel(rng, pick(rng, {"child": 3, "sibling": 2}))
            sp = people.make_person(ctx, sub, age_range=(22, 45), phone=False)
            canon, text = orgs.foreign_phone(ctx, dest)
            f.update(sponsor_name=sp["_name"], sponsor_phone=text, sponsor_relation=rel,
                     sponsor_address=f"{vocab.CITY.get(dest, dest)}")
            docs.append("surat_jaminan")
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, kind, dest, label=L, scenario="passport_renewal",
                                 note=f"renews an expired/full passport; {kind} to {dest}", **f))
    return out
