"""The reports' drill-down: the application list filtered by what happened to applications.

Every figure of the dashboard links to the application list with filters that select
exactly the applications it counts: what happened to them (a decision, an interview,
a ring, a referral), when, and who did it. Those filters read the apps above
applications, so they live here and join the list through `LIST_FILTERS` (registered
in ReportsConfig.ready). The conditions are `Exists` subqueries, so an application
matches once however many rows it has there, and the page costs no extra query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from waspada.core.forms import BoundedDateField
from waspada.decisions.models import Decision, DecisionState, Outcome, ReasonCode
from waspada.interviews.models import InterviewKind, InterviewSession
from waspada.networks.models import RingMembership
from waspada.networks.queries import latest_run
from waspada.partners.models import Referral

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# What `event_from`/`event_to` date: the filters on the same row follow it.
EVENT_DECIDED = "decided"  # a decision came into force
EVENT_INTERVIEWED = "interviewed"  # an interview started
EVENT_PROPOSED = "proposed"  # a decision was proposed
EVENT_REVIEWED = "reviewed"  # a proposal was signed off or returned
EVENT_REFERRED = "referred"  # the application was referred to a partner agency
EVENTS = (EVENT_DECIDED, EVENT_INTERVIEWED, EVENT_PROPOSED, EVENT_REVIEWED, EVENT_REFERRED)

EVENT_CHOICES = [
    ("", "—"),
    (EVENT_DECIDED, _("Decision in force")),
    (EVENT_INTERVIEWED, _("Interview")),
    (EVENT_PROPOSED, _("Decision proposed")),
    (EVENT_REVIEWED, _("Signed off or returned")),
    (EVENT_REFERRED, _("Referred to a partner")),
]


@dataclass(frozen=True)
class DrillDown:
    """The drill-down filters asked for; every field optional."""

    # What happened to the application.
    outcome: str = ""  # an outcome of a decision in force
    reason: str = ""  # the reason code of a decision in force
    interview: str = ""  # the kind of an interview held
    ring: bool = False  # member of a risky ring of the latest detection run
    referred: bool = False  # referred to a partner agency
    # Who did it (user names).
    interviewer: str = ""
    proposed_by: str = ""
    reviewed_by: str = ""
    # When it happened: the same decision, interview or referral as the conditions above.
    event: str = ""  # a key of EVENTS
    event_from: dt.date | None = None
    event_to: dt.date | None = None

    @classmethod
    def of(cls, values: Mapping[str, Any]) -> DrillDown:
        return cls(**{f.name: values[f.name] for f in fields(cls) if f.name in values})


class DrillDownFilter:
    """The drill-down filters on the application list (a `ListFilter`)."""

    def fields(self) -> dict[str, forms.Field]:
        every = [("", _("All"))]
        return {
            "outcome": forms.ChoiceField(
                label=_("Decision in force"), required=False, choices=every + Outcome.choices
            ),
            "reason": forms.ChoiceField(
                label=_("Reason of the decision"),
                required=False,
                choices=every + ReasonCode.choices,
            ),
            "interview": forms.ChoiceField(
                label=_("Interview held"), required=False, choices=every + InterviewKind.choices
            ),
            "ring": forms.BooleanField(label=_("In a risky ring"), required=False),
            "referred": forms.BooleanField(label=_("Referred to a partner agency"), required=False),
            "interviewer": forms.CharField(label=_("Interviewed by (user name)"), required=False),
            "proposed_by": forms.CharField(
                label=_("Decision proposed by (user name)"), required=False
            ),
            "reviewed_by": forms.CharField(
                label=_("Signed off or returned by (user name)"), required=False
            ),
            "event": forms.ChoiceField(
                label=_("Dated activity"),
                required=False,
                choices=EVENT_CHOICES,
                help_text=_("What the two dates below refer to."),
            ),
            "event_from": BoundedDateField(label=_("Activity from"), required=False, widget=_DATE),
            "event_to": BoundedDateField(label=_("Activity until"), required=False, widget=_DATE),
        }

    def clean(self, form: forms.Form, data: Mapping[str, Any]) -> None:
        start, end = data.get("event_from"), data.get("event_to")
        if start and end and start > end:
            form.add_error("event_to", _("The end date is before the start date."))
        if (start or end) and not data.get("event"):
            form.add_error("event", _("Choose what the activity dates refer to."))

    def conditions(self, values: Mapping[str, Any]) -> list[Exists | Q]:
        filters = DrillDown.of(values)
        conditions: list[Exists | Q] = []
        decision = decision_condition(filters)
        if decision is not None:
            conditions.append(Exists(Decision.objects.filter(decision, application=OuterRef("pk"))))
        interview = interview_condition(filters)
        if interview is not None:
            conditions.append(
                Exists(InterviewSession.objects.filter(interview, application=OuterRef("pk")))
            )
        referral = referral_condition(filters)
        if referral is not None:
            through = Referral.applications.through.objects.filter(
                referral, passportapplication=OuterRef("pk")
            )
            conditions.append(Exists(through))
        if filters.ring:
            run = latest_run()
            conditions.append(ring_members(run.pk if run else None))
        return conditions


def local_day_range(
    start: dt.date | None, end: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """[start, end] in calendar days of the office's time zone as [from, before) instants,
    so that a timestamp index can answer (`__date` would wrap the column in a function)."""

    def midnight(day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    return (
        midnight(start) if start else None,
        midnight(end + dt.timedelta(days=1)) if end else None,
    )


def instant_range(field: str, start: dt.date | None, end: dt.date | None) -> Q:
    """Timestamps `field` on the days from `start` to `end` (either may be open)."""
    since, before = local_day_range(start, end)
    condition = Q()
    if since is not None:
        condition &= Q(**{f"{field}__gte": since})
    if before is not None:
        condition &= Q(**{f"{field}__lt": before})
    return condition


def decision_condition(filters: DrillDown) -> Q | None:
    """What the application's decision must be, or None when the filters ask nothing."""
    condition, asked = Q(), False
    if filters.outcome or filters.reason or filters.event == EVENT_DECIDED:
        condition &= Q(state=DecisionState.IN_FORCE)
        asked = True
    if filters.outcome:
        condition &= Q(outcome=filters.outcome)
    if filters.reason:
        condition &= Q(reason_code=filters.reason)
    if filters.proposed_by or filters.event == EVENT_PROPOSED:
        asked = True
    if filters.proposed_by:
        condition &= Q(proposed_by__username=filters.proposed_by)
    if filters.reviewed_by or filters.event == EVENT_REVIEWED:
        condition &= Q(reviewed_by__isnull=False)
        asked = True
    if filters.reviewed_by:
        condition &= Q(reviewed_by__username=filters.reviewed_by)
    dated = {
        EVENT_DECIDED: "in_force_at",
        EVENT_PROPOSED: "proposed_at",
        EVENT_REVIEWED: "reviewed_at",
    }
    if filters.event in dated:
        condition &= instant_range(dated[filters.event], filters.event_from, filters.event_to)
    return condition if asked else None


def interview_condition(filters: DrillDown) -> Q | None:
    """What the application's interview must be, or None when the filters ask nothing."""
    if not (filters.interview or filters.interviewer or filters.event == EVENT_INTERVIEWED):
        return None
    condition = Q()
    if filters.interview:
        condition &= Q(kind=filters.interview)
    if filters.interviewer:
        condition &= Q(interviewer__username=filters.interviewer)
    if filters.event == EVENT_INTERVIEWED:
        condition &= instant_range("started_at", filters.event_from, filters.event_to)
    return condition


def referral_condition(filters: DrillDown) -> Q | None:
    if not (filters.referred or filters.event == EVENT_REFERRED):
        return None
    if filters.event == EVENT_REFERRED:
        return instant_range("referral__referred_at", filters.event_from, filters.event_to)
    return Q()


def ring_members(run_id: int | None) -> Q:
    """The application belongs to a risky ring of this detection run.

    An uncorrelated IN (...): the few hundred members are found once, where a correlated
    EXISTS led SQLite to walk every cluster of the run for every application.
    """
    members = RingMembership.objects.filter(cluster__run_id=run_id, cluster__risky=True)
    return Q(pk__in=members.values("application_id"))
