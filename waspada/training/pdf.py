"""The training certificate as a PDF (waspada.core.pdf): same certificate, same bytes."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from waspada.core.pdf import html_to_pdf, letterhead
from waspada.domain.letters import indonesian_date
from waspada.regions.queries import office
from waspada.training.models import Certificate

OFFICE_FALLBACK = "Kantor Imigrasi"


def certificate_pdf(certificate: Certificate) -> bytes:
    here = office()
    head = letterhead(
        here.name if here else OFFICE_FALLBACK,
        here.address if here else "",
        here.phone if here else "",
    )
    issued = timezone.localtime(certificate.issued_at)
    doc = {
        "subject": "Sertifikat Pelatihan",
        "number": certificate.number,
        "letterhead": head,
        "name": certificate.officer.get_full_name() or certificate.officer.get_username(),
        "module": certificate.module,
        "score": certificate.score,
        "issued": indonesian_date(issued.date()),
        "expires": indonesian_date(certificate.expires_on),
        "revoked": certificate.revoked_at is not None,
    }
    with translation.override("id"):
        html = render_to_string(
            "core/pdf/document.html",
            {"doc": doc, "body_template": "training/pdf/certificate.html"},
        )
    return html_to_pdf(
        html,
        title=f"Sertifikat Pelatihan {certificate.number}",
        author=head["office"],
        created=issued.replace(microsecond=0).isoformat(),
    )
