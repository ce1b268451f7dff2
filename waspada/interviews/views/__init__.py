"""Interview pages: start, the session (answers, observations, findings), the list."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from waspada.applications.forms import DOCUMENT_LABELS
from waspada.applications.models import PassportApplication, Purpose
from waspada.applications.services import StaleApplication
from waspada.core import audit
from waspada.core.access import get_object_or_deny, requires
from waspada.core.audit_summaries import said
from waspada.core.errors import add_to_form
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.domain.documents import missing_documents
from waspada.interviews import queries, services
from waspada.interviews.forms import (
    AssignForm,
    ListFilterForm,
    SessionForm,
    StartForm,
    WaitingFilterForm,
)
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


@requires(Action.VIEW_INTERVIEWS)
def interview_waiting(request: HttpRequest) -> HttpResponse:
    """Screened applications waiting for their interview, longest waiting first, with
    their assigned officer; supervisors assign or reassign them from the row."""
    form = WaitingFilterForm(request.GET or None)
    page = Paginator(queries.waiting_list(form.filters(_user(request).pk)), 50).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    may_assign = can(request.user, Action.ASSIGN_INTERVIEWS)
    return render(
        request,
        "interviews/waiting_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "assign_form": AssignForm(auto_id=False) if may_assign else None,
            "here": request.get_full_path(),
        },
    )


def _safe_next(request: HttpRequest, fallback: str) -> str:
    # A path of this site only (a bare word would be read as a view's name).
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
@requires(Action.ASSIGN_INTERVIEWS)
def interview_assign(request: HttpRequest, application_no: str) -> HttpResponse:
    """A supervisor assigns (or reassigns) the application's interview (audited)."""
    application = get_object_or_deny(
        request,
        Action.ASSIGN_INTERVIEWS,
        PassportApplication.objects.all(),
        application_no=application_no,
    )
    form = AssignForm(request.POST)
    back = _safe_next(request, reverse("interview_waiting"))
    if not form.is_valid():
        messages.error(request, _("Choose the officer to assign the interview to."))
        return HttpResponseRedirect(back)
    try:
        assignment = services.assign_interview(
            application, form.chosen(), acting_user=_user(request), request=request
        )
    except InterviewError as refused:
        messages.error(request, refused.message)
    else:
        interviewer = assignment.interviewer
        messages.success(
            request,
            _("Interview of %(application)s assigned to %(name)s.")
            % {
                "application": application.application_no,
                "name": interviewer.get_full_name() or interviewer.get_username(),
            },
        )
    return HttpResponseRedirect(back)


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


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _case_glance(application: PassportApplication) -> dict[str, object]:
    """Beside the questions: the applicant's age on the day of application, the documents
    still missing for the purpose, and why the assessment flagged the case."""
    missing = missing_documents(application.purpose, application.documents)
    labels = [str(DOCUMENT_LABELS.get(code, code)) for code in missing.documents]
    if missing.civil_status_proof:
        labels.append(_("one of: birth certificate, diploma, marriage book or baptism letter"))
    return {
        "age": _age(application.birth_date, application.submitted_on),
        "missing_documents": labels,
    }


def _raised_all(session: InterviewSession) -> list[tuple[str, str]]:
    """Every indicator the officer raised: beside a question, then for the session."""
    beside = [
        (answer.raises, _("answer to %(code)s") % {"code": answer.question_code})
        for answer in session.answers.all()
        if answer.raises
    ]
    return beside + [(item["code"], item.get("note", "")) for item in session.raised_indicators]


def _last_saved(session: InterviewSession) -> object:
    """When an answer was last written (None before the first)."""
    times = [a.updated_at for a in session.answers.all() if a.answer or a.worrying or a.raises]
    return timezone.localtime(max(times)) if times else None


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
        "last_saved": _last_saved(session),
        "glance": _case_glance(session.application),
        "raised_all": _raised_all(session),
        "stated_purpose_label": dict(Purpose.choices).get(session.stated_purpose, ""),
        "assign_form": AssignForm(auto_id=False)
        if session.is_open and can(request.user, Action.ASSIGN_INTERVIEWS)
        else None,
    }


@requires(Action.VIEW_INTERVIEWS)
def interview_session(request: HttpRequest, session_id: int) -> HttpResponse:
    session = _session(request, Action.VIEW_INTERVIEWS, session_id)
    audit.record_view(
        request, session, said(gettext_noop("Interview %(id)s viewed"), id=session.pk)
    )
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
                _record(request, session, form)
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


def _record(request: HttpRequest, session: InterviewSession, form: SessionForm) -> None:
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


@require_POST
@requires(Action.CONDUCT_INTERVIEW)
def interview_autosave(request: HttpRequest, session_id: int) -> HttpResponse:
    """Save the session form as it is typed (the page posts it, debounced, and once more
    when the officer leaves): the save bar's state, "saved 10:42", or why not."""
    session = _session(request, Action.CONDUCT_INTERVIEW, session_id)
    state, message = "saved", ""
    if not session.is_open:
        state, message = "error", _("This interview is finished and can no longer change.")
    else:
        form = SessionForm(request.POST, session=session)
        if not form.is_valid():
            state = "error"
            message = _("Not saved: correct the fields marked when you press Save.")
        else:
            try:
                with transaction.atomic():
                    _record(request, session, form)
            except InterviewError as refused:
                state, message = "error", refused.message
    return render(
        request,
        "interviews/_save_state.html",
        {"state": state, "message": message, "saved_at": timezone.localtime()},
    )


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
