"""`waspada match-names WATCHLIST.csv QUERIES.csv [--out FILE]`: match names, no database.

A thin wrapper around `waspada.domain.match_names_cli` (see its docstring for the contract):
this command only translates the messages and shows a progress bar for large files.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.domain.match_names_cli import (
    BAD_DATE,
    BAD_SEX,
    DUPLICATE_ID,
    EMPTY_ID,
    EMPTY_NAME,
    NO_LETTERS,
    InputFileError,
    MissingColumns,
    Problem,
    run_match_names,
)
from waspada.domain.matching import Identity

# Files at least this large (bytes) get a progress bar on stderr.
PROGRESS_MIN_BYTES = 1_000_000


def problem_message(problem: Problem) -> str:
    """One translated line naming the file, row and column."""
    reasons = {
        EMPTY_ID: _("the id is empty; row skipped"),
        DUPLICATE_ID: _("the id '%(value)s' was already used above; row skipped"),
        EMPTY_NAME: _("the name is empty; row skipped"),
        NO_LETTERS: _("the name '%(value)s' has no letters that can be compared; row skipped"),
        BAD_DATE: _(
            "'%(value)s' is not a date: write YYYY-MM-DD or YYYY; the row is used without it"
        ),
        BAD_SEX: _("'%(value)s' is not a sex: write L, P or nothing; the row is used without it"),
    }
    reason = reasons.get(problem.code, problem.code) % {"value": problem.value}
    return _("%(file)s, row %(row)d, column %(column)s: %(reason)s") % {
        "file": problem.file,
        "row": problem.row,
        "column": problem.column,
        "reason": reason,
    }


class Command(BaseCommand):
    # Marked here, translated in create_parser (argparse needs a real str).
    help = gettext_noop(
        "Match the names in QUERIES.csv against WATCHLIST.csv and write query_id, matched_id, "
        "score (matched_id empty unless the match is likely). Needs no database."
    )
    # Pure file work: no system checks, so a missing or unreachable database is fine.
    requires_system_checks: list[str] = []  # type: ignore[assignment]
    requires_migrations_checks = False

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        self.help = _(self.help)
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "watchlist", type=Path, help=_("watchlist CSV: id, full_name, birth_date, sex")
        )
        parser.add_argument(
            "queries", type=Path, help=_("queries CSV: query_id, full_name, birth_date, sex")
        )
        parser.add_argument("--out", type=Path, help=_("output CSV (default: standard output)"))

    def handle(self, *args: Any, **options: Any) -> None:
        # call_command() passes options through without argparse's type conversion.
        watchlist = Path(options["watchlist"])
        queries = Path(options["queries"])
        out_path = Path(options["out"]) if options["out"] else None
        large = any(_size(p) >= PROGRESS_MIN_BYTES for p in (watchlist, queries))
        progress = _tqdm_progress if large else None
        try:
            if out_path is None:
                summary = run_match_names(watchlist, queries, self.stdout, progress=progress)
            else:
                with out_path.open("w", newline="", encoding="utf-8") as handle:
                    summary = run_match_names(watchlist, queries, handle, progress=progress)
        except MissingColumns as exc:
            if out_path is not None:
                out_path.unlink(missing_ok=True)
            self.stderr.write(
                _("%(file)s: missing columns: %(columns)s")
                % {"file": exc.file, "columns": ", ".join(exc.missing)}
            )
            sys.exit(1)
        except InputFileError as exc:
            if out_path is not None:
                out_path.unlink(missing_ok=True)
            raise CommandError(
                _("%(file)s cannot be read: %(reason)s") % {"file": exc.file, "reason": exc.reason}
            ) from exc
        for problem in summary.problems:
            self.stderr.write(problem_message(problem))
        self.stderr.write(
            _("%(entries)d watchlist entries, %(queries)d queries, %(matched)d likely matches.")
            % {"entries": summary.entries, "queries": summary.queries, "matched": summary.matched}
        )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _tqdm_progress(rows: Iterable[Identity], label: str) -> Iterable[Identity]:
    from tqdm import tqdm

    stream: TextIO = sys.stderr
    description = _("watchlist") if label == "watchlist" else _("queries")
    return tqdm(rows, desc=description, unit=_(" rows"), file=stream, mininterval=0.5)
