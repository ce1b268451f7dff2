"""Office-side reads of personal data are in the audit trail, once per user and object
per hour: the application, the applicant, the interview and the letter preview."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.core.models import AuditEvent, User
from waspada.decisions import letters
from waspada.decisions.tests.test_letters import configure_office
from waspada.decisions.tests.test_letters_interview import deep_interview

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]


def test_each_read_of_personal_data_is_recorded_once_an_hour(
    login: Callable[..., Client], interviewer: User, supervisor: User, auditor: User
) -> None:
    configure_office()
    session = deep_interview(interviewer)
    application = session.application
    record = letters.make_interview_record(session, acting_user=interviewer)
    pages = {
        ("applications.passportapplication", str(application.pk)): reverse(
            "application_detail", args=[application.application_no]
        ),
        ("applications.applicant", str(application.applicant_id)): reverse(
            "applicant_detail", args=[application.applicant.nik]
        ),
        ("interviews.interviewsession", str(session.pk)): reverse(
            "interview_session", args=[session.pk]
        ),
        ("decisions.letter", str(record.pk)): reverse("letter_detail", args=[record.pk]),
    }
    reader = login(supervisor)
    for _ in range(3):
        for url in pages.values():
            assert reader.get(url).status_code == 200
    viewed = AuditEvent.objects.filter(action="core.viewed")
    assert sorted(viewed.values_list("object_type", "object_id")) == sorted(pages)
    assert set(viewed.values_list("actor", flat=True)) == {supervisor.pk}

    # Another reader of the same letter is recorded too.
    assert login(auditor).get(pages["decisions.letter", str(record.pk)]).status_code == 200
    assert viewed.filter(actor=auditor).count() == 1

    # The audit trail shows who read what; the case's own history does not list reads.
    trail = login(auditor).get(reverse("audit_list"), {"action": "core.viewed"})
    assert trail.content.decode().count("Data pribadi dilihat") >= 5
    detail = reader.get(pages["applications.passportapplication", str(application.pk)])
    assert "Data pribadi dilihat" not in detail.content.decode()
