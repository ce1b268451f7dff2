"""The application record: columns, documents, clerk habits."""
import datetime as dt

import people
import vocab

REQUIRED = ["application_no", "submitted_on", "nik", "full_name", "sex",
            "birth_place", "birth_date", "phone", "address", "village_code",
            "purpose", "destination_country"]
OPTIONAL = ["occupation", "education", "marital_status", "intended_departure",
            "return_ticket", "itinerary", "funds_source", "sponsor_name",
            "sponsor_phone", "sponsor_relation", "sponsor_address",
            "employer_name", "recruiter_name", "recruiter_license_no",
            "disnaker_recommendation_no", "companion_name", "companion_phone",
            "companion_relation", "previous_passport_no", "documents"]
COLUMNS = REQUIRED + OPTIONAL
PURPOSES = ["tourism", "umrah", "hajj", "work", "study", "internship",
            "family_visit", "medical", "business", "seafarer", "other"]
DOCS = ["ktp", "kk", "akta_lahir", "ijazah", "buku_nikah", "surat_baptis",
        "paspor_lama", "rekomendasi_disnaker", "sarkes", "ppiu_letter",
        "surat_jaminan", "loa", "buku_pelaut", "bst", "kontrak_kerja",
        "izin_keluarga", "tiket_pulang", "sertifikat_kompetensi",
        "rekomendasi_kemnaker"]


def civil_docs(rng, person, married=None):
    """KTP + KK + one of birth certificate / marriage book / diploma /
    baptism letter, as the regulation asks."""
    age = person["_age"]
    if age < 17:
        return ["kk", "akta_lahir"]
    d = ["ktp", "kk"]
    r = rng.random()
    if rng.random() < 0.03:
        d.append("surat_baptis")
    elif married and r < 0.35:
        d.append("buku_nikah")
    elif r < 0.65:
        d.append("akta_lahir")
    else:
        d.append("ijazah")
    if rng.random() < 0.12:   # people bring more than needed
        extra = rng.choice(["akta_lahir", "ijazah", "buku_nikah"])
        if extra not in d and (extra != "buku_nikah" or married):
            d.append(extra)
    return d


def doc_string(rng, docs):
    seen = []
    for x in docs:
        assert x in DOCS, x
        if x not in seen:
            seen.append(x)
    if rng.random() < 0.25:       # order is whatever the clerk ticked first
        rng.shuffle(seen)
    return ";".join(seen)


def maybe(rng, value, p_blank=0.0, p_placeholder=0.0):
    """A value that the clerk may leave blank or fill with '-'."""
    r = rng.random()
    if r < p_blank:
        return ""
    if r < p_blank + p_placeholder:
        return vocab.placeholder(rng)
    return value


def is_married(status):
    s = status.lower()
    return s.startswith("kawin") or s.startswith("menikah") or "cerai" in s \
        or s in ("janda", "duda")


def new_app(ctx, person, submitted, purpose, dest, *, label, scenario, note,
            group="", **fields):
    """One application row (values still Python objects for dates)."""
    assert purpose in PURPOSES, purpose
    rec = {c: "" for c in COLUMNS}
    for k in ("nik", "full_name", "sex", "birth_place", "birth_date", "phone",
              "address", "village_code"):
        rec[k] = person[k]
    rec["submitted_on"] = submitted
    rec["purpose"] = purpose
    rec["destination_country"] = dest
    for k, v in fields.items():
        if k not in rec:
            raise KeyError(k)
        rec[k] = v if v is not None else ""
    rec["_label"] = label
    rec["_scenario"] = scenario
    rec["_note"] = note
    rec["_group"] = group
    rec["_person"] = person
    return rec


def finalize(rec):
    """Stringify dates; returns (row dict for applications.csv)."""
    row = {}
    for c in COLUMNS:
        v = rec[c]
        if isinstance(v, dt.date):
            v = v.isoformat()
        row[c] = "" if v is None else str(v)
    return row


def departure_after(rng, submitted, lo=10, hi=75):
    return people.add_days(submitted, rng.randint(lo, hi))


def split_groups(rng, n, lo, hi):
    """Group sizes in [lo, hi] summing to n (a single smaller group if n < lo)."""
    sizes, rem = [], n
    while rem > hi:
        s = rng.randint(lo, hi)
        if rem - s < lo:
            s = rem - lo
        sizes.append(s)
        rem -= s
    if rem:
        sizes.append(rem)
    return sizes


def office_phone(ctx, area):
    """A landline (area code 0281 Banyumas/Purbalingga, 0282 Cilacap,
    0286 Banjarnegara, 0287 Kebumen) or an office mobile: (canon, text)."""
    rng = ctx.rng
    if rng.random() < 0.35:
        canon = people.new_id_phone(ctx)
        return canon, people.fmt_id_phone(rng, canon)
    while True:
        num = str(rng.randint(5, 6)) + "".join(str(rng.randint(0, 9)) for _ in range(5))
        canon = "62" + area + num
        if canon not in ctx.used_phone:
            ctx.used_phone.add(canon)
            break
    text = rng.choice([f"(0{area}) {num}", f"0{area}-{num}", f"0{area} {num}", f"0{area}{num}"])
    return canon, text


AREA = {"33.01": "282", "33.02": "281", "33.03": "281", "33.04": "286", "33.05": "287"}


def office_address(ctx, village):
    w = ctx.w
    street = ctx.rng.choice(people.STREETS)
    return (f"{street} No. {ctx.rng.randint(1, 200)}, {w.village_name(village)}, "
            f"{w.kec_name(village)}, {w.regency_short(village)}")


EDU_W = {
    "low": {"sd": 4, "smp": 4, "sma": 3, "none": 0.5},
    "mid": {"smp": 2, "sma": 6, "dip": 1, "s1": 1},
    "high": {"sma": 3, "dip": 2, "s1": 5, "s2": 1},
    "old": {"none": 1, "sd": 5, "smp": 2, "sma": 2, "s1": 0.6},
    "pmi": {"smp": 5, "sma": 5, "dip": 0.4},      # UU 18/2017: at least SMP
}


def profile(ctx, p, occ_kinds, edu_kind="mid", married_p=None, p_blank_edu=0.15):
    """occupation / education / marital_status for person p."""
    rng = ctx.rng
    age = p["_age"]
    if age < 17:
        o = rng.choice(vocab.OCC["pelajar"][:3] + ["Belum/Tidak Bekerja"])
        e = rng.choice(["SD", "SMP", "Belum Tamat SD", "SD", ""])
    else:
        o = vocab.occ(rng, *occ_kinds)
        e = vocab.edu(rng, EDU_W[edu_kind])
        nm = p["_name"]
        if "A.Md." in nm:
            e = rng.choice(vocab.EDU["dip"])
        elif any(t in nm for t in ("S.Pd", "S.E.", "S.Kom", "S.H.", "S.Ag.", "Drs.", "Dra.", "Ir.")):
            e = rng.choice(vocab.EDU["s1"])
    if age < 50 and o in vocab.OCC["pensiun"]:
        o = rng.choice(vocab.OCC["swasta"] + vocab.OCC["wiraswasta"])
    if p["sex"] == "L":
        o = {"mahasiswi": "Mahasiswa", "ibu rumah tangga": "Buruh", "IRT": "Buruh"}.get(o, o)
    else:
        o = {"kuli bangunan": "Buruh Pabrik", "TNI": "Guru", "Purnawirawan": "Pensiunan",
             "Ojek": "Pedagang"}.get(o, o)
    m = vocab.marital(rng, age, p["sex"], married_p)
    return {"occupation": maybe(rng, o, 0.03),
            "education": maybe(rng, e, p_blank_edu),
            "marital_status": maybe(rng, m, 0.04)}


def companion(rng, person, relation_kind=None, relation=None, p_phone=0.8):
    """companion_* fields pointing at another person dict."""
    rel = relation or vocab.rel(rng, relation_kind)
    ph = ""
    if person.get("_phone") and rng.random() < p_phone:
        ph = people.fmt_id_phone(rng, person["_phone"])
    return {"companion_name": person["_name"] if rng.random() < 0.7 else person["full_name"],
            "companion_phone": ph, "companion_relation": rel}
