"""Referrals: rings to the police, persons to victim services and NGOs. Each look at a
referral's people is recorded, as on the web."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Count, Model
from django.db.models.functions import Coalesce
from django.http import HttpRequest
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
from waspada.core.policy import Action
from waspada.partners import person_referrals, services
from waspada.partners.forms import ResponseForm
from waspada.partners.models import CaseReferral, PersonReferral, Referral
from waspada.partners.views.referrals import _members

router = Router(tags=["Referrals"])
# When a referral last changed: its latest answer, else when it was sent.
ANSWERED = Coalesce("responded_at", "referred_at")


class AnswerIn(Schema):
    status: str = Field(max_length=20, description="one of next_statuses")
    note: str = Field(max_length=2000)
    seen_status: str = Field(
        max_length=20,
        description="the status you answered from: refused (409) if it changed meanwhile",
    )


class SharedValue(Schema):
    kind: str
    value: str
    label: str


class Member(Schema):
    full_name: str
    nik: str
    phones: list[str]
    village_code: str | None
    village: str | None
    gives: list[SharedValue]


class RingReferralOut(Schema):
    id: int
    ring_number: int
    status: str
    next_statuses: list[str]
    note: str
    people: int
    referred_at: dt.datetime
    response: str
    responded_at: dt.datetime | None


class RingReferralDetail(RingReferralOut):
    shared: list[SharedValue]
    members: list[Member]


class RingReferralPage(Schema):
    items: list[RingReferralOut]
    next_cursor: str | None


class PersonReferralOut(Schema):
    id: int
    full_name: str
    sex: str
    age: int
    contact: str
    village: str
    regency: str
    needs: list[str]
    note: str
    summary: str
    consent_method: str
    consent_given_by: str
    consent_on: dt.date | None
    override_basis: str
    follow_up_due: dt.date
    status: str
    next_statuses: list[str]
    referred_at: dt.datetime
    response: str
    responded_at: dt.datetime | None


class PersonReferralPage(Schema):
    items: list[PersonReferralOut]
    next_cursor: str | None


def _shared(values: list[dict[str, Any]]) -> list[dict[str, str]]:
    from waspada.networks.labels import shared_values

    return [
        {"kind": str(v["kind"]), "value": str(v["value"]), "label": str(v["label"])}
        for v in shared_values(values)
    ]


def _ring(referral: Referral, people: int) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "ring_number": referral.ring_number,
        "status": referral.status,
        "next_statuses": [value for value, _label in referral.next_statuses()],
        "note": referral.note,
        "people": people,
        "referred_at": referral.referred_at,
        "response": referral.response,
        "responded_at": referral.responded_at,
    }


def _ring_detail(referral: Referral) -> dict[str, Any]:
    members = [
        {
            "full_name": m["applicant__full_name"] or "",
            "nik": m["applicant__nik"] or "",
            "phones": [str(p) for p in m["phones"]],  # type: ignore[attr-defined]
            "village_code": m["applicant__village__code"],
            "village": m["applicant__village__name"],
            "gives": [
                {"kind": str(g["kind"]), "value": str(g["value"]), "label": str(g["label"])}
                for g in m["gives"]  # type: ignore[attr-defined]
            ],
        }
        for m in _members(referral)
    ]
    return {
        **_ring(referral, len(members)),
        "shared": _shared(referral.shared),
        "members": members,
    }


@router.get(
    "/ring-referrals",
    response=get_answers(RingReferralPage),
    summary="Rings referred to your police unit",
    auth=needs(Scope.REFERRALS_READ, Action.VIEW_REFERRALS),
)
def list_ring_referrals(request: HttpRequest, query: Query[ListQuery]) -> Any:
    _client, referrals = own(request, Scope.REFERRALS_READ, Action.VIEW_REFERRALS, Referral)
    return listed(
        request,
        referrals.annotate(people=Count("applications")),
        query,
        changed=ANSWERED,
        out=lambda r: _ring(r, r.people),
    )


@router.get(
    "/ring-referrals/{int:referral_id}",
    response=get_answers(RingReferralDetail, 404),
    summary="A ring referral with its people (the look is recorded)",
    auth=needs(Scope.REFERRALS_READ, Action.VIEW_REFERRALS),
)
def read_ring_referral(request: HttpRequest, referral_id: int) -> Any:
    client, referral = one(
        request, Scope.REFERRALS_READ, Action.VIEW_REFERRALS, Referral, referral_id, "agency"
    )
    services.record_referral_view(referral, acting_user=client.user, request=request)
    return _ring_detail(referral)


def _answered(
    request: HttpRequest,
    action: Action,
    model: type[Model],
    referral_id: int,
    payload: AnswerIn,
    respond: Callable[..., Any],
) -> Any:
    """The partner's answer through the service the web page calls (`respond`)."""
    client, referral = one(request, Scope.REFERRALS_ANSWER, action, model, referral_id, "agency")
    data = _answer_form(referral, payload)
    try:
        return respond(
            referral,
            status=data["status"],
            note=data["note"],
            seen_status=data["seen"],
            acting_user=client.user,
            request=request,
        )
    except services.StaleReferral as exc:
        raise problems.conflict(exc.message()) from None
    except services.NotAllowedAnswer as exc:
        raise problems.from_user_error(exc) from None


def _answer_form(referral: Referral | PersonReferral, payload: AnswerIn) -> dict[str, Any]:
    no_nul(payload.model_dump())
    data = {"status": payload.status, "note": payload.note, "seen": payload.seen_status}
    form = ResponseForm(data, referral=referral)
    if payload.seen_status != referral.status and payload.seen_status in dict(
        form.fields["seen"].choices  # type: ignore[attr-defined]
    ):
        raise problems.conflict(str(services.StaleReferral(referral).message()))
    if not form.is_valid():
        raise problems.from_form(form)
    return form.cleaned_data


@router.post(
    "/ring-referrals/{int:referral_id}/answer",
    response=answers(RingReferralOut, 404, 409),
    summary="Answer a ring referral: accepted, rejected, done",
    auth=needs(Scope.REFERRALS_ANSWER, Action.VIEW_REFERRALS),
)
def answer_ring_referral(request: HttpRequest, referral_id: int, payload: AnswerIn) -> Any:
    referral = _answered(
        request, Action.VIEW_REFERRALS, Referral, referral_id, payload, services.respond_to_referral
    )
    return _ring(referral, referral.applications.count())


# --- Reports from the public -------------------------------------------------------------


class CaseReferralOut(Schema):
    """What the public reported, copied when referred (never the reporter's contact)."""

    id: int
    what: str
    place: str
    who: str
    reported_on: dt.date
    note: str
    status: str
    next_statuses: list[str]
    referred_at: dt.datetime
    response: str
    responded_at: dt.datetime | None


class CaseReferralPage(Schema):
    items: list[CaseReferralOut]
    next_cursor: str | None


def _case(referral: CaseReferral) -> dict[str, Any]:
    fields = {
        name: getattr(referral, name)
        for name in CaseReferralOut.model_fields
        if name != "next_statuses"
    }
    return {**fields, "next_statuses": [value for value, _label in referral.next_statuses()]}


@router.get(
    "/case-referrals",
    response=get_answers(CaseReferralPage),
    summary="Reports from the public referred to your police unit",
    auth=needs(Scope.REFERRALS_READ, Action.VIEW_REFERRALS),
)
def list_case_referrals(request: HttpRequest, query: Query[ListQuery]) -> Any:
    _client, referrals = own(request, Scope.REFERRALS_READ, Action.VIEW_REFERRALS, CaseReferral)
    return listed(request, referrals, query, changed=ANSWERED, out=_case)


@router.get(
    "/case-referrals/{int:referral_id}",
    response=get_answers(CaseReferralOut, 404),
    summary="A report from the public referred to you (the look is recorded)",
    auth=needs(Scope.REFERRALS_READ, Action.VIEW_REFERRALS),
)
def read_case_referral(request: HttpRequest, referral_id: int) -> Any:
    client, referral = one(
        request, Scope.REFERRALS_READ, Action.VIEW_REFERRALS, CaseReferral, referral_id, "agency"
    )
    services.record_case_view(referral, acting_user=client.user, request=request)
    return _case(referral)


@router.post(
    "/case-referrals/{int:referral_id}/answer",
    response=answers(CaseReferralOut, 404, 409),
    summary="Answer a report referred to you: accepted, rejected, done",
    auth=needs(Scope.REFERRALS_ANSWER, Action.VIEW_REFERRALS),
)
def answer_case_referral(request: HttpRequest, referral_id: int, payload: AnswerIn) -> Any:
    return _case(
        _answered(
            request,
            Action.VIEW_REFERRALS,
            CaseReferral,
            referral_id,
            payload,
            services.respond_to_referral,
        )
    )


# --- Persons --------------------------------------------------------------------------------


def _person(referral: PersonReferral) -> dict[str, Any]:
    fields = {
        name: getattr(referral, name)
        for name in PersonReferralOut.model_fields
        if name not in {"id", "next_statuses"}
    }
    return {
        **fields,
        "id": referral.pk,
        "needs": [str(n) for n in referral.needs],
        "next_statuses": [value for value, _label in referral.next_statuses()],
    }


@router.get(
    "/person-referrals",
    response=get_answers(PersonReferralPage),
    summary="Persons referred to your agency",
    auth=needs(Scope.REFERRALS_READ, Action.VIEW_PERSON_REFERRALS),
)
def list_person_referrals(request: HttpRequest, query: Query[ListQuery]) -> Any:
    _client, referrals = own(
        request, Scope.REFERRALS_READ, Action.VIEW_PERSON_REFERRALS, PersonReferral
    )
    return listed(request, referrals, query, changed=ANSWERED, out=_person)


@router.get(
    "/person-referrals/{int:referral_id}",
    response=get_answers(PersonReferralOut, 404),
    summary="A person referral (the look is recorded)",
    auth=needs(Scope.REFERRALS_READ, Action.VIEW_PERSON_REFERRALS),
)
def read_person_referral(request: HttpRequest, referral_id: int) -> Any:
    client, referral = one(
        request,
        Scope.REFERRALS_READ,
        Action.VIEW_PERSON_REFERRALS,
        PersonReferral,
        referral_id,
        "agency",
    )
    person_referrals.record_view(referral, acting_user=client.user, request=request)
    return _person(referral)


@router.post(
    "/person-referrals/{int:referral_id}/answer",
    response=answers(PersonReferralOut, 404, 409),
    summary="Answer a person referral: accepted, rejected, in progress, closed",
    auth=needs(Scope.REFERRALS_ANSWER, Action.VIEW_PERSON_REFERRALS),
)
def answer_person_referral(request: HttpRequest, referral_id: int, payload: AnswerIn) -> Any:
    referral = _answered(
        request,
        Action.VIEW_PERSON_REFERRALS,
        PersonReferral,
        referral_id,
        payload,
        person_referrals.respond,
    )
    return _person(referral)
