"""Question-bank pages: versions, one version's questions with its changes, and for
supervisors a draft to add, edit and deactivate questions, then publish."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core.access import get_object_or_deny, requires
from waspada.core.errors import add_to_form
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.domain.question_bank import is_active, sort_key
from waspada.interviews import bank
from waspada.interviews.errors import InterviewError
from waspada.interviews.forms import BankQuestionForm, PublishBankForm, indicator_choices
from waspada.interviews.models import BankState, QuestionBankVersion
from waspada.screening.questions import language_key


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _version(request: HttpRequest, action: Action, number: int) -> QuestionBankVersion:
    return get_object_or_deny(
        request,
        action,
        QuestionBankVersion.objects.select_related("based_on", "created_by", "published_by"),
        number=number,
    )


def _draft(request: HttpRequest, number: int) -> QuestionBankVersion:
    version = _version(request, Action.MANAGE_QUESTIONS, number)
    if version.state != BankState.DRAFT:
        raise PermissionDenied
    return version


@requires(Action.VIEW_INTERVIEWS)
def question_bank_list(request: HttpRequest) -> HttpResponse:
    in_force = bank.bank_in_force()
    return render(
        request,
        "interviews/bank_list.html",
        {
            "versions": QuestionBankVersion.objects.select_related("created_by", "published_by"),
            "in_force": in_force,
            "draft": bank.open_draft(),
            "can_manage": can(request.user, Action.MANAGE_QUESTIONS),
        },
    )


def _groups(version: QuestionBankVersion, changed: dict[str, str]) -> list[dict[str, Any]]:
    """The questions grouped by indicator, in code order, each with its change (if any)."""
    language = language_key(get_language())
    titles = dict(indicator_choices())
    groups: dict[str, dict[str, Any]] = {}
    for code in sorted(version.data, key=sort_key):
        entry = version.data[code]
        indicator = entry["indicator"]
        group = groups.setdefault(
            indicator, {"indicator": titles.get(indicator, indicator), "questions": []}
        )
        group["questions"].append(
            {
                "code": code,
                "text": entry["text"][language],
                "worrying": entry["worrying"][language],
                "active": is_active(entry),
                "change": changed.get(code, ""),
            }
        )
    return list(groups.values())


@requires(Action.VIEW_INTERVIEWS)
def question_bank_detail(request: HttpRequest, number: int) -> HttpResponse:
    version = _version(request, Action.VIEW_INTERVIEWS, number)
    changes = bank.bank_changes(version)
    editable = version.state == BankState.DRAFT and can(request.user, Action.MANAGE_QUESTIONS)
    return render(
        request,
        "interviews/bank_detail.html",
        {
            "version": version,
            "changes": changes,
            "groups": _groups(version, {change.code: change.kind for change in changes}),
            "editable": editable,
            "publish_form": PublishBankForm() if editable else None,
        },
    )


@require_POST
@requires(Action.MANAGE_QUESTIONS)
def question_bank_draft(request: HttpRequest) -> HttpResponse:
    draft = bank.create_bank_draft(acting_user=_user(request), request=request)
    return redirect("question_bank_detail", number=draft.number)


def _question_page(
    request: HttpRequest, draft: QuestionBankVersion, code: str | None
) -> HttpResponse:
    entry = draft.data.get(code) if code else None
    if code is not None and entry is None:
        raise Http404
    initial = BankQuestionForm.initial_for(entry) if entry else {}
    form = BankQuestionForm(request.POST or None, initial=initial, editing=entry is not None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = bank.save_bank_question(
                draft, form.question(), code=code, acting_user=_user(request), request=request
            )
        except InterviewError as refused:
            add_to_form(form, refused)
        else:
            messages.success(request, _("Question %(code)s saved in the draft.") % {"code": saved})
            return redirect("question_bank_detail", number=draft.number)
    return render(
        request, "interviews/bank_question.html", {"version": draft, "form": form, "code": code}
    )


@requires(Action.MANAGE_QUESTIONS)
def question_bank_question_add(request: HttpRequest, number: int) -> HttpResponse:
    return _question_page(request, _draft(request, number), None)


@requires(Action.MANAGE_QUESTIONS)
def question_bank_question_edit(request: HttpRequest, number: int, code: str) -> HttpResponse:
    return _question_page(request, _draft(request, number), code)


@require_POST
@requires(Action.MANAGE_QUESTIONS)
def question_bank_question_toggle(request: HttpRequest, number: int, code: str) -> HttpResponse:
    draft = _draft(request, number)
    if code not in draft.data:
        raise Http404
    active = not is_active(draft.data[code])
    bank.set_bank_question_active(
        draft, code, active=active, acting_user=_user(request), request=request
    )
    if active:
        messages.success(request, _("Question %(code)s is asked again.") % {"code": code})
    else:
        messages.success(request, _("Question %(code)s deactivated.") % {"code": code})
    return redirect("question_bank_detail", number=draft.number)


@require_POST
@requires(Action.MANAGE_QUESTIONS)
def question_bank_publish(request: HttpRequest, number: int) -> HttpResponse:
    draft = _draft(request, number)
    form = PublishBankForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write what changes and why before publishing."))
        return redirect("question_bank_detail", number=draft.number)
    try:
        bank.publish_bank(
            draft, acting_user=_user(request), note=form.cleaned_data["note"], request=request
        )
    except InterviewError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request,
            _("Question bank v%(number)s published: new interviews ask its questions.")
            % {"number": draft.number},
        )
    return redirect("question_bank_detail", number=draft.number)
