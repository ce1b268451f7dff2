"""Bulk import of applications: exchange files and generated records into the database.

The application number is the key: a new number creates the application (and its
applicant, found or created by NIK), a known number with different values updates it,
an identical row changes nothing. Rows are saved in batches, one transaction each, with
a handful of queries per batch whatever its size, so that a year of an office's
applications imports in seconds. Every created or changed object gets its audit event.

Import jobs (uploaded files run by a background task) change state only here.
"""

from __future__ import annotations

import functools
import itertools
import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import connections, models, router, transaction
from django.http import HttpRequest
from django.utils import timezone

from waspada.applications import hooks
from waspada.applications.exchange import (
    APPLICATION_COLUMNS,
    ExchangeFileError,
    Notice,
    Pair,
    RowChecker,
    RowError,
    read_table,
)
from waspada.applications.models import (
    Applicant,
    ImportJob,
    ImportState,
    PassportApplication,
    Status,
    StatusChange,
)
from waspada.applications.records import ApplicantRecord, ApplicationRecord, identity_values
from waspada.applications.services import diff, origin_codes
from waspada.core import audit
from waspada.core.models import AuditEvent, User
from waspada.regions.models import Office
from waspada.regions.services import ensure_office

logger = logging.getLogger(__name__)

BATCH_SIZE = 2000
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# A job keeps this many row errors for its page; the counts always cover all of them.
MAX_STORED_ERRORS = 10_000

_APPLICANT_FIELDS = tuple(ApplicantRecord.__dataclass_fields__)
_APPLICATION_FIELDS = tuple(ApplicationRecord.__dataclass_fields__)
_APPLICANT_TYPE = Applicant._meta.label_lower
_APPLICATION_TYPE = PassportApplication._meta.label_lower


def _values(record: ApplicantRecord | ApplicationRecord) -> dict[str, Any]:
    """`records.record_values` without dataclasses.asdict's deep copy (a third of the
    import's time at 100,000 rows); the documents list is copied by hand."""
    if isinstance(record, ApplicantRecord):
        values = {name: getattr(record, name) for name in _APPLICANT_FIELDS}
        values["village_id"] = values.pop("village_code")
        return values
    values = {name: getattr(record, name) for name in _APPLICATION_FIELDS}
    values["documents"] = list(values["documents"])
    return values


@dataclass
class ImportReport:
    """What an import did. `failure` is set when the file could not be imported at all."""

    filename: str = ""
    total: int | None = None  # rows expected, when known before reading them
    rows: int = 0  # data rows read
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0  # rows rejected
    row_errors: list[RowError] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    missing_columns: list[str] = field(default_factory=list)
    failure: Notice | None = None
    # Applications created or changed (also through their applicant): to be screened.
    application_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failure is None

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
        }


def _insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """INSERT rows (dicts of attname -> value) with a single executemany.

    What bulk_create does, without a model instance per row or every value going through
    the full field machinery: at 100,000 applications that overhead was two thirds of the
    import. Absent keys take the field's default. Like bulk_create, no signals are sent;
    unlike it, no primary keys come back (look them up by a unique field).
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    ops = connection.ops
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    prepare: list[Callable[[Any], Any]] = []
    for model_field in fields:
        kind = model_field.get_internal_type()
        if kind in {"CharField", "TextField", "ForeignKey"}:
            prepare.append(lambda value: value)
        elif kind == "DateField":
            prepare.append(ops.adapt_datefield_value)
        elif kind == "DateTimeField":
            # A batch stamps every row with the same time: convert it once.
            prepare.append(functools.lru_cache(maxsize=8)(ops.adapt_datetimefield_value))
        else:
            prepare.append(functools.partial(model_field.get_db_prep_save, connection=connection))
    defaults = {f.attname: f.get_default() for f in fields}
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        ops.quote_name(model._meta.db_table),
        ", ".join(ops.quote_name(f.column or f.attname) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [
        [
            convert(row.get(f.attname, defaults[f.attname]))
            for f, convert in zip(fields, prepare, strict=True)
        ]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _batches(pairs: Iterable[Pair], size: int) -> Iterator[list[Pair]]:
    """Batches of pairs; a repeated application number starts a new batch, so that
    the later row updates what the earlier one created, as if saved one by one."""
    batch: list[Pair] = []
    numbers: set[str] = set()
    for pair in pairs:
        number = pair[1].application_no
        if len(batch) >= size or number in numbers:
            yield batch
            batch, numbers = [], set()
        batch.append(pair)
        numbers.add(number)
    if batch:
        yield batch


class _Saver:
    """Writes batches of validated pairs; the import's settings live here."""

    def __init__(
        self,
        *,
        office: Office,
        acting_user: User | None,
        source: str,
        columns: Collection[str] | None,
    ) -> None:
        self.office = office
        self.actor = acting_user
        self.source = source
        self.now = timezone.now()  # one timestamp per batch
        self.changed_niks: set[str] = set()  # applicants of the batch whose data changed
        # Only the columns the file has are compared and updated: a file without, say,
        # `documents` must not erase the documents recorded for an application.
        present = set(columns) if columns is not None else None
        self.applicant_fields = [
            "village_id" if name == "village_code" else name
            for name in _APPLICANT_FIELDS
            if present is None or name in present
        ]
        self.application_fields = [
            name
            for name in _APPLICATION_FIELDS
            if name in APPLICATION_COLUMNS and (present is None or name in present)
        ]
        # The identity written on the row is the application's own too (all but the NIK).
        self.identity_fields = [name for name in self.applicant_fields if name != "nik"]

    def _applicant_values(self, record: ApplicantRecord) -> dict[str, Any]:
        values = _values(record)
        return {name: values[name] for name in self.applicant_fields}

    def _event(
        self, action: str, summary: str, obj_type: str, obj_id: int, details: dict[str, Any]
    ) -> dict[str, Any]:
        """An audit event row as `audit.record` would write it."""
        return {
            "created_at": self.now,
            "actor_id": self.actor.pk if self.actor is not None else None,
            "actor_label": self.actor.get_username() if self.actor is not None else "",
            "action": action,
            "object_type": obj_type,
            "object_id": str(obj_id),
            "summary": summary[:500],
            "details": details,
            "ip_address": None,
        }

    def _applicants(self, pairs: list[Pair], events: list[dict[str, Any]]) -> dict[str, int]:
        """The id of every applicant of the batch by NIK, creating or updating them;
        the NIKs of those whose data changed go to `self.changed_niks`."""
        latest: dict[str, ApplicantRecord] = {}
        for applicant_record, _application in pairs:
            latest[applicant_record.nik] = applicant_record
        known = {a.nik: a for a in Applicant.objects.filter(nik__in=list(latest))}
        ids = {nik: applicant.pk for nik, applicant in known.items()}
        new: list[dict[str, Any]] = []
        changed: list[Applicant] = []
        changed_fields: set[str] = set()
        self.changed_niks = set()
        for nik, record in latest.items():
            applicant = known.get(nik)
            if applicant is None:
                new.append({**_values(record), "created_at": self.now, "updated_at": self.now})
                continue
            values = self._applicant_values(record)
            changes = diff(applicant, values)
            if not changes:
                continue
            for name in changes:
                setattr(applicant, name, values[name])
            applicant.updated_at = self.now
            changed.append(applicant)
            changed_fields.update(changes)
            self.changed_niks.add(nik)
            events.append(
                self._event(
                    "applicant.updated",
                    f"Applicant {nik} changed: {', '.join(sorted(changes))} ({self.source})",
                    _APPLICANT_TYPE,
                    applicant.pk,
                    {"changes": changes, "source": self.source},
                )
            )
        if new:
            _insert_rows(Applicant, new)
            created = dict(
                Applicant.objects.filter(nik__in=[row["nik"] for row in new]).values_list(
                    "nik", "pk"
                )
            )
            ids.update(created)
            events.extend(
                self._event(
                    "applicant.created",
                    f"Applicant {row['full_name']} ({row['nik']}) registered ({self.source})",
                    _APPLICANT_TYPE,
                    created[row["nik"]],
                    {"source": self.source},
                )
                for row in new
            )
        if changed:
            Applicant.objects.bulk_update(changed, [*sorted(changed_fields), "updated_at"])
        return ids

    def save(self, pairs: list[Pair], report: ImportReport) -> None:
        """Save one batch in one transaction and add what happened to `report`."""
        if not pairs:
            return
        events: list[dict[str, Any]] = []
        self.now = timezone.now()
        already = len(report.application_ids)
        self._save(pairs, report, events)
        # What this batch created or changed is assessed before the next batch (screening).
        hooks.applications_saved(
            report.application_ids[already:], trigger="import", acting_user=self.actor
        )

    def _save(self, pairs: list[Pair], report: ImportReport, events: list[dict[str, Any]]) -> None:
        with transaction.atomic():
            applicant_ids = self._applicants(pairs, events)
            existing = {
                app.application_no: app
                for app in PassportApplication.objects.select_related("applicant").filter(
                    application_no__in=[record.application_no for _a, record in pairs]
                )
            }
            new: list[dict[str, Any]] = []
            changed: list[PassportApplication] = []
            changed_fields: set[str] = set()
            for applicant_record, record in pairs:
                nik = applicant_record.nik
                applicant_id = applicant_ids[nik]
                regency_code, district_code = origin_codes(applicant_record.village_code)
                application = existing.get(record.application_no)
                identity = identity_values(applicant_record)
                if application is None:
                    new.append(
                        {
                            **_values(record),
                            **identity,
                            "nik": nik,  # for the audit event; not a column of the table
                            "applicant_id": applicant_id,
                            "office_id": self.office.pk,
                            "regency_code": regency_code,
                            "district_code": district_code,
                            "created_by_id": self.actor.pk if self.actor is not None else None,
                            "status": Status.SUBMITTED,
                            "created_at": self.now,
                            "updated_at": self.now,
                        }
                    )
                    continue
                values = {name: getattr(record, name) for name in self.application_fields}
                values.update({name: identity[name] for name in self.identity_fields})
                values.update(regency_code=regency_code, district_code=district_code)
                changes = diff(application, values)
                for name in changes:
                    setattr(application, name, values[name])
                if application.applicant_id != applicant_id:
                    changes["applicant"] = [application.applicant.nik, nik]
                    application.applicant_id = applicant_id
                if not changes:
                    if nik in self.changed_niks:
                        report.updated += 1
                        report.application_ids.append(application.pk)
                    else:
                        report.unchanged += 1
                    continue
                application.updated_at = self.now
                changed.append(application)
                changed_fields.update(changes)
                report.updated += 1
                report.application_ids.append(application.pk)
                events.append(
                    self._event(
                        "application.updated",
                        f"Application {record.application_no} changed: "
                        f"{', '.join(sorted(changes))} ({self.source})",
                        _APPLICATION_TYPE,
                        application.pk,
                        {"changes": changes, "source": self.source},
                    )
                )
            if new:
                report.application_ids.extend(self._create_applications(new, events))
                report.created += len(new)
            if changed:
                PassportApplication.objects.bulk_update(
                    changed, [*sorted(changed_fields), "updated_at"]
                )
            _insert_rows(AuditEvent, events)

    def _create_applications(
        self, rows: list[dict[str, Any]], events: list[dict[str, Any]]
    ) -> list[int]:
        """Insert new applications with their first status change and audit events."""
        _insert_rows(PassportApplication, rows)
        ids = dict(
            PassportApplication.objects.filter(
                application_no__in=[row["application_no"] for row in rows]
            ).values_list("application_no", "pk")
        )
        actor_id = self.actor.pk if self.actor is not None else None
        _insert_rows(
            StatusChange,
            [
                {
                    "application_id": ids[row["application_no"]],
                    "from_status": "",
                    "to_status": Status.SUBMITTED,
                    "changed_at": self.now,
                    "changed_by_id": actor_id,
                    "note": self.source[:300],
                }
                for row in rows
            ],
        )
        events.extend(
            self._event(
                "application.imported",
                f"Application {row['application_no']} imported ({self.source})",
                _APPLICATION_TYPE,
                ids[row["application_no"]],
                {"source": self.source, "applicant": row["nik"]},
            )
            for row in rows
        )
        return list(ids.values())


def save_records(
    pairs: Iterable[Pair],
    *,
    office: Office,
    acting_user: User | None,
    source: str,
    progress: Callable[[int], None] | None = None,
    columns: Collection[str] | None = None,
) -> ImportReport:
    """Create or update applications from validated records, in batches (audited).

    `source` names where the records came from (a file name) in the audit trail and the
    status history. `progress` is called with the number of pairs saved after each batch.
    `columns`, when given, limits updates of existing rows to those exchange columns.
    """
    report = ImportReport(filename=source)
    saver = _Saver(office=office, acting_user=acting_user, source=source, columns=columns)
    for batch in _batches(pairs, BATCH_SIZE):
        saver.save(batch, report)
        report.rows += len(batch)
        if progress is not None:
            progress(len(batch))
    return report


def import_file(
    path_or_fileobj: str | Path | IO[bytes],
    *,
    filename: str,
    acting_user: User | None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
    office: Office | None = None,
) -> ImportReport:
    """Read, check and save an exchange file (CSV or XLSX, told apart by `filename`).

    A file that cannot be read, or lacks required columns, imports nothing: the report's
    `failure` says why. Otherwise bad rows are reported and the others saved.
    `progress` gets the number of rows handled after each batch; `on_total` the number
    of rows expected, once known.
    """
    report = ImportReport(filename=filename)
    try:
        table = read_table(path_or_fileobj, filename)
    except ExchangeFileError as exc:
        report.failure = exc.notice
        return report
    report.warnings = table.warnings
    report.total = table.total
    if table.missing_columns:
        report.missing_columns = table.missing_columns
        report.failure = Notice(
            "missing_columns",
            {"columns": ", ".join(table.missing_columns), "count": len(table.missing_columns)},
        )
        return report
    if on_total is not None:
        on_total(table.total)
    saver = _Saver(
        office=office or ensure_office(acting_user=acting_user),
        acting_user=acting_user,
        source=filename,
        columns=table.columns,
    )
    checker = RowChecker()
    rows = iter(table.rows())
    while batch := list(itertools.islice(rows, BATCH_SIZE)):
        pairs, errors, rejected = checker.check(batch)
        saver.save(pairs, report)
        report.rows += len(batch)
        report.errors += rejected
        report.row_errors.extend(errors)
        if progress is not None:
            progress(len(batch))
    return report


# --- audited runs and import jobs ------------------------------------------------------


def _job_summary(report: ImportReport) -> dict[str, Any]:
    return {
        "file": report.filename,
        **report.counts(),
        "warnings": [notice.to_dict() for notice in report.warnings],
        "failure": report.failure.to_dict() if report.failure else None,
    }


def run_import(
    path_or_fileobj: str | Path | IO[bytes],
    *,
    filename: str,
    acting_user: User | None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
    job: ImportJob | None = None,
) -> ImportReport:
    """`import_file` between the audit events "import.started" and "import.finished"."""
    audit.record(
        "import.started",
        f"Import of {filename} started",
        actor=acting_user,
        obj=job,
        details={"file": filename},
    )
    report = import_file(
        path_or_fileobj,
        filename=filename,
        acting_user=acting_user,
        progress=progress,
        on_total=on_total,
    )
    counts = report.counts()
    summary = (
        f"Import of {filename}: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['errors']} rejected"
        if report.ok
        else f"Import of {filename} failed: {report.failure.code if report.failure else ''}"
    )
    audit.record(
        "import.finished", summary, actor=acting_user, obj=job, details=_job_summary(report)
    )
    return report


def submit_import(
    upload: UploadedFile, *, acting_user: User, request: HttpRequest | None = None
) -> ImportJob:
    """Store an uploaded file as a queued job and hand it to the background worker."""
    from waspada.applications.tasks import run_import_job

    filename = Path(upload.name or "upload").name
    with transaction.atomic():
        job = ImportJob.objects.create(file=upload, filename=filename, created_by=acting_user)
        audit.record(
            "import.queued",
            f"Import of {filename} queued",
            actor=acting_user,
            obj=job,
            details={"file": filename, "size": upload.size},
            request=request,
        )

        def enqueue() -> None:
            result = run_import_job.enqueue(job.pk)
            ImportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))

        transaction.on_commit(enqueue)
    return job


def start_job(job: ImportJob) -> None:
    job.status = ImportState.RUNNING
    job.started_at = timezone.now()
    job.processed_rows = 0
    job.save(update_fields=["status", "started_at", "processed_rows"])


def finish_job(job: ImportJob, report: ImportReport) -> None:
    """Record the outcome: done, or failed when the file could not be imported."""
    job.status = ImportState.DONE if report.ok else ImportState.FAILED
    job.finished_at = timezone.now()
    job.processed_rows = report.rows
    if report.ok:
        job.total_rows = report.rows
    job.created_count = report.created
    job.updated_count = report.updated
    job.unchanged_count = report.unchanged
    job.rejected_count = report.errors
    job.error_count = len(report.row_errors)
    job.errors = [error.to_dict() for error in report.row_errors[:MAX_STORED_ERRORS]]
    job.warnings = [notice.to_dict() for notice in report.warnings]
    job.missing_columns = report.missing_columns
    job.failure = report.failure.to_dict() if report.failure else None
    job.save()


def fail_job(job: ImportJob, notice: Notice) -> None:
    """Mark a job failed for a reason outside the file (e.g. an internal error)."""
    job.status = ImportState.FAILED
    job.finished_at = timezone.now()
    job.failure = notice.to_dict()
    job.save(update_fields=["status", "finished_at", "failure"])
    audit.record(
        "import.finished",
        f"Import of {job.filename} failed: {notice.code}",
        actor=job.created_by,
        obj=job,
        details={"file": job.filename, "failure": notice.to_dict()},
    )


def run_job(job_id: int) -> ImportReport | None:
    """Run a queued import job, keeping its progress up to date; None if not queued."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportState.QUEUED:
        logger.warning("Import job %s is %s, not queued: not run again", job.pk, job.status)
        return None
    start_job(job)
    processed = 0

    def on_total(total: int | None) -> None:
        job.total_rows = total
        ImportJob.objects.filter(pk=job.pk).update(total_rows=total)

    def progress(rows: int) -> None:
        nonlocal processed
        processed += rows
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=processed)

    try:
        with job.file.open("rb") as handle:
            report = run_import(
                handle,
                filename=job.filename,
                acting_user=job.created_by,
                progress=progress,
                on_total=on_total,
                job=job,
            )
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        job.processed_rows = processed
        fail_job(job, Notice("crashed"))
        raise
    finish_job(job, report)
    return report


def job_row_errors(job: ImportJob) -> list[RowError]:
    return [RowError.from_dict(error) for error in job.errors]


def job_warnings(job: ImportJob) -> list[Notice]:
    return [Notice.from_dict(notice) for notice in job.warnings]


def job_failure(job: ImportJob) -> Notice | None:
    return Notice.from_dict(job.failure) if job.failure else None


def check_upload_header(upload: UploadedFile) -> Notice | None:
    """Why this upload cannot be imported at all (read from its header), or None."""
    filename = Path(upload.name or "").name
    try:
        table = read_table(upload, filename)
        table.close()
    except ExchangeFileError as exc:
        return exc.notice
    finally:
        upload.seek(0)
    if table.missing_columns:
        return Notice(
            "missing_columns",
            {"columns": ", ".join(table.missing_columns), "count": len(table.missing_columns)},
        )
    return None
