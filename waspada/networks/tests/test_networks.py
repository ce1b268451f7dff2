"""Networks app: detect-networks contract CSV, incremental linking, D18 facts, organisers."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent
from waspada.networks import services
from waspada.networks.models import LicensedOrganiser, NetworkKey, RingCluster

pytestmark = pytest.mark.usefixtures("central_java_regions")

_numbers = itertools.count(1000)
BROKER_PHONE = "0813-2299-4455"
PPIU_PHONE = "+62282534216"
# Villages in different kecamatan (and regencies) of the office's area.
VILLAGES = ("33.01.01.2001", "33.01.02.2001", "33.02.01.2001", "33.02.02.2001", "33.03.01.2001")


def person(village: str, name: str, *, address: str | None = None, **extra: Any) -> dict[str, Any]:
    serial = next(_numbers)
    return {
        "full_name": name,
        "village_code": village,
        "phone": f"+628571{serial:07d}",
        "address": address or f"Dusun Lor{serial} RT 01/RW 0{serial % 9 + 1}",
        **extra,
    }


def indicators(application: PassportApplication) -> set[str]:
    application.refresh_from_db()
    return set(filter(None, application.risk_indicators.split(";")))


def broker_ring(size: int = 5) -> list[PassportApplication]:
    return [
        make_application(
            applicant=person(VILLAGES[k % len(VILLAGES)], f"Korban Ring{k} Tanpa{k}"),
            submitted_on=dt.date(2026, 3, 2) + dt.timedelta(days=3 * k),
            destination_country="KH",
            sponsor_name="Pak Darto",
            sponsor_phone=BROKER_PHONE,
            sponsor_relation="Teman",
        )
        for k in range(size)
    ]


def family() -> list[PassportApplication]:
    home = {"address": "Jl. Melati No. 5 RT 02/RW 04"}
    father = make_application(
        applicant=person("33.01.01.2001", "Sugeng Wicaksono", **home, phone="+6285331523834"),
        purpose="umrah",
        destination_country="SA",
    )
    others = [
        make_application(
            applicant=person("33.01.01.2001", name, **home),
            purpose="umrah",
            destination_country="SA",
            companion_name="Sugeng Wicaksono",
            companion_phone="085331523834",
            companion_relation=relation,
        )
        for name, relation in (("Wiwik Lestari", "Suami"), ("Wahyu Wicaksono", "Ayah"))
    ]
    return [father, *others]


def ppiu_customers() -> list[PassportApplication]:
    LicensedOrganiser.objects.create(
        kind="ppiu", name="PT Safa Marwa Mulia Tour", licence_no="U.203/2019", phones=[PPIU_PHONE]
    )
    return [
        make_application(
            applicant=person(VILLAGES[k], f"Jamaah Umrah{k} Sejati{k}"),
            purpose="umrah",
            destination_country="SA",
            sponsor_name="PT Safa Marwa Mulia Tour",
            sponsor_phone="0282-534216",
            sponsor_relation="Biro perjalanan umrah (PPIU)",
            submitted_on=dt.date(2026, 3, 2) + dt.timedelta(days=k),
        )
        for k in range(5)
    ]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_detect_networks_writes_the_contract_csv(tmp_path: Path) -> None:
    ring = broker_ring(4)
    families = family()
    make_application(applicant=person("33.04.01.2001", "Orang Sendiri Saja"))
    out = tmp_path / "rings.csv"
    call_command("detect_networks", out=str(out), verbosity=0)
    with out.open(encoding="utf-8") as handle:
        header = handle.readline().strip()
    assert header == "cluster_id,application_no,link_types,ring_score"
    rows = read_csv(out)
    by_app = {row["application_no"]: row for row in rows}
    assert set(by_app) == {a.application_no for a in [*ring, *families]}
    ring_ids = {by_app[a.application_no]["cluster_id"] for a in ring}
    assert len(ring_ids) == 1
    assert by_app[ring[0].application_no]["link_types"] == "phone;sponsor"
    assert int(by_app[ring[0].application_no]["ring_score"]) >= 60
    family_row = by_app[families[1].application_no]
    assert set(family_row["link_types"].split(";")) == {"phone", "address"}
    assert family_row["ring_score"] == "0"
    assert AuditEvent.objects.filter(action="networks.detect").count() == 1


def test_broker_ring_members_get_d18_but_family_and_ppiu_customers_do_not() -> None:
    ring = broker_ring(5)
    families = family()
    customers = ppiu_customers()
    assert all("D18" not in indicators(a) for a in ring)
    call_command("detect_networks", verbosity=0)
    assert all("D18" in indicators(a) for a in ring)
    assert all("D18" not in indicators(a) for a in [*families, *customers])
    benign = RingCluster.objects.filter(organiser="PT Safa Marwa Mulia Tour").get()
    assert benign.size == 5 and not benign.risky
    assert benign.reasons[0].startswith("benign: licensed PPIU")


def test_detection_runs_are_kept_and_unchanged_facts_are_not_rescreened() -> None:
    broker_ring(3)
    first = services.detect_networks()
    second = services.detect_networks()
    assert first.rescreened == 3
    assert second.rescreened == 0
    assert second.run.pk != first.run.pk
    assert RingCluster.objects.filter(run=first.run).count() == 1


def test_new_application_joins_a_ring_quickly_and_gets_d18() -> None:
    ring = broker_ring(3)
    services.detect_networks()
    newcomer = make_application(
        applicant=person("33.05.01.2001", "Korban Baru Sekali"),
        destination_country="KH",
        companion_name="Darto",
        companion_phone="+6281322994455",
        companion_relation="Kenalan",
    )
    start = time.perf_counter()
    cluster = services.link_new_application(newcomer)
    assert time.perf_counter() - start < 1
    assert cluster is not None and cluster.size == 4
    assert cluster.memberships.filter(application=newcomer).get().link_types == "phone"
    assert "D18" in indicators(newcomer)
    assert all("D18" in indicators(a) for a in ring)
    assert NetworkKey.objects.filter(application_id=newcomer.pk, kind="phone").exists()


def test_new_application_merges_two_rings() -> None:
    first = broker_ring(3)
    second = [
        make_application(
            applicant=person(VILLAGES[k + 2], f"Korban Lain{k} Juga{k}"),
            destination_country="KH",
            companion_name="Bu Yati Rahayu",
            companion_phone="081900112233",
            companion_relation="Teman",
        )
        for k in range(2)
    ]
    services.detect_networks()
    assert services.latest_run() is not None
    before = RingCluster.objects.filter(run=services.latest_run()).count()
    assert before == 2
    bridge = make_application(
        applicant=person("33.05.01.2001", "Penghubung Dua Ring"),
        destination_country="KH",
        sponsor_phone=BROKER_PHONE,
        companion_phone="081900112233",
        companion_relation="Teman",
    )
    cluster = services.link_new_application(bridge)
    assert cluster is not None and cluster.size == 6
    assert RingCluster.objects.filter(run=services.latest_run()).count() == 1
    assert set(cluster.memberships.values_list("application_id", flat=True)) == {
        a.pk for a in [*first, *second, bridge]
    }


def test_new_application_sharing_nothing_links_nothing() -> None:
    broker_ring(2)
    services.detect_networks()
    alone = make_application(applicant=person("33.05.01.2001", "Orang Lain Sama Sekali"))
    assert services.link_new_application(alone) is None


def test_import_organisers_reports_bad_rows_by_number(tmp_path: Path) -> None:
    path = tmp_path / "organisers.csv"
    path.write_text(
        "kind,name,licence_no,phones\n"
        "ppiu,PT Safa Marwa Mulia Tour,U.203/2019,0282-534216;+62 813 2764 0118\n"
        "travel,PT Salah Jenis,U.1/2020,\n"
        "p3mi,PT Bina Tenaga,KEP.118/SIP3MI/2019,12345\n"
        "pihk,,PIHK.1/2021,\n"
        "p3mi,PT Cahaya Karya,KEP.027/SIP3MI/2018,\n",
        encoding="utf-8",
    )
    result = services.import_organisers(path)
    assert (result.rows, result.created, len(result.errors)) == (5, 2, 3)
    assert [(e.row, e.column) for e in result.errors] == [(3, "kind"), (4, "phones"), (5, "name")]
    organiser = LicensedOrganiser.objects.get(licence_no="U.203/2019")
    assert organiser.phones == ["+62282534216", "+6281327640118"]
    again = services.import_organisers(path)
    assert (again.created, again.unchanged) == (0, 2)


def test_import_organisers_command_names_missing_columns(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    path = tmp_path / "bad.csv"
    path.write_text("kind,name\nppiu,PT X\n", encoding="utf-8")
    with pytest.raises(CommandError, match="licence_no"):
        call_command("import_organisers", str(path), verbosity=0)


def test_load_demo_organisers_fills_the_registry() -> None:
    assert services.load_demo_organisers() > 0
    assert LicensedOrganiser.objects.filter(kind="ppiu").count() == 10
    assert services.load_demo_organisers() == 0
