"""Indonesian names as people of each generation and region write them on forms.

Javanese, Sundanese (west Cilacap), Muslim and a few Christian names; spelling variants
(Muhammad/Mohammad/Mochamad/Moch./M., Siti/Sitti, Nur/Noer...), the old orthography
(oe/dj/tj/j) more often for older people, mononyms (about half of those born before
1960), bin/binti mostly for pilgrims, H./Hj. and academic titles for a few.
"""

from __future__ import annotations

import datetime as dt
import random

from waspada.synthetic.draw import weighted

FEMALE = "P"
MALE = "L"


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
    return weighted(rng, *options) if options else word


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
    words = [weighted(rng, firsts, [_COMMON_FIRST.get(name, 1.0) for name in firsts])]
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


def decorate(
    rng: random.Random,
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
