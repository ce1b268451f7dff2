"""Work in progress for the demo logins: open interviews, proposals, deferrals.

`waspada demo` runs this step after the history (`waspada.demo.history`),
which decides everything but the newest four weeks of applications. Those wait at
screening, so without this step the supervisor's sign-off queue would be empty. Among
them, taken by id so that the choice is the same every time:

- a few high-risk applications (deep interview recommended; medium-risk ones fill up
  when there are not enough) get a deep interview by the demo interviewer with a
  worrying answer and an indicator raised, finished, then a refusal for non-procedural
  work proposed: it waits for the supervisor;
- applications missing a document for their purpose get a standard interview and a
  deferral: two wait for a sign-off, three are signed off by the demo supervisor with
  their deadline ahead, and one is in force with its deadline a few days past, so that
  the daily `waspada check-deadlines` proposes its refusal (it is proposed with the
  service's `today` set to the day its deadline was counted from; its rows and its
  letter still carry the present date);
- two standard interviews are left open, partly answered.

Everything goes through the real services (status history, audit events, letters,
four-eyes: the interviewer proposes, the supervisor signs off). Idempotent: once the demo
interviewer has conducted an interview through the services (the history's interviews
were recorded in bulk, without answers), a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.applications.models import PassportApplication, Status
from waspada.core.models import User
from waspada.decisions import services as decisions
from waspada.decisions.models import Decision
from waspada.demo.history import DEMO_INTERVIEWER, DEMO_SUPERVISOR, REASONS
from waspada.domain import decisions as rules
from waspada.domain.consistency import StatedFacts
from waspada.domain.documents import missing_documents
from waspada.interviews import services as interviews
from waspada.interviews.models import InterviewKind, InterviewSession, Observation

DEEP = "deep_interview"

DEEP_REFUSALS = 3
PENDING_DEFERRALS = 2
SIGNED_DEFERRALS = 3
OVERDUE_DEFERRALS = 1
OPEN_INTERVIEWS = 2
OPEN_ANSWERED = 2  # questions answered so far in an open interview
OVERDUE_BY_DAYS = 3
# The identity documents are checked at the counter: nobody is deferred for them.
NOT_DEFERRED_FOR = frozenset({"ktp", "kk"})

# What the applicant said at a deep interview that reveals a job abroad behind the trip.
DEEP_ANSWERS = {
    "U01-Q1": interviews.AnswerInput("Saya simpan sendiri."),
    "U02-Q1": interviews.AnswerInput(
        "Ditawari kerja di restoran oleh kenalan lewat Facebook, gaji 12 juta sebulan. "
        "Belum ada kontrak, katanya diurus setelah sampai.",
        worrying=True,
        raises="U02",
    ),
    "U09-Q1": interviews.AnswerInput(
        "Belum tahu alamatnya, nanti dijemput teman sponsor di bandara.", worrying=True
    ),
}
DEEP_RAISED = interviews.RaisedIndicator(
    "U09",
    note="Tidak dapat menyebutkan nama perusahaan, majikan, maupun alamat tempat kerja.",
)
DEEP_NOTES = (
    "Pemohon mengaku hendak berwisata, tetapi dalam wawancara mendalam menyatakan akan "
    "bekerja di luar negeri atas tawaran kenalan. Tidak ada rekomendasi Disnaker."
)
DEEP_STATED = StatedFacts(purpose="work", funds="recruiter", sponsor_relation="recruiter")
# A standard interview with nothing worrying, in the order the questions are planned.
STANDARD_ANSWERS = {
    "D04-Q1": interviews.AnswerInput("Sudah lama direncanakan bersama keluarga."),
    "D16-Q1": interviews.AnswerInput("Dari tabungan sendiri, dibantu orang tua."),
    "D17-Q1": interviews.AnswerInput("Datang sendiri, diantar kakak sampai parkiran."),
    "D22-Q2": interviews.AnswerInput("Belum dibeli, menunggu paspor terbit."),
    "D24-Q2": interviews.AnswerInput("Tidak ada, terima kasih."),
}


@dataclass
class Workload:
    """What one run added (nothing when `already_added`)."""

    already_added: bool = False
    open_interviews: int = 0
    proposals: int = 0
    deferrals_in_force: int = 0
    overdue: int = 0
    applications: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Officers:
    interviewer: User
    supervisor: User


@dataclass(frozen=True)
class _Choice:
    """The applications of each kind of work, disjoint, each in id order."""

    refusals: list[PassportApplication]
    deferrals: list[PassportApplication]
    open_interviews: list[PassportApplication]

    def numbers(self) -> list[str]:
        chosen = [*self.refusals, *self.deferrals, *self.open_interviews]
        return [application.application_no for application in chosen]


def _deferrable_documents(application: PassportApplication) -> list[str]:
    missing = missing_documents(application.purpose, application.documents or ()).documents
    return sorted(set(missing) - NOT_DEFERRED_FOR)


def choose() -> _Choice:
    """The applications still waiting at screening (untouched) that get work, by id."""
    waiting = PassportApplication.objects.filter(
        status=Status.SCREENING, interviews__isnull=True, decisions__isnull=True
    ).order_by("pk")
    # Deep interviews where the assessment recommends one; medium-risk applications
    # fill up (an officer may choose to go deeper) when a quiet month has too few.
    refusals = list(waiting.filter(risk_action=DEEP)[:DEEP_REFUSALS])
    if len(refusals) < DEEP_REFUSALS:
        refusals += waiting.exclude(risk_action=DEEP).filter(risk_level="medium")[
            : DEEP_REFUSALS - len(refusals)
        ]
    taken = {application.pk for application in refusals}
    # Standard interviews only: the others must have the deep one they were advised.
    rest = list(waiting.exclude(risk_action=DEEP).exclude(pk__in=taken))
    deferrals = list(
        islice(
            (a for a in rest if _deferrable_documents(a)),
            PENDING_DEFERRALS + OVERDUE_DEFERRALS + SIGNED_DEFERRALS,
        )
    )
    taken |= {application.pk for application in deferrals}
    open_interviews = list(islice((a for a in rest if a.pk not in taken), OPEN_INTERVIEWS))
    return _Choice(refusals, deferrals, open_interviews)


def _answers_for(
    session: InterviewSession, script: dict[str, interviews.AnswerInput], limit: int | None = None
) -> dict[str, interviews.AnswerInput]:
    # Only the questions the session asks (the bank in force may have changed them).
    asked = set(session.answers.values_list("question_code", flat=True))
    answered = {code: answer for code, answer in script.items() if code in asked}
    return dict(list(answered.items())[:limit])


def _interview(
    application: PassportApplication,
    officer: User,
    *,
    kind: str,
    finish: bool,
    answered: int | None = None,
) -> InterviewSession:
    session = interviews.start_interview(
        application, kind=kind, acting_user=officer, expected_version=application.version
    )
    if kind == InterviewKind.DEEP:
        interviews.record_answers(
            session,
            acting_user=officer,
            answers=_answers_for(session, DEEP_ANSWERS),
            observations=[Observation.UNAWARE_OF_JOB],
            notes=DEEP_NOTES,
            raised_indicators=[DEEP_RAISED],
            stated=DEEP_STATED,
        )
    else:
        interviews.record_answers(
            session, acting_user=officer, answers=_answers_for(session, STANDARD_ANSWERS, answered)
        )
    if finish:
        interviews.finish_interview(session, acting_user=officer)
    application.refresh_from_db()  # the interview moved it and may have re-assessed it
    return session


def _propose_refusal(application: PassportApplication, officer: User) -> Decision:
    reason = rules.REASONS["non_procedural_work"]
    return decisions.propose_decision(
        application,
        outcome=rules.Outcome.REFUSE,
        reason=REASONS[reason.code],
        reason_code=reason.code,
        legal_basis=reason.legal_basis,
        acting_user=officer,
        expected_version=application.version,
    )


def _propose_deferral(
    application: PassportApplication, officer: User, *, proposed_on: dt.date
) -> Decision:
    return decisions.propose_decision(
        application,
        outcome=rules.Outcome.DEFER,
        reason=REASONS["defer"],
        missing_documents=_deferrable_documents(application),
        deadline=rules.deferral_deadline(proposed_on, application.office.deferral_days),
        acting_user=officer,
        expected_version=application.version,
        today=proposed_on,
    )


def _defer(
    applications: Sequence[PassportApplication],
    officers: _Officers,
    today: dt.date,
    workload: Workload,
) -> None:
    """The first few wait for a sign-off, then the overdue ones (the daily check's work),
    then those signed off with their deadline ahead (short months have fewer)."""
    for index, application in enumerate(applications):
        signed = index >= PENDING_DEFERRALS
        overdue = signed and index < PENDING_DEFERRALS + OVERDUE_DEFERRALS
        _interview(application, officers.interviewer, kind=InterviewKind.STANDARD, finish=True)
        proposed_on = today
        if overdue:
            # Proposed, as the service judges it, on the day its deadline was counted
            # from: the deadline now lies OVERDUE_BY_DAYS behind us, as if the applicant
            # never came back. (The rows still carry the present moment.)
            days = application.office.deferral_days + OVERDUE_BY_DAYS
            proposed_on = today - dt.timedelta(days=days)
        decision = _propose_deferral(application, officers.interviewer, proposed_on=proposed_on)
        if not signed:
            workload.proposals += 1
            continue
        decisions.sign_off(
            decision, acting_user=officers.supervisor, expected_version=application.version
        )
        workload.deferrals_in_force += 1
        workload.overdue += overdue


def _officers() -> _Officers | None:
    users = {
        user.username: user
        for user in User.objects.filter(username__in=[DEMO_INTERVIEWER, DEMO_SUPERVISOR])
    }
    if len(users) < 2:
        return None  # the demo users are made first; without them there is nobody to act
    return _Officers(users[DEMO_INTERVIEWER], users[DEMO_SUPERVISOR])


@transaction.atomic
def add_workload(*, today: dt.date | None = None) -> Workload:
    """Interviews and proposals waiting for the demo logins (see the module doc)."""
    officers = _officers()
    if officers is None:
        return Workload()
    if already_added(officers.interviewer):
        return Workload(already_added=True)
    workload = Workload()
    today = today or timezone.localdate()
    chosen = choose()
    for application in chosen.refusals:
        _interview(application, officers.interviewer, kind=InterviewKind.DEEP, finish=True)
        _propose_refusal(application, officers.interviewer)
        workload.proposals += 1
    _defer(chosen.deferrals, officers, today, workload)
    for application in chosen.open_interviews:
        _interview(
            application,
            officers.interviewer,
            kind=InterviewKind.STANDARD,
            finish=False,
            answered=OPEN_ANSWERED,
        )
        workload.open_interviews += 1
    workload.applications = chosen.numbers()
    return workload


def already_added(interviewer: User) -> bool:
    """Whether the demo interviewer has conducted an interview through the services: the
    work was added by an earlier run (or the demo is being played with)."""
    return InterviewSession.objects.filter(interviewer=interviewer, answers__isnull=False).exists()


def describe(workload: Workload) -> str:
    """One line for the demo command's output."""
    if workload.already_added:
        return _("Demo work in progress: added by an earlier run, nothing to add.")
    line = _(
        "Demo work in progress: %(interviews)d open interviews, %(proposals)d proposals "
        "awaiting sign-off, %(deferrals)d deferrals in force (%(overdue)d past the deadline)."
    ) % {
        "interviews": workload.open_interviews,
        "proposals": workload.proposals,
        "deferrals": workload.deferrals_in_force,
        "overdue": workload.overdue,
    }
    if workload.applications:
        line += " " + _("Applications: %(numbers)s.") % {
            "numbers": ", ".join(workload.applications)
        }
    return line
