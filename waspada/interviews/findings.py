"""Consistency findings of an interview: computed from the database, read in words.

The checks themselves are pure (`waspada.domain.consistency`); this module gathers their
input (the application, what was stated, the same person's other applications) and
turns a stored finding into a sentence in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.applications.countries import country_name
from waspada.applications.models import PassportApplication, Purpose, ReturnTicket, Status
from waspada.domain.consistency import (
    ApplicationFacts,
    EarlierApplication,
    Finding,
    StatedFacts,
    check_history,
    check_statements,
)
from waspada.interviews.models import InterviewSession, StatedFunds, StatedRelation


def application_facts(application: PassportApplication) -> ApplicationFacts:
    return ApplicationFacts(
        purpose=application.purpose,
        destination_country=application.destination_country,
        intended_departure=application.intended_departure,
        return_ticket=application.return_ticket,
        funds_source=application.funds_source,
        sponsor_name=application.sponsor_name,
        sponsor_relation=application.sponsor_relation,
    )


def stated_facts(session: InterviewSession) -> StatedFacts:
    return StatedFacts(
        purpose=session.stated_purpose,
        destination_country=session.stated_destination,
        departure=session.stated_departure,
        return_ticket=session.stated_return_ticket,
        funds=session.stated_funds,
        sponsor_relation=session.stated_sponsor_relation,
    )


def earlier_applications(application: PassportApplication) -> list[EarlierApplication]:
    """The same person's other applications (same NIK), each with what was said at its
    latest interview."""
    others = list(
        PassportApplication.objects.filter(applicant_id=application.applicant_id)
        .exclude(pk=application.pk)
        .order_by("submitted_on", "pk")
    )
    latest: dict[int, InterviewSession] = {}
    sessions = InterviewSession.objects.filter(application__in=others).order_by("started_at", "pk")
    for session in sessions:
        latest[session.application_id] = session
    return [
        EarlierApplication(
            application_no=other.application_no,
            submitted_on=other.submitted_on,
            status=other.status,
            facts=application_facts(other),
            stated=stated_facts(latest[other.pk]) if other.pk in latest else StatedFacts(),
        )
        for other in others
    ]


def compute_findings(session: InterviewSession) -> list[Finding]:
    """Contradictions with the application, then findings from the person's history."""
    application = session.application
    facts = application_facts(application)
    stated = stated_facts(session)
    return [
        *check_statements(facts, stated),
        *check_history(
            facts,
            stated,
            earlier_applications(application),
            submitted_on=application.submitted_on,
        ),
    ]


def stored_findings(session: InterviewSession) -> list[Finding]:
    return [Finding.from_data(item) for item in session.findings]


# --- Words -----------------------------------------------------------------------------

_TEMPLATES: dict[str, Promise] = {
    "purpose": _("Purpose: the application says %(application)s, the applicant says %(stated)s."),
    "destination": _(
        "Destination: the application says %(application)s, the applicant says %(stated)s."
    ),
    "departure": _(
        "Departure: the application says %(application)s, the applicant says %(stated)s."
    ),
    "return_ticket": _(
        "Return ticket: the application says %(application)s, the applicant says %(stated)s."
    ),
    "funds": _("Who pays: the application says %(application)s, the applicant says %(stated)s."),
    "sponsor_relation": _(
        "Sponsor: the application says %(application)s, the applicant says %(stated)s."
    ),
    "earlier_outcome": _("Earlier application %(reference)s of %(on)s was %(application)s."),
    "earlier_purpose": _(
        "Earlier application %(reference)s of %(on)s gave the purpose %(application)s; "
        "now %(stated)s."
    ),
    "earlier_destination": _(
        "Earlier application %(reference)s of %(on)s gave the destination %(application)s; "
        "now %(stated)s."
    ),
    "earlier_sponsor": _(
        "Earlier application %(reference)s of %(on)s named the sponsor %(application)s; "
        "now %(stated)s."
    ),
}


def _choice(choices: Iterable[tuple[str, Any]]) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


def _quoted(value: str) -> str:
    return f"\u201c{value}\u201d" if value else str(_("nothing"))


def _day(value: str) -> str:
    try:
        return date_format(dt.date.fromisoformat(value), "j F Y")
    except ValueError:
        return value


def _country(value: str) -> str:
    return f"{country_name(value)} ({value})" if value else value


_STATUS = _choice(Status.choices)
_PURPOSE = _choice(Purpose.choices)
_TICKET = _choice(ReturnTicket.choices)
# How each code's values read: (the application's value, the stated value).
_VALUES: dict[str, tuple[Callable[[str], str], Callable[[str], str]]] = {
    "purpose": (_PURPOSE, _PURPOSE),
    "destination": (_country, _country),
    "departure": (_day, _day),
    "return_ticket": (_TICKET, _TICKET),
    "funds": (_quoted, _choice(StatedFunds.choices)),
    "sponsor_relation": (_quoted, _choice(StatedRelation.choices)),
    "earlier_outcome": (_STATUS, str),
    "earlier_purpose": (_PURPOSE, _PURPOSE),
    "earlier_destination": (_country, _country),
    "earlier_sponsor": (_quoted, _quoted),
}


def finding_text(finding: Finding) -> str:
    """The finding as a sentence in the active language."""
    template = _TEMPLATES.get(finding.code)
    if template is None:
        return finding.code
    application, stated = _VALUES[finding.code]
    values: Mapping[str, str] = {
        "application": application(finding.application),
        "stated": stated(finding.stated),
        "reference": finding.reference,
        "on": _day(finding.on) if finding.on else "",
    }
    return str(template) % values


def findings_display(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """What a page shows per finding: the sentence and whether it is a contradiction."""
    return [
        {
            "text": finding_text(finding),
            "contradiction": finding.contradiction,
            "code": finding.code,
        }
        for finding in findings
    ]
