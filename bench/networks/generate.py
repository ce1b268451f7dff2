"""A synthetic national year of passport applications for the network benchmark.

    .venv/bin/python bench/networks/generate.py --applications 3000000 \\
        --out var/bench/networks/3000000

writes `applications.parquet` and `parties.parquet` (the columns of
`waspada.domain.network.ApplicationTable`), `truth.parquet` (row, pattern (an index into
`PATTERNS`), group, flagged: what was planted, and who has their own indicators) and
`organisers.json` (the licensed organisers' registry). Deterministic for a seed; numpy +
Polars (Python loops only over rings, chains and organised groups, and to keep generated
phone numbers unique).

What a year holds (shares of rows; see README.md for the figures at 3,000,000):

- Villages: all 83,762 Kemendagri villages, weighted by province (Java, NTB, Lampung,
  North Sumatra send most); addresses as KTPs write them: "Dusun Krajan RT 003/RW 002"
  (no house number: neighbours in one RT share it), "Jl. Melati No. 12 RT 01/RW 04"...
- Names: drawn from 600,000 people made by the matching benchmark's generator (Javanese,
  Sundanese, Muslim, modern, Batak, Balinese, Chinese-Indonesian; popular names Zipf-like,
  so strangers share "Siti Aminah"); one in ten written in capitals.
- Phones: the applicant's own mobile in six written forms (0812..., +62 812-..., 62812...);
  4 % empty, 1.5 % placeholders ("-", "0", "tidak ada", "n/a"), 1 % unparsable ("0812345"),
  0.3 % the same fake-but-valid numbers (081234567890...: hubs), 1 % a phone shared with 1-7
  neighbours of the same village (a relative's, a kiosk's).
- Families (25 % of rows, groups of 2-6): one address, one day, one trip; members name the
  head (or the spouse) as companion with a relation word, children often give the head's
  phone.
- Licensed organisers: 1,200 PPIU (umrah; 65 % of umrah pilgrims give its office phone and
  name as sponsor) and 400 P3MI (80 % of work applicants name one as recruiter with its
  licence, a third also give its office phone). All are in `organisers.json`.
- Other sponsors: relatives abroad (family visits, foreign phones, relation words), friends
  (4 %: a name from the pool, so common names recur, and their own phone), junk written in
  the sponsor name ("Biaya Sendiri", "Orang Tua", "Hamba Allah": hubs).
- Planted rings (one per 2,000 rows): a broker (calo) whose phone and name members give as
  sponsor and/or companion, 3-15 members each from a different kecamatan of one regency,
  within 24 days, same destination; his phone in any written form, his name with a title,
  in capitals or lowercase; one member in twenty gives only his name; half have their own
  indicators.
- Chains (one per 150,000 rows): three unlicensed umrah agents with 90-160 customers each,
  12 % of whom also give the next agent's phone: ~380 applications in one component, a
  giant the detection must break up.
- Organiser-led groups the registry does not know (one per 1,000 rows): departures of a
  PPIU's umrah pilgrims (15-45, "PT Amanah Tour & Travel" named as sponsor, "PPIU",
  "Travel Umrah", "Biro Perjalanan"; some name the muthawif as companion), tour groups
  (8-30, a tour leader as companion, the agency as sponsor for half) and workers of a P3MI
  (5-25, "P3MI", "Perusahaan Penempatan", "Agen Resmi"; half give it as recruiter with a
  licence): many villages of one province, submitted within four weeks before one
  departure, 3 % with their own indicators. An organiser runs one to three departures;
  its name is written in several forms ("PT. Amanah Tour", "Amanah Tour"), its office
  phone is given by the members, and neither is in `organisers.json`. They draw from their
  own random stream and take over singles at the end, so a seed's rings, chains and
  families are the same with or without them.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from waspada.domain.network import name_key, phone_key  # noqa: E402
from waspada.domain.phones import normalize_phone  # noqa: E402

WILAYAH = REPO / "waspada" / "regions" / "data" / "wilayah.csv"
YEAR = 2025

HONEST, FAMILY, RING, CHAIN, ORGANISED = 0, 1, 2, 3, 4
PATTERNS = ("honest", "family", "ring", "chain", "organised")

# Share of passport applicants by province (assumption: the big sending provinces first).
PROVINCE_WEIGHT = {
    "33": 14.0,  # Jawa Tengah
    "35": 14.0,  # Jawa Timur
    "32": 14.0,  # Jawa Barat
    "31": 8.0,  # DKI Jakarta
    "36": 4.0,  # Banten
    "52": 5.0,  # Nusa Tenggara Barat
    "18": 3.0,  # Lampung
    "12": 4.0,  # Sumatera Utara
    "51": 3.0,  # Bali
    "73": 3.0,  # Sulawesi Selatan
    "34": 2.0,  # DI Yogyakarta
    "21": 2.0,  # Kepulauan Riau
    "61": 2.0,  # Kalimantan Barat
    "64": 1.5,  # Kalimantan Timur
    "13": 1.5,  # Sumatera Barat
    "16": 1.5,  # Sumatera Selatan
}

PURPOSES = {
    "tourism": (35, {"MY": 25, "SG": 20, "TH": 10, "JP": 12, "KR": 8, "SA": 5, "AE": 5, "CN": 15}),
    "umrah": (22, {"SA": 100}),
    "work": (18, {"MY": 30, "TW": 25, "HK": 15, "KR": 10, "JP": 10, "SA": 5, "AE": 5}),
    "seafarer": (5, {"SG": 30, "KR": 20, "TW": 20, "NL": 15, "JP": 15}),
    "family_visit": (6, {"MY": 30, "SA": 15, "TW": 15, "HK": 15, "SG": 10, "NL": 10, "AU": 5}),
    "study": (4, {"JP": 25, "AU": 20, "MY": 20, "EG": 20, "TW": 15}),
    "hajj": (2, {"SA": 100}),
    "business": (4, {"SG": 30, "CN": 30, "MY": 20, "JP": 20}),
    "other": (4, {"MY": 40, "SG": 30, "SA": 30}),
}
FOREIGN_MOBILE = {"MY": ("+6012", 7), "SA": ("+9665", 8), "TW": ("+8869", 8), "HK": ("+8529", 7)}

MOBILE_PREFIXES = [
    "811",
    "812",
    "813",
    "821",
    "822",
    "823",
    "851",
    "852",
    "853",
    "814",
    "815",
    "816",
    "855",
    "856",
    "857",
    "858",
    "817",
    "818",
    "819",
    "859",
    "877",
    "878",
    "895",
    "896",
    "897",
    "898",
    "899",
    "881",
    "882",
    "883",
    "887",
    "888",
    "831",
    "832",
    "833",
    "838",
]
AREA_CODES = [
    "21",
    "22",
    "24",
    "31",
    "61",
    "274",
    "281",
    "282",
    "287",
    "341",
    "361",
    "370",
    "411",
    "711",
    "721",
]
HAMLETS = [
    "Krajan",
    "Karanganyar",
    "Karangsari",
    "Kauman",
    "Pesantren",
    "Tegalsari",
    "Sidamulya",
    "Sukamaju",
    "Kalisari",
    "Banjarsari",
    "Kaliwungu",
    "Bojong",
    "Babakan",
    "Kebonsari",
    "Tegalrejo",
    "Sukorejo",
    "Wonorejo",
    "Sumbersari",
    "Mekarsari",
    "Cikalong",
    "Pucung",
    "Ngasinan",
    "Gumelar",
    "Sindangsari",
    "Karangtengah",
    "Kedungringin",
]
STREETS = [
    "Melati",
    "Mawar",
    "Kenanga",
    "Merdeka",
    "Pemuda",
    "Diponegoro",
    "Jend. Sudirman",
    "Gatot Subroto",
    "Kartini",
    "Pahlawan",
    "Veteran",
    "Masjid",
    "Sultan Agung",
    "Cendana",
    "Flamboyan",
    "Ahmad Yani",
    "Imam Bonjol",
    "Gajah Mada",
]
PLACEHOLDER_PHONES = ("-", "0", "tidak ada", "Tidak Ada", "n/a", "00", "-", "TIDAK ADA")
UNPARSABLE_PHONES = ("0812345", "12345", "62-", "0812-34", "+62", "08xx", "0857 12")
FAKE_PHONES = ("081234567890", "08123456789", "081111111111", "0812-3456-7890", "085200000000")
JUNK_SPONSORS = ("Biaya Sendiri", "Orang Tua", "Hamba Allah", "Sendiri", "-", "Tidak Ada")
FRIEND_RELATIONS = ("Teman", "Kenalan", "Atasan", "Majikan", "Rekan Kerja")
FAMILY_RELATIONS = ("Ayah", "Ibu", "Orang Tua", "Kakak", "Suami", "Istri")
ABROAD_RELATIONS = ("Anak", "Saudara", "Kakak", "Adik", "Suami", "Keponakan")
RING_SPONSOR_RELATIONS = ("Teman", "Kenalan", "Agen", "Saudara jauh")
RING_COMPANION_RELATIONS = ("Saudara", "Teman", "Paman", "Kenalan")

# Organisers the office's registry does not list (see `Year.organised_groups`).
ORGANISER_CORE_WORDS = (
    "Amanah", "Arafah", "Zamzam", "Multazam", "Raudhah", "Annisa", "Firdaus", "Hikmah",
    "Fajar", "Cahaya", "Sinar", "Karya", "Mitra", "Bina", "Mandiri", "Sejahtera", "Abadi",
    "Utama", "Jaya", "Prima", "Citra", "Duta", "Sentosa", "Lestari", "Makmur", "Harapan",
    "Bunda", "Samudra", "Nusantara", "Permata", "Berkah", "Mutiara", "Gemilang", "Anugerah",
    "Insani", "Wahana", "Pesona", "Kencana", "Bahari", "Putra",
)  # fmt: skip
TRAVEL_FORMS = (
    ("PT {c} Tour & Travel", 0.3),
    ("PT. {c} Tour", 0.2),
    ("{c} Tour", 0.15),
    ("PT {C} TOUR & TRAVEL", 0.1),
    ("{c} Tour and Travel", 0.1),
    ("pt {l} tour travel", 0.05),
    ("PT {c} Wisata", 0.1),
)
PLACEMENT_FORMS = (("PT {c}", 0.45), ("PT. {c}", 0.25), ("{c}", 0.15), ("PT {C}", 0.15))
PPIU_RELATIONS = (
    "PPIU", "Travel Umrah", "Biro Perjalanan", "Biro Perjalanan Umrah", "Travel",
    "Penyelenggara Umrah",
)  # fmt: skip
MUTHAWIF_RELATIONS = ("Pembimbing", "Muthawif", "Pembimbing Ibadah", "Ustadz", "Tour Leader")
TRAVEL_RELATIONS = ("Travel", "Biro Perjalanan", "Tour", "Biro Travel")
TOUR_LEADER_RELATIONS = ("Tour Leader", "TL", "Pemandu Wisata", "Guide")
P3MI_RELATIONS = ("P3MI", "Perusahaan Penempatan", "Agen Resmi", "Perusahaan", "PT")
# (kind, share of groups, smallest and largest group, trips: purpose, destinations)
ORGANISED_KINDS = (
    ("umrah", 0.45, 15, 45, "umrah", ("SA",)),
    ("tour", 0.30, 8, 30, "tourism", ("JP", "KR", "CN", "TR", "TH", "SG", "MY", "AE")),
    ("placement", 0.25, 5, 25, "work", ("TW", "HK", "MY", "KR", "JP", "SA")),
)


@dataclass
class Villages:
    code: np.ndarray  # village code, e.g. 33.01.01.2001
    district: np.ndarray  # index of its kecamatan
    regency: np.ndarray  # index of its regency
    kelurahan: np.ndarray  # bool: a town kelurahan (streets) rather than a desa (hamlets)
    weight: np.ndarray


def load_villages() -> Villages:
    with WILAYAH.open(encoding="utf-8", newline="") as handle:
        codes = [
            row["kode"] for row in csv.DictReader(handle) if row["tingkat"] == "desa_kelurahan"
        ]
    code = np.array(codes)
    province = np.array([c[:2] for c in codes])
    district = np.unique([c[:8] for c in codes], return_inverse=True)[1]
    regency = np.unique([c[:5] for c in codes], return_inverse=True)[1]
    kelurahan = np.array([c[9] == "1" for c in codes])
    per_province = {p: n for p, n in zip(*np.unique(province, return_counts=True), strict=True)}
    weight = np.array([PROVINCE_WEIGHT.get(p, 0.7) / per_province[p] for p in province])
    return Villages(code, district, regency, kelurahan, weight / weight.sum())


class Phones:
    """Unique Indonesian mobiles (national significant numbers), written in several forms."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.used: set[int] = set()
        # (prefix, digits after it) shapes phonenumbers accepts as Indonesian mobiles.
        self.shapes = [
            (prefix, digits)
            for prefix in MOBILE_PREFIXES
            for digits in (7, 8)
            if normalize_phone("0" + prefix + "1" * digits)
        ]

    def new(self, count: int) -> np.ndarray:
        out: list[str] = []
        while len(out) < count:
            need = count - len(out)
            shape = self.rng.integers(len(self.shapes), size=need)
            tail = self.rng.integers(0, 10**8, size=need)
            for s, t in zip(shape.tolist(), tail.tolist(), strict=True):
                prefix, digits = self.shapes[s]
                number = int(prefix) * 10**digits + t % 10**digits
                if number not in self.used:
                    self.used.add(number)
                    out.append(str(number))
        return np.array(out, dtype=object)

    def written(self, national: pl.Series) -> pl.Series:
        """Each number in one of six forms people write (0812..., +62 812-..., 62812...)."""
        form = pl.Series(self.rng.choice(6, size=len(national), p=[0.5, 0.1, 0.1, 0.1, 0.12, 0.08]))
        frame = pl.DataFrame({"n": national, "form": form})
        n = pl.col("n")
        a, b, c = n.str.slice(0, 3), n.str.slice(3, 4), n.str.slice(7)
        return frame.select(
            pl.when(pl.col("form") == 0)
            .then("0" + n)
            .when(pl.col("form") == 1)
            .then("+62" + n)
            .when(pl.col("form") == 2)
            .then("62" + n)
            .when(pl.col("form") == 3)
            .then(pl.concat_str(pl.lit("+62 "), a, pl.lit("-"), b, pl.lit("-"), c))
            .when(pl.col("form") == 4)
            .then(pl.concat_str(pl.lit("0"), a, pl.lit(" "), b, pl.lit(" "), c))
            .otherwise(pl.concat_str(pl.lit("0"), a, pl.lit("-"), b, pl.lit("-"), c))
        ).to_series()

    def written_one(self, national: str) -> str:
        return self.written(pl.Series([national]))[0]


def name_pool(size: int, seed: int) -> list[str]:
    """Names made by the matching benchmark's people generator (bench/matching/generate.py)."""
    spec = importlib.util.spec_from_file_location(
        "matching_generate", REPO / "bench" / "matching" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    people = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = people  # its dataclasses look their module up
    spec.loader.exec_module(people)
    rng = random.Random(seed)
    return [people.make_person(rng).render() for _ in range(size)]


def workdays() -> list[dt.date]:
    day, out = dt.date(YEAR, 1, 2), []
    while day.year == YEAR:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


@dataclass
class Organisers:
    ppiu: list[dict[str, Any]]
    p3mi: list[dict[str, Any]]


def organisers(rng: np.random.Generator, phones: Phones) -> Organisers:
    def office_phone() -> str:
        while True:
            area = AREA_CODES[rng.integers(len(AREA_CODES))]
            digits = 8 - len(area) + 2 if len(area) == 2 else 6
            number = f"0{area}{rng.integers(10 ** (digits - 1), 10**digits)}"
            if normalize_phone(number):
                return number

    words = [
        "Barokah",
        "Mulia",
        "Amanah",
        "Haramain",
        "Madinah",
        "Safa",
        "Marwa",
        "Nur",
        "Rahmah",
        "Baitul",
        "Izzah",
        "Insan",
    ]

    def firm(kind: str, i: int) -> str:
        a, b = rng.choice(words, size=2, replace=False)
        return f"PT {a} {b} {kind} {i}"

    ppiu = [
        {
            "kind": "ppiu",
            "name": firm("Wisata", i),
            "licence_no": f"U.{i:04d}/{2015 + i % 10}",
            "phones": [office_phone() if i % 3 else "0" + phones.new(1)[0]],
        }
        for i in range(1200)
    ]
    p3mi = [
        {
            "kind": "p3mi",
            "name": firm("Tenaga Kerja", i),
            "licence_no": f"KEP.{i:04d}/PPTKIS/{2016 + i % 9}",
            "phones": [office_phone()],
        }
        for i in range(400)
    ]
    return Organisers(ppiu, p3mi)


class _VillageIndex:
    """Villages by regency and by province, for drawing an organiser's customers."""

    def __init__(self, villages: Villages) -> None:
        self.villages = villages
        self.province = np.unique([c[:2] for c in villages.code], return_inverse=True)[1]
        self._members: dict[tuple[str, int], tuple[np.ndarray, np.ndarray]] = {}

    def _of(self, level: str, value: int) -> tuple[np.ndarray, np.ndarray]:
        if (level, value) not in self._members:
            codes = self.villages.regency if level == "regency" else self.province
            rows = np.flatnonzero(codes == value)
            weight = self.villages.weight[rows]
            self._members[level, value] = rows, weight / weight.sum()
        return self._members[level, value]

    def around(self, rng: np.random.Generator, home: int, size: int) -> np.ndarray:
        """`size` villages: six in ten of the home village's regency, the rest of its province."""
        regency = self._of("regency", int(self.villages.regency[home]))
        province = self._of("province", int(self.province[home]))
        near = rng.random(size) < 0.6
        out = np.empty(size, dtype=np.int64)
        out[near] = rng.choice(regency[0], size=int(near.sum()), p=regency[1])
        out[~near] = rng.choice(province[0], size=int((~near).sum()), p=province[1])
        return out


def _zipf_choice(rng: np.random.Generator, count: int, size: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, count + 1) ** exponent
    return rng.choice(count, size=size, p=weights / weights.sum())


class Year:
    """The columns of one year of applications, filled in by pattern."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.seed = seed
        self.rng = np.random.default_rng(seed)
        self.villages = load_villages()
        self.names = np.array(name_pool(600_000, seed), dtype=object)
        self.phones = Phones(self.rng)
        self.days = workdays()
        self.organisers = organisers(self.rng, self.phones)
        self.pattern = np.zeros(n, dtype=np.int8)
        self.group = np.full(n, -1, dtype=np.int32)
        self.flagged = self.rng.random(n) < 0.02
        self.parties: list[pl.DataFrame] = []
        self._cores: set[str] = set()  # the unregistered organisers' names and office phones
        self._offices: set[str] = set()

    # --- helpers ----------------------------------------------------------------------

    def pick(
        self,
        options: tuple[str, ...] | list[str],
        size: int,
        rng: np.random.Generator | None = None,
    ) -> np.ndarray:
        rng = rng or self.rng
        return np.array(options, dtype=object)[rng.integers(len(options), size=size)]

    def party(self, rows: np.ndarray, role: str, **columns: object) -> None:
        size = len(rows)
        data = {"row": rows.astype(np.uint32), "role": [role] * size}
        for name in ("name", "phone", "relation", "license_no"):
            value = columns.get(name, "")
            data[name] = [value] * size if isinstance(value, str) else list(value)  # type: ignore[call-overload]
        self.parties.append(pl.DataFrame(data, schema=PARTY_SCHEMA))

    # --- everyone ---------------------------------------------------------------------

    def base(self) -> None:
        rng, n = self.rng, self.n
        self.village = rng.choice(len(self.villages.code), size=n, p=self.villages.weight)
        self.day = rng.integers(len(self.days), size=n)
        names = list(PURPOSES)
        shares = np.array([PURPOSES[p][0] for p in names], dtype=float)
        self.purpose = np.array(names, dtype=object)[
            rng.choice(len(names), size=n, p=shares / shares.sum())
        ]
        self.destination = np.empty(n, dtype=object)
        for purpose, (_, table) in PURPOSES.items():
            rows = np.flatnonzero(self.purpose == purpose)
            countries, weights = list(table), np.array(list(table.values()), dtype=float)
            self.destination[rows] = np.array(countries, dtype=object)[
                rng.choice(len(countries), size=len(rows), p=weights / weights.sum())
            ]
        self.name = self.names[rng.integers(len(self.names), size=n)]
        capitals = rng.random(n) < 0.1
        self.name[capitals] = np.char.upper(self.name[capitals].astype(str)).astype(object)
        self.phone = self.phones.written(pl.Series(self.phones.new(n))).to_numpy().astype(object)
        roll = rng.random(n)
        for low, high, values in (
            (0.0, 0.04, ("",)),
            (0.04, 0.055, PLACEHOLDER_PHONES),
            (0.055, 0.065, UNPARSABLE_PHONES),
            (0.065, 0.068, FAKE_PHONES),
        ):
            rows = np.flatnonzero((roll >= low) & (roll < high))
            self.phone[rows] = self.pick(values, len(rows))
        self.address = self.addresses(self.village)
        work = np.flatnonzero(self.purpose == "work")
        self.employer = np.full(n, "", dtype=object)
        employers = np.array([f"{'PT' if i % 3 else 'Sdn Bhd'} Employer {i}" for i in range(3000)])
        self.employer[work] = employers[_zipf_choice(rng, 3000, len(work), 0.9)]

    def addresses(self, village: np.ndarray, rng: np.random.Generator | None = None) -> np.ndarray:
        rng, size = rng or self.rng, len(village)
        rt = rng.integers(1, 13, size=size)
        rw = rng.integers(1, 9, size=size)
        number = rng.integers(1, 151, size=size)
        style, variant = rng.random(size), rng.random(size)
        hamlet = self.pick(HAMLETS, size, rng)
        street = self.pick(STREETS, size, rng)
        frame = pl.DataFrame(
            {
                "rt": rt,
                "rw": rw,
                "no": number,
                "style": style,
                "variant": variant,
                "hamlet": hamlet.astype(str),
                "street": street.astype(str),
                "town": self.villages.kelurahan[village],
            }
        )
        rt_, rw_ = pl.col("rt").cast(pl.String), pl.col("rw").cast(pl.String)
        rtrw = (
            pl.when(pl.col("style") < 0.55)
            .then(pl.concat_str(pl.lit("RT "), rt_.str.zfill(3), pl.lit("/RW "), rw_.str.zfill(3)))
            .when(pl.col("style") < 0.85)
            .then(pl.concat_str(pl.lit("RT "), rt_.str.zfill(2), pl.lit("/RW "), rw_.str.zfill(2)))
            .otherwise(pl.concat_str(pl.lit("RT "), rt_, pl.lit(" RW "), rw_))
        )
        no = pl.col("no").cast(pl.String)
        return (
            frame.select(
                pl.when(pl.col("town"))
                .then(
                    pl.concat_str(pl.lit("Jl. "), "street", pl.lit(" No. "), no, pl.lit(" "), rtrw)
                )
                .when(pl.col("variant") < 0.5)
                .then(pl.concat_str(pl.lit("Dusun "), "hamlet", pl.lit(" "), rtrw))
                .when(pl.col("variant") < 0.8)
                .then(
                    pl.concat_str(pl.lit("Dk. "), "hamlet", pl.lit(" No. "), no, pl.lit(" "), rtrw)
                )
                .otherwise(
                    pl.concat_str(pl.lit("Jl. "), "street", pl.lit(" No. "), no, pl.lit(" "), rtrw)
                )
            )
            .to_series()
            .to_numpy()
            .astype(object)
        )

    # --- benign sharing ---------------------------------------------------------------

    def families(self, start: int, stop: int) -> None:
        """Rows start..stop as families of 2-6 at one address on one day."""
        rng = self.rng
        sizes = rng.choice(
            [2, 3, 4, 5, 6], size=(stop - start) // 2, p=[0.4, 0.27, 0.18, 0.1, 0.05]
        )
        ends = start + np.cumsum(sizes)
        sizes, ends = sizes[ends <= stop], ends[ends <= stop]
        heads = ends - sizes
        count = len(sizes)
        rows = np.arange(start, int(ends[-1]) if count else start)
        member = np.repeat(np.arange(count), sizes)
        head = heads[member]
        self.pattern[rows] = FAMILY
        self.group[rows] = member
        trip = rng.choice(["umrah", "tourism", "family_visit"], size=count, p=[0.45, 0.4, 0.15])
        self.purpose[heads] = trip
        self.destination[heads] = np.where(
            trip == "umrah", "SA", self.pick(("MY", "SG", "JP", "TH", "SA"), count)
        )
        for column in (self.village, self.day, self.purpose, self.destination, self.address):
            column[rows] = column[head]
        others = rows[rows != head]
        shares = others[rng.random(len(others)) < 0.5]  # children give the head's phone
        self.phone[shares] = self.phone[head[shares - start]]
        relation = self.pick(FAMILY_RELATIONS, len(others))
        self.party(
            others,
            "companion",
            name=self.name[head[others - start]],
            phone=self.phone[head[others - start]],
            relation=relation,
        )
        spouses = heads[(sizes >= 2) & (rng.random(count) < 0.6)]
        self.party(
            spouses,
            "companion",
            name=self.name[spouses + 1],
            phone=self.phone[spouses + 1],
            relation=self.pick(("Istri", "Suami"), len(spouses)),
        )

    def organiser_customers(self, rows: np.ndarray) -> None:
        """Umrah pilgrims give their PPIU; work applicants name their P3MI."""
        rng = self.rng
        umrah = rows[self.purpose[rows] == "umrah"]
        # A family travels with one PPIU, or none: the head's choice.
        umrah = umrah[(rng.random(self.n) < 0.65)[self._head(umrah)]]
        ppiu = _zipf_choice(rng, len(self.organisers.ppiu), self.n, 0.8)[self._head(umrah)]
        orgs = self.organisers.ppiu
        self.party(
            umrah,
            "sponsor",
            name=[orgs[i]["name"] for i in ppiu],
            phone=[self._office(orgs[i]) for i in ppiu],
            relation="Biro Perjalanan",
        )
        work = rows[self.purpose[rows] == "work"]
        work = work[rng.random(len(work)) < 0.8]
        p3mi = _zipf_choice(rng, len(self.organisers.p3mi), len(work), 0.8)
        agencies = self.organisers.p3mi
        self.party(
            work,
            "recruiter",
            name=[agencies[i]["name"] for i in p3mi],
            license_no=[agencies[i]["licence_no"] for i in p3mi],
        )
        office = rng.random(len(work)) < 0.33
        self.party(
            work[office],
            "sponsor",
            name=[agencies[i]["name"] for i in p3mi[office]],
            phone=[self._office(agencies[i]) for i in p3mi[office]],
            relation="Perusahaan",
        )

    def _office(self, organiser: dict[str, Any]) -> str:
        phone = str(organiser["phones"][0])
        return phone if self.rng.random() < 0.5 else "+62 " + phone[1:]

    def _head(self, rows: np.ndarray) -> np.ndarray:
        """The row of each row's family head (its group's first row), or the row itself."""
        first = np.full(int(self.group.max()) + 1, self.n, dtype=np.int64)
        family = np.flatnonzero(self.pattern == FAMILY)
        np.minimum.at(first, self.group[family], family)
        return np.where(self.pattern[rows] == FAMILY, first[self.group[rows]], rows)

    def sponsors(self, rows: np.ndarray) -> None:
        """Relatives abroad, friends and junk written as the sponsor."""
        rng = self.rng
        visits = rows[self.purpose[rows] == "family_visit"]
        phones = np.full(len(visits), "", dtype=object)
        for country, (prefix, digits) in FOREIGN_MOBILE.items():
            there = np.flatnonzero(self.destination[visits] == country)
            tails = rng.integers(10 ** (digits - 1), 10**digits, size=len(there))
            phones[there] = np.char.add(prefix, tails.astype(str)).astype(object)
        self.party(
            visits,
            "sponsor",
            name=self.names[rng.integers(len(self.names), size=len(visits))],
            phone=phones,
            relation=self.pick(ABROAD_RELATIONS, len(visits)),
        )
        others = rows[~np.isin(self.purpose[rows], ["family_visit", "umrah", "work"])]
        roll = rng.random(len(others))
        friends = others[roll < 0.04]
        self.party(
            friends,
            "sponsor",
            name=self.names[rng.integers(len(self.names), size=len(friends))],
            phone=self.phones.written(pl.Series(self.phones.new(len(friends)))).to_list(),
            relation=self.pick(FRIEND_RELATIONS, len(friends)),
        )
        junk = others[(roll >= 0.04) & (roll < 0.055)]
        self.party(junk, "sponsor", name=self.pick(JUNK_SPONSORS, len(junk)))

    def neighbours(self, rows: np.ndarray) -> None:
        """1 % share a phone with 1-7 others of their village (a relative's, a kiosk's)."""
        rng = self.rng
        chosen = rng.permutation(rows)[: len(rows) // 100]
        sizes = rng.integers(2, 9, size=len(chosen) // 4)
        ends = np.cumsum(sizes)
        sizes = sizes[ends <= len(chosen)]
        starts = np.cumsum(sizes) - sizes
        owner = chosen[np.repeat(starts, sizes)]
        members = chosen[: int(sizes.sum())]
        self.village[members] = self.village[owner]
        self.phone[members] = self.phone[owner]

    # --- what the detection must find -------------------------------------------------

    def rings(self, start: int, count: int) -> int:
        """`count` broker rings from row `start` on; returns the next free row."""
        rng, v = self.rng, self.villages
        row = start
        by_district: dict[int, np.ndarray] = {}
        order = np.argsort(v.district, kind="stable")
        splits = np.split(order, np.flatnonzero(np.diff(v.district[order])) + 1)
        for villages in splits:
            by_district[int(v.district[villages[0]])] = villages
        districts_of_regency: dict[int, list[int]] = {}
        for district, villages in by_district.items():
            districts_of_regency.setdefault(int(v.regency[villages[0]]), []).append(district)
        sizes = rng.choice(np.arange(3, 16), size=count, p=_decreasing(13))
        for ring, size in enumerate(sizes.tolist()):
            home = int(v.regency[rng.choice(len(v.code), p=v.weight)])
            districts = list(districts_of_regency[home])
            rng.shuffle(districts)
            while len(districts) < size:  # a small regency: add a neighbouring one
                districts += districts_of_regency[(home + 1) % len(districts_of_regency)]
            rows = np.arange(row, row + size)
            row += size
            self.pattern[rows] = RING
            self.group[rows] = ring
            self.flagged[rows] = rng.random(size) < 0.5
            for i, r in enumerate(rows):
                villages = by_district[districts[i]]
                self.village[r] = villages[rng.integers(len(villages))]
            self.address[rows] = self.addresses(self.village[rows])
            first = int(rng.integers(len(self.days) - 20))
            self.day[rows] = np.minimum(first + rng.integers(0, 18, size=size), len(self.days) - 1)
            purpose, destination = [
                ("tourism", "MY"),
                ("tourism", "SA"),
                ("tourism", "AE"),
                ("umrah", "SA"),
                ("tourism", "KH"),
                ("work", "SA"),
            ][int(rng.choice(6, p=[0.35, 0.1, 0.1, 0.2, 0.15, 0.1]))]
            self.purpose[rows], self.destination[rows] = purpose, destination
            broker = self._broker_name()
            spellings = (broker, broker.upper(), "H. " + broker, broker.lower())
            phone = self.phones.new(1)[0]
            link = ("sponsor", "companion", "both")[int(rng.choice(3, p=[0.4, 0.35, 0.25]))]
            written = [self.phones.written_one(phone) for _ in range(size)]
            name_only = rng.random(size) < 0.05
            phones = np.where(name_only, "", np.array(written, dtype=object))
            names = np.array(spellings, dtype=object)[rng.integers(4, size=size)]
            if link in ("sponsor", "both"):
                relation = self.pick(RING_SPONSOR_RELATIONS, size)
                self.party(rows, "sponsor", name=names, phone=phones, relation=relation)
            if link in ("companion", "both"):
                relation = self.pick(RING_COMPANION_RELATIONS, size)
                self.party(rows, "companion", name=names, phone=phones, relation=relation)
        return row

    def _broker_name(self) -> str:
        while True:
            name = str(self.names[self.rng.integers(len(self.names))])
            if len(name.split()) >= 2 and "." not in name:
                return name

    def chains(self, start: int, count: int) -> int:
        """`count` chains of three unlicensed umrah agents; returns the next free row."""
        rng, row = self.rng, start
        for chain in range(count):
            agents = [self.phones.new(1)[0] for _ in range(3)]
            names = [self._broker_name() for _ in range(3)]
            region = np.flatnonzero(
                self.villages.regency == self.villages.regency[rng.choice(len(self.villages.code))]
            )
            for i, phone in enumerate(agents):
                size = int(rng.integers(90, 161))
                rows = np.arange(row, row + size)
                row += size
                self.pattern[rows], self.group[rows] = CHAIN, chain
                self.flagged[rows] = rng.random(size) < 0.2
                self.village[rows] = region[rng.integers(len(region), size=size)]
                self.address[rows] = self.addresses(self.village[rows])
                self.purpose[rows], self.destination[rows] = "umrah", "SA"
                written = [self.phones.written_one(phone) for _ in range(size)]
                self.party(rows, "sponsor", name=names[i], phone=written, relation="Biro")
                if i + 1 < len(agents):
                    cross = rows[rng.random(size) < 0.12]
                    self.party(
                        cross,
                        "companion",
                        name=names[i + 1],
                        phone=self.phones.written_one(agents[i + 1]),
                        relation="Pembimbing",
                    )
        return row

    def organised_groups(self, count: int) -> None:
        """`count` departures led by organisers the registry does not list, in the last rows.

        Umrah pilgrims of a PPIU, tourists with a travel agency's tour leader, workers placed
        by a P3MI: many villages of one province, submitted within four weeks before one
        departure, their own applications clean. An organiser runs one to three of the
        year's departures and its name is written in several forms; its office phone is
        given by the group. The groups draw from their own random stream and take over
        singles at the end of the rows after everything else was drawn, so that a seed's
        rings, chains and families stay what they were without them.
        """
        rng = np.random.default_rng([self.seed, ORGANISED])
        phones = Phones(rng)
        phones.used = self.phones.used  # their staff's mobiles are nobody else's
        kind_of = rng.choice(len(ORGANISED_KINDS), size=count, p=[k[1] for k in ORGANISED_KINDS])
        sizes = np.array(
            [rng.integers(ORGANISED_KINDS[k][2], ORGANISED_KINDS[k][3] + 1) for k in kind_of]
        )
        start = self.n - int(sizes.sum())
        if start < 0 or (self.pattern[start:] != HONEST).any():
            raise ValueError("too few applications for the organiser-led groups")
        # The singles taken over lose what they were given as singles.
        self.parties = [frame.filter(pl.col("row") < start) for frame in self.parties]
        registered = self._registered_keys()
        villages = _VillageIndex(self.villages)
        running: dict[str, tuple[dict[str, Any], int]] = {}  # kind: organiser, departures left
        row = start
        for group, (k, size) in enumerate(zip(kind_of.tolist(), sizes.tolist(), strict=True)):
            kind, _, _, _, purpose, destinations = ORGANISED_KINDS[k]
            organiser, left = running.get(kind, ({}, 0))
            if left == 0:
                organiser = self._unregistered_organiser(rng, phones, kind, registered)
                left = int(rng.choice([1, 2, 3], p=[0.55, 0.3, 0.15]))
            running[kind] = organiser, left - 1
            rows = np.arange(row, row + size)
            row += size
            self.pattern[rows], self.group[rows] = ORGANISED, group
            self.flagged[rows] = rng.random(size) < 0.03
            self.village[rows] = villages.around(rng, organiser["home"], size)
            self.address[rows] = self.addresses(self.village[rows], rng)
            departure = int(rng.integers(25, len(self.days)))
            self.day[rows] = departure - rng.integers(3, 25, size=size)
            self.purpose[rows] = purpose
            self.destination[rows] = destinations[int(rng.integers(len(destinations)))]
            self.employer[rows] = ""
            self._organised_parties(rng, phones, organiser, rows, group)
        self._members_households(rng, phones, start)

    def _members_households(self, rng: np.random.Generator, phones: Phones, start: int) -> None:
        """The members' own phones: a single's phone shared with neighbours stayed in his old
        village, so he gets a new one; then, as for anyone, 1 % share theirs with 1-7 others
        of their (new) village, a relative's or a kiosk's."""
        rows = np.arange(start, self.n)
        phone = pl.Series(self.phone, dtype=pl.String)
        shared = phone.is_duplicated().to_numpy()[start:]
        real = ~np.isin(
            self.phone[start:], ("", *PLACEHOLDER_PHONES, *UNPARSABLE_PHONES, *FAKE_PHONES)
        )
        moved = rows[shared & real]
        self.phone[moved] = phones.written(
            pl.Series(phones.new(len(moved)), dtype=pl.String)
        ).to_numpy()
        singles = np.flatnonzero(self.pattern[:start] == HONEST)
        singles = singles[np.argsort(self.village[singles], kind="stable")]
        by_village = self.village[singles]
        for member in rows[rng.random(len(rows)) < 0.01].tolist():
            village = self.village[member]
            low, high = np.searchsorted(by_village, [village, village + 1])
            if high > low:
                size = min(int(rng.integers(1, 8)), int(high - low))
                others = singles[low + rng.choice(int(high - low), size=size, replace=False)]
                self.phone[others] = self.phone[member]

    def _registered_keys(self) -> set[tuple[str, str]]:
        keys: set[tuple[str, str]] = set()
        for org in self.organisers.ppiu + self.organisers.p3mi:
            keys.add(("name", name_key(org["name"]) or ""))
            keys.update(("phone", phone_key(phone) or "") for phone in org["phones"])
        return keys

    def _unregistered_organiser(
        self,
        rng: np.random.Generator,
        phones: Phones,
        kind: str,
        registered: set[tuple[str, str]],
    ) -> dict[str, Any]:
        """A new organiser whose every name form and office phone the registry lacks."""
        forms = PLACEMENT_FORMS if kind == "placement" else TRAVEL_FORMS
        while True:
            # Travel agencies one to three words ("Amanah Tour"), placement companies two or
            # three ("PT Karya Mandiri Sejahtera"): enough names for thousands of organisers.
            shares = [0, 0.5, 0.5] if kind == "placement" else [0.1, 0.6, 0.3]
            words = 1 + int(rng.choice(3, p=shares))
            core = " ".join(rng.choice(ORGANISER_CORE_WORDS, size=words, replace=False))
            if core in self._cores:
                continue
            names = [form.format(c=core, C=core.upper(), l=core.lower()) for form, _ in forms]
            if any(("name", name_key(name) or "") in registered for name in names):
                continue
            if kind != "placement" and rng.random() < 0.3:
                office = phones.new(1)[0]  # a small agency's mobile
                written = None
            else:
                area = AREA_CODES[int(rng.integers(len(AREA_CODES)))]
                digits = 8 - len(area) + 2 if len(area) == 2 else 6
                office = f"{area}{rng.integers(10 ** (digits - 1), 10**digits)}"
                written = area
            key = phone_key("0" + office)
            if not key or ("phone", key) in registered or key in self._offices:
                continue
            self._cores.add(core)
            self._offices.add(key)
            return {
                "kind": kind,
                "names": np.array(names, dtype=object),
                "weights": np.array([w for _, w in forms]) / sum(w for _, w in forms),
                "office": office,
                "area": written,  # the area code of a landline, None for a mobile
                "licence": f"KEP.{len(self._cores) + 5000}/P3MI/{2018 + len(self._cores) % 7}",
                "home": int(rng.choice(len(self.villages.code), p=self.villages.weight)),
            }

    def _office_written(
        self, rng: np.random.Generator, phones: Phones, org: dict[str, Any], size: int
    ) -> np.ndarray:
        """The organiser's office phone as each member writes it."""
        if org["area"] is None:
            return (
                phones.written(pl.Series([org["office"]] * size, dtype=pl.String))
                .to_numpy()
                .astype(object)
            )
        area, number = org["area"], org["office"][len(org["area"]) :]
        forms = np.array(
            [
                f"0{area}-{number}",
                f"(0{area}) {number}",
                f"0{area}{number}",
                f"+62 {area} {number}",
            ],
            dtype=object,
        )
        return forms[rng.choice(4, size=size, p=[0.4, 0.2, 0.3, 0.1])]

    def _organised_parties(
        self,
        rng: np.random.Generator,
        phones: Phones,
        org: dict[str, Any],
        rows: np.ndarray,
        group: int,
    ) -> None:
        """Who the members name: the organiser (its name in several forms, its office phone,
        an organiser's relation word) and the departure's muthawif or tour leader."""
        size, kind = len(rows), org["kind"]
        names = org["names"][rng.choice(len(org["names"]), size=size, p=org["weights"])]
        office = self._office_written(rng, phones, org, size)
        office[rng.random(size) < 0.15] = ""  # the name alone
        relations = {"umrah": PPIU_RELATIONS, "tour": TRAVEL_RELATIONS}.get(kind, P3MI_RELATIONS)
        sponsor = rng.random(size) < {"umrah": 0.92, "tour": 0.5, "placement": 0.85}[kind]
        self.party(
            rows[sponsor],
            "sponsor",
            name=names[sponsor],
            phone=office[sponsor],
            relation=self.pick(relations, int(sponsor.sum()), rng),
        )
        if kind == "placement":
            recruiter = rows[rng.random(size) < 0.5]
            self.party(recruiter, "recruiter", name=str(org["names"][0]), license_no=org["licence"])
            self.employer[rows] = f"Factory {group} Co., Ltd"
            return
        leader = self._person(rng)
        if kind == "umrah":
            leader = ("Ustadz " if rng.random() < 0.5 else "H. ") + leader
        mobile = phones.new(1)[0]
        companion = rows[rng.random(size) < (0.3 if kind == "umrah" else 0.9)]
        self.party(
            companion,
            "companion",
            name=leader,
            phone=phones.written(pl.Series([mobile] * len(companion), dtype=pl.String)).to_list(),
            relation=self.pick(
                MUTHAWIF_RELATIONS if kind == "umrah" else TOUR_LEADER_RELATIONS,
                len(companion),
                rng,
            ),
        )

    def _person(self, rng: np.random.Generator) -> str:
        while True:
            name = str(self.names[rng.integers(len(self.names))])
            if len(name.split()) >= 2 and "." not in name:
                return name

    # --- output -----------------------------------------------------------------------

    def build(self) -> None:
        n = self.n
        self.base()
        row = self.rings(0, max(1, n // 2000))
        row = self.chains(row, max(1, n // 150_000))
        family_end = row + n // 4
        self.families(row, family_end)
        singles = np.flatnonzero(self.pattern == HONEST)
        everyone = np.arange(n)
        self.organiser_customers(everyone[np.isin(self.pattern, (HONEST, FAMILY))])
        self.sponsors(singles)
        self.neighbours(singles)
        self.organised_groups(max(1, n // 1000))

    def frames(self) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
        """applications, parties, truth, in a shuffled order (rings are not rows 0..k)."""
        order = self.rng.permutation(self.n)
        position = np.empty(self.n, dtype=np.int64)
        position[order] = np.arange(self.n)
        days = np.array(self.days, dtype="datetime64[D]")
        apps = pl.DataFrame(
            {
                "id": np.arange(1, self.n + 1),
                "application_no": [f"NAT-{YEAR}-{i:07d}" for i in range(1, self.n + 1)],
                "applicant_name": self.name[order].astype(str),
                "phone": self.phone[order].astype(str),
                "address": self.address[order].astype(str),
                "village_code": self.villages.code[self.village[order]],
                "district_code": [""] * self.n,
                "submitted_on": days[self.day[order]],
                "destination": self.destination[order].astype(str),
                "purpose": self.purpose[order].astype(str),
                "employer": self.employer[order].astype(str),
            }
        )
        parties = pl.concat(self.parties)
        parties = parties.with_columns(
            row=pl.Series(position[parties["row"].to_numpy()], dtype=pl.UInt32)
        )
        truth = pl.DataFrame(
            {
                "row": np.arange(self.n, dtype=np.uint32),
                "pattern": self.pattern[order],
                "group": self.group[order],
                "flagged": self.flagged[order],
            }
        )
        return apps, parties.sort("row"), truth


PARTY_SCHEMA = {
    "row": pl.UInt32,
    "role": pl.String,
    "name": pl.String,
    "phone": pl.String,
    "relation": pl.String,
    "license_no": pl.String,
}


def _decreasing(count: int) -> np.ndarray:
    weights = 1.0 / np.arange(1, count + 1) ** 0.9
    return weights / weights.sum()


def generate(applications: int, out: Path, seed: int = 6) -> None:
    year = Year(applications, seed)
    year.build()
    apps, parties, truth = year.frames()
    out.mkdir(parents=True, exist_ok=True)
    apps.write_parquet(out / "applications.parquet")
    parties.write_parquet(out / "parties.parquet")
    truth.write_parquet(out / "truth.parquet")
    registry = year.organisers.ppiu + year.organisers.p3mi
    (out / "organisers.json").write_text(json.dumps(registry, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applications", type=int, default=3_000_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    generate(args.applications, args.out, args.seed)


if __name__ == "__main__":
    main()
