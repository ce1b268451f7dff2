"""The covering letter (surat pengantar) of a referral: the office's letter to the agency
that goes with a referred ring or person, signed like the office's other letters.

It is made from the referral as it was sent, whenever it is asked for (nothing in it
changes after sending), in Indonesian whatever the officer reads, and says no more than
the agency's page shows: the ring's number, size and shared values, or the person's
name, village, needs and what the office observed; never a risk score.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from waspada.core.pdf import html_to_pdf, letterhead
from waspada.decisions.letters import copies, signature_for
from waspada.domain.letters import indonesian_date
from waspada.networks.labels import shared_values
from waspada.partners.models import PersonReferral, Referral
from waspada.regions.services import ensure_office

SUBJECT_RING = "Penyampaian Rujukan Dugaan Jaringan Perekrutan Nonprosedural"
SUBJECT_PERSON = "Penyampaian Rujukan Pendampingan Calon Pekerja Migran"


def _common(referral: Referral | PersonReferral, number: str, subject: str) -> dict[str, Any]:
    office = ensure_office()
    sent = timezone.localtime(referral.referred_at)
    return {
        "subject": subject,
        "number": number,
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
    sent = timezone.localtime(referral.referred_at)
    with translation.override("id"):
        shared = [
            {"label": str(value["label"]), "value": value["value"], "count": value.get("count")}
            for value in shared_values(referral.shared)
        ]
    return {
        **_common(referral, f"RJ-{referral.pk}/{sent.year}", SUBJECT_RING),
        "ring": referral.ring_number,
        "people": referral.applications.count(),
        "shared": shared,
    }


def person_context(referral: PersonReferral) -> dict[str, Any]:
    sent = timezone.localtime(referral.referred_at)
    with translation.override("id"):
        needs = referral.needs_labels()
    return {
        **_common(referral, f"RP-{referral.pk}/{sent.year}", SUBJECT_PERSON),
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
