"""Letter pages: preview, download (audited, permissions), interview record, signatories,
and the letterhead on the office page."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.decisions import letters
from waspada.decisions.models import Letter, Signatory
from waspada.decisions.tests.test_letters import (
    REFUSAL_REASON,
    configure_office,
    decision_in_force,
    pdf_text,
)
from waspada.decisions.tests.test_letters_interview import deep_interview
from waspada.regions.models import Office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

Login = Callable[[User | None], Client]


@pytest.fixture
def refusal(supervisor: User) -> Letter:
    configure_office()
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)
    letter = letters.make_decision_letter(decision, acting_user=supervisor)
    assert letter is not None
    return letter


def downloaded(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_letter_page_shows_its_number_and_text_with_a_download_link(
    refusal: Letter, login: Login, intake_officer: User
) -> None:
    response = login(intake_officer).get(reverse("letter_detail", args=[refusal.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert refusal.number in html
    assert REFUSAL_REASON in html
    assert "Penolakan Permohonan Paspor" in html
    assert reverse("letter_download", args=[refusal.pk]) in html
    assert refusal.sha256 in html


def test_a_download_is_the_stored_pdf_named_after_the_letter_and_audited(
    refusal: Letter, login: Login, auditor: User
) -> None:
    response = login(auditor).get(reverse("letter_download", args=[refusal.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="surat-penolakan-W13.IMI.IMI.3-1.GR.02.06.2026.pdf"'
    )
    with refusal.file.open("rb") as stored:
        assert downloaded(response) == stored.read()
    event = AuditEvent.objects.get(action="decisions.letter_downloaded")
    assert event.actor == auditor
    assert event.object_id == str(refusal.pk)


@pytest.mark.parametrize("persona", ["admin_user", "police_partner"])
def test_people_without_casework_cannot_read_or_download_letters(
    refusal: Letter, login: Login, request: pytest.FixtureRequest, persona: str
) -> None:
    client = login(request.getfixturevalue(persona))

    assert client.get(reverse("letter_detail", args=[refusal.pk])).status_code == 403
    assert client.get(reverse("letter_download", args=[refusal.pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="decisions.letter_downloaded").exists()


def test_an_unknown_letter_is_not_found(login: Login, auditor: User) -> None:
    assert login(auditor).get(reverse("letter_download", args=[999])).status_code == 404
    assert login(auditor).get(reverse("letter_detail", args=[999])).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(refusal: Letter, login: Login) -> None:
    response = login(None).get(reverse("letter_download", args=[refusal.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_missing_file_is_made_again_from_the_stored_context(
    refusal: Letter, login: Login, supervisor: User
) -> None:
    refusal.file.storage.delete(str(refusal.file.name))

    response = login(supervisor).get(reverse("letter_download", args=[refusal.pk]))

    assert response.status_code == 200
    text = pdf_text(downloaded(response))
    assert refusal.number in text and REFUSAL_REASON in text


def test_an_interview_record_is_only_for_those_who_read_interviews(
    login: Login, interviewer: User, intake_officer: User, auditor: User
) -> None:
    configure_office()
    record = letters.make_interview_record(deep_interview(interviewer), acting_user=interviewer)

    # The intake counter reads letters, but not what the applicant confided.
    for name in ("letter_detail", "letter_download"):
        assert login(intake_officer).get(reverse(name, args=[record.pk])).status_code == 403
        assert login(auditor).get(reverse(name, args=[record.pk])).status_code == 200


def test_the_interviewer_makes_the_record_of_a_finished_interview(
    login: Login, interviewer: User
) -> None:
    configure_office()
    session = deep_interview(interviewer)

    response = login(interviewer).post(reverse("interview_record_create", args=[session.pk]))

    record = Letter.objects.get(interview=session)
    assert response.status_code == 302
    assert response["Location"] == reverse("letter_detail", args=[record.pk])
    assert record.created_by == interviewer
    # Asking again leads to the same record, with the same number.
    again = login(interviewer).post(reverse("interview_record_create", args=[session.pk]))
    assert again["Location"] == response["Location"]
    assert Letter.objects.count() == 1


def test_an_open_interview_gets_a_message_instead_of_a_record(
    login: Login, interviewer: User
) -> None:
    configure_office()
    session = deep_interview(interviewer, finish=False)

    response = login(interviewer).post(
        reverse("interview_record_create", args=[session.pk]), follow=True
    )

    assert response.status_code == 200
    assert not Letter.objects.exists()
    assert any(message.level_tag == "error" for message in response.context["messages"])


def test_only_interviewers_and_supervisors_make_records(
    login: Login, interviewer: User, intake_officer: User, head_of_office: User
) -> None:
    configure_office()
    session = deep_interview(interviewer)

    for user in (intake_officer, head_of_office):
        response = login(user).post(reverse("interview_record_create", args=[session.pk]))
        assert response.status_code == 403
    assert login(interviewer).post(reverse("interview_record_create", args=[999])).status_code == (
        404
    )
    assert not Letter.objects.exists()


def test_the_admin_registers_a_supervisor_who_signs_for_the_head(
    login: Login, admin_user: User, supervisor: User
) -> None:
    response = login(admin_user).post(
        reverse("letter_signatories"),
        {
            "officer": supervisor.pk,
            "nip": "19800315 200501 1 001",
            "position": "Kepala Seksi Lalu Lintas Keimigrasian",
            "signs_for_head": "on",
        },
    )

    assert response.status_code == 302
    signatory = Signatory.objects.get(user=supervisor)
    assert (signatory.nip, signatory.signs_for_head) == ("198003152005011001", True)
    event = AuditEvent.objects.get(action="decisions.signatory_set")
    assert event.actor == admin_user
    page = login(admin_user).get(reverse("letter_signatories")).content.decode()
    assert "198003152005011001" in page
    change = login(admin_user).get(reverse("letter_signatories"), {"officer": supervisor.pk})
    assert change.context["form"].initial["nip"] == "198003152005011001"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"nip": "12345"}, "nip"),
        ({"nip": "19800315200501100X"}, "nip"),
        ({"signs_for_head": "on", "officer": "interviewer"}, "signs_for_head"),
        ({"signs_for_head": "on", "position": ""}, "position"),
    ],
)
def test_a_bad_signatory_is_refused_on_its_field(
    login: Login,
    admin_user: User,
    supervisor: User,
    interviewer: User,
    values: dict[str, str],
    field: str,
) -> None:
    officers = {"interviewer": interviewer.pk, "supervisor": supervisor.pk}
    data = {"officer": "supervisor", "nip": "198003152005011001", "position": "Kasi"} | values
    data["officer"] = str(officers[data["officer"]])

    response = login(admin_user).post(reverse("letter_signatories"), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Signatory.objects.exists()


def test_the_admin_sets_the_letterhead_on_the_office_page(login: Login, admin_user: User) -> None:
    response = login(admin_user).post(
        reverse("office_edit"),
        {
            "name": "Kantor Imigrasi Kelas I TPI Cilacap",
            "regencies": ["33.01", "33.02"],
            "address": "Jl. Letjend Soeprapto No. 2",
            "phone": "(0282) 534448",
            "city": "Cilacap",
            "head_name": "Drs. Bambang Hartono",
            "head_nip": "197205121998031002",
            "letter_number_format": "IMI.3-{number:04d}/GR.02.06/{year}",
            "deferral_days": "14",
        },
    )

    assert response.status_code == 302
    office = Office.objects.get()
    assert office.head_nip == "197205121998031002"
    assert office.letter_number_format == "IMI.3-{number:04d}/GR.02.06/{year}"
    assert office.deferral_days == 14
    event = AuditEvent.objects.get(action="regions.office_updated")
    assert event.details["head_name"] == ["", "Drs. Bambang Hartono"]
    form = login(admin_user).get(reverse("office_edit")).context["form"]
    assert form.initial["head_nip"] == "197205121998031002"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("letter_number_format", "W13-{nomor}.{year}"),
        ("letter_number_format", "W13.{year}"),
        ("letter_number_format", "W13-{number.real}"),
        ("letter_number_format", "W13-{number"),
        ("letter_number_format", "W13-{number:099999999d}"),
        ("letter_number_format", "W13-{number:0120d}"),
        ("head_nip", "1972"),
        ("deferral_days", "0"),
    ],
)
def test_a_bad_letterhead_is_refused_on_its_field(
    login: Login, admin_user: User, field: str, value: str
) -> None:
    before = Office.objects.get()

    response = login(admin_user).post(
        reverse("office_edit"), {"name": "X", "regencies": ["33.01"], field: value}
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    after = Office.objects.get()
    assert (after.name, after.letter_number_format) == (before.name, before.letter_number_format)


def test_the_letter_text_is_a_real_pdf_text_layer(refusal: Letter) -> None:
    # The applicant's name must be selectable text (searchable, accessible), not an image.
    with refusal.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    assert reader.metadata is not None
    assert reader.metadata.title == f"Penolakan Permohonan Paspor {refusal.number}"
    assert "Siti Aminah" in (reader.pages[0].extract_text() or "")


def test_the_finished_session_page_offers_the_record_then_links_to_it(
    login: Login, interviewer: User
) -> None:
    configure_office()
    session = deep_interview(interviewer)
    page = reverse("interview_session", args=[session.pk])
    make_url = reverse("interview_record_create", args=[session.pk])

    before = login(interviewer).get(page).content.decode()
    login(interviewer).post(make_url)
    after = login(interviewer).get(page).content.decode()

    record = Letter.objects.get(interview=session)
    assert make_url in before
    assert reverse("letter_download", args=[record.pk]) in after
    assert make_url not in after
