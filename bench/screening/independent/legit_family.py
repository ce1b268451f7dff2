"""Legitimate scenarios around families: family groups, minors with a
parent, family visits with a guarantee letter, namesakes of watchlist
entries, applicants from outside the office's area with a good reason."""
import forms
import legit_org
import legit_work
import orgs
import people
import vocab
from forms import maybe
from legit_tourism import holiday_fields, pick

L = "legit"
ABROAD_ADDR = {
    "MY": ["No. 12, Jalan Ampang, Kuala Lumpur", "Taman Sri Muda, Shah Alam, Selangor",
           "Jalan Tebrau, Johor Bahru", "Bayan Lepas, Pulau Pinang"],
    "SG": ["Blk 231 Tampines St 21, Singapore", "Jurong West Ave 1, Singapore"],
    "TW": ["Taoyuan City, Zhongli Dist.", "Taichung City, Xitun Dist.", "Kaohsiung, Nanzi Dist."],
    "HK": ["Tai Po, New Territories", "Causeway Bay, Hong Kong"],
    "JP": ["Oizumi-machi, Gunma", "Toyohashi, Aichi", "Osaka-shi, Osaka"],
    "KR": ["Ansan-si, Gyeonggi-do", "Changwon, Gyeongsangnam-do"],
    "SA": ["Al Aziziyah, Jeddah", "Al Malaz, Riyadh", "Dammam, Eastern Province"],
    "NL": ["Den Haag", "Rotterdam-Zuid"], "AU": ["Bankstown NSW", "Perth WA"],
    "AE": ["Al Nahda, Dubai"], "QA": ["Al Wakrah, Qatar"], "KW": ["Salmiya, Kuwait"],
    "OM": ["Al Khuwair, Muscat"], "BH": ["Riffa, Bahrain"],
}
KIN_DEST = {"MY": 20, "SG": 6, "TW": 15, "HK": 10, "JP": 8, "KR": 8, "SA": 10, "NL": 3, "AU": 3, "AE": 3, "QA": 2,
            "KW": 2, "OM": 1, "BH": 1}


def sponsor_abroad(ctx, sub, dest, rel_kind, age_range):
    """A relative abroad who writes the guarantee letter."""
    rng = ctx.rng
    sex = {"husband": "L", "wife": "P", "father": "L", "mother": "P"}.get(rel_kind)
    sp = people.make_person(ctx, sub, sex=sex, age_range=age_range, phone=False)
    canon, text = orgs.foreign_phone(ctx, dest)
    return {"sponsor_name": sp["_name"], "sponsor_phone": text,
            "sponsor_relation": vocab.rel(rng, rel_kind),
            "sponsor_address": maybe(rng, rng.choice(ABROAD_ADDR[dest]), 0.2)}


def family_group(ctx, n):
    rng, out, gi = ctx.rng, [], 0
    while len(out) < n:
        gi += 1
        gid = f"family{gi}"
        sub0 = people.rand_workday(rng, hi=people.add_days(people.END, -3))
        kind = pick(rng, {"tourism": 6, "family_visit": 3})
        dest = pick(rng, {"SG": 4, "MY": 5, "JP": 2, "KR": 2, "TH": 2, "TR": 1, "AU": 1}) \
            if kind == "tourism" else pick(rng, KIN_DEST)
        dep = forms.departure_after(rng, sub0, 14, 90)
        father = people.make_person(ctx, sub0, sex="L", age_range=(30, 55), name_kw={"educated": True})
        mother = people.household_member(ctx, father, sub0, sex="P",
                                          age=max(24, father["_age"] - rng.randint(0, 8)))
        members = [(father, None), (mother, "wife")]
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            a = rng.randint(1, min(17, mother["_age"] - 20))
            members.append((people.household_member(ctx, father, sub0, sex=rng.choice("LP"), age=a,
                                                    share_phone=rng.random() < 0.6), "child"))
        spons = sponsor_abroad(ctx, sub0, dest, pick(rng, {"sibling": 3, "cousin": 1, "inlaw": 1}), (25, 50)) \
            if kind == "family_visit" else None
        members = members[:n - len(out)]
        itin = rng.choice(vocab.ITIN.get(dest, ["liburan keluarga"]))
        for m, role in members:
            sub = sub0 if rng.random() < 0.85 else people.clamp_workday(people.add_days(sub0, 1))
            f = holiday_fields(ctx, m, sub, dest, "good" if rng.random() < 0.75 else "sparse")
            for k in ("companion_name", "companion_phone", "companion_relation"):
                f[k] = ""
            f["intended_departure"] = dep
            f["itinerary"] = maybe(rng, itin, 0.3)
            docs = f["documents"].split(";")
            if role == "wife":
                f.update(forms.companion(rng, father, "husband"))
            elif role == "child":
                parent = father if rng.random() < 0.6 else mother
                f.update(forms.companion(rng, parent, "father" if parent is father else "mother"))
                if rng.random() < 0.3:
                    docs.append("izin_keluarga")
                f["phone"] = m["phone"] if m["_phone"] else maybe(rng, "", 1.0)
            if spons:
                f.update(spons)
                f["itinerary"] = maybe(rng, f"menginap di rumah saudara di {vocab.CITY.get(dest, dest)}", 0.4)
                docs.append("surat_jaminan")
            f["documents"] = forms.doc_string(rng, docs)
            phone = f.pop("phone", None)
            rec = forms.new_app(ctx, m, sub, kind, dest, label=L, scenario="family_group", group=gid,
                                note=f"{gid}: family of {len(members)}, same address, departs {dep}", **f)
            if phone is not None:
                rec["phone"] = phone
            out.append(rec)
    return out[:n]


def minor_with_parent(ctx, n):
    rng, out = ctx.rng, []
    while len(out) < n:
        sub = people.rand_workday(rng)
        dest = pick(rng, {"TW": 3, "HK": 2, "KR": 2, "JP": 2, "MY": 4, "SG": 3, "SA": 2})
        parent = people.make_person(ctx, sub, sex="P" if rng.random() < 0.75 else "L", age_range=(25, 45))
        child = people.household_member(ctx, parent, sub, sex=rng.choice("LP"),
                                        age=rng.randint(1, min(16, parent["_age"] - 19)),
                                        share_phone=rng.random() < 0.7)
        spouse_abroad = dest in ("TW", "HK", "KR", "JP", "SA") and parent["sex"] == "P"
        kind = "family_visit" if spouse_abroad else "tourism"
        dep = forms.departure_after(rng, sub, 14, 70)
        spons = sponsor_abroad(ctx, sub, dest, "husband", (parent["_age"] - 2, parent["_age"] + 8)) \
            if spouse_abroad else None
        rows = [(child, True)] + ([(parent, False)] if rng.random() < 0.5 else [])
        for m, is_child in rows[:n - len(out)]:
            f = holiday_fields(ctx, m, sub, dest, "good")
            f["intended_departure"] = dep
            for k in ("companion_name", "companion_phone", "companion_relation"):
                f[k] = ""
            docs = f["documents"].split(";")
            if is_child:
                f.update(forms.companion(rng, parent, "mother" if parent["sex"] == "P" else "father"))
                if rng.random() < 0.5:
                    docs.append("izin_keluarga")
            if spons:
                f.update(spons)
                if is_child:
                    f["sponsor_relation"] = vocab.rel(rng, "father")
                f["itinerary"] = maybe(rng, "menjenguk suami/ayah yang bekerja di sana", 0.3)
                docs.append("surat_jaminan")
            f["documents"] = forms.doc_string(rng, docs)
            note = ("minor travelling with " + ("mother" if parent["sex"] == "P" else "father")) if is_child \
                else "parent of a minor applying together"
            if spons:
                note += f"; visiting the father working in {dest}"
            out.append(forms.new_app(ctx, m, sub, kind, dest, label=L, scenario="minor_with_parent", note=note, **f))
    return out[:n]


def family_visit_guarantee(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        dest = pick(rng, KIN_DEST)
        p = people.make_person(ctx, sub, age_range=(24, 74))
        if p["_age"] >= 45:
            rk, ar = pick(rng, {"child": 5, "sibling": 2}), (20, p["_age"] - 20)
        else:
            rk = pick(rng, {"husband" if p["sex"] == "P" else "wife": 3, "sibling": 2, "cousin": 1})
            ar = (p["_age"] - 5, p["_age"] + 8)
        f = holiday_fields(ctx, p, sub, dest, "good" if rng.random() < 0.6 else "sparse")
        for k in ("companion_name", "companion_phone", "companion_relation"):
            f[k] = ""
        f.update(sponsor_abroad(ctx, sub, dest, rk, (max(18, ar[0]), max(20, ar[1]))))
        opts = [f"menjenguk {f['sponsor_relation'].lower()} di {vocab.CITY.get(dest, dest)}",
                "kunjungan keluarga 2 minggu"]
        if rk == "child":
            opts += ["tinggal di rumah anak 1 bulan", "lihat cucu lahir"]
        if rng.random() < 0.3:
            opts = ["kunjungan", "silaturahmi", "ke rumah saudara", vocab.vague_itinerary(rng, dest)]
        f["itinerary"] = maybe(rng, rng.choice(opts), 0.25)
        f["return_ticket"] = pick(rng, {"yes": 7, "unknown": 3})
        docs = f["documents"].split(";") + ["surat_jaminan"]
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, "family_visit", dest, label=L, scenario="family_visit_guarantee",
                                 note=f"visits {rk} living in {dest}; guarantee letter", **f))
    return out


def watchlist_namesake(ctx, n):
    """Ordinary applicants whose very common name is also on a watchlist
    (different birth date, no shared NIK or phone)."""
    rng, out = ctx.rng, []
    lists = ["cekal", "wanted", "known_broker", "previously_refused"]
    for i in range(n):
        sub = people.rand_workday(rng)
        sex = rng.choice("LP")
        nm = rng.choice(__import__("names").COMMON_FULL[sex])
        p = people.make_person(ctx, sub, sex=sex, age_range=(22, 66), name=nm)
        if rng.random() < 0.7:
            dest = pick(rng, {"MY": 3, "SG": 3, "JP": 1, "KR": 1, "TH": 1, "SA": 1})
            f = holiday_fields(ctx, p, sub, dest, "good")
            purpose = "tourism"
        else:
            dest, purpose = "SA", "umrah"
            org = rng.choice(orgs.PPIU)
            canon, ph = forms.office_phone(ctx, "282")
            f, docs = legit_org.pilgrim_fields(ctx, p, sub, org, ph, "PPIU",
                                               forms.departure_after(rng, sub, 20, 60), "umroh 9 hari")
            f["documents"] = forms.doc_string(rng, docs)
        rec = forms.new_app(ctx, p, sub, purpose, dest, label=L, scenario="watchlist_namesake",
                            note="same common name as a watchlist entry, different person", **f)
        rec["_namesake_of"] = lists[i % len(lists)]
        out.append(rec)
    return out


OUTSIDE = ["32.07", "32.79", "33.29", "33.28", "33.07", "33.06", "31.74", "32.73",
           "34.71", "33.74", "35.07", "12.71", "18.05"]
DOMISILI = ["Perum Gumilir Indah Blok C-12, Cilacap", "mess karyawan Pertamina, Donan, Cilacap",
            "kos Jl. HR Bunyamin, Purwokerto", "Perumahan Tegal Kamulyan, Cilacap",
            "Jl. Gatot Subroto Gg. 3, Purwokerto"]
REASONS = [("tourism", "works at the Pertamina refinery in Cilacap; KTP not yet moved"),
           ("study", "student at a university in Purwokerto; exchange semester abroad"),
           ("umrah", "lives just across the border; joins a Cilacap-based umrah group"),
           ("seafarer", "seafarer staying at the manning agency's mess in Cilacap"),
           ("family_visit", "married to a Cilacap resident; KTP still from home town")]


def outside_area_reason(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        purpose, why = rng.choice(REASONS)
        reg = rng.choice(["32.07", "32.79"]) if purpose == "umrah" else rng.choice(OUTSIDE)
        p = people.make_person(ctx, sub, village=ctx.w.pick_village_in(rng, reg),
                               sex="L" if purpose == "seafarer" else None,
                               age_range=(19, 24) if purpose == "study" else (23, 58))
        if rng.random() < 0.5 and purpose != "umrah":
            p["address"] += f" (domisili: {rng.choice(DOMISILI)})"
        if purpose == "umrah":
            org = rng.choice(orgs.PPIU)
            canon, ph = forms.office_phone(ctx, "282")
            f, docs = legit_org.pilgrim_fields(ctx, p, sub, org, ph, "PPIU",
                                               forms.departure_after(rng, sub, 20, 60), "umroh 9 hari")
            dest = "SA"
        elif purpose == "seafarer":
            f = forms.profile(ctx, p, ["nelayan"], "mid")
            docs = forms.civil_docs(rng, p) + ["buku_pelaut", "bst", "sarkes"]
            f.update(recruiter_name=rng.choice(orgs.MANNING), return_ticket="unknown",
                     employer_name=rng.choice(orgs.SHIPS))
            dest = pick(rng, legit_work.SEA_DEST)
        elif purpose == "study":
            dest = rng.choice(["JP", "MY", "KR", "TR"])
            f = forms.profile(ctx, p, ["pelajar"], "mid", married_p=0.02)
            docs = ["ktp", "kk", "ijazah", "loa"]
            f.update(itinerary="pertukaran mahasiswa 1 semester", return_ticket=pick(rng, {"yes": 1, "unknown": 1}),
                     funds_source=rng.choice(["beasiswa IISMA", "beasiswa kampus", "orang tua"]))
        else:
            dest = pick(rng, DEST_MIX)
            f = holiday_fields(ctx, p, sub, dest, "good")
            docs = f["documents"].split(";")
            if why.startswith("works"):
                f["occupation"] = rng.choice(["Karyawan BUMN", "Pegawai BUMN", "Karyawan Swasta", "KARYAWAN BUMN"])
            if purpose == "family_visit":
                dest = rng.choice(["MY", "SG", "JP"])
                f.update(sponsor_abroad(ctx, sub, dest, "sibling", (25, 50)))
                docs.append("surat_jaminan")
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, purpose, dest, label=L, scenario="outside_area_reason",
                                 note=f"KTP from {ctx.w.regency_short(p['village_code'])}: {why}", **f))
    return out


DEST_MIX = {"SG": 3, "MY": 3, "JP": 2, "KR": 2, "TH": 1, "VN": 1}
