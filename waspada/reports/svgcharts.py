"""Bar charts as SVG text, drawn on the server for the PDF report (no JavaScript there).

Coordinates are written with Python's own formatting (never the locale's decimal
comma). A value that the publication hides is a string ("<5", "x"): no bar is drawn,
the mark is printed where the bar would start, so the chart reveals nothing the
tables do not.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

PALETTE = ("#1f5fa8", "#b3261e", "#a86400", "#1e7b3a", "#6b4fa0", "#5b6776")
FONT = 'font-family="DejaVu Serif, serif"'

Value = int | str  # a count, or the mark of a hidden one


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Value]


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")  # Indonesian thousands separator


def _top(series: Sequence[Series]) -> int:
    counts = [v for s in series for v in s.values if isinstance(v, int)]
    return max([1, *counts])


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts = []
    for i, item in enumerate(series):
        left = x + i * 150
        parts.append(
            f'<rect x="{left:.1f}" y="{y - 8:.1f}" width="10" height="10" '
            f'fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        parts.append(
            f'<text x="{left + 14:.1f}" y="{y + 1:.1f}" font-size="9" {FONT}>'
            f"{escape(item.name)}</text>"
        )
    return parts


# A category label is wrapped at this many characters a line, on at most LABEL_LINES lines
# (a long refusal reason is read whole, not cut mid-phrase).
LABEL_CHARS = 32
LABEL_LINES = 3
LINE_HEIGHT = 10


def wrap_label(label: str, width: int = LABEL_CHARS, lines: int = LABEL_LINES) -> list[str]:
    """The label on lines of at most `width` characters, broken between words; a label
    longer than `lines` lines ends its last line with an ellipsis."""
    wrapped = textwrap.wrap(label, width, break_long_words=True) or [""]
    if len(wrapped) > lines:
        wrapped = wrapped[:lines]
        wrapped[-1] = wrapped[-1][: width - 1].rstrip() + "…"
    return wrapped


def _label(lines: list[str], x: int, middle: float) -> str:
    """A right-aligned label of one or more lines, centred on `middle`."""
    first = middle + 3 - (len(lines) - 1) * LINE_HEIGHT / 2
    spans = "".join(
        f'<tspan x="{x}" y="{first + i * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text font-size="9" text-anchor="end" {FONT}>{spans}</text>'


def horizontal_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 640,
    label_width: int = 190,
    number: Callable[[int], str] = _number,
) -> str:
    """One row per category, one bar per series; long labels on the left."""
    bar, gap = 11, 7
    labels = [wrap_label(category) for category in categories]
    groups = [max(bar * len(series), len(lines) * LINE_HEIGHT) + gap for lines in labels]
    top_margin = 34 if len(series) > 1 else 22
    height = top_margin + sum(groups) + 8
    plot = width - label_width - 50
    scale = plot / _top(series)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="12" font-size="11" font-weight="bold" {FONT}>{escape(title)}</text>',
    ]
    if len(series) > 1:
        parts += _legend(series, label_width, 28)
    y = float(top_margin)
    for row, lines in enumerate(labels):
        if row:
            y += groups[row - 1]
        parts.append(_label(lines, label_width - 6, y + bar * len(series) / 2))
        for i, item in enumerate(series):
            value = item.values[row]
            top = y + i * bar
            if isinstance(value, int):
                length = value * scale
                parts.append(
                    f'<rect x="{label_width}" y="{top:.1f}" width="{length:.1f}" '
                    f'height="{bar - 2}" fill="{PALETTE[i % len(PALETTE)]}"/>'
                )
                text, at = number(value), label_width + length + 4
            else:
                text, at = value, label_width + 4
            parts.append(
                f'<text x="{at:.1f}" y="{top + bar - 3:.1f}" font-size="8" {FONT}>'
                f"{escape(text)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def vertical_bars(
    title: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    width: int = 640,
    height: int = 230,
    number: Callable[[int], str] = _number,
) -> str:
    """One group of bars per category (e.g. months), side by side."""
    left, bottom, top_margin = 40, 30, 40
    plot_w, plot_h = width - left - 10, height - bottom - top_margin
    slot = plot_w / max(1, len(categories))
    bar = max(2.0, (slot - 6) / max(1, len(series)))
    highest = _top(series)
    scale = plot_h / highest
    base = top_margin + plot_h
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="12" font-size="11" font-weight="bold" {FONT}>{escape(title)}</text>',
        f'<line x1="{left}" y1="{base:.1f}" x2="{width - 10}" y2="{base:.1f}" stroke="#888"/>',
        f'<text x="{left - 4}" y="{top_margin + 4}" font-size="8" text-anchor="end" {FONT}>'
        f"{escape(number(highest))}</text>",
    ]
    parts += _legend(series, left, 28)
    for col, category in enumerate(categories):
        x0 = left + col * slot + 3
        parts.append(
            f'<text x="{x0 + (slot - 6) / 2:.1f}" y="{base + 12:.1f}" font-size="8" '
            f'text-anchor="middle" {FONT}>{escape(category[:9])}</text>'
        )
        for i, item in enumerate(series):
            value = item.values[col]
            x = x0 + i * bar
            if isinstance(value, int):
                h = value * scale
                parts.append(
                    f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                    f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                )
            else:
                parts.append(
                    f'<text x="{x + bar / 2:.1f}" y="{base - 2:.1f}" font-size="6" '
                    f'text-anchor="middle" {FONT}>{escape(value)}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)
