"""The patterns screening must catch (rows per 30,000 applications, scaled linearly).

====================  =======  ======================================================
pattern               rows     what it looks like
====================  =======  ======================================================
disguised_tourism     140      work disguised as tourism: 18-30, first passport,
                               MY/SA/AE/KH, no return ticket, no itinerary, funds from
                               a "sponsor" or a loan, sometimes an unlicensed recruiter
middle_east_domestic  30       domestic-work profile (Ibu/Asisten Rumah Tangga) applying
                               for work in a Kepmenaker 260/2015 country (SA, AE, QA,
                               KW, OM, JO), no or a fake Disnaker recommendation
umrah_cover           40       "umrah" to SA without a PPIU letter, one-way, young,
                               paid by a "sponsor"
no_agreement_job      40       KH/MM/LA/TH with a job hint (online company, job ad on
                               social media, ticket paid by an employer)
ring                  110-121  20 broker (calo) rings of 3-8 applicants from different
                               kecamatan within a few weeks, same destination, sharing
                               the broker's phone as sponsor and/or companion (his name
                               spelled differently); members look like the rows above
duplicate             50       25 people applying twice within 1-6 weeks (same NIK),
                               half of them for another purpose the second time
under_18_work         10       16-17 year olds applying for work
====================  =======  ======================================================

Every case carries its pattern, group and the indicator codes it was built to show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from waspada.applications.records import ApplicantRecord
from waspada.synthetic.area import Village
from waspada.synthetic.cases import Case, Pattern
from waspada.synthetic.destinations import TOURISM_DESTINATIONS, employer
from waspada.synthetic.draw import from_table, weighted
from waspada.synthetic.names import FEMALE, MALE, make_name
from waspada.synthetic.nik import age_on
from waspada.synthetic.office_calendar import YearCalendar
from waspada.synthetic.organisers import LICENSED_P3MI, UNLICENSED_RECRUITERS
from waspada.synthetic.trips import RECOMMENDATION_FAKE, Trips


def vulnerable_person(
    t: Trips,
    submitted: dt.date,
    *,
    sex: str,
    ages: tuple[float, float] = (18, 31),
    village: Village | None = None,
    occupations: Sequence[str] = (
        "Belum/Tidak Bekerja",
        "Buruh Harian Lepas",
        "Petani",
        "Ibu Rumah Tangga",
    ),
    educations: Sequence[str] = ("SD", "SMP", "SMA/SMK"),
) -> tuple[ApplicantRecord, str, int]:
    rng = t.rng
    choices = [o for o in occupations if o != "Ibu Rumah Tangga" or sex == FEMALE]
    person, proof = t.people.person(
        submitted,
        village=village,
        sex=sex,
        ages=ages,
        bias="sending",
        occupation=rng.choice(choices),
        education=rng.choice(educations),
    )
    return person, proof, age_on(person.birth_date, submitted)


def contact(t: Trips) -> tuple[str, str]:
    """Someone who "sponsors" the trip: a name and a mobile."""
    sex = t.rng.choice((MALE, FEMALE))
    name = make_name(t.rng, sex=sex, birth_year=t.rng.randint(1965, 1992))
    return name, t.people.phones.mobile()


def disguised_tourism(
    t: Trips, submitted: dt.date, *, destination: str | None = None, village: Village | None = None
) -> Case:
    rng = t.rng
    destination = destination or from_table(rng, {"MY": 55, "SA": 18, "AE": 15, "KH": 12})
    female_share = {"MY": 0.45, "SA": 0.85, "AE": 0.85, "KH": 0.5}.get(destination, 0.5)
    sex = FEMALE if rng.random() < female_share else MALE
    person, proof, age = vulnerable_person(t, submitted, sex=sex, village=village)
    app = t.application(submitted, "tourism", destination, departure_days=(7, 21))
    app.return_ticket = weighted(rng, ("no", "unknown"), (55, 45))
    app.itinerary = weighted(
        rng,
        ("", "Jalan-jalan", "Liburan", "Belum tahu, ikut sponsor", "Ke rumah teman"),
        (60, 12, 12, 8, 8),
    )
    app.funds_source = rng.choice(
        (
            "Sponsor",
            "Dibiayai sponsor",
            "Pinjaman",
            "Pinjaman dari agen",
            "Ditalangi agen, potong gaji",
            "Pinjam saudara",
        )
    )
    indicators = ["D01", "D04", "D16", "D22"]
    if "agen" in app.funds_source or "Pinjam" in app.funds_source:
        indicators.append("D20")
    if rng.random() < 0.5:
        app.sponsor_name, app.sponsor_phone = contact(t)
        app.sponsor_relation = rng.choice(("Teman", "Kenalan", "Saudara jauh"))
    if rng.random() < 0.25:
        app.recruiter_name = rng.choice(UNLICENSED_RECRUITERS)
        indicators.append("D21")
    app.documents = t.documents(proof, "tourism", age=age, complete=False)
    return Case(person, app, Pattern.DISGUISED_TOURISM, indicators=tuple(indicators))


def middle_east_domestic(
    t: Trips, submitted: dt.date, *, destination: str | None = None, village: Village | None = None
) -> Case:
    rng = t.rng
    destination = destination or from_table(
        rng, {"SA": 50, "AE": 20, "QA": 10, "KW": 10, "OM": 5, "JO": 5}
    )
    person, proof, age = vulnerable_person(
        t,
        submitted,
        sex=FEMALE,
        ages=(21, 46),
        village=village,
        occupations=("Ibu Rumah Tangga", "Ibu Rumah Tangga", "Asisten Rumah Tangga"),
        educations=("SD", "SMP"),
    )
    if person.occupation != "Ibu Rumah Tangga":  # unmarried: not "housewife"
        person.occupation = "Asisten Rumah Tangga"
    if person.marital_status == "Kawin" and rng.random() < 0.35:
        person.marital_status = "Cerai Hidup"
    app = t.application(submitted, "work", destination, departure_days=(7, 28))
    family = rng.choice(("Al-Otaibi", "Al-Qahtani", "Al-Harbi", "Al-Shammari", "Al-Dosari"))
    city = {"SA": "Riyadh", "AE": "Dubai", "QA": "Doha", "KW": "Kuwait City"}.get(
        destination, "Muscat" if destination == "OM" else "Amman"
    )
    if rng.random() < 0.7:
        app.employer_name = f"Keluarga {family} ({city})"
    app.itinerary = rng.choice(("Bekerja sebagai asisten rumah tangga", "", "Kerja di rumah"))
    indicators = ["D05"]
    recruiter = rng.random()
    if recruiter < 0.6:
        app.recruiter_name = rng.choice(UNLICENSED_RECRUITERS)
        indicators.append("D21")
    elif recruiter < 0.85:
        p3mi = rng.choice(LICENSED_P3MI)
        app.recruiter_name, app.recruiter_license_no = p3mi.name, p3mi.license_no
    if rng.random() < 0.6:
        indicators.append("D02")
    else:
        year = submitted.year
        app.disnaker_recommendation_no = rng.choice(
            (
                f"562/REK/{rng.randint(100, 999)}/{year}",
                f"560/{rng.randint(10, 99)}/{year}",
                RECOMMENDATION_FAKE,  # the official form, but never issued
                RECOMMENDATION_FAKE,
            )
        )
        indicators.append("D03")
    app.return_ticket = weighted(rng, ("no", "unknown"), (70, 30))
    app.funds_source = rng.choice(("Ditanggung sponsor", "Dipinjami agen", "Majikan"))
    extra = [d for d in ("sarkes", "izin_keluarga") if rng.random() < 0.45]
    if "izin_keluarga" not in extra:
        indicators.append("D25")
    app.documents = t.documents(proof, "other", age=age, extra=extra)
    return Case(person, app, Pattern.MIDDLE_EAST_DOMESTIC, indicators=tuple(indicators))


def umrah_cover(t: Trips, submitted: dt.date, *, village: Village | None = None) -> Case:
    rng = t.rng
    sex = FEMALE if rng.random() < 0.75 else MALE
    person, proof, age = vulnerable_person(t, submitted, sex=sex, ages=(19, 41), village=village)
    app = t.application(submitted, "umrah", "SA", departure_days=(7, 24))
    app.return_ticket = weighted(rng, ("no", "unknown"), (70, 30))
    app.itinerary = weighted(
        rng, ("", "Umrah mandiri", "Ikut rombongan teman", "Umrah backpacker"), (50, 20, 20, 10)
    )
    app.sponsor_name, app.sponsor_phone = contact(t)
    app.sponsor_relation = weighted(rng, ("Teman", "Kenalan", "Majikan"), (45, 45, 10))
    app.funds_source = rng.choice(("Dibiayai sponsor", "Pinjaman", "Dibayari teman"))
    app.documents = t.documents(proof, "umrah", age=age, complete=False)
    return Case(person, app, Pattern.UMRAH_COVER, indicators=("D07", "D22", "D04"))


def no_agreement_job(
    t: Trips, submitted: dt.date, *, destination: str | None = None, village: Village | None = None
) -> Case:
    rng = t.rng
    destination = destination or from_table(rng, {"KH": 45, "TH": 25, "MM": 15, "LA": 15})
    sex = rng.choice((MALE, FEMALE))
    person, proof, age = vulnerable_person(
        t,
        submitted,
        sex=sex,
        ages=(20, 36),
        village=village,
        occupations=("Belum/Tidak Bekerja", "Karyawan Swasta", "Pelajar/Mahasiswa"),
        educations=("SMA/SMK", "D3", "S1"),
    )
    city = {
        "KH": rng.choice(("Sihanoukville", "Phnom Penh", "Bavet")),
        "TH": rng.choice(("Bangkok", "Mae Sot")),
        "MM": rng.choice(("Myawaddy", "Shwe Kokko")),
        "LA": rng.choice(("Bokeo (Golden Triangle)", "Vientiane")),
    }[destination]
    purpose = weighted(rng, ("tourism", "business", "other"), (75, 15, 10))
    app = t.application(submitted, purpose, destination, departure_days=(5, 20))
    hints = (
        f"Ditawari kerja admin online di {city} lewat Facebook, gaji 12 juta",
        f"Kerja marketing online di {city}, info dari teman di TikTok",
        f"Customer service perusahaan investasi di {city}",
        f"Transit Bangkok lalu dijemput ke {city}",
        f"Operator komputer di {city}, tiket dari perusahaan",
    )
    app.itinerary = rng.choice(hints)
    if rng.random() < 0.5:
        firm = rng.choice(("Golden Fortune", "Huang Group", "Kaiyuan", "Long Bay", "Jin Bei"))
        app.employer_name = f"{firm} Co. ({city})"
    if rng.random() < 0.3:
        handle = rng.choice(("Kevin", "Jessica", "Andre", "Mr. Lee", "Ms. Lily"))
        app.recruiter_name = f"{handle} (rekruter via Telegram)"
    app.funds_source = rng.choice(
        ("Tiket dibelikan perusahaan", "Dibiayai perusahaan", "Pinjaman", "Tabungan pribadi")
    )
    app.return_ticket = weighted(rng, ("no", "unknown", "yes"), (40, 30, 30))
    app.documents = t.documents(proof, purpose, age=age, complete=False)
    social = "Facebook" in app.itinerary or "TikTok" in app.itinerary
    indicators = ("D06", "D19") if social else ("D06",)
    return Case(person, app, Pattern.NO_AGREEMENT_JOB, indicators=indicators)


def under_18_work(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    destination = from_table(rng, {"MY": 40, "SA": 20, "TW": 20, "HK": 20})
    sex = FEMALE if rng.random() < 0.7 else MALE
    person, proof = t.people.person(
        submitted,
        sex=sex,
        ages=(16, 18),
        bias="sending",
        occupation=rng.choice(("Belum/Tidak Bekerja", "Pelajar/Mahasiswa")),
        education=rng.choice(("SD", "SMP")),
        marital="Belum Kawin",
    )
    age = age_on(person.birth_date, submitted)
    app = t.application(submitted, "work", destination, departure_days=(10, 35))
    app.employer_name = employer(rng, destination, "penata laksana rumah tangga")
    if destination in ("SA",):
        app.employer_name = "Keluarga Al-Harbi (Jeddah)"
    if rng.random() < 0.6:
        app.recruiter_name = rng.choice(UNLICENSED_RECRUITERS)
    else:
        p3mi = rng.choice(LICENSED_P3MI)
        app.recruiter_name, app.recruiter_license_no = p3mi.name, p3mi.license_no
    app.return_ticket = "no"
    app.funds_source = rng.choice(("Dipinjami agen", "Ditanggung P3MI", "Pinjaman"))
    extra = ["izin_keluarga"] if rng.random() < 0.5 else []
    app.documents = ["kk", proof, *extra] if age < 17 else ["ktp", "kk", proof, *extra]
    indicators = ("D26", "D02") if destination != "SA" else ("D26", "D02", "D05")
    return Case(person, app, Pattern.UNDER_18_WORK, indicators=indicators)


def ring(t: Trips, calendar: YearCalendar, year_tag: str) -> list[Case]:
    """A broker (calo) bringing 3-8 people from different kecamatan within a few weeks."""
    rng = t.rng
    t.group_serial += 1
    group = f"ring-{year_tag}-{t.group_serial:03d}"
    kind = weighted(
        rng,
        ("disguised_tourism", "umrah_cover", "no_agreement_job", "middle_east_domestic"),
        (55, 20, 15, 10),
    )
    destination = {
        "disguised_tourism": from_table(rng, {"MY": 60, "SA": 20, "AE": 20}),
        "umrah_cover": "SA",
        "no_agreement_job": from_table(rng, {"KH": 60, "TH": 20, "MM": 20}),
        "middle_east_domestic": from_table(rng, {"SA": 70, "AE": 30}),
    }[kind]
    broker_sex = MALE if rng.random() < 0.7 else FEMALE
    broker = make_name(rng, sex=broker_sex, birth_year=rng.randint(1965, 1990))
    short = broker.split()[0].rstrip(".")
    honorific = "Pak" if broker_sex == MALE else "Bu"
    spellings = (
        broker,
        f"{honorific} {short}",
        broker.upper(),
        f"{short} ({honorific} {short})",
    )
    broker_phone = t.people.phones.mobile()
    link = weighted(rng, ("sponsor", "companion", "both"), (40, 35, 25))
    start = calendar.draw(rng, "tourism", last=dt.date(calendar.year, 12, 1))
    size = rng.randint(3, 8)
    home = t.people.village("sending")
    used_districts: list[str] = []
    cases = []
    for _ in range(size):
        village = home
        for _attempt in range(60):
            village = t.people.village("sending")
            near = village.regency_code == home.regency_code or rng.random() < 0.35
            if village.district_code not in used_districts and near:
                break
        used_districts.append(village.district_code)
        submitted = calendar.on_or_after(start + dt.timedelta(days=rng.randint(0, 24)))
        if kind == "disguised_tourism":
            case = disguised_tourism(t, submitted, destination=destination, village=village)
        elif kind == "umrah_cover":
            case = umrah_cover(t, submitted, village=village)
        elif kind == "no_agreement_job":
            case = no_agreement_job(t, submitted, destination=destination, village=village)
        else:
            case = middle_east_domestic(t, submitted, destination=destination, village=village)
        app = case.application
        name = rng.choice(spellings)
        if link == "companion" and rng.random() < 0.7:
            app.sponsor_name = app.sponsor_phone = app.sponsor_relation = ""
        if link in ("sponsor", "both"):
            app.sponsor_name, app.sponsor_phone = name, broker_phone
            app.sponsor_relation = rng.choice(("Teman", "Kenalan", "Saudara jauh", "Agen"))
            app.sponsor_address = ""
        if link in ("companion", "both"):
            app.companion_name, app.companion_phone = rng.choice(spellings), broker_phone
            app.companion_relation = rng.choice(("Saudara", "Teman", "Paman", "Kenalan"))
        case.pattern = Pattern.RING
        case.group = group
        case.indicators = tuple(dict.fromkeys((*case.indicators, "D17", "D18")))
        cases.append(case)
    return cases


def duplicate(t: Trips, calendar: YearCalendar, year_tag: str) -> list[Case]:
    """One person applying twice within weeks (D11); half change the purpose."""
    rng = t.rng
    t.group_serial += 1
    group = f"dup-{year_tag}-{t.group_serial:03d}"
    first_day = calendar.draw(rng, "tourism", last=dt.date(calendar.year, 11, 20))
    second_day = calendar.on_or_after(first_day + dt.timedelta(days=rng.randint(7, 42)))
    if rng.random() < 0.5:
        # Applied for work without a recommendation, then comes back as a tourist.
        destination = from_table(rng, {"MY": 50, "TW": 20, "HK": 20, "SG": 10})
        person, proof, age = t.work_person(first_day, destination)
        first = t.work_trip(person, proof, age, first_day, destination)
        first.application.disnaker_recommendation_no = ""
        age = age_on(person.birth_date, second_day)
        second = t.tourism_trip(
            person, proof, age, second_day, destination, itinerary="", return_ticket="no"
        )
    else:
        # The same trip again, as if the first application had never been made.
        person, proof = t.people.person(first_day, ages=(19, 45), bias="sending")
        destination = from_table(rng, TOURISM_DESTINATIONS)
        first = t.tourism_trip(
            person,
            proof,
            age=age_on(person.birth_date, first_day),
            submitted=first_day,
            destination=destination,
        )
        age = age_on(person.birth_date, second_day)
        second = t.tourism_trip(person, proof, age, second_day, destination)
    for case in (first, second):
        case.application.documents = [
            d for d in case.application.documents if d != "rekomendasi_disnaker"
        ]
        case.pattern = Pattern.DUPLICATE
        case.group = group
        case.indicators = ("D11",)
    return [first, second]


# --- a year -----------------------------------------------------------------------
