"""The dashboard's charts as plain data for the page's script (`json_script`).

Each chart shows numbers that a table beside it lists with their links; the script
(`reports/dashboard.js`) only draws. Labels are translated here, in the reader's
language.
"""

from __future__ import annotations

from typing import Any

from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _

from waspada.reports.breakdowns import COLUMNS, TREND_COLUMNS
from waspada.reports.dashboard import Dashboard
from waspada.reports.figures import HEADLINE_LABELS

TOP = 10
# The breakdowns drawn beside their table (deferrals and refusals).
CHARTED_BREAKDOWNS = ("regency", "purpose", "destination", "age_band")


def _dataset(label: object, values: list[int]) -> dict[str, Any]:
    return {"label": str(label), "data": values}


def chart_data(board: Dashboard) -> list[dict[str, Any]]:
    """[{id, title, horizontal, labels, datasets: [{label, data}]}] for the page's charts."""
    if board.empty:
        return []
    daily = bool(board.trend) and board.trend[0].period.days == 1 and len(board.trend) > 1
    trend_labels = [
        str(bucket.period.start.day) if daily else str(MONTHS_3[bucket.period.month]).title()
        for bucket in board.trend
    ]
    charts: list[dict[str, Any]] = [
        {
            "id": "trend",
            "title": _("Applications"),
            "horizontal": False,
            "labels": trend_labels,
            "datasets": [
                _dataset(
                    HEADLINE_LABELS["applications"],
                    [b.cells["applications"].value for b in board.trend],
                )
            ],
        },
        {
            "id": "decisions",
            "title": _("Deep interviews, deferrals and refusals"),
            "horizontal": False,
            "labels": trend_labels,
            "datasets": [
                _dataset(HEADLINE_LABELS[key], [b.cells[key].value for b in board.trend])
                for key in TREND_COLUMNS
                if key in ("deep_interviews", "deferred", "refused")
            ],
        },
        {
            "id": "reasons",
            "title": _("Refusals and cancellations by reason"),
            "horizontal": True,
            "labels": [row.label for row in board.reasons],
            "datasets": [
                _dataset(
                    _("Applications"),
                    [next(iter(row.cells.values())).value for row in board.reasons],
                )
            ],
        },
    ]
    labels = dict(COLUMNS)
    for table in board.breakdowns:
        if table.key not in CHARTED_BREAKDOWNS:
            continue
        rows = table.rows[:TOP]
        charts.append(
            {
                "id": table.key,
                "title": str(table.title),
                "horizontal": True,
                "labels": [row.label for row in rows],
                "datasets": [
                    _dataset(labels[key], [row.value(key) for row in rows])
                    for key in ("deferred", "refused")
                ],
            }
        )
    return charts
