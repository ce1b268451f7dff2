"""Risky scenarios about people and networks: broker rings, minors, NIK
contradictions, duplicates, watchlist hits, known brokers."""
import datetime as dt

import forms
import names
import people
import vocab
from forms import maybe
from legit_tourism import pick, holiday_fields
from risky_cover import R, ME, applicant, profile, sparse_trip

RING_OUTSIDE = ["52.03", "32.12", "18.05"]   # Lombok Timur, Indramayu, Tulang Bawang


def new_broker(ctx, on):
    rng = ctx.rng
    b = people.make_person(ctx, on, sex="L" if rng.random() < 0.8 else "P", age_range=(34, 58))
    first = b["_name"].split()[0].rstrip(".,")
    if first.lower() in ("h.", "hj.", "muhammad", "moch", "moh", "muh", "m"):
        first = b["_name"].split()[-1]
    b["_nick"] = ("Pak " if b["sex"] == "L" else "Bu ") + first
    return b


def broker_written(rng, b):
    """How a broker's name ends up on a form."""
    return rng.choice([b["_name"], b["_nick"], b["_nick"], b["_name"].upper(),
                       names.name_variant(rng, b["_name"]), b["_nick"] + " (agen)"])


def attach_broker(ctx, f, b, role, rels):
    rng = ctx.rng
    ph = people.fmt_id_phone(rng, b["_phone"])
    rel = rng.choice(rels)
    if role == "sponsor":
        f.update(sponsor_name=broker_written(rng, b), sponsor_phone=ph, sponsor_relation=rel)
    else:
        f.update(companion_name=broker_written(rng, b), companion_phone=ph, companion_relation=rel)


def broker_ring(ctx, n):
    rng, out = ctx.rng, []
    for gi, size in enumerate(forms.split_groups(rng, n, 4, 8)):
        gid = f"ring{gi + 1}"
        first = people.rand_workday(rng, hi=people.add_days(people.END, -45))
        b = new_broker(ctx, first)
        dest_pool = rng.choice([{"MY": 1}, {"SA": 3, "AE": 1}, dict(ME), {"MY": 2, "SA": 1}])
        purposes = rng.choice([{"tourism": 1}, {"tourism": 2, "umrah": 1}, {"umrah": 2, "family_visit": 1},
                               {"tourism": 2, "family_visit": 1}])
        outside = gi % 4 == 2
        listed = gi % 3 != 1          # two rings in three: broker already known
        for k in range(size):
            sub = people.rand_workday(rng, first, people.add_days(first, rng.randint(14, 40)))
            dest, purpose = pick(rng, dest_pool), pick(rng, purposes)
            if outside:
                p = people.make_person(ctx, sub, age_range=(18, 34), village=ctx.w.pick_village_in(rng, rng.choice(RING_OUTSIDE)))
            else:
                p = applicant(ctx, sub, sex="P" if rng.random() < 0.7 else "L")
            f = profile(ctx, p, domestic=0.2)
            if purpose == "umrah":
                dest = "SA"
            sparse_trip(ctx, f, sub, dest=dest)
            if purpose == "umrah":
                f["itinerary"] = maybe(rng, "umroh", 0.5)
            attach_broker(ctx, f, b, "sponsor" if rng.random() < 0.5 else "companion",
                          ["om", "teman", "saudara", "agen", "bos", "kenalan", "tetangga", "pakde", "sponsor"])
            rec_phone = None
            if rng.random() < 0.25:          # broker filled in M-Paspor with his own number
                rec_phone = people.fmt_id_phone(rng, b["_phone"])
            f["documents"] = forms.doc_string(rng, forms.civil_docs(rng, p, forms.is_married(f["marital_status"])))
            note = f"{gid}: {size} unrelated applicants brought by one individual ({b['_nick']}) within weeks (D17 D18)"
            if outside:
                note += "; applicants from outside the office's area (D10)"
            rec = forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="broker_ring", group=gid, note=note, **f)
            if rec_phone:
                rec["phone"] = rec_phone
            rec["_broker"] = b
            if listed and k == 0:
                rec["_wl"] = [{"list": "known_broker", "who": b, "match": "phone"}]
            out.append(rec)
    return out


def minor_unaccompanied(ctx, n):
    rng, out = ctx.rng, []
    for i in range(n):
        sub = people.rand_workday(rng)
        variant = i % 3
        age = rng.randint(15, 17) if variant == 0 else rng.randint(14, 17)
        sex = "L" if variant == 2 else ("P" if rng.random() < 0.6 else "L")
        p = people.make_person(ctx, sub, age=age, sex=sex, kantong=0.5)
        dest = pick(rng, {"MY": 4, "SA": 2, "AE": 1, "TW": 1})
        purpose = pick(rng, {"tourism": 5, "work": 3, "umrah": 1}) if variant != 2 else "seafarer"
        if purpose == "seafarer":
            dest = rng.choice(["TW", "KR", "PE"])
        if purpose == "umrah":
            dest = "SA"
        f = profile(ctx, p, domestic=0.3)
        sparse_trip(ctx, f, sub, dest=dest)
        docs = ["kk", "akta_lahir"] + (["ktp"] if age == 17 else [])
        note = f"{age}-year-old travelling without a parent (D26)"
        if variant == 0:     # the form claims an adult; the NIK still carries the real birth date
            fake = p["birth_date"].replace(year=p["birth_date"].year - rng.randint(2, 4))
            p = dict(p, birth_date=fake)
            f["occupation"] = maybe(rng, vocab.occ(rng, "belum", "buruh", "domestic"), 0.1)
            f["marital_status"] = maybe(rng, "Belum Kawin", 0.2)
            docs = ["ktp", "kk", "ijazah"]
            note = f"form birth date makes an adult; NIK says {age} years old (D13 D26)"
        if rng.random() < 0.5:
            rel = rng.choice(["om", "tante", "teman", "sepupu", "kenalan", "agen", "tetangga"])
            c = people.make_person(ctx, sub, age_range=(24, 50))
            f.update(forms.companion(rng, c, relation=rel))
        if purpose == "work":
            f.update(employer_name=maybe(rng, rng.choice(["restoran", "pabrik", "rumah tangga", "toko"]), 0.4),
                     recruiter_name=maybe(rng, rng.choice(["sponsor", "Bu Tarni", "teman"]), 0.4))
        f["documents"] = forms.doc_string(rng, docs)
        out.append(forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="minor_unaccompanied", note=note, **f))
    return out


def nik_mismatch(ctx, n):
    rng, out = ctx.rng, []
    for i in range(n):
        sub = people.rand_workday(rng)
        p = applicant(ctx, sub, sex="P" if rng.random() < 0.7 else "L")
        dest = pick(rng, {"MY": 4, **{k: v / 10 for k, v in ME.items()}})
        purpose = pick(rng, {"tourism": 5, "work": 2, "umrah": 1})
        if purpose == "umrah":
            dest = "SA"
        ctx.used_nik.discard(p["nik"])
        if i % 2 == 0:
            kind = "sex"
            nik = people.nik_for(ctx, p["_kec"], p["birth_date"], "L" if p["sex"] == "P" else "P")
        else:
            kind = "birth date"
            other = p["birth_date"] - dt.timedelta(days=rng.choice([rng.randint(400, 4000), rng.randint(20, 300)]))
            nik = people.nik_for(ctx, p["_kec"], other, p["sex"])
        p = dict(p, nik=nik)
        f = profile(ctx, p, domestic=0.25)
        sparse_trip(ctx, f, sub, dest=dest)
        f["documents"] = forms.doc_string(rng, forms.civil_docs(rng, p, forms.is_married(f["marital_status"])))
        out.append(forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="nik_mismatch",
                                 note=f"NIK contradicts the form's {kind}: borrowed or altered identity (D12 D13)", **f))
    return out


def duplicate_application(ctx, n):
    rng, out = ctx.rng, []
    pairs = []
    while sum(pairs) < n:
        pairs.append(2 if n - sum(pairs) != 3 else 3)
    pairs[-1] = n - sum(pairs[:-1])
    for gi, size in enumerate(pairs):
        gid = f"dup{gi + 1}"
        sub = people.rand_workday(rng, hi=people.add_days(people.END, -60))
        p = applicant(ctx, sub)
        dest = pick(rng, {"MY": 3, "SA": 2, "AE": 1, "TW": 1})
        for k in range(size):
            q = dict(p)
            changes = []
            if k > 0:
                sub = people.rand_workday(rng, people.add_days(sub, 10), people.add_days(sub, 40))
                if rng.random() < 0.5:
                    q["full_name"] = names.name_variant(rng, p["_name"])
                    changes.append("name spelling")
                if rng.random() < 0.3:
                    b = p["birth_date"]
                    q["birth_date"] = b.replace(day=b.month, month=b.day) if b.day <= 12 and b.day != b.month \
                        else b.replace(year=b.year + rng.choice([-1, 1]))
                    changes.append("birth date")
                if rng.random() < 0.2:
                    ctx_nik = people.nik_for(ctx, p["_kec"], q["birth_date"], p["sex"])
                    q["nik"] = ctx_nik
                    changes.append("a second NIK")
                if rng.random() < 0.5:
                    canon = people.new_id_phone(ctx)
                    q["phone"] = people.fmt_id_phone(rng, canon)
                    changes.append("phone")
                dest = pick(rng, {dest: 2, "SA": 1, "MY": 1})
            purpose = pick(rng, {"tourism": 4, "umrah": 1, "family_visit": 1})
            if purpose == "umrah":
                dest = "SA"
            f = profile(ctx, q, domestic=0.2)
            sparse_trip(ctx, f, sub, dest=dest)
            f["documents"] = forms.doc_string(rng, forms.civil_docs(rng, q, forms.is_married(f["marital_status"])))
            what = "first" if k == 0 else f"repeat #{k} ({', '.join(changes) or 'unchanged'})"
            out.append(forms.new_app(ctx, q, sub, purpose, dest, label=R, scenario="duplicate_application", group=gid,
                                     note=f"{gid}: same person applies again within weeks; {what} (D11)", **f))
    return out


def watchlist_hit(ctx, n):
    """Applicant is on the travel-ban (cekal) or wanted list; otherwise an
    ordinary-looking trip."""
    rng, out = ctx.rng, []
    for i in range(n):
        sub = people.rand_workday(rng)
        lst = "cekal" if i % 5 < 3 else "wanted"
        p = people.make_person(ctx, sub, age_range=(24, 60), sex="L" if rng.random() < 0.7 else "P")
        dest = pick(rng, {"MY": 3, "SG": 3, "TH": 1, "SA": 1, "JP": 1})
        f = holiday_fields(ctx, p, sub, dest, "good" if rng.random() < 0.6 else "sparse")
        rec = forms.new_app(ctx, p, sub, "tourism", dest, label=R, scenario="watchlist_hit",
                            note=f"applicant is on the {lst} list (name spelled differently, same birth date) (D14)", **f)
        rec["_wl"] = [{"list": lst, "who": p, "match": "birth" if rng.random() < 0.6 else "nik"}]
        out.append(rec)
    return out


def previously_refused_reapply(ctx, n):
    rng, out = ctx.rng, []
    for i in range(n):
        sub = people.rand_workday(rng)
        p = applicant(ctx, sub, sex="P" if rng.random() < 0.7 else "L")
        purpose = pick(rng, {"umrah": 2, "family_visit": 2, "tourism": 2})
        dest = "SA" if purpose == "umrah" else pick(rng, {"MY": 2, "SG": 1, "AE": 1, "QA": 1})
        f = profile(ctx, p, domestic=0.2)
        sparse_trip(ctx, f, sub, dest=dest)
        if purpose == "family_visit" and rng.random() < 0.5:
            f["sponsor_relation"] = rng.choice(["sepupu", "saudara", "kakak"])
            f["sponsor_name"] = people.make_person(ctx, sub, age_range=(25, 45), phone=False)["_name"]
        f["documents"] = forms.doc_string(rng, forms.civil_docs(rng, p, forms.is_married(f["marital_status"])))
        rec = forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="previously_refused_reapply",
                            note="refused in 2025 as a suspected non-procedural worker; returns with a new story (D11 D23)", **f)
        rec["_wl"] = [{"list": "previously_refused", "who": p, "match": rng.choice(["nik", "birth", "birth"])}]
        out.append(rec)
    return out


def known_broker_companion(ctx, n):
    rng, out = ctx.rng, []
    b = None
    for i in range(n):
        sub = people.rand_workday(rng)
        if b is None or rng.random() < 0.6:
            b = new_broker(ctx, sub)
            first_of_b = True
        else:
            first_of_b = False
        p = applicant(ctx, sub, sex="P" if rng.random() < 0.7 else "L")
        dest = pick(rng, {"MY": 3, "SA": 2, "AE": 1, "KH": 1})
        purpose = "umrah" if dest == "SA" and rng.random() < 0.5 else "tourism"
        f = profile(ctx, p, domestic=0.15)
        sparse_trip(ctx, f, sub, p_itin=0.5, dest=dest)
        attach_broker(ctx, f, b, "companion" if rng.random() < 0.6 else "sponsor",
                      ["teman", "saudara", "om", "kenalan", "pakde", "travel"])
        f["documents"] = forms.doc_string(rng, forms.civil_docs(rng, p, forms.is_married(f["marital_status"])))
        rec = forms.new_app(ctx, p, sub, purpose, dest, label=R, scenario="known_broker_companion",
                            note=f"companion/sponsor {b['_nick']} is a known broker (D14 D17)", **f)
        rec["_broker"] = b
        if first_of_b:
            rec["_wl"] = [{"list": "known_broker", "who": b, "match": "phone"}]
        out.append(rec)
    return out
