"""The office's area as the generators see it: villages, regencies, streets and hamlets.

Region codes are the real Kemendagri codes of Cilacap 33.01, Banyumas 33.02, Purbalingga
33.03, Banjarnegara 33.04 and Kebumen 33.05; the weights, the sending areas, the
Sundanese-speaking and coastal kecamatan are assumptions of the synthetic data, not an
official list.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


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


@dataclass(frozen=True)
class RegencyProfile:
    name: str
    weight: float  # share of the office's applicants
    birth_places: tuple[str, ...]  # how people from here write their birth place
    area_code: str  # fixed-line area code
    towns: tuple[str, ...]  # kecamatan names with the regency's towns (weighted double)


REGENCIES: dict[str, RegencyProfile] = {
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
SUNDANESE_DISTRICTS = ("33.01.12", "33.01.13", "33.01.14", "33.01.15", "33.01.16", "33.01.18")

# Coastal kecamatan, where fishermen live.
COASTAL_DISTRICTS = (
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
ELSEWHERE_CENTRAL_JAVA = tuple(d for d in ELSEWHERE_DISTRICTS if d[0].startswith("33."))
ELSEWHERE_FAR = tuple(d for d in ELSEWHERE_DISTRICTS if not d[0].startswith("33."))

STREETS = (
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
HAMLETS = (
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


def read_villages(path: Path) -> list[Village]:
    """The villages of the office's regencies from a region list in the `wilayah` CSV form
    (`kode, nama, tingkat`), as the bundled `waspada/regions/data/wilayah.csv` has them."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["kode"][:5] in REGENCIES]
    names = {row["kode"]: row["nama"] for row in rows}
    return [
        Village(row["kode"], row["nama"], names.get(row["kode"].rsplit(".", 1)[0], ""))
        for row in rows
        if row["tingkat"] == "desa_kelurahan"
    ]
