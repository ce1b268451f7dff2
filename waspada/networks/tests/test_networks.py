"""Full detection: the contract CSV, D18 facts, benign groups, organiser imports."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent
from waspada.networks import organisers, services
from waspada.networks.models import DetectionRun, LicensedOrganiser, RingCluster, RunState
from waspada.networks.queries import latest_run
from waspada.networks.tests.helpers import (
    BROKER_E164,
    broker_ring,
    family,
    indicators,
    person,
    ppiu_customers,
)
from waspada.screening.models import RiskAssessment

pytestmark = pytest.mark.usefixtures("central_java_regions")


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
    assert AuditEvent.objects.filter(action="networks.detection_finished").count() == 1
    run = DetectionRun.objects.get(kind="full")
    assert (run.state, run.phase, run.applications) == (RunState.DONE, "", 8)


def test_broker_ring_members_get_d18_but_family_and_ppiu_customers_do_not() -> None:
    ring = broker_ring(5)
    families = family()
    customers = ppiu_customers()
    call_command("detect_networks", verbosity=0)
    assert all("D18" in indicators(a) for a in ring)
    assert all("D18" not in indicators(a) for a in [*families, *customers])
    benign = RingCluster.objects.filter(organiser="PT Safa Marwa Mulia Tour").get()
    assert benign.size == 5 and not benign.risky
    assert benign.reasons == [
        {
            "code": "licensed_organiser",
            "params": {"kind": "ppiu", "name": "PT Safa Marwa Mulia Tour", "count": 5},
        }
    ]


def test_the_ring_evidence_reads_in_either_language() -> None:
    ring = broker_ring(5)
    call_command("detect_networks", verbosity=0)
    assessment = RiskAssessment.objects.filter(application=ring[0]).order_by("-id")[0]
    hit = assessment.hits.get(code="D18")
    # (The ring's number is the one screening saw: a full run that changes nothing else
    # does not screen the members again.)
    assert re.search(r"jaringan #\d+: 5 pemohon dari 5 kecamatan dalam \d+ hari", hit.evidence_id)
    assert "berbagi" in hit.evidence_id and "telepon" in hit.evidence_id
    assert BROKER_E164 in hit.evidence_id and "applicants" not in hit.evidence_id
    assert re.search(r"ring #\d+: 5 applicants from 5 kecamatan in \d+ days", hit.evidence_en)
    assert f"phone {BROKER_E164}" in hit.evidence_en and "pemohon" not in hit.evidence_en


def test_a_new_run_rescreens_only_members_whose_ring_facts_changed() -> None:
    broker_ring(3)
    first = services.detect_networks()
    second = services.detect_networks()
    assert second.run.pk != first.run.pk
    assert latest_run() == second.run
    # The rings were linked as the applications were saved: neither run changed D18.
    assert (first.rescreened, second.rescreened) == (0, 0)
    assert RingCluster.objects.filter(run=first.run).count() == 1, "older runs are kept"
    late = broker_ring(1, start=3)[0]
    # The newcomer already joined at the counter; the next full run changes nothing.
    assert "D18" in indicators(late)
    assert services.detect_networks().rescreened == 0


def test_a_run_that_changes_ring_facts_rescreens_those_members() -> None:
    ring = broker_ring(5)
    customers = ppiu_customers()
    assert services.detect_networks().rescreened == 0
    assert all("D18" in indicators(a) for a in ring)
    # The "broker" turns out to be a licensed agency: his ring is its customer group.
    LicensedOrganiser.objects.create(
        kind="p3mi", name="Pak Darto", licence_no="KEP.1/SIP3MI/2020", phones=[BROKER_E164]
    )
    outcome = services.detect_networks()
    assert outcome.rescreened == 5
    assert all("D18" not in indicators(a) for a in [*ring, *customers])


def test_a_failing_detection_is_marked_failed_with_the_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broker_ring(2)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.network, "detect", broken)
    with pytest.raises(RuntimeError):
        services.detect_networks()
    run = DetectionRun.objects.get(kind="full")
    assert run.state == RunState.FAILED and "disk full" in run.error
    assert latest_run() != run, "the previous picture stays current"


def test_import_organisers_reports_bad_rows_by_number() -> None:
    text = (
        "kind,name,licence_no,phones\n"
        "ppiu,PT Safa Marwa Mulia Tour,U.203/2019,0282-534216;+62 813 2764 0118\n"
        "travel,PT Salah Jenis,U.1/2020,\n"
        "p3mi,PT Bina Tenaga,KEP.118/SIP3MI/2019,12345\n"
        "pihk,,PIHK.1/2021,\n"
        "p3mi,PT Cahaya Karya,KEP.027/SIP3MI/2018,\n"
    )
    result = organisers.import_organisers(text, filename="organisers.csv")
    assert (result.rows, result.created, len(result.errors)) == (5, 2, 3)
    assert [(e.row, e.column) for e in result.errors] == [(3, "kind"), (4, "phones"), (5, "name")]
    organiser = LicensedOrganiser.objects.get(licence_no="U.203/2019")
    assert organiser.phones == ["+62282534216", "+6281327640118"]
    again = organisers.import_organisers(text, filename="organisers.csv")
    assert (again.created, again.unchanged) == (0, 2)
    # Only the first import changed the registry: one detection queued for it.
    assert DetectionRun.objects.filter(state=RunState.QUEUED).count() == 1


def test_import_organisers_command_names_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("kind,name\nppiu,PT X\n", encoding="utf-8")
    with pytest.raises(CommandError, match="licence_no"):
        call_command("import_organisers", str(path), verbosity=0)


def test_import_organisers_command_reads_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_bytes("\ufeffkind,name,licence_no,phones\npihk,PT Haji Plus,PIHK.7/2020,\n".encode())
    call_command("import_organisers", str(path), verbosity=0)
    assert LicensedOrganiser.objects.get(licence_no="PIHK.7/2020").kind == "pihk"


def test_a_run_whose_rescreening_failed_is_made_good_by_the_next_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ring = broker_ring(3)
    LicensedOrganiser.objects.create(
        kind="p3mi", name="Pak Darto", licence_no="KEP.1/SIP3MI/2020", phones=[BROKER_E164]
    )
    screen = services._rescreen

    def fails(*args: object, **kwargs: object) -> int:
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "_rescreen", fails)
    with pytest.raises(RuntimeError):
        services.detect_networks()
    failed = DetectionRun.objects.get(kind="full")
    assert failed.state == RunState.FAILED and latest_run() == failed, "its rings are stored"
    assert all("D18" in indicators(a) for a in ring), "not re-screened yet"
    monkeypatch.setattr(services, "_rescreen", screen)
    assert services.detect_networks().rescreened == 3
    assert all("D18" not in indicators(a) for a in ring)
