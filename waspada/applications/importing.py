"""Bulk import of applications: exchange files and generated records into the database.

The application number is the key: a new number creates the application (and its
applicant, found or created by NIK), a known number with different values updates it,
an identical row changes nothing. Rows are saved in batches, one transaction each, with
a handful of queries per batch whatever its size, so that a year of an office's
applications imports in seconds. Every created or changed object gets its audit event.

Import jobs (uploaded files run by a background task) change state only here.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import logging
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connections, models, router, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_noop

from waspada.applications import hooks
from waspada.applications.exchange import (
    APPLICATION_COLUMNS,
    SPEC,
    Pair,
    RowChecker,
)
from waspada.applications.models import (
    Applicant,
    ImportJob,
    PassportApplication,
    Status,
    StatusChange,
    identity_keys,
)
from waspada.applications.records import ApplicantRecord, ApplicationRecord, identity_values
from waspada.applications.services import SOURCES, diff, origin_codes
from waspada.core import audit, jobs
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import field_labels, said, text
from waspada.core.models import AuditEvent, User
from waspada.core.tables import (
    Checked,
    ImportOutcome,
    Notice,
    RawRow,
    RowError,
    TableImport,
    check_header,
    problems_csv,
)
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

IMPORTED = text(gettext_noop("Application %(number)s imported (%(source)s)"))


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
class ImportReport(ImportOutcome):
    """What an import did. `failure` is set when the file could not be imported at all,
    or stopped being readable (then `saved_through` says up to which row it was saved)."""

    # Applications created or changed (also through their applicant): screened.
    application_ids: list[int] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Rows refused (the name the counts have always had)."""
        return self.refused

    @property
    def row_errors(self) -> list[RowError]:
        """Every refusal and notice, in file order."""
        return self.problems


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
        self.source_label = SOURCES.get(source, source)
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
            "summary": str(summary)[:500],
            "details": audit.with_summary(summary, details),
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
                new.append(
                    {
                        **_values(record),
                        **identity_keys(record.full_name, record.birth_place),
                        "created_at": self.now,
                        "updated_at": self.now,
                    }
                )
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
            if "full_name" in changes or "birth_place" in changes:
                # bulk_update does not go through Applicant.save, which keeps the keys.
                keys = identity_keys(applicant.full_name, applicant.birth_place)
                for name, value in keys.items():
                    setattr(applicant, name, value)
                changed_fields.update(keys)
            self.changed_niks.add(nik)
            events.append(
                self._event(
                    AuditAction.APPLICANT_UPDATED,
                    said(
                        gettext_noop("Applicant %(nik)s changed: %(fields)s (%(source)s)"),
                        nik=nik,
                        fields=field_labels(Applicant, changes),
                        source=self.source_label,
                    ),
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
                    AuditAction.APPLICANT_CREATED,
                    said(
                        gettext_noop("Applicant %(name)s (%(nik)s) registered (%(source)s)"),
                        name=row["full_name"],
                        nik=row["nik"],
                        source=self.source_label,
                    ),
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
        """Save and screen one batch in one transaction; add what happened to `report`.

        Screening runs inside the batch's transaction: if it fails, the batch is not
        saved either, so no application is ever left saved but unscreened. The counts
        reach `report` only once the batch is committed.
        """
        if not pairs:
            return
        events: list[dict[str, Any]] = []
        self.now = timezone.now()
        batch = ImportReport()
        with transaction.atomic():
            self._save(pairs, batch, events)
            # What this batch created or changed is assessed before the next batch.
            hooks.applications_saved(
                batch.application_ids, trigger="import", acting_user=self.actor
            )
        report.created += batch.created
        report.updated += batch.updated
        report.unchanged += batch.unchanged
        report.application_ids.extend(batch.application_ids)

    def _save(self, pairs: list[Pair], report: ImportReport, events: list[dict[str, Any]]) -> None:
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
                    AuditAction.APPLICATION_UPDATED,
                    said(
                        gettext_noop("Application %(number)s changed: %(fields)s (%(source)s)"),
                        number=record.application_no,
                        fields=field_labels(PassportApplication, changes),
                        source=self.source_label,
                    ),
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
        audit.record_rows(events, functools.partial(_insert_rows, AuditEvent))

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
                AuditAction.APPLICATION_IMPORTED,
                said(
                    IMPORTED,
                    number=row["application_no"],
                    source=self.source_label,
                ),
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


class ApplicationImport(TableImport[Pair, ImportReport]):
    """Exchange files: rows checked by `exchange.RowChecker`, saved and screened by batch."""

    columns = SPEC

    def __init__(self, *, acting_user: User | None, office: Office | None, filename: str) -> None:
        self.batch_size = BATCH_SIZE
        self.acting_user = acting_user
        self.office = office
        self.filename = filename
        self.checker = RowChecker()
        self.saver: _Saver | None = None

    def parse(self, rows: list[RawRow]) -> list[Checked[Pair]]:
        return self.checker.check_rows(rows)

    def save(self, valid: list[Checked[Pair]], outcome: ImportReport) -> None:
        if self.saver is None:
            raise RuntimeError("save before the file was opened")
        self.saver.save([item.value for item in valid if item.value is not None], outcome)

    def begin(self, columns: list[str]) -> None:
        self.saver = _Saver(
            office=self.office or ensure_office(acting_user=self.acting_user),
            acting_user=self.acting_user,
            source=self.filename,
            columns=columns,
        )


def import_file(
    path_or_fileobj: str | Path | IO[bytes],
    *,
    filename: str,
    acting_user: User | None,
    progress: Callable[[int], None] | None = None,
    on_total: Callable[[int | None], None] | None = None,
    office: Office | None = None,
    report: ImportReport | None = None,
) -> ImportReport:
    """Read, check and save an exchange file (CSV or XLSX, told apart by `filename`).

    A file that cannot be read, or lacks required columns, imports nothing: the report's
    `failure` says why. Otherwise refused rows are reported and the others saved (with
    their notices). A workbook that breaks mid-way keeps the batches saved before the
    break, and the failure says up to which row that is. `progress` gets the number of
    rows handled after each batch; `on_total` the number of rows expected, once known.
    `report`, when given, is filled in as the import goes (a caller that catches an
    exception still knows what was saved).
    """
    report = report if report is not None else ImportReport()
    importer = ApplicationImport(acting_user=acting_user, office=office, filename=filename)
    importer.run(
        path_or_fileobj, filename=filename, outcome=report, progress=progress, on_total=on_total
    )
    if report.failure is not None and report.rows:
        report.failure = Notice(
            "stopped_at",
            {
                "problem": report.failure.to_dict(),
                "saved": report.saved_through,
                "count": report.saved_rows,
            },
        )
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
    report: ImportReport | None = None,
) -> ImportReport:
    """`import_file` between the audit events "import started" and "import finished"."""
    audit.record(
        AuditAction.IMPORT_STARTED,
        said(gettext_noop("Import of %(file)s started"), file=filename),
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
        report=report,
    )
    counts = report.counts()
    summary = (
        said(
            gettext_noop(
                "Import of %(file)s: %(created)s created, %(updated)s updated, "
                "%(unchanged)s unchanged, %(noticed)s with notices, %(errors)s refused"
            ),
            file=filename,
            **counts,
        )
        if report.ok
        else said(
            gettext_noop("Import of %(file)s failed: %(code)s"),
            file=filename,
            code=report.failure.code if report.failure else "",
        )
    )
    audit.record(
        AuditAction.IMPORT_FINISHED,
        summary,
        actor=acting_user,
        obj=job,
        details=_job_summary(report),
    )
    return report


def submit_import(
    upload: UploadedFile, *, acting_user: User, request: HttpRequest | None = None
) -> ImportJob:
    """Store an uploaded file as a queued job and hand it to the background worker."""
    filename = Path(upload.name or "upload").name
    return jobs.create(
        ImportJob,
        acting_user=acting_user,
        action=AuditAction.IMPORT_QUEUED,
        summary=said(gettext_noop("Import of %(file)s queued"), file=filename),
        details={"file": filename, "size": upload.size},
        request=request,
        file=upload,
        filename=filename,
    )


def finish_job(job: ImportJob, report: ImportReport) -> None:
    """Record the outcome: done, or failed when the file could not be (wholly) imported.

    Not audited here: `run_import` wrote AuditAction.IMPORT_FINISHED with the same figures. Every
    refusal and notice goes to the job's problem report (a CSV file beside the upload);
    the first MAX_STORED_ERRORS are also kept on the job for its page.
    """
    outcome = _outcome(report)
    if report.ok:
        jobs.finish(job, total=report.rows, failure=None, **outcome)
    else:
        failure = report.failure.to_dict() if report.failure else None
        code = report.failure.code if report.failure else "failed"
        jobs.fail(job, code, failure=failure, **outcome)
    if report.problems:
        save_problem_report(job, report.problems)


def _outcome(report: ImportReport) -> dict[str, Any]:
    """The job's result fields from a report."""
    return {
        "processed": report.rows,
        "created_count": report.created,
        "updated_count": report.updated,
        "unchanged_count": report.unchanged,
        "rejected_count": report.refused,
        "noticed_count": report.noticed,
        "error_count": len(report.problems),
        "errors": [problem.to_dict() for problem in report.problems[:MAX_STORED_ERRORS]],
        "warnings": [notice.to_dict() for notice in report.warnings],
        "missing_columns": report.missing_columns,
    }


def problem_report_name(job: ImportJob) -> str:
    """Where a job's problem report is stored (beside the uploaded file)."""
    return f"{job.file.name}.problems.csv"


def save_problem_report(job: ImportJob, problems: list[RowError]) -> None:
    """Store every refusal and notice of a job as CSV, with the reasons in English
    (the download renders them again in the reader's language when it can)."""
    storage = job.file.storage
    name = problem_report_name(job)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "value", "notice", "code", "params"])
    for problem in problems:
        writer.writerow(
            [
                problem.row,
                problem.column,
                problem.value,
                "1" if problem.notice else "",
                problem.code,
                json.dumps(problem.params, ensure_ascii=False, default=str),
            ]
        )
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(buffer.getvalue().encode("utf-8")))


def job_problems(job: ImportJob) -> Iterator[RowError]:
    """Every refusal and notice of a job: from its problem report, or (for a job that
    has none stored) the ones kept on the job."""
    storage = job.file.storage
    name = problem_report_name(job)
    if not job.file.name or not storage.exists(name):
        yield from job_row_errors(job)
        return
    with storage.open(name, "rb") as handle:
        reader = csv.reader(io.TextIOWrapper(handle, encoding="utf-8", newline=""))
        next(reader, None)
        for row, column, value, notice, code, params in reader:
            yield RowError(int(row), column, code, json.loads(params), value, notice == "1")


def job_problems_csv(job: ImportJob) -> Iterator[list[str]]:
    """The downloadable problem report of a job, in the active language."""
    return problems_csv(job_problems(job))


def fail_job(job: ImportJob, notice: Notice, report: ImportReport | None = None) -> None:
    """Mark a job failed for a reason outside the file (e.g. an internal error); with
    the `report` of what was saved before it stopped, its counts and problems are kept."""
    if report is not None:
        report.failure = notice
    jobs.fail(
        job,
        notice.code,
        action=AuditAction.IMPORT_FINISHED,
        summary=said(
            gettext_noop("Import of %(file)s failed: %(code)s"), file=job.filename, code=notice.code
        ),
        details={"file": job.filename, "failure": notice.to_dict()},
        failure=notice.to_dict(),
        **(_outcome(report) if report is not None else {}),
    )
    if report is not None and report.problems:
        save_problem_report(job, report.problems)


def run_job(job_id: int) -> ImportReport | None:
    """Run a queued import job, keeping its progress up to date; None if not queued."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if not jobs.start(job):
        logger.warning("Import job %s is %s, not queued: not run again", job.pk, job.state)
        return None

    def on_total(total: int | None) -> None:
        jobs.progress(job, total=total)

    def progress(rows: int) -> None:
        jobs.progress(job, advance=rows)

    report = ImportReport(filename=job.filename)
    try:
        with job.file.open("rb") as handle:
            run_import(
                handle,
                filename=job.filename,
                acting_user=job.created_by,
                progress=progress,
                on_total=on_total,
                job=job,
                report=report,
            )
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        fail_job(
            job,
            Notice("crashed_at", {"saved": report.saved_through, "count": report.saved_rows}),
            report,
        )
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
    return check_header(upload, Path(upload.name or "").name, SPEC)
