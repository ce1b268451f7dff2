"""The logic of `waspada match-names WATCHLIST.csv QUERIES.csv [--out FILE]`.

Pure Python (csv module, no Django, no database), so that outside tools and the benchmark
run exactly what the command runs. The management command only adds translated messages
and the progress bar.

Contract
--------
- watchlist columns `id, full_name, birth_date, sex`; query columns
  `query_id, full_name, birth_date, sex` (other columns are ignored); UTF-8 (a BOM is fine);
  `sex` `L`/`P` or empty; `birth_date` `YYYY-MM-DD`, `YYYY` or empty.
- Output CSV `query_id, matched_id, score`, one row per query (with an id) in input order.
  `matched_id` is the best entry whose level is `likely` (score >= LIKELY_THRESHOLD),
  empty otherwise. `score` has 3 decimals: the best match's score; when nothing reaches
  `likely` it is the best `possible` score (so a tool can pick up near-hits), and 0.000
  when there is not even a possible match.
- Missing columns: `MissingColumns` (the command exits 1 listing them), nothing matched.
- Row problems are collected as `Problem`s naming file, row (1 = header, data from 2) and
  column. A row without an id cannot be used and is skipped. A watchlist row without a
  usable name is skipped; a query row without one is reported and still written, with
  no match and score 0.000. A bad date or sex is reported and the row used without it.
  A repeated id is reported and the later row skipped.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TextIO

from waspada.domain.matching import (
    LIKELY_THRESHOLD,
    Identity,
    NameIndex,
    parse_birth_date,
)
from waspada.domain.names import normalize_name

__all__ = [
    "OUTPUT_COLUMNS",
    "QUERY_COLUMNS",
    "WATCHLIST_COLUMNS",
    "InputFileError",
    "MissingColumns",
    "Problem",
    "Summary",
    "best_match",
    "read_identities",
    "run_match_names",
]

WATCHLIST_COLUMNS = ("id", "full_name", "birth_date", "sex")
QUERY_COLUMNS = ("query_id", "full_name", "birth_date", "sex")
OUTPUT_COLUMNS = ("query_id", "matched_id", "score")

# Problem codes (the command turns them into translated sentences).
EMPTY_ID = "empty_id"
DUPLICATE_ID = "duplicate_id"
EMPTY_NAME = "empty_name"
NO_LETTERS = "no_letters"
BAD_DATE = "bad_date"
BAD_SEX = "bad_sex"
SKIPPING = frozenset({EMPTY_ID, DUPLICATE_ID, EMPTY_NAME, NO_LETTERS})


@dataclass(frozen=True)
class Problem:
    """Something wrong in one row: file, row number (header = 1), column, code, value."""

    file: str
    row: int
    column: str
    code: str
    value: str = ""

    @property
    def skipped(self) -> bool:
        """True when the row could not be used at all."""
        return self.code in SKIPPING


class InputFileError(Exception):
    """A file that cannot be read as CSV at all (missing, not UTF-8...)."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: {reason}")
        self.file = file
        self.reason = reason


class MissingColumns(Exception):
    """The header lacks required columns."""

    def __init__(self, file: str, missing: tuple[str, ...]) -> None:
        super().__init__(f"{file}: missing columns {', '.join(missing)}")
        self.file = file
        self.missing = missing


@dataclass
class Summary:
    entries: int = 0
    queries: int = 0
    matched: int = 0
    problems: list[Problem] = field(default_factory=list)


def _open(path: Path) -> TextIO:
    try:
        return path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise InputFileError(str(path), exc.strerror or str(exc)) from exc


def check_header(path: Path, required: tuple[str, ...]) -> None:
    """Raise MissingColumns (or InputFileError) unless the header has all `required`."""
    with _open(path) as handle:
        try:
            header = next(csv.reader(handle), [])
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputFileError(str(path), str(exc)) from exc
    present = {h.strip().lower() for h in header}
    missing = tuple(c for c in required if c not in present)
    if missing:
        raise MissingColumns(str(path), missing)


def read_identities(
    path: Path, *, id_column: str, problems: list[Problem], keep_nameless: bool = False
) -> Iterator[Identity]:
    """Yield the usable rows of a watchlist or query file as Identities, streaming.

    Problems are appended to `problems` as they are found; see the module docstring.
    With `keep_nameless` (queries), a row with an id but no usable name is still yielded,
    with an empty name, so that the output keeps one row per query.
    """
    required = (id_column, "full_name", "birth_date", "sex")
    check_header(path, required)
    name = path.name
    seen: set[str] = set()
    with _open(path) as handle:
        reader = csv.reader(handle)
        try:
            header = [h.strip().lower() for h in next(reader)]
            position = {column: header.index(column) for column in required}
            for row_number, row in enumerate(reader, start=2):
                if not any(cell.strip() for cell in row):
                    continue  # blank line
                values = {c: (row[i].strip() if i < len(row) else "") for c, i in position.items()}
                identity = _identity(
                    values, id_column, name, row_number, seen, problems, keep_nameless
                )
                if identity is not None:
                    yield identity
        except (UnicodeDecodeError, csv.Error) as exc:
            raise InputFileError(str(path), str(exc)) from exc


def _identity(
    values: dict[str, str],
    id_column: str,
    file: str,
    row: int,
    seen: set[str],
    problems: list[Problem],
    keep_nameless: bool = False,
) -> Identity | None:
    identifier = values[id_column]
    full_name = values["full_name"]
    if not identifier:
        problems.append(Problem(file, row, id_column, EMPTY_ID))
        return None
    if identifier in seen:
        problems.append(Problem(file, row, id_column, DUPLICATE_ID, identifier))
        return None
    if not full_name or normalize_name(full_name).is_empty:
        if not full_name:
            problems.append(Problem(file, row, "full_name", EMPTY_NAME))
        else:
            problems.append(Problem(file, row, "full_name", NO_LETTERS, full_name[:80]))
        if not keep_nameless:
            return None
        seen.add(identifier)
        return Identity(identifier, "", None, None)
    seen.add(identifier)
    birth_date: str | None = values["birth_date"] or None
    try:
        parse_birth_date(birth_date)
    except ValueError:
        problems.append(Problem(file, row, "birth_date", BAD_DATE, values["birth_date"]))
        birth_date = None
    sex: str | None = values["sex"].upper() or None
    if sex not in (None, "L", "P"):
        problems.append(Problem(file, row, "sex", BAD_SEX, values["sex"]))
        sex = None
    return Identity(identifier, full_name, birth_date, sex)


def best_match(index: NameIndex, query: Identity) -> tuple[str, float]:
    """(matched_id or "", score) for one query, as the output file writes it."""
    if not query.full_name:
        return "", 0.0  # a query row without a usable name: nothing to match
    matches = index.search(query, limit=1)
    if not matches:
        return "", 0.0
    best = matches[0]
    return (best.identity_id if best.score >= LIKELY_THRESHOLD else ""), best.score


class Writable(Protocol):
    """Where the output CSV goes: a text file, sys.stdout, a command's stdout wrapper."""

    def write(self, s: str, /) -> object: ...


Progress = Callable[[Iterable[Identity], str], Iterable[Identity]]


def run_match_names(
    watchlist: Path,
    queries: Path,
    out: Writable,
    *,
    progress: Progress | None = None,
) -> Summary:
    """Match every usable query against the watchlist and write the output CSV to `out`.

    Raises MissingColumns / InputFileError before anything is written when a file's
    header is unusable. `progress(iterable, label)` may wrap the rows (e.g. with tqdm).
    """
    check_header(watchlist, WATCHLIST_COLUMNS)
    check_header(queries, QUERY_COLUMNS)
    summary = Summary()
    problems = summary.problems
    entries: Iterable[Identity] = read_identities(watchlist, id_column="id", problems=problems)
    if progress is not None:
        entries = progress(entries, "watchlist")
    index = NameIndex(entries)
    summary.entries = index.identity_count

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    rows: Iterable[Identity] = read_identities(
        queries, id_column="query_id", problems=problems, keep_nameless=True
    )
    if progress is not None:
        rows = progress(rows, "queries")
    for query in rows:
        matched_id, score = best_match(index, query)
        writer.writerow((query.id, matched_id, f"{score:.3f}"))
        summary.queries += 1
        summary.matched += bool(matched_id)
    return summary
