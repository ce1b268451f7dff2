"""Office documents (letters, receipts) from HTML to PDF with WeasyPrint.

The PDF depends only on the HTML, the shared stylesheet and the shipped font: no
system font, no network, no clock. WeasyPrint writes no creation date of its own, and
the one we set comes from the caller, so rendering a document again gives the same
bytes with the same WeasyPrint version.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

# The ministry lines above the office's name in the letterhead (since 2024 immigration
# has its own ministry). Letters store them in their context like everything else.
MINISTRY_LINES = (
    "KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA",
    "DIREKTORAT JENDERAL IMIGRASI",
)


def font_dir() -> Path:
    """The shipped DejaVu Serif (with its licence) beside the other static files."""
    return Path(settings.BASE_DIR) / "static" / "waspada" / "fonts"


def letterhead(name: str, address: str, phone: str) -> dict[str, Any]:
    """The letterhead's data (`core/pdf/_letterhead.html` reads it as `doc.letterhead`)."""
    return {"ministry": list(MINISTRY_LINES), "office": name, "address": address, "phone": phone}


def _stylesheet() -> str:
    return render_to_string("core/pdf/letter.css", {"font_dir": font_dir().as_uri()})


def _fetch_only_fonts(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """WeasyPrint's URL fetcher limited to the shipped fonts: a document never loads
    anything else (it holds typed-in text, which must not reach the network)."""
    from weasyprint.urls import default_url_fetcher

    fonts = font_dir().as_uri() + "/"
    if not url.startswith(fonts) or ".." in url:
        raise ValueError(f"letters load only the shipped fonts, not {url}")
    return default_url_fetcher(url, timeout, ssl_context)  # type: ignore[no-any-return]


def html_to_pdf(html: str, *, title: str, author: str, created: str) -> bytes:
    """The PDF of an office document: `html` laid out with the letters' stylesheet."""
    from weasyprint import CSS, HTML  # loads Pango: only when a document is made

    document = HTML(string=html, url_fetcher=_fetch_only_fonts).render(
        stylesheets=[CSS(string=_stylesheet(), url_fetcher=_fetch_only_fonts)]
    )
    metadata = document.metadata
    metadata.title = title
    metadata.authors = [author]
    metadata.generator = "Waspada"
    metadata.created = metadata.modified = created
    return document.write_pdf()  # type: ignore[no-any-return]


def pdf_response(content: bytes, name: str) -> HttpResponse:
    """A PDF shown in the browser, saved as `<name>.pdf`."""
    return HttpResponse(
        content,
        content_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{name}.pdf"'},
    )
