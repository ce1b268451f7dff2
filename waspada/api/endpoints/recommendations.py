"""Disnaker: its register of recommendations and the verification requests sent to it."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Body, Field, Query, Router, Schema
from pydantic import BaseModel

from waspada.api import problems
from waspada.api.endpoints.common import ListQuery, answers, get_answers, listed, no_nul
from waspada.api.main import calling, needs, note_objects
from waspada.api.scopes import Scope
from waspada.core.errors import UserFacingError
from waspada.core.policy import Action, can, scope
from waspada.core.tables import escape_formula
from waspada.domain.recommendations import number_key
from waspada.partners import recommendations as rec
from waspada.partners.forms import AnswerForm, RevokeForm
from waspada.partners.models import Recommendation, RecommendationRequest
from waspada.partners.views.recommendations import _naming

router = Router(tags=["Disnaker"])
# Recommendations in one call at most (a bigger register: several calls, or the file).
MAX_BATCH = 5000


class RecommendationIn(BaseModel):
    """A row of `waspada import-recommendations`, with the same checks and messages.
    (A plain pydantic model: a batch of thousands is validated without ninja's per-object
    hooks for Django models.)"""

    recommendation_no: str = Field(max_length=100)
    issued_on: str = Field(max_length=40, description="ISO date, e.g. 2026-02-01")
    nik: str = Field(max_length=40, description="16 digits")
    full_name: str = Field(max_length=200)
    destination_country: str = Field(max_length=40, description="ISO 3166 alpha-2 code")
    employer_name: str = Field("", max_length=200)
    p3mi_name: str = Field("", max_length=200)
    p3mi_license_no: str = Field("", max_length=100)
    valid_until: str = Field(max_length=40, description="ISO date")
    status: str = Field("issued", max_length=20, description="issued or revoked")


class Registered(Schema):
    id: int
    recommendation_no: str


class RegisterOut(Schema):
    created: int
    updated: int
    unchanged: int
    rescreened: int = Field(description="applications re-screened (or queued) at once")
    recommendations: list[Registered]


class RecommendationOut(Schema):
    id: int
    recommendation_no: str
    issued_on: dt.date
    nik: str
    full_name: str
    destination_country: str
    employer_name: str
    p3mi_name: str
    p3mi_license_no: str
    valid_until: dt.date
    status: str
    revoked_reason: str
    created_at: dt.datetime
    updated_at: dt.datetime


class RecommendationPage(Schema):
    items: list[RecommendationOut]
    next_cursor: str | None


class RegisterQuery(ListQuery):
    recommendation_no: str | None = Field(
        None,
        max_length=100,
        description="only the recommendation with this number (written as on the letter: "
        "spaces and case do not matter)",
    )


class RevokeIn(Schema):
    reason: str = Field(max_length=1000)


def _out(record: Recommendation) -> dict[str, Any]:
    fields = {
        name: getattr(record, name)
        for name in RecommendationOut.model_fields
        if name not in {"id", "recommendation_no"}
    }
    return {**fields, "recommendation_no": record.number, "id": record.pk}


def _as_csv(rows: list[RecommendationIn]) -> str:
    """The rows as the file `waspada import-recommendations` reads (every value written
    as given: a leading formula character is escaped as an export does)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(rec.COLUMNS)
    for row in rows:
        values = row.model_dump()
        writer.writerow([escape_formula(values[column]) for column in rec.COLUMNS])
    return out.getvalue()


@router.post(
    "/recommendations",
    response=answers(RegisterOut),
    summary="Register recommendations (one or a batch)",
    auth=needs(Scope.RECOMMENDATIONS_WRITE, Action.MANAGE_RECOMMENDATIONS),
)
def register_recommendations(
    request: HttpRequest,
    payload: RecommendationIn | list[RecommendationIn] = Body(...),  # noqa: B008
) -> Any:
    """Register (or update) recommendations your agency issued: one object or a list of
    them, with the columns of the register file. All or nothing: one invalid item and
    nothing is saved, each problem named by its item (`items[3].nik`). The applications
    naming the numbers are re-screened as after a file import."""
    client = calling(request, Scope.RECOMMENDATIONS_WRITE, Action.MANAGE_RECOMMENDATIONS)
    rows = payload if isinstance(payload, list) else [payload]
    single = not isinstance(payload, list)
    if not rows:
        raise problems.invalid([{"field": "", "message": _("Send at least one recommendation.")}])
    if len(rows) > MAX_BATCH:
        raise problems.invalid(
            [
                {
                    "field": "",
                    "message": _("At most %(count)d recommendations a call.")
                    % {"count": MAX_BATCH},
                }
            ]
        )
    for index, row in enumerate(rows):
        no_nul(row.model_dump(), "" if single else f"items[{index}].")
    outcome = rec.import_recommendations(
        _as_csv(rows),
        filename="api.csv",
        agency_name=client.agency.name,
        acting_user=client.user,
        request=request,
        rescreen_now=False,
    )
    if not outcome.ok:
        errors = [
            {
                "field": (
                    problem.column if single else f"items[{problem.row - 2}].{problem.column}"
                ),
                "message": problem.message,
            }
            for problem in outcome.problems
            if not problem.notice
        ]
        detail = outcome.failure.message if outcome.failure else ""
        raise problems.invalid(errors, detail)
    numbers = [row.recommendation_no.strip() for row in rows]
    saved = dict(
        Recommendation.objects.filter(agency=client.agency, number__in=numbers).values_list(
            "number", "pk"
        )
    )
    note_objects(request, *list(saved.values())[:200])
    return {
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "rescreened": outcome.rescreened,
        "recommendations": [
            {"id": saved[number], "recommendation_no": number}
            for number in numbers
            if number in saved
        ],
    }


def _register(request: HttpRequest, needed: Scope, action: Action) -> Any:
    client = calling(request, needed, action)
    return scope(client.user, action, Recommendation.objects.all())


@router.get(
    "/recommendations",
    response=get_answers(RecommendationPage),
    summary="Your register",
    auth=needs(Scope.RECOMMENDATIONS_READ, Action.VIEW_RECOMMENDATIONS),
)
def list_recommendations(request: HttpRequest, query: Query[RegisterQuery]) -> Any:
    """With `recommendation_no`: the lookup of one number (an empty list when your
    register does not have it)."""
    records = _register(request, Scope.RECOMMENDATIONS_READ, Action.VIEW_RECOMMENDATIONS)
    if query.recommendation_no is not None:
        no_nul({"recommendation_no": query.recommendation_no})
        records = records.filter(number_key=number_key(query.recommendation_no))
    return listed(request, records, query, changed="updated_at", out=_out)


@router.get(
    "/recommendations/{int:record_id}",
    response=get_answers(RecommendationOut, 404),
    summary="One recommendation of your register",
    auth=needs(Scope.RECOMMENDATIONS_READ, Action.VIEW_RECOMMENDATIONS),
)
def read_recommendation(request: HttpRequest, record_id: int) -> Any:
    records = _register(request, Scope.RECOMMENDATIONS_READ, Action.VIEW_RECOMMENDATIONS)
    record = get_object_or_404(records, pk=record_id)
    note_objects(request, record.pk)
    return _out(record)


@router.post(
    "/recommendations/{int:record_id}/revoke",
    response=answers(RecommendationOut, 404, 409),
    summary="Revoke a recommendation",
    auth=needs(Scope.RECOMMENDATIONS_WRITE, Action.MANAGE_RECOMMENDATIONS),
)
def revoke_recommendation(request: HttpRequest, record_id: int, payload: RevokeIn) -> Any:
    """Revoke it with the reason: D03 fires on the applications naming it."""
    records = _register(request, Scope.RECOMMENDATIONS_WRITE, Action.MANAGE_RECOMMENDATIONS)
    record = get_object_or_404(records, pk=record_id)
    note_objects(request, record.pk)
    no_nul(payload.model_dump())
    form = RevokeForm(payload.model_dump())
    if not form.is_valid():
        raise problems.from_form(form)
    try:
        record = rec.revoke_recommendation(
            record,
            reason=form.cleaned_data["reason"],
            acting_user=request.auth.user,  # type: ignore[attr-defined]
            request=request,
        )
    except rec.AlreadyRevoked as exc:
        raise problems.conflict(str(exc)) from None
    return _out(record)


# --- Verification requests ------------------------------------------------------------------


class NamingApplication(Schema):
    application_no: str
    submitted_on: dt.date
    full_name: str
    nik: str
    destination_country: str
    recruiter_name: str
    recruiter_license_no: str
    status: str


class VerificationOut(Schema):
    id: int
    recommendation_no: str
    state: str
    opened_at: dt.datetime
    age_days: int
    note: str
    answered_at: dt.datetime | None


class VerificationDetail(VerificationOut):
    applications: list[NamingApplication]


class VerificationPage(Schema):
    items: list[VerificationOut]
    next_cursor: str | None


class VerificationAnswerIn(Schema):
    """`issued` registers the recommendation with its details (the number is the
    request's); `not_issued` or `revoked` need only a note."""

    answer: str = Field(max_length=20, description="issued, not_issued or revoked")
    note: str = Field("", max_length=1000)
    issued_on: str = Field("", max_length=40)
    nik: str = Field("", max_length=40)
    full_name: str = Field("", max_length=200)
    destination_country: str = Field("", max_length=40)
    employer_name: str = Field("", max_length=200)
    p3mi_name: str = Field("", max_length=200)
    p3mi_license_no: str = Field("", max_length=100)
    valid_until: str = Field("", max_length=40)


def _verification(item: RecommendationRequest) -> dict[str, Any]:
    return {
        "id": item.pk,
        "recommendation_no": item.number,
        "state": item.state,
        "opened_at": item.opened_at,
        "age_days": item.age_days,
        "note": item.note,
        "answered_at": item.answered_at,
    }


def _requests(request: HttpRequest, needed: Scope) -> Any:
    client = calling(request, needed, Action.VIEW_RECOMMENDATIONS)
    return scope(client.user, Action.VIEW_RECOMMENDATIONS, RecommendationRequest.objects.all())


@router.get(
    "/verification-requests",
    response=get_answers(VerificationPage),
    summary="Requests to verify recommendation numbers",
    auth=needs(Scope.VERIFICATIONS_READ, Action.VIEW_RECOMMENDATIONS),
)
def list_verification_requests(request: HttpRequest, query: Query[ListQuery]) -> Any:
    return listed(
        request,
        _requests(request, Scope.VERIFICATIONS_READ),
        query,
        changed=Coalesce("answered_at", "opened_at"),
        out=_verification,
    )


@router.get(
    "/verification-requests/{int:request_id}",
    response=get_answers(VerificationDetail, 404),
    summary="A request, with the applications naming its number",
    auth=needs(Scope.VERIFICATIONS_READ, Action.VIEW_RECOMMENDATIONS),
)
def read_verification_request(request: HttpRequest, request_id: int) -> Any:
    item = get_object_or_404(_requests(request, Scope.VERIFICATIONS_READ), pk=request_id)
    note_objects(request, item.pk)
    naming = [
        {
            "application_no": row["application_no"],
            "submitted_on": row["submitted_on"],
            "full_name": row["full_name"],
            "nik": row["applicant__nik"] or "",
            "destination_country": row["destination_country"],
            "recruiter_name": row["recruiter_name"],
            "recruiter_license_no": row["recruiter_license_no"],
            "status": row["status"],
        }
        for row in _naming(item.number_key, partner=True)
    ]
    return {**_verification(item), "applications": naming}


@router.post(
    "/verification-requests/{int:request_id}/answer",
    response=answers(VerificationOut, 404, 409),
    summary="Answer a request: issued, not issued or revoked",
    auth=needs(Scope.VERIFICATIONS_ANSWER, Action.ANSWER_RECOMMENDATION_REQUESTS),
)
def answer_verification_request(
    request: HttpRequest, request_id: int, payload: VerificationAnswerIn
) -> Any:
    """The applications naming the number are re-screened at once."""
    client = calling(request, Scope.VERIFICATIONS_ANSWER, Action.ANSWER_RECOMMENDATION_REQUESTS)
    item = get_object_or_404(_requests(request, Scope.VERIFICATIONS_ANSWER), pk=request_id)
    note_objects(request, item.pk)
    if not can(client.user, Action.ANSWER_RECOMMENDATION_REQUESTS, item):
        raise problems.not_found()
    no_nul(payload.model_dump())
    if not item.is_open:
        raise problems.conflict(str(rec.RequestAnswered(item)))
    form = AnswerForm(payload.model_dump(), number=item.number, with_details=True)
    if not form.is_valid():
        raise problems.from_form(form)
    try:
        item = rec.answer_request(
            item,
            answer=form.cleaned_data["answer"],
            note=form.cleaned_data.get("note", "").strip(),
            acting_user=client.user,
            values=form.details(),
            request=request,
        )
    except rec.RequestAnswered as exc:
        raise problems.conflict(str(exc)) from None
    except UserFacingError as exc:
        raise problems.from_user_error(exc, status=409) from None
    return _verification(item)
