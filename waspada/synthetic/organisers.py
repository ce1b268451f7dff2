"""Organisers and recruiters the applicants name (fictional names and licence numbers).

The licensed ones (PPIU, PIHK, P3MI) are what the demo puts into the organiser registry,
so that their customers sharing an office phone are recognised as benign.
"""

from __future__ import annotations

from dataclasses import dataclass


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

MANNING_AGENCIES: tuple[Organiser, ...] = (
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

LPK: tuple[Organiser, ...] = (
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

UNLICENSED_RECRUITERS = (
    "PT Mitra Jaya Global Perkasa",
    "CV Karya Abadi Sejahtera",
    "Yayasan Amanah Kerja Mandiri",
    "PT Berkah Insan Timur Tengah",
    "Bu Yati",
    "Pak Harno",
    "Mas Dedi (agen)",
    "Ibu Sumarni (PL)",
)
