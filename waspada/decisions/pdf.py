"""Letters from HTML templates to PDF (WeasyPrint).

The PDF depends only on the letter's stored context, the templates and the shipped
font: no system font, no network, no clock. WeasyPrint writes no creation date of
its own, and the one we set comes from the context, so rendering a letter again
gives the same bytes with the same WeasyPrint version.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

if TYPE_CHECKING:
    from waspada.decisions.models import Letter

BODY_TEMPLATES = {
    "penundaan": "decisions/letters/penundaan.html",
    "penolakan": "decisions/letters/penolakan.html",
    "berita_acara": "decisions/letters/berita_acara.html",
}


def font_dir() -> Path:
    """The shipped DejaVu Serif (with its licence) beside the other static files."""
    return Path(settings.BASE_DIR) / "static" / "waspada" / "fonts"


def render_html(kind: str, context: dict[str, Any]) -> str:
    """The whole letter as an HTML document (what WeasyPrint lays out)."""
    with translation.override("id"):
        return render_to_string(
            "decisions/letters/document.html",
            {"doc": context, "body_template": BODY_TEMPLATES[kind]},
        )


def _stylesheet() -> str:
    return render_to_string("decisions/letters/letter.css", {"font_dir": font_dir().as_uri()})


def _fetch_only_fonts(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """WeasyPrint's URL fetcher limited to the shipped fonts: a letter never loads
    anything else (the context holds typed-in text, which must not reach the network)."""
    from weasyprint.urls import default_url_fetcher

    fonts = font_dir().as_uri() + "/"
    if not url.startswith(fonts) or ".." in url:
        raise ValueError(f"letters load only the shipped fonts, not {url}")
    return default_url_fetcher(url, timeout, ssl_context)  # type: ignore[no-any-return]


def render_pdf(kind: str, context: dict[str, Any]) -> bytes:
    """The PDF of a letter of `kind` filled with `context`."""
    from weasyprint import CSS, HTML  # loads Pango: only when a letter is made

    document = HTML(string=render_html(kind, context), url_fetcher=_fetch_only_fonts).render(
        stylesheets=[CSS(string=_stylesheet(), url_fetcher=_fetch_only_fonts)]
    )
    metadata = document.metadata
    metadata.title = f"{context['subject']} {context['number']}"
    metadata.authors = [context["letterhead"]["office"]]
    metadata.generator = "Waspada"
    metadata.created = metadata.modified = context["issued_at"]
    return document.write_pdf()  # type: ignore[no-any-return]


def render_letter(letter: Letter) -> bytes:
    """The letter's PDF made again from its stored context."""
    return render_pdf(letter.kind, letter.context)
