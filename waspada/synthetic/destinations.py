"""Why people travel and where to: the mix of purposes, destinations, jobs, employers."""

from __future__ import annotations

import random

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
FAMILY_SHARE = {"umrah": 0.30, "tourism": 0.12, "family_visit": 0.25}
FAMILY_SIZES = {
    "umrah": ((2, 3, 4, 5, 6), (50, 25, 15, 7, 3)),
    "tourism": ((2, 3, 4, 5), (40, 30, 20, 10)),
    "family_visit": ((2, 3), (60, 40)),
}

TOURISM_DESTINATIONS = {
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
TOURISM_CITIES = {
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

WORK_DESTINATIONS = {"TW": 34, "HK": 20, "MY": 14, "KR": 10, "JP": 12, "SG": 6, "BN": 2, "PL": 2}
WORK_FEMALE_SHARE = {
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
WORK_JOBS = {
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
SEAFARER_DESTINATIONS = {
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
SEAFARER_PORTS = {
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
STUDY_DESTINATIONS = {
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
STUDY_PLACES = {
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
INTERNSHIP_DESTINATIONS = {"JP": 70, "KR": 10, "TW": 10, "DE": 6, "AU": 4}
FAMILY_VISIT_DESTINATIONS = {
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
MEDICAL_PLACES = (
    ("MY", "Lam Wah Ee Hospital, Penang"),
    ("MY", "Island Hospital, Penang"),
    ("MY", "Mahkota Medical Centre, Melaka"),
    ("MY", "Gleneagles Kuala Lumpur"),
    ("SG", "Mount Elizabeth Hospital, Singapura"),
    ("SG", "National University Hospital, Singapura"),
)
BUSINESS_DESTINATIONS = {
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
BUSINESS_REASONS = (
    "Kunjungan ke pemasok di {city}",
    "Pameran dagang di {city}",
    "Pertemuan dengan pembeli di {city}",
    "Pelatihan dari kantor pusat di {city}",
)
BUSINESS_CITIES = {
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
OTHER_TRIPS = (
    ("MY", "Mendampingi tim pencak silat di Kuala Lumpur"),
    ("TH", "Konferensi koperasi di Bangkok"),
    ("SG", "Lomba paduan suara di Singapura"),
    ("BN", "Undangan pernikahan kerabat di Bandar Seri Begawan"),
    ("PH", "Studi banding kelompok tani di Manila"),
)
HOLY_LAND_TRIP = ("IL", "Ziarah rohani ke Yerusalem dan Betlehem")

ABROAD_CITIES = {
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
COUNTRY_NAMES = {
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


def employer(rng: random.Random, destination: str, job: str, city: str = "") -> str:
    city = city or rng.choice(ABROAD_CITIES.get(destination, ("",)))
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
