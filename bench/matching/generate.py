"""A realistic labelled set for the matching benchmark.

    .venv/bin/python bench/matching/generate.py --entries 100000 --out var/bench/matching/100k

writes `watchlist.csv` (id, full_name, birth_date, sex) and `queries.csv` (query_id,
full_name, birth_date, sex, expected_id, kind). Deterministic for a seed.

People are drawn from Javanese, Sundanese, Muslim, modern, Christian/Batak, Balinese and
Chinese-Indonesian naming habits, with popular names far more frequent than others
(Zipf-like), so that a large list holds hundreds of "Siti Aminah" and "Muhammad Rizki";
a syllable generator adds the long tail of rare Javanese/Sundanese names. The list writes
names the way records do: some in the old spelling (mostly older people), Muhammad in its
many forms, titles (H./Hj., Drs., Ir., S.Pd....), bin/binti + father's name; 85 % of
entries have a full birth date, 10 % only the year, 5 % none.

Queries are either variants of a member (expected_id = that member), one kind each:
name kinds typo, old_spelling, muhammad_form, title_added, title_removed, bin_added,
bin_removed, merge_split, missing_middle, reorder, initials; date kinds date_exact,
date_swapped, date_digit_off, date_year_only, date_missing; sex_missing. A member query
carries the member's date when the list has it in full, else the person's full date (an
applicant always knows it). Or near-misses (expected_id empty): near_similar (a
different person whose name differs from a member's in one part) and near_namesake (a
member's name with another birth date).
"""

from __future__ import annotations

import argparse
import csv
import random
import string
from bisect import bisect
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path


def _zipf(words: str, exponent: float = 1.0) -> tuple[list[str], list[float]]:
    names = words.split()
    weights = [1.0 / (rank + 1.5) ** exponent for rank in range(len(names))]
    return names, list(accumulate(weights))


class Pool:
    """Words in order of popularity, drawn with Zipf-like weights."""

    def __init__(self, words: str, exponent: float = 1.0) -> None:
        self.words, self.cumulative = _zipf(words, exponent)

    def draw(self, rng: random.Random) -> str:
        return self.words[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


JAVANESE_M = Pool(
    """Agus Budi Slamet Joko Bambang Eko Heru Hadi Teguh Wahyu Sutrisno Supriyadi Suparman
    Sugiyanto Suyanto Sukirno Purwanto Widodo Santoso Prasetyo Susanto Wibowo Nugroho
    Hartono Gunawan Setiawan Darmawan Sukamto Sumarno Suprapto Suharto Sugeng Yanto Haryanto
    Bayu Dimas Arif Adi Rudi Tono Paijo Paimin Parno Sarno Karto Wagiman Sariman Kasino
    Tukiman Ponirin Jumadi Sunarto Subagyo Suwarno Mulyono Sriyono Wardoyo Pujiono Triyono
    Margono Sutarno Sudarsono Harjono Marsudi Wiyono Rahmat Sigit Anton Dwi Tri Catur""",
    0.9,
)
JAVANESE_F = Pool(
    """Sri Siti Tri Dwi Endang Sumiati Suparmi Lestari Rahayu Ningsih Sulastri Wartini
    Tumini Sunarti Sumarni Suwarni Partini Wahyuni Yuliani Puji Ratna Indah Wulan Dewi
    Kartini Sukarti Sumiyati Jumiati Painem Tukinem Sarinah Ngatini Paini Sri Sutarmi
    Suyatmi Murni Sunarsih Supriyati Tarsih Kasmini Rukmini Winarti Astuti Setyowati
    Handayani Purwanti Mulyani Yuni Rini Wati Sri Hartini Maryati""",
    0.9,
)
SUNDANESE_M = Pool(
    """Asep Ujang Dede Cecep Iwan Dadang Ade Yayan Ayi Dodi Deden Encep Jajang Nana Ujang
    Usep Wawan Yusup Aep Engkus Maman Oman Tatang Udin Hendra Ridwan Agus Rudi""",
    1.0,
)
SUNDANESE_F = Pool(
    """Euis Neneng Imas Enung Entin Cucu Rina Yati Iis Nining Neng Eneng Ai Cicih Dedeh
    Elis Ela Erna Heni Ika Lilis Nia Tati Titin Wiwin Yuyun Popon Empat""",
    1.0,
)
SUNDANESE_FAMILY = Pool(
    """Hidayat Permana Suryana Kurnia Nugraha Saputra Sopandi Rusmana Sumarna Setiawan
    Gunawan Ruhimat Supriatna Hermawan Kusnadi Sudrajat Wijaya Mulyana Rohmat Sutisna
    Hamdani Solihin Sobari Sulaeman Rahmat Kartika Kusmayadi Juhana Suganda Ramdani""",
    0.9,
)
MUSLIM_M = Pool(
    """Rizki Yusuf Ahmad Ali Hasan Ibrahim Ismail Umar Arif Fauzi Rahmat Hidayat Syaiful
    Zainal Abdullah Ilham Faisal Fadli Hamzah Ridwan Imron Mahmud Salim Hakim Hanif Iqbal
    Khairul Luthfi Maulana Nasrullah Rasyid Sholeh Taufik Yahya Zaki Fikri Ihsan Firdaus
    Jamaluddin Kholil Mukhlis Nurdin Rohman Syamsul Usman Wahid Yunus Zulkifli Anwar Bahri
    Chairul Djamal Fathoni Ghofur Habib Irfan Jafar Khoirul Mansur Nasir Qomaruddin Rofiq""",
    1.0,
)
MUSLIM_F = Pool(
    """Aminah Fatimah Aisyah Khodijah Zainab Maryam Rohmah Nurhayati Zubaidah Romlah Halimah
    Muslimah Masitoh Sholihah Khotimah Julaeha Nuraini Rahmawati Hidayah Syarifah Nurjanah
    Mardiyah Ulfah Rukayah Salamah Aminatun Fitriani Hasanah Latifah Maimunah Marfuah
    Nafisah Qomariyah Rofiah Saadah Solehah Umi Wardah Yulaikha Zahra Nurhaliza Nurul Azizah
    Badriyah Chotijah Dzakiyah Faridah Habibah Istiqomah Jamilah Kamilah Laila Mahmudah""",
    0.85,
)
ABDUL_SUFFIX = Pool(
    "Rahman Aziz Malik Karim Hamid Rohim Latif Gani Wahab Rozak Kadir Jalil Majid Salam Syukur",
    1.0,
)
MODERN_M = Pool(
    """Rizky Dimas Fajar Andi Bayu Reza Aditya Yoga Rangga Bagus Ilham Dani Fikri Galih
    Hendra Irfan Kevin Rendi Rio Satria Tegar Wisnu Yudha Zaki Arya Bima Dafa Eka Gilang""",
    1.0,
)
MODERN_F = Pool(
    """Putri Dewi Ayu Indah Wulan Ratna Yuni Rina Lina Desi Novi Fitri Anisa Dian Eka Intan
    Maya Nadia Nanda Nia Rani Sari Tika Vina Wina Yulia Zahra Citra Dinda Mega Nurul""",
    1.0,
)
MODERN_FAMILY_M = Pool(
    """Pratama Saputra Kurniawan Setiawan Wijaya Hidayat Nugroho Susanto Wibowo Gunawan
    Firmansyah Ramadhan Permana Maulana Prasetyo Santoso Hakim Syahputra Utomo Purnomo
    Kusuma Hermawan Irawan Wicaksono Putra Adiputra Nugraha Siswanto""",
    0.9,
)
MODERN_FAMILY_F = Pool(
    """Lestari Handayani Rahmawati Wulandari Puspita Anggraini Kusuma Saputri Permatasari
    Safitri Oktaviani Purnamasari Maharani Rahayu Pertiwi Wahyuni Astuti Novitasari Utami
    Kurniasih Agustina Susanti Yuliana Hapsari Ramadhani Fitriana Pratiwi Sari""",
    0.9,
)
CHRISTIAN_M = Pool(
    """Yohanes Petrus Paulus Markus Yosua Daniel Samuel Stefanus Lukas Matius Andreas
    Fransiskus Antonius Yakobus Timotius Agustinus Benediktus Kristian Roy Jhon Lamhot
    Maruli Sahat Parlindungan Horas Bonar Tigor Binsar Hotman Poltak Togar Martua""",
    1.0,
)
CHRISTIAN_F = Pool(
    """Maria Ester Debora Ruth Rosmawati Tiur Rotua Lasma Rosdiana Marta Elisabeth Yohana
    Kristina Theresia Veronika Agnes Monika Lidia Sarah Hana Nurmaida Rismawati Sondang
    Tiurma Dameria Hotmauli Romauli Nurhayati Lamria""",
    1.0,
)
BATAK_MARGA = Pool(
    """Simanjuntak Siregar Nasution Lubis Harahap Hutapea Panjaitan Sinaga Situmorang
    Tampubolon Sitorus Pardede Simatupang Hutagalung Manurung Sihombing Silalahi Napitupulu
    Pasaribu Simbolon Gultom Tambunan Marpaung Sitompul Nainggolan Purba Saragih Damanik
    Ginting Tarigan Sembiring Sianturi Hutabarat Aritonang Siahaan Sibarani Lumbantobing
    Matondang Pohan Rangkuti""",
    0.7,
)
BALI_ORDER = Pool("Wayan Made Nyoman Ketut Putu Kadek Komang Gede Nengah", 0.6)
BALI_M = Pool(
    """Sudarma Suartana Arsana Wirawan Adi Sukadana Mahendra Astawa Suarjana Budiasa Darma
    Gunawan Suparta Wirata Yasa Mertha Sujana Artawan Sumerta Widiana Kariasa Antara
    Suastika Sutama Parwata""",
    0.9,
)
BALI_F = Pool(
    """Sukerti Suartini Wulandari Kartini Suciati Ariani Dewi Rai Ayu Sriani Murniasih
    Sumiasih Puspawati Widiastuti Sukarini Astiti Lasmini Rusmini Suarni Sudiartini""",
    0.9,
)
CHINESE_GIVEN_M = Pool(
    """Hendra Budi Steven Kevin Michael Hendrik Rudy Andy Johan Sutanto Hartono Tommy
    Jimmy Felix Vincent William Edy Susanto Willy Halim""",
    1.0,
)
CHINESE_GIVEN_F = Pool(
    """Lili Jessica Susanti Melinda Cindy Vivian Linda Yenny Fenny Lanny Meliana Angela
    Sisca Wenny Erlina Shinta Novita Irene Grace Stella""",
    1.0,
)
CHINESE_FAMILY = Pool(
    """Wijaya Halim Gunawan Tanoto Salim Tan Lim Liem Kusuma Santoso Hartono Sutanto Tanujaya
    Winata Lukito Setiadi Tjahjadi Kurniadi Tanuwijaya Gosal Halim Sugianto Oei Tjoa""",
    0.8,
)
MUHAMMAD_FORMS = Pool("Muhammad Mohammad Muhamad Moh. M. Mochamad Moch. Muh. Mhd.", 0.8)

# The long tail: Javanese/Sundanese names built from syllables ("Su-karm-an", "Tu-min-ah").
_PREFIX = [
    "Su",
    "Sri",
    "Har",
    "Wi",
    "Pur",
    "Sar",
    "Mar",
    "Kar",
    "Ras",
    "Sis",
    "Rah",
    "Mul",
    "Jum",
    "Tum",
    "Pon",
    "Ngat",
    "Kas",
    "Sam",
    "Sun",
    "War",
    "Dar",
]
_ROOT = [
    "kar",
    "par",
    "mar",
    "tar",
    "yat",
    "min",
    "jan",
    "ran",
    "dar",
    "nar",
    "wan",
    "pri",
    "las",
    "man",
    "gi",
    "to",
    "ri",
    "ta",
    "na",
    "ja",
    "di",
    "ko",
    "ha",
    "bag",
    "mad",
    "sik",
    "tik",
    "wid",
    "yan",
    "rat",
    "tin",
    "wir",
    "sam",
    "kam",
]
_SUFFIX_M = [
    "no",
    "to",
    "yo",
    "di",
    "man",
    "min",
    "ardi",
    "anto",
    "yono",
    "wanto",
    "adi",
    "ono",
    "ari",
]
_SUFFIX_F = ["ni", "ti", "mi", "yah", "wati", "yati", "ningsih", "sih", "nah", "inem", "iyah", "ah"]

GROUPS = (
    ("javanese", 0.33),
    ("sundanese", 0.12),
    ("muslim", 0.22),
    ("modern", 0.15),
    ("batak", 0.08),
    ("balinese", 0.05),
    ("chinese", 0.05),
)
_GROUP_CUMULATIVE = list(accumulate(w for _g, w in GROUPS))


def syllabic(rng: random.Random, sex: str) -> str:
    suffix = _SUFFIX_M if sex == "L" else _SUFFIX_F
    word = rng.choice(_PREFIX) + rng.choice(_ROOT) + rng.choice(suffix)
    return word.capitalize()


@dataclass
class Person:
    """A person and the way a record writes their name."""

    group: str
    sex: str
    words: list[str]  # the name as written, modern spelling
    born: date
    father: str
    prefix_titles: list[str] = field(default_factory=list)
    degrees: list[str] = field(default_factory=list)
    patronym: bool = False
    muslim: bool = False
    key_words: list[str] = field(default_factory=list)  # modern spelling, for namesakes

    def render(self) -> str:
        text = " ".join([*self.prefix_titles, *self.words])
        if self.patronym:
            text += (" bin " if self.sex == "L" else " binti ") + self.father
        if self.degrees:
            text += ", " + ", ".join(self.degrees)
        return text


def make_person(rng: random.Random) -> Person:
    group = GROUPS[bisect(_GROUP_CUMULATIVE, rng.random() * _GROUP_CUMULATIVE[-1])][0]
    sex = "L" if rng.random() < 0.5 else "P"
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 58))
    male = sex == "L"
    words: list[str]
    muslim = group in ("javanese", "sundanese", "muslim", "modern")
    if group == "javanese":
        pool = JAVANESE_M if male else JAVANESE_F
        draw = (lambda: syllabic(rng, sex)) if rng.random() < 0.35 else (lambda: pool.draw(rng))
        size = rng.choices((1, 2, 3), (0.2, 0.55, 0.25))[0]
        words = [draw() if rng.random() < 0.5 else pool.draw(rng) for _ in range(size)]
        if not male and rng.random() < 0.25:
            words = ["Siti", *words[:2]]
    elif group == "sundanese":
        first = (SUNDANESE_M if male else SUNDANESE_F).draw(rng)
        second = SUNDANESE_FAMILY.draw(rng) if rng.random() < 0.7 else syllabic(rng, sex)
        words = [first, second] if rng.random() < 0.85 else [first]
    elif group == "muslim":
        if male:
            roll = rng.random()
            if roll < 0.4:
                words = ["Muhammad", MUSLIM_M.draw(rng)]
            elif roll < 0.55:
                words = ["Ahmad", MUSLIM_M.draw(rng)]
            elif roll < 0.68:
                words = ["Abdul", ABDUL_SUFFIX.draw(rng)]
            else:
                words = [MUSLIM_M.draw(rng)]
            if rng.random() < 0.5:
                words.append(MUSLIM_M.draw(rng) if rng.random() < 0.5 else syllabic(rng, sex))
        else:
            roll = rng.random()
            first = "Siti" if roll < 0.35 else ("Nur" if roll < 0.5 else MUSLIM_F.draw(rng))
            words = [first, MUSLIM_F.draw(rng)]
            if rng.random() < 0.25:
                words.append(MODERN_FAMILY_F.draw(rng))
    elif group == "modern":
        first = (MODERN_M if male else MODERN_F).draw(rng)
        family = (MODERN_FAMILY_M if male else MODERN_FAMILY_F).draw(rng)
        words = [first, family]
        if rng.random() < 0.3:
            words.insert(1, (MODERN_M if male else MODERN_F).draw(rng))
    elif group == "batak":
        pool = CHRISTIAN_M if male else CHRISTIAN_F
        words = [pool.draw(rng)]
        if rng.random() < 0.35:
            words.append(pool.draw(rng))
        if not male and rng.random() < 0.3:
            words.append("br.")
        words.append(BATAK_MARGA.draw(rng))
    elif group == "balinese":
        words = [
            "I" if male else "Ni",
            BALI_ORDER.draw(rng),
            (BALI_M if male else BALI_F).draw(rng),
        ]
        if rng.random() < 0.4:
            words.append((BALI_M if male else BALI_F).draw(rng))
    else:
        words = [(CHINESE_GIVEN_M if male else CHINESE_GIVEN_F).draw(rng), CHINESE_FAMILY.draw(rng)]
    words = list(dict.fromkeys(words))  # "Sri Sri" -> "Sri"
    father = "Muhammad " + MUSLIM_M.draw(rng) if rng.random() < 0.3 else MUSLIM_M.draw(rng)
    person = Person(group, sex, words, born, father, muslim=muslim, key_words=list(words))
    if "Muhammad" in words and rng.random() < 0.55:
        person.words = [MUHAMMAD_FORMS.draw(rng) if w == "Muhammad" else w for w in words]
    if muslim and born.year < 1975 and rng.random() < 0.15:
        person.prefix_titles.append("H." if male else "Hj.")
    if born.year < 1970 and rng.random() < 0.05:
        person.prefix_titles.append(rng.choice(["Drs.", "Ir."]) if male else "Dra.")
    if born.year < 1995 and rng.random() < 0.05:
        person.degrees.append(rng.choice(["S.Pd.", "S.E.", "S.H.", "M.M.", "S.Kom.", "A.Md."]))
    if muslim and rng.random() < 0.12:
        person.patronym = True
    if rng.random() < (0.4 if born.year < 1965 else 0.04):
        person.words = [to_old_spelling(w) for w in person.words]
    return person


_NEW_TO_OLD = (("kh", "ch"), ("sy", "sj"), ("ny", "nj"), ("u", "oe"), ("c", "tj"), ("j", "dj"))


def to_old_spelling(word: str) -> str:
    """Write a word in the pre-1972 orthography (u->oe, j->dj, c->tj, y->j...)."""
    lower = word.lower()
    out: list[str] = []
    i = 0
    while i < len(lower):
        for new, old in _NEW_TO_OLD:
            if lower.startswith(new, i) and not (new == "u" and i > 0 and lower[i - 1] == "a"):
                out.append(old)
                i += len(new)
                break
        else:
            out.append("j" if lower[i] == "y" else lower[i])
            i += 1
    text = "".join(out)
    return text.capitalize() if word[:1].isupper() else text


def typo(word: str, rng: random.Random) -> str:
    """One slip of the keyboard inside the word (never its first letter)."""
    letters = list(word)
    i = rng.randrange(1, len(letters))
    action = rng.choice(("sub", "del", "ins", "swap"))
    if action == "sub":
        letters[i] = rng.choice([c for c in "aiueonmrst" if c != letters[i].lower()])
    elif action == "del":
        del letters[i]
    elif action == "ins":
        letters.insert(i, rng.choice("aiueonrh"))
    elif i < len(letters) - 1 and letters[i] != letters[i + 1]:
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        letters[i] = rng.choice([c for c in "aiueo" if c != letters[i].lower()])
    return "".join(letters)


def canonical_key(person: Person) -> str:
    """A crude identity of the written name, for spotting true namesakes."""
    return " ".join(w.lower().strip(".") for w in person.key_words)


def _iso(born: date) -> str:
    return born.isoformat()


NAME_KINDS = (
    "typo",
    "old_spelling",
    "muhammad_form",
    "title_added",
    "title_removed",
    "bin_added",
    "bin_removed",
    "merge_split",
    "missing_middle",
    "reorder",
    "initials",
)
DATE_KINDS = ("date_exact", "date_swapped", "date_digit_off", "date_year_only", "date_missing")
OTHER_KINDS = ("sex_missing",)
NEAR_KINDS = ("near_similar", "near_namesake")
KINDS = NAME_KINDS + DATE_KINDS + OTHER_KINDS + NEAR_KINDS

_SPLITTABLE = {
    "Nurhaliza": "Nur Haliza",
    "Nuraini": "Nur Aini",
    "Nurhayati": "Nur Hayati",
    "Nurjanah": "Nur Janah",
    "Nurdin": "Nur Din",
}


@dataclass
class Entry:
    id: str
    person: Person
    date_text: str  # as the list writes it


def _name_variant(kind: str, person: Person, rng: random.Random) -> Person | None:
    """The person's name changed by `kind`, or None when the kind does not apply."""
    p = replace(person, words=list(person.words))
    p.prefix_titles = list(person.prefix_titles)
    p.degrees = list(person.degrees)
    words = p.words
    plain = [i for i, w in enumerate(words) if len(w) >= 4 and not w.endswith(".")]
    if kind == "typo":
        if not plain:
            return None
        i = rng.choice(plain)
        words[i] = typo(words[i], rng)
    elif kind == "old_spelling":
        old = [to_old_spelling(w) for w in words]
        if old == words:
            return None
        p.words = old
    elif kind == "muhammad_form":
        forms = MUHAMMAD_FORMS.words
        spots = [i for i, w in enumerate(words) if w in forms]
        if not spots:
            return None
        i = spots[0]
        words[i] = rng.choice([f for f in forms if f != words[i]])
    elif kind == "title_added":
        if p.prefix_titles or p.degrees:
            return None
        if rng.random() < 0.6:
            p.prefix_titles.append(("H." if p.sex == "L" else "Hj.") if p.muslim else "Dr.")
        else:
            p.degrees.append(rng.choice(["S.Pd.", "S.E.", "S.H.", "M.M.", "S.Kom."]))
    elif kind == "title_removed":
        if not (p.prefix_titles or p.degrees):
            return None
        p.prefix_titles, p.degrees = [], []
    elif kind == "bin_added":
        if p.patronym or not p.muslim:
            return None
        p.patronym = True
    elif kind == "bin_removed":
        if not p.patronym:
            return None
        p.patronym = False
    elif kind == "merge_split":
        split = [i for i, w in enumerate(words) if w in _SPLITTABLE]
        joinable = [
            i
            for i in range(len(words) - 1)
            if words[i] in ("Nur", "Abdul", "Siti", "Sri") and not words[i + 1].endswith(".")
        ]
        if split:
            i = split[0]
            words[i : i + 1] = _SPLITTABLE[words[i]].split()
        elif joinable:
            i = joinable[0]
            first, second = words[i], words[i + 1]
            if first == "Abdul" and second[0].lower() in "rstdzn":
                merged = "Abdu" + second[0].lower() + second.lower()  # Abdurrahman
            else:
                merged = first + second.lower()
            words[i : i + 2] = [merged]
        else:
            return None
    elif kind == "missing_middle":
        names = [i for i, w in enumerate(words) if w not in ("I", "Ni", "br.")]
        if len(names) < 3:
            return None
        del words[names[1]]
    elif kind == "reorder":
        names = [w for w in words if w not in ("I", "Ni", "br.")]
        if len(names) < 2:
            return None
        p.words = [names[-1], *names[:-1]]
    elif kind == "initials":
        names = [i for i, w in enumerate(words) if w not in ("I", "Ni", "br.") and len(w) > 2]
        if len(names) < 2:
            return None
        i = names[0] if rng.random() < 0.6 else names[-1]
        words[i] = words[i][0].upper() + "."
    return p


def _digit_off(born: date, rng: random.Random) -> date | None:
    digits = born.strftime("%Y%m%d")
    for _ in range(20):
        position = rng.choice((2, 3, 5, 6, 7))  # the last two year digits, month, day
        candidate = digits[:position] + rng.choice(string.digits) + digits[position + 1 :]
        if candidate == digits:
            continue
        try:
            changed = date(int(candidate[:4]), int(candidate[4:6]), int(candidate[6:]))
        except ValueError:
            continue
        if 1940 <= changed.year <= 2010:
            return changed
    return None


def generate(
    entries: int, per_kind: int, seed: int
) -> tuple[list[list[str]], list[list[str]], dict[str, int]]:
    """(watchlist rows, query rows, namesake statistics)."""
    rng = random.Random(seed)
    people: list[Entry] = []
    namesakes: dict[str, list[str]] = {}
    for n in range(entries):
        person = make_person(rng)
        roll = rng.random()
        date_text = (
            _iso(person.born) if roll < 0.85 else (str(person.born.year) if roll < 0.95 else "")
        )
        people.append(Entry(f"W{n + 1:07d}", person, date_text))
        namesakes.setdefault(canonical_key(person), []).append(date_text)
    watchlist = [
        [e.id, e.person.render(), e.date_text, e.person.sex if rng.random() < 0.95 else ""]
        for e in people
    ]
    sex_of = {row[0]: row[3] for row in watchlist}

    queries: list[list[str]] = []

    def add(kind: str, person: Person, born: str, sex: str, expected: str) -> None:
        queries.append([f"Q{len(queries) + 1:06d}", person.render(), born, sex, expected, kind])

    for kind in KINDS:
        made = 0
        attempts = 0
        while made < per_kind and attempts < per_kind * 400:
            attempts += 1
            entry = people[rng.randrange(len(people))]
            person = entry.person
            full = _iso(person.born)
            listed_full = len(entry.date_text) == 10
            sex = sex_of[entry.id] or person.sex
            if kind in NAME_KINDS:
                variant = _name_variant(kind, person, rng)
                if variant is None:
                    continue
                add(kind, variant, full, sex, entry.id)
            elif kind in DATE_KINDS or kind == "sex_missing":
                if not listed_full and kind != "date_missing":
                    continue
                born = full
                if kind == "date_swapped":
                    if person.born.day > 12 or person.born.day == person.born.month:
                        continue
                    born = _iso(date(person.born.year, person.born.day, person.born.month))
                elif kind == "date_digit_off":
                    changed = _digit_off(person.born, rng)
                    if changed is None:
                        continue
                    born = _iso(changed)
                elif kind == "date_year_only":
                    born = str(person.born.year)
                elif kind == "date_missing":
                    born = ""
                add(kind, person, born, "" if kind == "sex_missing" else sex, entry.id)
            elif kind == "near_namesake":
                taken = namesakes[canonical_key(person)]
                other = date(1950, 1, 1) + timedelta(days=rng.randrange(365 * 58))
                if any(_fits(other, d) for d in taken):
                    continue
                add(kind, person, _iso(other), sex, "")
            else:  # near_similar: one name part replaced by another name of the same kind
                names = [i for i, w in enumerate(person.words) if w not in ("I", "Ni", "br.")]
                if len(names) < 2:
                    continue
                i = rng.choice(names)
                stranger = make_person(rng)
                while stranger.sex != person.sex or stranger.group != person.group:
                    stranger = make_person(rng)
                pool = [w for w in stranger.words if w not in ("I", "Ni", "br.", "Siti")]
                if not pool:
                    continue
                replacement = rng.choice(pool)
                if replacement.lower()[:3] == person.words[i].lower()[:3]:
                    continue
                other_person = replace(person, words=list(person.words))
                other_person.words[i] = replacement
                other_person.key_words = list(person.key_words)
                other_person.key_words[i] = replacement
                other_person.born = stranger.born
                taken = namesakes.get(canonical_key(other_person), [])
                year_only = rng.random() < 0.15
                if any(_fits(other_person.born, d, year_only=year_only) for d in taken):
                    continue
                born = str(stranger.born.year) if year_only else _iso(stranger.born)
                add(kind, other_person, born, person.sex, "")
            made += 1
    sizes = sorted((len(v), k) for k, v in namesakes.items())
    stats = {f"namesakes of '{k}'": n for n, k in sizes[-5:]}
    stats["distinct names"] = len(namesakes)
    return watchlist, queries, stats


def _fits(born: date, listed: str, *, year_only: bool = False) -> bool:
    """Whether a person born on `born` could be a namesake entry as the list writes its date.

    Near-misses must be told apart by what the list and the query show: not undated
    namesakes, nor namesakes whose year is the same or one digit off when either side
    gives only the year.
    """
    if not listed:
        return True
    if len(listed) == 4 or year_only:
        listed = listed[:4]
        year = f"{born.year:04d}"
        return sum(x != y for x, y in zip(year, listed, strict=True)) <= 1
    return _close_dates(born, date.fromisoformat(listed))


def _close_dates(a: date, b: date) -> bool:
    """Same date, swapped day/month, or one digit apart: a match could still be claimed."""
    if a == b or (a.year == b.year and a.month == b.day and a.day == b.month):
        return True
    da, db = a.strftime("%Y%m%d"), b.strftime("%Y%m%d")
    return sum(x != y for x, y in zip(da, db, strict=True)) <= 1


def write(out: Path, watchlist: list[list[str]], queries: list[list[str]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "watchlist.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "full_name", "birth_date", "sex"])
        writer.writerows(watchlist)
    with (out / "queries.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["query_id", "full_name", "birth_date", "sex", "expected_id", "kind"])
        writer.writerows(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--per-kind", type=int, default=150)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    watchlist, queries, stats = generate(args.entries, args.per_kind, args.seed)
    write(args.out, watchlist, queries)
    print(f"{len(watchlist):,} entries, {len(queries):,} queries -> {args.out}")
    for key, value in stats.items():
        print(f"  {key}: {value:,}")


if __name__ == "__main__":
    main()
