"""Risky scenarios: a stated purpose that covers work abroad, or missing the
document the purpose needs."""
import forms
import orgs
import people
import vocab
from forms import maybe
from legit_tourism import pick

R = "risky"
ME = {"SA": 30, "AE": 18, "QA": 10, "KW": 10, "OM": 9, "JO": 7, "BH": 5}
BROKER_REL = ["teman", "saudara", "kenalan", "agen", "sponsor", "om", "tante", "bos", "majikan"]


def applicant(ctx, sub, sex=None, age_range=(18, 32), older=0.2):
    rng = ctx.rng
    ar = (31, 44) if rng.random() < older else age_range
    return people.make_person(ctx, sub, sex=sex, age_range=ar, kantong=0.5)


def profile(ctx, p, domestic=0.2):
    rng = ctx.rng
    kinds = ["irt", "irt", "belum", "buruh", "petani", "pmi", "swasta"] if p["sex"] == "P" \
        else ["belum", "buruh", "petani", "swasta", "nelayan", "sopir"]
    f = forms.profile(ctx, p, kinds, "low" if rng.random() < 0.6 else "mid", married_p=0.45)
    if p["sex"] == "P" and rng.random() < domestic:
        f["occupation"] = vocab.occ(rng, "domestic")
    return f


def sparse_trip(ctx, f, sub, p_itin=0.2, dest=None):
    rng = ctx.rng
    f["intended_departure"] = maybe(rng, forms.departure_after(rng, sub, 5, 40), 0.5)
    f["return_ticket"] = pick(rng, {"no": 4, "unknown": 4, "": 2, "yes": 1})
    f["itinerary"] = rng.choice(vocab.ITIN_SPARSE + [""] * 4) if rng.random() > p_itin else \
        vocab.vague_itinerary(rng, dest)
    f["funds_source"] = maybe(rng, rng.choice(vocab.FUNDS["own"][:4] + vocab.FUNDS["pmi_bad"][:3]), 0.5)


def person_sponsor(ctx, sub, dest, rels=BROKER_REL, foreign=0.5):
    rng = ctx.rng
    if rng.random() < foreign and dest in orgs.FOREIGN_FIRST:
        name = rng.choice(orgs.FOREIGN_FIRST[dest])
        canon, text = orgs.foreign_phone(ctx, dest)
    else:
        sp = people.make_person(ctx, sub, age_range=(28, 55))
        name, text = sp["_name"], sp["phone"]
    return {"sponsor_name": name, "sponsor_phone": maybe(rng, text, 0.15),
            "sponsor_relation": maybe(rng, rng.choice(rels), 0.15)}


def _rows(ctx, n, scenario, build):
    out = []
    for _ in range(n):
        sub = people.rand_workday(ctx.rng)
        out.append(build(sub))
    return out


def tourism_cover_work(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = pick(rng, {"MY": 40, **ME, "TR": 4})
        p = applicant(ctx, sub, sex="P" if rng.random() < 0.65 else "L")
        f = profile(ctx, p, domestic=0.25)
        sparse_trip(ctx, f, sub, dest=dest)
        if rng.random() < 0.4:
            f.update(person_sponsor(ctx, sub, dest))
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
        if f["return_ticket"] == "yes" and rng.random() < 0.6:
            docs.append("tiket_pulang")        # a booking the agent will cancel
        if rng.random() < 0.15:                # former migrant worker going again
            f["previous_passport_no"] = orgs.passport_no(rng)
            docs.append("paspor_lama")
        f["documents"] = forms.doc_string(rng, docs)
        return forms.new_app(ctx, p, sub, "tourism", dest, label=R, scenario="tourism_cover_work",
                             note=f"'tourism' to {dest}: no real itinerary, no return ticket, first passport; intends to work (D01 D04 D22)", **f)
    return _rows(ctx, n, "tourism_cover_work", build)


def domestic_worker_middle_east(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = pick(rng, ME)
        purpose = pick(rng, {"work": 5, "tourism": 4, "family_visit": 1})
        p = applicant(ctx, sub, sex="P", age_range=(21, 40), older=0.35)
        f = profile(ctx, p, domestic=0.75)
        sparse_trip(ctx, f, sub, dest=dest)
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
        if rng.random() < 0.4:
            docs.append("sarkes")
        if purpose == "work":
            if rng.random() < 0.3:
                docs.append("kontrak_kerja")
            f["employer_name"] = maybe(rng, rng.choice(["keluarga " + rng.choice(orgs.FOREIGN_FIRST[dest if dest in orgs.FOREIGN_FIRST else "SA"]),
                                                         "rumah tangga di " + vocab.CITY[dest], "majikan Arab"]), 0.3)
            f["recruiter_name"] = rng.choice(["Bu Romlah (sponsor)", "Pak Kardi", "PT Amanah Timur Tengah",
                                              "sponsor kampung", "Mas Yono"])
            f["disnaker_recommendation_no"] = maybe(rng, "", 0.7, 0.3)
        if rng.random() < 0.5:
            f.update(person_sponsor(ctx, sub, dest, rels=["majikan", "agen", "teman", "sponsor", "kenalan"]))
        if rng.random() < 0.3:
            f["previous_passport_no"] = orgs.passport_no(rng)
            docs.append("paspor_lama")
        f["documents"] = forms.doc_string(rng, docs)
        return forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="domestic_worker_middle_east",
                             note=f"domestic worker to {dest}, a Kepmenaker 260/2015 country (D05 D02)", **f)
    return _rows(ctx, n, "", build)


def umrah_cover_work(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = "SA"
        p = applicant(ctx, sub, sex="P" if rng.random() < 0.85 else "L", age_range=(19, 34), older=0.15)
        f = profile(ctx, p, domestic=0.3)
        sparse_trip(ctx, f, sub, dest=dest)
        f["itinerary"] = maybe(rng, rng.choice(["umroh", "umroh dulu", "ibadah", "umrah mandiri"]), 0.4)
        f["return_ticket"] = pick(rng, {"no": 4, "unknown": 5, "": 2})
        f.update(person_sponsor(ctx, sub, "SA", rels=["saudara", "teman", "agen", "kenalan", "ustadz", "sponsor"]))
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
        if rng.random() < 0.3:
            docs.append("sarkes")
        purpose, note = "umrah", "'umrah' alone, no PPIU letter, one-way, sponsor is a person: cover to work (D07)"
        if rng.random() < 0.15:
            purpose, note = "hajj", "'hajj' outside the quota via a private person, no PIHK, one-way: cover to work (D07)"
            f["itinerary"] = maybe(rng, rng.choice(["haji furoda", "haji", "haji non kuota"]), 0.3)
        f["documents"] = forms.doc_string(rng, docs)
        return forms.new_app(ctx, p, sub, purpose, "SA", label=R, scenario="umrah_cover_work", note=note, **f)
    return _rows(ctx, n, "", build)


def work_without_disnaker(ctx, n):
    rng = ctx.rng
    jobs = {"MY": ["perkebunan sawit Sabah", "kerja bangunan di KL", "restoran di Johor"],
            "SA": ["sopir keluarga", "cleaning service"], "AE": ["cleaning service Dubai", "security"],
            "TW": ["pabrik (visa turis dulu)"], "KR": ["pabrik di Ansan"], "PL": ["gudang di Warsawa"],
            "JP": ["kerja lepas"], "AU": ["petik buah"]}

    def build(sub):
        dest = pick(rng, {"MY": 40, "SA": 10, "AE": 10, "TW": 8, "KR": 8, "PL": 8, "JP": 6, "AU": 5})
        p = applicant(ctx, sub, sex="L" if rng.random() < 0.7 else "P", age_range=(20, 38))
        f = profile(ctx, p)
        sparse_trip(ctx, f, sub, p_itin=0, dest=dest)
        f["itinerary"] = maybe(rng, rng.choice(jobs[dest]), 0.3)
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
        for d, pr in (("sarkes", 0.35), ("kontrak_kerja", 0.2), ("izin_keluarga", 0.2)):
            if rng.random() < pr:
                docs.append(d)
        f.update(employer_name=maybe(rng, rng.choice(jobs[dest]), 0.4),
                 recruiter_name=maybe(rng, rng.choice(["Pak Darmo", "PT Global Karya Insani", "sponsor",
                                                        "teman yang sudah kerja di sana", "Mas Tarno (agen)"]), 0.3),
                 disnaker_recommendation_no=maybe(rng, "", 0.6, 0.3))
        if f["disnaker_recommendation_no"] == "" and rng.random() < 0.2:
            f["disnaker_recommendation_no"] = "proses"
        if rng.random() < 0.25:
            f["recruiter_license_no"] = maybe(rng, "", 0.5, 0.5)
        f["documents"] = forms.doc_string(rng, docs)
        return forms.new_app(ctx, p, sub, "work", dest, label=R, scenario="work_without_disnaker",
                             note=f"work in {dest} with no Disnaker recommendation (D02 D21)", **f)
    return _rows(ctx, n, "", build)


def scam_job_offer_mekong(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = pick(rng, {"KH": 50, "MM": 15, "LA": 15, "TH": 20})
        purpose = pick(rng, {"tourism": 6, "work": 3, "business": 1})
        p = people.make_person(ctx, sub, sex="L" if rng.random() < 0.6 else "P", age_range=(19, 34),
                               name_kw={"educated": True})
        f = forms.profile(ctx, p, ["swasta", "belum", "pelajar", "wiraswasta"], "mid" if rng.random() < 0.6 else "high")
        f["intended_departure"] = maybe(rng, forms.departure_after(rng, sub, 4, 25), 0.4)
        f["return_ticket"] = pick(rng, {"no": 4, "unknown": 4, "yes": 2})
        f["itinerary"] = maybe(rng, rng.choice([
            "kerja admin/typing gaji 12 juta", "liburan Bangkok lalu lanjut", "customer service online",
            "Phnom Penh", "wisata", "operator game online", "jalan2", "data entry"]), 0.3)
        name = rng.choice(orgs.FOREIGN_FIRST[dest])
        canon, text = orgs.foreign_phone(ctx, dest if dest != "MM" or rng.random() < 0.5 else "TH")
        f.update(sponsor_name=maybe(rng, name, 0.2), sponsor_phone=text,
                 sponsor_relation=maybe(rng, rng.choice(["HRD", "teman FB", "rekruter", "perusahaan", "teman"]), 0.2),
                 recruiter_name=maybe(rng, rng.choice(["via Facebook (Loker Luar Negeri)", "grup WA loker",
                                                        "kenalan di Telegram", "akun IG lowongan", name]), 0.3),
                 employer_name=maybe(rng, rng.choice(["perusahaan IT di Phnom Penh", "customer service online Sihanoukville",
                                                      "admin game online", "typing job", "perusahaan investasi"]), 0.4),
                 funds_source=maybe(rng, rng.choice(["tiket dari HRD", "ditanggung perusahaan", "sendiri", "potong gaji"]), 0.3))
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
        f["documents"] = forms.doc_string(rng, docs)
        return forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="scam_job_offer_mekong",
                             note=f"online job offer in {dest} (no placement agreement; scam compound risk) (D06 D19)", **f)
    return _rows(ctx, n, "", build)


def internship_without_kemnaker(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = pick(rng, {"JP": 5, "KR": 2, "TW": 2, "DE": 1})
        purpose = "study" if dest in ("TW", "DE") and rng.random() < 0.6 else "internship"
        p = applicant(ctx, sub, sex=pick(rng, {"L": 6, "P": 4}), age_range=(18, 27), older=0)
        f = forms.profile(ctx, p, ["belum", "pelajar", "buruh", "swasta"], "mid", married_p=0.1)
        docs = ["ktp", "kk", "ijazah"] + (["sertifikat_kompetensi"] if rng.random() < 0.4 else []) \
            + (["sarkes"] if rng.random() < 0.4 else [])
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 10, 60), 0.5),
                 return_ticket=pick(rng, {"no": 4, "unknown": 4, "": 2}),
                 itinerary=maybe(rng, rng.choice(["magang", "magang kerja 1 tahun", "program magang bergaji"]), 0.3),
                 recruiter_name=maybe(rng, rng.choice(["LPK Mitra Global Nusantara", "LPK Harapan Jaya", "Pak Sugi (LPK)",
                                                        "yayasan"]), 0.2),
                 sponsor_relation=maybe(rng, rng.choice(["LPK", "yayasan", "agen"]), 0.5),
                 funds_source=maybe(rng, rng.choice(["bayar LPK 45 juta", "pinjaman", "potong gaji", "orang tua"]), 0.3))
        note = "internship with no Kemnaker recommendation; unregistered LPK (D08)"
        if purpose == "study":
            docs.append("loa")
            f["itinerary"] = maybe(rng, rng.choice(["kuliah sambil kerja", "program kampus merdeka + kerja (ferienjob)",
                                                    "kuliah bahasa, kerja part time"]), 0.3)
            note = "'study' that is paid work arranged by an agent (kuliah sambil kerja / ferienjob), no Kemnaker recommendation (D08)"
        f["documents"] = forms.doc_string(rng, docs)
        return forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="internship_without_kemnaker",
                             note=note, **f)
    return _rows(ctx, n, "", build)


def seafarer_without_docs(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = pick(rng, {"TW": 4, "KR": 2, "PE": 1, "MU": 1, "ZA": 1, "FJ": 1})
        p = applicant(ctx, sub, sex="L", age_range=(18, 30))
        f = forms.profile(ctx, p, ["nelayan", "buruh", "belum", "petani"], "low")
        docs = forms.civil_docs(rng, p) + (["sarkes"] if rng.random() < 0.5 else [])
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 5, 30), 0.5),
                 return_ticket=pick(rng, {"no": 4, "unknown": 4, "": 2}),
                 itinerary=maybe(rng, rng.choice(["kapal ikan Taiwan", "ikut kapal", "ABK kapal ikan", "-"]), 0.3),
                 recruiter_name=maybe(rng, rng.choice(["Pak Warsim (calo ABK)", "PT Bahari Jaya Abadi", "sponsor",
                                                        "Mas Eko Tegal"]), 0.2),
                 employer_name=maybe(rng, rng.choice(["kapal ikan Taiwan", "long liner", "FV (belum tahu)"]), 0.5),
                 funds_source=maybe(rng, rng.choice(["potong gaji", "dipinjami agen", "sendiri"]), 0.4))
        f["documents"] = forms.doc_string(rng, docs)
        return forms.new_app(ctx, p, sub, "seafarer", dest, label=R, scenario="seafarer_without_docs",
                             note="seafarer without seaman's book or BST; recruited via a broker (D15)", **f)
    return _rows(ctx, n, "", build)
