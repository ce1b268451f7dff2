"""The question bank: version 1 from the shipped file, drafts, edits, publishing, and the
pages supervisors use for it."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from waspada.applications.models import PassportApplication
from waspada.core.models import AuditEvent, User
from waspada.domain.question_bank import STANDARD_QUESTIONS, BankChange
from waspada.interviews import bank, services
from waspada.interviews.bank import QuestionInput
from waspada.interviews.errors import InterviewError
from waspada.interviews.models import BankState, QuestionBankVersion
from waspada.interviews.tests.conftest import start
from waspada.screening.questions import load_questions

NEW_QUESTION = QuestionInput(
    indicator="U04",
    text_id="Apakah Bapak/Ibu pernah diminta menandatangani surat yang tidak dipahami?",
    text_en="Have you been asked to sign a paper you did not understand?",
    worrying_id="Menandatangani surat utang atau kuasa tanpa penjelasan.",
    worrying_en="Signed a debt note or power of attorney without explanation.",
)


def actions(obj: QuestionBankVersion) -> list[str]:
    return list(
        AuditEvent.objects.filter(
            object_type="interviews.questionbankversion", object_id=str(obj.pk)
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_version_1_holds_the_shipped_questions(db: None) -> None:
    version = bank.bank_in_force()
    assert (version.number, version.state) == (1, BankState.PUBLISHED)
    shipped = load_questions()
    assert set(version.data) == set(shipped)
    assert version.data["U01-Q1"]["text"]["id"] == shipped["U01-Q1"].text["id"]
    assert all(entry["active"] for entry in version.data.values())
    assert bank.bank_in_force() == version
    assert actions(version) == ["interviews.bank_published"]


def test_a_supervisor_drafts_edits_deactivates_and_publishes(supervisor: User) -> None:
    draft = bank.create_bank_draft(acting_user=supervisor)
    assert (draft.number, draft.state, draft.based_on) == (2, "draft", bank.bank_in_force())
    assert bank.create_bank_draft(acting_user=supervisor) == draft  # one draft at a time

    code = bank.save_bank_question(draft, NEW_QUESTION, acting_user=supervisor)
    assert code == "U04-Q3"
    edited = QuestionInput(
        indicator="D01",
        text_id="Kota mana saja yang akan dikunjungi, dan berapa lama?",
        text_en="Which cities will you visit, and for how long?",
        worrying_id=draft.data["D01-Q1"]["worrying"]["id"],
        worrying_en=draft.data["D01-Q1"]["worrying"]["en"],
    )
    bank.save_bank_question(draft, edited, code="D01-Q1", acting_user=supervisor)
    bank.set_bank_question_active(draft, "D28-Q1", active=False, acting_user=supervisor)

    assert bank.bank_changes(draft) == [
        BankChange("D01-Q1", "changed", ("text.id", "text.en")),
        BankChange("D28-Q1", "deactivated", ()),
        BankChange(
            code, "added", ("indicator", "text.id", "text.en", "worrying.id", "worrying.en")
        ),
    ]
    assert bank.bank_in_force().number == 1  # nothing changes until it is published

    bank.publish_bank(draft, acting_user=supervisor, note="U04 question; D28 not asked")
    in_force = bank.bank_in_force()
    assert in_force == draft and in_force.published_by == supervisor
    assert in_force.data["D01-Q1"]["text"]["en"] == "Which cities will you visit, and for how long?"
    assert actions(draft) == [
        "interviews.bank_drafted",
        "interviews.bank_question_added",
        "interviews.bank_question_edited",
        "interviews.bank_question_deactivated",
        "interviews.bank_published",
    ]


def test_interviews_keep_the_version_they_were_held_under(
    supervisor: User, interviewer: User, tourist: PassportApplication
) -> None:
    before = start(tourist, interviewer)
    draft = bank.create_bank_draft(acting_user=supervisor)
    bank.set_bank_question_active(draft, "D16-Q1", active=False, acting_user=supervisor)
    bank.publish_bank(draft, acting_user=supervisor, note="D16-Q1 no longer asked")

    assert before.question_bank.number == 1
    assert before.answers.filter(question_code="D16-Q1").exists()
    services.finish_interview(before, acting_user=interviewer)
    after = start(tourist, interviewer)
    assert after.question_bank == draft
    codes = set(after.answers.values_list("question_code", flat=True))
    assert codes == set(STANDARD_QUESTIONS) - {"D16-Q1"}


def test_a_published_version_never_changes(supervisor: User) -> None:
    published = bank.bank_in_force()
    with pytest.raises(InterviewError):
        bank.save_bank_question(published, NEW_QUESTION, acting_user=supervisor)
    with pytest.raises(InterviewError):
        bank.set_bank_question_active(published, "D01-Q1", active=False, acting_user=supervisor)
    with pytest.raises(InterviewError):
        bank.publish_bank(published, acting_user=supervisor)
    assert "U04-Q3" not in bank.bank_in_force().data


def test_a_draft_without_changes_is_not_published(supervisor: User) -> None:
    draft = bank.create_bank_draft(acting_user=supervisor)
    with pytest.raises(InterviewError):
        bank.publish_bank(draft, acting_user=supervisor)
    draft.refresh_from_db()
    assert draft.state == BankState.DRAFT


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"indicator": "D29"}, None, "indicator"),
        ({"text_en": "   "}, None, "text_en"),
        ({"worrying_id": ""}, None, "worrying_id"),
        ({}, "D01-Q99", ""),
        ({"indicator": "D02"}, "D01-Q1", "indicator"),
    ],
)
def test_bad_questions_are_refused_on_their_field(
    supervisor: User, change: dict[str, str], code: str | None, field: str
) -> None:
    draft = bank.create_bank_draft(acting_user=supervisor)
    question = dataclasses.replace(NEW_QUESTION, **change)
    with pytest.raises(InterviewError) as refused:
        bank.save_bank_question(draft, question, code=code, acting_user=supervisor)
    assert refused.value.field == field
    draft.refresh_from_db()
    assert bank.bank_changes(draft) == []


# --- Pages ------------------------------------------------------------------------------------


def test_the_supervisor_pages_walk_from_draft_to_publication(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    client = login(supervisor)
    page = client.get(reverse("question_bank_list"))
    assert page.status_code == 200 and b'data-testid="new-draft"' in page.content

    response = client.post(reverse("question_bank_draft"))
    draft = QuestionBankVersion.objects.get(state=BankState.DRAFT)
    assert response["Location"] == reverse("question_bank_detail", args=[draft.number])

    add = reverse("question_bank_question_add", args=[draft.number])
    form = {
        "indicator": "U04",
        "text_id": NEW_QUESTION.text_id,
        "text_en": "",
        "worrying_id": NEW_QUESTION.worrying_id,
        "worrying_en": NEW_QUESTION.worrying_en,
    }
    refused = client.post(add, form)
    assert refused.status_code == 200
    assert refused.context["form"].errors["text_en"]
    assert "U04-Q3" not in QuestionBankVersion.objects.get(pk=draft.pk).data

    assert client.post(add, {**form, "text_en": NEW_QUESTION.text_en}).status_code == 302
    toggle = reverse("question_bank_question_toggle", args=[draft.number, "D28-Q1"])
    assert client.post(toggle).status_code == 302

    detail = client.get(reverse("question_bank_detail", args=[draft.number]))
    diff = detail.content.decode()
    assert 'data-testid="bank-diff"' in diff and "U04-Q3" in diff and "D28-Q1" in diff

    publish = reverse("question_bank_publish", args=[draft.number])
    client.post(publish, {"note": ""})
    assert bank.bank_in_force().number == 1
    client.post(publish, {"note": "Pertanyaan U04 baru"})
    assert bank.bank_in_force() == draft
    # A published version has no editing pages any more.
    assert client.get(add).status_code == 403


def test_interviewers_read_the_bank_but_cannot_change_it(
    interviewer: User, login: Callable[[User | None], Client]
) -> None:
    client = login(interviewer)
    page = client.get(reverse("question_bank_detail", args=[bank.bank_in_force().number]))
    assert page.status_code == 200 and b"U01-Q1" in page.content
    assert b'data-testid="new-draft"' not in client.get(reverse("question_bank_list")).content
    assert client.post(reverse("question_bank_draft")).status_code == 403
    assert not QuestionBankVersion.objects.filter(state=BankState.DRAFT).exists()
