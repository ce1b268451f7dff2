"""Every typed or imported application gets an explained assessment, kept as history."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from waspada.applications.importing import import_file
from waspada.applications.models import PassportApplication, Status
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.screening import providers
from waspada.screening.models import RiskAssessment
from waspada.screening.services import screen_applications

pytestmark = pytest.mark.usefixtures("central_java_regions")

HONEST_TOURIST: dict[str, Any] = {
    "purpose": "tourism",
    "destination_country": "JP",
    "return_ticket": "yes",
    "itinerary": "Tokyo 3-10 April, Kyoto 10-14 April; hotel booked",
    "intended_departure": dt.date(2026, 4, 3),
    "funds_source": "tabungan sendiri",
    "documents": ["ktp", "kk", "akta_lahir", "tiket_pulang"],
}
UNDOCUMENTED_WORKER: dict[str, Any] = {
    "purpose": "work",
    "destination_country": "SA",
    "return_ticket": "no",
    "documents": ["ktp", "kk"],
}


def test_registered_application_is_assessed_at_once(intake_officer: User) -> None:
    application = make_application(acting_user=intake_officer, **HONEST_TOURIST)
    application.refresh_from_db()
    assert application.status == Status.SCREENING
    assessment = RiskAssessment.objects.get(application=application)
    assert (application.risk_score, application.risk_level) == (assessment.score, assessment.level)
    assert application.risk_level == "low" and application.risk_action == "standard"
    assert AuditEvent.objects.filter(
        action="screening.assessed", object_id=str(application.pk)
    ).exists()
    assert application.status_changes.last().to_status == Status.SCREENING  # type: ignore[union-attr]


def test_work_without_recommendation_is_sent_to_deep_interview() -> None:
    application = make_application(
        applicant={"occupation": "Asisten Rumah Tangga"}, **UNDOCUMENTED_WORKER
    )
    application.refresh_from_db()
    assert application.risk_action == "deep_interview"
    assert "D02" in application.risk_indicators.split(";")
    hit = RiskAssessment.objects.get(application=application).hits.get(code="D02")
    assert hit.evidence_id and hit.evidence_en
    assert "{" not in hit.evidence_id


def test_assessments_are_history_and_the_newest_is_on_the_application() -> None:
    application = make_application(**HONEST_TOURIST)
    screen_applications([application.pk], trigger="manual")
    assert RiskAssessment.objects.filter(application=application).count() == 2
    newest = RiskAssessment.objects.filter(application=application).first()
    application.refresh_from_db()
    assert newest is not None and application.risk_score == newest.score


def test_missing_optional_data_is_still_assessed() -> None:
    application = make_application(
        purpose="business", destination_country="SG", return_ticket="unknown", documents=[]
    )
    application.refresh_from_db()
    assert application.risk_score is not None


def test_imported_applications_are_all_assessed(tmp_path: Path) -> None:
    from waspada.applications.exchange import record_to_row

    rows = []
    for n in range(5):
        app = make_application(application_no=f"SRC-{n}", **HONEST_TOURIST)
        rows.append(record_to_row(app.applicant, app))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "application_no": row["application_no"].replace("SRC", "IMP")})
    path = tmp_path / "apps.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    report = import_file(path, filename="apps.csv", acting_user=None)
    assert report.created == 5
    imported = PassportApplication.objects.filter(application_no__startswith="IMP-")
    assert imported.count() == 5
    assert not imported.filter(risk_score__isnull=True).exists()
    assert set(imported.values_list("status", flat=True)) == {Status.SCREENING}


class WatchlistFacts:
    """A provider as the watchlists app plugs in: facts for D14."""

    name = "watchlist"

    def __init__(self, application_no: str) -> None:
        self.application_no = application_no

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[str, ...]]:
        return {
            app.pk: ("cekal list: likely match (0.95)",)
            for app in applications
            if app.application_no == self.application_no
        }


def test_fact_providers_feed_the_policy() -> None:
    # In place of the real watchlist provider, which is back for the other tests.
    with providers.FACT_PROVIDERS.temporarily("watchlist", WatchlistFacts("CLP-WATCH-1")):
        flagged = make_application(application_no="CLP-WATCH-1", **HONEST_TOURIST)
        clean = make_application(application_no="CLP-CLEAN-1", **HONEST_TOURIST)
    flagged.refresh_from_db()
    clean.refresh_from_db()
    assert "D14" in flagged.risk_indicators.split(";")
    assert flagged.risk_action == "deep_interview"
    assert "D14" not in clean.risk_indicators.split(";")


@pytest.fixture
def queue_data() -> dict[str, PassportApplication]:
    return {
        "risky": make_application(
            application_no="Q-RISKY",
            applicant={"occupation": "Asisten Rumah Tangga"},
            **UNDOCUMENTED_WORKER,
        ),
        "honest": make_application(application_no="Q-HONEST", **HONEST_TOURIST),
    }


def test_queue_puts_the_riskiest_first_and_filters(
    login: Callable[..., Client], interviewer: User, queue_data: dict[str, PassportApplication]
) -> None:
    client = login(interviewer)

    def numbers(**params: str) -> list[str]:
        response = client.get(reverse("screening_queue"), params)
        assert response.status_code == 200
        return [a.application_no for a in response.context["page"].object_list]

    assert numbers() == ["Q-RISKY", "Q-HONEST"]
    assert numbers(level="low") == ["Q-HONEST"]
    assert numbers(indicator="D02") == ["Q-RISKY"]
    assert numbers(regency="33.02") == []


def test_queue_query_count_does_not_grow(login: Callable[..., Client], interviewer: User) -> None:
    client = login(interviewer)
    make_application(**HONEST_TOURIST)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("screening_queue"))
    for _ in range(15):
        make_application(**HONEST_TOURIST)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("screening_queue"))
    assert len(many) == len(few)


def test_application_page_explains_each_hit(
    login: Callable[..., Client], interviewer: User, queue_data: dict[str, PassportApplication]
) -> None:
    body = login(interviewer).get(reverse("application_detail", args=["Q-RISKY"])).content.decode()
    assert 'data-testid="assessment"' in body
    assert "D02" in body
    assert "Dasar hukum" in body
    assert "Wawancara mendalam" in body
    # The questions to ask, in words, with what a worrying answer looks like.
    assert 'data-testid="questions-D02"' in body
    assert "Jawaban yang mengkhawatirkan" in body


def test_export_screening_writes_the_contract_columns(
    tmp_path: Path, queue_data: dict[str, PassportApplication]
) -> None:
    out = tmp_path / "screening.csv"
    call_command("export_screening", "--out", str(out), stdout=io.StringIO())
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "application_no",
        "risk_score",
        "risk_level",
        "indicators",
        "recommended_action",
    ]
    risky = next(row for row in rows if row["application_no"] == "Q-RISKY")
    assert risky["recommended_action"] == "deep_interview"
    assert "D02" in risky["indicators"].split(";")
    assert int(risky["risk_score"]) == queue_data["risky"].assessments.first().score  # type: ignore[union-attr]
    assert AuditEvent.objects.filter(action="screening.exported").exists()


def test_export_screening_refuses_other_formats(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"\.csv"):
        call_command("export_screening", "--out", str(tmp_path / "x.xlsx"))


def test_screening_a_batch_takes_the_same_queries_whatever_its_size() -> None:
    def queries(count: int, prefix: str) -> int:
        ids = [
            make_application(application_no=f"{prefix}-{n}", **HONEST_TOURIST).pk
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as context:
            screen_applications(ids, trigger="manual")
        return len(context.captured_queries)

    assert queries(3, "S") == queries(60, "L")


class _OfficerDecidesMeanwhile:
    """A provider that refuses the application while the batch is being assessed."""

    name = "meanwhile"

    def collect(self, applications: Sequence[PassportApplication]) -> dict[int, tuple[str, ...]]:
        PassportApplication.objects.filter(pk__in=[app.pk for app in applications]).update(
            status=Status.REFUSED
        )
        return {}


@pytest.mark.django_db
def test_a_rescreening_never_overwrites_a_status_set_meanwhile() -> None:
    application = make_application()
    with providers.FACT_PROVIDERS.temporarily("meanwhile", _OfficerDecidesMeanwhile(), order=999):
        screen_applications([application.pk], trigger="fact")

    application.refresh_from_db()
    assert application.status == Status.REFUSED
    assert application.risk_score is not None
