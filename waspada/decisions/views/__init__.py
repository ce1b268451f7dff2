"""Decision pages: propose, sign off or return, documents completed, the queue."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.applications.models import PassportApplication
from waspada.applications.services import StaleApplication
from waspada.core.access import get_object_or_deny, requires
from waspada.core.errors import add_to_form
from waspada.core.models import User
from waspada.core.policy import Action
from waspada.decisions import queries, services
from waspada.decisions.forms import ProposalForm, ReviewForm, VersionForm
from waspada.decisions.letters import LetterError
from waspada.decisions.models import Decision
from waspada.decisions.services import DecisionRefused

PAGE_SIZE = 50


def _application(request: HttpRequest, application_no: str) -> PassportApplication:
    return get_object_or_deny(
        request,
        Action.VIEW_APPLICATIONS,
        PassportApplication.objects.select_related("applicant", "office"),
        application_no=application_no,
    )


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # the views are behind `requires`
    return user


@requires(Action.PROPOSE_DECISION)
def decision_propose(request: HttpRequest, application_no: str) -> HttpResponse:
    """The proposal form on a page of its own (the application page embeds it too)."""
    application = _application(request, application_no)
    if request.method == "POST":
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                decision = services.propose_decision(
                    application, acting_user=_user(request), request=request, **form.proposal()
                )
            except StaleApplication as stale:
                # Keep what the officer typed: the page now shows the current status and
                # decisions, with the message; sending again acts on what they now see.
                application.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(application.version)
                form = ProposalForm(data)
                form.is_valid()
                form.add_error(None, stale.message())
            except (DecisionRefused, LetterError) as refused:
                add_to_form(form, refused)
            else:
                messages.success(request, _proposed_message(decision))
                return redirect("application_detail", application_no=application.application_no)
    else:
        form = ProposalForm(
            initial=ProposalForm.initial_for(
                application,
                today=timezone.localdate(),
                deferral_days=application.office.deferral_days,
            )
        )
        form.offer_only_for(application.status)
    return render(
        request,
        "decisions/propose.html",
        {
            "application": application,
            "form": form,
            "decisions": queries.history(application),
            "today": timezone.localdate(),
        },
    )


def _proposed_message(decision: Decision) -> str:
    if decision.needs_sign_off:
        return _("Proposal saved: %(outcome)s. It now waits for a supervisor's sign-off.") % {
            "outcome": decision.get_outcome_display()
        }
    return _("Decision in force: %(outcome)s.") % {"outcome": decision.get_outcome_display()}


Review = Callable[..., Decision]


def _proposal(request: HttpRequest, decision_id: int) -> Decision:
    return get_object_or_deny(
        request,
        Action.SIGN_OFF_DECISION,
        Decision.objects.select_related("application__applicant", "proposed_by"),
        pk=decision_id,
    )


def _review(request: HttpRequest, decision_id: int, review: Review, done: str) -> HttpResponse:
    decision = _proposal(request, decision_id)
    application = decision.application
    form = ReviewForm(request.POST)
    # From the sign-off queue: back to it, where the next proposal waits on top.
    back_to_queue = request.POST.get("next") == "queue"
    if form.is_valid():
        try:
            review(
                decision,
                acting_user=_user(request),
                comment=form.cleaned_data["comment"],
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except StaleApplication as stale:
            messages.error(request, stale.message())
            if back_to_queue:
                return redirect("decision_queue")
            return redirect("application_detail", application_no=application.application_no)
        except (DecisionRefused, LetterError) as refused:
            # A letter that could not be made rolled the sign-off back with it.
            add_to_form(form, refused)
        else:
            messages.success(request, f"{application.application_no}: {done}")
            if back_to_queue:
                return redirect("decision_queue")
            return redirect("application_detail", application_no=application.application_no)
    return _review_page(request, decision, form, back_to_queue=back_to_queue)


def _review_page(
    request: HttpRequest,
    decision: Decision,
    form: ReviewForm,
    *,
    back_to_queue: bool,
    confirming: bool = False,
) -> HttpResponse:
    return render(
        request,
        "decisions/review.html",
        {
            "decision": decision,
            "application": decision.application,
            "form": form,
            "today": timezone.localdate(),
            "back_to_queue": back_to_queue,
            "confirming": confirming,
            "evidence": queries.evidence_by_application(
                [decision.application_id], get_language() or "id"
            ).get(decision.application_id, []),
        },
    )


@requires(Action.SIGN_OFF_DECISION)
def decision_sign_off_confirm(request: HttpRequest, decision_id: int) -> HttpResponse:
    """The second step of approving from the queue (no JavaScript needed): the proposal
    once more, with the version the supervisor saw in the queue, and "Confirm"."""
    decision = _proposal(request, decision_id)
    seen = request.GET.get("version", "")
    version = int(seen) if seen.isdigit() else decision.application.version
    form = ReviewForm(initial={"version": version})
    return _review_page(request, decision, form, back_to_queue=True, confirming=True)


@require_POST
@requires(Action.SIGN_OFF_DECISION)
def decision_sign_off(request: HttpRequest, decision_id: int) -> HttpResponse:
    return _review(
        request, decision_id, services.sign_off, _("Signed off: the decision is in force.")
    )


@require_POST
@requires(Action.SIGN_OFF_DECISION)
def decision_return(request: HttpRequest, decision_id: int) -> HttpResponse:
    return _review(
        request,
        decision_id,
        services.return_proposal,
        _("Proposal returned to the officer with your comment."),
    )


@require_POST
@requires(Action.PROPOSE_DECISION)
def documents_completed(request: HttpRequest, application_no: str) -> HttpResponse:
    application = _application(request, application_no)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form was incomplete; reload the page and try again."))
    else:
        try:
            services.complete_documents(
                application,
                acting_user=_user(request),
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except StaleApplication as stale:
            messages.error(request, stale.message())
        except DecisionRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request, _("Documents completed: the application is back at the interview.")
            )
    return redirect("application_detail", application_no=application.application_no)


@requires(Action.SIGN_OFF_DECISION)
def decision_queue(request: HttpRequest) -> HttpResponse:
    """Proposals to sign off (oldest first) and the open deferrals with their deadlines."""
    proposals = Paginator(queries.sign_off_queue(), PAGE_SIZE).get_page(request.GET.get("page"))
    evidence = queries.evidence_by_application(
        [d.application_id for d in proposals.object_list], get_language() or "id"
    )
    rows = [(d, evidence.get(d.application_id, [])) for d in proposals.object_list]
    today = timezone.localdate()
    overdue_only = request.GET.get("overdue") == "1"
    deferrals = Paginator(
        queries.open_deferrals(today if overdue_only else None), PAGE_SIZE
    ).get_page(request.GET.get("deferrals"))
    return render(
        request,
        "decisions/queue.html",
        {
            "page": proposals,
            "rows": rows,
            "deferrals": deferrals,
            "overdue_only": overdue_only,
            "today": today,
            "query": "",
        },
    )
