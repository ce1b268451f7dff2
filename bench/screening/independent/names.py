"""Indonesian (mostly Javanese / Banyumasan) personal names and their
spelling variants."""

import re

import name_pools

# Given names by generation. Older people more often carry old-orthography
# spellings and single names; younger people two or three Arabic / modern
# given names.
MALE_OLD = [
    "Slamet", "Sutrisno", "Soeparman", "Suparman", "Darsono", "Kasmadi",
    "Tarsono", "Sukardi", "Karsidi", "Wartono", "Rasikin", "Carsim",
    "Darsum", "Tarmuji", "Sanwiryo", "Djoko", "Soedarmo", "Mulyono",
    "Sumarno", "Kusnadi", "Koesnadi", "Rohmat", "Sahlan", "Kasim", "Wasdi",
    "Casmadi", "Sutarno", "Ahmad Sodikin", "Abdul Rohman", "Marsudi",
    "Parman", "Sudiro", "Suwarno", "Tjipto", "Sugiyono", "Margono",
    "Mochamad Sodiq", "Muhammad Nur", "Sarmo", "Warsito", "Kadiman",
]
MALE_MID = [
    "Agus Setiawan", "Budi Santoso", "Eko Prasetyo", "Joko Susilo",
    "Wahyu Hidayat", "Bambang Sugiarto", "Sugeng Riyadi", "Imam Santoso",
    "Heri Susanto", "Teguh Widodo", "Dwi Cahyono", "Tri Wibowo",
    "Ahmad Fauzi", "Rudi Hartono", "Nur Hidayat", "Arif Rahman",
    "Muhammad Nasir", "Taufik Hidayat", "Didik Purwanto", "Edi Suryanto",
    "Suryadi", "Sukirno", "Purwanto", "Haryanto", "Waluyo", "Wagiman",
    "Kuswanto", "Suroso", "Yanto", "Tarman", "Dedi Kurniawan", "Riyanto",
]
MALE_YOUNG = [
    "Muhammad Rizki", "Rizky Pratama", "Fajar Nugroho", "Dimas Saputra",
    "Aditya Ramadhan", "Bayu Setiawan", "Yoga Pratama", "Ilham Maulana",
    "Rizal Fahmi", "Andika Putra", "Muhammad Fikri", "Ahmad Zaenuri",
    "Wahyu Saputra", "Rendi Kurniawan", "Dani Setiawan", "Arif Budiman",
    "Galih Prakoso", "Restu Aji", "Fahrul Rozi", "Muhammad Iqbal",
    "Satria Wibowo", "Reza Firmansyah", "Ridwan", "Khoirul Anam",
    "Nanda Prasetya", "Agung Wicaksono", "Irfan Hakim", "Alif Nur Rohman",
    "Dwi Prasetyo", "Tri Handoko", "Feri Irawan", "Rohman",
]
FEMALE_OLD = [
    "Sumiati", "Tarsini", "Casini", "Darsih", "Warsini", "Tumini",
    "Rasinah", "Wasiyem", "Sarinah", "Soekinah", "Djumini", "Soedarmi",
    "Kartini", "Sunarti", "Suwarni", "Siti Aminah", "Siti Fatimah",
    "Sitti Khodijah", "Khotimah", "Rukiyah", "Sutinah", "Kasmini",
    "Sukini", "Parsiyah", "Juariyah", "Djuwariyah", "Mukminah", "Sakinah",
    "Painem", "Tukinem", "Waginah", "Dasinah", "Rasem", "Umi Kulsum",
]
FEMALE_MID = [
    "Sri Wahyuni", "Dewi Lestari", "Nur Hidayah", "Siti Nurjanah",
    "Sri Rahayu", "Endang Susilowati", "Yuli Astuti", "Tri Wahyuningsih",
    "Eni Purwati", "Suryani", "Sulastri", "Rina Marlina", "Ratna Sari",
    "Nining Suryaningsih", "Umi Hanik", "Khusnul Khotimah", "Lilis Suryani",
    "Eti Susanti", "Siti Maesaroh", "Wartini", "Karsiti", "Tursini",
    "Kustiyah", "Mujiati", "Nurul Khotimah", "Rohayati", "Warsiti",
    "Tuti Alawiyah", "Susi Susanti", "Erna Wati", "Yuyun Yuningsih",
]
FEMALE_YOUNG = [
    "Anisa Rahmawati", "Fitri Handayani", "Ayu Lestari", "Indah Permatasari",
    "Wulan Sari", "Eka Putri", "Dina Mariana", "Nur Aini", "Putri Ayu",
    "Dwi Nur Fitriani", "Siti Nur Azizah", "Rizki Amalia", "Novita Sari",
    "Intan Permata", "Della Puspita", "Laras Setyaningrum", "Nadia Safitri",
    "Risma Yuliani", "Tika Nur Aisyah", "Melati", "Amelia Putri",
    "Lutfiana", "Septiani", "Devi Anggraeni", "Nurul Fadilah", "Sinta",
    "Ulfa Khoiriyah", "Yuni Kartika", "Linda Wati", "Tri Utami",
    "Alfina Nur Rohmah", "Salsabila", "Kiki Amelia",
]
# Common given names used to build namesakes of watchlist entries.
COMMON_FULL = {
    "L": ["Slamet", "Muhammad Rizki", "Agus Setiawan", "Budi Santoso",
          "Eko Prasetyo", "Ahmad Fauzi", "Sugeng Riyadi", "Wahyu Hidayat"],
    "P": ["Siti Aminah", "Sri Wahyuni", "Nur Hidayah", "Dewi Lestari",
          "Siti Fatimah", "Sri Rahayu", "Fitri Handayani", "Sumiati"],
}
FATHER_NAMES = [n for n in MALE_OLD + MALE_MID if " " not in n] + [
    "Abdullah", "Sanmurdi", "Kaswadi", "Sarwan", "Wiryo", "Tamsir",
]
CHILD_M = ["Muhammad Alfatih", "Raka Aditya", "Azka Maulana", "Naufal Akbar",
           "Rafi Ramadhan", "Kenzo Arkana", "Fathan Al Ghifari", "Daffa Putra"]
CHILD_F = ["Aisyah Putri", "Naura Azzahra", "Khanza Aulia", "Zahra Amelia",
           "Keysha Anindita", "Alya Nur Rahma", "Shafa Kamila", "Syifa Nabila"]

TITLES_RELIG = {"L": "H.", "P": "Hj."}
DEGREES = ["S.Pd.", "S.E.", "S.Pd.I", "S.Kom", "A.Md.", "S.H.", "S.Ag."]
DEGREES_OLD = {"L": ["Drs.", "Ir."], "P": ["Dra."]}

MUHAMMAD = ["Muhammad", "Mohammad", "Mochamad", "Moch.", "Moh.", "Muh.", "M.",
            "Mohamad", "Muhamad"]

# Old/new orthography pairs (old, new).
ORTHO = [("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("ch", "kh"),
         ("nj", "ny"), ("j", "y")]


def base_given(rng, sex, age):
    """Old people: mostly single old names; others: a fixed common name
    (30 %) or one composed from name parts (70 %)."""
    gen = "old" if age >= 50 else "mid" if age >= 33 else "young"
    if rng.random() < 0.2:                      # generations overlap
        gen = rng.choice(["old", "mid", "young"])
    if gen == "old":
        if rng.random() < 0.8:
            return rng.choice(MALE_OLD if sex == "L" else FEMALE_OLD)
        gen = "mid"
    if rng.random() < 0.3:
        if sex == "L":
            return rng.choice(MALE_MID if gen == "mid" else MALE_YOUNG)
        return rng.choice(FEMALE_MID if gen == "mid" else FEMALE_YOUNG)
    return name_pools.compose(rng, sex, gen)


def make_name(rng, sex, age, *, hajj=False, pilgrim=False, educated=False,
              child=False):
    """A full name as it appears on a form."""
    if child:
        name = rng.choice(CHILD_M if sex == "L" else CHILD_F)
    else:
        name = base_given(rng, sex, age)
    # Muhammad written many ways
    if name.startswith("Muhammad ") and rng.random() < 0.45:
        name = rng.choice(MUHAMMAD) + name[len("Muhammad"):]
    # bin / binti: frequent for pilgrims (three-word names), rare otherwise
    p_bin = 0.45 if pilgrim else 0.06
    if not child and len(name.split()) < 3 and rng.random() < p_bin:
        name += (" bin " if sex == "L" else " binti ") + rng.choice(FATHER_NAMES)
    if hajj and age >= 40 and rng.random() < 0.7:
        name = TITLES_RELIG[sex] + " " + name
    if educated and rng.random() < 0.35:
        if age >= 55 and rng.random() < 0.5:
            name = rng.choice(DEGREES_OLD[sex]) + " " + name
        else:
            name = name + ", " + rng.choice(DEGREES)
    return name


def style_case(rng, name, p_upper=0.25):
    """Clerks type names from the KTP in capitals about a quarter of the time."""
    return name.upper() if rng.random() < p_upper else name


_ORTHO_RX = [
    (r"oe", "u"), (r"(?<=[bcdfghjklmnprstwz])u", "oe"),
    (r"dj", "j"), (r"(?:(?<=\b)|(?<=[aeiou]))j", "dj"),
    (r"tj", "c"), (r"c(?!h)", "tj"),
    (r"sj", "sy"), (r"sy", "sj"), (r"ch", "kh"), (r"kh", "ch"),
    (r"nj", "ny"), (r"ny", "nj"), (r"(?<![snk])y(?=[aeiou])", "j"),
]


def _ortho_variant(rng, name):
    """Swap one old/new orthography pair in one given name (titles and
    degrees are left alone)."""
    words = name.split(" ")
    opts = []
    for wi, w in enumerate(words):
        if w.endswith(".") or w.endswith(",") or w.lower() in ("bin", "binti"):
            continue
        for pat, rep in _ORTHO_RX:
            m = re.search(pat, w, flags=re.I)
            if m:
                opts.append((wi, m.start(), m.end(), rep))
    if not opts:
        return None
    wi, a, b, rep = rng.choice(opts)
    w = words[wi]
    seg = w[a:b]
    if seg.isupper() and (len(seg) > 1 or w.isupper()):
        rep = rep.upper()
    elif seg[:1].isupper():
        rep = rep.capitalize()
    words[wi] = w[:a] + rep + w[b:]
    return " ".join(words)


def name_variant(rng, name):
    """A spelling variant of `name` that a human would still call the same
    name: orthography, Muhammad forms, bin/binti dropped or added, title
    dropped, doubled letters, i/y swaps, dropped middle name."""
    n = name
    for _ in range(14):
        k = rng.randrange(7)
        words = n.split()
        cand = None
        if k == 0:
            cand = _ortho_variant(rng, n)
        elif k == 1:
            for i, w in enumerate(words):
                if w.rstrip(".").lower() in [m.rstrip(".").lower() for m in MUHAMMAD]:
                    words[i] = rng.choice([m for m in MUHAMMAD if m.lower() != w.lower()])
                    cand = " ".join(words)
                    break
        elif k == 2 and (" bin " in n.lower() or " binti " in n.lower()):
            low = n.lower()
            cut = low.find(" bin ") if " bin " in low else low.find(" binti ")
            cand = n[:cut]
        elif k == 3 and words and words[0] in ("H.", "Hj.", "Drs.", "Dra.", "Ir."):
            cand = " ".join(words[1:])
        elif k == 4:
            rules = [(r"ky\b", "ki"), (r"ki\b", "ky"), (r"iyah\b", "iah"),
                             (r"ah\b", "a"), (r"(\w{3,})ni\b", r"\1nie"), (r"(\w{3,})ti\b", r"\1tie"),
                             (r"Siti\b", "Sitti"), (r"Sitti\b", "Siti"),
                             (r"\bNur\b", "Noer"), (r"yani\b", "jani"),
                             (r"\bSl", "Sel"), (r"\bSel", "Sl"),
                             (r"([nrtmdw])o\b", r"\1a"), (r"([nrtmdw])a\b", r"\1o"),
                             (r"([^i])ia", r"\1iya"), (r"iya", "ia"), (r"ry", "riy"),
                             (r"\bAhmad", "Achmad"), (r"\bAchmad", "Ahmad"),
                             (r"dh", "d"), (r"ae", "ai"), (r"ai", "ae"), (r"\bZ", "J")]
            rng.shuffle(rules)
            for pat, rep in rules:
                if re.search(pat, n):
                    cand = re.sub(pat, rep, n, count=1)
                    break
        elif k == 5 and len(words) == 3 and words[1].lower() not in ("bin", "binti"):
            cand = words[0] + " " + words[2]
        elif k == 6 and "," in n:
            cand = n.split(",")[0]
        if cand and cand.lower() != name.lower():
            return cand
    # fallback: double a consonant inside a word (a typing slip)
    spots = [i for i in range(2, len(name) - 1)
             if name[i].lower() in "lmnrst" and name[i - 1].isalpha()
             and name[i + 1].isalpha() and name[i - 1] != name[i]
             and name[i + 1] != name[i]]
    if spots:
        i = rng.choice(spots)
        return name[:i] + name[i] + name[i:]
    if name[-1:].lower() == "h":
        return name[:-1]
    return name + ("H" if name.isupper() else "h")

if __name__ == "__main__":
    import random
    rng = random.Random(3)
    for sex, age in [("L", 70), ("P", 60), ("L", 40), ("P", 25), ("L", 19)]:
        for kw in ({}, {"pilgrim": True, "hajj": True}, {"educated": True}):
            nm = make_name(rng, sex, age, **kw)
            print(sex, age, kw, "|", nm, "->", name_variant(rng, nm))
    print(make_name(rng, "P", 7, child=True))
