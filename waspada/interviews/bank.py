"""The question bank's versions: the one in force, drafts, edits and publishing.

Versioned like the screening policy: supervisors draft a new version, add, edit or
deactivate questions per indicator code, see what changed, and publish. The version in
force is the newest published one; sessions keep the version they were held under. On a
fresh installation the questions shipped with Waspada (screening/questions.yaml) become
version 1. Every change is atomic and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction, checked
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.domain.question_bank import BankChange, diff_banks, next_code
from waspada.domain.risk import INDICATOR_CODES
from waspada.interviews.errors import InterviewError
from waspada.interviews.models import BankState, QuestionBankVersion
from waspada.screening.questions import load_questions


def shipped_questions() -> dict[str, dict[str, Any]]:
    """The bank data of the questions shipped with Waspada, all active."""
    return {
        code: {
            "indicator": question.indicator,
            "text": dict(question.text),
            "worrying": dict(question.worrying),
            "active": True,
        }
        for code, question in load_questions().items()
    }


def bank_in_force() -> QuestionBankVersion:
    """The newest published version (version 1 from the shipped file on a fresh install)."""
    found = QuestionBankVersion.objects.filter(state=BankState.PUBLISHED).order_by("-number")
    return found.first() or _publish_shipped_bank()


@transaction.atomic
def _publish_shipped_bank() -> QuestionBankVersion:
    existing = QuestionBankVersion.objects.select_for_update().filter(number=1).first()
    if existing is not None:
        return existing
    version = QuestionBankVersion.objects.create(
        number=1,
        data=shipped_questions(),
        state=BankState.PUBLISHED,
        note="questions.yaml",
        published_at=timezone.now(),
    )
    audit.record(
        AuditAction.BANK_PUBLISHED,
        said(gettext_noop("Question bank v1 published from the file shipped with Waspada")),
        actor=None,
        obj=version,
    )
    return version


def open_draft() -> QuestionBankVersion | None:
    """The draft being prepared, if any (there is at most one)."""
    return QuestionBankVersion.objects.filter(state=BankState.DRAFT).order_by("-number").first()


@transaction.atomic
def create_bank_draft(
    *, acting_user: User, request: HttpRequest | None = None
) -> QuestionBankVersion:
    """A new draft copied from the version in force; the open draft if there is one
    already (two drafts would each miss the other's changes)."""
    based_on = bank_in_force()
    existing = open_draft()
    if existing is not None:
        return existing
    top = QuestionBankVersion.objects.aggregate(top=Max("number"))["top"] or 0
    draft = QuestionBankVersion.objects.create(
        number=top + 1, data=based_on.data, based_on=based_on, created_by=acting_user
    )
    audit.record(
        AuditAction.BANK_DRAFTED,
        said(
            gettext_noop("Draft v%(draft)s of the question bank, based on v%(base)s"),
            draft=draft.number,
            base=based_on.number,
        ),
        actor=acting_user,
        obj=draft,
        request=request,
    )
    return draft


def _locked_draft(version: QuestionBankVersion) -> QuestionBankVersion:
    draft = QuestionBankVersion.objects.select_for_update().get(pk=version.pk)
    if draft.state != BankState.DRAFT:
        raise InterviewError(_("This version is published and can no longer be changed."))
    return draft


@dataclass(frozen=True)
class QuestionInput:
    """A question as a supervisor writes it, in both languages."""

    indicator: str
    text_id: str
    text_en: str
    worrying_id: str
    worrying_en: str


def _clean(text: str) -> str:
    return " ".join(text.split())


def _entry(question: QuestionInput, *, active: bool) -> dict[str, Any]:
    if question.indicator not in INDICATOR_CODES:
        raise InterviewError(_("Choose a known indicator code."), field="indicator")
    entry: dict[str, Any] = {
        "indicator": question.indicator,
        "text": {"id": _clean(question.text_id), "en": _clean(question.text_en)},
        "worrying": {"id": _clean(question.worrying_id), "en": _clean(question.worrying_en)},
        "active": active,
    }
    for name in ("text", "worrying"):
        for language in ("id", "en"):
            if not entry[name][language]:
                raise InterviewError(
                    _("Write this text in Indonesian and in English."),
                    field=f"{name}_{language}",
                )
    return entry


@transaction.atomic
def save_bank_question(
    version: QuestionBankVersion,
    question: QuestionInput,
    *,
    code: str | None = None,
    acting_user: User,
    request: HttpRequest | None = None,
) -> str:
    """Add a question to a draft (`code` None: it gets the next free code of its
    indicator) or edit one; returns its code. A question keeps its indicator."""
    draft = _locked_draft(version)
    data = dict(draft.data)
    if code is None:
        entry = _entry(question, active=True)
        code = next_code(data, question.indicator)
        kind = "added"
    else:
        existing = data.get(code)
        if existing is None:
            raise InterviewError(_("There is no question %(code)s.") % {"code": code})
        if question.indicator != existing["indicator"]:
            raise InterviewError(
                _("A question keeps its indicator; add a new question instead."),
                field="indicator",
            )
        entry = _entry(question, active=existing.get("active", True) is not False)
        kind = "edited"
    data[code] = entry
    draft.data = data
    draft.save(update_fields=["data"])
    version.data = data
    audit.record(
        checked(f"interviews.bank_question_{kind}"),
        said(
            gettext_noop("Question bank draft v%(draft)s: question %(code)s added")
            if kind == "added"
            else gettext_noop("Question bank draft v%(draft)s: question %(code)s edited"),
            draft=draft.number,
            code=code,
        ),
        actor=acting_user,
        obj=draft,
        details={"code": code},
        request=request,
    )
    return code


@transaction.atomic
def set_bank_question_active(
    version: QuestionBankVersion,
    code: str,
    *,
    active: bool,
    acting_user: User,
    request: HttpRequest | None = None,
) -> None:
    """Deactivate a question of a draft (it is no longer asked) or bring it back."""
    draft = _locked_draft(version)
    data = dict(draft.data)
    if code not in data:
        raise InterviewError(_("There is no question %(code)s.") % {"code": code})
    data[code] = {**data[code], "active": active}
    draft.data = data
    draft.save(update_fields=["data"])
    version.data = data
    word = "reactivated" if active else "deactivated"
    audit.record(
        checked(f"interviews.bank_question_{word}"),
        said(
            gettext_noop("Question bank draft v%(draft)s: question %(code)s reactivated")
            if active
            else gettext_noop("Question bank draft v%(draft)s: question %(code)s deactivated"),
            draft=draft.number,
            code=code,
        ),
        actor=acting_user,
        obj=draft,
        details={"code": code},
        request=request,
    )


def bank_changes(version: QuestionBankVersion) -> list[BankChange]:
    """What this version changes against the one it is based on."""
    # `based_on` is declared on the abstract NumberedVersion: here it is a bank version.
    based_on = cast(QuestionBankVersion | None, version.based_on)
    base = based_on.data if based_on is not None else {}
    return diff_banks(base, version.data)


@transaction.atomic
def publish_bank(
    version: QuestionBankVersion,
    *,
    acting_user: User,
    note: str = "",
    request: HttpRequest | None = None,
) -> QuestionBankVersion:
    """Publish a draft: from now on new interviews ask its questions."""
    draft = _locked_draft(version)
    changes = bank_changes(draft)
    if not changes:
        raise InterviewError(_("This draft changes nothing; there is nothing to publish."))
    draft.state = BankState.PUBLISHED
    draft.note = note.strip()[:300]
    draft.published_by = acting_user
    draft.published_at = timezone.now()
    draft.save(update_fields=["state", "note", "published_by", "published_at"])
    audit.record(
        AuditAction.BANK_PUBLISHED,
        said(
            gettext_noop("Question bank v%(draft)s published: %(count)s change(s)"),
            draft=draft.number,
            count=len(changes),
        ),
        actor=acting_user,
        obj=draft,
        details={"changes": [[c.code, c.kind] for c in changes], "note": draft.note},
        request=request,
    )
    return draft
