"""Interview sessions: start, add a question, record answers, finish. Atomic, audited.

Starting moves the application from `screening` to `interview` through `change_status`
(optimistic locking with the version the officer's page was loaded with); a second
session may start while the application is at the interview. Answers, raised indicators,
observations and - on finishing - the consistency findings are facts for the screening
(the "interview" provider). Whenever they change, the application is assessed again at
once, so its risk and indicators show what the interview found.

Refused input or a wrong state raises `InterviewError` and saves nothing. The question
bank's services live in `waspada.interviews.bank` and are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.applications.countries import is_country_code
from waspada.applications.models import PassportApplication, Status
from waspada.applications.services import StaleApplication, change_status
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said, terms, text
from waspada.core.models import NotificationKind, User
from waspada.core.notifications import notify
from waspada.core.policy import Action, can, users_with
from waspada.domain.consistency import FUNDS, RELATIONS, StatedFacts
from waspada.domain.documents import PURPOSES
from waspada.domain.question_bank import is_active, plan_questions
from waspada.domain.risk import INDICATOR_CODES
from waspada.domain.screening import RaisedIndicator
from waspada.interviews.bank import (
    QuestionInput,
    bank_changes,
    bank_in_force,
    create_bank_draft,
    publish_bank,
    save_bank_question,
    set_bank_question_active,
)
from waspada.interviews.errors import InterviewError
from waspada.interviews.findings import compute_findings
from waspada.interviews.models import (
    InterviewAnswer,
    InterviewAssignment,
    InterviewKind,
    InterviewSession,
    Observation,
    SessionState,
    StatedTicket,
)
from waspada.interviews.providers import interview_facts
from waspada.screening.models import Trigger
from waspada.screening.questions import language_key
from waspada.screening.services import screen_applications

__all__ = [
    "AnswerInput",
    "InterviewError",
    "QuestionInput",
    "RaisedIndicator",  # what the officer raises is the very fact the screening reads
    "add_question",
    "assign_interview",
    "bank_changes",
    "bank_in_force",
    "create_bank_draft",
    "finish_interview",
    "publish_bank",
    "record_answers",
    "save_bank_question",
    "set_bank_question_active",
    "start_interview",
]

# Statuses at which an interview may start (a second one while at the interview).
STARTABLE = frozenset({Status.SCREENING, Status.INTERVIEW})
# Once decided, the interview record is closed: it is what the decision was based on.
DECIDED = frozenset({Status.ISSUED, Status.REFUSED, Status.CANCELLED})
NOTE_LIMIT = 300

# The status history's note when an interview starts ("deep interview"), in words.
terms(InterviewKind.choices)
text(gettext_noop("%(kind)s interview"))


@dataclass(frozen=True)
class AnswerInput:
    """What the officer wrote for one question."""

    answer: str = ""
    worrying: bool = False
    raises: str = ""  # an indicator code, or ""


def _audit(
    action: AuditAction,
    summary: str,
    session: InterviewSession,
    *,
    acting_user: User | None,
    request: HttpRequest | None,
    **details: object,
) -> None:
    # Recorded on the application, so its page's timeline shows every step.
    audit.record(
        action,
        summary,
        actor=acting_user,
        obj=session.application,
        details={"session": session.pk, "kind": session.kind, **details},
        request=request,
    )


def _rescreen_if_changed(
    application: PassportApplication,
    before: tuple[RaisedIndicator, ...],
    acting_user: User | None,
) -> bool:
    """Assess the application again when its interview facts changed."""
    after = interview_facts([application.pk]).get(application.pk, ())
    if after == before:
        return False
    screen_applications([application.pk], trigger=Trigger.FACT, acting_user=acting_user)
    return True


def _facts_now(application: PassportApplication) -> tuple[RaisedIndicator, ...]:
    return interview_facts([application.pk]).get(application.pk, ())


def _append_questions(session: InterviewSession, codes: Sequence[str], *, added: bool) -> None:
    data = session.question_bank.data
    top = session.answers.aggregate(top=Max("position"))["top"] or 0
    now = timezone.now()
    InterviewAnswer.objects.bulk_create(
        [
            InterviewAnswer(
                session=session,
                position=top + index,
                question_code=code,
                question_text=data[code]["text"][session.language],
                added_by_officer=added,
                updated_at=now,
            )
            for index, code in enumerate(codes, start=1)
        ]
    )


@transaction.atomic
def start_interview(
    application: PassportApplication,
    *,
    kind: str,
    acting_user: User,
    expected_version: int,
    language: str = "id",
    request: HttpRequest | None = None,
) -> InterviewSession:
    """Open an interview session with its planned questions (see `plan_questions`).

    A deep interview when the officer chooses it; when the assessment recommends one, a
    standard interview is refused. Raises StaleApplication when the application changed
    since the officer's page was loaded.
    """
    if kind not in InterviewKind.values:
        raise InterviewError(_("Choose a standard or a deep interview."), field="kind")
    locked = PassportApplication.objects.select_for_update().get(pk=application.pk)
    if locked.version != expected_version:
        raise StaleApplication(locked.application_no)
    if locked.status not in STARTABLE:
        raise InterviewError(
            _(
                "An interview can only start for a screened application that is not "
                "decided yet (status now: %(status)s)."
            )
            % {"status": locked.get_status_display()}
        )
    if locked.risk_action == "deep_interview" and kind != InterviewKind.DEEP:
        raise InterviewError(
            _("The assessment recommends a deep interview: start a deep interview."),
            field="kind",
        )
    if InterviewSession.objects.filter(application=locked, state=SessionState.OPEN).exists():
        raise InterviewError(_("An interview of this application is still open: finish it first."))
    if locked.status == Status.SCREENING:
        change_status(
            locked,
            Status.INTERVIEW,
            expected_version=expected_version,
            acting_user=acting_user,
            note=f"{kind} interview",
            request=request,
        )
    bank = bank_in_force()
    session = InterviewSession.objects.create(
        application=locked,
        kind=kind,
        question_bank=bank,
        interviewer=acting_user,
        language=language_key(language),
    )
    fired = [code for code in locked.risk_indicators.split(";") if code]
    codes = plan_questions(kind, fired, bank.data)
    _append_questions(session, codes, added=False)
    _audit(
        AuditAction.INTERVIEW_STARTED,
        said(
            gettext_noop(
                "Application %(number)s: %(kind)s started (%(questions)s questions, "
                "question bank v%(bank)s)"
            ),
            number=locked.application_no,
            kind=InterviewKind(kind).label,
            questions=len(codes),
            bank=bank.number,
        ),
        session,
        acting_user=acting_user,
        request=request,
        questions=codes,
        question_bank=bank.number,
    )
    application.status, application.version = locked.status, locked.version
    return session


def _open_session(session: InterviewSession, acting_user: User | None) -> InterviewSession:
    """The session locked for a change, refused when it can no longer change or
    `acting_user` is not its interviewer (None: a handover, checked by its caller)."""
    # Lock the session row only (not the application or the bank version it joins).
    locked = (
        InterviewSession.objects.select_for_update(of=("self",))
        .select_related("application", "question_bank")
        .get(pk=session.pk)
    )
    if locked.state != SessionState.OPEN:
        raise InterviewError(_("This interview is finished and can no longer change."))
    if locked.application.status in DECIDED:
        raise InterviewError(_("The application is decided: its interview can no longer change."))
    if acting_user is not None and locked.interviewer_id != acting_user.pk:
        raise InterviewError(_("Only its interviewer records in this interview."))
    return locked


@transaction.atomic
def add_question(
    session: InterviewSession,
    code: str,
    *,
    acting_user: User,
    request: HttpRequest | None = None,
) -> InterviewAnswer:
    """Add a question of the session's bank version to the interview."""
    locked = _open_session(session, acting_user)
    entry = locked.question_bank.data.get(code)
    if entry is None or not is_active(entry):
        raise InterviewError(_("Choose a question of the question bank."), field="code")
    if locked.answers.filter(question_code=code).exists():
        raise InterviewError(_("This question is already part of the interview."), field="code")
    _append_questions(locked, [code], added=True)
    _audit(
        AuditAction.INTERVIEW_QUESTION_ADDED,
        said(
            gettext_noop("Application %(number)s: question %(code)s added"),
            number=locked.application.application_no,
            code=code,
        ),
        locked,
        acting_user=acting_user,
        request=request,
        question=code,
    )
    return locked.answers.get(question_code=code)


def _indicator(code: str, field: str) -> str:
    code = code.strip().upper()
    if code and code not in INDICATOR_CODES:
        raise InterviewError(_("Unknown indicator code %(code)s.") % {"code": code}, field=field)
    return code


def _check_stated(stated: StatedFacts) -> StatedFacts:
    checks = (
        ("stated_purpose", stated.purpose, stated.purpose in ("", *PURPOSES)),
        (
            "stated_destination",
            stated.destination_country,
            not stated.destination_country or is_country_code(stated.destination_country),
        ),
        (
            "stated_return_ticket",
            stated.return_ticket,
            stated.return_ticket in ("", *StatedTicket.values),
        ),
        ("stated_funds", stated.funds, stated.funds in ("", *FUNDS)),
        (
            "stated_sponsor_relation",
            stated.sponsor_relation,
            stated.sponsor_relation in ("", *RELATIONS),
        ),
    )
    for field, value, valid in checks:
        if not valid:
            raise InterviewError(_("Unknown value %(value)s.") % {"value": value}, field=field)
    return stated


def _changed_answers(
    locked: InterviewSession, answers: Mapping[str, AnswerInput]
) -> list[InterviewAnswer]:
    rows = {row.question_code: row for row in locked.answers.all()}
    unknown = sorted(set(answers) - set(rows))
    if unknown:
        raise InterviewError(
            _("Question %(code)s is not part of this interview.") % {"code": unknown[0]}
        )
    changed = []
    now = timezone.now()
    for code, given in answers.items():
        row = rows[code]
        values = (given.answer.strip(), given.worrying, _indicator(given.raises, f"r_{code}"))
        if (row.answer, row.worrying, row.raises) != values:
            row.answer, row.worrying, row.raises = values
            row.updated_at = now
            changed.append(row)
    return changed


@transaction.atomic
def record_answers(
    session: InterviewSession,
    *,
    acting_user: User,
    answers: Mapping[str, AnswerInput] | None = None,
    observations: Sequence[str] | None = None,
    notes: str | None = None,
    raised_indicators: Sequence[RaisedIndicator] | None = None,
    stated: StatedFacts | None = None,
    request: HttpRequest | None = None,
) -> InterviewSession:
    """Save what the officer recorded (None: leave that part as it is).

    Everything is checked before anything is written. When the interview facts change
    (an indicator raised or withdrawn, an observation), the application is re-assessed.
    """
    locked = _open_session(session, acting_user)
    before = _facts_now(locked.application)
    changed = _changed_answers(locked, answers or {})
    values: dict[str, Any] = {}
    if observations is not None:
        unknown = [code for code in observations if code not in Observation.values]
        if unknown:
            raise InterviewError(
                _("Unknown observation %(code)s.") % {"code": unknown[0]}, field="observations"
            )
        values["observations"] = [code for code in Observation.values if code in observations]
    if raised_indicators is not None:
        values["raised_indicators"] = [
            {"code": code, "note": " ".join(item.note.split())[:NOTE_LIMIT]}
            for index, item in enumerate(raised_indicators)
            if (code := _indicator(item.code, f"raised_code_{index}"))
        ]
    if notes is not None:
        values["notes"] = notes.strip()
    if stated is not None:
        _check_stated(stated)
        values.update(
            stated_purpose=stated.purpose,
            stated_destination=stated.destination_country.upper(),
            stated_departure=stated.departure,
            stated_return_ticket=stated.return_ticket,
            stated_funds=stated.funds,
            stated_sponsor_relation=stated.sponsor_relation,
        )
    fields = [name for name, value in values.items() if getattr(locked, name) != value]
    if not changed and not fields:
        return locked  # nothing new: nothing to write or audit
    for name in fields:
        setattr(locked, name, values[name])
        setattr(session, name, values[name])  # the caller's instance shows what was saved
    InterviewAnswer.objects.bulk_update(changed, ["answer", "worrying", "raises", "updated_at"])
    if fields:
        locked.save(update_fields=fields)
    rescreened = _rescreen_if_changed(locked.application, before, acting_user)
    _audit(
        AuditAction.INTERVIEW_RECORDED,
        said(
            gettext_noop(
                "Application %(number)s: interview recorded (%(count)s answer(s) changed)"
            ),
            number=locked.application.application_no,
            count=len(changed),
        ),
        locked,
        acting_user=acting_user,
        request=request,
        answers_changed=[row.question_code for row in changed],
        fields_changed=fields,
        raised=[item["code"] for item in locked.raised_indicators],
        observations=list(locked.observations),
        rescreened=rescreened,
    )
    return locked


@transaction.atomic
def take_over_interview(
    session: InterviewSession, *, acting_user: User, request: HttpRequest | None = None
) -> InterviewSession:
    """A supervisor becomes the interviewer of an open session (its interviewer is away);
    from then on only they record in it. Audited with who had it before."""
    if not can(acting_user, Action.TAKE_OVER_INTERVIEW, session):
        raise InterviewError(_("Only a supervisor may take over someone else's interview."))
    locked = _open_session(session, None)
    previous = locked.interviewer
    locked.interviewer = acting_user
    locked.save(update_fields=["interviewer"])
    _audit(
        AuditAction.INTERVIEW_HANDED_OVER,
        said(
            gettext_noop(
                "Application %(number)s: %(kind)s taken over from %(previous)s by %(user)s"
            ),
            number=locked.application.application_no,
            kind=InterviewKind(locked.kind).label,
            previous=previous.get_username(),
            user=acting_user.get_username(),
        ),
        locked,
        acting_user=acting_user,
        request=request,
        previous_interviewer=previous.get_username(),
    )
    session.interviewer = acting_user
    return locked


def assignable_interviewers() -> Any:
    """The officers an interview may be assigned to: active users who hold interviews."""
    return users_with(Action.CONDUCT_INTERVIEW).order_by("first_name", "last_name", "username")


@transaction.atomic
def assign_interview(
    application: PassportApplication,
    interviewer: User,
    *,
    acting_user: User,
    request: HttpRequest | None = None,
) -> InterviewAssignment:
    """A supervisor assigns the application's interview to `interviewer`, or reassigns it.

    While the application waits for its interview, it moves to the new officer's queue;
    when an interview is already open, the session is handed to them too (from then on
    only they record in it). Audited with who had it before.
    """
    if not can(acting_user, Action.ASSIGN_INTERVIEWS):
        raise InterviewError(_("Only a supervisor may assign interviews."))
    if not assignable_interviewers().filter(pk=interviewer.pk).exists():
        raise InterviewError(
            _("Choose an active officer who holds interviews."), field="interviewer"
        )
    locked = PassportApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status not in STARTABLE:
        raise InterviewError(
            _(
                "Only an application waiting for its interview or at the interview can be "
                "assigned (status now: %(status)s)."
            )
            % {"status": locked.get_status_display()}
        )
    assignment = InterviewAssignment.objects.filter(application=locked).first()
    previous = assignment.interviewer if assignment is not None else None
    if assignment is None:
        assignment = InterviewAssignment(application=locked)
    assignment.interviewer = interviewer
    assignment.assigned_by = acting_user
    assignment.assigned_at = timezone.now()
    assignment.save()
    session = (
        InterviewSession.objects.select_for_update()
        .filter(application=locked, state=SessionState.OPEN)
        .first()
    )
    handed_over = session is not None and session.interviewer_id != interviewer.pk
    if session is not None and handed_over:
        previous = previous or session.interviewer
        session.interviewer = interviewer
        session.save(update_fields=["interviewer"])
    was = previous.get_username() if previous is not None else ""
    audit.record(
        AuditAction.INTERVIEW_ASSIGNED,
        said(
            gettext_noop(
                "Application %(number)s: interview assigned to %(user)s (before: %(was)s)"
            ),
            number=locked.application_no,
            user=interviewer.get_username(),
            was=was,
        )
        if was
        else said(
            gettext_noop("Application %(number)s: interview assigned to %(user)s"),
            number=locked.application_no,
            user=interviewer.get_username(),
        ),
        actor=acting_user,
        obj=locked,
        details={
            "interviewer": interviewer.get_username(),
            "previous_interviewer": was,
            "session": session.pk if handed_over and session is not None else None,
        },
        request=request,
    )
    if interviewer.pk != acting_user.pk:
        notify(
            [interviewer],
            NotificationKind.INTERVIEW_ASSIGNED,
            subject=f"{locked.application_no} {locked.full_name}",
            url=reverse("interview_session", args=[session.pk])
            if session is not None
            else reverse("application_detail", args=[locked.application_no]),
        )
    return assignment


@transaction.atomic
def finish_interview(
    session: InterviewSession, *, acting_user: User, request: HttpRequest | None = None
) -> InterviewSession:
    """Close the session and store its consistency findings; contradictions become D23
    facts and the application is re-assessed when its facts changed."""
    locked = _open_session(session, acting_user)
    before = _facts_now(locked.application)
    findings = compute_findings(locked)
    locked.findings = [finding.to_data() for finding in findings]
    locked.state = SessionState.FINISHED
    locked.finished_at = timezone.now()
    locked.save(update_fields=["findings", "state", "finished_at"])
    rescreened = _rescreen_if_changed(locked.application, before, acting_user)
    _audit(
        AuditAction.INTERVIEW_FINISHED,
        said(
            gettext_noop(
                "Application %(number)s: %(kind)s finished, %(count)s contradiction(s) found"
            ),
            number=locked.application.application_no,
            kind=InterviewKind(locked.kind).label,
            count=sum(f.contradiction for f in findings),
        ),
        locked,
        acting_user=acting_user,
        request=request,
        findings=[finding.code for finding in findings],
        rescreened=rescreened,
    )
    session.state, session.finished_at = locked.state, locked.finished_at
    session.findings = locked.findings
    return locked
