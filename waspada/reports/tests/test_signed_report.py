"""The annual report goes out as the office's document: its letterhead on top, the head of
office's signature with the closing paragraph at the end, and chart labels read whole."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from waspada.decisions.tests.test_letters import configure_office
from waspada.domain import periods
from waspada.reports.document import build_document
from waspada.reports.exports import write_pdf
from waspada.reports.svgcharts import LABEL_CHARS, horizontal_bars, wrap_label
from waspada.reports.tests.conftest import YEAR, Story

pytestmark = pytest.mark.usefixtures("central_java_regions")

REASON = "Diduga akan bekerja ke luar negeri secara nonprosedural"


def test_the_annual_report_has_the_letterhead_and_a_signature_kept_with_its_closing(
    story: Story,
) -> None:
    configure_office()
    out = io.BytesIO()
    write_pdf(build_document(periods.year(YEAR)), out)
    texts = [" ".join((p.extract_text() or "").split()) for p in PdfReader(out).pages]
    assert texts[0].startswith("KEMENTERIAN IMIGRASI DAN PEMASYARAKATAN REPUBLIK INDONESIA")
    assert "KANTOR IMIGRASI KELAS I TPI CILACAP" in texts[0]
    assert "Jl. Letjend Soeprapto No. 2, Cilacap 53212" in texts[0]
    last = texts[-1]
    for expected in (
        "Laporan ini dibuat dengan sebenarnya",
        "Kepala Kantor Imigrasi Kelas I TPI Cilacap,",
        "Drs. Bambang Hartono, S.H.",
        "NIP 197205121998031002",
    ):
        assert expected in last, expected


def test_a_long_chart_label_is_wrapped_not_cut() -> None:
    assert wrap_label(REASON) == ["Diduga akan bekerja ke luar", "negeri secara nonprosedural"]
    assert all(len(line) <= LABEL_CHARS for line in wrap_label(REASON))
    svg = horizontal_bars("Penolakan menurut alasan", [REASON, "Lainnya"], [])
    shown = " ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg))
    assert REASON in shown
    ys = [float(y) for y in re.findall(r'<tspan x="\d+" y="([\d.]+)"', svg)]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)  # no line over another
