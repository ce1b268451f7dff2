"""The head of office's dashboard and the report download."""

from __future__ import annotations

import tempfile
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from waspada.core.access import requires
from waspada.core.models import User
from waspada.core.policy import Action
from waspada.domain.suppression import DEFAULT_THRESHOLD
from waspada.partners.coordination import COLUMNS as COORDINATION_COLUMNS
from waspada.partners.coordination import coordination_figures
from waspada.publik.queries import campaign_figures
from waspada.reports import charts, exports
from waspada.reports.breakdowns import TREND_COLUMNS, WORKLOAD_COLUMNS
from waspada.reports.dashboard import build, default_period
from waspada.reports.document import build_document, period_label
from waspada.reports.figures import HEADLINE_LABELS
from waspada.reports.forms import PERIOD_FIELDS, DownloadForm, PeriodForm
from waspada.training.queries import figures as training_figures


@requires(Action.VIEW_REPORTS)
def dashboard(request: HttpRequest) -> HttpResponse:
    default = default_period()
    form = PeriodForm(request.GET or None, default=default)
    period = form.chosen()
    context: dict[str, Any] = {"form": form, "period": period}
    if period is not None:
        board = build(period)
        context.update(
            board=board,
            period_label=period_label(period),
            previous_label=period_label(period.previous()),
            charts=charts.chart_data(board),
            campaign=campaign_figures(period.start, period.end),
            # Read only with the period's figures (an empty period shows the headlines).
            training=None if board.empty else training_figures(period.start, period.end),
            coordination=[] if board.empty else coordination_figures(period.start, period.end),
            coordination_columns=COORDINATION_COLUMNS,
            charted=charts.CHARTED_BREAKDOWNS,
            trend_columns=[(key, HEADLINE_LABELS[key]) for key in TREND_COLUMNS],
            workload_columns=WORKLOAD_COLUMNS,
            period_fields=PERIOD_FIELDS,
            # Its own element ids (download-...): the period form above has the same fields.
            download=DownloadForm(
                initial={
                    **{name: form[name].value() for name in PERIOD_FIELDS if name in form.fields},
                    "format": "pdf",
                    "threshold": DEFAULT_THRESHOLD,
                },
                default=default,
                auto_id="download-%s",
            ),
        )
    return render(request, "reports/dashboard.html", context)


@requires(Action.VIEW_REPORTS)
def download(request: HttpRequest) -> HttpResponseBase:
    """The report of the period as PDF or XLSX (audited); 400 with the reasons when wrong."""
    form = DownloadForm(request.GET, default=default_period())
    period = form.chosen()
    if period is None:
        return render(request, "reports/download_error.html", {"form": form}, status=400)
    data = form.cleaned_data
    publication = bool(data.get("publication"))
    document = build_document(
        period,
        publication=publication,
        threshold=data.get("threshold") or DEFAULT_THRESHOLD,
    )
    fmt = data["format"]
    name = exports.filename(document, fmt)
    assert isinstance(request.user, User)
    exports.record_report(
        document, fmt=fmt, destination=name, acting_user=request.user, request=request
    )
    # The file is written whole to a temporary file, then sent; FileResponse closes it.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    exports.WRITERS[fmt](document, spool)
    spool.seek(0)
    return FileResponse(
        spool, as_attachment=True, filename=name, content_type=exports.CONTENT_TYPES[fmt]
    )
