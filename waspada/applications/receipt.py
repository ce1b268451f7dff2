"""The receipt (*tanda terima*) the counter hands the applicant after registering.

An official paper in Indonesian with the office letterhead of the letters: who applied,
under which number, what was handed in and what is still to bring, and what happens
next. Nothing of the screening is on it (no level, score or indicator)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from waspada.applications.forms import DOCUMENT_LABELS
from waspada.applications.models import PassportApplication
from waspada.core.pdf import html_to_pdf, letterhead
from waspada.domain.documents import missing_documents
from waspada.domain.letters import indonesian_date

SUBJECT = "Tanda Terima Permohonan Paspor"


def receipt_context(application: PassportApplication) -> dict[str, Any]:
    office = application.office
    missing = missing_documents(application.purpose, application.documents)
    with translation.override("id"):
        received = [str(DOCUMENT_LABELS[c]) for c in application.documents if c in DOCUMENT_LABELS]
        still = [str(DOCUMENT_LABELS[code]) for code in missing.documents]
        if missing.civil_status_proof:
            still.append("salah satu: akta kelahiran, ijazah, buku nikah atau surat baptis")
        return {
            "subject": SUBJECT,
            "number": application.application_no,
            "letterhead": letterhead(office.name, office.address, office.phone),
            "city": office.city,
            "date": indonesian_date(timezone.localdate(application.created_at)),
            "name": application.full_name,
            "birth": f"{application.birth_place}, {indonesian_date(application.birth_date)}",
            "submitted_on": indonesian_date(application.submitted_on),
            "purpose": application.get_purpose_display(),
            "received": received,
            "missing": still,
            "issued_at": timezone.localtime(application.created_at)
            .replace(microsecond=0)
            .isoformat(),
        }


def receipt_html(application: PassportApplication) -> str:
    """The receipt as an HTML document (what WeasyPrint lays out)."""
    with translation.override("id"):
        return render_to_string(
            "core/pdf/document.html",
            {
                "doc": receipt_context(application),
                "body_template": "applications/receipt_body.html",
            },
        )


def receipt_pdf(application: PassportApplication) -> bytes:
    doc = receipt_context(application)
    return html_to_pdf(
        receipt_html(application),
        title=f"{SUBJECT} {application.application_no}",
        author=doc["letterhead"]["office"],
        created=doc["issued_at"],
    )
