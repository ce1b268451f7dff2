"""Legitimate scenarios run through an organiser: umrah (PPIU), hajj,
students."""
import datetime as dt

import forms
import orgs
import people
import vocab
from forms import maybe
from legit_tourism import pick

L = "legit"
HAJJ_SEASON = (dt.date(2026, 4, 15), dt.date(2026, 6, 20))   # no umrah departures


def _umrah_departure(rng):
    while True:
        d = people.add_days(people.START, rng.randint(30, 340))
        if not (HAJJ_SEASON[0] <= d <= HAJJ_SEASON[1]):
            return d


def pilgrim_fields(ctx, p, sub, org, org_phone, org_rel, dep, itin, married_p=0.85):
    rng = ctx.rng
    f = forms.profile(ctx, p, ["irt", "irt", "petani", "wiraswasta", "pensiun", "pns",
                               "buruh", "swasta"] if p["sex"] == "P" else
                      ["petani", "wiraswasta", "pensiun", "pns", "buruh", "swasta", "sopir"],
                      "old" if p["_age"] > 55 else "mid", married_p=married_p)
    docs = [d if d != "surat_baptis" else "akta_lahir"
            for d in forms.civil_docs(rng, p, forms.is_married(f["marital_status"]))]
    docs.append("ppiu_letter")
    f.update(intended_departure=dep, sponsor_name=org, sponsor_phone=org_phone,
             sponsor_relation=org_rel,
             itinerary=maybe(rng, itin if rng.random() < 0.75 else rng.choice(["umroh", "ibadah umroh", "ibadah", "umrah"]), 0.25),
             return_ticket=pick(rng, {"yes": 8, "unknown": 2}),
             funds_source=maybe(rng, vocab.funds(rng, "pilgrim", p), 0.3))
    if rng.random() < 0.25:
        f["previous_passport_no"] = orgs.passport_no(rng)
        docs.append("paspor_lama")
    return f, docs


def umrah_group(ctx, n):
    rng, out = ctx.rng, []
    ppius = orgs.PPIU[:]
    rng.shuffle(ppius)
    for gi, size in enumerate(forms.split_groups(rng, n, 10, 45)):
        org = ppius[gi % len(ppius)]
        office_v = ctx.w.pick_home_village(rng)
        canon, org_phone = forms.office_phone(ctx, forms.AREA[office_v[:5]])
        org_addr = forms.office_address(ctx, office_v)
        org_rel = rng.choice(vocab.REL["ppiu"])
        dep = _umrah_departure(rng)
        itin = rng.choice(vocab.ITIN["SA"])
        guide = None
        if rng.random() < 0.5:   # an ustadz who guides the group
            guide = people.make_person(ctx, dep, sex="L", age_range=(35, 60),
                                       name_kw={"hajj": True, "pilgrim": True})
            guide["_name"] = "Ustadz " + guide["_name"] if rng.random() < 0.5 else guide["_name"]
            guide_rel = rng.choice(["pembimbing", "mutawif", "pembimbing ibadah", "ustadz"])
        gid = f"umrah{gi + 1}"
        lo, hi = people.add_days(dep, -75), people.add_days(dep, -18)
        batch_days = sorted({people.rand_workday(rng, lo, hi) for _ in range(rng.randint(2, 5))})
        count = 0
        while count < size:
            sub = rng.choice(batch_days)
            p = people.make_person(ctx, sub, age_range=(28, 76) if rng.random() < 0.85 else (18, 27),
                                   sex="P" if rng.random() < 0.6 else "L",
                                   name_kw={"hajj": True, "pilgrim": True})
            hh = [p]
            if count + 1 < size and p["_age"] > 30 and rng.random() < 0.35:   # spouse
                hh.append(people.household_member(ctx, p, sub, sex="L" if p["sex"] == "P" else "P",
                                                  age=max(25, p["_age"] + rng.randint(-7, 7)),
                                                  name_kw={"hajj": True, "pilgrim": True},
                                                  share_phone=rng.random() < 0.3))
            if count + len(hh) < size and p["_age"] > 52 and rng.random() < 0.08:  # grandchild
                hh.append(people.household_member(ctx, p, sub, sex=rng.choice("LP"),
                                                  age=rng.randint(10, 16), share_phone=True))
            for i, m in enumerate(hh):
                f, docs = pilgrim_fields(ctx, m, sub, org, org_phone, org_rel, dep, itin)
                f["sponsor_address"] = maybe(rng, org_addr, 0.4)
                note = f"{gid}: {org}, departs {dep}"
                if i > 0 and m["_age"] < 17:
                    f.update(forms.companion(rng, p, "grand"))
                    docs.append("izin_keluarga")
                    note += "; minor with grandparent, parents' permit"
                elif i > 0:
                    f.update(forms.companion(rng, p, relation=rng.choice(
                        vocab.REL["husband"] if p["sex"] == "L" else vocab.REL["wife"])))
                elif guide is not None and rng.random() < 0.8:
                    f.update(forms.companion(rng, guide, relation=guide_rel))
                f["documents"] = forms.doc_string(rng, docs)
                out.append(forms.new_app(ctx, m, sub, "umrah", "SA", label=L, scenario="umrah_group",
                                         group=gid, note=note, **f))
            count += len(hh)
    return out[:n]


def hajj_group(ctx, n):
    rng, out = ctx.rng, []
    for gi, size in enumerate(forms.split_groups(rng, n, 15, 45)):
        reg = ctx.w.home_regency(rng)
        khusus = rng.random() < 0.25                          # special hajj via a PIHK
        org = rng.choice(orgs.PPIU) if khusus else (
            rng.choice(orgs.KBIHU) if rng.random() < 0.5 else orgs.KEMENAG[reg])
        canon, org_phone = forms.office_phone(ctx, forms.AREA[reg])
        rel = rng.choice(["PIHK", "travel haji plus"] if khusus else ["KBIHU", "Kemenag", "kloter"])
        dep = people.add_days(dt.date(2026, 4, 22), rng.randint(0, 28))
        gid = f"hajj{gi + 1}"
        for _ in range(size):
            sub = people.rand_workday(rng, people.START, people.add_days(dep, -30))
            p = people.make_person(ctx, sub, age_range=(45, 85), village=ctx.w.pick_village_in(rng, reg),
                                   name_kw={"pilgrim": True, "hajj": rng.random() < 0.3})
            f, docs = pilgrim_fields(ctx, p, sub, org, org_phone, rel, dep,
                                     "haji " + ("plus 25 hari" if khusus else "reguler 41 hari"))
            if rng.random() < 0.1:
                docs.remove("ppiu_letter")
            f["return_ticket"] = pick(rng, {"yes": 7, "unknown": 3})
            if p["_age"] > 72 and rng.random() < 0.6:
                kin = people.make_person(ctx, sub, age_range=(30, 50))
                f.update(forms.companion(rng, kin, "child"))
            f["documents"] = forms.doc_string(rng, docs)
            out.append(forms.new_app(ctx, p, sub, "hajj", "SA", label=L, scenario="hajj_group",
                                     group=gid, note=f"{gid}: {org}, embarkation {dep}", **f))
    return out


def student_abroad(ctx, n):
    rng, out = ctx.rng, []
    for _ in range(n):
        sub = people.rand_workday(rng)
        dest = pick(rng, {"EG": 40, "TR": 20, "MY": 25, "SA": 8, "JP": 7})
        p = people.make_person(ctx, sub, age_range=(18, 25), sex=pick(rng, {"L": 6, "P": 4}),
                               name_kw={"pilgrim": dest in ("EG", "SA")})
        uni = rng.choice(orgs.UNIVERSITIES[dest])
        f = forms.profile(ctx, p, ["pelajar"], "mid", married_p=0.03)
        docs = ["ktp", "kk", "akta_lahir", "ijazah", "loa"]
        if rng.random() < 0.3:
            docs.append("izin_keluarga")
        pk = pick(rng, {"father": 3, "mother": 2})
        parent = people.make_person(ctx, sub, sex="L" if pk == "father" else "P",
                                    age_range=(p["_age"] + 22, p["_age"] + 32))
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 14, 80), 0.2),
                 return_ticket=pick(rng, {"no": 6, "unknown": 3, "": 1}),
                 itinerary=maybe(rng, rng.choice([f"kuliah di {uni}", f"S1 {uni}", "kuliah S1 4 tahun",
                                                  "belajar bahasa 1 th lalu kuliah"]), 0.3),
                 funds_source=maybe(rng, vocab.funds(rng, "scholar"), 0.2))
        if rng.random() < 0.6:
            f.update(sponsor_name=parent["_name"],
                     sponsor_phone=people.fmt_id_phone(rng, parent["_phone"]),
                     sponsor_relation=vocab.rel(rng, pk))
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, "study", dest, label=L, scenario="student_abroad",
                                 note=f"student, LoA from {uni}; one-way is normal", **f))
    return out
