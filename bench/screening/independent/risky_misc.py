"""Risky scenarios: family visits to the Middle East without a guarantee
letter, and implausible funding."""
import forms
import vocab
from forms import maybe
from legit_tourism import pick
from risky_cover import R, ME, applicant, profile, sparse_trip, person_sponsor, _rows


def family_visit_me_no_guarantee(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = pick(rng, ME)
        p = applicant(ctx, sub, sex="P" if rng.random() < 0.85 else "L", age_range=(19, 36))
        f = profile(ctx, p, domestic=0.25)
        sparse_trip(ctx, f, sub, dest=dest)
        f.update(person_sponsor(ctx, sub, dest, rels=["teman", "kenalan", "majikan", "bos", "saudara jauh", "tetangga"]))
        f["itinerary"] = maybe(rng, rng.choice(["kunjungan", "ke rumah teman", "main", "silaturahmi"]), 0.3)
        f["documents"] = forms.doc_string(rng, forms.civil_docs(rng, p, forms.is_married(f["marital_status"])))
        return forms.new_app(ctx, p, sub, "family_visit", dest, label=R, scenario="family_visit_me_no_guarantee",
                             note=f"'family visit' to {dest}, no guarantee letter, sponsor not a relative (D09)", **f)
    return _rows(ctx, n, "", build)


def implausible_funds(ctx, n):
    rng = ctx.rng

    def build(sub):
        dest = pick(rng, {"KR": 3, "JP": 3, "TR": 2, "MY": 2, "AE": 2, "SA": 1})
        p = applicant(ctx, sub, age_range=(20, 45), older=0)
        f = forms.profile(ctx, p, ["petani", "buruh", "belum"] + (["irt"] if p["sex"] == "P" else []), "low")
        f.update(intended_departure=maybe(rng, forms.departure_after(rng, sub, 7, 40), 0.3),
                 return_ticket=pick(rng, {"unknown": 4, "no": 2, "yes": 1}),
                 itinerary=rng.choice(["1 bulan", "wisata 30 hari", "2 bulan di sana", "liburan sebulan", "lama"]),
                 funds_source=vocab.funds(rng, "odd"))
        if rng.random() < 0.5:
            f.update(person_sponsor(ctx, sub, dest, rels=["teman", "kenalan", "bos"]))
        f["documents"] = forms.doc_string(rng, forms.civil_docs(rng, p, forms.is_married(f["marital_status"])))
        return forms.new_app(ctx, p, sub, "tourism", dest, label=R, scenario="implausible_funds",
                             note="low-income applicant, month-long trip paid by a 'friend' (D16)", **f)
    return _rows(ctx, n, "", build)
