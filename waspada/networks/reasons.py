"""The ring score's reasons in the office's language.

`waspada.domain.network.score_cluster` (pure, shared with the benchmark) writes its
reasons as fixed English phrases with numbers and codes in them ("6 applicants",
"same destination KH and purpose work"). Each known phrase is matched here and rendered
with gettext, country names and purpose labels in the active language; a phrase this
table does not know yet is shown as written rather than hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from waspada.applications.countries import country_name
from waspada.applications.models import Purpose

Render = Callable[[re.Match[str]], str]


def _purpose(code: str) -> str:
    return str(dict(Purpose.choices).get(code, code))


def _licensed(m: re.Match[str]) -> str:
    count = int(m["count"])
    return ngettext(
        "benign: licensed %(kind)s %(name)s, given by %(count)d applicant",
        "benign: licensed %(kind)s %(name)s, given by %(count)d applicants",
        count,
    ) % {"kind": m["kind"], "name": m["name"], "count": count}


def _relatives(m: re.Match[str]) -> str:
    count = int(m["count"])
    if m["why"] == "family relation":
        return ngettext(
            "benign: relatives at one address (family relation stated), %(count)d applicant",
            "benign: relatives at one address (family relation stated), %(count)d applicants",
            count,
        ) % {"count": count}
    return ngettext(
        "benign: relatives at one address (same last name), %(count)d applicant",
        "benign: relatives at one address (same last name), %(count)d applicants",
        count,
    ) % {"count": count}


def _applicants(m: re.Match[str]) -> str:
    count = int(m["count"])
    return ngettext("%(count)d applicant", "%(count)d applicants", count) % {"count": count}


def _villages(m: re.Match[str]) -> str:
    villages, districts = int(m["villages"]), int(m["districts"])
    return ngettext(
        "%(villages)d village in %(districts)d kecamatan",
        "%(villages)d villages in %(districts)d kecamatan",
        villages,
    ) % {"villages": villages, "districts": districts}


def _within(m: re.Match[str]) -> str:
    days = int(m["days"])
    return ngettext("within %(days)d day", "within %(days)d days", days) % {"days": days}


def _same(m: re.Match[str]) -> str:
    destination, purpose = m["destination"], m["purpose"]
    if destination and purpose:
        return _("same destination (%(destination)s) and purpose (%(purpose)s)") % {
            "destination": country_name(destination),
            "purpose": _purpose(purpose),
        }
    if destination:
        return _("same destination (%(destination)s)") % {"destination": country_name(destination)}
    return _("same purpose (%(purpose)s)") % {"purpose": _purpose(purpose)}


def _own(m: re.Match[str]) -> str:
    count = int(m["count"])
    return ngettext(
        "%(count)d with indicators of their own",
        "%(count)d with indicators of their own",
        count,
    ) % {"count": count}


def _halved(m: re.Match[str]) -> str:
    return _("no shared person, only an address or employer: score halved")


def _name_only(m: re.Match[str]) -> str:
    return _("a shared name but no shared phone, over more than 60 days: score halved")


TABLE: tuple[tuple[re.Pattern[str], Render], ...] = (
    (
        re.compile(r"benign: licensed (?P<kind>\w+) (?P<name>.+) shared by (?P<count>\d+)"),
        _licensed,
    ),
    (
        re.compile(
            r"benign: relatives at one address "
            r"\((?P<why>family relation|shared last name)\), (?P<count>\d+) applicants"
        ),
        _relatives,
    ),
    (re.compile(r"(?P<count>\d+) applicants?"), _applicants),
    (re.compile(r"(?P<villages>\d+) villages? in (?P<districts>\d+) kecamatan"), _villages),
    (re.compile(r"within (?P<days>\d+) days?"), _within),
    (
        re.compile(
            r"same (?:destination (?P<destination>[A-Z]{2}))?"
            r"(?: and )?(?:purpose (?P<purpose>[a-z_]+))?"
        ),
        _same,
    ),
    (re.compile(r"(?P<count>\d+) with their own indicators"), _own),
    (re.compile(r"no shared person \(address or employer only\): halved"), _halved),
    (
        re.compile(r"a shared name but no shared phone, over more than 60 days: halved"),
        _name_only,
    ),
)


def known(reason: str) -> bool:
    """Whether the table has a rendering for this reason."""
    return _match(reason) is not None


def _match(reason: str) -> tuple[re.Match[str], Render] | None:
    for pattern, render in TABLE:
        match = pattern.fullmatch(reason)
        if match is not None and (render is not _same or match["destination"] or match["purpose"]):
            return match, render
    return None


def reason_text(reason: str) -> str:
    """One reason in the active language (as written when the table does not know it)."""
    found = _match(reason)
    if found is None:
        return reason
    match, render = found
    return render(match)
