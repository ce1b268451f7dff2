"""Coordination figures per partner agency for a period: the verification requests it was
sent (Disnaker recommendations, Dukcapil NIK checks), how many it answered and how fast,
the referrals it received (rings, persons, reports from the public) by outcome, and the
alerts it was sent. Counts only; the dashboard and the annual report show them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.partners.models import (
    Agency,
    CaseReferral,
    NikResult,
    NikVerification,
    PersonReferral,
    PersonReferralStatus,
    PoliceAlert,
    RecommendationRequest,
    Referral,
    ReferralStatus,
    RequestState,
)

# Referral outcomes as the report groups them (ring, person and report referrals alike).
OUTCOMES: list[tuple[str, str | Promise]] = [
    ("waiting", _("Not yet answered")),
    ("working", _("Accepted or in progress")),
    ("rejected", _("Rejected")),
    ("done", _("Done or closed")),
    ("revoked", _("Revoked by the office")),
]
_OUTCOME_OF = {
    ReferralStatus.SENT: "waiting",
    ReferralStatus.ACCEPTED: "working",
    ReferralStatus.REJECTED: "rejected",
    ReferralStatus.DONE: "done",
    PersonReferralStatus.IN_PROGRESS: "working",
    PersonReferralStatus.CLOSED: "done",
    PersonReferralStatus.REVOKED: "revoked",
}


@dataclass
class AgencyFigures:
    agency: Agency
    requests: int = 0
    answered: int = 0
    answer_seconds: list[float] = field(default_factory=list)
    referrals: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(dict(OUTCOMES), 0))
    alerts: int = 0

    @property
    def answer_hours(self) -> int:
        """The average time to answer a request, in whole hours (0 when none answered)."""
        if not self.answer_seconds:
            return 0
        return round(sum(self.answer_seconds) / len(self.answer_seconds) / 3600)

    def counts(self) -> list[int]:
        """The row of the report, in the order of `COLUMNS`."""
        return [
            self.requests,
            self.answered,
            self.answer_hours,
            self.referrals,
            *(self.outcomes[key] for key, _label in OUTCOMES),
            self.alerts,
        ]


COLUMNS: list[str | Promise] = [
    _("Requests received"),
    _("Requests answered"),
    _("Average answer time (hours)"),
    _("Referrals received"),
    *(label for _key, label in OUTCOMES),
    _("Alerts received"),
]


# The requests partners answer: the model, its state field, the state of an open one.
REQUESTS: list[tuple[type[Model], str, str]] = [
    (RecommendationRequest, "state", RequestState.OPEN),
    (NikVerification, "result", NikResult.OPEN),
]


def _within(model: type[Model], since: str, start: dt.date, end: dt.date) -> Iterable[Model]:
    return model._default_manager.filter(  # type: ignore[attr-defined,no-any-return]
        **{f"{since}__date__gte": start, f"{since}__date__lte": end, "agency__isnull": False}
    ).select_related("agency")


def coordination_figures(start: dt.date, end: dt.date) -> list[AgencyFigures]:
    """Per agency with anything in the period (requests opened, referrals or alerts sent
    from `start` to `end`), by agency name."""
    found: dict[int, AgencyFigures] = {}

    def of(agency: Agency) -> AgencyFigures:
        return found.setdefault(agency.pk, AgencyFigures(agency))

    answered_at: defaultdict[int, list[float]] = defaultdict(list)
    for model, state, still_open in REQUESTS:
        for request in _within(model, "opened_at", start, end):
            agency: Agency = request.agency  # type: ignore[attr-defined]
            row = of(agency)
            row.requests += 1
            answered = request.answered_at  # type: ignore[attr-defined]
            if getattr(request, state) != still_open and answered is not None:
                row.answered += 1
                seconds = (answered - request.opened_at).total_seconds()  # type: ignore[attr-defined]
                answered_at[agency.pk].append(seconds)
    for model in (Referral, PersonReferral, CaseReferral):
        for referral in _within(model, "referred_at", start, end):
            row = of(referral.agency)  # type: ignore[attr-defined]
            row.referrals += 1
            row.outcomes[_OUTCOME_OF[referral.status]] += 1  # type: ignore[attr-defined]
    for alert in _within(PoliceAlert, "sent_at", start, end):
        assert isinstance(alert, PoliceAlert)
        of(alert.agency).alerts += 1
    for agency_id, seconds in answered_at.items():
        found[agency_id].answer_seconds = seconds
    return sorted(found.values(), key=lambda row: row.agency.name)
