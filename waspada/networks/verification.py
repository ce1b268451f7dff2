"""Verification tasks: values screening met that the registry of licensed organisers does
not know. Unknown is not bad: it is to be verified.

Two kinds of value, one task per value however many applications name it:

- a *recruiter* with a licence number the registry does not know (opened when an
  application is saved: the after-save hook `open_recruiter_verifications`);
- the *organiser* an organiser-led group names as sponsor or companion (opened when ring
  detection finds the group: `open_group_verifications`).

Until a supervisor resolves a task, the applications naming its value carry a note on
their assessment ("not verified") and their score does not move. A supervisor then

- *registers* the organiser (through the audited `organisers.save_organiser`): the value
  is known from then on, the note goes;
- *marks it suspicious* with a written reason: the indicator counts on the applications
  naming it (D21 for a recruiter, D18 for a group's organiser);
- or *dismisses* it with a written reason: the value stays unknown, the note stays.

Each is one function here, audited ("networks.verification_..."); the applications naming
the value are re-screened at once (a few hundred) or in the background (more).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.applications.models import PassportApplication
from waspada.core import audit
from waspada.core.audit_actions import AuditAction, names_of
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.core.registries import RegistryStatus, table_status
from waspada.domain import network
from waspada.domain.evidence import Reason
from waspada.domain.parties import party_is_organisation
from waspada.domain.screening import Fact, Note
from waspada.networks.models import (
    LicensedOrganiser,
    NetworkKey,
    OrganiserKind,
    VerificationKind,
    VerificationState,
    VerificationSubject,
    VerificationTask,
)
from waspada.networks.organisers import save_organiser
from waspada.screening.context import OPEN_STATUSES
from waspada.screening.services import rescreen_for_fact

# At most this many applications are re-screened at once when a task is resolved; more
# are queued for the background worker.
RESCREEN_NOW = 500
BATCH_SIZE = 1000
LICENCE_PREFIX = "licence:"  # a recruiter task's key is the licence's link key
_TASK = VerificationTask._meta.label_lower
# The audit actions that change the registry: by file, and by hand (each under its
# current and any older name).
ORGANISER_IMPORTS = names_of(AuditAction.ORGANISERS_IMPORTED)
ORGANISER_CHANGES = names_of(
    AuditAction.ORGANISER_CREATED,
    AuditAction.ORGANISER_UPDATED,
    AuditAction.ORGANISER_DEACTIVATED,
    AuditAction.ORGANISER_REACTIVATED,
)


def _chunks(values: Iterable[int], size: int = BATCH_SIZE) -> Iterator[list[int]]:
    iterator = iter(values)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- The registry as screening sees it ----------------------------------------------------


def registry_status() -> RegistryStatus:
    """The registry of licensed organisers: organisers in force, last update, sources."""
    return table_status(
        LicensedOrganiser.objects.all(),
        in_force=Q(active=True),
        imports=ORGANISER_IMPORTS,
        changes=ORGANISER_CHANGES,
    )


class OrganiserRegistry:
    """The registry of licensed organisers, as the assessments list it."""

    name = "organisers"

    @property
    def label(self) -> str:
        return _("registry of licensed organisers (PPIU, PIHK, P3MI)")

    def status(self) -> RegistryStatus:
        return registry_status()


def _known_licences() -> set[str]:
    licences = LicensedOrganiser.objects.filter(active=True).values_list("licence_no", flat=True)
    return {key for key in map(network.licence_key, licences) if key}


def _known_names() -> set[str]:
    names = LicensedOrganiser.objects.filter(active=True).values_list("name", flat=True)
    return {key for key in map(network.name_key, names) if key}


@dataclass(frozen=True)
class RecruiterValue:
    key: str  # LICENCE_PREFIX + the licence key
    name: str
    licence_no: str

    @property
    def licence(self) -> str:
        return self.key.removeprefix(LICENCE_PREFIX)


def recruiter_value(name: str, licence_no: str) -> RecruiterValue | None:
    """The value a recruiter gives to verify: a name with a licence number (a recruiter
    without a number, or not named, is D21's own business)."""
    key = network.licence_key(licence_no) if name.strip() else None
    if key is None:
        return None
    return RecruiterValue(LICENCE_PREFIX + key, name.strip(), licence_no.strip())


def task_key(kind: str, name: str, licence_no: str) -> str | None:
    """The key of a value as a task of `kind` holds it (None: nothing to compare)."""
    if kind == VerificationKind.RECRUITER:
        value = recruiter_value(name or "-", licence_no)
        return value.key if value is not None else None
    return network.name_key(name)


# --- Facts for screening ------------------------------------------------------------------


def _quote(text: str) -> str:
    return f'"{text}"'


def suspicious_line(task: VerificationTask) -> str:
    """The evidence line of a task marked suspicious (D21 or D18 quotes it)."""
    if task.kind == VerificationKind.RECRUITER:
        return (
            f"verification #{task.pk}: licence {_quote(task.licence_no)} marked suspicious "
            f"by a supervisor: {task.reason}"
        )
    return (
        f"verification #{task.pk}: the organiser {_quote(task.name)} it names was marked "
        f"suspicious by a supervisor: {task.reason}"
    )


def recruiter_facts(applications: Sequence[PassportApplication]) -> dict[int, tuple[Fact, ...]]:
    """Per application: a D21 line when its recruiter's licence was marked suspicious, a
    note when the registry does not know it (the registry says nothing either way)."""
    values = {
        app.pk: value
        for app in applications
        if (value := recruiter_value(app.recruiter_name, app.recruiter_license_no)) is not None
    }
    if not values:
        return {}
    suspicious = {
        task.key: task
        for task in VerificationTask.objects.filter(
            kind=VerificationKind.RECRUITER,
            state=VerificationState.SUSPICIOUS,
            key__in={value.key for value in values.values()},
        )
    }
    known = _known_licences()
    facts: dict[int, tuple[Fact, ...]] = {}
    for application_id, value in values.items():
        task = suspicious.get(value.key)
        if task is not None:
            facts[application_id] = (suspicious_line(task),)
        elif value.licence not in known:
            reason = Reason.of("recruiter_unknown", name=value.name, licence=value.licence_no)
            facts[application_id] = (Note("D21", reason),)
    return facts


def _organisations_named(app: PassportApplication) -> set[str]:
    keys = set()
    for name, relation in (
        (app.sponsor_name, app.sponsor_relation),
        (app.companion_name, app.companion_relation),
    ):
        if name and party_is_organisation(name, relation):
            key = network.name_key(name)
            if key:
                keys.add(key)
    return keys


def organiser_facts(applications: Sequence[PassportApplication]) -> dict[int, list[Fact]]:
    """Per application: a D18 line when it names a group organiser marked suspicious, a
    note when it is in a group whose organiser is still to be verified (or was dismissed)."""
    ids = [app.pk for app in applications]
    if not ids:
        return {}
    named = {app.pk: _organisations_named(app) for app in applications}
    suspicious = {
        task.key: task
        for task in VerificationTask.objects.filter(
            kind=VerificationKind.ORGANISER,
            state=VerificationState.SUSPICIOUS,
            key__in=set().union(*named.values()),
        )
    }
    pending: defaultdict[int, list[VerificationTask]] = defaultdict(list)
    subjects = VerificationSubject.objects.filter(
        application_id__in=ids,
        task__kind=VerificationKind.ORGANISER,
        task__state__in=(VerificationState.OPEN, VerificationState.DISMISSED),
    ).select_related("task")
    for subject in subjects:
        pending[subject.application_id].append(subject.task)
    known = _known_names() if pending else set()
    facts: dict[int, list[Fact]] = {}
    for app_id in ids:
        lines: list[Fact] = [
            suspicious_line(t) for k, t in suspicious.items() if k in named[app_id]
        ]
        lines += [
            Note("D18", Reason.of("organiser_unknown", name=task.name))
            for task in pending.get(app_id, ())
            if task.key not in known
        ]
        if lines:
            facts[app_id] = lines
    return facts


# --- Opening tasks ------------------------------------------------------------------------


@dataclass
class _Found:
    """A value found on some applications: its spellings and the applications naming it."""

    names: Counter[str] = field(default_factory=Counter)
    licence_no: str = ""
    members: set[int] = field(default_factory=set)
    fresh: bool = False  # one of them gives reason to open a task

    def name(self) -> str:
        return min(self.names.items(), key=lambda item: (-item[1], item[0]))[0]


def _open_or_join(
    kind: str, found: dict[str, _Found], numbers: dict[int, str], actor: User | None
) -> set[int]:
    """Add the applications to the tasks of their values, opening the tasks missing (when
    `fresh`); returns the applications added."""
    if not found:
        return set()
    tasks = {t.key: t for t in VerificationTask.objects.filter(kind=kind, key__in=list(found))}
    opened: set[int] = set()
    for key, value in found.items():
        if key not in tasks and value.fresh:
            task, created = VerificationTask.objects.get_or_create(
                kind=kind,
                key=key,
                defaults={"name": value.name()[:200], "licence_no": value.licence_no[:100]},
            )
            tasks[key] = task
            if created:
                opened.add(task.pk)
    wanted = {key: tasks[key] for key in found if key in tasks}
    if not wanted:
        return set()
    have = set(
        VerificationSubject.objects.filter(
            task__in=list(wanted.values()),
            application_id__in={m for key in wanted for m in found[key].members},
        ).values_list("task_id", "application_id")
    )
    now = timezone.now()
    rows = []
    events = []
    added: set[int] = set()
    for key, task in wanted.items():
        new = sorted(m for m in found[key].members if (task.pk, m) not in have)
        if not new:
            continue
        rows += [VerificationSubject(task=task, application_id=m, added_at=now) for m in new]
        added.update(new)
        named = {"applications": [numbers.get(m, str(m)) for m in new][:200]}
        if task.pk in opened:
            licence = f" ({task.licence_no})" if task.licence_no else ""
            events.append(
                audit.event(
                    AuditAction.VERIFICATION_OPENED,
                    said(
                        gettext_noop(
                            "Verification #%(task)s opened: %(kind)s %(name)s%(licence)s is not "
                            "in the registry of licensed organisers (%(count)s application(s))"
                        ),
                        task=task.pk,
                        kind=VerificationKind(task.kind).label,
                        name=task.name,
                        licence=licence,
                        count=len(new),
                    ),
                    actor=actor,
                    object_type=_TASK,
                    object_id=str(task.pk),
                    details={"kind": kind, "name": task.name, "licence": task.licence_no, **named},
                )
            )
        else:
            events.append(
                audit.event(
                    AuditAction.VERIFICATION_JOINED,
                    said(
                        gettext_noop(
                            "Verification #%(task)s (%(name)s): %(count)s more application(s) "
                            "name it"
                        ),
                        task=task.pk,
                        name=task.name,
                        count=len(new),
                    ),
                    actor=actor,
                    object_type=_TASK,
                    object_id=str(task.pk),
                    details=named,
                )
            )
    VerificationSubject.objects.bulk_create(rows, batch_size=BATCH_SIZE, ignore_conflicts=True)
    audit.record_many(events)
    return added


def open_recruiter_verifications(
    application_ids: Sequence[int], *, trigger: str, acting_user: User | None
) -> None:
    """After-save hook (after screening): the applications whose recruiter gives a licence
    number the registry does not know join that value's task. A task is opened when one of
    them has no D21 of its own (a number that cannot be a licence is D21 already, and
    verifying it adds nothing)."""
    known: set[str] | None = None
    for chunk in _chunks(application_ids):
        rows = PassportApplication.objects.filter(pk__in=chunk).values_list(
            "pk", "application_no", "recruiter_name", "recruiter_license_no", "risk_indicators"
        )
        found: dict[str, _Found] = {}
        numbers: dict[int, str] = {}
        for pk, number, name, licence, indicators in rows:
            value = recruiter_value(name, licence)
            if value is None:
                continue
            if known is None:
                known = _known_licences()
            if value.licence in known:
                continue
            item = found.setdefault(value.key, _Found(licence_no=value.licence_no))
            item.names[value.name] += 1
            item.members.add(pk)
            item.fresh = item.fresh or "D21" not in indicators.split(";")
            numbers[pk] = number
        if found:
            with transaction.atomic():
                _open_or_join(VerificationKind.RECRUITER, found, numbers, acting_user)


def open_group_verifications(
    groups: Iterable[Sequence[network.ApplicationNode]],
    *,
    registry: network.Registry,
    acting_user: User | None,
) -> set[int]:
    """For organiser-led groups (their members' nodes): the organiser each names, when the
    registry does not know it, gets a task listing the members naming it. Returns the
    applications not yet decided that were added (their assessments get the note)."""
    found: dict[str, _Found] = {}
    numbers: dict[int, str] = {}
    for nodes in groups:
        organiser = network.group_organiser(nodes, registry)
        if organiser is None:
            continue
        item = found.setdefault(organiser.key, _Found(fresh=True))
        item.names[organiser.name] += len(organiser.members)
        item.members.update(organiser.members)
        numbers.update((node.id, node.application_no) for node in nodes)
    added = _open_or_join(VerificationKind.ORGANISER, found, numbers, acting_user)
    if not added:
        return set()
    return set(
        PassportApplication.objects.filter(pk__in=list(added), status__in=OPEN_STATUSES)
        .values_list("pk", flat=True)
        .iterator()
    )


# --- Resolving tasks ----------------------------------------------------------------------


class VerificationResolved(UserFacingError):
    """Somebody resolved the task since the page was loaded."""

    def __init__(self, task: VerificationTask) -> None:
        super().__init__(f"verification {task.pk} is {task.state}")
        self.task = task

    def __str__(self) -> str:
        return _(
            "This verification was resolved in the meantime (now: %(state)s); nothing was saved."
        ) % {"state": self.task.get_state_display()}


class NotTheValue(UserFacingError):
    """What the supervisor registers is not the value the applications give."""

    def __init__(self, task: VerificationTask) -> None:
        super().__init__(f"not the value of verification {task.pk}")
        self.task = task

    def form_errors(self) -> list[tuple[str, str]]:
        if self.task.kind == VerificationKind.RECRUITER:
            return [
                (
                    "licence_no",
                    _(
                        "Register the licence number the applications give (%(licence)s): "
                        "another number leaves theirs unknown."
                    )
                    % {"licence": self.task.licence_no},
                )
            ]
        return [
            (
                "name",
                _(
                    "Register the name the applications give (%(name)s; titles, capitals "
                    "and punctuation aside): another name leaves the group's organiser unknown."
                )
                % {"name": self.task.name},
            )
        ]

    def __str__(self) -> str:
        return self.form_errors()[0][1]


def _locked_open(task: VerificationTask) -> VerificationTask:
    current = VerificationTask.objects.select_for_update().get(pk=task.pk)
    if current.state != VerificationState.OPEN:
        raise VerificationResolved(current)
    return current


def _close(
    task: VerificationTask, state: str, acting_user: User, reason: str = ""
) -> VerificationTask:
    task.state = state
    task.reason = reason[:500]
    task.resolved_by = acting_user
    task.resolved_at = timezone.now()
    task.save(update_fields=["state", "reason", "resolved_by", "resolved_at", "organiser"])
    return task


def known_now(task: VerificationTask) -> bool:
    """Whether the registry knows the task's value now (registered meanwhile, by hand or
    by an import): the applications' notes go at their next assessment."""
    if task.kind == VerificationKind.RECRUITER:
        return task.key.removeprefix(LICENCE_PREFIX) in _known_licences()
    return task.key in _known_names()


def naming_applications(task: VerificationTask) -> list[int]:
    """Applications not yet decided that name the task's value: its subjects, and any
    other application giving the value (linked since, or saved in a big import)."""
    if task.kind == VerificationKind.RECRUITER:
        keys = Q(kind="recruiter", value=task.key)
    else:
        keys = Q(kind__in=("sponsor", "companion"), value=task.key)
    ids = set(task.subjects.values_list("application_id", flat=True))
    ids.update(NetworkKey.objects.filter(keys).values_list("application_id", flat=True))
    found: set[int] = set()
    for chunk in _chunks(sorted(ids)):
        found.update(
            PassportApplication.objects.filter(pk__in=chunk, status__in=OPEN_STATUSES).values_list(
                "pk", flat=True
            )
        )
    return sorted(found)


def rescreen_naming(task: VerificationTask, acting_user: User | None) -> int:
    """Re-screen the applications naming the value: at once up to `RESCREEN_NOW`, queued
    for the background worker beyond; returns how many were (or will be) re-screened."""
    return rescreen_for_fact(
        naming_applications(task),
        description=said(
            gettext_noop("verification #%(id)s resolved (%(state)s)"),
            id=task.pk,
            state=VerificationState(task.state).label,
        ),
        acting_user=acting_user,
        at_once=RESCREEN_NOW,
    )


def register_verification(
    task: VerificationTask,
    *,
    acting_user: User,
    kind: str,
    name: str,
    licence_no: str,
    phones: list[str],
    request: HttpRequest | None = None,
) -> LicensedOrganiser:
    """Verified: register the organiser in the registry (audited there too) and close the
    task; the applications naming it are re-screened (their note goes)."""
    if task_key(task.kind, name, licence_no) != task.key:
        raise NotTheValue(task)
    with transaction.atomic():
        task = _locked_open(task)
        organiser = save_organiser(
            None,
            acting_user=acting_user,
            kind=kind,
            name=name,
            licence_no=licence_no,
            phones=phones,
            request=request,
        )
        task.organiser = organiser
        _close(task, VerificationState.REGISTERED, acting_user)
        audit.record(
            AuditAction.VERIFICATION_REGISTERED,
            said(
                gettext_noop(
                    "Verification #%(task)s (%(name)s): verified and registered as %(kind)s "
                    "%(organiser)s (%(licence)s)"
                ),
                task=task.pk,
                name=task.name,
                kind=OrganiserKind(organiser.kind).label,
                organiser=organiser.name,
                licence=organiser.licence_no,
            ),
            actor=acting_user,
            obj=task,
            details={"organiser": organiser.pk, "kind": kind, "licence": licence_no},
            request=request,
        )
    rescreen_naming(task, acting_user)
    return organiser


def _close_for(
    task: VerificationTask,
    state: str,
    action: AuditAction,
    summary: str,
    *,
    acting_user: User,
    reason: str,
    request: HttpRequest | None,
) -> VerificationTask:
    """Close an open task as `state` with the supervisor's reason, audited (`summary`
    names the task, its value and the reason)."""
    with transaction.atomic():
        task = _locked_open(task)
        _close(task, state, acting_user, reason)
        audit.record(
            action,
            said(summary, task=task.pk, name=task.name, reason=reason),
            actor=acting_user,
            obj=task,
            details={"reason": task.reason, "kind": task.kind},
            request=request,
        )
    return task


def mark_suspicious(
    task: VerificationTask,
    *,
    acting_user: User,
    reason: str,
    request: HttpRequest | None = None,
) -> int:
    """Suspicious: from now on the indicator counts on the applications naming the value
    (D21 for a recruiter, D18 for a group's organiser), quoting `reason`. Returns how
    many applications are re-screened."""
    task = _close_for(
        task,
        VerificationState.SUSPICIOUS,
        AuditAction.VERIFICATION_MARKED_SUSPICIOUS,
        gettext_noop("Verification #%(task)s (%(name)s) marked suspicious: %(reason)s"),
        acting_user=acting_user,
        reason=reason,
        request=request,
    )
    return rescreen_naming(task, acting_user)


def dismiss_verification(
    task: VerificationTask,
    *,
    acting_user: User,
    reason: str,
    request: HttpRequest | None = None,
) -> VerificationTask:
    """Dismissed: nothing to register, nothing suspicious; the value stays unknown (and the
    applications keep their note)."""
    return _close_for(
        task,
        VerificationState.DISMISSED,
        AuditAction.VERIFICATION_DISMISSED,
        gettext_noop("Verification #%(task)s (%(name)s) dismissed: %(reason)s"),
        acting_user=acting_user,
        reason=reason,
        request=request,
    )


class NotReopenable(UserFacingError):
    """Only a task marked suspicious or dismissed is reopened; a registered value is in the
    registry, where it is deactivated if it was wrong."""

    def __init__(self, task: VerificationTask) -> None:
        super().__init__(f"verification {task.pk} is {task.state}")
        self.task = task

    def __str__(self) -> str:
        if self.task.state == VerificationState.REGISTERED:
            return _(
                "A registered organiser is not reopened here: deactivate it in the registry "
                "if it was registered by mistake."
            )
        return _("This verification is open already; nothing was saved.")


def reopen_verification(
    task: VerificationTask,
    *,
    acting_user: User,
    reason: str,
    request: HttpRequest | None = None,
) -> int:
    """Reopen a task marked suspicious or dismissed by mistake (the reason is kept in the
    audit trail). A suspicious value stops counting: the applications naming it are
    re-screened; returns how many."""
    with transaction.atomic():
        current = VerificationTask.objects.select_for_update().get(pk=task.pk)
        if current.state not in (VerificationState.SUSPICIOUS, VerificationState.DISMISSED):
            raise NotReopenable(current)
        was = current.state
        earlier = current.reason
        current.state = VerificationState.OPEN
        current.reason = ""
        current.resolved_by = None
        current.resolved_at = None
        current.save(update_fields=["state", "reason", "resolved_by", "resolved_at"])
        audit.record(
            AuditAction.VERIFICATION_REOPENED,
            said(
                gettext_noop(
                    "Verification #%(task)s (%(name)s) reopened (was %(was)s): %(reason)s"
                ),
                task=current.pk,
                name=current.name,
                was=VerificationState(was).label,
                reason=reason,
            ),
            actor=acting_user,
            obj=current,
            details={"reason": reason[:500], "was": was, "earlier_reason": earlier},
            request=request,
        )
    return rescreen_naming(current, acting_user) if was == VerificationState.SUSPICIOUS else 0


def _recruiter_unknown(reason: Reason) -> str:
    return _(
        "Not verified: the recruiter %(name)s (licence %(licence)s) is not in the registry "
        "of licensed organisers."
    ) % {"name": reason.param("name"), "licence": reason.param("licence")}


def _organiser_unknown(reason: Reason) -> str:
    return _(
        "Not verified: the organiser %(name)s leading this group is not in the registry of "
        "licensed organisers."
    ) % {"name": reason.param("name")}


# The words of the notes this module gives (registered as screening's note texts).
NOTE_RENDERINGS = {
    "recruiter_unknown": _recruiter_unknown,
    "organiser_unknown": _organiser_unknown,
}


def open_count(user: object = None) -> int:
    """Tasks waiting for a supervisor (the menu shows the number)."""
    return VerificationTask.objects.filter(state=VerificationState.OPEN).count()
