"""The application's timeline and the audit trail read in Indonesian: summaries are
rendered from their message and parameters in the reader's language, and old events
written as English sentences are read back when they fit a known message."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from waspada.applications.services import SOURCES
from waspada.applications.tests.factories import make_application
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User
from waspada.decisions.tests.helpers import HIGH_RISK, approve, propose
from waspada.interviews import services as interviews
from waspada.interviews.models import InterviewKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

# English words the Indonesian timeline and trail used to show.
OFFENDERS = (
    "registered",
    "assessed",
    "risk",
    "low",
    "medium",
    "high",
    "indicators",
    "recommended",
    "policy",
    "interview",
    "started",
    "finished",
    "proposed",
    "signed",
    "refuse",
    "issue",
    "submitted",
    "screened",
    "awaiting",
    "application",
    "applicant",
    "phone",
    "logged",
    "demo",
)


def _visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<code>.*?</code>", " ", html)  # the action's stored name, for the record
    return re.sub(r"<[^>]+>", " ", html)


def _english_words(text: str) -> list[str]:
    words = set(re.findall(r"[a-z]+", text.lower()))
    return sorted(word for word in OFFENDERS if word in words)


def _indonesian(client: Client) -> Client:
    client.cookies["django_language"] = "id"
    return client


def _a_day_at_the_office(interviewer: User, supervisor: User) -> int:
    application = make_application(acting_user=interviewer, **HIGH_RISK)
    application.refresh_from_db()
    session = interviews.start_interview(
        application,
        kind=InterviewKind.DEEP,
        acting_user=interviewer,
        expected_version=application.version,
    )
    interviews.finish_interview(session, acting_user=interviewer)
    application.refresh_from_db()
    approve(propose(application, "refuse", by=interviewer), by=supervisor)
    return application.pk


def test_the_timeline_and_the_trail_read_in_indonesian(
    interviewer: User, supervisor: User, auditor: User, login
) -> None:
    pk = _a_day_at_the_office(interviewer, supervisor)
    page = _indonesian(login(supervisor)).get(reverse("application_by_id", args=[pk]), follow=True)
    assert page.status_code == 200
    timeline = re.search(r'data-testid="timeline">(.*?)</ol>', page.content.decode(), flags=re.S)
    assert timeline is not None
    text = _visible_text(timeline.group(1))
    assert "didaftarkan" in text and "dinilai" in text, text
    assert _english_words(text) == [], text
    statuses = re.search(r"<h3>Riwayat status</h3>(.*?)</ul>", page.content.decode(), re.S)
    assert statuses is not None
    text = _visible_text(statuses.group(1))
    assert "disetujui atasan" in text, text
    assert _english_words(text) == [], text

    trail = _indonesian(login(auditor)).get(reverse("audit_list"))
    assert trail.status_code == 200
    table = re.search(
        r'data-testid="audit-table">(.*?)</table>', trail.content.decode(), flags=re.S
    )
    assert table is not None
    text = _visible_text(table.group(1))
    assert _english_words(text) == [], text


def test_english_readers_still_read_english(interviewer: User, supervisor: User, login) -> None:
    pk = _a_day_at_the_office(interviewer, supervisor)
    client = login(supervisor)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("application_by_id", args=[pk]), follow=True).content.decode()
    assert "assessed: risk" in page
    assert "Refuse (tolak) signed off" in page


def test_old_sentences_are_read_back_or_shown_as_written() -> None:
    audit.record(
        AuditAction.APPLICATION_REGISTERED, "Application X-1 registered (demo)", actor=None
    )
    audit.record(AuditAction.APPLICATION_REGISTERED, "Something said long ago", actor=None)
    old, known = AuditEvent.objects.order_by("-id")[:2]
    with translation.override("id"):
        assert known.summary_text == f"Permohonan X-1 didaftarkan ({SOURCES['demo']})"
        assert "demo" not in known.summary_text
        assert old.summary_text == "Something said long ago"
    with translation.override("en"):
        assert known.summary_text == "Application X-1 registered (demo)"
