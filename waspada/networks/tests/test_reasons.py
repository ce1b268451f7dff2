"""Every reason the ring score gives is rendered in the office's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from waspada.domain import network
from waspada.networks.reasons import known, reason_text


def node(number: int, **extra: object) -> network.ApplicationNode:
    values: dict[str, object] = {
        "id": number,
        "applicant_name": f"Orang{number} Lain{number}",
        "phone": f"+6285700000{number:03d}",
        "village_code": f"33.0{number % 5 + 1}.01.2001",
        "submitted_on": dt.date(2026, 3, 1) + dt.timedelta(days=number),
        "destination": "KH",
        "purpose": "work",
        **extra,
    }
    return network.ApplicationNode(**values)  # type: ignore[arg-type]


def all_reasons() -> set[str]:
    """Detect a broker ring, relatives (by relation and by last name), an organiser's
    customers and an address-only group, and collect every reason given."""
    broker = network.Party("sponsor", "Darto Wiyono", "081322994455", "Teman")
    relative = network.Party("companion", "Sugeng Santoso", "", "Suami")
    ppiu = network.Organiser("ppiu", "PT Safa Marwa", "U.1/2019", ("+62282534216",))
    nodes = [
        *(node(k, parties=(broker,)) for k in range(1, 6)),
        *(
            node(k, village_code="33.01.01.2001", address="Jl. Melati 5", parties=(relative,))
            for k in range(10, 12)
        ),
        *(
            node(k, applicant_name=f"Sri{k} Wibowo", village_code="33.01.01.2002", address="Gg 2")
            for k in range(20, 22)
        ),
        *(
            node(k, parties=(network.Party("sponsor", "PT Safa Marwa", "0282-534216"),))
            for k in range(30, 33)
        ),
        # A common friend's name, no phone, months apart: a name-only group.
        *(
            node(
                k,
                submitted_on=dt.date(2026, 1, 1) + dt.timedelta(days=40 * (k - 50)),
                parties=(network.Party("sponsor", "Putri Handayani", "", "Teman"),),
            )
            for k in range(50, 53)
        ),
        # One address, different last names, no relation: no family, no shared person.
        node(40, applicant_name="Budi Santoso", village_code="33.04.01.2001", address="Gg 7"),
        node(41, applicant_name="Eko Prasetyo", village_code="33.04.01.2001", address="Gg 7"),
    ]
    result = network.detect(nodes, registry=network.Registry.of([ppiu]), flagged={1, 2})
    return {reason for cluster in result.clusters for reason in cluster.score.reasons}


def test_the_table_knows_every_reason_the_score_gives() -> None:
    reasons = all_reasons()
    assert any(r.startswith("benign: licensed") for r in reasons)
    assert any("(family relation)" in r for r in reasons)
    assert any("(shared last name)" in r for r in reasons)
    assert any("halved" in r for r in reasons) and any("own indicators" in r for r in reasons)
    assert any("no shared phone" in r for r in reasons)
    assert [r for r in reasons if not known(r)] == []


@pytest.mark.parametrize(
    ("reason", "english"),
    [
        ("6 applicants", "6 applicants"),
        ("1 villages in 1 kecamatan", "1 village in 1 kecamatan"),
        ("within 1 days", "within 1 day"),
        ("same destination SA", "same destination (Saudi Arabia)"),
        ("same purpose work", "same purpose (Work)"),
        ("2 with their own indicators", "2 with indicators of their own"),
        (
            "benign: licensed PPIU PT Safa Marwa shared by 12",
            "benign: licensed PPIU PT Safa Marwa, given by 12 applicants",
        ),
        (
            "benign: relatives at one address (shared last name), 3 applicants",
            "benign: relatives at one address (same last name), 3 applicants",
        ),
    ],
)
def test_reasons_render_with_names_and_plurals(reason: str, english: str) -> None:
    with translation.override("en"):
        assert reason_text(reason) == english


def test_an_unknown_reason_is_shown_as_written() -> None:
    assert not known("giant cluster broken up at phone +62812")
    assert reason_text("giant cluster broken up at phone +62812") == (
        "giant cluster broken up at phone +62812"
    )
    assert not known("same ")
