"""The police: alerts the office sent to the unit (each look recorded, acknowledged as on
the web) and the unit's submissions of wanted persons and known brokers, which enter a
watchlist once a supervisor of the office accepts them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.functions import Coalesce
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from waspada.api import problems
from waspada.api.endpoints.common import (
    ListQuery,
    answers,
    get_answers,
    listed,
    no_nul,
    one,
    own,
)
from waspada.api.main import calling, needs, note_objects
from waspada.api.scopes import Scope
from waspada.core.policy import Action
from waspada.partners import alerts
from waspada.partners.forms import SubmissionForm
from waspada.partners.models import PoliceAlert, Submission

router = Router(tags=["Police"])


class AlertOut(Schema):
    id: int
    kind: str = Field(description="wanted (an applicant matches a wanted person) or ring")
    subject: str
    details: list[str] = Field(description="what the unit reads, copied when sent")
    note: str
    sent_at: dt.datetime
    status: str = Field(description="sent or acknowledged")
    acknowledged_at: dt.datetime | None


class AlertPage(Schema):
    items: list[AlertOut]
    next_cursor: str | None


def _alert(alert: PoliceAlert) -> dict[str, Any]:
    fields = {name: getattr(alert, name) for name in AlertOut.model_fields}
    # In the client's language, as the police unit's page shows them.
    return {**fields, "subject": alert.heading, "details": alert.details_read()}


@router.get(
    "/alerts",
    response=get_answers(AlertPage),
    summary="Alerts sent to your police unit",
    auth=needs(Scope.ALERTS_READ, Action.VIEW_ALERTS),
)
def list_alerts(request: HttpRequest, query: Query[ListQuery]) -> Any:
    _client, rows = own(request, Scope.ALERTS_READ, Action.VIEW_ALERTS, PoliceAlert)
    return listed(request, rows, query, changed=Coalesce("acknowledged_at", "sent_at"), out=_alert)


@router.get(
    "/alerts/{int:alert_id}",
    response=get_answers(AlertOut, 404),
    summary="An alert (the look is recorded)",
    auth=needs(Scope.ALERTS_READ, Action.VIEW_ALERTS),
)
def read_alert(request: HttpRequest, alert_id: int) -> Any:
    client, alert = one(
        request, Scope.ALERTS_READ, Action.VIEW_ALERTS, PoliceAlert, alert_id, "agency"
    )
    alerts.record_alert_view(alert, acting_user=client.user, request=request)
    return _alert(alert)


@router.post(
    "/alerts/{int:alert_id}/acknowledge",
    response=answers(AlertOut, 404),
    summary="Tell the office your unit received the alert",
    auth=needs(Scope.ALERTS_ANSWER, Action.VIEW_ALERTS),
)
def acknowledge_alert(request: HttpRequest, alert_id: int) -> Any:
    """Acknowledging an acknowledged alert changes nothing (its first acknowledgement
    stays)."""
    client, alert = one(request, Scope.ALERTS_ANSWER, Action.VIEW_ALERTS, PoliceAlert, alert_id)
    return _alert(alerts.acknowledge_alert(alert, acting_user=client.user, request=request))


# --- Submissions to the watchlists ------------------------------------------------------------


class SubmissionIn(Schema):
    """What the unit's web form takes, with the same checks and messages."""

    list_type: str = Field(max_length=20, description="wanted or known_broker")
    full_name: str = Field(max_length=300)
    aliases: str = Field("", max_length=500, description="separated by ;")
    nik: str = Field("", max_length=40, description="16 digits")
    birth_date: str = Field("", max_length=40, description="ISO date, e.g. 1985-07-09")
    sex: str = Field("", max_length=1, description="L or P")
    phone: str = Field("", max_length=40, description="E.164, e.g. +6281234567890")
    basis: str = Field(max_length=300, description="warrant, DPO or case number")
    note: str = Field("", max_length=2000)


class SubmissionOut(Schema):
    id: int
    list_type: str
    full_name: str
    aliases: str
    nik: str
    birth_date: dt.date | None
    sex: str
    phone: str
    basis: str
    note: str
    submitted_at: dt.datetime
    state: str = Field(description="pending, accepted or rejected (by a supervisor)")
    decided_at: dt.datetime | None
    decision_note: str


class SubmissionPage(Schema):
    items: list[SubmissionOut]
    next_cursor: str | None


def _submission(submission: Submission) -> dict[str, Any]:
    return {name: getattr(submission, name) for name in SubmissionOut.model_fields}


@router.post(
    "/watchlist-submissions",
    response=answers(SubmissionOut, status=201),
    summary="Submit a wanted person or a known broker",
    auth=needs(Scope.WATCHLIST_SUBMIT, Action.SUBMIT_TO_WATCHLISTS),
)
def submit_to_watchlists(request: HttpRequest, payload: SubmissionIn) -> Any:
    """It waits for a supervisor of the office, who accepts it into your unit's watchlist
    of its type or rejects it with a reason: follow its `state`."""
    client = calling(request, Scope.WATCHLIST_SUBMIT, Action.SUBMIT_TO_WATCHLISTS)
    no_nul(payload.model_dump())
    form = SubmissionForm(payload.model_dump())
    if not form.is_valid():
        raise problems.from_form(form)
    submission = alerts.submit(
        client.agency, acting_user=client.user, request=request, **form.cleaned_data
    )
    note_objects(request, submission.pk)
    return Status(201, _submission(submission))


@router.get(
    "/watchlist-submissions",
    response=get_answers(SubmissionPage),
    summary="Your unit's submissions, with their state",
    auth=needs(Scope.WATCHLIST_SUBMIT, Action.SUBMIT_TO_WATCHLISTS),
)
def list_submissions(request: HttpRequest, query: Query[ListQuery]) -> Any:
    _client, rows = own(request, Scope.WATCHLIST_SUBMIT, Action.SUBMIT_TO_WATCHLISTS, Submission)
    return listed(
        request, rows, query, changed=Coalesce("decided_at", "submitted_at"), out=_submission
    )


@router.get(
    "/watchlist-submissions/{int:submission_id}",
    response=get_answers(SubmissionOut, 404),
    summary="One of your unit's submissions",
    auth=needs(Scope.WATCHLIST_SUBMIT, Action.SUBMIT_TO_WATCHLISTS),
)
def read_submission(request: HttpRequest, submission_id: int) -> Any:
    _client, submission = one(
        request, Scope.WATCHLIST_SUBMIT, Action.SUBMIT_TO_WATCHLISTS, Submission, submission_id
    )
    return _submission(submission)
