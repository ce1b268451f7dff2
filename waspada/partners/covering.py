"""The covering letter (surat pengantar) of a referral: the office's letter to the agency
that goes with a referred ring or person, signed like the office's other letters.

It is made from the referral as it was sent, whenever it is asked for (nothing in it
changes after sending), in Indonesian whatever the officer reads, and says no more than
the agency's page shows: the ring's number, size and shared values, or the person's
name, village, needs and what the office observed; never a risk score.

Its number comes from the office's letter register the first time the letter is made,
and is kept with the referral, so a printed letter is found again by its number (the
referral register searches it): in the series of the office's other letters and their
number format, or in a series of its own when the office sets a covering-letter number
format (`Office.covering_letter_number_format`). Numbers restart each year; the year is
the year of the letter's date, the day the referral was sent.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.models import User
from waspada.core.pdf import html_to_pdf, letterhead, pdf_response
from waspada.decisions.letters import LetterError, copies, next_sequence, signature_for
from waspada.domain.letters import format_letter_number, indonesian_date
from waspada.networks.labels import shared_values
from waspada.partners.models import PersonReferral, Referral
from waspada.regions.services import ensure_office

SUBJECT_RING = "Penyampaian Rujukan Dugaan Jaringan Perekrutan Nonprosedural"
SUBJECT_PERSON = "Penyampaian Rujukan Pendampingan Calon Pekerja Migran"
# The register series of covering letters with a number format of their own.
SERIES = "pengantar"

AnyReferral = TypeVar("AnyReferral", Referral, PersonReferral)


@transaction.atomic
def number_letter(
    referral: AnyReferral, *, acting_user: User | None, request: HttpRequest | None = None
) -> AnyReferral:
    """Give the referral's covering letter its number from the register, once: a
    referral already numbered keeps its number. Raises LetterError when the office's
    number format is not valid."""
    current = type(referral).objects.select_for_update().get(pk=referral.pk)
    if current.letter_number:
        referral.letter_number = current.letter_number
        return referral
    office = ensure_office()
    pattern = office.covering_letter_number_format or office.letter_number_format
    series = SERIES if office.covering_letter_number_format else ""
    year = timezone.localtime(current.referred_at).year
    sequence = next_sequence(year, series)
    try:
        number = format_letter_number(pattern, sequence, year)
    except ValueError as exc:
        raise LetterError(
            gettext("The office's letter number format is not valid; correct it first.")
        ) from exc
    current.letter_number = number
    current.save(update_fields=["letter_number"])
    audit.record(
        AuditAction.COVERING_LETTER_NUMBERED,
        said(
            gettext_noop("Covering letter %(number)s of referral %(referral)s to %(agency)s"),
            number=number,
            referral=current.pk,
            agency=current.agency.name,
        ),
        actor=acting_user,
        obj=current,
        details={"number": number, "series": series, "year": year, "sequence": sequence},
        request=request,
    )
    referral.letter_number = number
    return referral


def _common(referral: Referral | PersonReferral, subject: str) -> dict[str, Any]:
    """What both letters say; the referral has its number (`number_letter`)."""
    office = ensure_office()
    sent = timezone.localtime(referral.referred_at)
    return {
        "subject": subject,
        "number": referral.letter_number,
        "city": office.city,
        "date": indonesian_date(sent.date()),
        "issued_at": sent.replace(microsecond=0).isoformat(),
        "letterhead": letterhead(office.name, office.address, office.phone),
        "agency": referral.agency.name,
        "note": referral.note,
        "signature": signature_for(office, referral.referred_by),
        "copies": copies(office, kind="referral"),
    }


def ring_context(referral: Referral) -> dict[str, Any]:
    with translation.override("id"):
        shared = [
            {"label": str(value["label"]), "value": value["value"], "count": value.get("count")}
            for value in shared_values(referral.shared)
        ]
    return {
        **_common(referral, SUBJECT_RING),
        "ring": referral.ring_number,
        "people": referral.applications.count(),
        "shared": shared,
    }


def person_context(referral: PersonReferral) -> dict[str, Any]:
    with translation.override("id"):
        needs = referral.needs_labels()
    return {
        **_common(referral, SUBJECT_PERSON),
        "person": {
            "name": referral.full_name,
            "sex": "Perempuan" if referral.sex == "P" else "Laki-laki",
            "age": referral.age,
            "contact": referral.contact,
            "village": referral.village,
            "regency": referral.regency,
        },
        "needs": needs,
        "summary": referral.summary,
        "follow_up_due": indonesian_date(referral.follow_up_due),
    }


def _pdf(context: dict[str, Any], body: str) -> bytes:
    with translation.override("id"):
        html = render_to_string("core/pdf/document.html", {"doc": context, "body_template": body})
    return html_to_pdf(
        html,
        title=f"{context['subject']} {context['number']}",
        author=context["letterhead"]["office"],
        created=context["issued_at"],
    )


def ring_letter_pdf(referral: Referral) -> bytes:
    return _pdf(ring_context(referral), "partners/pdf/pengantar_ring.html")


def person_letter_pdf(referral: PersonReferral) -> bytes:
    return _pdf(person_context(referral), "partners/pdf/pengantar_person.html")


def letter_response(
    request: HttpRequest, referral: AnyReferral, make_pdf: Callable[[AnyReferral], bytes]
) -> HttpResponse:
    """The covering letter as a PDF named after its number (given now if it has none)."""
    user = request.user if isinstance(request.user, User) else None
    try:
        numbered = number_letter(referral, acting_user=user, request=request)
    except LetterError as error:
        return HttpResponse(error.message(), status=409, content_type="text/plain; charset=utf-8")
    name = re.sub(r"[^A-Za-z0-9.-]+", "-", numbered.letter_number).strip("-.")
    return pdf_response(make_pdf(numbered), f"surat-pengantar-{name}")
