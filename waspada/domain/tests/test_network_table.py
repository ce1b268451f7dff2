"""The vectorised pass: columns give the same keys and scores as single nodes; giant
clusters chained through weak links are broken up and what was cut is reported."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import polars as pl
from hypothesis import example, given, settings
from hypothesis import strategies as st

from waspada.domain import network
from waspada.domain.network import ApplicationNode, Organiser, Party, Registry

DAY = dt.date(2026, 3, 2)


def applicant(i: int, **fields: object) -> ApplicationNode:
    defaults: dict[str, object] = {
        "application_no": f"A{i}",
        "applicant_name": f"Orang Nomor{i} Ke{i}",
        "phone": "",
        "address": f"Dusun Satu RT {i} RW {i}",
        "village_code": f"33.0{i % 5 + 1}.{i % 20 + 1:02d}.2001",
        "submitted_on": DAY + dt.timedelta(days=i % 20),
        "destination": "MY",
        "purpose": "tourism",
    }
    defaults.update(fields)
    return ApplicationNode(id=i, **defaults)  # type: ignore[arg-type]


def ring(first: int, size: int, phone: str, **fields: object) -> list[ApplicationNode]:
    """Applicants giving one broker phone as their sponsor's."""
    sponsor = (Party("sponsor", "", phone, "Teman"),)
    return [applicant(i, parties=sponsor, **fields) for i in range(first, first + size)]


MIXED = [
    applicant(1, phone="0812-3456-7890", employer="PT Maju Jaya Sdn Bhd"),
    applicant(2, phone="+62 812 3456 7890", employer="Maju Jaya SDN. BHD."),
    applicant(
        3,
        phone="tidak ada",
        address="-",
        parties=(
            Party("sponsor", "H. Mochamad Soeparman", "n/a", "Teman"),
            Party("companion", "Sri Zulaikha", "6281234567890", "Istri"),
            Party("recruiter", "PT Tenaga Maju", license_no="KEP.12/PPTKIS/2020"),
        ),
    ),
    applicant(
        4,
        address="Jl. Melati No. 5 RT 02/RW 04",
        village_code="33.01.01.2001",
        parties=(
            Party("sponsor", "Muhammad Suparman", "12345", "Kenalan"),
            Party("recruiter", "PT Tenaga Maju"),
            Party("guarantor", "Budi Santoso", "081355556666"),
        ),
    ),
    applicant(5, address="JALAN MELATI 5 RT 2 RW 4", village_code="33.01.01.2001"),
    applicant(6, parties=(Party("companion", "Slamet", "0282-534216", "Biro"),)),
    applicant(7, phone="0282 534216", destination="SA", purpose="umrah"),
    applicant(8, employer="-", parties=(Party("recruiter", "", license_no="kep 12 pptkis 2020"),)),
]
PPIU = Organiser("ppiu", "PT Safa Marwa Mulia Tour", "U.203/2019", ("0282534216",))
REGISTRY = Registry.of([PPIU])


def test_the_columns_give_every_node_its_node_keys() -> None:
    keys = network.table_keys(network.ApplicationTable.of(MIXED))
    by_row: dict[int, set[tuple[str, str, str, bool]]] = defaultdict(set)
    for row, kind, value, role, joins in keys.select(
        "row", pl.col("kind").cast(pl.String), "value", pl.col("role").cast(pl.String), "joins"
    ).iter_rows():
        by_row[row].add((kind, value, role, joins))
    for row, node in enumerate(MIXED):
        expected = {(k.kind, k.value, role, joins) for k, role, joins in network.node_keys(node)}
        assert by_row[row] == expected, node.application_no
    assert ("phone", "+6281234567890", "applicant", True) in by_row[0]
    assert ("address", "33.01.01.2001 jalan melati 5 rt 2 rw 4", "applicant", True) in by_row[4]


def test_scores_from_columns_are_the_scores_of_the_nodes() -> None:
    home = {"address": "Dusun Kauman RT 07/RW 02", "village_code": "33.01.06.2002"}
    family = [
        applicant(40, applicant_name="Sugeng Wicaksono", **home),
        applicant(41, parties=(Party("companion", "Sugeng Wicaksono", "", "Suami"),), **home),
    ]
    nodes = [
        *MIXED,
        *family,
        *ring(20, 6, "0813-1111-2222", destination="KH"),
        *ring(30, 3, "0813-3333-4444"),
    ]
    flagged = {20, 21, 30}
    result = network.detect(nodes, registry=REGISTRY, flagged=flagged)
    by_id = {node.id: node for node in nodes}
    assert sorted(c.members for c in result.clusters) == [
        (1, 2, 3, 4, 5),  # phone, sponsor name, address
        (6, 7),  # the PPIU's office phone
        (20, 21, 22, 23, 24, 25),
        (30, 31, 32),
        (40, 41),
    ]
    for cluster in result.clusters:
        members = [by_id[i] for i in cluster.members]
        expected = network.score_cluster(
            members, cluster.shared, flagged=flagged, organiser=cluster.organiser
        )
        assert cluster.score == expected, cluster.members
    assert result.clusters[0].members == (20, 21, 22, 23, 24, 25)
    assert result.clusters[0].score.risky
    by_members = {c.members: c for c in result.clusters}
    assert by_members[(6, 7)].organiser == PPIU
    assert by_members[(40, 41)].score.reasons[0].code == "relatives_at_address"


def test_detect_table_gives_frames_and_the_time_of_each_step() -> None:
    timings: dict[str, float] = {}
    table = network.ApplicationTable.of(ring(1, 6, "0813-1111-2222", destination="KH"))
    found = network.detect_table(table, timings=timings)
    assert set(timings) == {"keys", "buckets", "components", "breakup", "aggregates", "scores"}
    [cluster] = found.clusters.iter_rows(named=True)
    assert cluster["size"] == 6 and cluster["districts"] == 6 and cluster["risky"]
    assert found.members["row"].sort().to_list() == [0, 1, 2, 3, 4, 5]
    assert set(found.members["kinds"].to_list()) == {1}  # bit 0: phone
    assert found.edges.height == 5  # a star, never all pairs


NAME_WORDS = ("PT", "pt.", "Tour", "Sapta", "Ümrah", "travel", "Biro", "İnc", "co", "Budi", "ltd")
RELATIONS = ("Teman", "Tour Leader", "tour-leader", "PPIU", "", "Paman", "Pembimbing  Ibadah")
written_names = st.lists(st.sampled_from(NAME_WORDS), max_size=4).flatmap(
    lambda words: st.lists(
        st.sampled_from((" ", ".", "-", "&", "_", "", ", ")),
        min_size=len(words),
        max_size=len(words),
    ).map(lambda seps: "".join(w + sep for w, sep in zip(words, seps, strict=True)))
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(written_names, st.sampled_from(RELATIONS)), min_size=2, max_size=6))
@example([("Sapta Budi", "Teman"), ("PT_Sapta", "")])  # "pt" inside a word is no company
@example([("İnc Budi", "Teman"), ("Budi Ümrah-travel", "Paman")])  # Unicode, Python's rules
def test_members_naming_an_organisation_are_counted_in_columns_as_in_nodes(
    parties: list[tuple[str, str]],
) -> None:
    nodes = [
        applicant(i, parties=(Party("sponsor", name, "0813-1111-2222", relation),))
        for i, (name, relation) in enumerate(parties)
    ]
    found = network.detect_table(network.ApplicationTable.of(nodes))
    [organised] = found.clusters["organised"].to_list()
    assert organised == sum(
        network.party_is_organisation(name, relation) for name, relation in parties
    )


# --- Giant clusters -----------------------------------------------------------------------------


def joining_buckets(nodes: list[ApplicationNode]) -> dict[network.Key, list[int]]:
    buckets: dict[network.Key, list[int]] = defaultdict(list)
    for index, node in enumerate(nodes):
        for key in {key for key, _, joins in network.node_keys(node) if joins}:
            buckets[key].append(index)
    return buckets


def largest_component(nodes: list[ApplicationNode], keys: list[network.Key]) -> int:
    buckets = joining_buckets(nodes)
    pairs = [(buckets[k][0], other) for k in keys for other in buckets[k][1:]]
    return max((len(c) for c in network.components(len(nodes), pairs)), default=1)


def test_a_giant_chained_through_one_address_is_cut_at_the_address() -> None:
    street = {"address": "Dusun Krajan RT 03/RW 02", "village_code": "33.01.01.2001"}
    first = ring(1, 25, "0813-1111-2222", destination="KH")
    second = ring(101, 25, "0857-3333-4444", destination="KH")
    first[0] = applicant(1, parties=first[0].parties, destination="KH", **street)
    second[0] = applicant(101, parties=second[0].parties, destination="KH", **street)
    result = network.detect(first + second, giant_size=30)
    [breakup] = result.breakups
    cut = network.Hub("address", "33.01.01.2001 dusun krajan rt 3 rw 2", 2, cut_from=50)
    assert breakup == network.Breakup(50, (25, 25), (cut,))
    assert cut in result.hubs
    assert "cut from a chained cluster of 50" in cut.describe()
    assert [c.size for c in result.clusters] == [25, 25]
    assert all(c.score.risky for c in result.clusters)


def test_a_giant_loses_a_shared_name_before_any_phone() -> None:
    first = ring(1, 20, "0813-1111-2222")
    second = ring(101, 20, "0857-3333-4444")
    bridge = Party("companion", "Bambang Sutrisno", relation="Kenalan")
    first[0] = applicant(1, parties=(*first[0].parties, bridge))
    second[0] = applicant(101, parties=(*second[0].parties, bridge))
    result = network.detect(first + second, giant_size=30)
    [breakup] = result.breakups
    assert [(h.kind, h.value) for h in breakup.cut] == [("companion", "bambang sutrisno")]
    assert breakup.parts == (20, 20)


def test_a_phone_chain_is_cut_where_it_must_and_nothing_more() -> None:
    # Three unlisted agents' phones of 22 customers each; rows 21 and 42 give two of them.
    agents = {"0813-1111-2222": (0, 21), "0857-3333-4444": (21, 42), "0878-5555-6666": (42, 63)}
    nodes = [
        applicant(
            i,
            parties=tuple(
                Party("sponsor", "", phone) for phone, (lo, hi) in agents.items() if lo <= i <= hi
            ),
        )
        for i in range(64)
    ]
    giant = 30
    result = network.detect(nodes, giant_size=giant)
    [breakup] = result.breakups
    assert breakup.size == 64
    assert max(breakup.parts) <= giant
    cut = {network.Key(h.kind, h.value) for h in breakup.cut}
    kept = [key for key, members in joining_buckets(nodes).items() if key not in cut]
    assert largest_component(nodes, kept) <= giant
    for key in cut:  # each value cut was needed: putting it back makes a giant again
        assert largest_component(nodes, [*kept, key]) > giant
    assert len(cut) == 1
    assert sum(c.size for c in result.clusters) == sum(breakup.parts)


def test_clusters_under_the_limit_are_not_touched() -> None:
    result = network.detect(ring(1, 30, "0813-1111-2222"), giant_size=30)
    assert result.breakups == () and result.hubs == ()
    assert [c.size for c in result.clusters] == [30]


PHONES = (
    "0812-3456-7890",
    "+62 812 3456 7890",
    "6281234567890",
    "(0812) 3456 7890",
    "08991234567",
    "0800 1234 5678",
    "081234",
    "0812345678901234",
    "0282 534216",
    "+62 282-534216",
    "+60123456789",
    "+966 50 123 4567",
    "tidak ada",
    "N/A",
    "-",
    "0",
    "",
    "12345",
)


def test_phones_in_columns_normalise_as_phone_key() -> None:
    nodes = [applicant(i, phone=phone) for i, phone in enumerate(PHONES)]
    keys = network.table_keys(network.ApplicationTable.of(nodes)).filter(kind="phone")
    found = dict(zip(keys["row"].to_list(), keys["value"].to_list(), strict=True))
    assert {PHONES[row]: value for row, value in found.items()} == {
        phone: network.phone_key(phone) for phone in PHONES if network.phone_key(phone)
    }
    assert found[0] == found[1] == found[2] == found[3] == "+6281234567890"
