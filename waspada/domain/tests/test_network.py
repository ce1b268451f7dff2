"""Ring detection (pure): links by kind, components, scoring, benign sharing, scale."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time

import pytest

from waspada.domain import network
from waspada.domain.evidence import Reason
from waspada.domain.network import ApplicationNode, Organiser, Party, Registry

DAY = dt.date(2026, 3, 2)


def node(i: int, **fields: object) -> ApplicationNode:
    defaults: dict[str, object] = {
        "application_no": f"A{i}",
        "applicant_name": f"Orang Nomor{i} Ke{i}",
        "phone": "",
        "address": f"Dusun Satu RT {i} RW {i}",
        "village_code": f"33.01.{i % 20 + 1:02d}.2001",
        "submitted_on": DAY + dt.timedelta(days=i % 5),
        "destination": "MY",
        "purpose": "tourism",
    }
    defaults.update(fields)
    return ApplicationNode(id=i, **defaults)  # type: ignore[arg-type]


def kinds_between(result: network.DetectionResult, a: int, b: int) -> set[str]:
    for cluster in result.clusters:
        if a in cluster.members and b in cluster.members:
            return {s.kind for s in cluster.shared}
    return set()


def test_phone_written_differently_links_as_e164() -> None:
    nodes = [
        node(1, parties=(Party("sponsor", "", "0812-3456-7890"),)),
        node(2, parties=(Party("companion", "", "+62 812 3456 7890"),)),
        node(3, phone="6281234567890"),
    ]
    result = network.detect(nodes)
    [cluster] = result.clusters
    assert cluster.members == (1, 2, 3)
    assert cluster.shared[0].value == "+6281234567890"
    assert cluster.link_types[1] == ("phone",)


@pytest.mark.parametrize("role", ["sponsor", "companion", "recruiter"])
def test_same_normalised_name_links_by_role(role: str) -> None:
    nodes = [
        node(1, parties=(Party(role, "H. Mochamad Soeparman"),)),
        node(2, parties=(Party(role, "Muhammad Suparman"),)),
    ]
    assert kinds_between(network.detect(nodes), 1, 2) == {role}


def test_relative_named_as_companion_does_not_link_strangers() -> None:
    nodes = [
        node(1, parties=(Party("companion", "Sri Zulaikha", relation="Istri"),)),
        node(2, parties=(Party("companion", "Sri Zulaikha", relation="Istri"),)),
    ]
    assert network.detect(nodes).clusters == ()


def test_address_links_on_village_and_normalised_street() -> None:
    nodes = [
        node(1, address="Jl. Melati No. 5 RT 02/RW 04", village_code="33.01.01.2001"),
        node(2, address="JALAN MELATI 5 RT 2 RW 4", village_code="33.01.01.2001"),
        node(3, address="Jl. Melati No. 5 RT 02/RW 04", village_code="33.02.01.2001"),
    ]
    result = network.detect(nodes)
    [cluster] = result.clusters
    assert cluster.members == (1, 2)
    assert cluster.link_types[1] == ("address",)


def test_employer_is_shown_inside_a_cluster_but_does_not_build_one() -> None:
    broker = (Party("sponsor", "", "081234567890"),)
    nodes = [
        node(1, employer="PT Maju Jaya Sdn Bhd", parties=broker),
        node(2, employer="Maju Jaya SDN. BHD.", parties=broker),
        node(3, employer="PT Maju Jaya Sdn Bhd"),
    ]
    result = network.detect(nodes)
    [cluster] = result.clusters
    assert cluster.members == (1, 2)
    assert cluster.link_types[1] == ("phone", "employer")


@pytest.mark.parametrize("value", ["", "-", "0", "tidak ada", "Tidak Ada", "n/a", "12345"])
def test_placeholders_and_unparseable_phones_link_nothing(value: str) -> None:
    nodes = [
        node(1, phone=value, parties=(Party("sponsor", value, value),)),
        node(2, phone=value, parties=(Party("sponsor", value, value),)),
    ]
    assert network.detect(nodes).clusters == ()


def test_mononym_sponsor_does_not_link_on_name_alone() -> None:
    nodes = [
        node(1, parties=(Party("sponsor", "Slamet"),)),
        node(2, parties=(Party("sponsor", "Slamet"),)),
    ]
    assert network.detect(nodes).clusters == ()


def test_components_join_through_chains() -> None:
    assert sorted(map(sorted, network.components(6, [(0, 1), (1, 2), (4, 5)]))) == [
        [0, 1, 2],
        [4, 5],
    ]


def test_links_from_buckets_is_a_star_not_all_pairs() -> None:
    key = network.Key("phone", "+6281234567890")
    links = network.links_from_buckets({key: list(range(100))}, list(range(100)))
    assert len(links) == 99
    assert {link.a for link in links} == {0}


def broker_ring(size: int = 6, start: int = 1) -> list[ApplicationNode]:
    return [
        node(
            start + k,
            village_code=f"33.0{k % 5 + 1}.{k + 1:02d}.2001",
            submitted_on=DAY + dt.timedelta(days=4 * k),
            destination="KH",
            parties=(Party("sponsor", "Pak Darto", "0813-1111-2222", "Teman"),),
        )
        for k in range(size)
    ]


def test_broker_ring_from_many_kecamatan_is_risky_with_evidence() -> None:
    result = network.detect(broker_ring(), flagged={1, 2})
    [cluster] = result.clusters
    assert cluster.score.risky
    assert cluster.score.score >= network.RING_THRESHOLD
    line = cluster.evidence(12)
    assert line.startswith("ring #12: 6 applicants from 6 kecamatan in 21 days share sponsor")
    assert "+6281311112222" in line


def test_own_indicators_raise_the_score() -> None:
    plain = network.detect(broker_ring(3)).clusters[0].score.score
    flagged = network.detect(broker_ring(3), flagged={1, 2, 3}).clusters[0].score.score
    assert flagged > plain


def friends_named_alike(days_apart: int) -> list[ApplicationNode]:
    """Strangers across kecamatan who each name a friend "Putri Handayani" as sponsor."""
    return [
        node(
            k,
            village_code=f"33.0{k % 5 + 1}.{k + 1:02d}.2001",
            submitted_on=DAY + dt.timedelta(days=days_apart * k),
            destination="KH",
            parties=(Party("sponsor", "Putri Handayani", "", "Teman"),),
        )
        for k in range(1, 11)
    ]


def test_a_common_name_without_a_phone_spread_over_months_is_not_a_ring() -> None:
    [cluster] = network.detect(friends_named_alike(days_apart=30)).clusters
    assert not cluster.score.risky
    assert Reason.of("halved_name_only", days=60) in cluster.score.reasons


def test_a_name_shared_within_weeks_is_still_a_ring() -> None:
    [cluster] = network.detect(friends_named_alike(days_apart=3)).clusters
    assert cluster.score.risky
    assert all(reason.code != "halved_name_only" for reason in cluster.score.reasons)


def test_namesakes_with_different_phones_do_not_chain_their_groups() -> None:
    """Two tour leaders and a broker all called "Hendra Wijaya", each giving his own phone:
    the name would fuse both tour groups with the ring into one cluster of 30, where the
    ring is a fifth and the tourists are no longer 80 % of it."""

    def led_by(ids: range, phone: str, relation: str, destination: str) -> list[ApplicationNode]:
        return [
            node(
                i,
                village_code=f"33.{i % 9 + 1:02d}.{i % 17 + 1:02d}.2001",
                destination=destination,
                parties=(Party("companion", "Hendra Wijaya", phone, relation),),
            )
            for i in ids
        ]

    tour_a = led_by(range(1, 13), "0812-1000-2000", "Tour Leader", "KR")
    tour_b = led_by(range(13, 25), "0812-3000-4000", "Tour Leader", "JP")
    ring = led_by(range(25, 31), "0813-5555-6666", "Teman", "KH")
    result = network.detect(tour_a + tour_b + ring)
    by_members = {cluster.members: cluster for cluster in result.clusters}
    assert sorted(by_members) == [
        tuple(range(1, 13)),
        tuple(range(13, 25)),
        tuple(range(25, 31)),
    ]
    assert by_members[tuple(range(25, 31))].score.risky
    for group in (tuple(range(1, 13)), tuple(range(13, 25))):
        assert by_members[group].score.reasons[0].code == "organiser_led_group"
    # Inside each cluster the name is still shown as what its members share.
    assert any(s.kind == "companion" for s in by_members[tuple(range(25, 31))].shared)


def test_a_name_given_with_one_phone_or_none_still_links() -> None:
    nodes = [
        node(1, parties=(Party("sponsor", "Hendra Wijaya", "0813-5555-6666", "Teman"),)),
        node(2, parties=(Party("sponsor", "Hendra Wijaya", "+62 813 5555 6666", "Teman"),)),
        node(3, parties=(Party("sponsor", "Hendra Wijaya", "", "Teman"),)),
    ]
    [cluster] = network.detect(nodes).clusters
    assert cluster.members == (1, 2, 3)


def test_two_strangers_sharing_a_phone_are_not_a_risky_ring() -> None:
    nodes = [
        node(1, phone="081299998888"),
        node(2, parties=(Party("sponsor", "", "081299998888"),)),
    ]
    [cluster] = network.detect(nodes).clusters
    assert not cluster.score.risky


def test_family_at_one_address_is_benign() -> None:
    address = {"address": "Dusun Kauman RT 07/RW 02", "village_code": "33.01.06.2002"}
    nodes = [
        node(1, applicant_name="Sugeng Wicaksono", phone="085331523834", **address),
        node(
            2,
            applicant_name="Wiwik",
            parties=(Party("companion", "Sugeng Wicaksono", "085331523834", "Suami"),),
            **address,
        ),
        node(
            3,
            applicant_name="Wahyu",
            phone="085331523834",
            parties=(Party("companion", "Sugeng Wicaksono", "085331523834", "Ayah"),),
            **address,
        ),
    ]
    [cluster] = network.detect(nodes).clusters
    assert cluster.score.benign and not cluster.score.risky
    assert cluster.score.reasons == (
        Reason.of("relatives_at_address", basis="family_relation", count=3),
    )


def test_licensed_ppiu_office_phone_is_benign_and_joins_nothing() -> None:
    registry = Registry.of(
        [Organiser("ppiu", "PT Safa Marwa Mulia Tour", "U.203/2019", ("+62282534216",))]
    )
    customers = [
        node(
            i,
            village_code=f"33.0{i % 5 + 1}.{i:02d}.2001",
            destination="SA",
            purpose="umrah",
            parties=(Party("sponsor", "PT Safa Marwa Mulia Tour", "0282-534216", "Biro"),),
        )
        for i in range(1, 9)
    ]
    result = network.detect(customers, registry=registry)
    [cluster] = result.clusters
    assert cluster.organiser is not None
    assert cluster.score.benign and cluster.score.score == 0
    assert cluster.score.reasons == (
        Reason.of("licensed_organiser", kind="ppiu", name="PT Safa Marwa Mulia Tour", count=8),
    )


def umrah_group(size: int, flagged: int = 0) -> tuple[list[ApplicationNode], set[int]]:
    """Pilgrims of one travel organiser that the office's registry does not know."""
    members = [
        node(
            i,
            village_code=f"33.0{i % 5 + 1}.{i % 20 + 1:02d}.2001",
            destination="SA",
            purpose="umrah",
            parties=(Party("sponsor", "PT Barokah Nur Tour & Travel", "0281-633120", "PPIU"),),
        )
        for i in range(1, size + 1)
    ]
    return members, set(range(1, flagged + 1))


def test_a_group_led_by_an_unregistered_organiser_is_not_a_ring() -> None:
    members, flagged = umrah_group(24)
    [cluster] = network.detect(members, flagged=flagged).clusters
    assert not cluster.score.risky and not cluster.score.benign
    assert cluster.score.reasons == (Reason.of("organiser_led_group", count=24, clean=24),)


def test_a_tour_leader_named_as_companion_leads_a_group() -> None:
    members = [
        node(
            i,
            destination="KR",
            parties=(Party("companion", "Budi Santoso", "0812-7788-9900", "Tour Leader"),),
        )
        for i in range(1, 16)
    ]
    [cluster] = network.detect(members).clusters
    assert not cluster.score.risky


def test_an_organised_group_whose_members_have_their_own_indicators_is_scored() -> None:
    members, flagged = umrah_group(12, flagged=8)
    [cluster] = network.detect(members, flagged=flagged).clusters
    assert cluster.score.risky


def pilgrims_with_households(
    bring_along: list[ApplicationNode],
) -> tuple[list[ApplicationNode], network.Cluster]:
    """Twenty pilgrims of an unregistered PPIU; member 1 shares his phone with three
    relatives of his village, member 2 his address with three neighbours; and whoever
    else is brought along through member 3's address."""
    members, _ = umrah_group(20)
    members[0] = dataclasses.replace(members[0], phone="0812-4455-6677")
    first, second, third = members[0], members[1], members[2]
    relatives = [
        node(i, phone="+62 812 4455 6677", village_code=first.village_code) for i in range(101, 104)
    ]
    neighbours = [
        node(i, address=second.address, village_code=second.village_code) for i in range(104, 107)
    ]
    brought = [
        dataclasses.replace(n, address=third.address, village_code=third.village_code)
        if k == 0
        else n
        for k, n in enumerate(bring_along)
    ]
    nodes = members + relatives + neighbours + brought
    [cluster] = network.detect(nodes).clusters
    return nodes, cluster


def test_relatives_and_neighbours_of_members_do_not_make_an_organised_group_a_ring() -> None:
    # Counted in, the six would leave the pilgrims 20 of 26 (77 %), short of the 80 %.
    nodes, cluster = pilgrims_with_households([])
    assert cluster.size == 26
    assert cluster.score.reasons == (Reason.of("organiser_led_group", count=26, clean=26),)
    # The score of the nodes alone agrees with the one from the columns.
    assert network.score_cluster(nodes, cluster.shared) == cluster.score


def test_a_ring_tied_to_an_organised_group_by_an_address_is_still_scored() -> None:
    # The broker's customers live in six kecamatan: his phone is nobody's household.
    nodes, cluster = pilgrims_with_households(broker_ring(6, start=201))
    assert cluster.size == 32
    assert cluster.score.risky
    assert network.score_cluster(nodes, cluster.shared) == cluster.score


def test_a_person_as_the_hub_is_still_a_ring() -> None:
    [cluster] = network.detect(broker_ring(6)).clusters
    assert cluster.score.risky
    assert network.party_is_organisation("Pak Darto", "Teman") is False
    assert network.party_is_organisation("Pak Darto", "agen") is False
    assert network.party_is_organisation("PT Sinar Jaya", "sponsor") is True


def test_unlisted_hub_is_reported_not_clustered() -> None:
    nodes = [node(i, parties=(Party("sponsor", "", "081277776666"),)) for i in range(1, 31)]
    result = network.detect(nodes, hub_size=20)
    assert result.clusters == ()
    assert result.hubs == (network.Hub("phone", "+6281277776666", 30),)


def test_fifty_thousand_nodes_detect_quickly() -> None:
    nodes = []
    for i in range(50_000):
        parties = (Party("sponsor", "", f"0812{i // 5:08d}"),) if i % 100 < 10 else ()
        nodes.append(
            ApplicationNode(
                id=i,
                applicant_name=f"Nama{i} Orang",
                phone=f"0857{i:08d}",
                address=f"Dusun {i} RT 1 RW 2",
                village_code="33.01.01.2001",
                submitted_on=DAY,
                destination="MY",
                purpose="tourism",
                parties=parties,
            )
        )
    start = time.perf_counter()
    result = network.detect(nodes)
    assert time.perf_counter() - start < 10
    assert len(result.clusters) == 1000  # 10 of every 100 share a sponsor phone in fives
    assert {c.size for c in result.clusters} == {5}


def test_the_organiser_of_a_group_is_the_organisation_its_members_name_most() -> None:
    members, _flagged = umrah_group(6)
    members.append(
        node(99, parties=(Party("companion", "Ustadz Ahmad Fauzi", "", "pembimbing ibadah"),))
    )
    [cluster] = network.detect(members).clusters
    assert network.is_organiser_led(cluster)
    found = network.group_organiser(members, Registry())
    assert found is not None
    assert found.name == "PT Barokah Nur Tour & Travel"
    assert found.members == tuple(range(1, 7))
    assert found.key == network.name_key("PT. BAROKAH NUR TOUR & TRAVEL")


def test_a_group_whose_organiser_is_registered_or_a_single_word_has_none_to_verify() -> None:
    members, _flagged = umrah_group(4)
    registry = Registry.of([Organiser("ppiu", "PT Barokah Nur Tour & Travel", "U.1/2020")])
    assert network.group_organiser(members, registry) is None
    lone = [node(i, parties=(Party("sponsor", "Travel", "", "biro"),)) for i in range(3)]
    assert network.group_organiser(lone, Registry()) is None
    people = [
        node(i, parties=(Party("sponsor", "Pak Darto Wiyono", "", "teman"),)) for i in range(3)
    ]
    assert network.group_organiser(people, Registry()) is None


def test_licence_numbers_compare_without_case_or_punctuation() -> None:
    assert network.licence_key("KEP.123/SIP3MI/2024") == network.licence_key("kep 123 sip3mi 2024")
    assert network.licence_key("-") is None
