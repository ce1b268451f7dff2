"""Legitimate work scenarios: procedural migrant workers (P3MI batches),
interns through an LPK, seafarers through a manning agency."""
import forms
import orgs
import people
import vocab
from forms import maybe
from legit_tourism import pick

L = "legit"


PMI_DEST = {"TW": 30, "HK": 25, "MY": 15, "SG": 7, "KR": 10, "JP": 8, "BN": 5, "SA": 3, "AE": 2, "QA": 1,
            "PL": 2, "DE": 1}
PMI_JOB = {"TW": ["caregiver", "perawat lansia", "operator pabrik"], "HK": ["PRT", "pekerja rumah tangga", "ART"],
           "SG": ["PRT", "asisten rumah tangga"], "MY": ["operator pabrik", "pekerja ladang", "PRT"],
           "KR": ["ABK", "operator mesin", "pekerja manufaktur"], "JP": ["caregiver (kaigo)", "operator pabrik makanan"],
           "BN": ["tukang bangunan", "PRT"], "SA": ["perawat rumah sakit", "sopir perusahaan", "cleaning service RS"],
           "AE": ["staf hotel", "barista"], "QA": ["staf hotel", "perawat"], "PL": ["operator pabrik", "las (welder)"],
           "DE": ["perawat (program G to G)"]}


def pmi_procedural(ctx, n):
    rng, out = ctx.rng, []
    for gi, size in enumerate(forms.split_groups(rng, n, 4, 15)):
        name, lic = rng.choice(orgs.P3MI)
        dest = pick(rng, PMI_DEST)
        office_v = ctx.w.pick_home_village(rng, regency=rng.choice(["33.01", "33.02"]))
        canon, office_ph = forms.office_phone(ctx, forms.AREA[office_v[:5]])
        addr = forms.office_address(ctx, office_v)
        first = people.rand_workday(rng, hi=people.add_days(people.END, -20))
        gid = f"p3mi{gi + 1}"
        female = {"HK": 0.97, "SG": 0.95, "TW": 0.7, "MY": 0.45, "KR": 0.1, "JP": 0.5, "BN": 0.4,
                  "SA": 0.4, "AE": 0.5, "QA": 0.5, "PL": 0.2, "DE": 0.7}[dest]
        for _ in range(size):
            sub = people.rand_workday(rng, first, people.add_days(first, rng.choice([3, 10, 25])))
            sex = "P" if rng.random() < female else "L"
            p = people.make_person(ctx, sub, sex=sex, age_range=(21, 43), kantong=0.5)
            job = rng.choice(PMI_JOB[dest])
            kinds = ["irt", "belum", "buruh", "petani", "pmi"] if sex == "P" else ["buruh", "petani", "belum", "pmi", "nelayan"]
            f = forms.profile(ctx, p, kinds, "pmi")
            if rng.random() < 0.35:
                f["occupation"] = job
            docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))
            docs += ["rekomendasi_disnaker", "sarkes", "kontrak_kerja", "izin_keluarga"]
            if rng.random() < 0.5 or dest in ("TW", "HK", "JP"):
                docs.append("sertifikat_kompetensi")
            f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 25, 90), 0.3),
                     return_ticket=pick(rng, {"no": 5, "unknown": 3, "": 2}),
                     itinerary=maybe(rng, rng.choice([f"kerja {job}, kontrak 2 tahun", "kontrak 3 th",
                                                      f"{vocab.CITY.get(dest, dest)} - {job}"]), 0.5),
                     funds_source=maybe(rng, vocab.funds(rng, "pmi_ok", p), 0.4),
                     employer_name=maybe(rng, rng.choice(orgs.EMPLOYERS[dest]), 0.1),
                     recruiter_name=name, recruiter_license_no=maybe(rng, lic, 0.1),
                     disnaker_recommendation_no=orgs.disnaker_no(rng, p["village_code"][:5], sub),
                     sponsor_name=maybe(rng, name, 0.3), sponsor_phone=office_ph,
                     sponsor_relation=rng.choice(vocab.REL["p3mi"]),
                     sponsor_address=maybe(rng, addr, 0.5))
            if f["occupation"].lower() in ("pmi", "mantan pmi", "eks tki", "tkw", "buruh migran") or rng.random() < 0.25:
                f["previous_passport_no"] = orgs.passport_no(rng)
                docs.append("paspor_lama")
            f["documents"] = forms.doc_string(rng, docs)
            out.append(forms.new_app(ctx, p, sub, "work", dest, label=L, scenario="pmi_procedural",
                                     group=gid, note=f"{gid}: {name} batch to {dest} as {job}, Disnaker recommendation", **f))
    return out


def intern_procedural(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        lpk, dest = rng.choice(orgs.LPK)
        p = people.make_person(ctx, sub, age_range=(19, 28), sex=pick(rng, {"L": 6, "P": 4}))
        f = forms.profile(ctx, p, ["belum", "pelajar", "swasta", "buruh"], "mid", married_p=0.1)
        docs = ["ktp", "kk", "ijazah", "rekomendasi_kemnaker", "sarkes", "izin_keluarga"]
        if rng.random() < 0.6:
            docs.append("sertifikat_kompetensi")
        if rng.random() < 0.4:
            docs.append("kontrak_kerja")
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 30, 100), 0.4),
                 return_ticket=pick(rng, {"no": 4, "unknown": 4, "": 2}),
                 itinerary=maybe(rng, rng.choice(["magang 3 tahun", "pemagangan (TITP) 3 th", "magang kaigo"]), 0.3),
                 employer_name=maybe(rng, rng.choice(orgs.EMPLOYERS[dest]), 0.3),
                 recruiter_name=lpk, sponsor_name=maybe(rng, lpk, 0.5), sponsor_relation=rng.choice(["LPK", "lembaga"]),
                 funds_source=maybe(rng, rng.choice(["orang tua", "tabungan", "dana talangan LPK", "pinjaman bank"]), 0.3))
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, "internship", dest, label=L, scenario="intern_procedural",
                                 note=f"internship via {lpk} with Kemnaker recommendation", **f))
    return out


SEA_DEST = {"SG": 20, "KR": 12, "TW": 12, "JP": 8, "MU": 8, "ZA": 6, "FJ": 5, "PE": 4, "NL": 5, "AE": 5, "US": 5, "CN": 5}


def seafarer_procedural(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        dest = pick(rng, SEA_DEST)
        p = people.make_person(ctx, sub, sex="L", age_range=(19, 48),
                               village=ctx.w.pick_home_village(rng, regency="33.01") if rng.random() < 0.6 else None)
        f = forms.profile(ctx, p, ["nelayan", "nelayan", "buruh", "belum"], "mid")
        docs = forms.civil_docs(rng, p, forms.is_married(f["marital_status"])) + ["buku_pelaut", "bst"]
        if rng.random() < 0.6:
            docs.append("sarkes")
        if rng.random() < 0.5:
            docs.append("kontrak_kerja")
        agent = rng.choice(orgs.MANNING)
        ship = rng.choice(orgs.SHIPS)
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 7, 60), 0.4),
                 return_ticket=pick(rng, {"no": 4, "unknown": 4, "": 2}),
                 itinerary=maybe(rng, f"join kapal {ship} di {vocab.CITY.get(dest, dest)}", 0.4),
                 employer_name=maybe(rng, ship, 0.4), recruiter_name=maybe(rng, agent, 0.2),
                 recruiter_license_no=maybe(rng, f"SIUPPAK No. {rng.randint(10, 400)}.{rng.randint(1, 12)}/{rng.randint(2017, 2024)}", 0.4))
        if rng.random() < 0.45:
            f["previous_passport_no"] = orgs.passport_no(rng)
            docs.append("paspor_lama")
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, "seafarer", dest, label=L, scenario="seafarer_procedural",
                                 note="seafarer with seaman's book and BST via manning agency", **f))
    return out
