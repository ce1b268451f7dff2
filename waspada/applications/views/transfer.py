"""Import (upload, job status, job list) and export (download) of applications."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from waspada.applications import exporting, importing
from waspada.applications.exchange import EXTENSIONS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from waspada.applications.models import ImportJob
from waspada.applications.queries import filtered_applications
from waspada.core import jobs
from waspada.core.access import get_object_or_deny, requires
from waspada.core.models import User
from waspada.core.policy import Action
from waspada.core.tables import csv_lines

JOBS_PER_PAGE = 50
ERRORS_PER_PAGE = 100


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (UTF-8) or Excel workbook (.xlsx) in the exchange format, at most 50 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if Path(upload.name or "").suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        size = upload.size or 0
        if size > importing.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; at most %(max)s can be imported at once.")
                % {
                    "size": filesizeformat(size),
                    "max": filesizeformat(importing.MAX_UPLOAD_BYTES),
                }
            )
        # Read the header now, so that a wrong file is refused here rather than
        # queued and failed a moment later.
        problem = importing.check_upload_header(upload)
        if problem is not None:
            raise forms.ValidationError(problem.message)
        return upload


@requires(Action.IMPORT_APPLICATIONS)
def application_import(request: HttpRequest) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        job = importing.submit_import(
            form.cleaned_data["file"], acting_user=request.user, request=request
        )
        messages.success(
            request,
            _("%(file)s was uploaded; the import runs in the background.") % {"file": job.filename},
        )
        return redirect("application_import_job", job_id=job.pk)
    return render(
        request,
        "applications/import_upload.html",
        {
            "form": form,
            "required_columns": REQUIRED_COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
            "recent_jobs": ImportJob.objects.select_related("created_by")[:5],
        },
    )


@requires(Action.IMPORT_APPLICATIONS)
def application_import_list(request: HttpRequest) -> HttpResponse:
    jobs = ImportJob.objects.select_related("created_by").defer("errors", "warnings")
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "applications/import_list.html", {"page": page, "query": ""})


@requires(Action.IMPORT_APPLICATIONS)
def application_import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_object_or_deny(
        request,
        Action.IMPORT_APPLICATIONS,
        ImportJob.objects.select_related("created_by"),
        pk=job_id,
    )
    context: dict[str, Any] = {
        "job": job,
        "failure": importing.job_failure(job),
        "warnings": importing.job_warnings(job),
        "error_page": Paginator(importing.job_row_errors(job), ERRORS_PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "query": "",
    }
    return jobs.render_status_page(request, "applications/import_job.html", context)


@requires(Action.IMPORT_APPLICATIONS)
def application_import_problems(request: HttpRequest, job_id: int) -> StreamingHttpResponse:
    """Every refusal and notice of an import as CSV (row, column, value as written,
    outcome, reason in the reader's language)."""
    job = get_object_or_deny(
        request, Action.IMPORT_APPLICATIONS, ImportJob.objects.all(), pk=job_id
    )
    response = StreamingHttpResponse(
        csv_lines(importing.job_problems_csv(job)), content_type="text/csv; charset=utf-8"
    )
    name = f"{Path(job.filename).stem}-problems.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _bad_export(request: HttpRequest, problems: dict[str, list[str]]) -> HttpResponse:
    labels = {name: field.label for name, field in exporting.filter_fields().items()}
    labels["format"] = _("Format")
    lines = [(labels.get(name) or name, " ".join(texts)) for name, texts in problems.items()]
    return render(request, "applications/import_export_error.html", {"problems": lines}, status=400)


@requires(Action.EXPORT_APPLICATIONS)
def application_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The applications the list page shows for these filters, as CSV or XLSX (audited)."""
    fmt = (request.GET.get("format") or "csv").strip().lower()
    problems: dict[str, list[str]] = {}
    if fmt not in exporting.FORMATS:
        problems["format"] = [_("Unknown format '%(value)s': use csv or xlsx.") % {"value": fmt}]
    try:
        filters = exporting.parse_filters(request.GET)
    except exporting.InvalidFilters as exc:
        problems.update(exc.problems)
    if problems:
        return _bad_export(request, problems)

    queryset = filtered_applications(filters)
    filename = exporting.export_filename(fmt)
    assert isinstance(request.user, User)
    exporting.record_export(
        filters,
        fmt=fmt,
        rows=queryset.count(),
        acting_user=request.user,
        destination=filename,
        request=request,
    )
    if fmt == "csv":
        response = StreamingHttpResponse(
            exporting.csv_chunks(queryset), content_type=exporting.CONTENT_TYPES["csv"]
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    # A workbook is a zip archive: it is written whole, to a temporary file, then sent.
    # FileResponse closes the file once it is sent.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    exporting.write_xlsx(queryset, spool)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=filename,
        content_type=exporting.CONTENT_TYPES["xlsx"],
    )
