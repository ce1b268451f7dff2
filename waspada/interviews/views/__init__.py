"""Interview pages: start, the session (answers, observations, findings), the list."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from waspada.applications.models import PassportApplication
from waspada.applications.services import StaleApplication
from waspada.core import audit
from waspada.core.access import get_object_or_deny, requires
from waspada.core.errors import add_to_form
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.interviews import queries, services
from waspada.interviews.forms import ListFilterForm, SessionForm, StartForm
from waspada.interviews.models import InterviewAnswer, InterviewSession, Observation, SessionState
from waspada.interviews.services import InterviewError


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _session(request: HttpRequest, action: Action, session_id: int) -> InterviewSession:
    return get_object_or_deny(
        request,
        action,
        InterviewSession.objects.select_related(
            "application__applicant", "interviewer", "question_bank"
        ).prefetch_related(
            Prefetch("answers", queryset=InterviewAnswer.objects.order_by("position", "pk"))
        ),
        pk=session_id,
    )


@requires(Action.VIEW_INTERVIEWS)
def interview_list(request: HttpRequest) -> HttpResponse:
    form = ListFilterForm(request.GET or None)
    sessions = queries.interview_list(form.filters(_user(request).pk))
    page = Paginator(sessions, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "interviews/interview_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@requires(Action.CONDUCT_INTERVIEW)
def interview_start(request: HttpRequest, application_no: str) -> HttpResponse:
    application = get_object_or_deny(
        request,
        Action.CONDUCT_INTERVIEW,
        PassportApplication.objects.select_related("applicant"),
        application_no=application_no,
    )
    deep = application.risk_action == "deep_interview"
    form = StartForm(
        request.POST or None,
        deep_recommended=deep,
        initial={"version": application.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.start_interview(
                application,
                kind=form.cleaned_data["kind"],
                acting_user=_user(request),
                expected_version=form.cleaned_data["version"],
                language=get_language() or "id",
                request=request,
            )
        except StaleApplication as stale:
            messages.error(request, stale.message())
            return redirect("application_detail", application_no=application.application_no)
        except InterviewError as refused:
            add_to_form(form, refused)
        else:
            return redirect("interview_session", session_id=session.pk)
    return render(
        request,
        "interviews/start.html",
        {
            "application": application,
            "form": form,
            "deep_recommended": deep,
            "earlier": queries.earlier_sessions_of(application),
            "open_session": InterviewSession.objects.filter(
                application=application, state=SessionState.OPEN
            ).first(),
        },
    )


def _session_context(
    request: HttpRequest, session: InterviewSession, form: SessionForm | None = None
) -> dict[str, object]:
    editable = session.is_open and can(request.user, Action.CONDUCT_INTERVIEW, session)
    labels = dict(Observation.choices)
    if editable and form is None:
        form = SessionForm(session=session)
    return {
        "session": session,
        "application": session.application,
        "form": form if editable else None,
        "findings": queries.findings_for_display(session),
        "earlier": queries.earlier_sessions_of(session.application),
        "editable": editable,
        "observation_labels": [labels[code] for code in session.observations if code in labels],
        # The Berita Acara Wawancara of a finished session (made once, on request).
        "record": None if session.is_open else session.letters.first(),
        # Any interviewing officer may make the record of a finished session.
        "may_make_record": not session.is_open and can(request.user, Action.CONDUCT_INTERVIEW),
        "may_take_over": session.is_open and can(request.user, Action.TAKE_OVER_INTERVIEW, session),
    }


@requires(Action.VIEW_INTERVIEWS)
def interview_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(request, Action.VIEW_INTERVIEWS, session_id)
    audit.record_view(request, session, f"Interview {session.pk} viewed")
    return render(request, "interviews/session.html", _session_context(request, session))


def _back_to_session(request: HttpRequest, session: InterviewSession) -> HttpResponse:
    """The session page again (for htmx: the whole page, not swapped into the form)."""
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponseClientRedirect(reverse("interview_session", args=[session.pk]))
    return redirect("interview_session", session_id=session.pk)


def _saved_page(request: HttpRequest, session: InterviewSession) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        fresh = _session(request, Action.VIEW_INTERVIEWS, session.pk)
        context = {**_session_context(request, fresh), "saved": True}
        return render(request, "interviews/session.html#session-form", context)
    return redirect("interview_session", session_id=session.pk)


@require_POST
@requires(Action.CONDUCT_INTERVIEW)
def interview_save(request: HttpRequest, session_id: int) -> HttpResponse:
    """Record the session form; with "add", also add the chosen question; with "finish",
    also close the interview. One transaction: a refused step keeps nothing half-done."""
    session = _session(request, Action.CONDUCT_INTERVIEW, session_id)
    if not session.is_open:  # e.g. finished from another tablet meanwhile
        messages.error(request, _("This interview is finished and can no longer change."))
        return _back_to_session(request, session)
    form = SessionForm(request.POST, session=session)
    finishing = "finish" in request.POST
    adding = "add" in request.POST
    if form.is_valid() and adding and not form.cleaned_data["add_code"]:
        form.add_error("add_code", _("Choose a question of the question bank."))
    if form.is_valid():
        try:
            with transaction.atomic():
                services.record_answers(
                    session,
                    acting_user=_user(request),
                    answers=form.answers(),
                    observations=form.cleaned_data["observations"],
                    notes=form.cleaned_data["notes"],
                    raised_indicators=form.raised(),
                    stated=form.stated(),
                    request=request,
                )
                if adding:
                    services.add_question(
                        session,
                        form.cleaned_data["add_code"],
                        acting_user=_user(request),
                        request=request,
                    )
                if finishing:
                    services.finish_interview(session, acting_user=_user(request), request=request)
        except InterviewError as refused:
            add_to_form(form, refused)
        else:
            if finishing:
                messages.success(request, _("Interview finished and recorded."))
                return _back_to_session(request, session)
            return _saved_page(request, session)
    context = _session_context(request, session, form)
    template = "interviews/session.html#session-form" if request.htmx else "interviews/session.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@require_POST
@requires(Action.TAKE_OVER_INTERVIEW)
def interview_take_over(request: HttpRequest, session_id: int) -> HttpResponse:
    """A supervisor takes an open interview over from its interviewer (audited)."""
    session = _session(request, Action.TAKE_OVER_INTERVIEW, session_id)
    try:
        services.take_over_interview(session, acting_user=_user(request), request=request)
    except InterviewError as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("You are now the interviewer of this session."))
    return redirect("interview_session", session_id=session.pk)
