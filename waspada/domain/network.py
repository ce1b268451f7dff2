"""Recruitment rings: links between applications, their clusters and a ring score (D18).

Pure Python, no Django: dataclasses in (`ApplicationNode`, `Registry`), dataclasses out
(`Link`, `Cluster`, `RingScore`, `Hub`, `Breakup`). The same pass serves a handful of
applications (a new one at the counter) and a national year (3,000,000, see
`bench/networks/`): `detect(nodes)` puts the nodes into columns (`ApplicationTable`) and
runs `detect_table`, which never loops in Python over rows.

The vectorised pass (`detect_table`)
------------------------------------
1. *Keys.* Every application gives a few keys (`node_keys` for one node, `table_keys` for a
   table): each phone on it in E.164 (applicant, sponsor, companion), the normalised name of
   its sponsor, companion and recruiter, the recruiter's licence number, its address
   (village code + normalised street part) and its employer. The single-value
   normalisations (`phone_key`, `name_key`, `street_key`, ...) are plain Python, called once
   per *distinct* value of a column (Polars `unique` + `replace_strict`), names only where
   they can link (not a relative's); Indonesian mobiles, most of the phones, go through
   `phone_key`'s fast path as Polars expressions.
2. *Buckets.* One group-by over (kind, value) counts each value's applications; values
   given by one application drop out, the others get an integer key and their (row, key)
   pairs (roles kept as bits, decoded per bucket).
3. *Edges per bucket.* A bucket of k applications gives k - 1 links (a star from its first
   row), enough for the components; the evidence counts the bucket's members, not links.
4. *Components.* The links form a sparse graph (SciPy CSR) whose
   `scipy.sparse.csgraph.connected_components` are the clusters.
5. *Giant clusters are broken up* (`_break_up`, below) and what was cut is reported.
6. *Aggregates.* Per-cluster facts (size, villages, kecamatan, dates, the commonest
   destination and purpose, own indicators, relatives at one address) come from Polars
   group-bys (whether a party is an organisation: its name by one regular expression,
   its relation once per distinct value); one Python call per *cluster* (`_score`) turns
   them into the score, except for the clusters benign on their face (a licensed
   organiser's, relatives at one address), scored 0 as `_score` would.
   `ClusterTable.result()` builds the `Cluster` objects the Django app stores.

What links nothing, and what is reported instead
-------------------------------------------------
- Empty values and placeholders ("-", "0", "tidak ada", ...), phones that cannot be parsed
  (kept as written by the caller, never linked on), and names with a single word (a mononym
  sponsor "Slamet" is shared by strangers; such a broker is still linked by his phone).
- Names are compared by their exact normalised key (`names.normalize_name(...).text`:
  titles dropped, old spelling and Muhammad/Siti variants folded). A broker whose name is
  written differently is linked by his phone, which rings in the demo data always share.
- A name given with two or more different phones (by the parties naming it) is namesakes:
  tour leaders, brokers and friends called "Hendra Wijaya" must not chain their groups
  into one cluster. It joins nothing and is shown as shared inside a cluster; each one's
  phone links his own group (a member who gave only the name is then not linked by it).
- A licensed organiser (`Registry`: office phones, names, licence numbers of PPIU, PIHK and
  P3MI) is an expected shared value: its buckets do not join components (that would fuse
  all its customers with any ring one of them touches); all its buckets of two or more make
  one benign cluster per organiser (reason `licensed_organiser`).
- Organisational values (an employer abroad, a recruiter giving a licence number) do not
  join by themselves; they are shown as shared inside a cluster that person links built.
- A bucket larger than `HUB_SIZE` that no registry explains (a call-centre number, a
  placeholder nobody listed, a big employer) is a *hub*: it joins nothing and is reported
  (`Hub`) for someone to look at or add to the registry; never scored, never silently benign.
- A *giant* cluster (more than `GIANT_SIZE` applications, i.e. larger than any single
  allowed bucket, so chained through several values) is broken up: within it the weakest
  links are cut first (addresses, then names, then phones; within a kind the largest bucket
  first; all equally weak ones at once) and the components recomputed, until no part is
  larger than `GIANT_SIZE`; then every cut value whose parts together stay within the
  limit is put back, strongest first, so that only the values that chained the giant
  stay cut. Each cut value is reported as a `Hub` with `cut_from` = the
  giant's size (so it shows in the run's hub list), and each giant as a `Breakup` (its
  size, the sizes of its parts, what was cut). The parts are scored as ordinary clusters.

Scoring (`_score`, 0-100; `RING_THRESHOLD` = risky ring)
------------------------------------------------------
size up to 30 (3 applicants 15, 6 or more 30); spread over kecamatan up to 25 (3 or more
distinct kecamatan for the full points) and 5 for more than one village; time span 15
within 30 days, 10 within 60, 5 within 120; the same destination for 80 % of the members
10, the same purpose 5; share of members with their own strong indicators up to 15.
Without a shared person (phone, sponsor, companion, recruiter: only an address or an
employer) the score is halved. A cluster held together by a person's name but no shared
phone, spread over more than 60 days, is halved too: strangers who each name a friend
with a common name ("Putri Handayani") across a year are not a broker's batch. Benign,
and scored 0 with a benign reason: all members at one address with family
relation words (istri, suami, anak, ayah, ibu, ...) or a shared last name; a licensed
organiser as the shared party. Not a ring, scored 0 but not benign (the organiser is to be
verified): a group led by an organiser the registry does not know, where at least 80 % of
the members name an organisation (a company, a travel agency, a PPIU, a tour leader) as
sponsor, companion or recruiter and at most half have indicators of their own. Members
who name no organisation and are tied in only by values given within one village (a
household's phone, an address: a member's relatives and neighbours) are left out of that
share; they tell nothing about who leads the group.

Reasons are `evidence.Reason` values (a code and its numbers, `RING_REASON_CODES`); the
app that shows a ring puts them into words in the reader's language.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components

from waspada.domain.evidence import Reason
from waspada.domain.names import normalize_name
from waspada.domain.parties import (
    name_is_organisation,
    organisation_name_pattern,
    party_is_organisation,
    relation_is_organiser,
)
from waspada.domain.phones import normalize_phone

__all__ = [
    "GIANT_SIZE",
    "HUB_SIZE",
    "LINK_KINDS",
    "RING_REASON_CODES",
    "RING_THRESHOLD",
    "ApplicationNode",
    "ApplicationTable",
    "Breakup",
    "Cluster",
    "ClusterFacts",
    "ClusterTable",
    "DetectionResult",
    "GroupOrganiser",
    "Hub",
    "Key",
    "Link",
    "Organiser",
    "Party",
    "Registry",
    "RingScore",
    "SharedValue",
    "address_key",
    "components",
    "detect",
    "detect_table",
    "employer_key",
    "group_organiser",
    "is_organiser_led",
    "licence_key",
    "links_from_buckets",
    "name_key",
    "node_keys",
    "phone_key",
    "score_cluster",
    "street_key",
    "table_keys",
]

LINK_KINDS = ("phone", "sponsor", "companion", "recruiter", "address", "employer")
PERSON_KINDS = frozenset({"phone", "sponsor", "companion", "recruiter"})
NAME_ROLES = ("sponsor", "companion", "recruiter")
RING_THRESHOLD = 60
HUB_SIZE = 200
# A cluster larger than any bucket allowed to join (HUB_SIZE) was chained through several
# values: no broker ring seen is this large.
GIANT_SIZE = HUB_SIZE
# How strongly a shared value ties applications together; a giant cluster loses its weakest
# links first: a vaguely written street or a common name is shared by strangers more often
# than a phone number. (Employers and licences never join, so are never cut.)
LINK_STRENGTH = {"address": 0, "sponsor": 1, "companion": 1, "recruiter": 1, "phone": 2}

PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "--",
        "0",
        "00",
        ".",
        "x",
        "na",
        "n a",
        "none",
        "null",
        "nil",
        "tidak ada",
        "tdk ada",
        "belum ada",
        "tidak tahu",
        "tidak diketahui",
        "kosong",
        "tanpa",
        "sendiri",
        "unknown",
    }
)

FAMILY_WORDS = frozenset(
    {
        "istri",
        "isteri",
        "suami",
        "anak",
        "orang tua",
        "orangtua",
        "ortu",
        "ayah",
        "bapak",
        "ibu",
        "kakak",
        "adik",
        "saudara",
        "saudara kandung",
        "kakek",
        "nenek",
        "cucu",
        "paman",
        "bibi",
        "keponakan",
        "menantu",
        "mertua",
        "ipar",
        "kakak ipar",
        "adik ipar",
        "keluarga",
        "wife",
        "husband",
        "child",
        "son",
        "daughter",
        "father",
        "mother",
        "parent",
        "brother",
        "sister",
        "sibling",
    }
)


@dataclass(frozen=True, slots=True)
class Party:
    """Someone named on an application: role sponsor, companion or recruiter."""

    role: str
    name: str = ""
    phone: str = ""
    relation: str = ""
    license_no: str = ""


@dataclass(frozen=True, slots=True)
class ApplicationNode:
    id: int
    application_no: str = ""
    applicant_name: str = ""
    phone: str = ""
    address: str = ""
    village_code: str = ""
    district_code: str = ""
    submitted_on: dt.date | None = None
    destination: str = ""
    purpose: str = ""
    employer: str = ""
    parties: tuple[Party, ...] = ()

    @property
    def district(self) -> str:
        return self.district_code or ".".join(self.village_code.split(".")[:3])


@dataclass(frozen=True, slots=True)
class Key:
    """A value an application shares: kind (a link kind) and normalised value."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Link:
    a: int
    b: int
    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Organiser:
    kind: str  # ppiu, pihk, p3mi
    name: str
    licence_no: str = ""
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class Registry:
    """Licensed organisers, indexed by the keys their customers give."""

    organisers: tuple[Organiser, ...] = ()
    by_key: dict[Key, Organiser] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, organisers: Iterable[Organiser]) -> Registry:
        items = tuple(organisers)
        by_key: dict[Key, Organiser] = {}
        for org in items:
            for raw in org.phones:
                phone = phone_key(raw)
                if phone:
                    by_key[Key("phone", phone)] = org
            name = name_key(org.name)
            if name:
                for kind in NAME_ROLES:
                    by_key[Key(kind, name)] = org
            licence = _licence_key(org.licence_no)
            if licence:
                by_key[Key("recruiter", "licence:" + licence)] = org
        return cls(items, by_key)

    def organiser_for(self, key: Key) -> Organiser | None:
        return self.by_key.get(key)


@dataclass(frozen=True, slots=True)
class RingScore:
    score: int
    reasons: tuple[Reason, ...]
    benign: bool = False

    @property
    def risky(self) -> bool:
        return not self.benign and self.score >= RING_THRESHOLD


@dataclass(frozen=True, slots=True)
class SharedValue:
    """A key shared inside a cluster, with how many members give it and in which roles."""

    kind: str
    value: str
    count: int
    roles: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == "phone":
            roles = "/".join(r for r in self.roles if r != "applicant") or "applicant"
            return f"{roles} phone {self.value}"
        if self.kind == "address":
            return f"address {self.value}"
        return f"{self.kind} {self.value}"


@dataclass(frozen=True)
class Cluster:
    members: tuple[int, ...]  # node ids, ascending
    link_types: dict[int, tuple[str, ...]]  # node id -> kinds of its links in the cluster
    shared: tuple[SharedValue, ...]
    score: RingScore
    organiser: Organiser | None = None  # set for a benign licensed-organiser cluster
    first_submitted: dt.date | None = None
    last_submitted: dt.date | None = None
    districts: int = 0

    @property
    def size(self) -> int:
        return len(self.members)

    def summary(self) -> str:
        """What the cluster shares: "6 applicants from 5 kecamatan in 21 days share ..."."""
        span = (
            (self.last_submitted - self.first_submitted).days + 1
            if self.first_submitted and self.last_submitted
            else 0
        )
        what = ", ".join(s.describe() for s in self.shared[:3]) or "details"
        return (
            f"{self.size} applicants from {self.districts} kecamatan "
            f"in {span} days share {what}; score {self.score.score}"
        )

    def evidence(self, number: int | str) -> str:
        """One line for D18: "ring #12: 6 applicants from 5 kecamatan in 21 days share ..."."""
        return f"ring #{number}: {self.summary()}"


@dataclass(frozen=True, slots=True)
class Hub:
    """A value that joins nothing: shared by more than HUB_SIZE applications, or cut out of
    a giant cluster of `cut_from` applications (0 for an ordinary hub)."""

    kind: str
    value: str
    size: int
    cut_from: int = 0

    def describe(self) -> str:
        if self.cut_from:
            return (
                f"{self.kind} {self.value}: shared by {self.size}, cut from a chained "
                f"cluster of {self.cut_from}"
            )
        return f"{self.kind} {self.value}: shared by {self.size}"


@dataclass(frozen=True, slots=True)
class Breakup:
    """A giant cluster that was broken up: its size, its parts' sizes, the values cut."""

    size: int
    parts: tuple[int, ...]  # sizes of the parts of two or more, largest first
    cut: tuple[Hub, ...]


@dataclass(frozen=True)
class DetectionResult:
    clusters: tuple[Cluster, ...]
    hubs: tuple[Hub, ...]  # ordinary hubs, then the values cut from giant clusters
    links: int
    breakups: tuple[Breakup, ...] = ()


# --- Keys of single values ----------------------------------------------------------------------

_NON_DIGIT_PATTERN = r"[^\d+]"
_ID_MOBILE_PATTERN = r"^(?:\+62|62|0)(8[1-9]\d{7,10})$"
_NON_DIGIT = re.compile(_NON_DIGIT_PATTERN)
_ID_MOBILE = re.compile(_ID_MOBILE_PATTERN)
_NON_WORD = re.compile(r"[^\w]+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _is_placeholder(raw: str) -> bool:
    if len(raw) > 20:  # no placeholder is this long; skip the regex for real values
        return False
    return " ".join(_NON_WORD.sub(" ", raw.lower()).split()) in PLACEHOLDERS


@lru_cache(maxsize=4096)
def _mobile_shape_valid(prefix: str, length: int) -> bool:
    # phonenumbers decides Indonesian mobile validity by prefix and length: ask it once per
    # shape instead of once per number (a full parse costs ~25 µs, too slow at scale).
    sample = "0" + prefix + "1" * (length - len(prefix))
    return normalize_phone(sample) is not None


@lru_cache(maxsize=65536)
def _slow_phone(raw: str) -> str | None:
    return normalize_phone(raw)


def phone_key(raw: str) -> str | None:
    """E.164 of a phone, or None for an empty, placeholder or unparseable value."""
    if not raw or _is_placeholder(raw):
        return None
    compact = _NON_DIGIT.sub("", raw)
    match = _ID_MOBILE.match(compact)
    if match:
        national = match.group(1)
        if _mobile_shape_valid(national[:4], len(national)):
            return "+62" + national
        return None
    return _slow_phone(raw.strip())


@lru_cache(maxsize=262144)
def name_key(raw: str) -> str | None:
    """The normalised name (two words or more), or None."""
    if not raw or _is_placeholder(raw):
        return None
    normalized = normalize_name(raw)
    if len(normalized.tokens) + len(normalized.patronym) < 2:
        return None
    return normalized.text


def _licence_key(raw: str) -> str | None:
    if not raw or _is_placeholder(raw):
        return None
    return _NON_ALNUM.sub("", raw.lower()) or None


def licence_key(raw: str) -> str | None:
    """A licence number as the registry and the links compare it: lowercase letters and
    digits only ("KEP.123/SIP3MI/2024" and "kep 123 sip3mi 2024" are one licence)."""
    return _licence_key(raw)


_STREET_WORDS = {
    "jl": "jalan",
    "jln": "jalan",
    "gg": "gang",
    "dsn": "dusun",
    "dk": "dukuh",
    "dkh": "dukuh",
    "ds": "desa",
    "kp": "kampung",
    "kmp": "kampung",
    "no": "",
    "nomor": "",
    "nomer": "",
}


def street_key(address: str) -> str | None:
    """The street part of an address: lowercase, abbreviations expanded, RT/RW numbers bare."""
    if not address or _is_placeholder(address):
        return None
    words = map(_street_word, _NON_ALNUM.sub(" ", address.lower()).split())
    return " ".join(word for word in words if word) or None


@lru_cache(maxsize=65536)
def _street_word(word: str) -> str:
    # A few hundred words make most addresses ("dusun", "rt", "003"): once each.
    word = _STREET_WORDS.get(word, word)
    return str(int(word)) if word.isdigit() else word


def address_key(village_code: str, address: str) -> str | None:
    """Village code + the street part (`street_key`), or None."""
    street = street_key(address) if village_code else None
    return f"{village_code} {street}" if street else None


_COMPANY_WORDS = frozenset(
    {"pt", "cv", "tbk", "ltd", "co", "inc", "sdn", "bhd", "pte", "llc", "company", "the"}
)


def employer_key(raw: str) -> str | None:
    if not raw or _is_placeholder(raw):
        return None
    words = [w for w in _NON_ALNUM.sub(" ", raw.lower()).split() if w not in _COMPANY_WORDS]
    return " ".join(words) or None


@lru_cache(maxsize=4096)
def _relation_is_family(relation: str) -> bool:
    text = " ".join(re.sub(r"[^a-z]+", " ", relation.lower()).split())
    if not text:
        return False
    if text in FAMILY_WORDS:
        return True
    words = text.split()
    return any(w in FAMILY_WORDS for w in words) or any(
        " ".join(words[i : i + 2]) in FAMILY_WORDS for i in range(len(words) - 1)
    )


@lru_cache(maxsize=65536)
def _last_name(name: str) -> str:
    tokens = normalize_name(name).tokens
    return tokens[-1] if len(tokens) >= 2 else ""


def node_keys(node: ApplicationNode) -> list[tuple[Key, str, bool]]:
    """The keys an application gives: (key, role that gave it, whether it joins clusters).

    The one-node form of `table_keys` (the incremental path stores these per application).
    Organisational values do not join clusters by themselves: an employer abroad or a
    recruiter giving a licence number (a company, a training centre) legitimately serves
    hundreds. They are still recorded, and shown as shared inside a cluster that person
    links (phone, sponsor, companion, address, a recruiter without a licence) built.
    """
    keys: list[tuple[Key, str, bool]] = []
    phone = phone_key(node.phone)
    if phone:
        keys.append((Key("phone", phone), "applicant", True))
    for party in node.parties:
        phone = phone_key(party.phone)
        if phone:
            keys.append((Key("phone", phone), party.role, True))
        licence = _licence_key(party.license_no)
        # A relative named as sponsor or companion (istri, ayah...) is no broker: two
        # applications naming a "Sri Zulaikha" as wife are strangers sharing a common name.
        if party.role in NAME_ROLES and not _relation_is_family(party.relation):
            name = name_key(party.name)
            if name:
                joins = party.role != "recruiter" or not licence
                keys.append((Key(party.role, name), party.role, joins))
        if party.role == "recruiter" and licence:
            keys.append((Key("recruiter", "licence:" + licence), "recruiter", False))
    address = address_key(node.village_code, node.address)
    if address:
        keys.append((Key("address", address), "applicant", True))
    employer = employer_key(node.employer)
    if employer:
        keys.append((Key("employer", employer), "applicant", False))
    return keys


# --- Applications as columns --------------------------------------------------------------------

APPLICATION_SCHEMA: dict[str, Any] = {
    "id": pl.Int64,
    "application_no": pl.String,
    "applicant_name": pl.String,
    "phone": pl.String,
    "address": pl.String,
    "village_code": pl.String,
    "district_code": pl.String,
    "submitted_on": pl.Date,
    "destination": pl.String,
    "purpose": pl.String,
    "employer": pl.String,
}
# `row` is the position of the party's application in the applications frame.
PARTY_SCHEMA: dict[str, Any] = {
    "row": pl.UInt32,
    "role": pl.String,
    "name": pl.String,
    "phone": pl.String,
    "relation": pl.String,
    "license_no": pl.String,
}
_PARTY_FIELDS = ("role", "name", "phone", "relation", "license_no")


def _conform(frame: pl.DataFrame, schema: dict[str, Any]) -> pl.DataFrame:
    """The schema's columns in its types; missing strings become "" (nothing to link)."""
    return frame.select(
        pl.col(name).cast(dtype).fill_null("") if dtype == pl.String else pl.col(name).cast(dtype)
        for name, dtype in schema.items()
    )


@dataclass(frozen=True)
class ApplicationTable:
    """Applications as columns: one row per application, one per party (long form)."""

    applications: pl.DataFrame
    parties: pl.DataFrame

    @classmethod
    def of(cls, nodes: Sequence[ApplicationNode]) -> ApplicationTable:
        applications = pl.DataFrame(
            {name: [getattr(node, name) for node in nodes] for name in APPLICATION_SCHEMA},
            schema=APPLICATION_SCHEMA,
        )
        parties = pl.DataFrame(
            [
                (row, *(getattr(party, name) for name in _PARTY_FIELDS))
                for row, node in enumerate(nodes)
                for party in node.parties
            ],
            schema=PARTY_SCHEMA,
            orient="row",
        )
        return cls.from_frames(applications, parties)

    @classmethod
    def from_frames(cls, applications: pl.DataFrame, parties: pl.DataFrame) -> ApplicationTable:
        return cls(_conform(applications, APPLICATION_SCHEMA), _conform(parties, PARTY_SCHEMA))

    def __len__(self) -> int:
        return self.applications.height


def _phone_keys(values: pl.Series) -> pl.Series:
    """`phone_key` of every value: Indonesian mobiles (most phones) by its fast path as
    Polars expressions, the rest by `phone_key` itself once per distinct value."""
    national = pl.col("national")
    compact = pl.col("raw").str.replace_all(_NON_DIGIT_PATTERN, "")
    frame = pl.DataFrame({"raw": values}).with_columns(
        national=compact.str.extract(_ID_MOBILE_PATTERN)
    )
    frame = frame.with_columns(prefix=national.str.slice(0, 4), length=national.str.len_chars())
    shapes = frame.select("prefix", "length").drop_nulls().unique()
    valid = [_mobile_shape_valid(prefix, length) for prefix, length in shapes.iter_rows()]
    frame = frame.join(
        shapes.with_columns(valid=pl.Series(valid, dtype=pl.Boolean)),
        on=["prefix", "length"],
        how="left",
        maintain_order="left",
    )
    keys = frame.select(pl.when("valid").then(pl.lit("+62") + national)).to_series()
    slow = frame["national"].is_null()
    if not slow.any():
        return keys
    return keys.scatter(slow.arg_true(), _each_distinct(values.filter(slow), phone_key))


def _each_distinct(
    values: pl.Series, function: Callable[[str], object], dtype: Any = pl.String
) -> pl.Series:
    """`function(value)` for every value, called once per distinct value."""
    if values.is_empty():
        return pl.Series(values.name, [], dtype=dtype)
    distinct = values.unique()
    results = pl.Series([function(value) for value in distinct.to_list()], dtype=dtype)
    return values.replace_strict(distinct, results, return_dtype=dtype)


def _ascii_by_expression(
    values: pl.Series,
    expression: Callable[[pl.Expr], pl.Expr],
    function: Callable[[str], object],
    dtype: Any = pl.String,
) -> pl.Series:
    """`function(value)` for every value: ASCII values (nearly all) by `expression`, its
    Polars form, the others by `function` itself once per distinct value (Unicode case and
    word rules are Python's there)."""
    frame = pl.DataFrame({"value": values})
    value = pl.col("value")
    ascii_ = value.str.len_bytes() == value.str.len_chars()
    results = frame.select(pl.when(ascii_).then(expression(value)).cast(dtype)).to_series()
    other = ~frame.select(ascii_).to_series()
    if not other.any():
        return results
    return results.scatter(other.arg_true(), _each_distinct(values.filter(other), function, dtype))


def table_keys(table: ApplicationTable) -> pl.DataFrame:
    """Every key of every application: row, kind, value, role, joins (as `node_keys`), and
    for a name the phone (E.164) the same party gives with it, else null (`_buckets` tells
    namesakes apart by it)."""
    apps = table.applications.with_row_index("row")
    role = pl.col("role")
    parties = table.parties.with_columns(
        phone_value=_phone_keys(table.parties["phone"]),
        family=_each_distinct(table.parties["relation"], _relation_is_family, pl.Boolean),
        licence=_each_distinct(table.parties["license_no"], _licence_key),
    )
    # Names are normalised only where they can link: a relative's name never does.
    named = parties.filter(role.is_in(NAME_ROLES) & ~pl.col("family"))
    named = named.with_columns(name_value=_each_distinct(named["name"], name_key))
    street = _each_distinct(apps["address"], street_key)
    parts = [
        apps.select(
            "row",
            kind=pl.lit("phone"),
            value=_phone_keys(apps["phone"]),
            role=pl.lit("applicant"),
            joins=pl.lit(True),
        ),
        parties.select(
            "row", kind=pl.lit("phone"), value="phone_value", role=role, joins=pl.lit(True)
        ),
        named.select(
            "row",
            kind=role,
            value="name_value",
            role=role,
            joins=(role != "recruiter") | pl.col("licence").is_null(),
            with_phone="phone_value",
        ),
        parties.filter(role == "recruiter").select(
            "row",
            kind=pl.lit("recruiter"),
            value=pl.lit("licence:") + pl.col("licence"),
            role=role,
            joins=pl.lit(False),
        ),
        apps.select(
            "row",
            kind=pl.lit("address"),
            value=pl.when(pl.col("village_code") != "").then(
                pl.col("village_code") + pl.lit(" ") + street
            ),
            role=pl.lit("applicant"),
            joins=pl.lit(True),
        ),
        apps.select(
            "row",
            kind=pl.lit("employer"),
            value=_each_distinct(apps["employer"], employer_key),
            role=pl.lit("applicant"),
            joins=pl.lit(False),
        ),
    ]
    kinds = pl.Enum(LINK_KINDS)
    roles = pl.Enum(sorted({"applicant", *table.parties["role"].unique().to_list()}))
    return pl.concat(
        [part.drop_nulls("value").with_columns(pl.col("kind").cast(kinds)) for part in parts],
        how="diagonal",
    ).with_columns(pl.col("role").cast(roles))


# --- Components ---------------------------------------------------------------------------------

IntArray = npt.NDArray[np.int64]


def _labels(n: int, src: IntArray, dst: IntArray) -> npt.NDArray[np.int32]:
    """The connected component of each of 0..n-1 (scipy.sparse.csgraph)."""
    # int32 indices and weak connectivity of the directed graph (the same components as
    # the undirected one) spare scipy an index copy and the symmetrised transpose:
    # about half the time at 3,000,000 applications.
    graph = csr_array(
        (np.ones(len(src), dtype=np.int8), (src.astype(np.int32), dst.astype(np.int32))),
        shape=(n, n),
    )
    _, labels = connected_components(graph, directed=True, connection="weak")
    return np.asarray(labels, dtype=np.int32)


def components(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (of two or more) of the graph on 0..n-1 given by index pairs."""
    edges = np.array(list(pairs), dtype=np.int64).reshape(-1, 2)
    labels = _labels(n, edges[:, 0], edges[:, 1])
    order = np.argsort(labels, kind="stable")
    groups = np.split(order, np.flatnonzero(np.diff(labels[order])) + 1)
    return [group.tolist() for group in groups if len(group) > 1]


def links_from_buckets(buckets: dict[Key, list[int]], ids: Sequence[int]) -> list[Link]:
    """Star links inside each bucket: k - 1 links for k members (never all pairs)."""
    links = []
    for key, members in buckets.items():
        if len(members) < 2:
            continue
        first = ids[members[0]]
        for other in members[1:]:
            links.append(Link(first, ids[other], key.kind, key.value))
    return links


# --- Buckets and giant clusters -----------------------------------------------------------------

# How a bucket of two or more is used.
JOIN, NOTE, ORGANISER, HUB, CUT = "join", "note", "organiser", "hub", "cut"


def _buckets(
    keys: pl.DataFrame, registry: Registry, hub_size: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The buckets of two or more applications and their (row, key, use).

    Buckets: key (an integer code), kind, value, size, joins, roles (sorted), organiser
    (index into the registry's organisers, or null) and use (JOIN, NOTE, ORGANISER, HUB).
    One group-by over all keys; values given by one application only drop out at once.
    """
    # Roles as bits (of the sorted role names): lists of strings per bucket would cost more
    # than everything else here. One `any` per role in the group-by (a fast aggregation,
    # unlike a bitwise or), the bits summed once the single values have dropped out.
    role_type = keys.schema["role"]
    assert isinstance(role_type, pl.Enum)  # table_keys gives the roles as a sorted Enum
    names: list[str] = role_type.categories.to_list()
    bits = {name: 1 << i for i, name in enumerate(names)}
    gives = {name: f"gives_{i}" for i, name in enumerate(names)}
    grouped = (
        keys.group_by("kind", "value")
        .agg(
            pl.col("row").n_unique().alias("size"),
            pl.col("joins").any(),
            pl.col("row"),
            *[(pl.col("role") == name).any().alias(gives[name]) for name in names],
            pl.col("with_phone").drop_nulls().n_unique().alias("phones"),
        )
        .filter(pl.col("size") >= 2)
        .with_columns(
            roles=pl.sum_horizontal(
                pl.col(gives[name]).cast(pl.Int64) * bits[name] for name in names
            )
        )
        .drop(gives.values())
        .with_row_index("key")
    )
    masks = grouped["roles"].unique().to_list()
    role_lists = pl.DataFrame(
        {"roles": masks, "role_names": [[n for n in names if mask & bits[n]] for mask in masks]},
        schema={"roles": pl.Int64, "role_names": pl.List(pl.String)},
    )
    grouped = grouped.join(role_lists, on="roles").drop("roles").rename({"role_names": "roles"})
    index = {org: i for i, org in enumerate(registry.organisers)}
    known = pl.DataFrame(
        {
            "kind": [key.kind for key in registry.by_key],
            "value": [key.value for key in registry.by_key],
            "organiser": [index[org] for org in registry.by_key.values()],
        },
        schema={"kind": pl.Enum(LINK_KINDS), "value": pl.String, "organiser": pl.Int32},
    )
    buckets = (
        grouped.drop("row")
        .join(known, on=["kind", "value"], how="left")
        .with_columns(
            use=pl.when(~pl.col("joins"))
            .then(pl.lit(NOTE))
            .when(pl.col("organiser").is_not_null())
            .then(pl.lit(ORGANISER))
            .when(pl.col("size") > hub_size)
            .then(pl.lit(HUB))
            # A name given with two different phones is two people: namesakes (a tour
            # leader, a broker, a friend called "Hendra Wijaya") must not chain their
            # groups together; each one's phone still links his own.
            .when(pl.col("phones") >= 2)
            .then(pl.lit(NOTE))
            .otherwise(pl.lit(JOIN))
        )
    )
    pairs = (
        grouped.select("key", "row")
        .explode("row")
        .unique()
        .join(buckets.select("key", "use"), on="key")
    )
    return buckets, pairs.select("row", "key", "use")


def _star_edges(pairs: pl.DataFrame) -> pl.DataFrame:
    """src (the bucket's first row), dst, key: k - 1 links for a bucket of k."""
    joining = pairs.filter(pl.col("use") == JOIN)
    first = joining.group_by("key").agg(src=pl.col("row").min())
    return (
        joining.join(first, on="key")
        .filter(pl.col("row") != pl.col("src"))
        .select("src", dst="row", key="key")
        .sort("src", "dst")
    )


def _break_up(
    labels: npt.NDArray[np.int32], edges: pl.DataFrame, buckets: pl.DataFrame, giant_size: int
) -> tuple[npt.NDArray[np.int32], list[int], list[Breakup]]:
    """Split every component larger than `giant_size` (see the module docstring).

    Only the giants' rows and links take part. Returns the new labels, the keys cut and one
    `Breakup` per giant.
    """
    sizes = np.bincount(labels)
    giants = np.flatnonzero(sizes > giant_size)
    if not len(giants):
        return labels, [], []
    rows = np.flatnonzero(np.isin(labels, giants))
    local = np.full(len(labels), -1, dtype=np.int64)
    local[rows] = np.arange(len(rows))
    inner = edges.filter(pl.Series(local[edges["src"].to_numpy()] >= 0))
    keys, key_of_edge = np.unique(inner["key"].to_numpy(), return_inverse=True)
    info = pl.DataFrame({"key": keys}, schema={"key": pl.UInt32}).join(
        buckets.select("key", "kind", "value", "size"), on="key", maintain_order="left"
    )
    kinds, values = info["kind"].cast(pl.String).to_list(), info["value"].to_list()
    size = info["size"].to_numpy().astype(np.int64)
    weakness = np.array([2 - LINK_STRENGTH[kind] for kind in kinds], dtype=np.int64)
    # Ties are taken in the order of the values, so that every run cuts the same ones.
    by_value = np.empty(len(keys), dtype=np.int64)
    by_value[sorted(range(len(keys)), key=lambda k: (kinds[k], values[k]))] = np.arange(len(keys))
    graph = _GiantLinks(
        len(rows),
        local[inner["src"].to_numpy()],
        local[inner["dst"].to_numpy()],
        key_of_edge,
        # Weakest kind first, then the largest bucket: one number to compare.
        priority=weakness * (int(size.max()) + 1) + size,
        order=by_value,
    )
    alive = graph.cut_until_within(giant_size)
    graph.put_back(alive, giant_size)
    part = graph.parts(alive)

    new_labels = labels.copy()
    new_labels[rows] = labels.max() + 1 + part
    origin = labels[rows]
    part_sizes = np.bincount(part)
    cut = np.flatnonzero(~alive)
    cut_origin = origin[graph.first[cut]]
    breakups = []
    for giant in giants:
        total = int(sizes[giant])
        parts = np.unique(part[origin == giant])
        hubs = sorted(
            (Hub(kinds[k], values[k], int(size[k]), total) for k in cut[cut_origin == giant]),
            key=lambda hub: (LINK_STRENGTH[hub.kind], -hub.size, hub.kind, hub.value),
        )
        kept = sorted((int(s) for s in part_sizes[parts] if s > 1), reverse=True)
        breakups.append(Breakup(total, tuple(kept), tuple(hubs)))
    breakups.sort(key=lambda b: -b.size)
    return new_labels, keys[cut].tolist(), breakups


class _GiantLinks:
    """The star links inside giant components, on local rows 0..n-1, by key 0..k-1."""

    def __init__(
        self,
        n: int,
        src: IntArray,
        dst: IntArray,
        key_of_edge: IntArray,
        priority: IntArray,
        order: IntArray,
    ) -> None:
        self.n, self.src, self.dst, self.key_of_edge = n, src, dst, key_of_edge
        self.priority, self.order = priority, order
        self.first = np.empty(len(priority), dtype=np.int64)
        self.first[key_of_edge] = src  # a key's links all start at its first row
        self.by_key = np.argsort(key_of_edge, kind="stable")
        self.bounds = np.searchsorted(key_of_edge[self.by_key], np.arange(len(priority) + 1))

    def parts(self, alive: npt.NDArray[np.bool_]) -> npt.NDArray[np.int32]:
        kept = alive[self.key_of_edge]
        return _labels(self.n, self.src[kept], self.dst[kept])

    def cut_until_within(self, limit: int) -> npt.NDArray[np.bool_]:
        """Which keys survive cutting, in every part over `limit`, its highest-priority keys
        (all of them: equally weak links are cut together) until no part is over it."""
        alive = np.ones(len(self.priority), dtype=bool)
        while True:
            part = self.parts(alive)
            big = np.bincount(part) > limit
            if not big.any():
                return alive
            key_part = part[self.first]  # every live key lies inside one part
            candidates = alive & big[key_part]
            best = np.full(len(big), -1, dtype=np.int64)
            np.maximum.at(best, key_part[candidates], self.priority[candidates])
            alive &= ~(candidates & (self.priority == best[key_part]))

    def put_back(self, alive: npt.NDArray[np.bool_], limit: int) -> None:
        """Restore, strongest first, every cut key whose parts together stay within `limit`:
        only the values that chained the giant stay cut. A loop over the cut keys only."""
        part = self.parts(alive)
        size = np.bincount(part).tolist()
        parent = list(range(len(size)))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        cut = np.flatnonzero(~alive)
        for key in cut[np.lexsort((self.order[cut], self.priority[cut]))].tolist():
            edges = self.by_key[self.bounds[key] : self.bounds[key + 1]]
            touched = part[np.concatenate((self.src[edges[:1]], self.dst[edges]))]
            roots = {root(p) for p in touched.tolist()}
            total = sum(size[r] for r in roots)
            if total <= limit:
                keep, *others = roots
                for other in others:
                    parent[other] = keep
                size[keep] = total
                alive[key] = True


def _clusters(
    labels: npt.NDArray[np.int32], pairs: pl.DataFrame, buckets: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Members (cluster, row, kinds, organiser) and shared values (cluster, key, count).

    Clusters 0..k-1 are the components of two or more; then one per licensed organiser
    whose buckets were given. Inside a component, its joining keys are shared by all their
    bucket, organisational ones by the members that give them (two or more).
    """
    sizes = np.bincount(labels) if len(labels) else np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero(sizes[labels] >= 2)
    _, dense = np.unique(labels[rows], return_inverse=True)
    cluster_of = np.full(len(labels), -1, dtype=np.int64)
    cluster_of[rows] = dense
    count = int(dense.max()) + 1 if len(rows) else 0

    in_rings = pairs.filter(pl.col("use").is_in((JOIN, NOTE)))
    in_rings = in_rings.with_columns(cluster=pl.Series(cluster_of).gather(in_rings["row"])).filter(
        pl.col("cluster") >= 0
    )
    ring_shared = (
        in_rings.group_by("cluster", "key")
        .agg(count=pl.len(), use=pl.col("use").first())
        .filter((pl.col("use") == JOIN) | (pl.col("count") >= 2))
    )
    organisers = (
        pairs.filter(pl.col("use") == ORGANISER)
        .join(buckets.select("key", "organiser"), on="key")
        .with_columns(
            cluster=count + pl.col("organiser").rank("dense").cast(pl.Int64) - 1,
        )
    )
    shared = pl.concat(
        [
            ring_shared.select("cluster", "key", "count"),
            organisers.group_by("cluster", "key").agg(count=pl.len()),
        ],
        how="vertical_relaxed",
    )
    bits = {kind: 1 << i for i, kind in enumerate(LINK_KINDS)}
    kinds = buckets.select(
        "key", bit=pl.col("kind").cast(pl.String).replace_strict(bits, return_dtype=pl.Int64)
    )
    linked = (
        pl.concat(
            [
                in_rings.select("cluster", "row", "key"),
                organisers.select("cluster", "row", "key"),
            ],
            how="vertical_relaxed",
        )
        .join(shared.select("cluster", "key"), on=["cluster", "key"], how="semi")
        .join(kinds, on="key")
    )
    # The kinds of each member's links, OR-ed per (cluster, row) by sorting one integer
    # code: a bitwise-or group-by costs two to three times more at national scale.
    code = linked["cluster"].to_numpy() * len(labels) + linked["row"].to_numpy()
    order = np.argsort(code, kind="stable")
    code = code[order]
    starts = np.flatnonzero(np.diff(code, prepend=code[:1] - 1))
    member_kinds = np.bitwise_or.reduceat(linked["bit"].to_numpy()[order], starts)
    members = pl.DataFrame(
        {
            "cluster": code[starts] // len(labels),
            "row": (code[starts] % len(labels)).astype(np.uint32),
            "kinds": member_kinds,
        },
        schema={"cluster": pl.Int64, "row": pl.UInt32, "kinds": pl.Int64},
    ).join(organisers.select("cluster", "organiser").unique(), on="cluster", how="left")
    return members, shared


# --- Scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClusterFacts:
    """What a cluster's score is computed from (per-cluster aggregates)."""

    size: int
    villages: int
    districts: int
    first: dt.date | None
    last: dt.date | None
    destination: str  # the commonest non-empty destination, and how many members give it
    destination_count: int
    purpose: str
    purpose_count: int
    own: int  # members with their own indicators
    person: bool  # a person (phone, sponsor, companion, recruiter) is among the shared values
    phone: bool  # a phone number is among the shared values
    relatives: str  # RELATIVES_* when the members are relatives at one address, else ""
    organised: int = 0  # members who name an organisation (company, travel, PPIU...) as party
    # members who name no organisation, linked only by values given within one village (a
    # household's phone, an address): a member's relatives and neighbours
    attached: int = 0


# Why members at one address are relatives (`ClusterFacts.relatives`, a reason's `basis`).
RELATIVES_FAMILY_RELATION = "family_relation"
RELATIVES_SHARED_LAST_NAME = "shared_last_name"
# A name-only cluster is halved when spread over more days than this (its span then earns
# 5 points or fewer); the reason names the figure.
NAME_ONLY_DAYS = 60

# Every code a ring score's reasons can carry, with its parameters (the apps that show
# rings render each of them; a test holds them to it).
RING_REASON_CODES: dict[str, tuple[str, ...]] = {
    "licensed_organiser": ("kind", "name", "count"),  # benign; kind e.g. "ppiu"
    "relatives_at_address": ("basis", "count"),  # benign; basis RELATIVES_*
    "applicants": ("count",),
    "villages_in_districts": ("villages", "districts"),
    "within_days": ("days",),
    "same_destination_and_purpose": ("destination", "purpose"),
    "same_destination": ("destination",),  # an ISO country code
    "same_purpose": ("purpose",),  # a purpose code
    "own_indicators": ("count",),
    "halved_no_person": (),
    "halved_name_only": ("days",),
    # not a ring: a group whose members name an organiser the registry does not know (yet),
    # their own applications clean; the organiser is to be verified, not the members.
    "organiser_led_group": ("count", "clean"),
}

# An organised group: at least this share of members name an organisation as their
# sponsor, companion or recruiter, and at most this share have indicators of their own
# (most members' own applications are clean).
ORGANISED_SHARE = 0.8
OWN_SHARE_OF_ORGANISED = 0.5


def _organised_group(facts: ClusterFacts) -> bool:
    # The relatives and neighbours a few members bring along are not the group: counted in,
    # they would make most pilgrims' departures fall short of the share.
    group = facts.size - facts.attached
    return (
        group >= 2
        and facts.organised >= ORGANISED_SHARE * group
        and facts.own <= OWN_SHARE_OF_ORGANISED * group
    )


def _score(facts: ClusterFacts, organiser: Organiser | None = None) -> RingScore:
    """The ring score of a cluster (see the module docstring)."""
    n = facts.size
    if organiser is not None:
        return RingScore(
            0,
            (
                Reason(
                    "licensed_organiser",
                    (("kind", organiser.kind), ("name", organiser.name), ("count", n)),
                ),
            ),
            benign=True,
        )
    if facts.relatives:
        return RingScore(
            0, (Reason("relatives_at_address", (("basis", facts.relatives), ("count", n))),), True
        )
    if _organised_group(facts):
        # Not benign - nobody has verified the organiser - but not a ring either.
        return RingScore(
            0, (Reason("organiser_led_group", (("count", n), ("clean", n - facts.own))),)
        )
    # Reasons are built directly (not with `Reason.of`): one score per cluster, 10^5 of them.
    reasons: list[Reason] = [Reason("applicants", (("count", n),))]
    size_points = min(30.0, 15.0 * math.log2(n / 1.5)) if n >= 2 else 0.0
    spread = 25.0 * min(1.0, (facts.districts - 1) / 3) if facts.districts else 0.0
    if facts.villages > 1:
        spread += 5
    reasons.append(
        Reason(
            "villages_in_districts",
            (("villages", facts.villages), ("districts", facts.districts)),
        )
    )
    span_points = 0.0
    if facts.first is not None and facts.last is not None:
        span = (facts.last - facts.first).days
        span_points = 15 if span <= 30 else 10 if span <= 60 else 5 if span <= 120 else 0
        reasons.append(Reason("within_days", (("days", span + 1),)))
    shared_points = 0.0
    destination = facts.destination and facts.destination_count >= 0.8 * n
    purpose = facts.purpose and facts.purpose_count >= 0.8 * n
    if destination:
        shared_points += 10
    if purpose:
        shared_points += 5
    if destination and purpose:
        reasons.append(
            Reason(
                "same_destination_and_purpose",
                (("destination", facts.destination), ("purpose", facts.purpose)),
            )
        )
    elif destination:
        reasons.append(Reason("same_destination", (("destination", facts.destination),)))
    elif purpose:
        reasons.append(Reason("same_purpose", (("purpose", facts.purpose),)))
    own_points = 15.0 * facts.own / n if n else 0.0
    if facts.own:
        reasons.append(Reason("own_indicators", (("count", facts.own),)))
    total = size_points + spread + span_points + shared_points + own_points
    if not facts.person:
        total /= 2
        reasons.append(Reason("halved_no_person"))
    elif not facts.phone and span_points <= 5 and facts.first is not None:
        total /= 2
        reasons.append(Reason("halved_name_only", (("days", NAME_ONLY_DAYS),)))
    return RingScore(round(min(100.0, total)), tuple(reasons))


def is_organiser_led(cluster: Cluster) -> bool:
    """A group led by an organiser the registry does not know (not a ring, not benign)."""
    return any(reason.code == "organiser_led_group" for reason in cluster.score.reasons)


@dataclass(frozen=True, slots=True)
class GroupOrganiser:
    """The organiser an organiser-led group names: its name key, its commonest spelling,
    and the members that name it."""

    key: str
    name: str
    members: tuple[int, ...]


_GROUP_ROLES = ("sponsor", "companion")


def group_organiser(nodes: Sequence[ApplicationNode], registry: Registry) -> GroupOrganiser | None:
    """The organisation a group's members name most often as sponsor or companion, when
    the registry does not know it (None when it does, or when nobody names one).

    A party counts when it is an organisation or acts for one (`party_is_organisation`)
    and its name has two words or more; on a tie an organisation by its own name comes
    before a person acting for one ("Ustadz Ahmad", relation "tour leader").
    """
    members: defaultdict[str, set[int]] = defaultdict(set)
    spellings: defaultdict[str, Counter[str]] = defaultdict(Counter)
    by_name: set[str] = set()
    for node in nodes:
        for party in node.parties:
            if party.role not in _GROUP_ROLES:
                continue
            if not party_is_organisation(party.name, party.relation):
                continue
            key = name_key(party.name)
            if key is None:
                continue
            members[key].add(node.id)
            spellings[key][party.name.strip()] += 1
            if party_is_organisation(party.name, ""):
                by_name.add(key)
    if not members:
        return None
    best = min(members, key=lambda key: (-len(members[key]), key not in by_name, key))
    if any(registry.organiser_for(Key(role, best)) for role in _GROUP_ROLES):
        return None
    name = min(spellings[best].items(), key=lambda item: (-item[1], item[0]))[0]
    return GroupOrganiser(best, name, tuple(sorted(members[best])))


def _commonest(values: Iterable[str]) -> tuple[str, int]:
    counts = Counter(value for value in values if value)
    return counts.most_common(1)[0] if counts else ("", 0)


def _shares_last_name(names: Iterable[str]) -> bool:
    return _commonest(_last_name(name) for name in names)[1] >= 2


def score_cluster(
    nodes: Sequence[ApplicationNode],
    shared: Sequence[SharedValue],
    *,
    flagged: Collection[int] = frozenset(),
    organiser: Organiser | None = None,
) -> RingScore:
    """The ring score of a cluster of applications (see the module docstring)."""
    n = len(nodes)
    relatives = ""
    if n >= 2 and any(s.kind == "address" and s.count == n for s in shared):
        if any(_relation_is_family(p.relation) for node in nodes for p in node.parties):
            relatives = RELATIVES_FAMILY_RELATION
        elif _shares_last_name(node.applicant_name for node in nodes):
            relatives = RELATIVES_SHARED_LAST_NAME
    dates = [node.submitted_on for node in nodes if node.submitted_on]
    destination = _commonest(node.destination for node in nodes)
    purpose = _commonest(node.purpose for node in nodes)
    organised = {
        node.id
        for node in nodes
        if any(party_is_organisation(p.name, p.relation) for p in node.parties)
    }
    spread = _linked_across_villages(nodes, shared)
    facts = ClusterFacts(
        size=n,
        villages=len({node.village_code for node in nodes if node.village_code}),
        districts=len({node.district for node in nodes if node.district}),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        destination=destination[0],
        destination_count=destination[1],
        purpose=purpose[0],
        purpose_count=purpose[1],
        own=sum(1 for node in nodes if node.id in flagged),
        person=any(s.kind in PERSON_KINDS for s in shared),
        phone=any(s.kind == "phone" for s in shared),
        relatives=relatives,
        organised=len(organised),
        attached=sum(1 for node in nodes if node.id not in organised and node.id not in spread),
    )
    return _score(facts, organiser)


def _linked_across_villages(
    nodes: Sequence[ApplicationNode], shared: Sequence[SharedValue]
) -> set[int]:
    """The nodes linked by a shared value whose givers live in more than one village (or in
    an unknown one), as `_spread_rows` finds them in a table."""
    values = {Key(s.kind, s.value) for s in shared}
    givers: dict[Key, list[ApplicationNode]] = defaultdict(list)
    for node in nodes:
        for key in {key for key, _, joins in node_keys(node) if joins and key in values}:
            givers[key].append(node)
    spread: set[int] = set()
    for key, given in givers.items():
        villages = {node.village_code for node in given}
        if (len(villages) > 1 or "" in villages) and not _namesakes(key, given):
            spread.update(node.id for node in given)
    return spread


def _namesakes(key: Key, nodes: Sequence[ApplicationNode]) -> bool:
    """Whether the parties naming this name give two or more different phones with it."""
    if key.kind not in NAME_ROLES:
        return False
    phones = {
        phone_key(party.phone)
        for node in nodes
        for party in node.parties
        if party.role == key.kind
        and not _relation_is_family(party.relation)
        and name_key(party.name) == key.value
    }
    return len(phones - {None}) >= 2


_FACT_COLUMNS = tuple(ClusterFacts.__dataclass_fields__)


_ORGANISATION_NAME = organisation_name_pattern()


def _commonest_per_cluster(members: pl.DataFrame, column: str) -> pl.DataFrame:
    """cluster, <column>, <column>_count: the commonest non-empty value of each cluster."""
    return (
        members.filter(pl.col(column) != "")
        .group_by("cluster", column)
        .agg(pl.len().alias(f"{column}_count"))
        .sort(f"{column}_count", column, descending=[True, False])
        .unique("cluster", keep="first")
    )


def _spread_rows(table: ApplicationTable, pairs: pl.DataFrame) -> pl.Series:
    """The rows linked by a joining value whose givers live in more than one village (or in
    an unknown one): a broker's or an organiser's, not a household's."""
    joining = pairs.filter(pl.col("use") == JOIN).select("row", "key")
    village = table.applications["village_code"].gather(joining["row"])
    spread = (
        joining.with_columns(village=village)
        .group_by("key")
        .agg(wide=(pl.col("village").n_unique() > 1) | (pl.col("village") == "").any())
        .filter("wide")
    )
    return joining.join(spread, on="key", how="semi")["row"].unique()


def _facts(
    table: ApplicationTable,
    members: pl.DataFrame,
    shared: pl.DataFrame,
    flagged: Collection[int],
    spread: pl.Series,
) -> pl.DataFrame:
    """One row per cluster: cluster, organiser and the `ClusterFacts` columns; `spread` are
    the rows `_spread_rows` gives."""
    village = pl.col("village_code")
    district = (
        pl.when(pl.col("district_code") != "")
        .then(pl.col("district_code"))
        .otherwise(village.str.extract(r"^([^.]*(?:\.[^.]*){0,2})"))  # its first three parts
    )
    parties = table.parties
    relatives_rows = parties.filter(
        _each_distinct(parties["relation"], _relation_is_family, pl.Boolean)
    )["row"]
    # `party_is_organisation` of every party: its name (most distinct values) by a regular
    # expression, its relation (a few dozen distinct values) per distinct value.
    organised_rows = parties.filter(
        _ascii_by_expression(
            parties["name"],
            lambda name: name.str.to_lowercase().str.contains(_ORGANISATION_NAME),
            name_is_organisation,
            pl.Boolean,
        )
        | _each_distinct(parties["relation"], relation_is_organiser, pl.Boolean)
    )["row"]
    columns = ("id", "village_code", "district_code", "submitted_on", "destination", "purpose")
    rows = pl.concat(
        [
            members.select("cluster", "row", "organiser"),
            table.applications.select(pl.col(columns).gather(members["row"])),
        ],
        how="horizontal",
    ).with_columns(
        district=district,
        flagged=pl.col("id").is_in(pl.Series(list(flagged), dtype=pl.Int64).implode()),
        family=pl.col("row").is_in(relatives_rows.implode()),
        organised=pl.col("row").is_in(organised_rows.implode()),
        spread=pl.col("row").is_in(spread.implode()),
    )
    facts = rows.group_by("cluster").agg(
        pl.col("organiser").first(),
        size=pl.len(),
        villages=village.filter(village != "").n_unique(),
        districts=pl.col("district").filter(pl.col("district") != "").n_unique(),
        first=pl.col("submitted_on").min(),
        last=pl.col("submitted_on").max(),
        own=pl.col("flagged").sum(),
        family=pl.col("family").any(),
        organised=pl.col("organised").sum(),
        attached=(~pl.col("organised") & ~pl.col("spread")).sum(),
    )
    for column in ("destination", "purpose"):
        facts = facts.join(
            _commonest_per_cluster(rows, column), on="cluster", how="left"
        ).with_columns(pl.col(column).fill_null(""), pl.col(f"{column}_count").fill_null(0))
    facts = facts.join(
        shared.join(facts.select("cluster", "size"), on="cluster")
        .group_by("cluster")
        .agg(
            person=pl.col("kind").is_in(PERSON_KINDS).any(),
            phone=(pl.col("kind") == "phone").any(),
            one_address=((pl.col("kind") == "address") & (pl.col("count") == pl.col("size"))).any(),
        ),
        on="cluster",
    )
    # A shared last name is looked up only where it matters: one address, no relation words.
    unsure = facts.filter(pl.col("one_address") & ~pl.col("family"))["cluster"]
    names = rows.filter(pl.col("cluster").is_in(unsure.implode())).select("cluster", "row")
    names = names.with_columns(
        table.applications["applicant_name"].gather(names["row"]).alias("applicant_name")
    )
    surnames = (
        names.with_columns(last=_each_distinct(names["applicant_name"], _last_name))
        .filter(pl.col("last") != "")
        .group_by("cluster", "last")
        .len()
        .filter(pl.col("len") >= 2)["cluster"]
    )
    return facts.with_columns(
        relatives=pl.when(pl.col("one_address") & pl.col("family"))
        .then(pl.lit(RELATIVES_FAMILY_RELATION))
        .when(pl.col("one_address") & pl.col("cluster").is_in(surnames.implode()))
        .then(pl.lit(RELATIVES_SHARED_LAST_NAME))
        .otherwise(pl.lit(""))
    ).select("cluster", "organiser", *_FACT_COLUMNS)


# --- Detection ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterTable:
    """What `detect_table` found, as frames; `row` is a position in the ApplicationTable.

    - clusters: cluster, organiser (index into the registry's organisers, or null), the
      `ClusterFacts` columns, score, benign, risky; sorted by score, highest first;
    - members: cluster, row, kinds (bit i set = linked by LINK_KINDS[i]);
    - shared: cluster, kind, value, count, roles;
    - edges: the star links (src, dst rows, key) that built the components before any
      giant was broken up: the links a baseline is given.
    """

    clusters: pl.DataFrame
    members: pl.DataFrame
    shared: pl.DataFrame
    edges: pl.DataFrame
    hubs: tuple[Hub, ...]
    breakups: tuple[Breakup, ...]
    organisers: tuple[Organiser, ...]  # the registry's, as the clusters' organiser indexes

    def result(self, ids: Sequence[int]) -> DetectionResult:
        """The clusters as `Cluster` objects; `ids[row]` is the node id of each row."""
        members = (
            self.members.sort("cluster", "row")
            .group_by("cluster", maintain_order=True)
            .agg("row", "kinds")
        )
        member_rows = dict(
            zip(
                members["cluster"].to_list(),
                zip(members["row"].to_list(), members["kinds"].to_list(), strict=True),
                strict=True,
            )
        )
        shared: dict[int, list[SharedValue]] = defaultdict(list)
        for cluster, kind, value, count, roles in self.shared.select(
            "cluster", pl.col("kind").cast(pl.String), "value", "count", "roles"
        ).iter_rows():
            shared[cluster].append(SharedValue(kind, value, count, tuple(roles)))
        clusters = []
        for row in self.clusters.select("cluster", "organiser", *_FACT_COLUMNS).iter_rows():
            cluster, organiser_index, facts = row[0], row[1], ClusterFacts(*row[2:])
            organiser = None if organiser_index is None else self.organisers[organiser_index]
            rows, kinds = member_rows[cluster]
            values = sorted(
                shared[cluster],
                # Person links first (the broker), then by how many members give the value.
                key=lambda s: (s.kind not in PERSON_KINDS, -s.count, s.kind, s.value),
            )
            link_types = {
                ids[r]: tuple(k for bit, k in enumerate(LINK_KINDS) if mask >> bit & 1)
                for r, mask in zip(rows, kinds, strict=True)
            }
            clusters.append(
                Cluster(
                    members=tuple(sorted(link_types)),
                    link_types=dict(sorted(link_types.items())),
                    shared=tuple(values),
                    score=_score(facts, organiser),
                    organiser=organiser,
                    first_submitted=facts.first,
                    last_submitted=facts.last,
                    districts=facts.districts,
                )
            )
        clusters.sort(key=lambda c: (-c.score.score, c.members))
        return DetectionResult(tuple(clusters), self.hubs, self.edges.height, self.breakups)


def detect_table(
    table: ApplicationTable,
    *,
    registry: Registry | None = None,
    flagged: Collection[int] = frozenset(),
    hub_size: int = HUB_SIZE,
    giant_size: int = GIANT_SIZE,
    timings: dict[str, float] | None = None,
) -> ClusterTable:
    """All clusters of two or more applications, scored; hubs and giants reported.

    `timings`, when given, receives the seconds each step took (keys, buckets, components,
    breakup, aggregates, scores).
    """
    registry = registry or Registry()
    clock = _Stopwatch(timings)
    keys = table_keys(table)
    clock.lap("keys")
    buckets, pairs = _buckets(keys, registry, hub_size)
    del keys
    edges = _star_edges(pairs)
    clock.lap("buckets")
    labels = _labels(len(table), edges["src"].to_numpy(), edges["dst"].to_numpy())
    clock.lap("components")
    labels, cut, breakups = _break_up(labels, edges, buckets, giant_size)
    if cut:
        is_cut = pl.col("key").is_in(pl.Series(cut, dtype=pl.UInt32).implode())
        pairs = pairs.with_columns(use=pl.when(is_cut).then(pl.lit(CUT)).otherwise("use"))
    clock.lap("breakup")
    members, shared = _clusters(labels, pairs, buckets)
    shared = shared.join(buckets.select("key", "kind", "value", "roles"), on="key")
    facts = _facts(table, members, shared, flagged, _spread_rows(table, pairs))
    clock.lap("aggregates")
    clusters = _scored(facts, registry.organisers)
    hubs = [
        Hub(kind, value, size)
        for kind, value, size in buckets.filter(pl.col("use") == HUB)
        .sort("size", "kind", "value", descending=[True, False, False])
        .select(pl.col("kind").cast(pl.String), "value", "size")
        .iter_rows()
    ]
    clock.lap("scores")
    return ClusterTable(
        clusters=clusters,
        members=members.select("cluster", "row", "kinds"),
        shared=shared.select("cluster", "kind", "value", "count", "roles"),
        edges=edges,
        hubs=(*hubs, *(hub for breakup in breakups for hub in breakup.cut)),
        breakups=tuple(breakups),
        organisers=registry.organisers,
    )


def _scored(facts: pl.DataFrame, organisers: tuple[Organiser, ...]) -> pl.DataFrame:
    """The facts with score, benign and risky: one `_score` call per cluster that is not
    benign on its face (a licensed organiser's, or relatives at one address: score 0,
    benign, as `_score` gives them; nine clusters in ten at national scale)."""
    on_face = pl.col("organiser").is_not_null() | (pl.col("relatives") != "")
    others = facts.filter(~on_face)
    scores = [
        _score(ClusterFacts(*row[2:]), None if row[1] is None else organisers[row[1]])
        for row in others.select("cluster", "organiser", *_FACT_COLUMNS).iter_rows()
    ]
    scored = others.select(
        "cluster",
        score=pl.Series([s.score for s in scores], dtype=pl.Int16),
        benign=pl.Series([s.benign for s in scores], dtype=pl.Boolean),
    )
    return (
        facts.join(scored, on="cluster", how="left", maintain_order="left")
        .with_columns(pl.col("score").fill_null(0), pl.col("benign").fill_null(True))
        .with_columns(risky=~pl.col("benign") & (pl.col("score") >= RING_THRESHOLD))
        .sort("score", "cluster", descending=[True, False])
    )


class _Stopwatch:
    def __init__(self, laps: dict[str, float] | None) -> None:
        self.laps = laps
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        if self.laps is not None:
            self.laps[name] = now - self.last
        self.last = now


def detect(
    nodes: Sequence[ApplicationNode],
    *,
    registry: Registry | None = None,
    flagged: Collection[int] = frozenset(),
    hub_size: int = HUB_SIZE,
    giant_size: int = GIANT_SIZE,
) -> DetectionResult:
    """All clusters of two or more applications, scored; hubs and giants reported."""
    registry = registry or Registry()
    found = detect_table(
        ApplicationTable.of(nodes),
        registry=registry,
        flagged=flagged,
        hub_size=hub_size,
        giant_size=giant_size,
    )
    return found.result([node.id for node in nodes])
