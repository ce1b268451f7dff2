"""Every reason the ring score gives is rendered in the office's language."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import translation

from waspada.domain import network
from waspada.domain.evidence import Reason
from waspada.networks.models import DetectionRun, RingCluster
from waspada.networks.reasons import RENDERINGS, render_reason, ring_reasons

# The data migration that read the English phrases of older rows into codes.
old_rows = importlib.import_module("waspada.networks.migrations.0006_ring_reasons_as_codes")


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


def all_reasons() -> set[Reason]:
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


def test_every_reason_code_has_a_rendering_in_both_languages() -> None:
    assert set(RENDERINGS) == set(network.RING_REASON_CODES)
    for code, names in network.RING_REASON_CODES.items():
        # Two of everything: the plural forms and the Indonesian words are the ones used.
        reason = Reason.of(code, **{name: _example(name) for name in names})
        with translation.override("en"):
            english = render_reason(reason)
        with translation.override("id"):
            indonesian = render_reason(reason)
        assert english and indonesian and code not in (english, indonesian), code
        assert english != indonesian, f"{code} is not translated: {english!r}"


def _example(name: str) -> str | int:
    return {
        "kind": "ppiu",
        "name": "PT Safa Marwa",
        "basis": network.RELATIVES_SHARED_LAST_NAME,
        "destination": "SA",
        "purpose": "work",
    }.get(name, 2)


def test_detection_gives_only_known_codes_with_their_parameters() -> None:
    reasons = all_reasons()
    codes = {reason.code for reason in reasons}
    assert {
        "licensed_organiser",
        "relatives_at_address",
        "halved_no_person",
        "halved_name_only",
        "own_indicators",
        "same_destination_and_purpose",
    } <= codes
    assert {r.param("basis") for r in reasons if r.code == "relatives_at_address"} == {
        network.RELATIVES_FAMILY_RELATION,
        network.RELATIVES_SHARED_LAST_NAME,
    }
    for reason in reasons:
        assert tuple(name for name, _ in reason.params) == network.RING_REASON_CODES[reason.code]
        assert Reason.from_data(reason.to_data()) == reason


@pytest.mark.parametrize(
    ("reason", "english", "indonesian"),
    [
        (Reason.of("applicants", count=6), "6 applicants", "6 pemohon"),
        (
            Reason.of("villages_in_districts", villages=1, districts=1),
            "1 village in 1 kecamatan",
            "1 desa/kelurahan di 1 kecamatan",
        ),
        (Reason.of("within_days", days=1), "within 1 day", "dalam 1 hari"),
        (
            Reason.of("same_destination", destination="SA"),
            "same destination (Saudi Arabia)",
            "negara tujuan sama (Arab Saudi)",
        ),
        (Reason.of("same_purpose", purpose="work"), "same purpose (Work)", None),
        (Reason.of("own_indicators", count=2), "2 with indicators of their own", None),
        (
            Reason.of("licensed_organiser", kind="ppiu", name="PT Safa Marwa", count=12),
            "benign: licensed PPIU PT Safa Marwa, given by 12 applicants",
            None,
        ),
        (
            Reason.of("relatives_at_address", basis="shared_last_name", count=3),
            "benign: relatives at one address (same last name), 3 applicants",
            None,
        ),
        (
            Reason.of("halved_name_only", days=60),
            "a shared name but no shared phone, over more than 60 days: score halved",
            None,
        ),
    ],
)
def test_reasons_render_with_names_and_plurals(
    reason: Reason, english: str, indonesian: str | None
) -> None:
    with translation.override("en"):
        assert render_reason(reason) == english
    if indonesian is not None:
        with translation.override("id"):
            assert render_reason(reason) == indonesian


def test_an_unknown_code_is_shown_with_its_parameters() -> None:
    assert render_reason(Reason.of("giant_cut", kind="phone", size=412)) == (
        "giant_cut (kind=phone, size=412)"
    )
    assert ring_reasons([{"code": "something new"}, {}]) == ["something new", ""]


# --- rows stored before reasons were codes ------------------------------------------------


OLD_PHRASES = {
    "benign: licensed PPIU PT Safa Marwa shared by 12": Reason.of(
        "licensed_organiser", kind="ppiu", name="PT Safa Marwa", count=12
    ),
    "benign: relatives at one address (family relation), 3 applicants": Reason.of(
        "relatives_at_address", basis="family_relation", count=3
    ),
    "benign: relatives at one address (shared last name), 2 applicants": Reason.of(
        "relatives_at_address", basis="shared_last_name", count=2
    ),
    "6 applicants": Reason.of("applicants", count=6),
    "4 villages in 3 kecamatan": Reason.of("villages_in_districts", villages=4, districts=3),
    "within 21 days": Reason.of("within_days", days=21),
    "same destination KH and purpose work": Reason.of(
        "same_destination_and_purpose", destination="KH", purpose="work"
    ),
    "same destination SA": Reason.of("same_destination", destination="SA"),
    "same purpose umrah": Reason.of("same_purpose", purpose="umrah"),
    "2 with their own indicators": Reason.of("own_indicators", count=2),
    "no shared person (address or employer only): halved": Reason.of("halved_no_person"),
    "a shared name but no shared phone, over more than 60 days: halved": Reason.of(
        "halved_name_only", days=60
    ),
}


def test_the_migration_reads_every_old_phrase_into_the_code_the_score_gives_now() -> None:
    # Every code of the time the phrases were stored (organiser-led groups came later).
    older = set(network.RING_REASON_CODES) - {"organiser_led_group"}
    assert {reason.code for reason in OLD_PHRASES.values()} == older
    for phrase, reason in OLD_PHRASES.items():
        assert old_rows.reason_from_phrase(phrase) == reason.to_data(), phrase
        assert old_rows.phrase_from_reason(reason.to_data()) == phrase
    # A phrase no pattern knows stays readable as written.
    assert ring_reasons([old_rows.reason_from_phrase("giant cut at +62812")]) == [
        "giant cut at +62812"
    ]


@pytest.mark.django_db
def test_the_migration_converts_stored_rows_and_back() -> None:
    run = DetectionRun.objects.create()
    phrases = ["6 applicants", "same destination KH and purpose work", "within 21 days"]
    ring = RingCluster.objects.create(run=run, size=6, score=70, reasons=phrases)
    already = RingCluster.objects.create(
        run=run, size=2, score=0, reasons=[Reason.of("halved_no_person").to_data()]
    )
    old_rows.phrases_to_codes(apps, None)
    ring.refresh_from_db()
    assert ring.reasons == [OLD_PHRASES[phrase].to_data() for phrase in phrases]
    with translation.override("en"):
        assert ring_reasons(ring.reasons) == [
            "6 applicants",
            "same destination (Cambodia) and purpose (Work)",
            "within 21 days",
        ]
    already.refresh_from_db()
    assert already.reasons == [{"code": "halved_no_person", "params": {}}]
    old_rows.codes_to_phrases(apps, None)
    ring.refresh_from_db()
    assert ring.reasons == phrases
