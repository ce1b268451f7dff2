"""Small-cell suppression for tables that leave the office (pure Python, no Django).

A published count below the threshold (default 5) could point at a person ("the 2
refusals from Kecamatan X"), so it is shown as "<5" (*primary* suppression). Hiding it
is not enough when the table prints its totals: a row "3, <5, 10 | total 15" gives the
hidden cell away by subtraction. So more cells are hidden (*secondary* suppression,
shown as "x") until no hidden cell can be worked out from what is published.

The model
---------
A table has R x C interior counts and, optionally, a total per row, a total per column
and (with both) a grand total. It is handled as the *extended* (R+1) x (C+1) grid whose
last row holds the column totals and last column the row totals; a total the table does
not print is *absent* (unknown to a reader, any value >= 0).

Flip the sign of the single-margin cells (row and column totals, not the grand total)
and every row and every column of the extended grid sums to zero. A reader who sees the
published numbers knows: the published cells exactly; a "<t" cell lies in 1..t-1 (zeros
are published as 0); an "x" cell is at least t (this module never hides a zero, and a
count of 1..t-1 would have been "<t"); an absent total is >= 0.

Why rectangles are enough
-------------------------
Take two rows and two columns of the extended grid whose four crossing cells are all
hidden or absent. Adding +d, -d, -d, +d to them (in the sign-flipped grid) keeps every
row and column sum, so the result is another table the reader cannot tell from the
true one, provided each of the four cells stays inside what the reader knows about it.
If such a move with d = +1 or d = -1 exists, none of the four cells can be recovered:
each has at least two possible values. `suppress` makes sure every hidden cell lies on
such a feasible rectangle, adding secondary suppressions (cheapest first: interior
cells before totals, small counts before large ones) where none exists yet. Cells that
are already protected stay protected when more cells are hidden (hiding only widens what
the reader must consider). If no rectangle can protect a cell at all, the whole table is
withheld.

A threshold below 3 is refused: "<2" with zeros published says "1".

Tables that share figures (the total refusals appear in several tables) are suppressed
together by `suppress_linked`: a shared figure hidden in one table is hidden in all of
them, or the other table would give it away.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3
MAX_THRESHOLD = 100
SECONDARY_MARK = "x"

Position = tuple[int, int]  # (row, column) in the extended grid


class CellStatus(StrEnum):
    PUBLISHED = "published"
    PRIMARY = "primary"  # a small count, shown as "<threshold"
    SECONDARY = "secondary"  # hidden so that small counts cannot be worked out
    ABSENT = "absent"  # a total the table does not print


class SuppressionError(ValueError):
    """Bad input: a threshold out of range, a ragged table, negative counts."""


def check_threshold(threshold: int) -> int:
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        raise SuppressionError(
            f"threshold must be from {MIN_THRESHOLD} to {MAX_THRESHOLD}, not {threshold}"
        )
    return threshold


@dataclass(frozen=True)
class Table:
    """Interior counts (rows x columns) and which totals the table prints."""

    cells: tuple[tuple[int, ...], ...]
    row_totals: bool = True
    column_totals: bool = True

    def __post_init__(self) -> None:
        widths = {len(row) for row in self.cells}
        if len(widths) > 1:
            raise SuppressionError("every row of a table needs the same number of cells")
        if any(value < 0 for row in self.cells for value in row):
            raise SuppressionError("counts cannot be negative")

    @classmethod
    def of(
        cls, rows: Iterable[Iterable[int]], *, row_totals: bool = True, column_totals: bool = True
    ) -> Table:
        return cls(tuple(tuple(row) for row in rows), row_totals, column_totals)

    @property
    def n_rows(self) -> int:
        return len(self.cells)

    @property
    def n_columns(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    @property
    def total_row(self) -> int:
        """Index of the column-totals row in the extended grid."""
        return self.n_rows

    @property
    def total_column(self) -> int:
        """Index of the row-totals column in the extended grid."""
        return self.n_columns

    def value(self, position: Position) -> int:
        """The count at a position of the extended grid (totals computed)."""
        row, column = position
        rows = range(self.n_rows) if row == self.total_row else (row,)
        columns = range(self.n_columns) if column == self.total_column else (column,)
        return sum(self.cells[r][c] for r in rows for c in columns)

    def printed(self, position: Position) -> bool:
        """Whether the table prints this cell (interior cells always; totals by choice)."""
        row, column = position
        in_total_row, in_total_column = row == self.total_row, column == self.total_column
        if in_total_row and in_total_column:
            return self.row_totals and self.column_totals
        if in_total_row:
            return self.column_totals
        if in_total_column:
            return self.row_totals
        return True

    def positions(self) -> list[Position]:
        """Every cell of the extended grid, row by row."""
        return [(r, c) for r in range(self.n_rows + 1) for c in range(self.n_columns + 1)]


def sign(table: Table, position: Position) -> int:
    """+1 or -1: the sign that makes every row and column of the extended grid sum to 0."""
    in_total_row = position[0] == table.total_row
    in_total_column = position[1] == table.total_column
    return -1 if in_total_row != in_total_column else 1


@dataclass(frozen=True)
class Suppressed:
    """A table as it may be published: the status of every cell of the extended grid."""

    table: Table
    threshold: int
    status: Mapping[Position, CellStatus]
    withheld: bool = False

    def hidden(self, position: Position) -> bool:
        return self.status[position] in (CellStatus.PRIMARY, CellStatus.SECONDARY)

    def label(self, position: Position) -> str | None:
        """What to print: None for a published count (the caller formats the number)."""
        state = self.status[position]
        if state is CellStatus.PRIMARY:
            return f"<{self.threshold}"
        if state is CellStatus.SECONDARY:
            return SECONDARY_MARK
        return None

    @property
    def primary_count(self) -> int:
        return sum(1 for s in self.status.values() if s is CellStatus.PRIMARY)

    @property
    def secondary_count(self) -> int:
        return sum(1 for s in self.status.values() if s is CellStatus.SECONDARY)


def _fits(state: CellStatus, value: int, threshold: int) -> bool:
    """Whether a reader would accept `value` for a cell of this status."""
    if state is CellStatus.PRIMARY:
        return 1 <= value < threshold
    if state is CellStatus.SECONDARY:
        return value >= threshold
    if state is CellStatus.ABSENT:
        return value >= 0
    return False  # a published cell cannot move


def _rectangle(corner: Position, other: Position) -> tuple[tuple[Position, int], ...]:
    """The four cells spanned by two corners, with their +1/-1 step in the signed grid."""
    (r1, c1), (r2, c2) = corner, other
    return (((r1, c1), 1), ((r1, c2), -1), ((r2, c1), -1), ((r2, c2), 1))


class _Planner:
    """The greedy search for secondary suppressions (see the module docstring)."""

    # Hiding a total costs more than hiding an interior cell: totals carry the most
    # information, and a hidden grand total spreads to every table that shares it.
    WEIGHT_INTERIOR = 1
    WEIGHT_MARGIN = 4
    WEIGHT_GRAND_TOTAL = 16

    def __init__(self, table: Table, threshold: int, status: dict[Position, CellStatus]) -> None:
        self.table = table
        self.threshold = threshold
        self.status = status
        self.values = {p: table.value(p) for p in table.positions()}

    def weight(self, position: Position) -> int:
        margins = (position[0] == self.table.total_row) + (position[1] == self.table.total_column)
        return (self.WEIGHT_INTERIOR, self.WEIGHT_MARGIN, self.WEIGHT_GRAND_TOTAL)[margins]

    def _moves(
        self, cells: tuple[tuple[Position, int], ...], assumed: Mapping[Position, CellStatus]
    ) -> bool:
        """Whether a unit move along the rectangle keeps every cell plausible."""
        for step in (1, -1):
            if all(
                _fits(
                    assumed[p],
                    self.values[p] + step * unit * sign(self.table, p),
                    self.threshold,
                )
                for p, unit in cells
            ):
                return True
        return False

    def _others(self, position: Position) -> Iterable[Position]:
        row, column = position
        for r in range(self.table.n_rows + 1):
            for c in range(self.table.n_columns + 1):
                if r != row and c != column:
                    yield (r, c)

    def protected(self, position: Position) -> bool:
        for other in self._others(position):
            cells = _rectangle(position, other)
            if all(self.status[p] is not CellStatus.PUBLISHED for p, _ in cells) and self._moves(
                cells, self.status
            ):
                return True
        return False

    def cheapest_cover(self, position: Position) -> list[Position] | None:
        """The published cells to hide so that `position` lies on a feasible rectangle."""
        best: tuple[tuple[int, int, list[Position]], list[Position]] | None = None
        for other in self._others(position):
            cells = _rectangle(position, other)
            new = [p for p, _ in cells if self.status[p] is CellStatus.PUBLISHED]
            if any(self.values[p] == 0 for p in new):
                continue  # a zero is never hidden: "x" promises at least the threshold
            assumed = dict(self.status)
            assumed.update({p: CellStatus.SECONDARY for p in new})
            if not self._moves(cells, assumed):
                continue
            cost = (
                sum(self.weight(p) for p in new),
                sum(self.values[p] for p in new),
                sorted(new),
            )
            if best is None or cost < best[0]:
                best = (cost, new)
        return None if best is None else best[1]


def suppress(
    table: Table,
    threshold: int = DEFAULT_THRESHOLD,
    *,
    hide: Iterable[Position] = (),
) -> Suppressed:
    """The table with small counts hidden and enough others that none can be recovered.

    `hide` names cells to hide whatever their count (a figure hidden in another table
    that shares it); a hidden zero stays published, as zeros are never sensitive.
    """
    check_threshold(threshold)
    status: dict[Position, CellStatus] = {}
    forced = set(hide)
    for position in table.positions():
        value = table.value(position)
        if not table.printed(position):
            status[position] = CellStatus.ABSENT
        elif 1 <= value < threshold:
            status[position] = CellStatus.PRIMARY
        elif position in forced and value >= threshold:
            status[position] = CellStatus.SECONDARY
        else:
            status[position] = CellStatus.PUBLISHED

    planner = _Planner(table, threshold, status)
    safe: set[Position] = set()  # protection never gets lost: check each cell until it holds
    while True:
        for position in table.positions():
            hidden = status[position] in (CellStatus.PRIMARY, CellStatus.SECONDARY)
            if hidden and position not in safe and planner.protected(position):
                safe.add(position)
        exposed = [
            p
            for p in table.positions()
            if status[p] in (CellStatus.PRIMARY, CellStatus.SECONDARY) and p not in safe
        ]
        if not exposed:
            return Suppressed(table, threshold, status)
        cover = planner.cheapest_cover(exposed[0])
        if cover is None:
            return _withheld(table, threshold)
        for position in cover:
            status[position] = CellStatus.SECONDARY


def _withheld(table: Table, threshold: int) -> Suppressed:
    """Nothing of the table is published (no rectangle could protect a small count)."""
    status = {
        p: (
            CellStatus.ABSENT
            if not table.printed(p)
            else CellStatus.PRIMARY
            if 1 <= table.value(p) < threshold
            else CellStatus.SECONDARY
        )
        for p in table.positions()
    }
    return Suppressed(table, threshold, status, withheld=True)


@dataclass(frozen=True)
class LinkedTable:
    """A table and the figures it shares with other tables: position -> figure key."""

    table: Table
    shared: Mapping[Position, str] = field(default_factory=dict)


def suppress_linked(
    tables: Sequence[LinkedTable], threshold: int = DEFAULT_THRESHOLD
) -> list[Suppressed]:
    """Suppress several tables so that a figure they share is hidden in all or none.

    Hiding a shared figure in one table can make another table hide more, so this runs
    until nothing changes (it ends: the set of hidden figures only grows).
    """
    values: dict[str, int] = {}
    for linked in tables:
        for position, key in linked.shared.items():
            value = linked.table.value(position)
            if values.setdefault(key, value) != value:
                raise SuppressionError(f"figure {key!r} differs between tables")
    hidden_keys: set[str] = set()
    while True:
        results = [
            suppress(
                linked.table,
                threshold,
                hide=[p for p, key in linked.shared.items() if key in hidden_keys],
            )
            for linked in tables
        ]
        # A withheld table prints nothing, so its figures need no hiding elsewhere.
        now_hidden = {
            key
            for linked, result in zip(tables, results, strict=True)
            if not result.withheld
            for position, key in linked.shared.items()
            if result.hidden(position)
        }
        if now_hidden <= hidden_keys:
            return results
        hidden_keys |= now_hidden
