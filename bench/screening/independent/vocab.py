"""Words as clerks and applicants write them: occupations, education,
marital status, relations, funds, itineraries, placeholders."""

OCC = {
    "irt": ["Ibu Rumah Tangga", "IRT", "Mengurus Rumah Tangga", "ibu rumah tangga",
            "MENGURUS RUMAH TANGGA"],
    "wiraswasta": ["Wiraswasta", "WIRASWASTA", "Pedagang", "dagang", "Wirausaha"],
    "petani": ["Petani", "Petani/Pekebun", "PETANI/PEKEBUN", "tani", "Buruh Tani"],
    "buruh": ["Buruh Harian Lepas", "BURUH HARIAN LEPAS", "Buruh", "kuli bangunan",
              "Buruh Pabrik"],
    "pelajar": ["Pelajar/Mahasiswa", "PELAJAR/MAHASISWA", "Pelajar", "Mahasiswa",
                "mahasiswi", "Santri"],
    "swasta": ["Karyawan Swasta", "KARYAWAN SWASTA", "Karyawan", "Pegawai Swasta",
               "karyawan toko"],
    "pns": ["PNS", "Pegawai Negeri Sipil", "ASN", "Guru", "GURU", "Dosen",
            "Perawat", "Bidan", "TNI", "POLRI"],
    "domestic": ["asisten rumah tangga", "pembantu", "PRT", "ART",
                 "pekerja rumah tangga", "Pembantu Rumah Tangga",
                 "asisten RT", "caregiver", "baby sitter"],
    "belum": ["Belum/Tidak Bekerja", "BELUM/TIDAK BEKERJA", "Tidak Bekerja",
              "belum bekerja", "Pengangguran"],
    "nelayan": ["Nelayan", "Nelayan/Perikanan", "NELAYAN", "ABK", "Pelaut"],
    "pensiun": ["Pensiunan", "PENSIUNAN", "Purnawirawan"],
    "sopir": ["Sopir", "Supir", "Driver", "Ojek"],
    "pmi": ["Mantan PMI", "eks TKI", "TKW", "Buruh Migran"],
    "pro": ["Dokter", "Dosen", "Konsultan", "Karyawan BUMN", "Pegawai BUMN",
            "Pengusaha", "Manajer", "Apoteker"],
}


def occ(rng, *kinds):
    return rng.choice(OCC[rng.choice(kinds)])


EDU = {
    "sd": ["SD", "Tamat SD", "SD/Sederajat", "TAMAT SD/SEDERAJAT"],
    "smp": ["SMP", "SLTP", "MTs", "SLTP/SEDERAJAT", "smp"],
    "sma": ["SMA", "SMA", "SMK", "SMK", "SLTA", "MA", "SLTA/SEDERAJAT", "SMK Tata Boga", "SMEA"],
    "dip": ["D3", "D-III", "Diploma III", "D1"],
    "s1": ["S1", "Strata I", "DIPLOMA IV/STRATA I", "S-1", "Sarjana"],
    "s2": ["S2", "Strata II"],
    "none": ["Tidak/Belum Sekolah", "Tidak Sekolah", "Belum Tamat SD"],
}


def edu(rng, weights):
    """weights: dict kind->weight."""
    kinds = list(weights)
    k = rng.choices(kinds, weights=[weights[x] for x in kinds])[0]
    return rng.choice(EDU[k])


def marital(rng, age, sex, married_p=None):
    if age < 17:
        return rng.choice(["Belum Kawin", "BELUM KAWIN", "Belum Kawin", ""])
    if married_p is None:
        married_p = 0.1 if age < 22 else 0.5 if age < 27 else 0.85
    r = rng.random()
    if r < married_p:
        return rng.choice(["Kawin", "KAWIN", "Kawin", "Menikah", "Kawin Tercatat"])
    if r < married_p + 0.07 and age > 25:
        if age > 55:
            return rng.choice(["Cerai Mati", "CERAI MATI", "janda"]) if sex == "P" \
                else rng.choice(["Cerai Mati", "duda"])
        return rng.choice(["Cerai Hidup", "CERAI HIDUP", "janda" if sex == "P" else "duda"])
    return rng.choice(["Belum Kawin", "BELUM KAWIN", "Lajang", "belum menikah"])


REL = {
    "father": ["Ayah", "ayah kandung", "Bapak", "bapak", "AYAH"],
    "mother": ["Ibu", "ibu kandung", "IBU", "Ibu Kandung", "mamah"],
    "husband": ["Suami", "suami", "SUAMI"],
    "wife": ["Istri", "istri", "Isteri", "ISTRI"],
    "child": ["Anak", "anak kandung", "anak", "ANAK"],
    "sibling": ["kakak", "Kakak", "adik", "Adik kandung", "saudara kandung"],
    "cousin": ["sepupu", "Sepupu", "saudara sepupu"],
    "uncle": ["Paman", "paman", "om", "Om", "Bulik", "bibi", "tante"],
    "grand": ["nenek", "Nenek", "kakek", "Mbah"],
    "inlaw": ["mertua", "menantu", "ipar", "kakak ipar"],
    "friend": ["teman", "Teman", "kawan", "rekan kerja"],
    "ppiu": ["PPIU", "travel umrah", "Travel", "travel", "biro umroh", "PPIU/Travel"],
    "tl": ["tour leader", "Tour Leader", "TL", "pemandu wisata", "travel"],
    "p3mi": ["P3MI", "PT penempatan", "perusahaan penyalur resmi", "PT", "agen", "sponsor",
             "agen resmi"],
    "employer": ["majikan", "Majikan", "pengguna", "employer", "bos"],
    "broker": ["agen", "calo", "bos", "sponsor", "Pak RT", "kenalan", "teman",
               "om", "saudara", "tetangga", "pakde", "bos kerja"],
}


def rel(rng, kind):
    return rng.choice(REL[kind])


PLACEHOLDERS = ["-", "tidak ada", "0", "-", "tdk ada", "--", "Tidak Ada", "n/a"]


def placeholder(rng):
    return rng.choice(PLACEHOLDERS)


FUNDS = {
    "own": ["tabungan sendiri", "Tabungan", "biaya sendiri", "gaji",
            "Pribadi", "sendiri", "uang sendiri", "hasil usaha"],
    "family": ["orang tua", "Orang Tua", "anak", "dibiayai anak", "suami",
               "dari suami", "kiriman anak", "keluarga"],
    "company": ["ditanggung perusahaan", "kantor", "dinas", "Perusahaan",
                "biaya kantor"],
    "scholar": ["beasiswa", "beasiswa Kemenag", "beasiswa pemerintah", "beasiswa Al-Azhar",
                "orang tua", "beasiswa Turkiye Burslari"],
    "pmi_ok": ["ditanggung pemberi kerja", "KUR PMI", "pinjaman KUR BNI", "potong gaji",
               "biaya sendiri", "zero cost", "dibayar majikan", "tabungan"],
    "pmi_bad": ["dipinjami agen", "potong gaji", "ditalangi sponsor",
                "dibayari bos", "hutang ke sponsor", "gratis", "ditanggung agen"],
    "pilgrim": ["tabungan haji", "tabungan umroh", "tabungan", "anak",
                "hasil panen", "pensiun", "dibiayai anak", "arisan umroh",
                "talangan bank syariah"],
    "odd": ["teman", "dikasih teman", "kenalan", "pinjam teman", "sponsor",
            "dari kenalan FB", "bos"],
}


def funds(rng, kind, p=None):
    """A funds_source text; with person p, drop options that do not fit
    (no 'suami' for men, no children's money for the young)."""
    opts = FUNDS[kind]
    if p is not None:
        if p["sex"] == "L":
            opts = [o for o in opts if "suami" not in o]
        if p["_age"] < 40:
            opts = [o for o in opts if "anak" not in o]
        if p["_age"] > 45:
            opts = [o for o in opts if "orang tua" not in o.lower()]
    return rng.choice(opts or FUNDS[kind])


# Tourist itineraries per destination (good ones).
ITIN = {
    "SG": ["Singapore 3 hari: Merlion, Sentosa, Universal", "SG 4D3N, USS, Gardens by the Bay",
           "Singapura 2 malam, lanjut Johor Bahru 1 malam", "Singapore 3D2N"],
    "MY": ["Kuala Lumpur 3 hari, Genting 1 hari", "KL - Melaka 4 hari",
           "Penang 3 hari", "KL 3D2N Twin Tower, Batu Caves", "Kuala Lumpur - Putrajaya 4 hari"],
    "TH": ["Bangkok 3 hari, Pattaya 2 hari", "Phuket 4 hari", "Bangkok - Chiang Mai 6 hari",
           "BKK 4D3N", "Bangkok 3 hari, Ayutthaya 1 hari", "Krabi 3 hari, Phuket 2 hari"],
    "JP": ["Tokyo 4 hari, Osaka 3 hari", "Osaka - Kyoto 5 hari", "Tokyo - Fuji 6D5N",
           "Jepang 7 hari sakura"],
    "KR": ["Seoul 5 hari, Nami Island", "Seoul - Busan 6 hari", "Korea 5D4N winter"],
    "TR": ["Istanbul - Cappadocia - Pamukkale 9 hari", "Turki 10 hari (paket tour)",
           "Istanbul 4 hari, Cappadocia 2 hari"],
    "SA": ["Madinah 4 hari, Makkah 5 hari", "paket umroh 9 hari", "umroh 12 hari",
           "Jeddah - Madinah - Makkah 9 hari"],
    "CN": ["Guangzhou 4 hari (pameran)", "Beijing - Shanghai 7 hari", "Yiwu 5 hari"],
    "AU": ["Sydney 5 hari, Melbourne 3 hari", "Perth 6 hari"],
    "VN": ["Ho Chi Minh 3 hari, Mekong 1 hari", "Hanoi - Halong Bay 5 hari"],
    "HK": ["Hong Kong 3 hari, Macau 1 hari", "HK Disneyland 4D3N"],
    "AE": ["Dubai 4 hari, Abu Dhabi 1 hari", "Dubai 5D4N transit"],
    "EG": ["Kairo 4 hari, Luxor 2 hari (lanjut Aqsa)"],
    "KH": ["Siem Reap 3 hari, Angkor Wat", "Phnom Penh 2 hari, Siem Reap 2 hari"],
    "QA": ["Doha 3 hari (stopover)", "Doha 2 hari lanjut Istanbul"],
    "JO": ["Amman - Petra - Laut Mati 5 hari", "Petra 2 hari, Wadi Rum 1 hari"],
}
ITIN_SPARSE = ["jalan2", "jalan-jalan", "liburan", "wisata", "lihat2", "belum tahu",
               "belum tau", "ikut teman", "healing", "-", "sesuai tiket", "blm ada",
               "nanti dikabari", "ke rumah teman", "main"]


def vague_itinerary(rng, dest):
    """Short, human, city-level answers that any traveller may give."""
    city = CITY.get(dest, "")
    opts = ["ke rumah saudara", "wisata", "1 minggu", "liburan"]
    if city:
        opts += [f"{city} 3 hari", city, f"jalan-jalan ke {city}", f"{city} seminggu"]
    return rng.choice(opts)

CITY = {"SG": "Singapore", "MY": "Kuala Lumpur", "TH": "Bangkok", "JP": "Tokyo",
        "KR": "Seoul", "TR": "Istanbul", "SA": "Jeddah", "AE": "Dubai",
        "QA": "Doha", "KW": "Kuwait City", "OM": "Muscat", "JO": "Amman",
        "HK": "Hong Kong", "TW": "Taipei", "CN": "Guangzhou", "KH": "Phnom Penh",
        "MM": "Myawaddy", "LA": "Vientiane", "EG": "Kairo", "BN": "Bandar Seri Begawan",
        "AU": "Sydney", "NL": "Rotterdam", "VN": "Ho Chi Minh", "BH": "Manama",
        "MU": "Port Louis", "ZA": "Cape Town", "FJ": "Suva", "PE": "Callao",
        "US": "Los Angeles"}

# Hospitals abroad for medical trips.
HOSPITALS = {
    "MY": ["Penang Adventist Hospital", "Island Hospital Penang", "Mahkota Medical Centre Melaka",
           "Gleneagles Penang", "Loh Guan Lye Specialists Centre"],
    "SG": ["Mount Elizabeth Hospital", "National University Hospital", "Gleneagles Singapore"],
}
