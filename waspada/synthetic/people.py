"""Applicants: where they live, who they are, how they fill in the form.

- Villages: regencies weighted 30/26/12/12/20 %, town kecamatan weighted double; work
  applicants and the suspicious ones come twice as often from the sending areas.
- NIK: valid and consistent with the person; 95 % registered in the kecamatan of the
  village, 5 % elsewhere (another kecamatan of the regency, other Central Java regencies,
  Jakarta, West Java, Lampung).
- Education, occupation, marital status and civil-status proof by age and generation;
  about one row in ten is written in capitals, as copied from the KTP.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from collections.abc import Sequence

from waspada.applications.records import ApplicantRecord
from waspada.synthetic.area import (
    COASTAL_DISTRICTS,
    ELSEWHERE_CENTRAL_JAVA,
    ELSEWHERE_DISTRICTS,
    ELSEWHERE_FAR,
    HAMLETS,
    REGENCIES,
    SENDING_AREAS,
    STREETS,
    SUNDANESE_DISTRICTS,
    Village,
)
from waspada.synthetic.draw import weighted
from waspada.synthetic.names import FEMALE, MALE, decorate, make_name
from waspada.synthetic.nik import NikRegistry, age_on
from waspada.synthetic.phones import PhoneBook


class People:
    """Makes new applicants living in the given villages of the office's area."""

    def __init__(self, villages: Sequence[Village], rng: random.Random) -> None:
        known = [v for v in villages if v.regency_code in REGENCIES]
        if not known:
            raise ValueError("no villages of the office's regencies were given")
        self.rng = rng
        self.villages = sorted(known, key=lambda v: v.code)
        self.niks = NikRegistry(rng)
        self.phones = PhoneBook(rng)
        self._cum: dict[str, list[float]] = {}
        self.by_district: dict[str, list[Village]] = {}
        for village in self.villages:
            self.by_district.setdefault(village.district_code, []).append(village)

    def _village_weights(self, bias: str) -> list[float]:
        """Regencies keep their share; within one, towns or sending areas weigh more."""
        district_weight: dict[str, float] = {}
        for district, villages in self.by_district.items():
            profile = REGENCIES[district[:5]]
            weight = 1.0
            if villages[0].district_name in profile.towns and bias in ("normal", "urban"):
                weight = 2.0 if bias == "normal" else 4.0
            if bias == "sending" and district in SENDING_AREAS:
                weight = 2.0
            district_weight[district] = weight
        regency_total: dict[str, float] = {}
        for district, weight in district_weight.items():
            regency_total[district[:5]] = regency_total.get(district[:5], 0.0) + weight
        weights = []
        for village in self.villages:
            district = village.district_code
            share = REGENCIES[village.regency_code].weight
            weight = share * district_weight[district] / regency_total[district[:5]]
            weights.append(weight / len(self.by_district[district]))
        return weights

    def village(self, bias: str = "normal") -> Village:
        if bias not in self._cum:
            self._cum[bias] = list(itertools.accumulate(self._village_weights(bias)))
        return self.rng.choices(self.villages, cum_weights=self._cum[bias])[0]

    def address(self, village: Village) -> str:
        rng = self.rng
        rt, rw = rng.randint(1, 12), rng.randint(1, 8)
        style = rng.random()
        if style < 0.55:
            rtrw = f"RT {rt:03d}/RW {rw:03d}"
        elif style < 0.85:
            rtrw = f"RT {rt:02d}/RW {rw:02d}"
        else:
            rtrw = f"RT {rt} RW {rw}"
        number = rng.randint(1, 150)
        kind = rng.random()
        if village.is_kelurahan:
            if kind < 0.75:
                return f"Jl. {rng.choice(STREETS)} No. {number} {rtrw}"
            return f"Gg. {rng.choice(STREETS[8:])} No. {number} {rtrw}"
        if kind < 0.45:
            return f"Dusun {rng.choice(HAMLETS)} {rtrw}"
        if kind < 0.60:
            return f"Jl. Raya {village.district_name} No. {number} {rtrw}"
        if kind < 0.80:
            return f"Desa {village.name} {rtrw}"
        if kind < 0.90:
            return f"Dk. {rng.choice(HAMLETS)} {rtrw}"
        return f"{rng.choice(HAMLETS)} {rtrw}, Desa {village.name}"

    def birth_date(self, submitted: dt.date, min_age: float, max_age: float) -> dt.date:
        """A birth date giving an age in [min_age, max_age) years on `submitted`."""
        youngest = submitted - dt.timedelta(days=math.ceil(min_age * 365.25))
        oldest = submitted - dt.timedelta(days=math.floor(max_age * 365.25))
        return oldest + dt.timedelta(days=self.rng.randrange(max(1, (youngest - oldest).days)))

    def nik_origin(self, village: Village, *, local_only: bool = False) -> tuple[str, str]:
        """(kecamatan code of the NIK, birth place) for a person living in `village`."""
        rng = self.rng
        profile = REGENCIES[village.regency_code]
        if local_only or rng.random() >= 0.05:
            district = village.district_code
            if rng.random() < 0.25:
                return district, village.district_name
            return district, rng.choice(profile.birth_places)
        draw = rng.random()
        if draw < 0.4:
            same_regency = [d for d in self.by_district if d[:5] == village.regency_code]
            district = rng.choice(same_regency)
            return district, self.by_district[district][0].district_name
        code, place = rng.choice(ELSEWHERE_CENTRAL_JAVA if draw < 0.75 else ELSEWHERE_FAR)
        return code, place

    def birth_place(self, district_code: str) -> str:
        """How someone whose NIK was issued in this kecamatan writes their birth place."""
        profile = REGENCIES.get(district_code[:5])
        if profile is not None:
            return self.rng.choice(profile.birth_places)
        return dict(ELSEWHERE_DISTRICTS).get(district_code, "Jakarta")

    def education(self, birth_date: dt.date, age: int) -> str:
        if age < 7:
            return "Belum Sekolah"
        if age < 13:
            return "Belum Tamat SD"
        if age < 16:
            return "SD"
        if age < 19:
            return weighted(self.rng, ("SMP", "SMA/SMK"), (70, 30))
        levels = ("SD", "SMP", "SMA/SMK", "D3", "S1")
        if birth_date.year < 1965:
            weights: tuple[float, ...] = (55, 20, 17, 3, 5)
        elif birth_date.year < 1985:
            weights = (28, 25, 32, 5, 10)
        else:
            weights = (8, 20, 50, 7, 15)
        return weighted(self.rng, levels, weights)

    def occupation(self, sex: str, age: int, education: str, district: str) -> str:
        rng = self.rng
        if age < 6:
            return "Belum/Tidak Bekerja"
        if age < 19:
            return "Pelajar/Mahasiswa"
        if age < 24 and rng.random() < 0.45:
            return "Pelajar/Mahasiswa"
        educated = education in ("D3", "S1")
        if age >= 58:
            if educated and rng.random() < 0.6:
                return "Pensiunan"
            if sex == FEMALE:
                return weighted(rng, ("Ibu Rumah Tangga", "Pedagang", "Petani"), (70, 15, 15))
            return weighted(rng, ("Petani", "Wiraswasta", "Belum/Tidak Bekerja"), (55, 25, 20))
        fisher = 10 if district in COASTAL_DISTRICTS else 0.5
        if sex == FEMALE:
            options: dict[str, float] = {
                "Ibu Rumah Tangga": 35,
                "Wiraswasta": 9,
                "Pedagang": 11,
                "Karyawan Swasta": 12,
                "Buruh Harian Lepas": 7,
                "Petani": 5,
                "Belum/Tidak Bekerja": 8,
                "Guru": 6 if educated else 0.3,
                "PNS": 6 if educated else 0.2,
                "Perawat": 3 if educated else 0,
            }
        else:
            options = {
                "Petani": 16,
                "Buruh Harian Lepas": 15,
                "Wiraswasta": 17,
                "Karyawan Swasta": 16,
                "Pedagang": 9,
                "Nelayan": fisher,
                "Sopir": 4,
                "Perangkat Desa": 2,
                "Belum/Tidak Bekerja": 5,
                "PNS": 7 if educated else 0.3,
                "Guru": 5 if educated else 0.2,
                "TNI/Polri": 1.5 if education != "SD" else 0,
            }
        return weighted(rng, list(options), list(options.values()))

    def marital(self, sex: str, age: int) -> str:
        statuses = ("Belum Kawin", "Kawin", "Cerai Hidup", "Cerai Mati")
        if age < 19:
            return "Belum Kawin"
        if age < 26:
            weights: tuple[float, ...] = (65, 32, 3, 0)
        elif age < 36:
            weights = (25, 68, 6, 1)
        elif age < 56:
            weights = (5, 85, 6, 4)
        else:
            weights = (2, 70, 3, 35 if sex == FEMALE else 20)
        return weighted(self.rng, statuses, weights)

    def civil_proof(self, birth_date: dt.date, age: int, marital: str, christian: bool) -> str:
        rng = self.rng
        if christian and rng.random() < 0.4:
            return "surat_baptis"
        if age < 17:
            return "akta_lahir"
        married = marital != "Belum Kawin"
        if birth_date.year < 1970:
            options = ("akta_lahir", "ijazah", "buku_nikah")
            return weighted(rng, options, (45, 35, 20 if married else 0))
        return weighted(rng, ("akta_lahir", "ijazah", "buku_nikah"), (80, 12, 8 if married else 0))

    def person(
        self,
        submitted: dt.date,
        *,
        village: Village | None = None,
        sex: str | None = None,
        ages: tuple[float, float] = (21, 60),
        bias: str = "normal",
        culture: str | None = None,
        occupation: str | None = None,
        education: str | None = None,
        marital: str | None = None,
        address: str | None = None,
        phone: str | None = None,
        nik_district: str | None = None,
        pilgrim: bool = False,
    ) -> tuple[ApplicantRecord, str]:
        """A new person and their civil-status document code."""
        rng = self.rng
        village = village or self.village(bias)
        sex = sex or rng.choice((MALE, FEMALE))
        birth_date = self.birth_date(submitted, *ages)
        age = age_on(birth_date, submitted)
        if culture is None:
            if village.district_code in SUNDANESE_DISTRICTS and rng.random() < 0.6:
                culture = "sundanese"
            elif not pilgrim and rng.random() < 0.02:
                culture = "christian"
            else:
                culture = "javanese"
        if nik_district is None:
            nik_district, birth_place = self.nik_origin(village, local_only=age < 17)
        else:
            birth_place = self.birth_place(nik_district)
        name = make_name(rng, sex=sex, birth_year=birth_date.year, culture=culture)
        education = education or self.education(birth_date, age)
        marital = marital or self.marital(sex, age)
        occupation = occupation or self.occupation(sex, age, education, village.district_code)
        if occupation == "Ibu Rumah Tangga" and marital == "Belum Kawin":
            occupation = "Belum/Tidak Bekerja"
        name = decorate(rng, name, sex, birth_date, age, education, occupation, pilgrim, culture)
        if rng.random() < 0.1:
            name, birth_place = name.upper(), birth_place.upper()
        record = ApplicantRecord(
            nik=self.niks.nik(nik_district, birth_date, sex),
            full_name=name,
            sex=sex,
            birth_place=birth_place,
            birth_date=birth_date,
            phone=phone if phone is not None else self.phones.mobile(),
            address=address or self.address(village),
            village_code=village.code,
            education=education,
            occupation=occupation,
            marital_status=marital,
        )
        proof = self.civil_proof(birth_date, age, marital, culture == "christian")
        return record, proof
