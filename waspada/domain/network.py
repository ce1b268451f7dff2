"""Recruitment rings: links between applications, their clusters and a ring score (D18).

Pure Python, no Django: dataclasses in (`ApplicationNode`, `Registry`), dataclasses out
(`Link`, `Cluster`, `RingScore`, `Hub`).

How links are found without comparing every pair
-----------------------------------------------
Every application gives a few *keys* (`node_keys`): each phone on it in E.164 (applicant,
sponsor, companion), the normalised name of its sponsor, companion and recruiter, the
recruiter's licence number, its address (village code + normalised street part) and its
employer. Applications are put into buckets by key (one dict), so the cost is linear in
the number of keys. A bucket of k members gives k - 1 links (a star from its first member),
enough for the components; the evidence counts the bucket's members, not the links.

- Values that link nothing: empty values and placeholders ("-", "0", "tidak ada", ...),
  phones that cannot be parsed (kept as written by the caller, never linked on), and names
  with a single word (a mononym sponsor "Slamet" is shared by strangers; such a broker is
  still linked through his phone).
- Names are compared by their exact normalised key (`names.normalize_name(...).key`:
  titles dropped, old spelling and Muhammad/Siti variants folded). Matcher merges of
  near-spellings are not attempted here: a broker whose name is written differently is
  linked by his phone, which rings in the demo data always share.
- A licensed organiser (`Registry`: office phones, names, licence numbers of PPIU, PIHK
  and P3MI) is an expected shared value: its buckets do not join components (that would
  fuse all its customers with any ring one of them touches); each such bucket of two or
  more is reported as its own benign cluster ("benign: licensed PPIU ...").
- A bucket larger than `HUB_SIZE` that no registry explains (a call-centre number, a
  placeholder nobody listed, a big employer) is a *hub*: it does not join components and is
  reported (`Hub`) for someone to look at or add to the registry; it is never scored as a
  ring, and never silently benign.

Components use a union-find over array indices (path halving, union by size).

Scoring (`score_cluster`, 0-100; `RING_THRESHOLD` = risky ring)
-------------------------------------------------------------
size up to 30 (3 applicants 15, 6 or more 30); spread over kecamatan up to 25 (3 or more
distinct kecamatan for the full points) and 5 for more than one village; time span 15
within 30 days, 10 within 60, 5 within 120; the same destination for 80 % of the members
10, the same purpose 5; share of members with their own strong indicators up to 15.
Without a shared person (phone, sponsor, companion, recruiter: only an address or an
employer) the score is halved. Benign, and scored 0 with a "benign: ..." reason: all
members at one address with family relation words (istri, suami, anak, ayah, ibu, ...) or
a shared last name; a licensed organiser as the shared party.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from waspada.domain.names import normalize_name
from waspada.domain.phones import normalize_phone

__all__ = [
    "HUB_SIZE",
    "LINK_KINDS",
    "RING_THRESHOLD",
    "ApplicationNode",
    "Cluster",
    "DetectionResult",
    "Hub",
    "Key",
    "Link",
    "Organiser",
    "Party",
    "Registry",
    "RingScore",
    "SharedValue",
    "UnionFind",
    "address_key",
    "components",
    "detect",
    "employer_key",
    "links_from_buckets",
    "name_key",
    "node_keys",
    "phone_key",
    "score_cluster",
]

LINK_KINDS = ("phone", "sponsor", "companion", "recruiter", "address", "employer")
PERSON_KINDS = frozenset({"phone", "sponsor", "companion", "recruiter"})
RING_THRESHOLD = 60
HUB_SIZE = 200

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
                for kind in ("sponsor", "companion", "recruiter"):
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
    reasons: tuple[str, ...]
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
    kind: str
    value: str
    size: int


@dataclass(frozen=True)
class DetectionResult:
    clusters: tuple[Cluster, ...]
    hubs: tuple[Hub, ...]
    links: int


# --- Keys ---------------------------------------------------------------------------------------

_NON_DIGIT = re.compile(r"[^\d+]")
_ID_MOBILE = re.compile(r"^(?:\+62|62|0)(8[1-9]\d{7,10})$")


_NON_WORD = re.compile(r"[^\w]+")


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
    return re.sub(r"[^a-z0-9]", "", raw.lower()) or None


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


def address_key(village_code: str, address: str) -> str | None:
    """Village code + the street part, lowercase, abbreviations expanded, RT/RW numbers bare."""
    if not village_code or not address or _is_placeholder(address):
        return None
    words = _NON_ALNUM.sub(" ", address.lower()).split()
    out: list[str] = []
    for word in words:
        word = _STREET_WORDS.get(word, word)
        if word.isdigit():
            word = str(int(word))
        if word:
            out.append(word)
    if not out:
        return None
    return f"{village_code} {' '.join(out)}"


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_COMPANY_WORDS = frozenset(
    {"pt", "cv", "tbk", "ltd", "co", "inc", "sdn", "bhd", "pte", "llc", "company", "the"}
)


def employer_key(raw: str) -> str | None:
    if not raw or _is_placeholder(raw):
        return None
    words = [w for w in re.sub(r"[^a-z0-9]+", " ", raw.lower()).split() if w not in _COMPANY_WORDS]
    return " ".join(words) or None


def node_keys(node: ApplicationNode) -> list[tuple[Key, str, bool]]:
    """The keys an application gives: (key, role that gave it, whether it joins clusters).

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
        # A relative named as sponsor or companion (istri, ayah...) is no broker: two
        # applications naming a "Sri Zulaikha" as wife are strangers sharing a common name.
        if party.role in ("sponsor", "companion", "recruiter") and not _relation_is_family(
            party.relation
        ):
            name = name_key(party.name)
            if name:
                joins = party.role != "recruiter" or not _licence_key(party.license_no)
                keys.append((Key(party.role, name), party.role, joins))
        if party.role == "recruiter":
            licence = _licence_key(party.license_no)
            if licence:
                keys.append((Key("recruiter", "licence:" + licence), "recruiter", False))
    address = address_key(node.village_code, node.address)
    if address:
        keys.append((Key("address", address), "applicant", True))
    employer = employer_key(node.employer)
    if employer:
        keys.append((Key("employer", employer), "applicant", False))
    return keys


# --- Components ---------------------------------------------------------------------------------


class UnionFind:
    """Disjoint sets over 0..n-1 (path halving, union by size)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def components(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components (of two or more) of the graph on 0..n-1 given by index pairs."""
    uf = UnionFind(n)
    for a, b in pairs:
        uf.union(a, b)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        if uf.size[uf.find(i)] > 1:
            groups[uf.find(i)].append(i)
    return list(groups.values())


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


# --- Scoring ------------------------------------------------------------------------------------


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


def _last_name(name: str) -> str:
    tokens = normalize_name(name).tokens
    return tokens[-1] if len(tokens) >= 2 else ""


def score_cluster(
    nodes: Sequence[ApplicationNode],
    shared: Sequence[SharedValue],
    *,
    flagged: Collection[int] = frozenset(),
    organiser: Organiser | None = None,
) -> RingScore:
    """The ring score of a cluster of applications (see the module docstring)."""
    n = len(nodes)
    if organiser is not None:
        return RingScore(
            0,
            (f"benign: licensed {organiser.kind.upper()} {organiser.name} shared by {n}",),
            benign=True,
        )
    kinds = {s.kind for s in shared}
    addresses = [s for s in shared if s.kind == "address" and s.count == n]
    if addresses and n >= 2:
        family_words = any(_relation_is_family(p.relation) for node in nodes for p in node.parties)
        surnames = Counter(_last_name(node.applicant_name) for node in nodes)
        surnames.pop("", None)
        shared_surname = bool(surnames) and surnames.most_common(1)[0][1] >= 2
        if family_words or shared_surname:
            why = "family relation" if family_words else "shared last name"
            return RingScore(
                0, (f"benign: relatives at one address ({why}), {n} applicants",), benign=True
            )

    reasons: list[str] = []
    size_points = min(30.0, 15.0 * math.log2(n / 1.5)) if n >= 2 else 0.0
    reasons.append(f"{n} applicants")
    districts = {node.district for node in nodes if node.district}
    villages = {node.village_code for node in nodes if node.village_code}
    spread = 25.0 * min(1.0, (len(districts) - 1) / 3) if districts else 0.0
    if len(villages) > 1:
        spread += 5
    reasons.append(f"{len(villages)} villages in {len(districts)} kecamatan")
    dates = [node.submitted_on for node in nodes if node.submitted_on]
    span_points = 0.0
    if dates:
        span = (max(dates) - min(dates)).days
        span_points = 15 if span <= 30 else 10 if span <= 60 else 5 if span <= 120 else 0
        reasons.append(f"within {span + 1} days")
    common: list[str] = []
    shared_points = 0.0
    destination, count = Counter(node.destination for node in nodes).most_common(1)[0]
    if destination and count >= 0.8 * n:
        shared_points += 10
        common.append(f"destination {destination}")
    purpose, count = Counter(node.purpose for node in nodes).most_common(1)[0]
    if purpose and count >= 0.8 * n:
        shared_points += 5
        common.append(f"purpose {purpose}")
    if common:
        reasons.append("same " + " and ".join(common))
    own = sum(1 for node in nodes if node.id in flagged)
    own_points = 15.0 * own / n
    if own:
        reasons.append(f"{own} with their own indicators")
    total = size_points + spread + span_points + shared_points + own_points
    if not kinds & PERSON_KINDS:
        total /= 2
        reasons.append("no shared person (address or employer only): halved")
    return RingScore(round(min(100.0, total)), tuple(reasons))


# --- Detection ----------------------------------------------------------------------------------


def detect(
    nodes: Sequence[ApplicationNode],
    *,
    registry: Registry | None = None,
    flagged: Collection[int] = frozenset(),
    hub_size: int = HUB_SIZE,
) -> DetectionResult:
    """All clusters of two or more applications, scored; hubs reported, not clustered."""
    registry = registry or Registry()
    buckets: dict[Key, list[int]] = defaultdict(list)
    roles: dict[Key, set[str]] = defaultdict(set)
    joining_keys: set[Key] = set()
    for index, node in enumerate(nodes):
        seen: set[Key] = set()
        for key, role, joins in node_keys(node):
            roles[key].add(role)
            if joins:
                joining_keys.add(key)
            if key not in seen:
                seen.add(key)
                buckets[key].append(index)

    uf = UnionFind(len(nodes))
    hubs: list[Hub] = []
    # One benign cluster per organiser, whichever of its phones or names the members gave.
    organiser_buckets: dict[Organiser, list[tuple[Key, list[int]]]] = defaultdict(list)
    joining: list[tuple[Key, list[int]]] = []
    annotating: list[tuple[Key, list[int]]] = []
    links = 0
    for key, members in buckets.items():
        if len(members) < 2:
            continue
        if key not in joining_keys:
            annotating.append((key, members))
            continue
        org = registry.organiser_for(key)
        if org is not None:
            organiser_buckets[org].append((key, members))
            continue
        if len(members) > hub_size:
            hubs.append(Hub(key.kind, key.value, len(members)))
            continue
        joining.append((key, members))
        first = members[0]
        for other in members[1:]:
            uf.union(first, other)
            links += 1

    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(nodes)):
        root = uf.find(index)
        if uf.size[root] > 1:
            groups[root].append(index)
    group_keys: dict[int, list[tuple[Key, list[int]]]] = defaultdict(list)
    for key, members in joining:
        group_keys[uf.find(members[0])].append((key, members))
    for key, members in annotating:
        # An organisational value shared inside a cluster: keep the members it has there.
        by_root: dict[int, list[int]] = defaultdict(list)
        for i in members:
            if uf.size[uf.find(i)] > 1:
                by_root[uf.find(i)].append(i)
        for root, inside in by_root.items():
            if len(inside) >= 2:
                group_keys[root].append((key, inside))

    clusters: list[Cluster] = []
    for root, members in groups.items():
        clusters.append(_cluster(nodes, members, group_keys[root], roles, flagged, None))
    for org, org_keys in organiser_buckets.items():
        members = sorted({i for _, bucket in org_keys for i in bucket})
        clusters.append(_cluster(nodes, members, org_keys, roles, flagged, org))
    clusters.sort(key=lambda c: (-c.score.score, c.members))
    hubs.sort(key=lambda h: -h.size)
    return DetectionResult(tuple(clusters), tuple(hubs), links)


def _cluster(
    nodes: Sequence[ApplicationNode],
    members: list[int],
    keys: list[tuple[Key, list[int]]],
    roles: dict[Key, set[str]],
    flagged: Collection[int],
    organiser: Organiser | None,
) -> Cluster:
    member_nodes = [nodes[i] for i in members]
    link_types: dict[int, set[str]] = defaultdict(set)
    shared: list[SharedValue] = []
    for key, bucket in keys:
        shared.append(SharedValue(key.kind, key.value, len(bucket), tuple(sorted(roles[key]))))
        for i in bucket:
            link_types[nodes[i].id].add(key.kind)
    # Person links first (the broker), then by how many members give the value.
    shared.sort(key=lambda s: (s.kind not in PERSON_KINDS, -s.count, s.kind, s.value))
    score = score_cluster(member_nodes, shared, flagged=flagged, organiser=organiser)
    dates = [node.submitted_on for node in member_nodes if node.submitted_on]
    return Cluster(
        members=tuple(sorted(node.id for node in member_nodes)),
        link_types={
            node_id: tuple(k for k in LINK_KINDS if k in kinds)
            for node_id, kinds in sorted(link_types.items())
        },
        shared=tuple(shared),
        score=score,
        organiser=organiser,
        first_submitted=min(dates) if dates else None,
        last_submitted=max(dates) if dates else None,
        districts=len({node.district for node in member_nodes if node.district}),
    )
