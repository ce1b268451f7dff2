"""Honest applicants travelling alone, one builder per purpose.

82 % of honest adults bring every document their purpose needs (tourists least often:
63 %, many have no return ticket yet); about 24 % have a previous passport. Umrah
pilgrims often give their licensed PPIU's office phone as sponsor phone
(`Pattern.PPIU_PHONE`, a benign lookalike of a shared broker phone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from waspada.applications.records import ApplicantRecord
from waspada.synthetic.cases import Case, Pattern
from waspada.synthetic.destinations import (
    ABROAD_CITIES,
    BUSINESS_CITIES,
    BUSINESS_DESTINATIONS,
    BUSINESS_REASONS,
    FAMILY_VISIT_DESTINATIONS,
    HOLY_LAND_TRIP,
    INTERNSHIP_DESTINATIONS,
    MEDICAL_PLACES,
    OTHER_TRIPS,
    SEAFARER_DESTINATIONS,
    SEAFARER_PORTS,
    STUDY_DESTINATIONS,
    STUDY_PLACES,
    TOURISM_DESTINATIONS,
    WORK_DESTINATIONS,
    employer,
)
from waspada.synthetic.draw import from_table, weighted
from waspada.synthetic.names import FEMALE, MALE, make_name
from waspada.synthetic.nik import age_on
from waspada.synthetic.organisers import LICENSED_PPIU, LPK, MANNING_AGENCIES
from waspada.synthetic.trips import Trips


def honest_tourism(
    t: Trips, submitted: dt.date, person: tuple[ApplicantRecord, str] | None = None
) -> Case:
    rng = t.rng
    applicant, proof = person or t.people.person(submitted, ages=(19, 66), bias="urban")
    age = age_on(applicant.birth_date, submitted)
    destination = from_table(rng, TOURISM_DESTINATIONS)
    return t.tourism_trip(applicant, proof, age, submitted, destination)


def honest_umrah(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    applicant, proof = t.people.person(submitted, ages=(25, 78), pilgrim=True)
    age = age_on(applicant.birth_date, submitted)
    sponsor = weighted(rng, ("ppiu", "none"), (62, 38))
    case = t.umrah_trip(applicant, proof, age, submitted, t.ppiu(), sponsor=sponsor)
    if sponsor == "ppiu":
        case.pattern = Pattern.PPIU_PHONE
    return case


def honest_hajj(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    applicant, proof = t.people.person(submitted, ages=(42, 82), pilgrim=True)
    age = age_on(applicant.birth_date, submitted)
    app = t.application(submitted, "hajj", "SA")
    assert t.calendar is not None
    hajj = t.calendar.hajj_day(submitted)
    if hajj is not None and (hajj - submitted).days > 50:
        app.intended_departure = hajj - dt.timedelta(days=rng.randint(12, 40))
    season = (hajj or submitted).year
    if rng.random() < 0.88:
        app.itinerary = f"Haji reguler {season}, embarkasi Solo (SOC)"
    else:
        pihk = rng.choice(LICENSED_PPIU[:4])
        app.itinerary = f"Haji khusus bersama {pihk.name}"
        app.sponsor_name = pihk.name
        app.sponsor_phone = pihk.phone
        app.sponsor_relation = "Penyelenggara haji khusus (PIHK)"
        app.sponsor_address = pihk.address
    app.return_ticket = "yes"
    app.funds_source = rng.choice(("Tabungan haji", "Setoran BPIH", "Hasil panen", "Pensiun"))
    app.documents = t.documents(proof, "hajj", age=age, complete=rng.random() < 0.95)
    t.previous_passport(app, 0.08)
    return Case(applicant, app)


def honest_work(t: Trips, submitted: dt.date) -> Case:
    destination = from_table(t.rng, WORK_DESTINATIONS)
    applicant, proof, age = t.work_person(submitted, destination)
    case = t.work_trip(applicant, proof, age, submitted, destination)
    t.previous_passport(case.application, 0.35)  # former migrant workers going again
    return case


def honest_seafarer(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    occupation = weighted(
        rng,
        ("Nelayan", "Pelaut", "Belum/Tidak Bekerja", "Buruh Harian Lepas"),
        (35, 35, 15, 15),
    )
    applicant, proof = t.people.person(
        submitted,
        sex=MALE,
        ages=(19, 46),
        bias="sending",
        occupation=occupation,
        education=weighted(rng, ("SMP", "SMA/SMK", "D3"), (30, 60, 10)),
    )
    age = age_on(applicant.birth_date, submitted)
    destination = from_table(rng, SEAFARER_DESTINATIONS)
    agency = rng.choice(MANNING_AGENCIES)
    app = t.application(submitted, "seafarer", destination)
    fishing = destination in ("TW", "KR", "JP", "ZA", "MU", "PE", "FJ", "ES")
    vessel = (
        f"FV {rng.choice(('Hai Sheng', 'Jin Long', 'Dong Won', 'Sea Fortune'))} "
        f"No. {rng.randint(1, 888)}"
        if fishing
        else f"MV {rng.choice(('Ocean Pioneer', 'Pacific Star', 'Nordic Wave'))}"
    )
    app.employer_name = f"{vessel} ({SEAFARER_PORTS[destination]})"
    app.recruiter_name = agency.name
    app.recruiter_license_no = agency.license_no
    app.itinerary = f"Naik kapal {vessel} di {SEAFARER_PORTS[destination]}"
    app.return_ticket = weighted(rng, ("no", "unknown"), (50, 50))
    app.funds_source = "Ditanggung perusahaan (manning agency)"
    extra = [d for d in ("kontrak_kerja", "sarkes") if rng.random() < 0.5]
    complete = rng.random() < 0.92
    app.documents = t.documents(proof, "seafarer", age=age, complete=complete, extra=extra)
    t.previous_passport(app, 0.5)
    return Case(applicant, app)


def honest_study(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    applicant, proof = t.people.person(
        submitted,
        ages=(18, 27),
        bias="urban",
        occupation="Pelajar/Mahasiswa",
        education=weighted(rng, ("SMA/SMK", "S1"), (65, 35)),
        marital="Belum Kawin",
    )
    age = age_on(applicant.birth_date, submitted)
    destination = from_table(rng, STUDY_DESTINATIONS)
    app = t.application(submitted, "study", destination)
    app.itinerary = f"Kuliah di {STUDY_PLACES[destination]}"
    scholarship = rng.random() < 0.35
    app.funds_source = (
        rng.choice(("Beasiswa LPDP", "Beasiswa pemerintah tujuan", "Beasiswa kampus"))
        if scholarship
        else "Biaya orang tua"
    )
    app.return_ticket = "unknown"
    app.documents = t.documents(proof, "study", age=age, complete=rng.random() < 0.93)
    return Case(applicant, app)


def honest_internship(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    applicant, proof = t.people.person(
        submitted,
        ages=(19, 28),
        bias="sending",
        education=weighted(rng, ("SMA/SMK", "D3"), (85, 15)),
        marital="Belum Kawin",
    )
    age = age_on(applicant.birth_date, submitted)
    destination = from_table(rng, INTERNSHIP_DESTINATIONS)
    lpk = rng.choice(LPK)
    app = t.application(submitted, "internship", destination)
    job = "magang teknis (pemagangan)"
    city = rng.choice(ABROAD_CITIES.get(destination, ("",))) or "Hamburg"
    app.itinerary = f"Program {job} {rng.choice((1, 3))} tahun di {city}"
    app.employer_name = (
        employer(rng, destination, "operator pabrik", city)
        if destination in ABROAD_CITIES
        else f"Hansa Technik GmbH ({city})"
    )
    app.recruiter_name = lpk.name
    app.recruiter_license_no = lpk.license_no
    app.return_ticket = "unknown"
    app.funds_source = rng.choice(("Biaya orang tua", "Tabungan pribadi", "Ditanggung LPK"))
    app.documents = t.documents(proof, "internship", age=age, complete=rng.random() < 0.9)
    return Case(applicant, app)


def honest_family_visit(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    applicant, proof = t.people.person(submitted, ages=(25, 68), bias="sending")
    age = age_on(applicant.birth_date, submitted)
    destination = from_table(rng, FAMILY_VISIT_DESTINATIONS)
    app = t.application(submitted, "family_visit", destination)
    t.family_visit_sponsor(app, destination)
    app.itinerary = f"Mengunjungi {app.sponsor_relation.lower()} di {app.sponsor_address}"
    app.return_ticket = weighted(rng, ("yes", "unknown"), (70, 30))
    app.funds_source = rng.choice(("Dibiayai keluarga di luar negeri", "Tabungan pribadi"))
    extra = ["tiket_pulang"] if app.return_ticket == "yes" else []
    complete = rng.random() < 0.9
    app.documents = t.documents(proof, "family_visit", age=age, complete=complete, extra=extra)
    t.previous_passport(app, 0.2)
    return Case(applicant, app)


def honest_medical(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    applicant, proof = t.people.person(submitted, ages=(35, 78))
    age = age_on(applicant.birth_date, submitted)
    destination, hospital = rng.choice(MEDICAL_PLACES)
    app = t.application(submitted, "medical", destination, departure_days=(10, 30))
    app.itinerary = f"Berobat ke {hospital}"
    app.return_ticket = "yes"
    app.funds_source = rng.choice(("Tabungan pribadi", "Biaya anak", "Hasil usaha"))
    if rng.random() < 0.6:
        app.companion_name = make_name(
            rng, sex=rng.choice((MALE, FEMALE)), birth_year=applicant.birth_date.year + 25
        )
        app.companion_phone = t.people.phones.mobile()
        app.companion_relation = "Anak"
    app.documents = t.documents(proof, "medical", age=age, extra=["tiket_pulang"])
    t.previous_passport(app, 0.3)
    return Case(applicant, app)


def honest_business(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    occupation = weighted(rng, ("Wiraswasta", "Pedagang", "Karyawan Swasta"), (50, 25, 25))
    applicant, proof = t.people.person(
        submitted, ages=(26, 62), bias="urban", occupation=occupation
    )
    age = age_on(applicant.birth_date, submitted)
    destination = from_table(rng, BUSINESS_DESTINATIONS)
    city = rng.choice(BUSINESS_CITIES[destination])
    app = t.application(submitted, "business", destination, departure_days=(10, 45))
    app.itinerary = rng.choice(BUSINESS_REASONS).format(city=city)
    app.return_ticket = weighted(rng, ("yes", "unknown"), (80, 20))
    app.funds_source = "Biaya perusahaan" if occupation == "Karyawan Swasta" else "Hasil usaha"
    extra = ["tiket_pulang"] if app.return_ticket == "yes" else []
    app.documents = t.documents(proof, "business", age=age, extra=extra)
    t.previous_passport(app, 0.5)
    return Case(applicant, app)


def honest_other(t: Trips, submitted: dt.date) -> Case:
    rng = t.rng
    applicant, proof = t.people.person(submitted, ages=(17, 65))
    age = age_on(applicant.birth_date, submitted)
    if proof == "surat_baptis" or rng.random() < 0.1:
        destination, reason = HOLY_LAND_TRIP
    else:
        destination, reason = rng.choice(OTHER_TRIPS)
    app = t.application(submitted, "other", destination)
    app.itinerary = reason
    app.return_ticket = "yes"
    app.funds_source = t.honest_funds(age, applicant.occupation)
    app.documents = t.documents(proof, "other", age=age, extra=["tiket_pulang"])
    t.previous_passport(app, 0.2)
    return Case(applicant, app)


# --- families (benign lookalike) ---------------------------------------------------


HONEST: dict[str, Callable[[Trips, dt.date], Case]] = {
    "tourism": honest_tourism,
    "umrah": honest_umrah,
    "hajj": honest_hajj,
    "work": honest_work,
    "seafarer": honest_seafarer,
    "study": honest_study,
    "internship": honest_internship,
    "family_visit": honest_family_visit,
    "medical": honest_medical,
    "business": honest_business,
    "other": honest_other,
}


def honest_single(t: Trips, purpose: str, submitted: dt.date) -> Case:
    """One honest applicant travelling alone for `purpose`."""
    return HONEST[purpose](t, submitted)
