"""Normalisation of Indonesian personal names for matching (see "Names" in docs/domain.md).

Pure Python, no Django. `normalize_name(raw)` turns whatever an officer or a CSV file wrote
into a `NormalizedName`: comparable lowercase tokens in written order, with the parts that
must not take part in a plain comparison split off and kept as facts:

- case, punctuation and spacing are normalised; accented and full-width letters are
  transliterated by Unicode decomposition, other characters (Arabic, Chinese...) dropped;
- titles and honorifics (H./Hj./Haji, Drs./Dra./Ir./Dr./dr./Prof., KH., Raden/R./R.A.,
  Balinese caste titles, Batak "Ompu") and academic degrees (S.Pd., S.E., S.H., M.M. and
  kin) are removed and listed in `titles`;
- `bin`/`binti` (and bt./bte.) + the father's name become `patronym`;
- the old orthography is mapped to the current one (oe->u, dj->j, tj->c, sj->sy, nj->ny,
  ch->kh); j/y stay as written, since old "j" may be a "y" or a real "j": `fold_token`
  and `phonetic_key` treat them as confusable instead;
- the many spellings of Muhammad (Mohammad, Mochamad, Moch., Moh., Muh., Mhd., a leading
  M.), Ahmad/Achmad/Akhmad, Abdul/Abd., Nur/Noer/Noor and Siti/Sitti/St. become one token;
- Arabic compounds written as one word are split (Abdurrahman -> abdul rahman), so that
  they compare equal to the two-word form; other merges/splits (Nur Haliza / Nurhaliza)
  are left to the matcher, which compares concatenations;
- single letters are initials (`initials`), kept in place in `parts`;
- Balinese gender particles (I, Ni, Luh) and birth-order names (Wayan/Putu/Gede,
  Made/Kadek/Nengah, Nyoman/Komang, Ketut) are split off: `birth_order` 1-4;
- the Batak particle br./boru ("daughter of the clan") is dropped and kept in `particles`.

Normalisation never raises, whatever the input, and is idempotent on its comparable part:
`normalize_name(n.text).key == n.key`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "BIRTH_ORDER",
    "NormalizedName",
    "fold_token",
    "map_old_spelling",
    "name_key",
    "normalize_name",
    "normalize_place",
    "phonetic_key",
]

# Longer input is cut: no real name is this long, and the cost must stay bounded.
MAX_INPUT_CHARS = 1000
MAX_PARTS = 16
MAX_PATRONYM = 8
MAX_TOKEN_CHARS = 40

# --- Titles --------------------------------------------------------------------------------------

# Honorifics written before the name: dotless lowercase key -> how it is usually written.
# Recognised only before the first name token ("R. Soeprapto", but "Budi R." is an initial).
PREFIX_TITLES: dict[str, str] = {
    "h": "H.",
    "hj": "Hj.",
    "haji": "Haji",
    "hajah": "Hajah",
    "hajjah": "Hajjah",
    "kh": "KH.",
    "kyai": "Kyai",
    "kiai": "Kiai",
    "drs": "Drs.",
    "dra": "Dra.",
    "ir": "Ir.",
    "dr": "Dr.",
    "drg": "drg.",
    "prof": "Prof.",
    "raden": "Raden",
    "r": "R.",
    "ra": "R.A.",
    "rr": "R.r.",
    "rm": "R.M.",
    "ray": "R.Ay.",
    "ust": "Ust.",
    "ustadz": "Ustadz",
    "ustaz": "Ustaz",
    "ustadzah": "Ustadzah",
    "tb": "Tb.",
    "gusti": "Gusti",
    "cokorda": "Cokorda",
    "tjokorda": "Tjokorda",
    "ompu": "Ompu",
    "op": "Op.",
}

# Balinese caste titles of two words, before the name ("Ida Bagus Oka", "Anak Agung Gde").
PREFIX_TITLE_PAIRS: dict[tuple[str, str], str] = {
    ("ida", "bagus"): "Ida Bagus",
    ("ida", "ayu"): "Ida Ayu",
    ("anak", "agung"): "Anak Agung",
}

# Academic and professional degrees, written after the name: dotless key -> usual form.
DEGREES: dict[str, str] = {
    key.replace(".", "").lower(): key
    for key in [
        "S.Pd.",
        "S.Pd.I.",
        "S.Pd.SD.",
        "S.E.",
        "S.H.",
        "S.H.I.",
        "S.Kom.",
        "S.T.",
        "S.Sos.",
        "S.Ag.",
        "S.IP.",
        "S.I.P.",
        "S.Kep.",
        "S.Farm.",
        "S.Ked.",
        "S.Psi.",
        "S.Hum.",
        "S.Si.",
        "S.P.",
        "S.Pt.",
        "S.KH.",
        "S.Ikom.",
        "S.I.Kom.",
        "S.Ak.",
        "S.Tr.",
        "S.Th.",
        "S.Kes.",
        "S.ST.",
        "S.Gz.",
        "S.Sn.",
        "S.Ds.",
        "S.Hut.",
        "S.Pi.",
        "S.Kel.",
        "S.Stat.",
        "S.Mat.",
        "S.Sy.",
        "S.Fil.",
        "A.Md.",
        "A.Ma.",
        "A.Md.Kep.",
        "A.Md.Keb.",
        "M.M.",
        "M.Pd.",
        "M.Pd.I.",
        "M.Si.",
        "M.Kom.",
        "M.T.",
        "M.H.",
        "M.Ag.",
        "M.Kes.",
        "M.B.A.",
        "M.Sc.",
        "M.Hum.",
        "M.Ak.",
        "M.Th.",
        "M.E.",
        "M.Eng.",
        "M.A.",
        "M.Sn.",
        "M.Psi.",
        "M.Farm.",
        "M.Kn.",
        "Ph.D.",
        "B.Sc.",
        "B.A.",
        "LL.M.",
        "Lc.",
        "Sp.A.",
        "Sp.OG.",
        "Sp.PD.",
        "Sp.B.",
        "Sp.M.",
        "Sp.THT.",
        "Apt.",
        "Ns.",
        "SKM.",
        "S.K.M.",
        "Dipl.Ing.",
        "Drh.",
        "Psikolog",
    ]
}
# Two-letter degree keys are also ordinary syllables or surnames ("Ma", "St" for Siti,
# "Ir"...): without a dot or a comma before them they are only taken for degrees when
# unambiguous ones follow, so "Budi Santoso SE" keeps "se" but "Budi, S.E." drops it.
_AMBIGUOUS_DEGREES = frozenset(k for k in DEGREES if len(k) <= 2)

# --- Particles and birth order -------------------------------------------------------------------

PATRONYM_MARKERS: dict[str, str] = {"bin": "bin", "binti": "binti", "bt": "binti", "bte": "binti"}
PATRONYM_MARKERS["binte"] = "binti"

# Balinese birth-order names: 1 first-born ... 4 fourth (the cycle restarts at the fifth).
BIRTH_ORDER: dict[str, int] = {
    "wayan": 1,
    "putu": 1,
    "gede": 1,
    "gde": 1,
    "made": 2,
    "kadek": 2,
    "nengah": 2,
    "nyoman": 3,
    "komang": 3,
    "ketut": 4,
}
_BALINESE_GENDER = {"i": "L", "ni": "P", "luh": "P"}
_BATAK_PARTICLES = {"br": "br.", "boru": "boru"}

# --- Spelling ------------------------------------------------------------------------------------

# Old (pre-1972 "Soewandi") orthography -> EYD. j/y is deliberately absent: see fold_token.
_OLD_SPELLING = {"oe": "u", "dj": "j", "tj": "c", "sj": "sy", "nj": "ny", "ch": "kh"}
_OLD_SPELLING_RE = re.compile("|".join(_OLD_SPELLING))

_MUHAMMAD_FORMS = frozenset(
    [
        "muhammad",
        "muhamad",
        "muhammed",
        "muhamed",
        "mohammad",
        "mohamad",
        "mohammed",
        "mohamed",
        "mukhammad",
        "mukhamad",
        "mokhammad",
        "mokhamad",
        "mohamat",
        "muhamat",
        "mokhamat",
        "mukhamat",
        "muhhammad",
        "mohd",
        "moh",
        "muh",
        "mhd",
        "muhd",
        "mukh",
        "mokh",
        "mkh",
        "mch",
    ]
)
# Token -> canonical token, applied after the old-spelling map.
CANONICAL_TOKENS: dict[str, str] = dict.fromkeys(_MUHAMMAD_FORMS, "muhammad")
CANONICAL_TOKENS.update(
    dict.fromkeys(["ahmad", "akhmad", "ahmat", "akhmat", "ahmed", "akhmed", "achmad"], "ahmad")
)
CANONICAL_TOKENS.update(dict.fromkeys(["abdul", "abd", "abdoel", "abdol"], "abdul"))
CANONICAL_TOKENS.update(dict.fromkeys(["nur", "noer", "noor", "nuur"], "nur"))
CANONICAL_TOKENS.update(dict.fromkeys(["siti", "sitti", "sity"], "siti"))
# Abbreviations that only mean the name when written first ("M. Yusuf", "St. Aminah");
# elsewhere "m" is an initial and "st" may be the S.T. degree.
_LEADING_ABBREVIATIONS = {"m": "muhammad", "st": "siti"}

# Abdurrahman, Abdussalam, Abdulrahman -> abdul + rahman / salam. Abdullah and kin are
# names of their own (abd + Allah) and stay whole.
_ABDUL_ASSIMILATED = re.compile(r"^abdu(sy|[tdrzsnl])\1([a-z]{2,})$")
_ABDUL_WHOLE = frozenset(["abdullah", "abdulloh", "abdillah", "abdilah", "abdulah"])

_SPECIAL_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "\u0131": "i",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
    }
)
# Apostrophes vanish inside words (Ma'ruf -> maruf); everything else not a letter separates.
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bb\u00b4]")
_CHUNK_SPLIT = re.compile(r"[\s,;/()\[\]{}\"|+&]+")
_NON_LETTER = re.compile(r"[^a-z.]+")


@dataclass(frozen=True, slots=True)
class NormalizedName:
    """A name split into comparable parts and the facts that were taken out of it.

    `parts` are the name's words in written order (canonical, lowercase), initials
    included as single letters; `tokens` are the same without the initials.
    """

    parts: tuple[str, ...]
    tokens: tuple[str, ...]
    initials: tuple[str, ...]
    titles: tuple[str, ...] = ()
    patronym: tuple[str, ...] = ()
    patronym_marker: str | None = None  # "bin" or "binti"
    birth_order: int | None = None  # Balinese 1-4
    particles: tuple[str, ...] = ()  # "I", "Ni", "br." ... as found
    sex_hint: str | None = None  # "L"/"P" when bin/binti, I/Ni, Hj./H. tell it

    @property
    def key(self) -> tuple[tuple[str, ...], tuple[str, ...], int | None]:
        """What matching compares: name parts, patronym, birth order (no titles)."""
        return (self.parts, self.patronym, self.birth_order)

    @property
    def text(self) -> str:
        """The normalised name as one string; `normalize_name(text)` gives the same key."""
        words: list[str] = []
        if self.birth_order is not None:
            words.append(_BIRTH_ORDER_WORD[self.birth_order])
        words.extend(self.parts)
        if self.patronym:
            words.append(self.patronym_marker or "bin")
            words.extend(self.patronym)
        return " ".join(words)

    @property
    def is_empty(self) -> bool:
        return not self.parts and not self.patronym


_BIRTH_ORDER_WORD = {1: "wayan", 2: "made", 3: "nyoman", 4: "ketut"}
_MALE_TITLES = frozenset({"h", "haji", "drs", "kh", "rm", "tb"})
_FEMALE_TITLES = frozenset({"hj", "hajah", "hajjah", "dra", "ra", "rr", "ray", "ustadzah"})


def without_format_characters(text: str) -> str:
    """`text` without invisible formatting characters (Unicode category Cf: right-to-left
    overrides such as U+202E, zero-width spaces U+200B, joiners, byte-order marks).

    They change nothing a reader sees except, for an override, the order of the letters
    on screen; removing them cleans the formatting of what was typed, it does not
    correct the evidence.
    """
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def map_old_spelling(token: str) -> str:
    """The current spelling of a lowercase word written in the old orthography."""
    for _ in range(8):  # each pass shortens or keeps the word; a new match is rare
        mapped = _OLD_SPELLING_RE.sub(lambda m: _OLD_SPELLING[m.group(0)], token)
        if mapped == token:
            break
        token = mapped
    return token


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """A token with confusable letters made equal, for edit-distance comparisons.

    j/y (old "j" is today's "y", and Javanese y/j alternate), f/v/p, q/k, z/j, dh/d, th/t,
    kh/h; "iy"/"uw" glides before a vowel are dropped (Sugiyanto/Sugianto), doubled letters
    collapse and a final "h" goes (Fatimah/Fatima).
    """
    t = token
    t = t.replace("kh", "h").replace("dh", "d").replace("th", "t").replace("ph", "f")
    t = t.replace("dz", "z").replace("q", "k").replace("x", "ks").replace("v", "f")
    t = re.sub(r"iy(?=[aeiou])", "i", t)
    t = re.sub(r"uw(?=[aeiou])", "u", t)
    # y as a vowel (Rizky) -> i; y as a consonant -> j, except in the digraphs sy and ny.
    t = re.sub(r"y(?![aeiou])", "i", t)
    t = re.sub(r"(?<![sn])y", "j", t)
    t = t.replace("z", "j").replace("f", "p")
    t = re.sub(r"(.)\1+", r"\1", t)
    if len(t) > 2 and t.endswith("h"):
        t = t[:-1]
    return t


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """An Indonesian-aware sound key: `fold_token` plus sy/ny/ng digraphs reduced.

    Two tokens with the same key sound alike to an Indonesian ear (Yusuf/Jusuf/Yoesoef,
    Rizki/Rizky, Fauzi/Pauji, Sugiyanto/Sugianto). Coarser than `fold_token`: used to
    find candidates, never as proof.
    """
    t = fold_token(token)
    t = t.replace("sy", "s").replace("ny", "n").replace("ng", "n")
    t = t.replace("ai", "e") if t.endswith("ai") else t
    return re.sub(r"(.)\1+", r"\1", t)


# Stored on each applicant and looked up by equality: a change to either key function needs
# a migration that recomputes the stored keys, or look-alikes stop finding each other.
NAME_KEY_CHARS = 200
PLACE_KEY_CHARS = 100
_PLACE_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota|kodya)\s+")


def name_key(raw: object) -> str:
    """A coarse key of a written name: people who may be one person usually share it.

    The sound keys of the name's own words in written order, run together, doubled letters
    collapsed: spelling variants (Sitti/Siti, Rizky/Rizki, Kusumawardhani/-dani), titles,
    the father's name and a merged or split word (Nur Haliza/Nurhaliza) do not change it;
    a typo outside the sounds, a missing word or words in another order do. Used to find
    candidates among thousands of applicants born on one day in one place, never as proof.
    """
    name = normalize_name(raw)
    words = name.tokens or name.parts or name.patronym
    joined = "".join(phonetic_key(word) for word in words)
    return re.sub(r"(.)\1+", r"\1", joined)[:NAME_KEY_CHARS]


def normalize_place(place: str) -> str:
    """A birth place compared case- and prefix-insensitively: "Kab. Cilacap" = "cilacap"."""
    text = " ".join(place.casefold().replace(".", ". ").split())
    return _PLACE_PREFIX.sub("", text).strip()[:PLACE_KEY_CHARS]


def _to_ascii(raw: str) -> str:
    """Lowercase ASCII: decomposable letters keep their base letter, the rest is dropped."""
    if raw.isascii():
        return raw.lower()
    text = unicodedata.normalize("NFKD", raw).casefold().translate(_SPECIAL_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii())


@lru_cache(maxsize=100_000)
def _canonical_word(word: str) -> tuple[str, ...]:
    """A dotless lowercase word -> its canonical token(s) (spelling mapped, groups merged)."""
    token = map_old_spelling(word)[:MAX_TOKEN_CHARS]
    token = CANONICAL_TOKENS.get(token, token)
    if token.startswith("abdul") and len(token) > 7 and token not in _ABDUL_WHOLE:
        return ("abdul", CANONICAL_TOKENS.get(token[5:], token[5:]))
    match = _ABDUL_ASSIMILATED.match(token)
    if match and token not in _ABDUL_WHOLE:
        return ("abdul", match.group(1) + match.group(2))
    return (token,)


def _chunks(text: str) -> list[tuple[str, bool, bool]]:
    """(chunk, has_dot, after_comma) for each whitespace/comma-separated chunk."""
    result: list[tuple[str, bool, bool]] = []
    after_comma = False
    pos = 0
    for match in _CHUNK_SPLIT.finditer(text + " "):
        chunk = text[pos : match.start()]
        pos = match.end()
        if chunk:
            cleaned = _NON_LETTER.sub("-", chunk).strip("-")
            for piece in cleaned.split("-"):
                if piece.strip("."):
                    result.append((piece, "." in piece, after_comma))
        if "," in match.group(0) or ";" in match.group(0):
            after_comma = True
    return result


def _words(piece: str) -> list[str]:
    return [w for w in piece.split(".") if w]


def _degree_key(piece: str) -> str:
    # In today's spelling, like the words: "S.Sj" must be S.Sy. both times, or a second
    # normalisation would find a degree the first one kept as a name.
    return map_old_spelling(piece.replace(".", ""))


def normalize_name(raw: object) -> NormalizedName:
    """Split a written name into comparable parts and facts. Never raises."""
    text = raw if isinstance(raw, str) else ("" if raw is None else str(raw))
    return _normalize_text(text)


# Names repeat (an office sees the same few thousand given names all year) and the result
# is immutable, so a bounded cache saves most of the work in bulk matching.
@functools.lru_cache(maxsize=100_000)
def _normalize_text(text: str) -> NormalizedName:
    text = _APOSTROPHES.sub("", _to_ascii(text[:MAX_INPUT_CHARS]))
    chunks = _chunks(text)

    titles: list[str] = []
    title_keys: list[str] = []
    particles: list[str] = []
    # Degrees at the end: walk back over them (a dot, a comma or an unambiguous key needed).
    end = len(chunks)
    while end > 1:
        piece, has_dot, after_comma = chunks[end - 1]
        key = _degree_key(piece)
        if key in DEGREES and (has_dot or after_comma or key not in _AMBIGUOUS_DEGREES):
            end -= 1
            continue
        break
    degree_titles = [DEGREES[_degree_key(c[0])] for c in chunks[end:]]

    # Words of the name part, with title/degree chunks after a comma removed as well.
    words: list[str] = []
    for piece, _has_dot, after_comma in chunks[:end]:
        key = _degree_key(piece)
        if after_comma and key in DEGREES:
            degree_titles.append(DEGREES[key])
            continue
        if key in DEGREES and key not in _AMBIGUOUS_DEGREES and len(key) > 3 and words:
            degree_titles.append(DEGREES[key])
            continue
        if len(key) > 1 and key in PREFIX_TITLES and all(w in PREFIX_TITLES for w in words):
            words.append(key)  # "R.A.", "R.M." before the name: one title, not two
            continue
        words.extend(_words(piece))
    # A degree run into the name by a dot ("A.SHi") ends the name as well: read alone on a
    # second normalisation it would be one, so it is one now (normalising is idempotent).
    while len(words) > 1 and words[-1] in DEGREES and words[-1] not in _AMBIGUOUS_DEGREES:
        degree_titles.insert(0, DEGREES[words.pop()])
    # The old spelling is mapped before titles are recognised: "Ch." is KH., "Tjokorda" is
    # Cokorda, and a mapped word must not turn into a title on a second normalisation.
    words = [map_old_spelling(w) for w in words]

    # Patronym: everything after the first bin/binti (not as the very first word).
    patronym_words: list[str] = []
    marker: str | None = None
    for i, word in enumerate(words):
        if i > 0 and word in PATRONYM_MARKERS:
            marker = PATRONYM_MARKERS[word]
            patronym_words = words[i + 1 :]
            words = words[:i]
            break

    # Leading honorifics, Balinese particles and birth order.
    i = 0
    birth_order: int | None = None
    sex_hint: str | None = None
    while i < len(words) - 1:
        word = words[i]
        pair = (word, words[i + 1])
        if pair in PREFIX_TITLE_PAIRS:
            titles.append(PREFIX_TITLE_PAIRS[pair])
            title_keys.append("_".join(pair))
            i += 2
            continue
        if word in PREFIX_TITLES:
            titles.append(PREFIX_TITLES[word])
            title_keys.append(word)
            i += 1
            continue
        if word in _BALINESE_GENDER and (
            words[i + 1] in BIRTH_ORDER
            or words[i + 1] in _BALINESE_GENDER
            or words[i + 1] in PREFIX_TITLES
        ):
            particles.append(word.capitalize())
            sex_hint = _BALINESE_GENDER[word]
            i += 1
            continue
        if word in BIRTH_ORDER and birth_order is None:
            birth_order = BIRTH_ORDER[word]
            i += 1
            continue
        if word in BIRTH_ORDER and word in ("gede", "gde"):  # "Putu Gede": gede adds nothing
            i += 1
            continue
        break
    name_words = words[i:]
    if not name_words and i:
        # Nothing but titles/birth order ("Haji", "I Ketut"): the last of them is the name.
        name_words = words[i - 1 : i]
        if name_words[0] in BIRTH_ORDER:
            birth_order = None
        elif titles:
            titles.pop()
            title_keys.pop()

    parts = _name_parts(name_words, particles, leading=True)
    patronym = [p for p in _name_parts(patronym_words, particles, leading=True) if len(p) > 1]
    if marker is not None and not patronym:
        # "Budi bin" with no father: the marker was just a word.
        parts = parts + _name_parts([marker], particles, leading=False)
        marker = None

    for key in title_keys:
        if key in _MALE_TITLES:
            sex_hint = sex_hint or "L"
        elif key in _FEMALE_TITLES:
            sex_hint = sex_hint or "P"
    if marker is not None:
        sex_hint = "L" if marker == "bin" else "P"
    if "br." in particles or "boru" in particles:
        sex_hint = "P"

    parts = parts[:MAX_PARTS]
    return NormalizedName(
        parts=tuple(parts),
        tokens=tuple(p for p in parts if len(p) > 1),
        initials=tuple(p for p in parts if len(p) == 1),
        titles=tuple(titles + degree_titles),
        patronym=tuple(patronym[:MAX_PATRONYM]),
        patronym_marker=marker if patronym else None,
        birth_order=birth_order,
        particles=tuple(particles),
        sex_hint=sex_hint,
    )


def _name_parts(words: list[str], particles: list[str], *, leading: bool) -> list[str]:
    """Canonical tokens of name words; Batak br./boru dropped into `particles`."""
    parts: list[str] = []
    for index, word in enumerate(words):
        if word in _BATAK_PARTICLES and 0 < index < len(words) - 1:
            particles.append(_BATAK_PARTICLES[word])
            continue
        if leading and index == 0 and word in _LEADING_ABBREVIATIONS and len(words) > 1:
            parts.append(_LEADING_ABBREVIATIONS[word])
            continue
        parts.extend(_canonical_word(word))
    return parts
