"""Verification tasks: values the registry of licensed organisers does not know, for a
supervisor to verify and register, mark suspicious, or dismiss."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from waspada.core.access import get_object_or_deny, requires
from waspada.core.errors import UserFacingError, add_to_form
from waspada.core.policy import Action, can
from waspada.networks import verification
from waspada.networks.forms import (
    VerificationFilterForm,
    VerificationReasonForm,
    VerificationRegisterForm,
)
from waspada.networks.models import (
    OrganiserKind,
    VerificationKind,
    VerificationState,
    VerificationSubject,
    VerificationTask,
)


@requires(Action.VIEW_VERIFICATIONS)
def verification_list(request: HttpRequest) -> HttpResponse:
    form = VerificationFilterForm(request.GET)
    tasks = form.apply(
        VerificationTask.objects.annotate(subject_count=Count("subjects")).order_by(
            "-opened_at", "-pk"
        )
    )
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "networks/verification_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "open_count": verification.open_count(),
            "status": verification.registry_status(),
        },
    )


def _register_form(task: VerificationTask, data: Any = None) -> VerificationRegisterForm:
    initial = {
        "kind": OrganiserKind.P3MI if task.kind == VerificationKind.RECRUITER else "",
        "name": task.name,
        "licence_no": task.licence_no,
    }
    return VerificationRegisterForm(data, initial=initial)


def _task_page(
    request: HttpRequest,
    task: VerificationTask,
    *,
    status: int = 200,
    **forms: Any,
) -> HttpResponse:
    subjects = (
        VerificationSubject.objects.filter(task=task)
        .select_related("application__applicant")
        .order_by("-application__submitted_on", "-application_id")
    )
    page = Paginator(subjects, 50).get_page(request.GET.get("page"))
    may_resolve = can(request.user, Action.RESOLVE_VERIFICATIONS)
    can_resolve = task.is_open and may_resolve
    can_reopen = may_resolve and task.state in (
        VerificationState.SUSPICIOUS,
        VerificationState.DISMISSED,
    )
    context: dict[str, Any] = {
        "task": task,
        "page": page,
        "query": "",
        "known_now": verification.known_now(task),
        "can_resolve": can_resolve,
        "can_reopen": can_reopen,
        "reopen_form": forms.get("reopen_form") or VerificationReasonForm(),
    }
    if can_resolve:
        context.update(
            register_form=forms.get("register_form") or _register_form(task),
            suspicious_form=forms.get("suspicious_form") or VerificationReasonForm(),
            dismiss_form=forms.get("dismiss_form") or VerificationReasonForm(),
        )
    return render(request, "networks/verification_detail.html", context, status=status)


def _task(request: HttpRequest, task_id: int, action: Action) -> VerificationTask:
    return get_object_or_deny(
        request,
        action,
        VerificationTask.objects.select_related("resolved_by", "organiser"),
        pk=task_id,
    )


@requires(Action.VIEW_VERIFICATIONS)
def verification_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    return _task_page(request, _task(request, task_id, Action.VIEW_VERIFICATIONS))


@require_POST
@requires(Action.RESOLVE_VERIFICATIONS)
def verification_register(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id, Action.RESOLVE_VERIFICATIONS)
    form = _register_form(task, request.POST)
    if form.is_valid():
        try:
            organiser = verification.register_verification(
                task,
                acting_user=request.user,  # type: ignore[arg-type]
                kind=form.cleaned_data["kind"],
                name=form.cleaned_data["name"],
                licence_no=form.cleaned_data["licence_no"],
                phones=form.cleaned_data["phones_text"],
                request=request,
            )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is registered; the applications naming it were assessed again "
                    "and the rings are recomputed in the background."
                )
                % {"name": organiser.name},
            )
            return redirect("verification_detail", task_id=task.pk)
    return _task_page(request, task, status=400, register_form=form)


def _resolve_with_reason(request: HttpRequest, task_id: int, *, suspicious: bool) -> HttpResponse:
    task = _task(request, task_id, Action.RESOLVE_VERIFICATIONS)
    form = VerificationReasonForm(request.POST)
    name = "suspicious_form" if suspicious else "dismiss_form"
    if form.is_valid():
        reason = form.cleaned_data["reason"]
        user = request.user
        try:
            if suspicious:
                count = verification.mark_suspicious(
                    task,
                    acting_user=user,  # type: ignore[arg-type]
                    reason=reason,
                    request=request,
                )
            else:
                verification.dismiss_verification(
                    task,
                    acting_user=user,  # type: ignore[arg-type]
                    reason=reason,
                    request=request,
                )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            if suspicious:
                messages.success(
                    request,
                    ngettext(
                        "Marked suspicious: its indicator now counts on the %(count)d "
                        "application naming it.",
                        "Marked suspicious: its indicator now counts on the %(count)d "
                        "applications naming it.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.success(request, _("Dismissed; the value stays unknown."))
            return redirect("verification_detail", task_id=task.pk)
    return _task_page(request, task, status=400, **{name: form})


@require_POST
@requires(Action.RESOLVE_VERIFICATIONS)
def verification_suspicious(request: HttpRequest, task_id: int) -> HttpResponse:
    return _resolve_with_reason(request, task_id, suspicious=True)


@require_POST
@requires(Action.RESOLVE_VERIFICATIONS)
def verification_dismiss(request: HttpRequest, task_id: int) -> HttpResponse:
    return _resolve_with_reason(request, task_id, suspicious=False)


@require_POST
@requires(Action.RESOLVE_VERIFICATIONS)
def verification_reopen(request: HttpRequest, task_id: int) -> HttpResponse:
    task = _task(request, task_id, Action.RESOLVE_VERIFICATIONS)
    form = VerificationReasonForm(request.POST)
    if form.is_valid():
        try:
            count = verification.reopen_verification(
                task,
                acting_user=request.user,  # type: ignore[arg-type]
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Reopened; %(count)d application naming it was assessed again.",
                    "Reopened; %(count)d applications naming it were assessed again.",
                    count,
                )
                % {"count": count},
            )
            return redirect("verification_detail", task_id=task.pk)
    return _task_page(request, task, status=400, reopen_form=form)
