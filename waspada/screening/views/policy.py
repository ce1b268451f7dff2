"""Policy management for supervisors: view, draft, edit, diff, backtest, publish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core import jobs
from waspada.core.access import get_object_or_deny, requires
from waspada.core.audit_summaries import said
from waspada.core.policy import Action, can
from waspada.domain.risk import diff_policies
from waspada.screening import policies, queries, services
from waspada.screening.forms import BacktestForm, PublishForm
from waspada.screening.models import PolicyState, PolicyVersion, Trigger
from waspada.screening.policy_forms import PolicyEditForm


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def _draft(request: HttpRequest, number: int) -> PolicyVersion:
    version = get_object_or_deny(
        request, Action.MANAGE_POLICY, PolicyVersion.objects.all(), number=number
    )
    if version.state != PolicyState.DRAFT:
        raise PermissionDenied
    return version


@requires(Action.VIEW_POLICY)
def policy_list(request: HttpRequest) -> HttpResponse:
    in_force = policies.version_in_force()
    return render(
        request,
        "screening/policy_list.html",
        {"versions": PolicyVersion.objects.select_related("created_by"), "in_force": in_force},
    )


@requires(Action.VIEW_POLICY)
def policy_detail(request: HttpRequest, number: int) -> HttpResponse:
    version = get_object_or_deny(
        request, Action.VIEW_POLICY, PolicyVersion.objects.all(), number=number
    )
    in_force = policies.version_in_force()
    policy = policies.policy_of(version)
    changes = (
        diff_policies(policies.policy_of(in_force), policy) if version.pk != in_force.pk else []
    )
    return render(
        request,
        "screening/policy_detail.html",
        {
            "version": version,
            "in_force": in_force,
            "policy": policy,
            "lang": _language(),
            "changes": changes,
            "can_manage": can(request.user, Action.MANAGE_POLICY),
        },
    )


@require_POST
@requires(Action.MANAGE_POLICY)
def policy_draft(request: HttpRequest, number: int) -> HttpResponse:
    """A new draft based on this version."""
    based_on = get_object_or_deny(
        request, Action.MANAGE_POLICY, PolicyVersion.objects.all(), number=number
    )
    draft = policies.create_draft(
        acting_user=request.user,  # type: ignore[arg-type]
        based_on=based_on,
        request=request,
    )
    messages.success(request, _("Draft v%(number)s created.") % {"number": draft.number})
    return redirect("policy_edit", number=draft.number)


@requires(Action.MANAGE_POLICY)
def policy_edit(request: HttpRequest, number: int) -> HttpResponse:
    draft = _draft(request, number)
    form = PolicyEditForm(
        draft.data, request.POST or None, language=_language(), initial={"note": draft.note}
    )
    if request.method == "POST" and form.is_valid():
        policies.update_draft(
            draft,
            form.new_data,
            acting_user=request.user,  # type: ignore[arg-type]
            note=form.cleaned_data["note"],
            request=request,
        )
        messages.success(request, _("Draft v%(number)s saved.") % {"number": draft.number})
        return redirect("policy_detail", number=draft.number)
    return render(request, "screening/policy_edit.html", {"version": draft, "form": form})


# The backtest page lists this many of the draft's latest runs.
RECENT_RUNS = 10


@requires(Action.MANAGE_POLICY)
def policy_backtest(request: HttpRequest, number: int) -> HttpResponse:
    """The backtest of a draft: POST queues one for the background worker; GET shows the
    latest finished one (of the period in the query, when it names one) and never
    computes anything, however large the history."""
    draft = _draft(request, number)
    status = 200
    if request.method == "POST":
        form = BacktestForm(request.POST)
        if form.is_valid():
            run = services.request_backtest(
                draft,
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
                acting_user=request.user,  # type: ignore[arg-type]
                request=request,
            )
            return redirect("policy_backtest_run", number=draft.number, run_id=run.pk)
        status, latest = 400, queries.latest_backtest(draft)
    elif {"date_from", "date_to"} & set(request.GET):
        # The address of a result from before backtests ran in the background.
        form = BacktestForm(request.GET)
        if form.is_valid():
            period = (form.cleaned_data["date_from"], form.cleaned_data["date_to"])
            latest = queries.latest_backtest(draft, period)
        else:
            status, latest = 400, None
    else:
        latest = queries.latest_backtest(draft)
        initial = {"date_from": latest.date_from, "date_to": latest.date_to} if latest else {}
        form = BacktestForm(initial=initial)
    runs = queries.backtests(draft)
    return render(
        request,
        "screening/policy_backtest.html",
        {
            "version": draft,
            "in_force": policies.version_in_force(),
            "form": form,
            "latest": latest,
            "result": queries.backtest_result(latest),
            "active": runs.active().first(),
            # The list shows no figures: their JSON stays in the database.
            "runs": runs.defer("result", "draft_data")[:RECENT_RUNS],
        },
        status=status,
    )


@requires(Action.MANAGE_POLICY)
def policy_backtest_run(request: HttpRequest, number: int, run_id: int) -> HttpResponse:
    """One backtest: its progress while the worker counts, then its figures."""
    run = get_object_or_deny(
        request,
        Action.MANAGE_POLICY,
        queries.backtests(),
        pk=run_id,
        draft__number=number,
    )
    return jobs.render_status_page(
        request,
        "screening/policy_backtest_run.html",
        {
            "run": run,
            "version": run.draft,
            "in_force": policies.version_in_force(),
            "result": queries.backtest_result(run),
        },
    )


@requires(Action.MANAGE_POLICY)
def policy_publish(request: HttpRequest, number: int) -> HttpResponse:
    draft = _draft(request, number)
    form = PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        effective = form.cleaned_data["effective_from"]
        policies.publish(
            draft,
            acting_user=request.user,  # type: ignore[arg-type]
            effective_from=effective,
            request=request,
        )
        messages.success(
            request,
            _("Policy v%(number)s published, in force from %(date)s.")
            % {"number": draft.number, "date": effective.isoformat()},
        )
        if policies.version_in_force().pk == draft.pk:
            run = services.rescreen_open_applications(
                trigger=Trigger.POLICY,
                description=said(gettext_noop("policy v%(number)s"), number=draft.number),
                acting_user=request.user,  # type: ignore[arg-type]
            )
            if run is not None:
                return redirect("screening_run", run_id=run.pk)
        return redirect("policy_detail", number=draft.number)
    return render(request, "screening/policy_publish.html", {"version": draft, "form": form})
