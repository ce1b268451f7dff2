"""Organisations (invented), foreign phone numbers and document numbers.

All company names are invented; any likeness to a real firm is accidental.
"""

PPIU = ["PT Arafah Cahaya Tour & Travel", "PT Multazam Barokah Wisata",
        "PT Nur Ramadhan Tour & Travel", "PT Al Hijrah Mabrur Travel",
        "PT Safa Marwah Banyumas Tour", "PT Baitul Atiq Tour & Travel",
        "PT Zam Zam Amanah Cilacap", "PT Raudhah Sejahtera Wisata",
        "PT Manasik Barokah Kebumen", "PT Hikmah Sunnah Tour & Travel"]
KBIHU = ["KBIHU Al Ikhlas Cilacap", "KBIHU Nurul Huda Banyumas",
         "KBIHU Muslimat NU Kebumen", "KBIHU Aisyiyah Purbalingga"]
KEMENAG = {"33.01": "Kankemenag Kab. Cilacap", "33.02": "Kankemenag Kab. Banyumas",
           "33.03": "Kankemenag Kab. Purbalingga", "33.04": "Kankemenag Kab. Banjarnegara",
           "33.05": "Kankemenag Kab. Kebumen"}
TOUR_AGENCIES = ["PT Satria Wisata Purwokerto", "Kembara Tour Cilacap",
                 "PT Gemilang Holiday", "Ngapak Trip & Tour", "PT Serayu Travelindo",
                 "Bintang Tour Kebumen"]
P3MI = [  # name, licence as written on its letters
    ("PT Duta Bangsa Mandiri", "KEP. 145 TAHUN 2019"),
    ("PT Sinar Jaya Pratama Sejahtera", "SIP3MI No. 0318/2021"),
    ("PT Mitra Karya Serayu", "B.1/2213/PK.02.02/VII/2022"),
    ("PT Cahaya Mulia Overseas", "KEP. 88 TAHUN 2020"),
    ("PT Anugrah Tenaga Kerja Abadi", "SIP3MI 1047/2020"),
    ("PT Bhakti Kencana Manpower", "KEP.212/PHIJSK/2021"),
    ("PT Graha Insan Migran", "SIP3MI No. 2/1041/HK.01/2023"),
    ("PT Karya Mandiri Nusantara", "KEP. 31 TAHUN 2022"),
]
LPK = [("LPK Sakura Mandiri Purwokerto", "JP"), ("LPK Hikari Gakuin Kebumen", "JP"),
       ("LPK Nusantara Korea Center", "KR"), ("LPK Bina Taiwan Cilacap", "TW"),
       ("LPK Deutsch Karriere Purwokerto", "DE")]
MANNING = ["PT Samudera Bahari Crewing", "PT Cilacap Maritim Manning",
           "PT Lintas Samudra Awak Kapal", "PT Pelaut Prima Indonesia"]
UNIVERSITIES = {
    "EG": ["Universitas Al-Azhar Kairo", "Al-Azhar University", "Cairo University"],
    "TR": ["Istanbul Universitesi", "Sakarya Universitesi", "Ankara Universitesi"],
    "MY": ["Universiti Kebangsaan Malaysia", "Universiti Teknologi Malaysia",
           "International Islamic University Malaysia", "Universiti Sains Malaysia"],
    "SA": ["Universitas Islam Madinah"],
    "JP": ["Hiroshima University"],
}
EMPLOYERS = {
    "TW": ["Mr. Chen Wei-Ming (Taichung)", "Lin Chia-Hui", "Hsin Chu Precision Co., Ltd.",
           "Formosa Care Home Tainan", "Wang Shu-Fen", "Tai Yang Metal Industrial Co."],
    "HK": ["Madam Lau Mei Ling", "Mr. Wong Ka Wai", "Mrs. Cheung Siu Fong",
           "Ms. Leung Wing Yan"],
    "SG": ["Mdm Tan Bee Lian", "Mr. Lim Boon Keng", "Ho Bee Eng"],
    "MY": ["Kimberly Electronics Sdn Bhd", "Ladang Sawit Sri Kenangan Sdn Bhd",
           "Top Glove Sdn Bhd (Klang)", "Perusahaan Mewah Plastik Sdn Bhd",
           "Puan Noraini binti Ismail"],
    "KR": ["Daehan Fishery Co.", "Hanil Metal Co., Ltd.", "Sungwon Industrial (Ansan)"],
    "JP": ["Kabushiki Kaisha Tanaka Kaigo", "Yamamoto Foods Co., Ltd.",
           "Sakura Nursing Home Osaka", "Kyowa Construction K.K."],
    "BN": ["Syarikat Haji Ahmad & Anak-Anak", "Syarikat Bina Jaya Sdn Bhd"],
    "KW": ["Al-Sabah Hospital"],
    "SA": ["Saudi Binladin Group", "Al-Rajhi Hospital (cleaning services)", "King Fahd Hospital Jeddah"],
    "AE": ["Rotana Hotels Abu Dhabi", "Emirates Facilities Management LLC"],
    "QA": ["Hamad Medical Corporation", "Marriott Marquis Doha"],
    "PL": ["Fabryka Mebli Sp. z o.o. (Poznan)", "Stocznia Gdansk S.A."],
    "DE": ["Universitatsklinikum Essen", "Klinikum Dortmund"],
}
SHIPS = ["MV Ocean Pride", "FV Hsin Fa 168", "MV Pacific Bright", "FV Lung Yu 626",
         "MT Gas Cilacap", "MV Sunrise Glory", "FV Oyang 73", "MV Golden Pacific"]

FOREIGN_FIRST = {
    "MY": ["Ahmad bin Yusof", "Tan Ah Kow", "Siti Rohana binti Hamid", "Lim Chee Keong",
           "Rosli bin Osman", "Encik Zulkifli"],
    "SA": ["Abdullah Al-Harbi", "Khalid Al-Otaibi", "Fahad Al-Qahtani", "Mohammed Al-Shehri"],
    "AE": ["Rashid Al Mansoori", "Ahmed Al Nuaimi", "Saeed Al Ketbi"],
    "QA": ["Hamad Al-Marri", "Nasser Al-Kuwari"],
    "KW": ["Faisal Al-Mutairi", "Bader Al-Enezi"],
    "OM": ["Salim Al-Balushi", "Said Al-Hinai"],
    "JO": ["Omar Haddad", "Yousef Khalil"],
    "BH": ["Ali Al-Khalifa", "Hussain Ahmed"],
    "KH": ["Mr. Chen", "Mr. Lee", "Sokha", "Mr. Wang (HRD)", "Ms. Vivi"],
    "MM": ["Mr. Zhang", "Ko Aung", "Mr. Liu"],
    "LA": ["Mr. Huang", "Mr. Phan"],
    "TH": ["Mr. Somchai", "Ms. Nok", "Mr. Chen (Mae Sot)"],
}

# Country calling codes, mobile prefixes and local number length.
FOREIGN_PHONE = {
    "MY": ("60", ["12", "13", "16", "17", "18", "19", "11"], 7),
    "SA": ("966", ["50", "53", "54", "55", "56", "59"], 7),
    "AE": ("971", ["50", "52", "55", "56"], 7),
    "QA": ("974", ["33", "55", "66", "77"], 6),
    "KW": ("965", ["50", "55", "60", "65", "97", "99"], 6),
    "OM": ("968", ["90", "92", "95", "99"], 6),
    "JO": ("962", ["77", "78", "79"], 7),
    "KH": ("855", ["12", "15", "16", "17", "77", "96", "97", "88"], 6),
    "MM": ("95", ["9"], 9),
    "LA": ("856", ["20"], 8),
    "TH": ("66", ["8", "9", "6"], 8),
    "SG": ("65", ["8", "9"], 7),
    "HK": ("852", ["5", "6", "9"], 7),
    "TW": ("886", ["9"], 8),
    "JP": ("81", ["90", "80", "70"], 8),
    "KR": ("82", ["10"], 8),
    "EG": ("20", ["10", "11", "12"], 8),
    "TR": ("90", ["53", "54", "55"], 8),
    "NL": ("31", ["6"], 8),
    "AU": ("61", ["4"], 8),
    "BN": ("673", ["7", "8"], 6),
    "BH": ("973", ["33", "36", "39"], 6),
    "DE": ("49", ["151", "160", "176"], 8),
}


def foreign_phone(ctx, cc):
    """Returns (canonical digits with country code, text as written)."""
    rng = ctx.rng
    code, prefixes, n = FOREIGN_PHONE[cc]
    while True:
        local = rng.choice(prefixes) + "".join(str(rng.randint(0, 9)) for _ in range(n))
        canon = code + local
        if canon not in ctx.used_phone:
            ctx.used_phone.add(canon)
            break
    style = rng.randrange(6)
    if style == 0:
        text = f"+{code} {local[:2]} {local[2:5]} {local[5:]}"
    elif style == 1:
        text = f"00{code}{local}"
    elif style == 2:
        text = f"({code}) {local}"
    elif style == 3:
        text = f"+{code}{local}"
    elif style == 4:
        text = f"+{code} {local[:3]}-{local[3:]}"
    else:
        text = ("0" + local) if cc in ("MY", "SA", "KH", "TH", "AE") else f"+{code} {local}"
    return canon, text


def refmt_foreign(rng, canon, cc):
    code = FOREIGN_PHONE[cc][0]
    local = canon[len(code):]
    return rng.choice([f"+{code}{local}", f"00{code}{local}", f"+{code} {local}",
                       f"({code}) {local}"])


def passport_no(rng):
    return rng.choice("ABCCCEX") + "".join(str(rng.randint(0, 9)) for _ in range(7))


MONTHS_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def disnaker_no(rng, regency, d):
    """Passport recommendation number from a regency Disnaker, in one of
    the letter styles seen on such letters."""
    kab = {"33.01": "Disnakerin", "33.02": "Dinnakerkop", "33.03": "Dinnakerin",
           "33.04": "Disnakertrans", "33.05": "Disnakerkop"}.get(regency, "Disnaker")
    n = rng.randint(10, 2400)
    style = rng.randrange(3)
    if style == 0:
        return f"560/{n:04d}/{MONTHS_ROMAN[d.month - 1]}/{d.year}"
    if style == 1:
        return f"560/{n}/{kab}/{d.year}"
    return f"REK-{regency.replace('.', '')}-{d.strftime('%y%m')}-{n:05d}"


def kemnaker_no(rng, d):
    return f"B.{rng.randint(100, 9999)}/PKKTK/KP.09.01/{MONTHS_ROMAN[d.month - 1]}/{d.year}"
