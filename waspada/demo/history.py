"""What happened to the demo applications after screening: interviews and decisions.

`waspada demo` runs this step after saving its applications, so that the reports
tell a believable story (about 30,000 applications a year at full volume, a few dozen
refusals for suspected non-procedural work, deferrals, deep interviews, cancellations).
Only applications that are still waiting after screening and were submitted four weeks
or more before the newest one get a history; the newest stay open for the queues.

Every application gets an interview on the day it was submitted (a deep interview when
the assessment recommends one) and a decision that follows from its risk and its
indicators, each step in the order the services would take it: proposal, a supervisor's
sign-off where the rules want one (never by the proposer), a deferral's 30 days, the
documents brought back or the automatic refusal after the deadline. Rows are
bulk-created with their status history and audit events (`record_many`), dated when the
steps happened. Deterministic: the same seed and application number give the same story,
and a second run finds nothing left to do. Steps that would lie in the future are left
for the officers. No letters are made for these past decisions.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication, Status, StatusChange
from waspada.applications.services import STATUS_CHANGED
from waspada.core import audit, services
from waspada.core.audit_actions import AuditAction, checked
from waspada.core.audit_summaries import said, text
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.decisions.models import Decision, DecisionState, Outcome
from waspada.decisions.services import COMPLETED, PROPOSED, RETURNED, SIGNED_OFF
from waspada.domain import decisions as rules
from waspada.domain.documents import missing_documents
from waspada.interviews.bank import bank_in_force
from waspada.interviews.models import (
    InterviewKind,
    InterviewSession,
    QuestionBankVersion,
    SessionState,
)
from waspada.regions.models import Office

BATCH_SIZE = 2000
OPEN_WEEKS = 4  # the newest four weeks of applications stay open for the queues
SOURCE = {"source": "demo history"}
INTERVIEW_STEPS = {
    "started": text(gettext_noop("Application %(number)s: %(kind)s started")),
    "finished": text(gettext_noop("Application %(number)s: %(kind)s finished")),
}

# Officers of the office besides the demo logins (no password: they cannot log in).
HISTORY_STAFF: tuple[tuple[str, str, str], ...] = (
    ("rina.kurniasih", "Rina Kurniasih", Role.INTERVIEWER),
    ("dedi.pratama", "Dedi Pratama", Role.INTERVIEWER),
    ("yuliana.sari", "Yuliana Sari, S.H.", Role.INTERVIEWER),
    ("hendra.wijaya", "Hendra Wijaya, S.H., M.H.", Role.SUPERVISOR),
)
DEMO_INTERVIEWER = "wawancara"
DEMO_SUPERVISOR = "kasi"

# Indicators that point at work abroad behind another purpose (docs/indicators.md).
WORK_HINTS = frozenset({"D02", "D03", "D05", "D06", "D07", "D19", "D20", "D21", "D25", "D26"})
BROKER_HINTS = frozenset({"D17", "D18", "D24", "U01", "U02", "U03", "U06", "U09"})

REASONS = {
    "issue": "Persyaratan lengkap dan keterangan pemohon konsisten dengan tujuan perjalanan.",
    "defer": "Pemohon diminta melengkapi dokumen pendukung sesuai tujuan perjalanan.",
    "non_procedural_work": (
        "Dari wawancara mendalam, pemohon bermaksud bekerja di luar negeri tanpa prosedur "
        "penempatan yang sah (tanpa rekomendasi Disnaker dan P3MI berizin)."
    ),
    "trafficking_suspected": (
        "Pemohon direkrut calo, tidak mengetahui alamat dan pekerjaan di negara tujuan, dan "
        "dokumennya dipegang pihak lain: indikasi calon korban TPPO."
    ),
    "false_statements": "Keterangan pemohon dalam wawancara bertentangan dengan data permohonan.",
    "documents_not_completed": (
        "Dokumen yang diminta tidak dilengkapi sampai batas waktu penundaan."
    ),
    "duplicate_application": "Permohonan ganda: pemohon telah mengajukan permohonan lain.",
    "withdrawn_by_applicant": "Pemohon membatalkan permohonannya.",
    "obtained_by_false_statements": (
        "Paspor diperoleh dengan keterangan tidak benar: pemegang diketahui bekerja di luar "
        "negeri secara nonprosedural."
    ),
}
DEEP_NOTES = (
    "Pemohon tampak ragu menjelaskan tujuan dan siapa yang membiayai perjalanan.",
    "Pemohon tidak mengetahui alamat tempat tinggal di negara tujuan.",
    "Pemohon menyebut ditawari pekerjaan oleh kenalan, gaji tinggi, tanpa kontrak.",
    "Keterangan konsisten; tiket pulang dan bukti dana ditunjukkan.",
)
FALLBACK_MISSING = {"work": ["rekomendasi_disnaker"], "umrah": ["ppiu_letter"]}


@dataclass(frozen=True)
class Staff:
    interviewers: tuple[User, ...]
    supervisors: tuple[User, ...]


@dataclass(frozen=True)
class Facts:
    """What the history of one application depends on."""

    pk: int
    application_no: str
    submitted_on: dt.date
    purpose: str
    documents: tuple[str, ...]
    risk_level: str
    risk_action: str
    indicators: frozenset[str]
    version: int


@dataclass
class Summary:
    applications: int = 0
    deep_interviews: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


def ensure_staff() -> Staff:
    """The demo interviewer and supervisor and a few colleagues (created once, audited)."""
    for username, full_name, role in HISTORY_STAFF:
        if not User.objects.filter(username=username).exists():
            services.create_user(
                acting_user=None, username=username, full_name=full_name, role=role, password=None
            )
    users = {
        u.username: u for u in User.objects.filter(role__in=[Role.INTERVIEWER, Role.SUPERVISOR])
    }
    names = [DEMO_INTERVIEWER] + [u for u, _n, r in HISTORY_STAFF if r == Role.INTERVIEWER]
    bosses = [DEMO_SUPERVISOR] + [u for u, _n, r in HISTORY_STAFF if r == Role.SUPERVISOR]
    return Staff(
        tuple(users[n] for n in names if n in users), tuple(users[n] for n in bosses if n in users)
    )


def _working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _at(day: dt.date, rng: random.Random, first_hour: int = 8, last_hour: int = 14) -> dt.datetime:
    moment = dt.time(rng.randint(first_hour, last_hour), rng.randint(0, 59))
    return timezone.make_aware(dt.datetime.combine(_working_day(day), moment))


class _Story:
    """The steps of one application, appended to the batch's lists in order."""

    def __init__(self, batch: _Batch, facts: Facts, rng: random.Random) -> None:
        self.batch, self.facts, self.rng = batch, facts, rng
        self.status: str = Status.SCREENING
        self.version = facts.version

    # --- building blocks -------------------------------------------------------------

    def possible(self, when: dt.datetime) -> bool:
        return when <= self.batch.now

    def move(self, to_status: str, when: dt.datetime, by: User | None, note: str) -> None:
        from_status = self.status
        self.batch.changes.append(
            StatusChange(
                application_id=self.facts.pk,
                from_status=from_status,
                to_status=to_status,
                changed_at=when,
                changed_by=by,
                note=note,
            )
        )
        self.batch.event(
            when,
            AuditAction.STATUS_CHANGED,
            said(
                STATUS_CHANGED,
                number=self.facts.application_no,
                old=Status(from_status).label if from_status else "-",
                new=Status(to_status).label,
            ),
            by,
            self.facts.pk,
            lambda: {"from": from_status, "to": to_status, "note": note},
        )
        self.status = to_status
        self.version += 1

    def interview(self, kind: str, by: User) -> dt.datetime:
        started = _at(self.facts.submitted_on, self.rng)
        minutes = (
            self.rng.randint(25, 60) if kind == InterviewKind.DEEP else self.rng.randint(6, 18)
        )
        finished = started + dt.timedelta(minutes=minutes)
        deep = kind == InterviewKind.DEEP
        session = InterviewSession(
            application_id=self.facts.pk,
            kind=kind,
            question_bank=self.batch.bank,
            interviewer=by,
            started_at=started,
            finished_at=finished,
            state=SessionState.FINISHED,
            notes=self.rng.choice(DEEP_NOTES) if deep else "",
            observations=self._observations() if deep else [],
        )
        self.batch.sessions.append(session)
        self.move(Status.INTERVIEW, started, by, f"{kind} interview")

        def details() -> dict[str, Any]:
            return {"session": session.pk, "kind": kind}

        for verb, when in (("started", started), ("finished", finished)):
            self.batch.event(
                when,
                checked(f"interviews.{verb}"),
                said(
                    INTERVIEW_STEPS[verb],
                    number=self.facts.application_no,
                    kind=InterviewKind(kind).label,
                ),
                by,
                self.facts.pk,
                details,
            )
        return finished

    def _observations(self) -> list[str]:
        found = self.facts.indicators
        observed = []
        if found & {"D19", "D20", "D21", "D02"}:
            observed.append("unaware_of_job")
        if found & {"D17", "D18"}:
            observed.append("companion_answers")
        if found & {"D01", "D22"} and self.rng.random() < 0.5:
            observed.append("unaware_of_address")
        return observed

    def decide(
        self,
        outcome: str,
        when: dt.datetime,
        *,
        by: User | None,
        reason_code: str = "",
        returned_first: bool = False,
    ) -> dt.datetime | None:
        """Propose `outcome` and see it through the sign-off; the moment it came into force
        (None when that lies in the future and is left for the officers)."""
        risk = self.facts.risk_level
        needs = rules.needs_sign_off(rules.Outcome(outcome), risk)
        if returned_first and needs:
            again = self._returned_proposal(outcome, when, by, reason_code)
            if again is None:
                return None
            when = again
        decision = self._decision(outcome, when, by, reason_code, needs)
        if not needs:
            decision.state, decision.in_force_at = DecisionState.IN_FORCE, when
            self.move(
                rules.RESULTING_STATUS[rules.Outcome(outcome)], when, by, f"{outcome} (no sign-off)"
            )
            return when
        self.move(Status.DECISION_PENDING, when, by, f"{outcome} proposed")
        reviewer = self._reviewer(by)
        signed = _at(when.date() + dt.timedelta(days=self.rng.randint(0, 2)), self.rng, 9, 16)
        signed = max(signed, when + dt.timedelta(minutes=30))
        if not self.possible(signed):
            return None  # waits for a sign-off in the supervisor's queue
        decision.state = DecisionState.IN_FORCE
        decision.reviewed_by, decision.reviewed_at, decision.in_force_at = reviewer, signed, signed
        self.move(
            rules.RESULTING_STATUS[rules.Outcome(outcome)],
            signed,
            reviewer,
            f"{outcome} signed off",
        )
        self.batch.event(
            signed,
            AuditAction.DECISION_SIGNED_OFF,
            said(SIGNED_OFF, number=self.facts.application_no, outcome=Outcome(outcome).label),
            reviewer,
            self.facts.pk,
            lambda: {"decision": decision.pk, "outcome": outcome, "state": decision.state},
        )
        return signed

    def _reviewer(self, proposer: User | None) -> User:
        # Four-eyes: never the proposer.
        choices = [u for u in self.batch.staff.supervisors if u != proposer]
        return self.rng.choice(choices)

    def _decision(
        self, outcome: str, when: dt.datetime, by: User | None, reason_code: str, needs: bool
    ) -> Decision:
        is_deferral = outcome == Outcome.DEFER
        missing = self._missing() if is_deferral else []
        deadline = (
            (when + dt.timedelta(days=self.batch.deferral_days)).date() if is_deferral else None
        )
        decision = Decision(
            application_id=self.facts.pk,
            outcome=outcome,
            state=DecisionState.PROPOSED,
            reason=REASONS[reason_code or outcome],
            reason_code=reason_code,
            legal_basis=rules.REASONS[reason_code].legal_basis if reason_code else "",
            missing_documents=missing,
            deadline=deadline,
            from_status=self.status,
            risk_level=self.facts.risk_level,
            needs_sign_off=needs,
            automatic=by is None,
            proposed_by=by,
            proposed_at=when,
        )
        self.batch.decisions.append(decision)
        self.batch.event(
            when,
            AuditAction.DECISION_PROPOSED,
            said(
                PROPOSED[(by is None, needs)],
                number=self.facts.application_no,
                outcome=Outcome(outcome).label,
            ),
            by,
            self.facts.pk,
            lambda: {
                "decision": decision.pk,
                "outcome": outcome,
                "reason_code": reason_code,
                "automatic": by is None,
            },
        )
        return decision

    def _returned_proposal(
        self, outcome: str, when: dt.datetime, by: User | None, reason_code: str
    ) -> dt.datetime | None:
        """A first proposal the supervisor sent back; the officer proposes again next day."""
        decision = self._decision(outcome, when, by, reason_code, True)
        self.move(Status.DECISION_PENDING, when, by, f"{outcome} proposed")
        reviewer = self._reviewer(by)
        returned = _at(when.date() + dt.timedelta(days=1), self.rng, 9, 12)
        again = _at(returned.date() + dt.timedelta(days=1), self.rng, 9, 14)
        if not self.possible(again):
            return None
        decision.state = DecisionState.RETURNED
        decision.reviewed_by, decision.reviewed_at = reviewer, returned
        decision.review_comment = "Lengkapi uraian fakta hasil wawancara sebelum diajukan kembali."
        self.move(Status.INTERVIEW, returned, reviewer, "proposal returned")
        self.batch.event(
            returned,
            AuditAction.DECISION_RETURNED,
            said(RETURNED, number=self.facts.application_no, outcome=Outcome(outcome).label),
            reviewer,
            self.facts.pk,
            lambda: {"decision": decision.pk, "outcome": outcome, "state": decision.state},
        )
        return again

    def _missing(self) -> list[str]:
        facts = self.facts
        found = list(missing_documents(facts.purpose, facts.documents).documents)
        found = [code for code in found if code not in ("ktp", "kk")]
        return sorted(found or FALLBACK_MISSING.get(facts.purpose, ["tiket_pulang"]))

    # --- the story ---------------------------------------------------------------------

    def tell(self) -> None:
        facts, rng = self.facts, self.rng
        deep = facts.risk_action == "deep_interview" or (
            facts.risk_level == "medium" and rng.random() < 0.04
        )
        interviewer = self.batch.pick_interviewer(rng)
        kind = InterviewKind.DEEP if deep else InterviewKind.STANDARD
        finished = self.interview(kind, interviewer)
        self.batch.summary.deep_interviews += deep
        proposed = finished + dt.timedelta(minutes=rng.randint(2, 20))
        outcome, reason_code = self.choose(deep)
        returned_first = outcome == Outcome.REFUSE and rng.random() < 0.08
        in_force = self.decide(
            outcome,
            proposed,
            by=interviewer,
            reason_code=reason_code,
            returned_first=returned_first,
        )
        if in_force is None:
            return
        if outcome == Outcome.DEFER:
            self.after_deferral(in_force, interviewer)
        elif outcome == Outcome.ISSUE and facts.indicators & WORK_HINTS and rng.random() < 0.04:
            # Found working abroad months later: the passport is cancelled.
            later = _at(in_force.date() + dt.timedelta(days=rng.randint(60, 200)), rng, 9, 15)
            if self.possible(later):
                self.decide(
                    Outcome.CANCEL,
                    later,
                    by=interviewer,
                    reason_code="obtained_by_false_statements",
                )

    def choose(self, deep: bool) -> tuple[str, str]:
        """The outcome of the first decision, from the risk and the indicators."""
        found, r = self.facts.indicators, self.rng.random()
        if "D11" in found and r < 0.5:
            return Outcome.CANCEL, "duplicate_application"
        if self.facts.risk_level == "high":
            if "D26" in found and found & WORK_HINTS and r < 0.8:
                return Outcome.REFUSE, "non_procedural_work"
            if found & WORK_HINTS and r < 0.15:
                return Outcome.REFUSE, "non_procedural_work"
            if found & BROKER_HINTS and r < 0.25:
                return Outcome.REFUSE, "trafficking_suspected"
            if r < 0.19:
                return Outcome.REFUSE, "false_statements"
            if r < 0.5:
                return Outcome.DEFER, ""
            return Outcome.ISSUE, ""
        if self.facts.risk_level == "medium":
            if r < 0.06:
                return Outcome.DEFER, ""
            if r < 0.065:
                return Outcome.CANCEL, "withdrawn_by_applicant"
            return Outcome.ISSUE, ""
        if r < 0.002:
            return Outcome.DEFER, ""
        if r < 0.0035:
            return Outcome.CANCEL, "withdrawn_by_applicant"
        return Outcome.ISSUE, ""

    def after_deferral(self, in_force: dt.datetime, interviewer: User) -> None:
        """Documents brought back (then issued), or the automatic refusal after the deadline."""
        rng = self.rng
        deferral = self.batch.decisions[-1]
        completes = rng.random() < (0.5 if self.facts.risk_level == "high" else 0.8)
        if completes:
            back = _at(in_force.date() + dt.timedelta(days=rng.randint(3, 25)), rng)
            if not self.possible(back):
                return
            deferral.documents_completed_at = back
            self.move(Status.INTERVIEW, back, interviewer, "documents completed")
            self.batch.event(
                back,
                AuditAction.DOCUMENTS_COMPLETED,
                said(COMPLETED, number=self.facts.application_no),
                interviewer,
                self.facts.pk,
                lambda: {
                    "decision": deferral.pk,
                    "outcome": Outcome.DEFER,
                    "state": deferral.state,
                },
            )
            self.decide(
                Outcome.ISSUE, back + dt.timedelta(minutes=rng.randint(10, 40)), by=interviewer
            )
            return
        assert deferral.deadline is not None
        proposed = _at(deferral.deadline + dt.timedelta(days=1), rng, 6, 6)
        if self.possible(proposed):
            self.decide(
                Outcome.REFUSE, proposed, by=None, reason_code=rules.DOCUMENTS_NOT_COMPLETED
            )


class _Batch:
    """The rows of a batch of stories, saved together."""

    def __init__(
        self,
        staff: Staff,
        bank: QuestionBankVersion,
        deferral_days: int,
        now: dt.datetime,
        summary: Summary,
    ) -> None:
        self.staff, self.bank, self.deferral_days, self.now = staff, bank, deferral_days, now
        self.summary = summary
        self.sessions: list[InterviewSession] = []
        self.decisions: list[Decision] = []
        self.changes: list[StatusChange] = []
        self.events: list[
            tuple[dt.datetime, AuditAction, str, User | None, int, Callable[[], dict[str, Any]]]
        ] = []
        self.final: dict[int, tuple[str, int]] = {}

    def pick_interviewer(self, rng: random.Random) -> User:
        # The demo login does a third of the interviews, the colleagues the rest.
        weights = [3] + [2] * (len(self.staff.interviewers) - 1)
        return rng.choices(self.staff.interviewers, weights=weights)[0]

    def event(
        self,
        when: dt.datetime,
        action: AuditAction,
        summary: str,
        actor: User | None,
        application_id: int,
        details: Callable[[], dict[str, Any]],
    ) -> None:
        # Details are read after saving, when the new rows have their primary keys.
        self.events.append((when, action, summary, actor, application_id, details))

    def tell(self, facts: Facts, seed: int) -> None:
        story = _Story(self, facts, random.Random(f"{seed}:{facts.application_no}"))
        story.tell()
        self.final[facts.pk] = (story.status, story.version)
        self.summary.applications += 1
        self.summary.outcomes[story.status] = self.summary.outcomes.get(story.status, 0) + 1

    @transaction.atomic
    def save(self) -> None:
        InterviewSession.objects.bulk_create(self.sessions, batch_size=1000)
        Decision.objects.bulk_create(self.decisions, batch_size=1000)
        StatusChange.objects.bulk_create(self.changes, batch_size=1000)
        events = []
        for when, action, summary, actor, application_id, details in self.events:
            event = audit.event(
                action,
                summary,
                actor=actor,
                object_type="applications.passportapplication",
                object_id=str(application_id),
                details={**details(), **SOURCE},
            )
            event.created_at = when
            events.append(event)
        audit.record_many(events)
        by_state: dict[tuple[str, int], list[int]] = {}
        for pk, (status, version) in self.final.items():
            by_state.setdefault((status, version), []).append(pk)
        for (status, version), ids in by_state.items():
            PassportApplication.objects.filter(pk__in=ids).update(
                status=status, version=version, updated_at=self.now
            )


def pending(cutoff: dt.date) -> Iterator[list[Facts]]:
    """Screened applications without an interview or decision, submitted by `cutoff`."""
    rows = (
        PassportApplication.objects.filter(
            status=Status.SCREENING, submitted_on__lte=cutoff, interviews__isnull=True
        )
        .filter(decisions__isnull=True)
        .order_by("submitted_on", "pk")
        .values_list(
            "pk",
            "application_no",
            "submitted_on",
            "purpose",
            "documents",
            "risk_level",
            "risk_action",
            "risk_indicators",
            "version",
        )
    )
    batch: list[Facts] = []
    for (
        pk,
        number,
        submitted,
        purpose,
        documents,
        level,
        action,
        indicators,
        version,
    ) in rows.iterator(chunk_size=BATCH_SIZE):
        batch.append(
            Facts(
                pk,
                number,
                submitted,
                purpose,
                tuple(documents or ()),
                level,
                action,
                frozenset(code for code in indicators.split(";") if code),
                version,
            )
        )
        if len(batch) == BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def add_history(
    *, seed: int = 1, progress: Callable[[int], None] | None = None, now: dt.datetime | None = None
) -> Summary:
    """Interviews and decisions for the screened demo applications (see the module doc)."""
    now = now or timezone.now()
    summary = Summary()
    newest = PassportApplication.objects.aggregate(newest=Max("submitted_on"))["newest"]
    if newest is None:
        return summary
    cutoff = min(newest, timezone.localdate(now)) - dt.timedelta(weeks=OPEN_WEEKS)
    staff = ensure_staff()
    office = Office.objects.first()
    deferral_days = office.deferral_days if office else rules.DEFAULT_DEFERRAL_DAYS
    bank = bank_in_force()
    # Fetch every batch first: saving changes the rows the query selects.
    for batch_facts in list(pending(cutoff)):
        batch = _Batch(staff, bank, deferral_days, now, summary)
        for facts in batch_facts:
            batch.tell(facts, seed)
        batch.save()
        if progress is not None:
            progress(len(batch_facts))
    return summary


def describe(summary: Summary) -> str:
    """One line for the demo command's output."""
    outcomes = summary.outcomes
    return _(
        "Demo history: %(count)d applications interviewed (%(deep)d deep interviews) and "
        "decided: %(issued)d issued, %(deferred)d still deferred, %(refused)d refused, "
        "%(cancelled)d cancelled, %(pending)d awaiting sign-off."
    ) % {
        "count": summary.applications,
        "deep": summary.deep_interviews,
        "issued": outcomes.get(Status.ISSUED, 0),
        "deferred": outcomes.get(Status.DEFERRED, 0),
        "refused": outcomes.get(Status.REFUSED, 0),
        "cancelled": outcomes.get(Status.CANCELLED, 0),
        "pending": outcomes.get(Status.DECISION_PENDING, 0),
    }
