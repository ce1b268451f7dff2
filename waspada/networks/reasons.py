"""The ring score's reasons in the reader's language.

`waspada.domain.network` gives its reasons as codes with numbers and codes in them
(`Reason.of("within_days", days=21)`); a ring row stores them as JSON. Each code is put
into words here with gettext, with country names and purpose labels in the active
language. A code this table does not know (a newer domain than the app) is shown as
its code and parameters rather than hidden.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from waspada.applications.countries import country_name
from waspada.applications.models import Purpose
from waspada.domain.evidence import Reason
from waspada.domain.network import RELATIVES_FAMILY_RELATION

Render = Callable[[Reason], str]


def _number(reason: Reason, name: str) -> int:
    value = reason.param(name, 0)
    try:
        return int(value)
    except ValueError:
        return 0


def _text(reason: Reason, name: str) -> str:
    return str(reason.param(name))


def _purpose(reason: Reason) -> str:
    code = _text(reason, "purpose")
    return str(dict(Purpose.choices).get(code, code))


def _destination(reason: Reason) -> str:
    return country_name(_text(reason, "destination"))


def _licensed(reason: Reason) -> str:
    count = _number(reason, "count")
    return ngettext(
        "benign: licensed %(kind)s %(name)s, given by %(count)d applicant",
        "benign: licensed %(kind)s %(name)s, given by %(count)d applicants",
        count,
    ) % {"kind": _text(reason, "kind").upper(), "name": _text(reason, "name"), "count": count}


def _relatives(reason: Reason) -> str:
    count = _number(reason, "count")
    if _text(reason, "basis") == RELATIVES_FAMILY_RELATION:
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


def _applicants(reason: Reason) -> str:
    count = _number(reason, "count")
    return ngettext("%(count)d applicant", "%(count)d applicants", count) % {"count": count}


def _villages(reason: Reason) -> str:
    villages, districts = _number(reason, "villages"), _number(reason, "districts")
    return ngettext(
        "%(villages)d village in %(districts)d kecamatan",
        "%(villages)d villages in %(districts)d kecamatan",
        villages,
    ) % {"villages": villages, "districts": districts}


def _within(reason: Reason) -> str:
    days = _number(reason, "days")
    return ngettext("within %(days)d day", "within %(days)d days", days) % {"days": days}


def _same_both(reason: Reason) -> str:
    return _("same destination (%(destination)s) and purpose (%(purpose)s)") % {
        "destination": _destination(reason),
        "purpose": _purpose(reason),
    }


def _same_destination(reason: Reason) -> str:
    return _("same destination (%(destination)s)") % {"destination": _destination(reason)}


def _same_purpose(reason: Reason) -> str:
    return _("same purpose (%(purpose)s)") % {"purpose": _purpose(reason)}


def _own(reason: Reason) -> str:
    count = _number(reason, "count")
    return ngettext(
        "%(count)d with indicators of their own",
        "%(count)d with indicators of their own",
        count,
    ) % {"count": count}


def _halved(reason: Reason) -> str:
    return _("no shared person, only an address or employer: score halved")


def _name_only(reason: Reason) -> str:
    days = _number(reason, "days")
    return ngettext(
        "a shared name but no shared phone, over more than %(days)d day: score halved",
        "a shared name but no shared phone, over more than %(days)d days: score halved",
        days,
    ) % {"days": days}


def _organiser_led(reason: Reason) -> str:
    count = _number(reason, "count")
    return ngettext(
        "not a ring: a group of %(count)d led by an organiser the registry does not know; "
        "verify the organiser",
        "not a ring: a group of %(count)d led by an organiser the registry does not know; "
        "verify the organiser",
        count,
    ) % {"count": count}


RENDERINGS: dict[str, Render] = {
    "licensed_organiser": _licensed,
    "relatives_at_address": _relatives,
    "applicants": _applicants,
    "villages_in_districts": _villages,
    "within_days": _within,
    "same_destination_and_purpose": _same_both,
    "same_destination": _same_destination,
    "same_purpose": _same_purpose,
    "own_indicators": _own,
    "halved_no_person": _halved,
    "halved_name_only": _name_only,
    "organiser_led_group": _organiser_led,
}


def render_reason(reason: Reason) -> str:
    """One reason in the active language (its code and parameters when unknown)."""
    render = RENDERINGS.get(reason.code)
    if render is None:
        params = ", ".join(f"{name}={value}" for name, value in reason.params)
        return f"{reason.code} ({params})" if params else reason.code
    return render(reason)


def ring_reasons(stored: Iterable[Mapping[str, Any]]) -> list[str]:
    """A ring row's stored reasons (JSON) as sentences in the active language."""
    return [render_reason(Reason.from_data(item)) for item in stored]
