"""One applicant's application for a trip: the form's fields, documents, funds.

The builders shared by the honest applicants, the families and the suspicious patterns:
tourism, umrah (with a licensed PPIU), procedural migrant work (a licensed P3MI, a
Disnaker recommendation and a contract) and the sponsor of a family visit.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.domain.documents import PURPOSE_DOCUMENTS
from waspada.synthetic.cases import Case
from waspada.synthetic.destinations import (
    ABROAD_CITIES,
    COUNTRY_NAMES,
    TOURISM_CITIES,
    WORK_FEMALE_SHARE,
    WORK_JOBS,
    employer,
)
from waspada.synthetic.draw import weighted
from waspada.synthetic.names import FEMALE, MALE, make_name
from waspada.synthetic.nik import age_on
from waspada.synthetic.office_calendar import YearCalendar
from waspada.synthetic.organisers import LICENSED_P3MI, LICENSED_PPIU, Organiser
from waspada.synthetic.people import People

# Placeholders for recommendation numbers, filled once a year's applications are dated:
# genuine ones in order of issue, fake ones in the official form but past the last issued.
RECOMMENDATION_PENDING = "@"
RECOMMENDATION_FAKE = "@fake"


class Trips:
    """Builds applications for the people `people` makes, in the year being generated."""

    def __init__(self, people: People) -> None:
        self.people = people
        self.rng: random.Random = people.rng
        self.calendar: YearCalendar | None = None  # the year being generated
        self.group_serial = 0  # numbers rings, duplicates and families across the years

    def application(
        self,
        submitted: dt.date,
        purpose: str,
        destination: str,
        *,
        departure_days: tuple[int, int] = (14, 56),
        **values: object,
    ) -> ApplicationRecord:
        departure = submitted + dt.timedelta(days=self.rng.randint(*departure_days))
        record = ApplicationRecord(
            application_no="",
            submitted_on=submitted,
            purpose=purpose,
            destination_country=destination,
            intended_departure=departure,
        )
        for name, value in values.items():
            setattr(record, name, value)
        return record

    def documents(
        self,
        proof: str,
        purpose: str,
        *,
        age: int = 30,
        complete: bool = True,
        extra: Sequence[str] = (),
    ) -> list[str]:
        docs = ["ktp", "kk", proof] if age >= 17 else ["kk", proof]
        wanted = [d for d in PURPOSE_DOCUMENTS.get(purpose, ()) if d not in docs]
        if not complete and wanted:
            wanted.remove(self.rng.choice(wanted))
        docs += wanted
        docs += [d for d in extra if d not in docs]
        return docs

    def previous_passport(self, application: ApplicationRecord, chance: float) -> None:
        """Give some honest applicants a previous passport (a replacement application)."""
        rng = self.rng
        if rng.random() >= chance:
            return
        letter = weighted(rng, ("A", "B", "C", "E", "X"), (10, 35, 25, 10, 20))
        application.previous_passport_no = letter + f"{rng.randrange(10**7):07d}"
        kind = weighted(rng, ("replacement", "lost", "damaged"), (86, 10, 4))
        application.application_type = kind
        if kind != "lost" and "paspor_lama" not in application.documents:
            application.documents.append("paspor_lama")

    def honest_funds(self, age: int, occupation: str) -> str:
        rng = self.rng
        if age < 22 or occupation == "Pelajar/Mahasiswa":
            return rng.choice(("Biaya orang tua", "Orang tua", "Tabungan orang tua"))
        if occupation == "Ibu Rumah Tangga":
            if age >= 50:
                return rng.choice(("Biaya suami", "Biaya anak", "Tabungan keluarga"))
            return rng.choice(("Biaya suami", "Tabungan keluarga", "Suami"))
        if occupation == "Belum/Tidak Bekerja":
            if age >= 50:
                return rng.choice(("Biaya anak", "Tabungan keluarga"))
            return rng.choice(("Biaya orang tua", "Tabungan keluarga", "Biaya saudara"))
        if occupation == "Pensiunan":
            return rng.choice(("Uang pensiun", "Tabungan pribadi", "Biaya anak"))
        return weighted(
            rng,
            ("Tabungan pribadi", "Gaji", "Hasil usaha", "Tabungan", "Biaya kantor"),
            (40, 25, 15, 15, 5),
        )

    # --- honest purposes -------------------------------------------------------------

    def tourism_trip(
        self,
        applicant: ApplicantRecord,
        proof: str,
        age: int,
        submitted: dt.date,
        destination: str,
        *,
        itinerary: str | None = None,
        return_ticket: str | None = None,
    ) -> Case:
        rng = self.rng
        cities = list(TOURISM_CITIES[destination])
        rng.shuffle(cities)
        stops = cities[: rng.randint(1, min(3, len(cities)))]
        days = rng.randint(3, 10)
        app = self.application(submitted, "tourism", destination)
        assert app.intended_departure is not None
        if itinerary is None:
            if rng.random() < 0.92:
                style = rng.random()
                when = app.intended_departure.strftime("%d/%m/%Y")
                if style < 0.4:
                    itinerary = f"Liburan {days} hari ke {', '.join(stops)}, berangkat {when}"
                elif style < 0.7:
                    travel = rng.choice(("Tour", "Paket wisata", "Open trip"))
                    itinerary = f"{travel} {' - '.join(stops)} {days} hari"
                else:
                    itinerary = "; ".join(f"{city} {rng.randint(1, 4)} hari" for city in stops)
            else:
                itinerary = ""
        app.itinerary = itinerary
        app.return_ticket = return_ticket or weighted(rng, ("yes", "unknown", "no"), (68, 29, 3))
        app.funds_source = self.honest_funds(age, applicant.occupation)
        complete = app.return_ticket == "yes" and rng.random() < 0.92
        app.documents = self.documents(proof, "tourism", age=age, complete=complete)
        self.previous_passport(app, 0.25 if age >= 25 else 0.05)
        return Case(applicant, app)

    def umrah_trip(
        self,
        applicant: ApplicantRecord,
        proof: str,
        age: int,
        submitted: dt.date,
        ppiu: Organiser,
        *,
        sponsor: str,
    ) -> Case:
        rng = self.rng
        app = self.application(submitted, "umrah", "SA")
        days = rng.choice((9, 9, 12, 12, 16))
        route = rng.choice(("Jeddah - Madinah - Makkah", "Madinah - Makkah", "Makkah - Madinah"))
        app.itinerary = rng.choice(
            (
                f"Paket umrah {days} hari {ppiu.name}: {route}",
                f"Umrah {days} hari bersama {ppiu.name}",
                f"Umrah {days} hari, {route}",
            )
        )
        if sponsor == "ppiu":
            app.sponsor_name = ppiu.name
            app.sponsor_phone = ppiu.phone
            app.sponsor_relation = "Biro perjalanan umrah (PPIU)"
            app.sponsor_address = ppiu.address
        app.return_ticket = weighted(rng, ("yes", "unknown"), (85, 15))
        app.funds_source = rng.choice(
            (
                "Tabungan pribadi",
                "Tabungan umrah",
                "Hasil panen",
                "Biaya anak",
                "Tabungan haji dan umrah (bank syariah)",
                "Arisan umrah",
            )
            if age >= 22
            else ("Biaya orang tua",)
        )
        complete = rng.random() < 0.95
        app.documents = self.documents(proof, "umrah", age=age, complete=complete)
        self.previous_passport(app, 0.22 if age >= 30 else 0.05)
        return Case(applicant, app)

    def ppiu(self) -> Organiser:
        weights = [1 / (rank + 1) for rank in range(len(LICENSED_PPIU))]
        return weighted(self.rng, LICENSED_PPIU, weights)

    def work_person(self, submitted: dt.date, destination: str) -> tuple[ApplicantRecord, str, int]:
        rng = self.rng
        sex = FEMALE if rng.random() < WORK_FEMALE_SHARE[destination] else MALE
        occupation = weighted(
            rng,
            ("Ibu Rumah Tangga", "Belum/Tidak Bekerja", "Buruh Harian Lepas", "Karyawan Swasta")
            if sex == FEMALE
            else ("Buruh Harian Lepas", "Belum/Tidak Bekerja", "Petani", "Karyawan Swasta"),
            (35, 30, 20, 15),
        )
        education = weighted(rng, ("SD", "SMP", "SMA/SMK", "D3"), (10, 35, 50, 5))
        applicant, proof = self.people.person(
            submitted,
            sex=sex,
            ages=(21, 43),
            bias="sending",
            occupation=occupation,
            education=education,
        )
        if sex == FEMALE and applicant.marital_status == "Kawin" and rng.random() < 0.2:
            applicant.marital_status = "Cerai Hidup"
        return applicant, proof, age_on(applicant.birth_date, submitted)

    def work_trip(
        self, applicant: ApplicantRecord, proof: str, age: int, submitted: dt.date, destination: str
    ) -> Case:
        """Procedural migrant work: licensed P3MI, Disnaker recommendation, contract."""
        rng = self.rng
        for_women, for_men = WORK_JOBS[destination]
        job = rng.choice(for_women if applicant.sex == FEMALE else for_men)
        serving = [p for p in LICENSED_P3MI if destination in p.destinations]
        p3mi = rng.choice(serving or LICENSED_P3MI)
        app = self.application(submitted, "work", destination)
        app.employer_name = employer(rng, destination, job)
        app.recruiter_name = p3mi.name
        app.recruiter_license_no = p3mi.license_no
        app.disnaker_recommendation_no = RECOMMENDATION_PENDING
        app.itinerary = f"Kontrak kerja {rng.choice((2, 2, 3))} tahun sebagai {job}"
        app.return_ticket = weighted(rng, ("no", "unknown"), (55, 45))
        app.funds_source = weighted(
            rng,
            ("Ditanggung P3MI", "Ditanggung pemberi kerja", "KUR PMI (bank)", "Tabungan pribadi"),
            (40, 30, 15, 15),
        )
        app.documents = self.documents(proof, "work", age=age, complete=rng.random() < 0.9)
        return Case(applicant, app)

    def family_visit_sponsor(self, app: ApplicationRecord, destination: str) -> None:
        rng = self.rng
        relation = rng.choice(
            ("Anak", "Anak", "Suami", "Istri", "Saudara kandung", "Keponakan", "Menantu")
        )
        sex = FEMALE if relation in ("Istri",) or rng.random() < 0.5 else MALE
        if relation == "Suami":
            sex = MALE
        app.sponsor_name = make_name(rng, sex=sex, birth_year=rng.randint(1975, 2000))
        app.sponsor_phone = self.people.phones.foreign_mobile(destination)
        app.sponsor_relation = relation
        city = rng.choice(ABROAD_CITIES.get(destination, ("",)))
        app.sponsor_address = f"{city}, {COUNTRY_NAMES.get(destination, destination)}"
