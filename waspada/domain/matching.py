"""Identity matching against watchlists, built for Indonesian names.

Pure Python, no Django; rapidfuzz for string distances.

How a match is judged
---------------------
`compare(a, b)` adds up *evidence weights* (natural-log likelihood ratios, Fellegi-Sunter
style) and turns the sum into a score in [0, 1]:

- each pair of name tokens that agree adds about ``-ln(frequency of the token)``: a rare
  name counts for much, "Siti" or "Muhammad" for little. Frequencies come from the list
  being searched (smoothed towards a built-in table of common Indonesian names, so that a
  small list does not make every name look rare). A spelling variant, a sound-alike, a
  typo, a merged/split token or an initial agree less and cost a fixed penalty;
- name parts present on one side only (a missing middle name) cost a little, parts that
  disagree (Budi Santoso / Budi Hartono) cost much; titles never count; a father's name
  (bin/binti) counts when both sides have one, and is ignored when only one has it;
- the birth date is graded: same date, day and month swapped, one digit off, same year when
  one side has only the year, same year but another day, another date, or missing;
- sex: same adds a little, different takes much, missing is neutral.

``score = 1 / (1 + exp(PRIOR_LOG_ODDS - weight))``: the evidence must overcome the prior
odds against two records being the same person.

`NameIndex.search` scores a handful of candidates and then shares the probability among
them: when three "Siti Aminah" born in 1985 fit a query equally well, none of them is
`likely` (``score_i = r_i / (1 + sum r_j)`` with ``r = exp(weight - PRIOR_LOG_ODDS)``).

Thresholds (documented here, used by the matcher, the CLI and the screening):

- LIKELY_THRESHOLD = 0.80: reported as a hit (`likely`); with a full birth date this needs
  an uncommon name, or a common name and the same date; without any date only a rare full
  name, alone of its kind in the list, gets there;
- POSSIBLE_THRESHOLD = 0.25: worth a look by the officer (`possible`); anything lower is
  not returned.

Candidates are found without scanning the list: name tokens, their Indonesian phonetic keys
and one-edit deletion neighbourhoods of those keys (SymSpell-style n-gram keys) point to the
entries; tokens so common that their posting lists exceed a cap (frequency-aware pruning)
are only used in pairs ("siti"+"aminah") or together with the birth date.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations
from typing import Literal

from rapidfuzz.distance import OSA

from waspada.domain import evidence
from waspada.domain.names import NormalizedName, fold_token, normalize_name, phonetic_key

__all__ = [
    "LIKELY_THRESHOLD",
    "POSSIBLE_THRESHOLD",
    "PRIOR_LOG_ODDS",
    "BirthDate",
    "Identity",
    "Match",
    "NameIndex",
    "Reason",
    "TokenFrequencies",
    "compare",
    "level_for",
    "parse_birth_date",
    "render_reason",
]

LIKELY_THRESHOLD = 0.80
POSSIBLE_THRESHOLD = 0.25
PRIOR_LOG_ODDS = 10.0

# --- Evidence weights (natural-log likelihood ratios) --------------------------------------------
W_SPELLING_VARIANT = 0.5  # j/y, f/p, doubled letters... (Sugiyanto/Sugianto)
W_SOUNDS_ALIKE = 1.0
W_TYPO_BASE = 1.0  # plus W_TYPO_PER_DISSIMILARITY * (1 - similarity)
W_TYPO_PER_DISSIMILARITY = 6.0
# A "typo" between two tokens that are both names in the list is more often two names.
W_TYPO_BOTH_KNOWN = 3.0
W_MERGE = 0.5  # Nur Haliza / Nurhaliza
W_INITIAL = 1.5  # "B." agrees with "Budi"
W_INITIAL_BOTH = 2.0  # "B." agrees with "B."
W_MISSING_TOKEN = -2.5  # a name part on one side only
W_CONFLICT = -6.0  # a name part on each side that do not agree
W_REORDERED = -0.3
W_PATRONYM_FACTOR = 0.5  # a father's name agrees: half of its token weight
W_PATRONYM_CONFLICT = -3.0
W_BIRTH_ORDER_SAME = 0.5
W_BIRTH_ORDER_CONFLICT = -5.0
W_BIRTH_ORDER_ONE_SIDE = -0.3
W_DATE_EXACT = 9.5
W_DATE_SWAPPED = 5.5
W_DATE_ONE_DIGIT = 3.0
W_DATE_YEAR = 3.5  # same year, the other side has only the year
W_DATE_YEAR_ONE_DIGIT = -1.5
W_DATE_SAME_YEAR_ONLY = -6.0  # both full dates, same year, day/month unrelated
W_DATE_DIFFERENT = -12.0
W_SEX_SAME = 0.5
W_SEX_DIFFERENT = -4.0

NAME_WEIGHT_CAP = 16.0  # about one person in nine million

# A token of a name is compared fuzzily only when close enough to be a slip of the pen.
MIN_TYPO_SIMILARITY = 0.7

# Built-in share of the population carrying each very common name token (rough figures
# from Indonesian name statistics); other tokens default to DEFAULT_TOKEN_SHARE.
COMMON_TOKEN_SHARE: dict[str, float] = {
    "muhammad": 0.06, "siti": 0.05, "sri": 0.04, "nur": 0.03, "dewi": 0.015,
    "ahmad": 0.015, "agus": 0.012, "putri": 0.012, "abdul": 0.012, "dwi": 0.012,
    "tri": 0.01, "eko": 0.008, "budi": 0.008, "ayu": 0.008, "rizki": 0.006,
    "wahyu": 0.006, "indah": 0.005, "nurul": 0.006, "sari": 0.008, "lestari": 0.006,
    "kurniawan": 0.006, "setiawan": 0.006, "hidayat": 0.005, "saputra": 0.006,
    "wati": 0.005, "rahayu": 0.005, "wulandari": 0.004, "handayani": 0.004,
    "aminah": 0.004, "fatimah": 0.004, "ali": 0.004, "andi": 0.005, "ade": 0.005,
    "dede": 0.004, "asep": 0.004, "slamet": 0.004, "joko": 0.003, "bambang": 0.003,
    "hadi": 0.004, "yulia": 0.003, "maria": 0.004, "wayan": 0.003, "made": 0.003,
    "ketut": 0.002, "nyoman": 0.002, "putu": 0.002, "gede": 0.002, "ni": 0.004,
}  # fmt: skip
DEFAULT_TOKEN_SHARE = 1e-4
# How many entries' worth of weight the built-in table carries against the list's counts.
PRIOR_ENTRIES = 10_000


# --- Explanations --------------------------------------------------------------------------------


class Reason(evidence.Reason):
    """One readable reason: a stable code and its parameters; see `render_reason`.

    The matcher keeps every parameter as text (also counts): stored watchlist explanations
    are compared with recomputed ones to tell whether a match changed.
    """

    __slots__ = ()

    @classmethod
    def of(cls, code: str, **params: object) -> Reason:
        return cls(code, tuple((k, str(v)) for k, v in params.items()))


_REASON_TEXT: dict[str, tuple[str, str]] = {
    # code: (English, Indonesian)
    "same_token": ("'{a}' is the same", "'{a}' sama"),
    "spelling_variant": (
        "'{a}' and '{b}' are spellings of one name",
        "'{a}' dan '{b}' adalah ejaan dari nama yang sama",
    ),
    "sounds_alike": ("'{a}' sounds like '{b}'", "'{a}' terdengar seperti '{b}'"),
    "typo": (
        "'{a}' and '{b}' differ by {n} letter(s)",
        "'{a}' dan '{b}' berbeda {n} huruf",
    ),
    "merged": (
        "'{a}' is '{b}' written as one word",
        "'{a}' adalah '{b}' yang ditulis menjadi satu kata",
    ),
    "initial": ("initial '{a}' fits '{b}'", "inisial '{a}' sesuai dengan '{b}'"),
    "missing_token": (
        "'{a}' appears in one name only",
        "'{a}' hanya ada pada salah satu nama",
    ),
    "conflicting_tokens": ("'{a}' and '{b}' are different names", "'{a}' dan '{b}' nama berbeda"),
    "reordered": ("name parts in another order", "urutan bagian nama berbeda"),
    "common_name": (
        "'{a}' is a common name (about 1 in {n})",
        "'{a}' adalah nama umum (sekitar 1 dari {n})",
    ),
    "titles_ignored": ("titles ignored: {titles}", "gelar diabaikan: {titles}"),
    "patronym_match": (
        "father's name (bin/binti) agrees: '{a}'",
        "nama ayah (bin/binti) cocok: '{a}'",
    ),
    "patronym_conflict": (
        "father's names differ: '{a}' / '{b}'",
        "nama ayah berbeda: '{a}' / '{b}'",
    ),
    "patronym_one_side": (
        "father's name '{a}' given on one side only (not counted)",
        "nama ayah '{a}' hanya ada pada satu pihak (tidak dihitung)",
    ),
    "birth_order_same": ("same Balinese birth order", "urutan kelahiran Bali sama"),
    "birth_order_conflict": ("different Balinese birth order", "urutan kelahiran Bali berbeda"),
    "birth_order_one_side": (
        "Balinese birth-order name on one side only",
        "nama urutan kelahiran Bali hanya ada pada satu pihak",
    ),
    "date_exact": ("same birth date {a}", "tanggal lahir sama {a}"),
    "date_swapped": (
        "birth dates {a} / {b}: day and month swapped",
        "tanggal lahir {a} / {b}: tanggal dan bulan tertukar",
    ),
    "date_one_digit": (
        "birth dates {a} / {b} differ by one digit",
        "tanggal lahir {a} / {b} berbeda satu angka",
    ),
    "date_year": ("same birth year {a} (no full date)", "tahun lahir sama {a} (tanpa tanggal)"),
    "date_year_one_digit": (
        "birth years {a} / {b} differ by one digit",
        "tahun lahir {a} / {b} berbeda satu angka",
    ),
    "date_same_year_only": (
        "birth dates {a} / {b}: same year only",
        "tanggal lahir {a} / {b}: hanya tahunnya sama",
    ),
    "date_different": ("different birth dates {a} / {b}", "tanggal lahir berbeda {a} / {b}"),
    "date_missing": ("birth date missing", "tanggal lahir tidak ada"),
    "sex_same": ("same sex", "jenis kelamin sama"),
    "sex_different": ("different sex", "jenis kelamin berbeda"),
    "sex_missing": ("sex missing", "jenis kelamin tidak ada"),
    "namesakes": (
        "{n} other entries fit almost as well",
        "{n} entri lain hampir sama cocoknya",
    ),
    "no_name": (
        "a name has no usable letters",
        "sebuah nama tidak memiliki huruf yang dapat dipakai",
    ),
    "same_phone": ("same phone number {a}", "nomor telepon sama {a}"),
    "name_only": (
        "the name alone: no birth date, NIK or phone agrees",
        "hanya nama: tidak ada tanggal lahir, NIK, atau telepon yang cocok",
    ),
}

#: Reasons that tie a name match to one person: a common name is shared by strangers, so a
#: name alone never makes a likely match against a list (namesakes are not hits).
IDENTIFYING_REASONS = frozenset(
    {"same_nik", "same_phone", "date_exact", "date_swapped", "date_one_digit", "date_year"}
)


def corroborated(explanation: Iterable[Reason]) -> bool:
    """Whether the match rests on more than the name: an agreeing identifier."""
    return any(reason.code in IDENTIFYING_REASONS for reason in explanation)


def render_reason(reason: Reason, lang: str = "en") -> str:
    """The reason as a sentence in English ('en') or Indonesian ('id')."""
    texts = _REASON_TEXT.get(reason.code)
    params = dict(reason.params)
    if texts is None:
        return reason.code + (f" {params}" if params else "")
    template = texts[1] if lang.lower().startswith("id") else texts[0]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


Level = Literal["likely", "possible"]


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate for the same person: score 0-1, level and the reasons behind it."""

    identity_id: str
    score: float
    level: Level
    explanation: tuple[Reason, ...] = ()

    def explain(self, lang: str = "en") -> list[str]:
        return [render_reason(r, lang) for r in self.explanation]


def level_for(score: float) -> Level | None:
    if score >= LIKELY_THRESHOLD:
        return "likely"
    if score >= POSSIBLE_THRESHOLD:
        return "possible"
    return None


# --- Identities and dates ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A birth date known to the day, or only its year (month and day None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def is_full(self) -> bool:
        return self.month is not None and self.day is not None

    @property
    def packed(self) -> int:
        """yyyymmdd, with 0000 for month and day when only the year is known."""
        return self.year * 10_000 + (self.month or 0) * 100 + (self.day or 0)

    @classmethod
    def unpack(cls, value: int) -> BirthDate | None:
        if value <= 0:
            return None
        year, rest = divmod(value, 10_000)
        month, day = divmod(rest, 100)
        return cls(year, month or None, day or None) if month else cls(year)

    def __str__(self) -> str:
        if self.is_full:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}"


_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})-(\d{1,2}))?")


def parse_birth_date(value: str | date | BirthDate | None) -> BirthDate | None:
    """`YYYY-MM-DD`, `YYYY`, a date, or empty/None. Raises ValueError on anything else."""
    if value is None:
        return None
    if isinstance(value, BirthDate):
        return value
    if isinstance(value, date):
        return BirthDate(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    match = _DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(f"not a date (YYYY-MM-DD or YYYY): {text!r}")
    year = int(match.group(1))
    if year < 1800:
        raise ValueError(f"year out of range: {text!r}")
    if match.group(2) is None:
        return BirthDate(year)
    month, day = int(match.group(2)), int(match.group(3))
    date(year, month, day)  # raises ValueError for 2001-02-30 and the like
    return BirthDate(year, month, day)


def _safe_birth_date(value: str | date | BirthDate | None) -> BirthDate | None:
    try:
        return parse_birth_date(value)
    except ValueError:
        return None


def _normalize_sex(value: str | None) -> str | None:
    if not value:
        return None
    code = str(value).strip().upper()[:1]
    return code if code in ("L", "P") else None


@dataclass(frozen=True)
class Identity:
    """A person as a list or an application gives them; birth_date full, year or missing."""

    id: str
    full_name: str
    birth_date: str | date | None = None
    sex: str | None = None  # "L", "P" or None
    aliases: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Prepared:
    name: NormalizedName
    birth: BirthDate | None
    sex: str | None


def _prepare(identity: Identity | _Prepared) -> _Prepared:
    if isinstance(identity, _Prepared):
        return identity
    return _Prepared(
        normalize_name(identity.full_name),
        _safe_birth_date(identity.birth_date),
        _normalize_sex(identity.sex),
    )


# --- Token frequencies ---------------------------------------------------------------------------


class TokenFrequencies:
    """Share of people carrying a token: the list's counts smoothed by a built-in table."""

    def __init__(self, counts: dict[str, int] | None = None, total: int = 0) -> None:
        self.counts = counts or {}
        self.total = total

    def share(self, token: str) -> float:
        prior = COMMON_TOKEN_SHARE.get(token, DEFAULT_TOKEN_SHARE)
        count = self.counts.get(token, 0)
        return (count + PRIOR_ENTRIES * prior) / (self.total + PRIOR_ENTRIES)

    def weight(self, token: str) -> float:
        """The evidence of two names agreeing on `token`: -ln(share)."""
        return -math.log(self.share(token))


_DEFAULT_FREQUENCIES = TokenFrequencies()


# --- Token comparison ----------------------------------------------------------------------------

# (kind, similarity, letters differing) for two full tokens; kind None = no agreement.
_TokenAgreement = tuple[str | None, float, int]


@lru_cache(maxsize=500_000)
def _token_agreement(a: str, b: str) -> _TokenAgreement:
    if a == b:
        return ("same_token", 1.0, 0)
    fa, fb = fold_token(a), fold_token(b)
    if fa == fb:
        return ("spelling_variant", 0.97, 0)
    if phonetic_key(a) == phonetic_key(b):
        return ("sounds_alike", 0.93, 0)
    longest = max(len(fa), len(fb))
    if longest < 4:
        return (None, 0.0, 0)
    # The smaller of the distances between the folded and the written tokens: folding
    # collapses doubled letters, which can hide a slip ("sii"/"siti").
    distance = min(OSA.distance(fa, fb, score_cutoff=3), OSA.distance(a, b, score_cutoff=3))
    longest = max(longest, len(a), len(b)) if distance == OSA.distance(a, b) else longest
    allowed = 1 if longest <= 6 else 2
    if distance > allowed:
        return (None, 0.0, distance)
    similarity = 1.0 - distance / longest
    if similarity < MIN_TYPO_SIMILARITY:
        return (None, similarity, distance)
    return ("typo", similarity, distance)


def _agreement_penalty(kind: str, similarity: float) -> float:
    if kind == "same_token":
        return 0.0
    if kind == "spelling_variant":
        return W_SPELLING_VARIANT
    if kind == "sounds_alike":
        return W_SOUNDS_ALIKE
    return W_TYPO_BASE + W_TYPO_PER_DISSIMILARITY * (1.0 - similarity)


@dataclass(slots=True)
class _Side:
    parts: list[str]
    used: list[bool]


def _align(
    a: tuple[str, ...], b: tuple[str, ...], freq: TokenFrequencies
) -> tuple[float, list[Reason], list[int], list[int], list[tuple[int, int]]]:
    """Pair the parts of two names greedily, best agreement first.

    Returns the weight, the reasons, the unpaired indices of a and b, and the (i, j) index
    pairs of full tokens (for the order check).
    """
    weight = 0.0
    reasons: list[Reason] = []
    used_a = [False] * len(a)
    used_b = [False] * len(b)
    pairs: list[tuple[int, int]] = []

    # 1. Whole tokens against whole tokens.
    scored: list[tuple[float, int, int, str, float, int]] = []
    for i, ta in enumerate(a):
        if len(ta) == 1:
            continue
        for j, tb in enumerate(b):
            if len(tb) == 1:
                continue
            kind, sim, dist = _token_agreement(ta, tb)
            if kind is None:
                continue
            w = max(freq.weight(ta), freq.weight(tb)) if kind == "same_token" else None
            token_weight = w if w is not None else min(freq.weight(ta), freq.weight(tb))
            value = token_weight - _agreement_penalty(kind, sim)
            if kind == "typo" and ta in freq.counts and tb in freq.counts:
                value -= W_TYPO_BOTH_KNOWN
            scored.append((value, i, j, kind, sim, dist))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    for value, i, j, kind, _sim, dist in scored:
        if used_a[i] or used_b[j]:
            continue
        used_a[i] = used_b[j] = True
        pairs.append((i, j))
        weight += max(value, 0.5)
        if kind == "same_token":
            reasons.append(Reason.of(kind, a=a[i]))
            share = freq.share(a[i])
            if share >= 0.005:
                reasons.append(Reason.of("common_name", a=a[i], n=max(2, round(1 / share))))
        elif kind == "typo":
            reasons.append(Reason.of(kind, a=a[i], b=b[j], n=dist))
        else:
            reasons.append(Reason.of(kind, a=a[i], b=b[j]))

    # 2. Merges and splits: one token against two adjacent ones on the other side.
    for long_side, short_side, used_long, used_short, flip in (
        (a, b, used_a, used_b, False),
        (b, a, used_b, used_a, True),
    ):
        for i, token in enumerate(long_side):
            if used_long[i] or len(token) < 5:
                continue
            for j in range(len(short_side) - 1):
                if used_short[j] or used_short[j + 1]:
                    continue
                first, second = short_side[j], short_side[j + 1]
                if len(first) == 1 or len(second) == 1:
                    continue
                kind, sim, _ = _token_agreement(token, first + second)
                if kind is None:
                    continue
                used_long[i] = used_short[j] = used_short[j + 1] = True
                pairs.append((j, i) if flip else (i, j))
                value = freq.weight(first) + freq.weight(second) - W_MERGE
                weight += value - _agreement_penalty(kind, sim)
                reasons.append(Reason.of("merged", a=token, b=f"{first} {second}"))
                break

    # 3. Initials against the tokens (or initials) left over.
    for side, other, used_side, used_other in ((a, b, used_a, used_b), (b, a, used_b, used_a)):
        for i, token in enumerate(side):
            if used_side[i] or len(token) != 1:
                continue
            for j, candidate in enumerate(other):
                if used_other[j] or candidate[0] != token:
                    continue
                used_side[i] = used_other[j] = True
                weight += W_INITIAL_BOTH if len(candidate) == 1 else W_INITIAL
                reasons.append(Reason.of("initial", a=token, b=candidate))
                break

    rest_a = [i for i, u in enumerate(used_a) if not u]
    rest_b = [j for j, u in enumerate(used_b) if not u]
    return weight, reasons, rest_a, rest_b, pairs


def _date_evidence(x: BirthDate | None, y: BirthDate | None) -> tuple[float, Reason]:
    if x is None or y is None:
        return 0.0, Reason.of("date_missing")
    if x.is_full and y.is_full:
        if x == y:
            return W_DATE_EXACT, Reason.of("date_exact", a=x)
        if x.year == y.year and x.month == y.day and x.day == y.month:
            return W_DATE_SWAPPED, Reason.of("date_swapped", a=x, b=y)
        sx, sy = f"{x.packed:08d}", f"{y.packed:08d}"
        if sum(c != d for c, d in zip(sx, sy, strict=True)) == 1:
            return W_DATE_ONE_DIGIT, Reason.of("date_one_digit", a=x, b=y)
        if x.year == y.year:
            return W_DATE_SAME_YEAR_ONLY, Reason.of("date_same_year_only", a=x, b=y)
        return W_DATE_DIFFERENT, Reason.of("date_different", a=x, b=y)
    if x.year == y.year:
        return W_DATE_YEAR, Reason.of("date_year", a=x.year)
    yx, yy = f"{x.year:04d}", f"{y.year:04d}"
    if len(yx) == len(yy) and sum(c != d for c, d in zip(yx, yy, strict=True)) == 1:
        return W_DATE_YEAR_ONE_DIGIT, Reason.of("date_year_one_digit", a=x.year, b=y.year)
    return W_DATE_DIFFERENT, Reason.of("date_different", a=x, b=y)


def _sex_evidence(x: str | None, y: str | None) -> tuple[float, Reason]:
    if x is None or y is None:
        return 0.0, Reason.of("sex_missing")
    if x == y:
        return W_SEX_SAME, Reason.of("sex_same")
    return W_SEX_DIFFERENT, Reason.of("sex_different")


def _evidence(a: _Prepared, b: _Prepared, freq: TokenFrequencies) -> tuple[float, list[Reason]]:
    """The total evidence weight that a and b are one person, with its reasons."""
    na, nb = a.name, b.name
    if na.is_empty or nb.is_empty:
        return -50.0, [Reason.of("no_name")]
    weight, reasons, rest_a, rest_b, pairs = _align(na.parts, nb.parts, freq)
    # Name parts are not independent (families, regions, fashions): however many agree, the
    # name alone never says more than NAME_WEIGHT_CAP, so a different birth date still wins.
    weight = min(weight, NAME_WEIGHT_CAP)

    # Leftover name parts may be the other side's father's name written without bin/binti.
    patronym_done = False
    for rest, parts, other in ((rest_a, na.parts, nb), (rest_b, nb.parts, na)):
        if rest and other.patronym and not (na.patronym and nb.patronym):
            extra = tuple(parts[i] for i in rest)
            w2, _r, left, _o, _p = _align(extra, other.patronym, freq)
            if len(left) < len(extra):
                weight += w2 * W_PATRONYM_FACTOR
                reasons.append(Reason.of("patronym_match", a=" ".join(other.patronym)))
                rest[:] = [rest[k] for k in left]
                patronym_done = True

    # Unpaired parts: opposite ones disagree, the others are missing on one side.
    conflicts = min(len(rest_a), len(rest_b))
    for k in range(conflicts):
        weight += W_CONFLICT
        reasons.append(
            Reason.of("conflicting_tokens", a=na.parts[rest_a[k]], b=nb.parts[rest_b[k]])
        )
    for i in rest_a[conflicts:]:
        weight += W_MISSING_TOKEN
        reasons.append(Reason.of("missing_token", a=na.parts[i]))
    for j in rest_b[conflicts:]:
        weight += W_MISSING_TOKEN
        reasons.append(Reason.of("missing_token", a=nb.parts[j]))

    if len(pairs) > 1:
        ordered = [j for _i, j in sorted(pairs)]
        if ordered != sorted(ordered):
            weight += W_REORDERED
            reasons.append(Reason.of("reordered"))

    if na.patronym and nb.patronym:
        w2, _r, left_a, _left_b, _p = _align(na.patronym, nb.patronym, freq)
        if len(left_a) < len(na.patronym):
            weight += w2 * W_PATRONYM_FACTOR
            reasons.append(Reason.of("patronym_match", a=" ".join(na.patronym)))
        else:
            weight += W_PATRONYM_CONFLICT
            reasons.append(
                Reason.of("patronym_conflict", a=" ".join(na.patronym), b=" ".join(nb.patronym))
            )
    elif (na.patronym or nb.patronym) and not patronym_done:
        reasons.append(Reason.of("patronym_one_side", a=" ".join(na.patronym or nb.patronym)))

    if na.birth_order is not None and nb.birth_order is not None:
        if na.birth_order == nb.birth_order:
            weight += W_BIRTH_ORDER_SAME
            reasons.append(Reason.of("birth_order_same"))
        else:
            weight += W_BIRTH_ORDER_CONFLICT
            reasons.append(Reason.of("birth_order_conflict"))
    elif na.birth_order is not None or nb.birth_order is not None:
        weight += W_BIRTH_ORDER_ONE_SIDE
        reasons.append(Reason.of("birth_order_one_side"))

    date_weight, date_reason = _date_evidence(a.birth, b.birth)
    sex_weight, sex_reason = _sex_evidence(a.sex, b.sex)
    weight += date_weight + sex_weight
    reasons += [date_reason, sex_reason]
    titles = sorted(set(na.titles) | set(nb.titles))
    if titles:
        reasons.append(Reason.of("titles_ignored", titles=", ".join(titles)))
    return weight, reasons


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-min(x, 700.0)))
    e = math.exp(max(x, -700.0))
    return e / (1.0 + e)


def compare(a: Identity, b: Identity, frequencies: TokenFrequencies | None = None) -> Match | None:
    """Score one pair on its own (no competing entries); None below POSSIBLE_THRESHOLD.

    The returned Match carries b's id. `frequencies` defaults to the built-in table.
    """
    score, reasons = _pair_score(_prepare(a), _prepare(b), frequencies or _DEFAULT_FREQUENCIES)
    level = level_for(score)
    if level is None:
        return None
    return Match(b.id, round(score, 6), level, tuple(reasons))


def pair_score(a: Identity, b: Identity, frequencies: TokenFrequencies | None = None) -> float:
    """The score of a pair on its own, 0-1 (also below the thresholds)."""
    return _pair_score(_prepare(a), _prepare(b), frequencies or _DEFAULT_FREQUENCIES)[0]


def _pair_score(a: _Prepared, b: _Prepared, freq: TokenFrequencies) -> tuple[float, list[Reason]]:
    weight, reasons = _evidence(a, b, freq)
    return _logistic(weight - PRIOR_LOG_ODDS), reasons


# --- The index -----------------------------------------------------------------------------------


def _one_digit_variants(packed: int) -> Iterator[int]:
    """Valid full dates (packed) that differ from `packed` in exactly one digit."""
    digits = f"{packed:08d}"
    for position in range(8):
        for digit in "0123456789":
            if digit == digits[position]:
                continue
            candidate = digits[:position] + digit + digits[position + 1 :]
            year, month, day = int(candidate[:4]), int(candidate[4:6]), int(candidate[6:])
            if year >= 1800 and 1 <= month <= 12 and 1 <= day <= 31:
                try:
                    date(year, month, day)
                except ValueError:
                    continue
                yield int(candidate)


class NameIndex:
    """Identities indexed for fast candidate lookup; `search` returns scored matches.

    Build once (about 40-55 s and 0.5 GB for 1,000,000 entries on one core), then search
    in a few milliseconds. Aliases are indexed as further names of the same identity.
    """

    #: A token whose posting list is longer than this is "common": used only in pairs or
    #: with the birth date. At least COMMON_MIN, or this share of the list.
    COMMON_SHARE = 0.002
    COMMON_MIN = 400
    #: Most postings read for one query, rarest keys first.
    POSTING_BUDGET = 8_000
    #: Candidates scored in full per query.
    SCORED_CANDIDATES = 16

    def __init__(
        self,
        identities: Iterable[Identity],
        *,
        progress: Callable[[int], None] | None = None,
    ) -> None:
        self._ids: list[str] = []
        self._names: list[NormalizedName] = []
        self._dates = array("l")
        self._sexes = bytearray()
        postings: dict[str, list[int]] = {}
        by_date: dict[int, list[int]] = {}
        sex_code = {"L": 1, "P": 2}
        row = 0
        self.identity_count = 0
        for count, identity in enumerate(identities, 1):
            first_row = row
            birth = _safe_birth_date(identity.birth_date)
            packed = birth.packed if birth else 0
            sex = sex_code.get(_normalize_sex(identity.sex) or "", 0)
            for written in (identity.full_name, *identity.aliases):
                name = normalize_name(written)
                if name.is_empty:
                    continue
                self._ids.append(identity.id)
                self._names.append(name)
                self._dates.append(packed)
                self._sexes.append(sex)
                for token in {*name.tokens, *name.patronym}:
                    bucket = postings.get(token)
                    if bucket is None:
                        postings[token] = [row]
                    else:
                        bucket.append(row)
                if birth is not None and birth.is_full:
                    by_date.setdefault(packed, []).append(row)
                row += 1
            self.identity_count += row > first_row
            if progress is not None and count % 10_000 == 0:
                progress(count)
        self.size = row
        self.frequencies = TokenFrequencies({t: len(p) for t, p in postings.items()}, row)
        self._common_cap = max(self.COMMON_MIN, int(self.COMMON_SHARE * row))
        common = {t for t, p in postings.items() if len(p) > self._common_cap}

        # Pairs of common tokens ("siti aminah"), so that such names are found without
        # reading the whole "siti" list.
        pairs: dict[tuple[str, str], list[int]] = {}
        if common:
            for index, name in enumerate(self._names):
                shared = sorted(t for t in {*name.tokens, *name.patronym} if t in common)
                if len(shared) < 2:
                    continue
                for pair in combinations(shared[:6], 2):
                    bucket = pairs.get(pair)
                    if bucket is None:
                        pairs[pair] = [index]
                    else:
                        bucket.append(index)
        self._postings = {t: array("l", p) for t, p in postings.items()}
        self._pairs = {k: array("l", p) for k, p in pairs.items()}
        self._by_date = {k: array("l", p) for k, p in by_date.items()}
        self._common = common

        # Vocabulary keys: phonetic key -> tokens; one-deletion variants of keys -> keys.
        self._by_sound: dict[str, list[str]] = {}
        for token in postings:
            self._by_sound.setdefault(phonetic_key(token), []).append(token)
        self._deletions: dict[str, list[str]] = {}
        for key in self._by_sound:
            if len(key) < 4:
                continue
            for i in range(len(key)):
                self._deletions.setdefault(key[:i] + key[i + 1 :], []).append(key)
        self._vocab_cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def __len__(self) -> int:
        return self.size

    def __getstate__(self) -> dict[str, object]:
        """Pickled (kept on disk for other processes) without the per-process cache."""
        state = self.__dict__.copy()
        state["_vocab_cache"] = {}
        return state

    # -- candidate generation --

    def _similar_tokens(self, token: str) -> tuple[tuple[str, float], ...]:
        """Tokens of the list close to `token`, with the weight of the agreement."""
        cached = self._vocab_cache.get(token)
        if cached is not None:
            return cached
        key = phonetic_key(token)
        keys = {key}
        keys.update(self._deletions.get(key, ()))
        if len(key) >= 4:
            for i in range(len(key)):
                shorter = key[:i] + key[i + 1 :]
                keys.add(shorter)
                keys.update(self._deletions.get(shorter, ()))
        found: list[tuple[float, str, float]] = []
        freq = self.frequencies
        for k in keys:
            for candidate in self._by_sound.get(k, ()):
                kind, sim, _ = _token_agreement(token, candidate)
                if kind is None:
                    continue
                weight = freq.weight(candidate) - _agreement_penalty(kind, sim)
                found.append((sim, candidate, weight))
        # Closest first (the token itself, then its spellings...), not rarest first: a
        # crowd of rare look-alikes must not push out the token itself.
        found.sort(key=lambda f: (-f[0], -f[2]))
        result = tuple((candidate, weight) for _sim, candidate, weight in found[:12])
        if len(self._vocab_cache) > 100_000:
            self._vocab_cache.clear()
        self._vocab_cache[token] = result
        return result

    def _candidates(self, query: _Prepared) -> dict[int, float]:
        name = query.name
        # (is the father's name, similar list tokens with weights) per query token.
        matches: list[tuple[bool, tuple[tuple[str, float], ...]]] = [
            (False, self._similar_tokens(t)) for t in dict.fromkeys(name.tokens)
        ]
        matches += [
            (True, self._similar_tokens(t))
            for t in dict.fromkeys(name.patronym)
            if t not in name.tokens
        ]
        # Merged and split tokens: "nur haliza" -> "nurhaliza" and back.
        for first, second in zip(name.tokens, name.tokens[1:], strict=False):
            joined = self._similar_tokens(first + second)
            if joined:
                matches.append((False, joined))
        for token in name.tokens:
            for cut in range(2, len(token) - 1):
                head, tail = token[:cut], token[cut:]
                if head in self._postings and tail in self._postings:
                    matches.append((False, ((head, self.frequencies.weight(head)),)))
                    matches.append((False, ((tail, self.frequencies.weight(tail)),)))

        keys: list[tuple[int, float, array]] = []
        for is_father, options in matches:
            for token, weight in options:
                if token not in self._common:
                    posting = self._postings[token]
                    # A father's name is weaker evidence than the person's own.
                    keys.append((len(posting), weight * (0.3 if is_father else 1.0), posting))
        for (father1, first_options), (father2, second_options) in combinations(matches, 2):
            if father1 != father2:
                continue
            for t1, w1 in first_options:
                if t1 not in self._common:
                    continue
                for t2, w2 in second_options:
                    if t2 not in self._common or t1 == t2:
                        continue
                    pair_posting = self._pairs.get((t1, t2) if t1 < t2 else (t2, t1))
                    if pair_posting is not None and len(pair_posting) <= self.POSTING_BUDGET:
                        weight = (w1 + w2) * (0.3 if father1 else 1.0)
                        keys.append((len(pair_posting), weight, pair_posting))

        scores: dict[int, float] = {}
        read = 0
        keys.sort(key=lambda k: k[0])
        for size, weight, posting in keys:
            if read + size > self.POSTING_BUDGET and read:
                break
            read += size
            get = scores.get
            for row in posting:
                scores[row] = get(row, 0.0) + weight

        birth = query.birth
        if birth is not None and birth.is_full:
            # Entries born on the same date (or day/month swapped, or one digit off when
            # the name alone found too little) that share any of the tokens.
            wanted = {t for _father, options in matches for t, _w in options}
            dates = [birth.packed]
            if birth.day is not None and birth.month is not None and birth.day <= 12:
                dates.append(birth.year * 10_000 + birth.day * 100 + birth.month)
            if read < 50:
                dates.extend(_one_digit_variants(birth.packed))
            names = self._names
            for packed in dates:
                for row in self._by_date.get(packed, ()):
                    if row in scores:
                        continue
                    row_tokens = names[row].tokens
                    if any(t in wanted for t in row_tokens) or any(
                        t in wanted for t in names[row].patronym
                    ):
                        scores[row] = 1.0
        return scores

    def candidate_ids(self, query: Identity, limit: int) -> list[str]:
        """The ids of at most `limit` entries whose names share the most with `query`'s.

        Candidate generation only (bounded per name key, like `search`), for callers that
        score the pairs themselves with `compare`.
        """
        prepared = _prepare(query)
        if prepared.name.is_empty:
            return []
        coarse = self._candidates(prepared)
        best_rows = heapq.nlargest(limit, coarse, key=coarse.__getitem__)
        return list(dict.fromkeys(self._ids[row] for row in best_rows))

    def search(self, query: Identity, limit: int = 5) -> list[Match]:
        """The entries that may be the person in `query`, best first, at most `limit`.

        Only `likely` and `possible` matches are returned; scores account for the other
        entries that fit the query about as well (namesakes), see the module docstring.
        """
        prepared = _prepare(query)
        if prepared.name.is_empty:
            return []
        coarse = self._candidates(prepared)
        if not coarse:
            return []
        birth = prepared.birth
        if birth is not None and len(coarse) > self.SCORED_CANDIDATES:
            # The birth date breaks ties between namesakes before the full scoring: same
            # date, swapped or one digit off, same year where one side has only the year.
            dates = self._dates
            packed = birth.packed
            year = birth.year
            near: dict[int, float] = {}
            if birth.is_full:
                near = dict.fromkeys(_one_digit_variants(packed), W_DATE_ONE_DIGIT)
                if birth.day is not None and birth.month is not None and birth.day <= 12:
                    near[year * 10_000 + birth.day * 100 + birth.month] = W_DATE_SWAPPED
            near[packed] = W_DATE_EXACT
            near_get = near.get
            year_only = not birth.is_full
            for row in coarse:
                other = dates[row]
                bonus = near_get(other)
                if bonus is not None:
                    coarse[row] += bonus
                elif other // 10_000 == year and (year_only or other % 10_000 == 0):
                    coarse[row] += W_DATE_YEAR
        best_rows = heapq.nlargest(self.SCORED_CANDIDATES, coarse, key=coarse.__getitem__)

        by_id: dict[str, tuple[float, list[Reason]]] = {}
        sex_letter = {1: "L", 2: "P"}
        for row in best_rows:
            entry = _Prepared(
                self._names[row],
                BirthDate.unpack(self._dates[row]),
                sex_letter.get(self._sexes[row]),
            )
            weight, reasons = _evidence(prepared, entry, self.frequencies)
            identity_id = self._ids[row]
            if identity_id not in by_id or by_id[identity_id][0] < weight:
                by_id[identity_id] = (weight, reasons)

        # Share the probability among the candidates (namesakes lower each other).
        odds = {i: math.exp(min(w - PRIOR_LOG_ODDS, 700.0)) for i, (w, _r) in by_id.items()}
        total = sum(odds.values())
        results: list[Match] = []
        for identity_id, (_weight, reasons) in by_id.items():
            ratio = odds[identity_id]
            score = ratio / (1.0 + total)
            level = level_for(score)
            if level is None:
                continue
            others = total - ratio
            explanation = list(reasons)
            if others > 0.25 * ratio:
                rivals = sum(1 for i, r in odds.items() if i != identity_id and r > 0.25 * ratio)
                explanation.append(Reason.of("namesakes", n=max(rivals, 1)))
            results.append(Match(identity_id, round(score, 6), level, tuple(explanation)))
        results.sort(key=lambda m: (-m.score, m.identity_id))
        return results[:limit]
