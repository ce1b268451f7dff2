"""Letters from HTML templates to PDF (WeasyPrint).

The PDF depends only on the letter's stored context, the templates and the shipped
font (`waspada.core.pdf`), so rendering a letter again gives the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import translation

from waspada.core.pdf import html_to_pdf

if TYPE_CHECKING:
    from waspada.decisions.models import Letter

BODY_TEMPLATES = {
    "penundaan": "decisions/letters/penundaan.html",
    "penolakan": "decisions/letters/penolakan.html",
    "berita_acara": "decisions/letters/berita_acara.html",
}


def render_html(kind: str, context: dict[str, Any]) -> str:
    """The whole letter as an HTML document (what WeasyPrint lays out)."""
    with translation.override("id"):
        return render_to_string(
            "core/pdf/document.html",
            {"doc": context, "body_template": BODY_TEMPLATES[kind]},
        )


def render_pdf(kind: str, context: dict[str, Any]) -> bytes:
    """The PDF of a letter of `kind` filled with `context`."""
    return html_to_pdf(
        render_html(kind, context),
        title=f"{context['subject']} {context['number']}",
        author=context["letterhead"]["office"],
        created=context["issued_at"],
    )


def render_letter(letter: Letter) -> bytes:
    """The letter's PDF made again from its stored context."""
    return render_pdf(letter.kind, letter.context)
