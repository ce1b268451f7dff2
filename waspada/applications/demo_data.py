"""Synthetic but realistic passport applications for Kantor Imigrasi Kelas I TPI Cilacap.

Used by `waspada demo`: pure Python (no Django import), driven by one seeded
`random.Random`, given the office's villages as plain data (`Village`). The same
arguments always give the same data, so the command is idempotent.

Who applies (per year of `per_year` applications)
-------------------------------------------------
- Villages: real Kemendagri codes of Cilacap 33.01, Banyumas 33.02, Purbalingga 33.03,
  Banjarnegara 33.04 and Kebumen 33.05, regencies weighted 30/26/12/12/20 %, town
  kecamatan weighted double; work applicants and the suspicious ones come twice as often
  from the `SENDING_AREAS` (an assumption of the demo, not an official list).
- NIK: valid and consistent with the person; 95 % registered in the kecamatan of the
  village, 5 % elsewhere (another kecamatan of the regency, other Central Java regencies,
  Jakarta, West Java, Lampung). The serial is unique per (kecamatan, birth date, sex).
- Names: Javanese, Sundanese (west Cilacap), Muslim and a few Christian names; spelling
  variants (Muhammad/Mohammad/Mochamad/Moch./M., Siti/Sitti, Nur/Noer...), the old
  orthography (oe/dj/tj/j) more often for older people, mononyms (about half of those born
  before 1960), bin/binti mostly for pilgrims, H./Hj. and academic titles for a few.
  About one row in ten is written in capitals, as copied from the KTP.
- Purposes (share of rows): tourism 35 %, umrah 25 %, work (procedural, with a Disnaker
  recommendation, a licensed P3MI and its SIP3MI licence) 20 %, seafarer 5 %, family visit
  4 %, study 3 %, hajj 2 %, internship 2 %, business 2 %, medical 1 %, other 1 %.
  82 % of honest adults bring every document their purpose needs (tourists least often:
  63 %, many have no return ticket yet); about 24 % have a previous passport.
- Dates: working days only (weekends, national holidays and the Lebaran closure off;
  Islamic dates estimated from the mean lunar year), more on Mondays; umrah applications
  peak before Ramadan and in Oct-Nov and drop around the hajj season, hajj applications
  come months before the hajj, everything dips in Ramadan. Intended departure 2-8 weeks
  after submission. Application numbers "CLP-<year>-<serial>" in order of submission.

Patterns the screening must catch (`Pattern`; rows per 30,000 applications, scaled
linearly, at least one of each from 300 applications a year; measured with seed 1 on
2023, 2024 and 2025). Every case carries its pattern, group and the indicator
codes (docs/indicators.md) it was built to show (`DemoCase`), to measure screening against.

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

In all 420-431 rows a year (1.4 %). Benign lookalikes that must not be flagged:

- families at one address applying together (`Pattern.FAMILY`: umrah, tourism and
  family visits; about 2,600 groups, 25 % of the rows): same day, same address, naming
  each other as companion; children often give a parent's phone;
- umrah pilgrims giving their licensed PPIU's office phone as sponsor phone
  (`Pattern.PPIU_PHONE`; with the families, 60 % of the umrah rows share ten phones).

Genuine Disnaker recommendation numbers read "562/<serial>/REKOM/<year>", numbered in
order of issue; fake ones use other forms or a serial past the last one issued that year.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import math
import random
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from waspada.applications.records import ApplicantRecord, ApplicationRecord
from waspada.domain.documents import PURPOSE_DOCUMENTS
from waspada.domain.phones import normalize_phone

__all__ = [
    "DEMO_REGENCIES",
    "ELSEWHERE_DISTRICTS",
    "LICENSED_P3MI",
    "LICENSED_PPIU",
    "PURPOSE_MIX",
    "SENDING_AREAS",
    "SUSPICIOUS",
    "DemoCase",
    "Pattern",
    "Village",
    "generate",
    "holidays",
    "make_name",
    "old_spelling",
    "pairs",
    "pattern_counts",
    "working_days",
]

T = TypeVar("T")

FEMALE = "P"
MALE = "L"

# ---------------------------------------------------------------------------------------
# Public data types


@dataclass(frozen=True)
class Village:
    """A village of the office's area, as the command reads it from the region table."""

    code: str  # "33.01.06.2005"
    name: str  # "Kroya"
    district_name: str  # the kecamatan, "Kroya"

    @property
    def district_code(self) -> str:
        return self.code.rsplit(".", 1)[0]

    @property
    def regency_code(self) -> str:
        return self.code[:5]

    @property
    def is_kelurahan(self) -> bool:
        """Urban village (kelurahan, first digit 1) rather than a desa."""
        return self.code.rsplit(".", 1)[1].startswith("1")


class Pattern(StrEnum):
    """What a generated case was built to look like; stable values for benchmarks."""

    HONEST = "honest"
    FAMILY = "family"  # benign: a family at one address applying together
    PPIU_PHONE = "ppiu_phone"  # benign: a pilgrim giving the licensed PPIU's office phone
    DISGUISED_TOURISM = "disguised_tourism"
    MIDDLE_EAST_DOMESTIC = "middle_east_domestic"
    UMRAH_COVER = "umrah_cover"
    NO_AGREEMENT_JOB = "no_agreement_job"
    RING = "ring"
    DUPLICATE = "duplicate"
    UNDER_18_WORK = "under_18_work"


SUSPICIOUS = frozenset(
    {
        Pattern.DISGUISED_TOURISM,
        Pattern.MIDDLE_EAST_DOMESTIC,
        Pattern.UMRAH_COVER,
        Pattern.NO_AGREEMENT_JOB,
        Pattern.RING,
        Pattern.DUPLICATE,
        Pattern.UNDER_18_WORK,
    }
)


@dataclass
class DemoCase:
    """One generated application with the truth behind it (for tests and benchmarks)."""

    applicant: ApplicantRecord
    application: ApplicationRecord
    pattern: Pattern = Pattern.HONEST
    group: str = ""  # ring, family or duplicate id; shared by the group's members
    indicators: tuple[str, ...] = ()  # indicator codes the case was built to show

    @property
    def pair(self) -> tuple[ApplicantRecord, ApplicationRecord]:
        return self.applicant, self.application

    @property
    def suspicious(self) -> bool:
        return self.pattern in SUSPICIOUS


def pairs(cases: Iterable[DemoCase]) -> list[tuple[ApplicantRecord, ApplicationRecord]]:
    return [case.pair for case in cases]


def pattern_counts(cases: Iterable[DemoCase]) -> Counter[str]:
    return Counter(str(case.pattern) for case in cases)


# ---------------------------------------------------------------------------------------
# The office's area


@dataclass(frozen=True)
class RegencyProfile:
    name: str
    weight: float  # share of the office's applicants
    birth_places: tuple[str, ...]  # how people from here write their birth place
    area_code: str  # fixed-line area code
    towns: tuple[str, ...]  # kecamatan names with the regency's towns (weighted double)


DEMO_REGENCIES: dict[str, RegencyProfile] = {
    "33.01": RegencyProfile(
        "Cilacap",
        0.30,
        ("Cilacap",),
        "0282",
        ("Cilacap Selatan", "Cilacap Tengah", "Cilacap Utara", "Majenang", "Kroya"),
    ),
    "33.02": RegencyProfile(
        "Banyumas",
        0.26,
        ("Banyumas", "Purwokerto"),
        "0281",
        ("Purwokerto Selatan", "Purwokerto Barat", "Purwokerto Timur", "Purwokerto Utara"),
    ),
    "33.03": RegencyProfile("Purbalingga", 0.12, ("Purbalingga",), "0281", ("Purbalingga",)),
    "33.04": RegencyProfile("Banjarnegara", 0.12, ("Banjarnegara",), "0286", ("Banjarnegara",)),
    "33.05": RegencyProfile(
        "Kebumen", 0.20, ("Kebumen", "Gombong"), "0287", ("Kebumen", "Gombong")
    ),
}

# Kecamatan that send many migrant workers in this demo (D28: weak alone, never decisive).
SENDING_AREAS = (
    "33.01.03",  # Adipala
    "33.01.04",  # Binangun
    "33.01.05",  # Nusawungu
    "33.01.06",  # Kroya
    "33.01.07",  # Maos
    "33.01.17",  # Sampang
    "33.02.06",  # Kemranjen
    "33.02.07",  # Sumpiuh
    "33.02.08",  # Tambak
    "33.03.03",  # Kejobong
    "33.04.03",  # Mandiraja
    "33.05.03",  # Puring
    "33.05.04",  # Petanahan
    "33.05.05",  # Klirong
)

# Sundanese-speaking west of Cilacap: Sundanese names are common there.
_SUNDANESE_DISTRICTS = ("33.01.12", "33.01.13", "33.01.14", "33.01.15", "33.01.16", "33.01.18")

# Coastal kecamatan, where fishermen live.
_COASTAL_DISTRICTS = (
    "33.01.03",
    "33.01.04",
    "33.01.05",
    "33.01.21",
    "33.01.22",
    "33.01.23",
    "33.01.24",
    "33.05.01",
    "33.05.03",
    "33.05.04",
    "33.05.05",
    "33.05.06",
    "33.05.07",
    "33.05.08",
)

# Real kecamatan codes outside the office's area where some applicants' NIKs were issued,
# with the birth place such people usually write.
ELSEWHERE_DISTRICTS: tuple[tuple[str, str], ...] = (
    ("33.29.02", "Brebes"),
    ("33.29.03", "Bumiayu"),
    ("33.28.01", "Tegal"),
    ("33.27.01", "Pemalang"),
    ("33.06.03", "Purworejo"),
    ("33.07.01", "Wonosobo"),
    ("33.74.01", "Semarang"),
    ("33.74.03", "Semarang"),
    ("31.71.03", "Jakarta"),
    ("31.72.02", "Jakarta"),
    ("31.73.01", "Jakarta"),
    ("31.74.04", "Jakarta"),
    ("31.75.03", "Jakarta"),
    ("32.07.01", "Ciamis"),
    ("32.79.04", "Banjar"),
    ("32.73.02", "Bandung"),
    ("18.02.01", "Lampung Tengah"),
)
_ELSEWHERE_CENTRAL_JAVA = tuple(d for d in ELSEWHERE_DISTRICTS if d[0].startswith("33."))
_ELSEWHERE_FAR = tuple(d for d in ELSEWHERE_DISTRICTS if not d[0].startswith("33."))

# ---------------------------------------------------------------------------------------
# Licensed organisers and recruiters (fictional names; a later registry can load them)


@dataclass(frozen=True)
class Organiser:
    name: str
    license_no: str
    phone: str  # E.164
    address: str
    destinations: tuple[str, ...] = ()


LICENSED_PPIU: tuple[Organiser, ...] = (
    Organiser(
        "PT Al-Madinah Barokah Wisata",
        "U.112/2018",
        "+62281635417",
        "Jl. Overste Isdiman No. 21, Purwokerto",
    ),
    Organiser(
        "PT Safa Marwa Mulia Tour",
        "U.203/2019",
        "+62282534216",
        "Jl. Jend. Sudirman No. 87, Cilacap",
    ),
    Organiser(
        "PT Nur Rahmah Haramain",
        "U.087/2017",
        "+62287381520",
        "Jl. Pahlawan No. 14, Kebumen",
    ),
    Organiser(
        "PT Baitul Izzah Travelindo",
        "U.311/2020",
        "+6281327640118",
        "Jl. Jend. Ahmad Yani No. 5, Purbalingga",
    ),
    Organiser(
        "PT Zam-Zam Amanah Sejati",
        "U.145/2018",
        "+62286591374",
        "Jl. Dipayuda No. 33, Banjarnegara",
    ),
    Organiser(
        "PT Ar-Raudhah Cahaya Umat",
        "U.276/2019",
        "+62281641932",
        "Jl. Dr. Angka No. 48, Purwokerto",
    ),
    Organiser(
        "PT Multazam Berkah Abadi",
        "U.402/2021",
        "+6285226153370",
        "Jl. Gatot Subroto No. 102, Cilacap",
    ),
    Organiser(
        "PT Hijrah Salsabila Wisata",
        "U.358/2020",
        "+62287385106",
        "Jl. Kutoarjo No. 9, Kebumen",
    ),
    Organiser(
        "PT Jabal Rahmah Nusantara",
        "U.051/2016",
        "+62281626085",
        "Jl. Jend. Soedirman No. 310, Purwokerto",
    ),
    Organiser(
        "PT Kiswah Mulia Utama",
        "U.467/2022",
        "+6281390224715",
        "Jl. Yos Sudarso No. 17, Gombong",
    ),
)

LICENSED_P3MI: tuple[Organiser, ...] = (
    Organiser(
        "PT Bina Tenaga Mandiri Sejahtera",
        "KEP.118/SIP3MI/2019",
        "+62282541903",
        "Jl. Jend. Sudirman No. 41, Cilacap",
        ("TW", "HK", "SG"),
    ),
    Organiser(
        "PT Cahaya Karya Utama Global",
        "KEP.027/SIP3MI/2018",
        "+62214893126",
        "Jl. Raya Condet No. 12, Jakarta Timur",
        ("TW", "MY", "BN"),
    ),
    Organiser(
        "PT Duta Insan Prima Mandiri",
        "KEP.241/SIP3MI/2020",
        "+62281637745",
        "Jl. Gerilya No. 56, Purwokerto",
        ("HK", "SG", "TW"),
    ),
    Organiser(
        "PT Graha Pekerja Nusantara",
        "KEP.306/SIP3MI/2021",
        "+62287382219",
        "Jl. Pemuda No. 3, Kebumen",
        ("MY", "BN"),
    ),
    Organiser(
        "PT Sentosa Jaya Formosa",
        "KEP.152/SIP3MI/2019",
        "+62282537781",
        "Jl. Kalimantan No. 8, Cilacap",
        ("TW",),
    ),
    Organiser(
        "PT Mandala Insani Sakura",
        "KEP.389/SIP3MI/2022",
        "+62281621470",
        "Jl. Kolonel Sugiono No. 20, Purwokerto",
        ("JP", "TW"),
    ),
    Organiser(
        "PT Hanjin Karya Indonesia",
        "KEP.214/SIP3MI/2020",
        "+62217985514",
        "Jl. Dewi Sartika No. 77, Jakarta Timur",
        ("KR", "JP"),
    ),
    Organiser(
        "PT Putra Samudera Abadi Mandiri",
        "KEP.063/SIP3MI/2018",
        "+62282542687",
        "Jl. Diponegoro No. 15, Cilacap",
        ("MY", "SG", "HK"),
    ),
)

_MANNING_AGENCIES: tuple[Organiser, ...] = (
    Organiser(
        "PT Samudera Bahari Crewing",
        "SIUPPAK 118/2019",
        "+62282533410",
        "Jl. Yos Sudarso No. 4, Cilacap",
    ),
    Organiser(
        "PT Lintas Awak Kapal Indonesia",
        "SIUPPAK 276/2020",
        "+62283356148",
        "Jl. Pelabuhan No. 11, Tegal",
    ),
    Organiser(
        "PT Ocean Prima Manning",
        "SIUPPAK 045/2017",
        "+62214301872",
        "Jl. Enggano No. 30, Jakarta Utara",
    ),
)

_LPK: tuple[Organiser, ...] = (
    Organiser(
        "LPK Bina Insan Nusantara",
        "SO 0213/2019",
        "+62281638820",
        "Jl. Jend. Sudirman No. 512, Purwokerto",
    ),
    Organiser(
        "LPK Sakura Mandiri Cilacap",
        "SO 0358/2021",
        "+62282549107",
        "Jl. Perintis Kemerdekaan No. 2, Cilacap",
    ),
    Organiser(
        "LPK Hikari Karya Kebumen",
        "SO 0402/2022",
        "+62287384561",
        "Jl. Tentara Pelajar No. 19, Kebumen",
    ),
)

_UNLICENSED_RECRUITERS = (
    "PT Mitra Jaya Global Perkasa",
    "CV Karya Abadi Sejahtera",
    "Yayasan Amanah Kerja Mandiri",
    "PT Berkah Insan Timur Tengah",
    "Bu Yati",
    "Pak Harno",
    "Mas Dedi (agen)",
    "Ibu Sumarni (PL)",
)

# ---------------------------------------------------------------------------------------
# Purposes and destinations

PURPOSE_MIX: dict[str, float] = {
    "tourism": 0.35,
    "umrah": 0.25,
    "hajj": 0.02,
    "work": 0.20,
    "seafarer": 0.05,
    "study": 0.03,
    "internship": 0.02,
    "family_visit": 0.04,
    "medical": 0.01,
    "business": 0.02,
    "other": 0.01,
}

# Family groups: probability that a unit is a family, and the distribution of its size.
_FAMILY_SHARE = {"umrah": 0.30, "tourism": 0.12, "family_visit": 0.25}
_FAMILY_SIZES = {
    "umrah": ((2, 3, 4, 5, 6), (50, 25, 15, 7, 3)),
    "tourism": ((2, 3, 4, 5), (40, 30, 20, 10)),
    "family_visit": ((2, 3), (60, 40)),
}

_TOURISM_DESTINATIONS = {
    "MY": 20,
    "SG": 15,
    "TH": 9,
    "JP": 12,
    "KR": 10,
    "SA": 3,
    "TR": 7,
    "CN": 4,
    "VN": 3,
    "AU": 3,
    "HK": 3,
    "TW": 2,
    "AE": 2,
    "NL": 1,
    "FR": 1,
    "IT": 1,
    "CH": 1,
    "GB": 1,
    "US": 1,
    "IN": 1,
}
_TOURISM_CITIES = {
    "MY": ("Kuala Lumpur", "Penang", "Melaka", "Genting Highlands", "Johor Bahru"),
    "SG": ("Singapura",),
    "TH": ("Bangkok", "Pattaya", "Phuket", "Chiang Mai"),
    "JP": ("Tokyo", "Osaka", "Kyoto", "Hokkaido", "Nagoya"),
    "KR": ("Seoul", "Busan", "Jeju", "Nami Island"),
    "SA": ("Madinah", "Makkah", "AlUla", "Riyadh"),
    "TR": ("Istanbul", "Cappadocia", "Bursa", "Pamukkale"),
    "CN": ("Beijing", "Shanghai", "Guangzhou", "Zhangjiajie"),
    "VN": ("Ho Chi Minh City", "Hanoi", "Da Nang"),
    "AU": ("Sydney", "Melbourne", "Perth"),
    "HK": ("Hong Kong", "Macau"),
    "TW": ("Taipei", "Kaohsiung"),
    "AE": ("Dubai", "Abu Dhabi"),
    "NL": ("Amsterdam", "Den Haag"),
    "FR": ("Paris",),
    "IT": ("Roma", "Milan", "Venesia"),
    "CH": ("Zurich", "Lucerne"),
    "GB": ("London", "Edinburgh"),
    "US": ("New York", "Los Angeles"),
    "IN": ("New Delhi", "Agra"),
}

_WORK_DESTINATIONS = {"TW": 34, "HK": 20, "MY": 14, "KR": 10, "JP": 12, "SG": 6, "BN": 2, "PL": 2}
_WORK_FEMALE_SHARE = {
    "TW": 0.65,
    "HK": 0.96,
    "MY": 0.40,
    "KR": 0.10,
    "JP": 0.30,
    "SG": 0.92,
    "BN": 0.40,
    "PL": 0.20,
}
# Jobs by destination: (for women, for men).
_WORK_JOBS = {
    "TW": (
        ("perawat lansia (caregiver)", "penata laksana rumah tangga", "operator pabrik"),
        ("operator pabrik", "pekerja konstruksi"),
    ),
    "HK": (("penata laksana rumah tangga", "perawat lansia"), ("sopir keluarga",)),
    "MY": (
        ("operator produksi", "pekerja restoran"),
        ("pekerja ladang sawit", "pekerja konstruksi"),
    ),
    "KR": (
        ("operator manufaktur (EPS)",),
        ("operator manufaktur (EPS)", "pekerja perikanan (EPS)"),
    ),
    "JP": (
        ("kaigo / perawat lansia (SSW)", "pekerja pengolahan makanan (SSW)"),
        ("operator pabrik (SSW)", "pekerja pertanian (SSW)", "pekerja konstruksi (SSW)"),
    ),
    "SG": (
        ("penata laksana rumah tangga", "perawat lansia"),
        ("sopir keluarga", "pekerja galangan"),
    ),
    "BN": (("pekerja restoran",), ("pekerja konstruksi",)),
    "PL": (("operator pabrik",), ("operator pabrik", "pekerja gudang")),
}
_SEAFARER_DESTINATIONS = {
    "TW": 28,
    "KR": 14,
    "JP": 10,
    "SG": 12,
    "ZA": 7,
    "MU": 5,
    "PE": 5,
    "FJ": 5,
    "NL": 4,
    "ES": 5,
    "US": 5,
}
_SEAFARER_PORTS = {
    "TW": "Kaohsiung",
    "KR": "Busan",
    "JP": "Yaizu",
    "SG": "Singapura",
    "ZA": "Cape Town",
    "MU": "Port Louis",
    "PE": "Callao",
    "FJ": "Suva",
    "NL": "Rotterdam",
    "ES": "Las Palmas",
    "US": "Honolulu",
}
_STUDY_DESTINATIONS = {
    "EG": 18,
    "JP": 14,
    "TW": 14,
    "MY": 10,
    "SA": 7,
    "KR": 8,
    "TR": 8,
    "AU": 5,
    "DE": 5,
    "CN": 6,
    "GB": 3,
    "NL": 2,
}
_STUDY_PLACES = {
    "EG": "Universitas Al-Azhar, Kairo",
    "JP": "sekolah bahasa Jepang di Tokyo",
    "TW": "National Taiwan University of Science and Technology",
    "MY": "Universiti Teknologi Malaysia, Johor",
    "SA": "Universitas Islam Madinah",
    "KR": "Busan University of Foreign Studies",
    "TR": "Istanbul University",
    "AU": "University of Queensland",
    "DE": "Studienkolleg Hamburg",
    "CN": "Xiamen University",
    "GB": "University of Leeds",
    "NL": "Wageningen University",
}
_INTERNSHIP_DESTINATIONS = {"JP": 70, "KR": 10, "TW": 10, "DE": 6, "AU": 4}
_FAMILY_VISIT_DESTINATIONS = {
    "TW": 18,
    "HK": 14,
    "MY": 18,
    "SG": 8,
    "KR": 8,
    "JP": 8,
    "SA": 6,
    "NL": 5,
    "AU": 5,
    "US": 4,
    "AE": 6,
}
_MEDICAL_PLACES = (
    ("MY", "Lam Wah Ee Hospital, Penang"),
    ("MY", "Island Hospital, Penang"),
    ("MY", "Mahkota Medical Centre, Melaka"),
    ("MY", "Gleneagles Kuala Lumpur"),
    ("SG", "Mount Elizabeth Hospital, Singapura"),
    ("SG", "National University Hospital, Singapura"),
)
_BUSINESS_DESTINATIONS = {
    "CN": 30,
    "SG": 14,
    "MY": 14,
    "TH": 8,
    "AE": 6,
    "JP": 6,
    "KR": 5,
    "VN": 5,
    "IN": 5,
    "HK": 7,
}
_BUSINESS_REASONS = (
    "Kunjungan ke pemasok di {city}",
    "Pameran dagang di {city}",
    "Pertemuan dengan pembeli di {city}",
    "Pelatihan dari kantor pusat di {city}",
)
_BUSINESS_CITIES = {
    "CN": ("Guangzhou", "Yiwu", "Shenzhen"),
    "SG": ("Singapura",),
    "MY": ("Kuala Lumpur", "Johor Bahru"),
    "TH": ("Bangkok",),
    "AE": ("Dubai",),
    "JP": ("Osaka", "Tokyo"),
    "KR": ("Seoul",),
    "VN": ("Ho Chi Minh City",),
    "IN": ("Mumbai", "New Delhi"),
    "HK": ("Hong Kong",),
}
_OTHER_TRIPS = (
    ("MY", "Mendampingi tim pencak silat di Kuala Lumpur"),
    ("TH", "Konferensi koperasi di Bangkok"),
    ("SG", "Lomba paduan suara di Singapura"),
    ("BN", "Undangan pernikahan kerabat di Bandar Seri Begawan"),
    ("PH", "Studi banding kelompok tani di Manila"),
)
_HOLY_LAND_TRIP = ("IL", "Ziarah rohani ke Yerusalem dan Betlehem")

# ---------------------------------------------------------------------------------------
# Names


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_MALE_OLD = _words(
    "Slamet Sugeng Sukirman Sutrisno Suparman Suyono Sunarto Sukardi Suwarno Tukiman Ngadiman "
    "Wagiman Paijo Sarno Darsono Karsono Tarno Warsito Kasmin Rasman Darmin Kardi Parman "
    "Mulyono Sumarno Waluyo Sugito Suroso Bejo Pairin Kirno Sidik Untung Sarwono Kusno Supardi "
    "Sumadi Rasito Wasito Carsono Kartam Daryono Samsudin Tarmuji Ahmad Abdul Muhammad Bambang "
    "Joko Budi Agus Eko Heru Hadi Teguh Sugiyanto Haryanto Riyanto Triyono Sujono Yusuf Kasiman"
)
_MALE_MID = _words(
    "Agus Eko Joko Budi Dwi Tri Wahyu Heru Teguh Bagus Dedi Rudi Andi Arif Wawan Iwan Hendra "
    "Yudi Edi Didik Anton Yanto Imam Rohmat Ahmad Muhammad Nur Ali Yusuf Taufik Ridwan Syaiful "
    "Khoirul Zainal Mustofa Lukman Rofiq Bayu Fajar Sigit Hari Rahmat Danang Puji Dani Tono "
    "Sugeng Slamet Supriyadi Sutrisno Kuswanto Purwanto Sholeh Abdul Rizal Nanang Yoyok Catur"
)
_MALE_YOUNG = _words(
    "Muhammad Ahmad Rizky Dimas Aditya Rendi Yoga Bayu Ilham Fikri Galih Panji Satria Wisnu "
    "Fajar Angga Aji Bima Tegar Krisna Reza Dicky Febri Alif Farhan Naufal Rafi Daffa Haikal "
    "Arya Zaki Yusuf Ilyas Hafiz Rizal Fahmi Agung Ardi Eko Dwi Tri Wahyu Gilang Rangga Andika"
)
_MALE_SECOND = _words(
    "Santoso Prasetyo Nugroho Saputra Setiawan Kurniawan Pratama Hidayat Wibowo Susilo Purnomo "
    "Hartono Widodo Gunawan Riyadi Wijaya Firmansyah Ramadhan Maulana Hakim Syahputra Sugiarto "
    "Hermawan Sulistyo Raharjo Utomo Permana Adi Nur Ardiansyah Fauzi Rahman Hidayatullah "
    "Iskandar Sholeh Mustofa Ma'ruf Kholil Arifin Wicaksono Saputro Prabowo Yulianto Setiadi"
)
_FEMALE_OLD = _words(
    "Sri Siti Endang Sumiyati Suparmi Sulastri Tumini Sukarti Painem Tukinem Kasmirah Wartini "
    "Sumarni Suwarni Tuginah Sarinah Karsinah Ngatemi Rukmini Juminah Partini Marsiti Kasini "
    "Warsini Darmi Sumini Tarsih Wasiyem Rasiyah Aminah Fatimah Khotijah Sutinah Sumiati "
    "Saminah Kartini Murtini Rusmini Wagiyem Sanem Sukinah Darsih Yatmi"
)
_FEMALE_MID = _words(
    "Sri Siti Dwi Tri Eka Nur Rini Yuni Ratna Dewi Puji Ani Yanti Susi Lina Nining Umi Endah "
    "Wiwik Tutik Heni Eni Yayuk Lilis Erna Retno Nanik Ida Titin Iin Ika Novi Desi Dian Rina "
    "Wulan Fitri Ayu Yuli Suci Endang Sumiyati Khotijah Aisyah Fatimah Muslimah Kusmiati"
)
_FEMALE_YOUNG = _words(
    "Siti Nur Putri Ayu Anisa Nurul Fitri Indah Novi Desi Dian Intan Nadia Salsabila Aulia "
    "Zahra Nabila Khoirunnisa Dinda Tiara Anggun Mega Rahma Lailatul Dewi Ajeng Aprilia Devi "
    "Fina Yulia Sinta Risma Bella Vina Alfina Amelia Dwi Tri Eka Sri Aisyah Laras Citra"
)
_FEMALE_SECOND = _words(
    "Lestari Rahayu Wulandari Astuti Wahyuni Handayani Susanti Purwaningsih Sulistyowati "
    "Rahmawati Kurniasih Setyaningsih Utami Suryani Aminah Fatimah Aisyah Khasanah Hidayah "
    "Mulyani Puspitasari Anggraini Safitri Ramadhani Maharani Pratiwi Oktaviani Nurhayati "
    "Maesaroh Mukaromah Rohmah Solikhah Zulaikha Kartika Fitriani Nurjanah Muawanah Sundari"
)
_SUNDANESE_MALE = _words(
    "Asep Ujang Dede Cecep Ade Dadang Encep Iwan Yayan Deden Aep Endang Jajang Ruslan Nana "
    "Usep Maman Engkos Oman Dodi"
)
_SUNDANESE_MALE_SECOND = _words(
    "Suryana Sopyan Hidayat Mulyana Permana Kurniawan Saepudin Nurdin Rustandi Sutisna"
)
_SUNDANESE_FEMALE = _words(
    "Euis Enok Iis Neneng Cucu Entin Yayah Oom Eneng Imas Nia Rina Lilis Ai Elis Yeni Nenden"
)
_SUNDANESE_FEMALE_SECOND = _words(
    "Nurhasanah Rohaeti Komalasari Sumarni Rosita Nurlela Yulianti Nurhayati Rahmawati"
)
_CHRISTIAN_MALE = _words("Yohanes Agustinus Stefanus Yosef Paulus Fransiskus Antonius Markus")
_CHRISTIAN_FEMALE = _words("Maria Theresia Yosephine Agnes Veronika Elisabeth Christina Lidia")
_FATHER_NAMES = _words(
    "Karto Sastro Marto Wiryo Harjo Darmo Kromo Setro Dipo Mangun Atmo Pawiro Kasan Dulah "
    "Ahmad Abdul Muhammad Slamet Sukiman Darmin Rasman Tarno Kardi Kasmin Sanwiryo Rasmadi"
)

# Spellings of common Muslim names (first = most common), chosen per person.
_NAME_VARIANTS: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {
    "Muhammad": (
        ("Muhammad", "Mohammad", "Mochamad", "Mochammad", "Moch.", "Moh.", "Muh.", "M.", "Muhamad"),
        (40, 12, 8, 5, 8, 5, 5, 12, 5),
    ),
    "Ahmad": (("Ahmad", "Achmad", "Akhmad"), (70, 20, 10)),
    "Abdul": (("Abdul", "Abd.", "Abdoel"), (80, 15, 5)),
    "Nur": (("Nur", "Noer", "Nurul"), (80, 10, 10)),
    "Siti": (("Siti", "Sitti", "Sity"), (85, 12, 3)),
    "Aisyah": (("Aisyah", "Aisah", "Aisya"), (70, 20, 10)),
    "Khotijah": (("Khotijah", "Chotijah", "Khadijah", "Hadijah"), (40, 15, 35, 10)),
    "Khoirul": (("Khoirul", "Choirul", "Khairul"), (60, 25, 15)),
    "Syaiful": (("Syaiful", "Saiful", "Syaifulloh"), (60, 30, 10)),
    "Rohmat": (("Rohmat", "Rahmat", "Rachmat"), (50, 35, 15)),
    "Rahmat": (("Rahmat", "Rachmat", "Rohmat"), (70, 20, 10)),
    "Mustofa": (("Mustofa", "Mustafa", "Musthofa"), (60, 30, 10)),
    "Khasanah": (("Khasanah", "Hasanah", "Chasanah"), (55, 35, 10)),
    "Fatimah": (("Fatimah", "Fatmah", "Fatimatuz"), (80, 15, 5)),
    "Yusuf": (("Yusuf", "Yusup", "Yusuf"), (75, 20, 5)),
    "Lukman": (("Lukman", "Luqman"), (75, 25)),
    "Taufik": (("Taufik", "Taufiq", "Topik"), (70, 25, 5)),
    "Rizky": (("Rizky", "Rizki", "Rizqi", "Risky"), (50, 30, 10, 10)),
    "Sholeh": (("Sholeh", "Soleh", "Saleh"), (50, 30, 20)),
    "Solikhah": (("Solikhah", "Sholihah", "Solichah"), (50, 35, 15)),
    "Ma'ruf": (("Ma'ruf", "Makruf", "Maruf"), (50, 30, 20)),
}

# How much more often than the others these first names are given.
_COMMON_FIRST = {
    "Sri": 8.0,
    "Siti": 8.0,
    "Muhammad": 6.0,
    "Nur": 3.0,
    "Dwi": 3.0,
    "Tri": 3.0,
    "Eko": 3.0,
    "Agus": 3.0,
    "Ahmad": 3.0,
    "Slamet": 3.0,
    "Budi": 2.0,
    "Endang": 2.0,
    "Joko": 2.0,
    "Sugeng": 2.0,
    "Wahyu": 2.0,
    "Eka": 2.0,
    "Asep": 3.0,
    "Euis": 2.0,
}

_TITLES_AFTER = {
    "S1": (", S.Pd.", ", S.E.", ", S.H.", ", S.Kom.", ", S.T.", ", S.Ag.", ", S.Sos.", ", S.Kep."),
    "D3": (", A.Md.", ", A.Md.Kep.", ", A.Md.Keb."),
}


def _weighted(rng: random.Random, options: Sequence[T], weights: Sequence[float]) -> T:
    return rng.choices(options, weights=weights)[0]


def _from_dict(rng: random.Random, table: dict[str, int]) -> str:
    return _weighted(rng, list(table), list(table.values()))


def old_spelling(name: str, *, partial: bool = False) -> str:
    """The name in the pre-1972 orthography (Soekarno-style); `partial` only turns u into oe.

    j -> dj, y -> j, c -> tj, kh -> ch, u -> oe: "Joko Cahyono" -> "Djoko Tjahjono".
    """
    words = []
    for word in name.split(" "):
        if not word[:1].isalpha() or word.endswith("."):
            words.append(word)  # initials and titles keep their spelling
            continue
        text = word.lower()
        if not partial:
            text = text.replace("j", "dj").replace("y", "j").replace("c", "tj")
            text = text.replace("kh", "ch")
        text = text.replace("u", "oe")
        words.append(text[:1].upper() + text[1:])
    return " ".join(words)


def _variant(rng: random.Random, word: str) -> str:
    options = _NAME_VARIANTS.get(word)
    return _weighted(rng, *options) if options else word


def make_name(rng: random.Random, *, sex: str, birth_year: int, culture: str = "javanese") -> str:
    """A plausible given name (no titles, no bin/binti) for someone of this generation.

    `culture` is "javanese", "sundanese" or "christian".
    """
    female = sex == FEMALE
    if birth_year < 1960:
        mononym = 0.55
    elif birth_year < 1975:
        mononym = 0.35
    elif birth_year < 1990:
        mononym = 0.12
    else:
        mononym = 0.04
    if culture == "sundanese":
        firsts = _SUNDANESE_FEMALE if female else _SUNDANESE_MALE
        seconds = _SUNDANESE_FEMALE_SECOND if female else _SUNDANESE_MALE_SECOND
    elif culture == "christian":
        firsts = _CHRISTIAN_FEMALE if female else _CHRISTIAN_MALE
        seconds = _FEMALE_SECOND[:12] if female else _MALE_SECOND[:26]
        mononym = min(mononym, 0.05)
    elif birth_year < 1970:
        firsts, seconds = (_FEMALE_OLD, _FEMALE_SECOND) if female else (_MALE_OLD, _MALE_SECOND)
    elif birth_year < 1992:
        firsts, seconds = (_FEMALE_MID, _FEMALE_SECOND) if female else (_MALE_MID, _MALE_SECOND)
    else:
        firsts = _FEMALE_YOUNG if female else _MALE_YOUNG
        seconds = _FEMALE_SECOND if female else _MALE_SECOND
    words = [_weighted(rng, firsts, [_COMMON_FIRST.get(name, 1.0) for name in firsts])]
    if words[0] in ("Muhammad", "Ahmad", "Abdul", "Sri", "Siti", "Nur", "Dwi", "Tri", "Eka"):
        mononym = 0.0 if words[0] not in ("Siti", "Sri") else mononym / 3
    if rng.random() >= mononym:
        second = rng.choice(seconds)
        if second != words[0]:
            words.append(second)
        if birth_year >= 1985 and rng.random() < 0.25:
            third = rng.choice(seconds)
            if third not in words:
                words.append(third)
    if words[0] == "Abdul" and len(words) == 1:
        words.append("Rahman")
    words = [_variant(rng, word) for word in words]
    name = " ".join(words)
    old = 0.35 if birth_year < 1960 else 0.15 if birth_year < 1972 else 0.03
    if culture != "christian" and rng.random() < old:
        name = old_spelling(name, partial=rng.random() < 0.5)
    return name


# ---------------------------------------------------------------------------------------
# Calendar: working days, holidays, Islamic dates

_HIJRI_YEAR_DAYS = 354.36707
_IDUL_FITRI_1445 = dt.date(2024, 4, 10)

# Holidays without a simple rule, from the government's decrees (only the years listed).
_CHINESE_NEW_YEAR = {
    2022: dt.date(2022, 2, 1),
    2023: dt.date(2023, 1, 23),
    2024: dt.date(2024, 2, 10),
    2025: dt.date(2025, 1, 29),
    2026: dt.date(2026, 2, 17),
    2027: dt.date(2027, 2, 6),
}
_NYEPI = {
    2022: dt.date(2022, 3, 3),
    2023: dt.date(2023, 3, 22),
    2024: dt.date(2024, 3, 11),
    2025: dt.date(2025, 3, 29),
    2026: dt.date(2026, 3, 19),
}
_WAISAK = {
    2022: dt.date(2022, 5, 16),
    2023: dt.date(2023, 6, 4),
    2024: dt.date(2024, 5, 23),
    2025: dt.date(2025, 5, 12),
    2026: dt.date(2026, 5, 31),
}


@dataclass(frozen=True)
class _IslamicYear:
    """Dates of one Hijri year, anchored on its Idul Fitri (estimated, +-1 day)."""

    idul_fitri: dt.date

    def offset(self, days: int) -> dt.date:
        return self.idul_fitri + dt.timedelta(days=days)

    @property
    def ramadan(self) -> dt.date:
        return self.offset(-29)

    @property
    def idul_adha(self) -> dt.date:
        return self.offset(68)


def _islamic_years(year: int) -> list[_IslamicYear]:
    """Hijri years whose Idul Fitri falls between the previous and the next Gregorian year."""
    first = (dt.date(year - 1, 1, 1) - _IDUL_FITRI_1445).days / _HIJRI_YEAR_DAYS
    last = (dt.date(year + 1, 12, 31) - _IDUL_FITRI_1445).days / _HIJRI_YEAR_DAYS
    return [
        _IslamicYear(_IDUL_FITRI_1445 + dt.timedelta(days=round(k * _HIJRI_YEAR_DAYS)))
        for k in range(math.floor(first), math.ceil(last) + 1)
    ]


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def holidays(year: int) -> set[dt.date]:
    """Days the office is closed besides weekends: national holidays and the Lebaran leave."""
    easter = _easter(year)
    days = {
        dt.date(year, 1, 1),
        dt.date(year, 5, 1),
        dt.date(year, 6, 1),
        dt.date(year, 8, 17),
        dt.date(year, 12, 25),
        dt.date(year, 12, 26),  # cuti bersama
        easter - dt.timedelta(days=2),
        easter + dt.timedelta(days=39),
    }
    for table in (_CHINESE_NEW_YEAR, _NYEPI, _WAISAK):
        if year in table:
            days.add(table[year])
    for hijri in _islamic_years(year):
        days.update(hijri.offset(n) for n in range(-3, 6))  # Idul Fitri and cuti bersama
        days.add(hijri.idul_adha)
        days.add(hijri.offset(88))  # Islamic New Year (1 Muharram)
        days.add(hijri.offset(159))  # Maulid Nabi
        days.add(hijri.offset(-62))  # Isra Mi'raj
    return {day for day in days if day.year == year}


def working_days(year: int) -> list[dt.date]:
    closed = holidays(year)
    start = dt.date(year, 1, 1)
    all_days = (start + dt.timedelta(days=n) for n in range(366))
    return [d for d in all_days if d.year == year and d.weekday() < 5 and d not in closed]


_WEEKDAY_LOAD = (1.15, 1.0, 1.0, 1.0, 0.85)


def _season(profile: str, day: dt.date, hijri_years: Sequence[_IslamicYear]) -> float:
    """Relative number of applications of this kind on this day."""
    factor = _WEEKDAY_LOAD[day.weekday()]
    in_hajj_window = False
    for hijri in hijri_years:
        if hijri.ramadan <= day < hijri.idul_fitri:
            factor *= 0.8
        if profile == "umrah":
            if hijri.ramadan - dt.timedelta(days=100) <= day < hijri.ramadan - dt.timedelta(20):
                factor *= 1.8  # for Rajab, Sya'ban and Ramadan departures
            elif hijri.offset(7) <= day < hijri.idul_adha + dt.timedelta(days=14):
                factor *= 0.45  # no umrah visas around the hajj
        if hijri.idul_adha - dt.timedelta(170) <= day < hijri.idul_adha - dt.timedelta(45):
            in_hajj_window = True
    if profile == "hajj":
        factor *= 1.0 if in_hajj_window else 0.05
    elif profile == "umrah" and day.month in (10, 11):
        factor *= 1.3  # school-holiday umrah in December and January
    elif profile == "tourism":
        if day.month in (5, 6):
            factor *= 1.4  # before the July school holidays
        elif day.month == 11 or (day.month == 12 and day.day < 15):
            factor *= 1.3  # before the year-end holidays
    elif profile == "work" and day.month == 1:
        factor *= 1.1
    return factor


class _Calendar:
    """Working days of one year and per-profile cumulative weights to draw dates from."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.days = working_days(year)
        self._hijri = _islamic_years(year)
        self._cum: dict[str, list[float]] = {}

    def cum_weights(self, profile: str) -> list[float]:
        if profile not in self._cum:
            weights = [_season(profile, day, self._hijri) for day in self.days]
            self._cum[profile] = list(itertools.accumulate(weights))
        return self._cum[profile]

    def draw(self, rng: random.Random, profile: str, *, last: dt.date | None = None) -> dt.date:
        cum = self.cum_weights(profile)
        end = len(self.days) if last is None else bisect.bisect_right(self.days, last)
        end = max(end, 1)
        point = rng.random() * cum[end - 1]
        return self.days[min(bisect.bisect_right(cum, point, 0, end), end - 1)]

    def on_or_after(self, day: dt.date) -> dt.date:
        """The first working day from `day`, or the last one of the year."""
        index = bisect.bisect_left(self.days, day)
        return self.days[min(index, len(self.days) - 1)]

    def hajj_day(self, submitted: dt.date) -> dt.date | None:
        later = [h.idul_adha for h in self._hijri if h.idul_adha > submitted]
        return min(later) if later else None


# ---------------------------------------------------------------------------------------
# Places, addresses and phones

_STREETS = (
    "Jend. Sudirman",
    "Gatot Subroto",
    "Jend. Ahmad Yani",
    "Diponegoro",
    "Pemuda",
    "Kartini",
    "Pahlawan",
    "Veteran",
    "Merdeka",
    "Masjid",
    "Melati",
    "Mawar",
    "Kenanga",
    "Dr. Soetomo",
    "Urip Sumoharjo",
    "Kolonel Sugiono",
    "Gerilya",
    "Sultan Agung",
    "Perintis Kemerdekaan",
    "Kalimantan",
    "Sumatra",
    "Cendana",
    "Flamboyan",
    "Kauman",
)
_HAMLETS = (
    "Karanganyar",
    "Karangsari",
    "Krajan",
    "Kauman",
    "Pesantren",
    "Tegalsari",
    "Sidamulya",
    "Kedungwringin",
    "Sukamaju",
    "Sindangsari",
    "Kalisari",
    "Karangtengah",
    "Banjarsari",
    "Kalipucang",
    "Sidareja",
    "Gumelar",
    "Kaliwungu",
    "Pagerandong",
    "Bojong",
    "Cikalong",
    "Babakan",
    "Kebonsari",
    "Ngasinan",
    "Glempang",
    "Sitinggil",
    "Grumbul Wetan",
    "Grumbul Kulon",
    "Kedungringin",
    "Pucung",
    "Tegalrejo",
)

_MOBILE_PREFIXES = (
    ("0811", "0812", "0813", "0821", "0822", "0823", "0851", "0852", "0853"),
    ("0814", "0815", "0816", "0855", "0856", "0857", "0858"),
    ("0817", "0818", "0819", "0859", "0877", "0878"),
    ("0895", "0896", "0897", "0898", "0899"),
    ("0881", "0882", "0883", "0887", "0888"),
    ("0831", "0832", "0833", "0838"),
)
_MOBILE_OPERATOR_SHARE = (50, 18, 15, 12, 3, 2)

# Foreign mobile formats: (country code + leading digits, digits to add).
_FOREIGN_MOBILES = {
    "TW": ("+8869", 8),
    "HK": ("+8529", 7),
    "MY": ("+6012", 7),
    "SG": ("+659", 7),
    "KR": ("+8210", 8),
    "JP": ("+8190", 8),
    "SA": ("+9665", 8),
    "AE": ("+97150", 7),
    "NL": ("+316", 8),
    "AU": ("+614", 8),
    "US": ("+1212", 7),
}
_ABROAD_CITIES = {
    "TW": ("Taipei", "Taoyuan", "Taichung", "Tainan", "Kaohsiung", "Changhua"),
    "HK": ("Sha Tin", "Kowloon", "Tsuen Wan", "Tuen Mun", "Wan Chai", "Tai Po"),
    "MY": ("Kuala Lumpur", "Johor Bahru", "Penang", "Kota Kinabalu", "Kuantan"),
    "SG": ("Tampines", "Bedok", "Jurong West", "Woodlands", "Toa Payoh"),
    "KR": ("Ansan", "Gimhae", "Hwaseong", "Changwon", "Busan"),
    "JP": ("Aichi", "Osaka", "Saitama", "Ibaraki", "Gifu", "Hiroshima"),
    "SA": ("Riyadh", "Jeddah", "Dammam"),
    "AE": ("Dubai", "Abu Dhabi", "Sharjah"),
    "NL": ("Den Haag", "Rotterdam", "Utrecht"),
    "AU": ("Perth", "Sydney", "Melbourne"),
    "US": ("New York", "Houston"),
    "BN": ("Bandar Seri Begawan",),
    "PL": ("Wroclaw", "Poznan"),
}
_COUNTRY_NAMES = {
    "TW": "Taiwan",
    "HK": "Hong Kong",
    "MY": "Malaysia",
    "SG": "Singapura",
    "KR": "Korea Selatan",
    "JP": "Jepang",
    "SA": "Arab Saudi",
    "AE": "Uni Emirat Arab",
    "NL": "Belanda",
    "AU": "Australia",
    "US": "Amerika Serikat",
    "BN": "Brunei",
    "PL": "Polandia",
}


@functools.cache
def _mobile_shape_valid(prefix: str, length: int) -> bool:
    """Whether numbers with this operator prefix and this many more digits are valid.

    Checked once per shape with `normalize_phone` (the whole number would cost a
    `phonenumbers` parse per person); the tests check every generated number.
    """
    return all(
        normalize_phone(prefix + digit * length) == f"+62{prefix[1:]}{digit * length}"
        for digit in "0159"
    )


def _employer(rng: random.Random, destination: str, job: str, city: str = "") -> str:
    city = city or rng.choice(_ABROAD_CITIES.get(destination, ("",)))
    household = any(word in job for word in ("rumah tangga", "lansia", "caregiver", "keluarga"))
    if destination == "TW" and household:
        surname = rng.choice(("Lin", "Chen", "Huang", "Chang", "Lee", "Wang", "Wu", "Tsai"))
        given = rng.choice(("Chih-Hao", "Mei-Ling", "Wen-Chieh", "Shu-Fen", "Kuo-Hua", "Ya-Ting"))
        return f"{surname} {given} ({city})"
    if destination == "TW":
        firm = rng.choice(("Hsin Feng", "Chuan Yi", "Da Sheng", "Yung Fu", "Tai Ming"))
        return f"{firm} Precision Industry Co., Ltd. ({city})"
    if destination in ("HK", "SG"):
        surname = rng.choice(("Chan", "Wong", "Lee", "Cheung", "Tan", "Lim", "Ng", "Goh"))
        given = rng.choice(("Mei Ling", "Ka Yan", "Siew Lan", "Wai Man", "Hui Min", "Kok Leong"))
        title = rng.choice(("Mrs.", "Mr.", "Ms."))
        return f"{title} {surname} {given} ({city})"
    if destination in ("MY", "BN"):
        kind = "Ladang" if "sawit" in job else "Kilang" if "operator" in job else "Syarikat"
        firm = rng.choice(("Sri Kenangan", "Bukit Hijau", "Tanjung Mewah", "Seri Pelangi"))
        return f"{kind} {firm} Sdn. Bhd. ({city})"
    if destination == "KR":
        firm = rng.choice(("Hanil Precision", "Daesung Metal", "Sejin Plastic", "Woojin Tech"))
        return f"{firm} Co., Ltd. ({city})"
    if destination == "JP":
        firm = rng.choice(("Yamada Shokuhin", "Sakura Kaigo", "Tanaka Kogyo", "Aoi Seimitsu"))
        return f"Kabushiki Kaisha {firm} ({city})"
    return f"{rng.choice(('Nowak', 'Kowalski', 'Baltic'))} Logistics Sp. z o.o. ({city})"


# ---------------------------------------------------------------------------------------
# The generator


@dataclass
class _Unit:
    """Applications that belong together (one person, a family, a ring)."""

    cases: list[DemoCase] = field(default_factory=list)
    order: float = 0.0  # tie-break among units submitted on the same day


# Placeholders for recommendation numbers, filled once a year's applications are dated:
# genuine ones in order of issue, fake ones in the official form but past the last issued.
_RECOMMENDATION_PENDING = "@"
_RECOMMENDATION_FAKE = "@fake"

# Builds one family member's application: (person, civil-status proof, age) -> case.
_Trip = Callable[[ApplicantRecord, str, int], DemoCase]


def _scaled(per_30000: float, per_year: int) -> int:
    count = round(per_30000 * per_year / 30000)
    return max(1, count) if per_year >= 300 else count


class _Generator:
    def __init__(self, villages: Sequence[Village], seed: int) -> None:
        known = [v for v in villages if v.regency_code in DEMO_REGENCIES]
        if not known:
            raise ValueError("no villages of the office's regencies were given")
        self.rng = random.Random(seed)
        self.villages = sorted(known, key=lambda v: v.code)
        self._serials: dict[str, set[int]] = {}
        self._phones: set[str] = set()
        self._cum: dict[str, list[float]] = {}
        self.by_district: dict[str, list[Village]] = {}
        for village in self.villages:
            self.by_district.setdefault(village.district_code, []).append(village)
        self._calendar: _Calendar | None = None
        self._group_serial = 0

    # --- places -----------------------------------------------------------------------

    def _village_weights(self, bias: str) -> list[float]:
        """Regencies keep their share; within one, towns or sending areas weigh more."""
        district_weight: dict[str, float] = {}
        for district, villages in self.by_district.items():
            profile = DEMO_REGENCIES[district[:5]]
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
            share = DEMO_REGENCIES[village.regency_code].weight
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
                return f"Jl. {rng.choice(_STREETS)} No. {number} {rtrw}"
            return f"Gg. {rng.choice(_STREETS[8:])} No. {number} {rtrw}"
        if kind < 0.45:
            return f"Dusun {rng.choice(_HAMLETS)} {rtrw}"
        if kind < 0.60:
            return f"Jl. Raya {village.district_name} No. {number} {rtrw}"
        if kind < 0.80:
            return f"Desa {village.name} {rtrw}"
        if kind < 0.90:
            return f"Dk. {rng.choice(_HAMLETS)} {rtrw}"
        return f"{rng.choice(_HAMLETS)} {rtrw}, Desa {village.name}"

    def mobile(self) -> str:
        """A new Indonesian mobile number (E.164) nobody else in the data has."""
        rng = self.rng
        while True:
            operator = _weighted(rng, _MOBILE_PREFIXES, _MOBILE_OPERATOR_SHARE)
            length = _weighted(rng, (8, 7, 9), (75, 13, 12))
            prefix = rng.choice(operator)
            if not _mobile_shape_valid(prefix, length):
                continue
            phone = f"+62{prefix[1:]}{rng.randrange(10**length):0{length}d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def foreign_mobile(self, country: str) -> str:
        prefix, length = _FOREIGN_MOBILES.get(country, _FOREIGN_MOBILES["MY"])
        while True:
            raw = prefix + "".join(str(self.rng.randrange(10)) for _ in range(length))
            phone = normalize_phone(raw)
            if phone and phone not in self._phones:
                self._phones.add(phone)
                return phone

    # --- identity ---------------------------------------------------------------------

    def nik(self, district_code: str, birth_date: dt.date, sex: str) -> str:
        day = birth_date.day + (40 if sex == FEMALE else 0)
        prefix = (
            district_code.replace(".", "")
            + f"{day:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"
        )
        used = self._serials.setdefault(prefix, set())
        draw = self.rng.random()
        if draw < 0.7:
            serial = self.rng.randint(1, 9)
        elif draw < 0.9:
            serial = self.rng.randint(10, 99)
        elif draw < 0.98:
            serial = self.rng.randint(100, 999)
        else:
            serial = self.rng.randint(1000, 9999)
        while serial in used:
            serial = serial % 9999 + 1
        used.add(serial)
        return f"{prefix}{serial:04d}"

    def birth_date(self, submitted: dt.date, min_age: float, max_age: float) -> dt.date:
        """A birth date giving an age in [min_age, max_age) years on `submitted`."""
        youngest = submitted - dt.timedelta(days=math.ceil(min_age * 365.25))
        oldest = submitted - dt.timedelta(days=math.floor(max_age * 365.25))
        return oldest + dt.timedelta(days=self.rng.randrange(max(1, (youngest - oldest).days)))

    def nik_origin(self, village: Village, *, local_only: bool = False) -> tuple[str, str]:
        """(kecamatan code of the NIK, birth place) for a person living in `village`."""
        rng = self.rng
        profile = DEMO_REGENCIES[village.regency_code]
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
        code, place = rng.choice(_ELSEWHERE_CENTRAL_JAVA if draw < 0.75 else _ELSEWHERE_FAR)
        return code, place

    def birth_place(self, district_code: str) -> str:
        """How someone whose NIK was issued in this kecamatan writes their birth place."""
        profile = DEMO_REGENCIES.get(district_code[:5])
        if profile is not None:
            return self.rng.choice(profile.birth_places)
        return dict(ELSEWHERE_DISTRICTS).get(district_code, "Jakarta")

    @staticmethod
    def age(birth_date: dt.date, on: dt.date) -> int:
        return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))

    def education(self, birth_date: dt.date, age: int) -> str:
        if age < 7:
            return "Belum Sekolah"
        if age < 13:
            return "Belum Tamat SD"
        if age < 16:
            return "SD"
        if age < 19:
            return _weighted(self.rng, ("SMP", "SMA/SMK"), (70, 30))
        levels = ("SD", "SMP", "SMA/SMK", "D3", "S1")
        if birth_date.year < 1965:
            weights: tuple[float, ...] = (55, 20, 17, 3, 5)
        elif birth_date.year < 1985:
            weights = (28, 25, 32, 5, 10)
        else:
            weights = (8, 20, 50, 7, 15)
        return _weighted(self.rng, levels, weights)

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
                return _weighted(rng, ("Ibu Rumah Tangga", "Pedagang", "Petani"), (70, 15, 15))
            return _weighted(rng, ("Petani", "Wiraswasta", "Belum/Tidak Bekerja"), (55, 25, 20))
        fisher = 10 if district in _COASTAL_DISTRICTS else 0.5
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
        return _weighted(rng, list(options), list(options.values()))

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
        return _weighted(self.rng, statuses, weights)

    def civil_proof(self, birth_date: dt.date, age: int, marital: str, christian: bool) -> str:
        rng = self.rng
        if christian and rng.random() < 0.4:
            return "surat_baptis"
        if age < 17:
            return "akta_lahir"
        married = marital != "Belum Kawin"
        if birth_date.year < 1970:
            options = ("akta_lahir", "ijazah", "buku_nikah")
            return _weighted(rng, options, (45, 35, 20 if married else 0))
        return _weighted(rng, ("akta_lahir", "ijazah", "buku_nikah"), (80, 12, 8 if married else 0))

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
        age = self.age(birth_date, submitted)
        if culture is None:
            if village.district_code in _SUNDANESE_DISTRICTS and rng.random() < 0.6:
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
        name = self.decorate(name, sex, birth_date, age, education, occupation, pilgrim, culture)
        if rng.random() < 0.1:
            name, birth_place = name.upper(), birth_place.upper()
        record = ApplicantRecord(
            nik=self.nik(nik_district, birth_date, sex),
            full_name=name,
            sex=sex,
            birth_place=birth_place,
            birth_date=birth_date,
            phone=phone if phone is not None else self.mobile(),
            address=address or self.address(village),
            village_code=village.code,
            education=education,
            occupation=occupation,
            marital_status=marital,
        )
        proof = self.civil_proof(birth_date, age, marital, culture == "christian")
        return record, proof

    def decorate(
        self,
        name: str,
        sex: str,
        birth_date: dt.date,
        age: int,
        education: str,
        occupation: str,
        pilgrim: bool,
        culture: str,
    ) -> str:
        """Add bin/binti, hajj and academic titles the way people write them on forms."""
        rng = self.rng
        muslim = culture != "christian"
        bin_chance = 0.25 if pilgrim else 0.03
        if muslim and age >= 17 and len(name.split()) <= 2 and rng.random() < bin_chance:
            father = rng.choice(_FATHER_NAMES)
            name = f"{name} {'binti' if sex == FEMALE else 'bin'} {father}"
        if muslim and age >= 40 and rng.random() < (0.15 if pilgrim else 0.02):
            name = f"{'Hj.' if sex == FEMALE else 'H.'} {name}"
        if education in _TITLES_AFTER and age >= 22:
            chance = 0.35 if occupation in ("PNS", "Guru", "Perawat", "Pensiunan") else 0.12
            if rng.random() < chance:
                if education == "S1" and birth_date.year < 1970 and rng.random() < 0.5:
                    prefix = rng.choice(("Ir.", "Drs.") if sex == MALE else ("Dra.", "Ir."))
                    name = f"{prefix} {name}"
                else:
                    name += rng.choice(_TITLES_AFTER[education])
        return name

    # --- applications -----------------------------------------------------------------

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
        letter = _weighted(rng, ("A", "B", "C", "E", "X"), (10, 35, 25, 10, 20))
        application.previous_passport_no = letter + f"{rng.randrange(10**7):07d}"
        kind = _weighted(rng, ("replacement", "lost", "damaged"), (86, 10, 4))
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
        return _weighted(
            rng,
            ("Tabungan pribadi", "Gaji", "Hasil usaha", "Tabungan", "Biaya kantor"),
            (40, 25, 15, 15, 5),
        )

    # --- honest purposes -------------------------------------------------------------

    def honest_single(self, purpose: str, submitted: dt.date) -> DemoCase:
        builder = getattr(self, f"_honest_{purpose}")
        case: DemoCase = builder(submitted)
        return case

    def _honest_tourism(
        self, submitted: dt.date, person: tuple[ApplicantRecord, str] | None = None
    ) -> DemoCase:
        rng = self.rng
        applicant, proof = person or self.person(submitted, ages=(19, 66), bias="urban")
        age = self.age(applicant.birth_date, submitted)
        destination = _from_dict(rng, _TOURISM_DESTINATIONS)
        return self._tourism_trip(applicant, proof, age, submitted, destination)

    def _tourism_trip(
        self,
        applicant: ApplicantRecord,
        proof: str,
        age: int,
        submitted: dt.date,
        destination: str,
        *,
        itinerary: str | None = None,
        return_ticket: str | None = None,
    ) -> DemoCase:
        rng = self.rng
        cities = list(_TOURISM_CITIES[destination])
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
        app.return_ticket = return_ticket or _weighted(rng, ("yes", "unknown", "no"), (68, 29, 3))
        app.funds_source = self.honest_funds(age, applicant.occupation)
        complete = app.return_ticket == "yes" and rng.random() < 0.92
        app.documents = self.documents(proof, "tourism", age=age, complete=complete)
        self.previous_passport(app, 0.25 if age >= 25 else 0.05)
        return DemoCase(applicant, app)

    def _umrah_trip(
        self,
        applicant: ApplicantRecord,
        proof: str,
        age: int,
        submitted: dt.date,
        ppiu: Organiser,
        *,
        sponsor: str,
    ) -> DemoCase:
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
        app.return_ticket = _weighted(rng, ("yes", "unknown"), (85, 15))
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
        return DemoCase(applicant, app)

    def _ppiu(self) -> Organiser:
        weights = [1 / (rank + 1) for rank in range(len(LICENSED_PPIU))]
        return _weighted(self.rng, LICENSED_PPIU, weights)

    def _honest_umrah(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        applicant, proof = self.person(submitted, ages=(25, 78), pilgrim=True)
        age = self.age(applicant.birth_date, submitted)
        sponsor = _weighted(rng, ("ppiu", "none"), (62, 38))
        case = self._umrah_trip(applicant, proof, age, submitted, self._ppiu(), sponsor=sponsor)
        if sponsor == "ppiu":
            case.pattern = Pattern.PPIU_PHONE
        return case

    def _honest_hajj(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        applicant, proof = self.person(submitted, ages=(42, 82), pilgrim=True)
        age = self.age(applicant.birth_date, submitted)
        app = self.application(submitted, "hajj", "SA")
        assert self._calendar is not None
        hajj = self._calendar.hajj_day(submitted)
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
        app.documents = self.documents(proof, "hajj", age=age, complete=rng.random() < 0.95)
        self.previous_passport(app, 0.08)
        return DemoCase(applicant, app)

    def _work_person(
        self, submitted: dt.date, destination: str
    ) -> tuple[ApplicantRecord, str, int]:
        rng = self.rng
        sex = FEMALE if rng.random() < _WORK_FEMALE_SHARE[destination] else MALE
        occupation = _weighted(
            rng,
            ("Ibu Rumah Tangga", "Belum/Tidak Bekerja", "Buruh Harian Lepas", "Karyawan Swasta")
            if sex == FEMALE
            else ("Buruh Harian Lepas", "Belum/Tidak Bekerja", "Petani", "Karyawan Swasta"),
            (35, 30, 20, 15),
        )
        education = _weighted(rng, ("SD", "SMP", "SMA/SMK", "D3"), (10, 35, 50, 5))
        applicant, proof = self.person(
            submitted,
            sex=sex,
            ages=(21, 43),
            bias="sending",
            occupation=occupation,
            education=education,
        )
        if sex == FEMALE and applicant.marital_status == "Kawin" and rng.random() < 0.2:
            applicant.marital_status = "Cerai Hidup"
        return applicant, proof, self.age(applicant.birth_date, submitted)

    def _work_trip(
        self, applicant: ApplicantRecord, proof: str, age: int, submitted: dt.date, destination: str
    ) -> DemoCase:
        """Procedural migrant work: licensed P3MI, Disnaker recommendation, contract."""
        rng = self.rng
        for_women, for_men = _WORK_JOBS[destination]
        job = rng.choice(for_women if applicant.sex == FEMALE else for_men)
        serving = [p for p in LICENSED_P3MI if destination in p.destinations]
        p3mi = rng.choice(serving or LICENSED_P3MI)
        app = self.application(submitted, "work", destination)
        app.employer_name = _employer(rng, destination, job)
        app.recruiter_name = p3mi.name
        app.recruiter_license_no = p3mi.license_no
        app.disnaker_recommendation_no = _RECOMMENDATION_PENDING
        app.itinerary = f"Kontrak kerja {rng.choice((2, 2, 3))} tahun sebagai {job}"
        app.return_ticket = _weighted(rng, ("no", "unknown"), (55, 45))
        app.funds_source = _weighted(
            rng,
            ("Ditanggung P3MI", "Ditanggung pemberi kerja", "KUR PMI (bank)", "Tabungan pribadi"),
            (40, 30, 15, 15),
        )
        app.documents = self.documents(proof, "work", age=age, complete=rng.random() < 0.9)
        return DemoCase(applicant, app)

    def _honest_work(self, submitted: dt.date) -> DemoCase:
        destination = _from_dict(self.rng, _WORK_DESTINATIONS)
        applicant, proof, age = self._work_person(submitted, destination)
        case = self._work_trip(applicant, proof, age, submitted, destination)
        self.previous_passport(case.application, 0.35)  # former migrant workers going again
        return case

    def _honest_seafarer(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        occupation = _weighted(
            rng,
            ("Nelayan", "Pelaut", "Belum/Tidak Bekerja", "Buruh Harian Lepas"),
            (35, 35, 15, 15),
        )
        applicant, proof = self.person(
            submitted,
            sex=MALE,
            ages=(19, 46),
            bias="sending",
            occupation=occupation,
            education=_weighted(rng, ("SMP", "SMA/SMK", "D3"), (30, 60, 10)),
        )
        age = self.age(applicant.birth_date, submitted)
        destination = _from_dict(rng, _SEAFARER_DESTINATIONS)
        agency = rng.choice(_MANNING_AGENCIES)
        app = self.application(submitted, "seafarer", destination)
        fishing = destination in ("TW", "KR", "JP", "ZA", "MU", "PE", "FJ", "ES")
        vessel = (
            f"FV {rng.choice(('Hai Sheng', 'Jin Long', 'Dong Won', 'Sea Fortune'))} "
            f"No. {rng.randint(1, 888)}"
            if fishing
            else f"MV {rng.choice(('Ocean Pioneer', 'Pacific Star', 'Nordic Wave'))}"
        )
        app.employer_name = f"{vessel} ({_SEAFARER_PORTS[destination]})"
        app.recruiter_name = agency.name
        app.recruiter_license_no = agency.license_no
        app.itinerary = f"Naik kapal {vessel} di {_SEAFARER_PORTS[destination]}"
        app.return_ticket = _weighted(rng, ("no", "unknown"), (50, 50))
        app.funds_source = "Ditanggung perusahaan (manning agency)"
        extra = [d for d in ("kontrak_kerja", "sarkes") if rng.random() < 0.5]
        complete = rng.random() < 0.92
        app.documents = self.documents(proof, "seafarer", age=age, complete=complete, extra=extra)
        self.previous_passport(app, 0.5)
        return DemoCase(applicant, app)

    def _honest_study(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        applicant, proof = self.person(
            submitted,
            ages=(18, 27),
            bias="urban",
            occupation="Pelajar/Mahasiswa",
            education=_weighted(rng, ("SMA/SMK", "S1"), (65, 35)),
            marital="Belum Kawin",
        )
        age = self.age(applicant.birth_date, submitted)
        destination = _from_dict(rng, _STUDY_DESTINATIONS)
        app = self.application(submitted, "study", destination)
        app.itinerary = f"Kuliah di {_STUDY_PLACES[destination]}"
        scholarship = rng.random() < 0.35
        app.funds_source = (
            rng.choice(("Beasiswa LPDP", "Beasiswa pemerintah tujuan", "Beasiswa kampus"))
            if scholarship
            else "Biaya orang tua"
        )
        app.return_ticket = "unknown"
        app.documents = self.documents(proof, "study", age=age, complete=rng.random() < 0.93)
        return DemoCase(applicant, app)

    def _honest_internship(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        applicant, proof = self.person(
            submitted,
            ages=(19, 28),
            bias="sending",
            education=_weighted(rng, ("SMA/SMK", "D3"), (85, 15)),
            marital="Belum Kawin",
        )
        age = self.age(applicant.birth_date, submitted)
        destination = _from_dict(rng, _INTERNSHIP_DESTINATIONS)
        lpk = rng.choice(_LPK)
        app = self.application(submitted, "internship", destination)
        job = "magang teknis (pemagangan)"
        city = rng.choice(_ABROAD_CITIES.get(destination, ("",))) or "Hamburg"
        app.itinerary = f"Program {job} {rng.choice((1, 3))} tahun di {city}"
        app.employer_name = (
            _employer(rng, destination, "operator pabrik", city)
            if destination in _ABROAD_CITIES
            else f"Hansa Technik GmbH ({city})"
        )
        app.recruiter_name = lpk.name
        app.recruiter_license_no = lpk.license_no
        app.return_ticket = "unknown"
        app.funds_source = rng.choice(("Biaya orang tua", "Tabungan pribadi", "Ditanggung LPK"))
        app.documents = self.documents(proof, "internship", age=age, complete=rng.random() < 0.9)
        return DemoCase(applicant, app)

    def _family_visit_sponsor(self, app: ApplicationRecord, destination: str) -> None:
        rng = self.rng
        relation = rng.choice(
            ("Anak", "Anak", "Suami", "Istri", "Saudara kandung", "Keponakan", "Menantu")
        )
        sex = FEMALE if relation in ("Istri",) or rng.random() < 0.5 else MALE
        if relation == "Suami":
            sex = MALE
        app.sponsor_name = make_name(rng, sex=sex, birth_year=rng.randint(1975, 2000))
        app.sponsor_phone = self.foreign_mobile(destination)
        app.sponsor_relation = relation
        city = rng.choice(_ABROAD_CITIES.get(destination, ("",)))
        app.sponsor_address = f"{city}, {_COUNTRY_NAMES.get(destination, destination)}"

    def _honest_family_visit(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        applicant, proof = self.person(submitted, ages=(25, 68), bias="sending")
        age = self.age(applicant.birth_date, submitted)
        destination = _from_dict(rng, _FAMILY_VISIT_DESTINATIONS)
        app = self.application(submitted, "family_visit", destination)
        self._family_visit_sponsor(app, destination)
        app.itinerary = f"Mengunjungi {app.sponsor_relation.lower()} di {app.sponsor_address}"
        app.return_ticket = _weighted(rng, ("yes", "unknown"), (70, 30))
        app.funds_source = rng.choice(("Dibiayai keluarga di luar negeri", "Tabungan pribadi"))
        extra = ["tiket_pulang"] if app.return_ticket == "yes" else []
        complete = rng.random() < 0.9
        app.documents = self.documents(
            proof, "family_visit", age=age, complete=complete, extra=extra
        )
        self.previous_passport(app, 0.2)
        return DemoCase(applicant, app)

    def _honest_medical(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        applicant, proof = self.person(submitted, ages=(35, 78))
        age = self.age(applicant.birth_date, submitted)
        destination, hospital = rng.choice(_MEDICAL_PLACES)
        app = self.application(submitted, "medical", destination, departure_days=(10, 30))
        app.itinerary = f"Berobat ke {hospital}"
        app.return_ticket = "yes"
        app.funds_source = rng.choice(("Tabungan pribadi", "Biaya anak", "Hasil usaha"))
        if rng.random() < 0.6:
            app.companion_name = make_name(
                rng, sex=rng.choice((MALE, FEMALE)), birth_year=applicant.birth_date.year + 25
            )
            app.companion_phone = self.mobile()
            app.companion_relation = "Anak"
        app.documents = self.documents(proof, "medical", age=age, extra=["tiket_pulang"])
        self.previous_passport(app, 0.3)
        return DemoCase(applicant, app)

    def _honest_business(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        occupation = _weighted(rng, ("Wiraswasta", "Pedagang", "Karyawan Swasta"), (50, 25, 25))
        applicant, proof = self.person(
            submitted, ages=(26, 62), bias="urban", occupation=occupation
        )
        age = self.age(applicant.birth_date, submitted)
        destination = _from_dict(rng, _BUSINESS_DESTINATIONS)
        city = rng.choice(_BUSINESS_CITIES[destination])
        app = self.application(submitted, "business", destination, departure_days=(10, 45))
        app.itinerary = rng.choice(_BUSINESS_REASONS).format(city=city)
        app.return_ticket = _weighted(rng, ("yes", "unknown"), (80, 20))
        app.funds_source = "Biaya perusahaan" if occupation == "Karyawan Swasta" else "Hasil usaha"
        extra = ["tiket_pulang"] if app.return_ticket == "yes" else []
        app.documents = self.documents(proof, "business", age=age, extra=extra)
        self.previous_passport(app, 0.5)
        return DemoCase(applicant, app)

    def _honest_other(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        applicant, proof = self.person(submitted, ages=(17, 65))
        age = self.age(applicant.birth_date, submitted)
        if proof == "surat_baptis" or rng.random() < 0.1:
            destination, reason = _HOLY_LAND_TRIP
        else:
            destination, reason = rng.choice(_OTHER_TRIPS)
        app = self.application(submitted, "other", destination)
        app.itinerary = reason
        app.return_ticket = "yes"
        app.funds_source = self.honest_funds(age, applicant.occupation)
        app.documents = self.documents(proof, "other", age=age, extra=["tiket_pulang"])
        self.previous_passport(app, 0.2)
        return DemoCase(applicant, app)

    # --- families (benign lookalike) ---------------------------------------------------

    def family(self, purpose: str, size: int, submitted: dt.date) -> list[DemoCase]:
        """Relatives from one address applying on the same day, naming each other."""
        rng = self.rng
        village = self.village("urban" if purpose == "tourism" else "normal")
        address = self.address(village)
        pilgrim = purpose == "umrah"
        head_ages = {"umrah": (38, 70), "tourism": (32, 55), "family_visit": (30, 60)}[purpose]
        head_sex = MALE if rng.random() < 0.8 else FEMALE
        head, head_proof = self.person(
            submitted,
            village=village,
            sex=head_sex,
            ages=head_ages,
            address=address,
            marital="Kawin",
            pilgrim=pilgrim,
        )
        head_age = self.age(head.birth_date, submitted)
        members: list[tuple[ApplicantRecord, str, str]] = [(head, head_proof, "")]
        head_word = "Ayah" if head_sex == MALE else "Ibu"
        for index in range(1, size):
            if index == 1 and rng.random() < 0.85:
                spouse_age = max(18.0, head_age + rng.randint(-8, 3))
                spouse, proof = self.person(
                    submitted,
                    village=village,
                    sex=FEMALE if head_sex == MALE else MALE,
                    ages=(spouse_age, spouse_age + 1),
                    address=address,
                    marital="Kawin",
                    pilgrim=pilgrim,
                )
                members.append((spouse, proof, "Suami" if head_sex == MALE else "Istri"))
            elif head_age < 52 and rng.random() < 0.15:
                parent_age = head_age + rng.randint(22, 30)
                parent, proof = self.person(
                    submitted,
                    village=village,
                    ages=(parent_age, parent_age + 1),
                    address=address,
                    pilgrim=pilgrim,
                )
                members.append((parent, proof, "Anak"))
            else:
                oldest = max(2, min(head_age - 20, 32))
                child_age = rng.randint(1, oldest)
                district = head.nik[:2] + "." + head.nik[2:4] + "." + head.nik[4:6]
                phone = (
                    head.phone
                    if child_age < 13 or (child_age < 17 and rng.random() < 0.7)
                    else None
                )
                child, proof = self.person(
                    submitted,
                    village=village,
                    ages=(child_age, child_age + 1),
                    address=address,
                    phone=phone,
                    marital="Belum Kawin" if child_age < 26 else None,
                    nik_district=district if district in self.by_district else None,
                    pilgrim=pilgrim,
                )
                members.append((child, proof, head_word))
        spouse_relation = "Istri" if head_sex == MALE else "Suami"
        trip = self._family_trip(purpose, submitted)
        cases = []
        for index, (person, proof, relation) in enumerate(members):
            age = self.age(person.birth_date, submitted)
            case = trip(person, proof, age)
            app = case.application
            if index == 0 and len(members) > 1 and members[1][2] in ("Suami", "Istri"):
                companion, relation = members[1][0], spouse_relation
            elif index == 0:
                companion = None
            else:
                companion = head
            if companion is not None:
                app.companion_name = companion.full_name
                app.companion_phone = companion.phone
                app.companion_relation = relation
            case.pattern = Pattern.FAMILY
            cases.append(case)
        return cases

    def _family_trip(self, purpose: str, submitted: dt.date) -> _Trip:
        """The same trip for every member of a family (destination, organiser, sponsor)."""
        rng = self.rng
        if purpose == "umrah":
            ppiu = self._ppiu()
            sponsor = _weighted(rng, ("ppiu", "none"), (62, 38))

            def umrah(person: ApplicantRecord, proof: str, age: int) -> DemoCase:
                return self._umrah_trip(person, proof, age, submitted, ppiu, sponsor=sponsor)

            return umrah
        if purpose == "tourism":
            destination = _from_dict(rng, _TOURISM_DESTINATIONS)
            first: list[DemoCase] = []

            def tourism(person: ApplicantRecord, proof: str, age: int) -> DemoCase:
                if not first:
                    case = self._tourism_trip(person, proof, age, submitted, destination)
                    first.append(case)
                    return case
                lead = first[0].application
                case = self._tourism_trip(
                    person,
                    proof,
                    age,
                    submitted,
                    destination,
                    itinerary=lead.itinerary,
                    return_ticket=lead.return_ticket,
                )
                case.application.intended_departure = lead.intended_departure
                return case

            return tourism
        destination = _from_dict(rng, _FAMILY_VISIT_DESTINATIONS)
        template = self.application(submitted, "family_visit", destination)
        self._family_visit_sponsor(template, destination)

        def visit(person: ApplicantRecord, proof: str, age: int) -> DemoCase:
            app = self.application(submitted, "family_visit", destination)
            app.intended_departure = template.intended_departure
            app.sponsor_name = template.sponsor_name
            app.sponsor_phone = template.sponsor_phone
            app.sponsor_relation = "Keluarga"
            app.sponsor_address = template.sponsor_address
            app.itinerary = f"Mengunjungi keluarga di {template.sponsor_address}"
            app.return_ticket = "yes"
            app.funds_source = "Dibiayai keluarga di luar negeri"
            app.documents = self.documents(proof, "family_visit", age=age, extra=["tiket_pulang"])
            return DemoCase(person, app)

        return visit

    # --- suspicious patterns ---------------------------------------------------------

    def _vulnerable_person(
        self,
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
        rng = self.rng
        choices = [o for o in occupations if o != "Ibu Rumah Tangga" or sex == FEMALE]
        person, proof = self.person(
            submitted,
            village=village,
            sex=sex,
            ages=ages,
            bias="sending",
            occupation=rng.choice(choices),
            education=rng.choice(educations),
        )
        return person, proof, self.age(person.birth_date, submitted)

    def _contact(self) -> tuple[str, str]:
        """Someone who "sponsors" the trip: a name and a mobile."""
        sex = self.rng.choice((MALE, FEMALE))
        name = make_name(self.rng, sex=sex, birth_year=self.rng.randint(1965, 1992))
        return name, self.mobile()

    def disguised_tourism(
        self, submitted: dt.date, *, destination: str | None = None, village: Village | None = None
    ) -> DemoCase:
        rng = self.rng
        destination = destination or _from_dict(rng, {"MY": 55, "SA": 18, "AE": 15, "KH": 12})
        female_share = {"MY": 0.45, "SA": 0.85, "AE": 0.85, "KH": 0.5}.get(destination, 0.5)
        sex = FEMALE if rng.random() < female_share else MALE
        person, proof, age = self._vulnerable_person(submitted, sex=sex, village=village)
        app = self.application(submitted, "tourism", destination, departure_days=(7, 21))
        app.return_ticket = _weighted(rng, ("no", "unknown"), (55, 45))
        app.itinerary = _weighted(
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
            app.sponsor_name, app.sponsor_phone = self._contact()
            app.sponsor_relation = rng.choice(("Teman", "Kenalan", "Saudara jauh"))
        if rng.random() < 0.25:
            app.recruiter_name = rng.choice(_UNLICENSED_RECRUITERS)
            indicators.append("D21")
        app.documents = self.documents(proof, "tourism", age=age, complete=False)
        return DemoCase(person, app, Pattern.DISGUISED_TOURISM, indicators=tuple(indicators))

    def middle_east_domestic(
        self, submitted: dt.date, *, destination: str | None = None, village: Village | None = None
    ) -> DemoCase:
        rng = self.rng
        destination = destination or _from_dict(
            rng, {"SA": 50, "AE": 20, "QA": 10, "KW": 10, "OM": 5, "JO": 5}
        )
        person, proof, age = self._vulnerable_person(
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
        app = self.application(submitted, "work", destination, departure_days=(7, 28))
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
            app.recruiter_name = rng.choice(_UNLICENSED_RECRUITERS)
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
                    _RECOMMENDATION_FAKE,  # the official form, but never issued
                    _RECOMMENDATION_FAKE,
                )
            )
            indicators.append("D03")
        app.return_ticket = _weighted(rng, ("no", "unknown"), (70, 30))
        app.funds_source = rng.choice(("Ditanggung sponsor", "Dipinjami agen", "Majikan"))
        extra = [d for d in ("sarkes", "izin_keluarga") if rng.random() < 0.45]
        if "izin_keluarga" not in extra:
            indicators.append("D25")
        app.documents = self.documents(proof, "other", age=age, extra=extra)
        return DemoCase(person, app, Pattern.MIDDLE_EAST_DOMESTIC, indicators=tuple(indicators))

    def umrah_cover(self, submitted: dt.date, *, village: Village | None = None) -> DemoCase:
        rng = self.rng
        sex = FEMALE if rng.random() < 0.75 else MALE
        person, proof, age = self._vulnerable_person(
            submitted, sex=sex, ages=(19, 41), village=village
        )
        app = self.application(submitted, "umrah", "SA", departure_days=(7, 24))
        app.return_ticket = _weighted(rng, ("no", "unknown"), (70, 30))
        app.itinerary = _weighted(
            rng, ("", "Umrah mandiri", "Ikut rombongan teman", "Umrah backpacker"), (50, 20, 20, 10)
        )
        app.sponsor_name, app.sponsor_phone = self._contact()
        app.sponsor_relation = _weighted(rng, ("Teman", "Kenalan", "Majikan"), (45, 45, 10))
        app.funds_source = rng.choice(("Dibiayai sponsor", "Pinjaman", "Dibayari teman"))
        app.documents = self.documents(proof, "umrah", age=age, complete=False)
        return DemoCase(person, app, Pattern.UMRAH_COVER, indicators=("D07", "D22", "D04"))

    def no_agreement_job(
        self, submitted: dt.date, *, destination: str | None = None, village: Village | None = None
    ) -> DemoCase:
        rng = self.rng
        destination = destination or _from_dict(rng, {"KH": 45, "TH": 25, "MM": 15, "LA": 15})
        sex = rng.choice((MALE, FEMALE))
        person, proof, age = self._vulnerable_person(
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
        purpose = _weighted(rng, ("tourism", "business", "other"), (75, 15, 10))
        app = self.application(submitted, purpose, destination, departure_days=(5, 20))
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
        app.return_ticket = _weighted(rng, ("no", "unknown", "yes"), (40, 30, 30))
        app.documents = self.documents(proof, purpose, age=age, complete=False)
        social = "Facebook" in app.itinerary or "TikTok" in app.itinerary
        indicators = ("D06", "D19") if social else ("D06",)
        return DemoCase(person, app, Pattern.NO_AGREEMENT_JOB, indicators=indicators)

    def under_18_work(self, submitted: dt.date) -> DemoCase:
        rng = self.rng
        destination = _from_dict(rng, {"MY": 40, "SA": 20, "TW": 20, "HK": 20})
        sex = FEMALE if rng.random() < 0.7 else MALE
        person, proof = self.person(
            submitted,
            sex=sex,
            ages=(16, 18),
            bias="sending",
            occupation=rng.choice(("Belum/Tidak Bekerja", "Pelajar/Mahasiswa")),
            education=rng.choice(("SD", "SMP")),
            marital="Belum Kawin",
        )
        age = self.age(person.birth_date, submitted)
        app = self.application(submitted, "work", destination, departure_days=(10, 35))
        app.employer_name = _employer(rng, destination, "penata laksana rumah tangga")
        if destination in ("SA",):
            app.employer_name = "Keluarga Al-Harbi (Jeddah)"
        if rng.random() < 0.6:
            app.recruiter_name = rng.choice(_UNLICENSED_RECRUITERS)
        else:
            p3mi = rng.choice(LICENSED_P3MI)
            app.recruiter_name, app.recruiter_license_no = p3mi.name, p3mi.license_no
        app.return_ticket = "no"
        app.funds_source = rng.choice(("Dipinjami agen", "Ditanggung P3MI", "Pinjaman"))
        extra = ["izin_keluarga"] if rng.random() < 0.5 else []
        app.documents = ["kk", proof, *extra] if age < 17 else ["ktp", "kk", proof, *extra]
        indicators = ("D26", "D02") if destination != "SA" else ("D26", "D02", "D05")
        return DemoCase(person, app, Pattern.UNDER_18_WORK, indicators=indicators)

    def ring(self, calendar: _Calendar, year_tag: str) -> list[DemoCase]:
        """A broker (calo) bringing 3-8 people from different kecamatan within a few weeks."""
        rng = self.rng
        self._group_serial += 1
        group = f"ring-{year_tag}-{self._group_serial:03d}"
        kind = _weighted(
            rng,
            ("disguised_tourism", "umrah_cover", "no_agreement_job", "middle_east_domestic"),
            (55, 20, 15, 10),
        )
        destination = {
            "disguised_tourism": _from_dict(rng, {"MY": 60, "SA": 20, "AE": 20}),
            "umrah_cover": "SA",
            "no_agreement_job": _from_dict(rng, {"KH": 60, "TH": 20, "MM": 20}),
            "middle_east_domestic": _from_dict(rng, {"SA": 70, "AE": 30}),
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
        broker_phone = self.mobile()
        link = _weighted(rng, ("sponsor", "companion", "both"), (40, 35, 25))
        start = calendar.draw(rng, "tourism", last=dt.date(calendar.year, 12, 1))
        size = rng.randint(3, 8)
        home = self.village("sending")
        used_districts: list[str] = []
        cases = []
        for _ in range(size):
            village = home
            for _attempt in range(60):
                village = self.village("sending")
                near = village.regency_code == home.regency_code or rng.random() < 0.35
                if village.district_code not in used_districts and near:
                    break
            used_districts.append(village.district_code)
            submitted = calendar.on_or_after(start + dt.timedelta(days=rng.randint(0, 24)))
            if kind == "disguised_tourism":
                case = self.disguised_tourism(submitted, destination=destination, village=village)
            elif kind == "umrah_cover":
                case = self.umrah_cover(submitted, village=village)
            elif kind == "no_agreement_job":
                case = self.no_agreement_job(submitted, destination=destination, village=village)
            else:
                case = self.middle_east_domestic(
                    submitted, destination=destination, village=village
                )
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

    def duplicate(self, calendar: _Calendar, year_tag: str) -> list[DemoCase]:
        """One person applying twice within weeks (D11); half change the purpose."""
        rng = self.rng
        self._group_serial += 1
        group = f"dup-{year_tag}-{self._group_serial:03d}"
        first_day = calendar.draw(rng, "tourism", last=dt.date(calendar.year, 11, 20))
        second_day = calendar.on_or_after(first_day + dt.timedelta(days=rng.randint(7, 42)))
        if rng.random() < 0.5:
            # Applied for work without a recommendation, then comes back as a tourist.
            destination = _from_dict(rng, {"MY": 50, "TW": 20, "HK": 20, "SG": 10})
            person, proof, age = self._work_person(first_day, destination)
            first = self._work_trip(person, proof, age, first_day, destination)
            first.application.disnaker_recommendation_no = ""
            age = self.age(person.birth_date, second_day)
            second = self._tourism_trip(
                person, proof, age, second_day, destination, itinerary="", return_ticket="no"
            )
        else:
            # The same trip again, as if the first application had never been made.
            person, proof = self.person(first_day, ages=(19, 45), bias="sending")
            destination = _from_dict(rng, _TOURISM_DESTINATIONS)
            first = self._tourism_trip(
                person,
                proof,
                age=self.age(person.birth_date, first_day),
                submitted=first_day,
                destination=destination,
            )
            age = self.age(person.birth_date, second_day)
            second = self._tourism_trip(person, proof, age, second_day, destination)
        for case in (first, second):
            case.application.documents = [
                d for d in case.application.documents if d != "rekomendasi_disnaker"
            ]
            case.pattern = Pattern.DUPLICATE
            case.group = group
            case.indicators = ("D11",)
        return [first, second]

    # --- a year -----------------------------------------------------------------------

    def year(self, year: int, per_year: int) -> list[DemoCase]:
        rng = self.rng
        calendar = _Calendar(year)
        self._calendar = calendar
        units: list[_Unit] = []

        def add(cases: list[DemoCase]) -> None:
            units.append(_Unit(cases, rng.random()))

        simple = (
            (self.disguised_tourism, 140, "tourism"),
            (self.middle_east_domestic, 30, "work"),
            (self.umrah_cover, 40, "umrah"),
            (self.no_agreement_job, 40, "tourism"),
            (self.under_18_work, 10, "work"),
        )
        for builder, rate, profile in simple:
            for _ in range(_scaled(rate, per_year)):
                add([builder(calendar.draw(rng, profile))])
        for _ in range(_scaled(20, per_year)):
            add(self.ring(calendar, str(year)))
        for _ in range(_scaled(25, per_year)):
            add(self.duplicate(calendar, str(year)))
        rows = sum(len(unit.cases) for unit in units)
        if rows > per_year:  # tiny years: keep the count exact
            kept: list[_Unit] = []
            for unit in units:
                if sum(len(u.cases) for u in kept) + len(unit.cases) <= per_year:
                    kept.append(unit)
            units, rows = kept, sum(len(u.cases) for u in kept)

        purposes = list(PURPOSE_MIX)
        unit_weights = [PURPOSE_MIX[p] / self._mean_unit_size(p) for p in purposes]
        while rows < per_year:
            purpose = _weighted(rng, purposes, unit_weights)
            profile = purpose if purpose in ("umrah", "hajj", "tourism", "work") else "other"
            submitted = calendar.draw(rng, profile)
            if purpose in _FAMILY_SHARE and rng.random() < _FAMILY_SHARE[purpose]:
                sizes, weights = _FAMILY_SIZES[purpose]
                size = min(_weighted(rng, sizes, weights), per_year - rows)
                if size >= 2:
                    self._group_serial += 1
                    cases = self.family(purpose, size, submitted)
                    for case in cases:
                        case.group = f"family-{year}-{self._group_serial:04d}"
                    add(cases)
                    rows += len(cases)
                    continue
            add([self.honest_single(purpose, submitted)])
            rows += 1

        ordered = sorted(
            (
                (case.application.submitted_on, unit.order, index, case)
                for unit in units
                for index, case in enumerate(unit.cases)
            ),
            key=lambda item: item[:3],
        )
        cases = [item[3] for item in ordered]
        recommendation = rng.randint(40, 400)
        for number, case in enumerate(cases, start=1):
            app = case.application
            app.application_no = f"CLP-{year}-{number:06d}"
            if app.disnaker_recommendation_no == _RECOMMENDATION_PENDING:
                recommendation += 1
                app.disnaker_recommendation_no = f"562/{recommendation:04d}/REKOM/{year}"
        for case in cases:
            if case.application.disnaker_recommendation_no == _RECOMMENDATION_FAKE:
                fake = recommendation + rng.randint(30, 900)
                case.application.disnaker_recommendation_no = f"562/{fake:04d}/REKOM/{year}"
        return cases

    @staticmethod
    def _mean_unit_size(purpose: str) -> float:
        if purpose not in _FAMILY_SHARE:
            return 1.0
        sizes, weights = _FAMILY_SIZES[purpose]
        mean_family = sum(s * w for s, w in zip(sizes, weights, strict=True)) / sum(weights)
        share = _FAMILY_SHARE[purpose]
        return share * mean_family + (1 - share)


def generate(
    villages: Sequence[Village],
    *,
    years: Sequence[int],
    per_year: int,
    seed: int = 1,
    until: dt.date | None = None,
) -> list[DemoCase]:
    """`per_year` applications for each year, in order of application number.

    Deterministic: the same villages, years, count and seed always give the same cases.
    With `until`, applications submitted after that day are left out (a year still
    running gets only its past part; the numbers of the others stay the same).
    """
    generator = _Generator(villages, seed)
    cases: list[DemoCase] = []
    for year in sorted(set(years)):
        cases.extend(generator.year(year, per_year))
    if until is not None:
        cases = [case for case in cases if case.application.submitted_on <= until]
    return cases
