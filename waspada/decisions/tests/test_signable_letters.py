"""Letters that can be signed as they are: the signature block is complete (position,
"a.n." when a Kasi signs for the head, name, NIP), the copies list ("Tembusan") follows
it, and the block is never alone on a page: it stays with the paragraph before it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.decisions import letters
from waspada.decisions.pdf import render_pdf
from waspada.decisions.tests.test_letters import configure_office, decision_in_force
from waspada.decisions.tests.test_letters_interview import deep_interview
from waspada.regions.services import ensure_office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]


def pages(content: bytes) -> list[str]:
    """The text of each page, whitespace made single spaces."""
    return [
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(content)).pages
    ]


def page_of(texts: list[str], words: str) -> int:
    found = [number for number, text in enumerate(texts) if words in text]
    assert found, f"{words!r} is on no page"
    return found[0]


def test_a_kasi_signs_a_refusal_for_the_head_with_name_nip_and_copies(
    supervisor: User, admin_user: User
) -> None:
    configure_office()
    letters.set_signatory(
        supervisor,
        nip="198105222006042002",
        position="Kepala Seksi Lalu Lintas Keimigrasian",
        signs_for_head=True,
        acting_user=admin_user,
    )
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)
    letter = letters.make_decision_letter(decision, acting_user=supervisor)
    assert letter is not None
    text = " ".join(pages(render_pdf(letter.kind, letter.context)))
    block = text[text.index("a.n. Kepala Kantor Imigrasi Kelas I TPI Cilacap") :]
    for expected in (
        "Kepala Seksi Lalu Lintas Keimigrasian,",
        supervisor.get_full_name(),
        "NIP 198105222006042002",
        "Tembusan: 1. Kepala Kantor Wilayah Direktorat Jenderal Imigrasi 2. Arsip",
    ):
        assert expected in block, expected
    assert "....." not in text


def test_without_a_configured_head_the_kasi_who_signed_off_signs_for_the_head(
    supervisor: User,
) -> None:
    office = ensure_office()
    assert not office.head_name
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)
    letter = letters.make_decision_letter(decision, acting_user=supervisor)
    assert letter is not None
    signature = letter.context["signature"]
    assert signature["on_behalf_of"] == f"a.n. Kepala {office.name}"
    assert signature["name"] == supervisor.get_full_name()


@pytest.mark.parametrize("kind", ["refuse", "defer"])
def test_the_signature_stays_on_the_page_of_the_closing_paragraph(
    kind: str, supervisor: User
) -> None:
    configure_office()
    decision = decision_in_force(make_application(), kind, reviewer=supervisor)
    letter = letters.make_decision_letter(decision, acting_user=supervisor)
    assert letter is not None
    # Reasons long enough to push the end of the letter to every point of a page.
    for words in (40, 120, 200, 280, 360):
        context: dict[str, Any] = {
            **letter.context,
            "decision": {**letter.context["decision"], "reason": "alasan panjang " * words},
        }
        texts = pages(render_pdf(letter.kind, context))
        closing = page_of(texts, "Demikian kami sampaikan")
        assert page_of(texts, "NIP 197205121998031002") == closing, (words, texts[closing:])
        assert page_of(texts, "Tembusan:") >= closing


def test_the_berita_acara_signatures_stay_with_its_closing_paragraph(interviewer: User) -> None:
    configure_office()
    record = letters.make_interview_record(deep_interview(interviewer), acting_user=interviewer)
    interview = record.context["interview"]
    seen_pages = set()
    for extra in (10, 16, 22, 28, 34):
        answers = interview["answers"] + [
            {"question": f"Pertanyaan tambahan {n}?", "answer": "Jawaban " * 12, "worrying": False}
            for n in range(extra)
        ]
        context = {**record.context, "interview": {**interview, "answers": answers}}
        texts = pages(render_pdf(record.kind, context))
        seen_pages.add(len(texts))
        closing = page_of(texts, "Demikian Berita Acara ini dibuat")
        assert page_of(texts, "Petugas pemeriksa,") == closing, (extra, texts[closing:])
        assert page_of(texts, "Pemohon yang diwawancarai,") == closing
        assert "Petugas pemeriksa" not in texts[0] or closing == 0
    assert len(seen_pages) > 1  # the lengths tried cross a page boundary
