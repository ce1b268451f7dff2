"""All scenarios: label, share of the data set, generator, description."""
import legit_family as lf
import legit_org as lo
import legit_tourism as lt
import legit_work as lw
import risky_cover as rc
import risky_identity as ri
import risky_misc as rm

RISKY_SHARE = 0.15

# name: (label, weight within its label, function, why)
SCENARIOS = {
    # ---------------- legitimate ----------------
    "tourist_itinerary": ("legit", 12, lt.tourist_itinerary,
        "Holiday (SG, MY, JP, KR, TR, VN, HK, AU, CN, AE; a few SA, KH (Angkor), QA, JO) with a city itinerary, usually a return ticket."),
    "tourist_sparse": ("legit", 5, lt.tourist_sparse,
        "Genuine short holiday, mostly MY/SG, where the clerk recorded little: itinerary 'jalan2' or blank, return ticket unknown."),
    "tourism_thailand": ("legit", 3, lt.tourism_thailand,
        "Holiday in Thailand (Bangkok, Pattaya, Phuket, Chiang Mai); no work element."),
    "tour_group": ("legit", 5, lt.tour_group,
        "Package tour of 12-28 people (KR, JP, TR, CN, SG-MY, VN, TH, AE, an Aqsa tour via JO, Vietnam-Cambodia): one tour leader as shared companion, one departure date, return tickets."),
    "umrah_group": ("legit", 15, lo.umrah_group,
        "Umrah pilgrims in groups of 10-45 with a PPIU company as sponsor (shared office phone, departure date, ppiu_letter); many housewives and elderly; some groups share an ustadz guide as companion; a few minors with a grandparent and the parents' permit."),
    "hajj_group": ("legit", 5, lo.hajj_group,
        "Hajj pilgrims (mostly 45+) of one embarkation group; organiser Kemenag/KBIHU or a PIHK; ppiu_letter stands for the organiser's statement."),
    "family_group": ("legit", 6, lf.family_group,
        "Parents with 1-3 minor children, same address, kin relations, one departure date; tourism or a family visit with a guarantee letter."),
    "minor_with_parent": ("legit", 2, lf.minor_with_parent,
        "A child travelling with a parent (sometimes only the child applies); often visiting the other parent working abroad."),
    "student_abroad": ("legit", 3, lo.student_abroad,
        "Student going one-way to EG, TR, MY, SA or JP with a letter of acceptance."),
    "pmi_procedural": ("legit", 10, lw.pmi_procedural,
        "Procedural migrant workers in P3MI batches of 4-15 (shared office phone): Disnaker recommendation, licensed P3MI, contract, health check, family permit. Includes legal domestic workers to HK/TW/SG/MY and formal-sector jobs in SA/AE/QA (nurses, hotel staff, drivers), PL and DE. Education at least SMP."),
    "intern_procedural": ("legit", 2, lw.intern_procedural,
        "Internship (JP, KR, TW) through an LPK with the Kemnaker recommendation."),
    "family_visit_guarantee": ("legit", 3.5, lf.family_visit_guarantee,
        "Visit to a relative abroad (child, spouse, sibling), including spouses working in Saudi Arabia and the Gulf; guarantee letter, relative's foreign phone."),
    "seafarer_procedural": ("legit", 3.5, lw.seafarer_procedural,
        "Seafarer with seaman's book and BST via a manning agency."),
    "medical_trip": ("legit", 1.5, lt.medical_trip,
        "Treatment in Penang/Melaka/Singapore, often with a family member as companion."),
    "business_trip": ("legit", 2, lt.business_trip,
        "Trade fair, supplier or client visit."),
    "passport_renewal": ("legit", 3, lt.passport_renewal,
        "Holder of an expired/full passport (previous_passport_no, paspor_lama) travelling again."),
    "watchlist_namesake": ("legit", 1.2, lf.watchlist_namesake,
        "Ordinary applicant with a very common name that also appears on a watchlist with another birth date and no shared NIK or phone."),
    "outside_area_reason": ("legit", 1.5, lf.outside_area_reason,
        "KTP from outside the five regencies with a good reason (works at the Cilacap refinery, studies in Purwokerto, lives across the border and joins a Cilacap umrah group, seafarer at a Cilacap mess, married into Cilacap)."),
    # ---------------- risky ----------------
    "tourism_cover_work": ("risky", 20, rc.tourism_cover_work,
        "'Tourism' to MY or the Middle East with no itinerary, no return ticket, first passport, young, sometimes a domestic-work occupation: the intent is work (D01 D04 D22)."),
    "domestic_worker_middle_east": ("risky", 14, rc.domestic_worker_middle_east,
        "Domestic worker (ART/PRT/pembantu) heading to a Kepmenaker 260/2015 country under any purpose (D05 D02)."),
    "umrah_cover_work": ("risky", 12, rc.umrah_cover_work,
        "'Umrah' alone: no PPIU letter, no return, sponsor a private person, mostly young women; about 15 % declare 'hajj' outside the quota instead (D07)."),
    "work_without_disnaker": ("risky", 12, rc.work_without_disnaker,
        "Purpose work with no Disnaker recommendation; recruiter a person or unlicensed firm (D02 D21)."),
    "scam_job_offer_mekong": ("risky", 12, rc.scam_job_offer_mekong,
        "Job offer in KH/MM/LA/TH found on social media ('typing', 'admin', 'customer service'); sponsor phone +855/+95/+856/+66 (D06 D19)."),
    "internship_without_kemnaker": ("risky", 7, rc.internship_without_kemnaker,
        "Internship through an unregistered LPK or a person, no Kemnaker recommendation; for TW/DE often declared as 'study' with an LoA (kuliah sambil kerja, ferienjob) (D08)."),
    "seafarer_without_docs": ("risky", 7, rc.seafarer_without_docs,
        "Seafarer with no seaman's book or BST, recruited by a calo (D15)."),
    "broker_ring": ("risky", 16, ri.broker_ring,
        "4-8 unrelated applicants over a few weeks with one individual (not a company) as sponsor or companion, his phone shared and written in different forms, relation given inconsistently; one ring in four recruits outside the office's area (D17 D18 D10)."),
    "minor_unaccompanied": ("risky", 8, ri.minor_unaccompanied,
        "Minor (14-17) travelling or going to work without a parent; one third claim an adult birth date on the form while the NIK shows the real one (D26 D13)."),
    "nik_mismatch": ("risky", 7, ri.nik_mismatch,
        "NIK contradicts the form's sex or birth date: borrowed or altered identity (D12 D13)."),
    "duplicate_application": ("risky", 10, ri.duplicate_application,
        "Same person applies twice (or three times) within weeks, sometimes with a changed name spelling, birth date, phone or a second NIK (D11). Every application of the set is labelled risky."),
    "watchlist_hit": ("risky", 8, ri.watchlist_hit,
        "Applicant is on the cekal or wanted list (entry spelled differently, same birth date or NIK); the trip itself looks ordinary (D14)."),
    "previously_refused_reapply": ("risky", 5, ri.previously_refused_reapply,
        "Applicant refused in 2025 as a suspected non-procedural worker returns with a new purpose (D11 D23)."),
    "known_broker_companion": ("risky", 7, ri.known_broker_companion,
        "Companion or sponsor is a known broker on the known_broker list (name variant plus the same phone) (D14 D17)."),
    "family_visit_me_no_guarantee": ("risky", 7, rm.family_visit_me_no_guarantee,
        "'Family visit' to the Middle East with no guarantee letter and a sponsor who is not a relative (D09)."),
    "implausible_funds": ("risky", 6, rm.implausible_funds,
        "Farmer/labourer on a month-long trip paid by a 'friend' (D16)."),
}


def allocate(total):
    """Counts per scenario summing exactly to total (largest remainder)."""
    risky_total = round(total * RISKY_SHARE)
    counts = {}
    for label, sub_total in (("legit", total - risky_total), ("risky", risky_total)):
        items = [(k, v[1]) for k, v in SCENARIOS.items() if v[0] == label]
        wsum = sum(w for _, w in items)
        raw = [(k, sub_total * w / wsum) for k, w in items]
        base = {k: int(x) for k, x in raw}
        left = sub_total - sum(base.values())
        for k, x in sorted(raw, key=lambda kx: (-(kx[1] - int(kx[1])), kx[0]))[:left]:
            base[k] += 1
        counts.update(base)
    return counts
