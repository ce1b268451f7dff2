"""Dukcapil: the NIK verifications asked of it, and its answers. Dukcapil reads the NIK,
name, birth place and birth date it is asked about, nothing else (never the application
nor why it was asked), as on the liaison's page; each look at a request is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

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
from waspada.api.main import needs
from waspada.api.scopes import Scope
from waspada.core.policy import Action, can
from waspada.partners import nik_verifications as nik
from waspada.partners.forms import NikAnswerForm
from waspada.partners.models import NikVerification

router = Router(tags=["Dukcapil"])


class NikVerificationOut(Schema):
    id: int
    reference: str
    nik: str
    full_name: str
    birth_place: str
    birth_date: dt.date
    opened_at: dt.datetime
    age_days: int
    result: str = Field(description="open, match, no_match or not_found")
    note: str
    channel: str = Field(description="liaison or online: who gave the answer")
    answered_at: dt.datetime | None


class NikVerificationPage(Schema):
    items: list[NikVerificationOut]
    next_cursor: str | None


class NikAnswerIn(Schema):
    result: str = Field(max_length=20, description="match, no_match or not_found")
    note: str = Field("", max_length=1000, description="e.g. what differs")
    reference: str = Field(
        "",
        max_length=40,
        description="the request's reference, checked when given (422 if it is another's)",
    )


def _out(item: NikVerification) -> dict[str, Any]:
    return {name: getattr(item, name) for name in NikVerificationOut.model_fields} | {"id": item.pk}


# When a request last changed: its answer, else when it was asked.
CHANGED = Coalesce("answered_at", "opened_at")


@router.get(
    "/nik-verifications",
    response=get_answers(NikVerificationPage),
    summary="NIK verifications asked of your Dukcapil",
    auth=needs(Scope.VERIFICATIONS_READ, Action.VIEW_NIK_VERIFICATIONS),
)
def list_nik_verifications(request: HttpRequest, query: Query[ListQuery]) -> Any:
    """Open and answered, in the order they were asked."""
    _client, items = own(
        request, Scope.VERIFICATIONS_READ, Action.VIEW_NIK_VERIFICATIONS, NikVerification
    )
    return listed(request, items, query, changed=CHANGED, out=_out)


@router.get(
    "/nik-verifications/{int:item_id}",
    response=get_answers(NikVerificationOut, 404),
    summary="A NIK verification (the look is recorded)",
    auth=needs(Scope.VERIFICATIONS_READ, Action.VIEW_NIK_VERIFICATIONS),
)
def read_nik_verification(request: HttpRequest, item_id: int) -> Any:
    client, item = one(
        request, Scope.VERIFICATIONS_READ, Action.VIEW_NIK_VERIFICATIONS, NikVerification, item_id
    )
    nik.record_view(item, acting_user=client.user, request=request)
    return _out(item)


@router.post(
    "/nik-verifications/{int:item_id}/answer",
    response=answers(NikVerificationOut, 404, 409),
    summary="Answer a NIK verification: match, no match or not found",
    auth=needs(Scope.VERIFICATIONS_ANSWER, Action.ANSWER_NIK_VERIFICATIONS),
)
def answer_nik_verification(request: HttpRequest, item_id: int, payload: NikAnswerIn) -> Any:
    """The application is re-screened at once (a "no match" or "not found" is evidence
    for D12 with your agency as its source)."""
    client, item = one(
        request, Scope.VERIFICATIONS_ANSWER, Action.VIEW_NIK_VERIFICATIONS, NikVerification, item_id
    )
    if not can(client.user, Action.ANSWER_NIK_VERIFICATIONS, item):
        raise problems.not_found()
    no_nul(payload.model_dump())
    if payload.reference and payload.reference != item.reference:
        raise problems.invalid(
            [{"field": "reference", "message": _("This is the reference of another request.")}]
        )
    if not item.is_open:
        raise problems.conflict(str(nik.AlreadyAnswered(item)))
    form = NikAnswerForm({"result": payload.result, "note": payload.note})
    if not form.is_valid():
        raise problems.from_form(form)
    try:
        item = nik.answer_verification(
            item,
            result=form.cleaned_data["result"],
            note=form.cleaned_data.get("note", ""),
            acting_user=client.user,
            request=request,
        )
    except nik.AlreadyAnswered as exc:
        raise problems.conflict(str(exc)) from None
    return _out(item)
