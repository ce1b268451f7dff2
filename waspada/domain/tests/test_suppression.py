"""Small-cell suppression: what a reader of the published table can work out.

The checks here do not trust the module's own reasoning (rectangles): `recoverable`
plays the reader, who knows the published numbers, the totals' equations and what each
mark means ("<t": 1..t-1, "x": at least t, an unprinted total: >= 0), and searches for a
second complete table that fits everything published but differs in the hidden cell.
Finding one proves the cell cannot be recovered.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waspada.domain.suppression import (
    CellStatus,
    LinkedTable,
    Position,
    Suppressed,
    SuppressionError,
    Table,
    sign,
    suppress,
    suppress_linked,
)


def _plausible(status: CellStatus, value: int, threshold: int) -> bool:
    if status is CellStatus.PRIMARY:
        return 1 <= value < threshold
    if status is CellStatus.SECONDARY:
        return value >= threshold
    return value >= 0


def recoverable(published: Suppressed, target: Position) -> bool:
    """Whether a reader can tell the exact count of the hidden cell `target`.

    Searches for another table consistent with everything published in which `target`
    differs by one (enough as a witness: any such table proves the count is not
    determined). Backtracking with forced values: when a row or column of the extended
    grid has one unknown left, its equation fixes it.
    """
    table, threshold = published.table, published.threshold
    status = published.status
    truth = {p: table.value(p) for p in table.positions()}
    unknown = [p for p in table.positions() if status[p] is not CellStatus.PUBLISHED]
    domains = {
        p: [
            v for v in (truth[p], truth[p] - 1, truth[p] + 1) if _plausible(status[p], v, threshold)
        ]
        for p in unknown
    }
    domains[target] = [v for v in domains[target] if v != truth[target]]
    lines = [[(r, c) for c in range(table.n_columns + 1)] for r in range(table.n_rows + 1)] + [
        [(r, c) for r in range(table.n_rows + 1)] for c in range(table.n_columns + 1)
    ]

    def solve(assigned: dict[Position, int]) -> bool:
        assigned = dict(assigned)
        changed = True
        while changed:
            changed = False
            for line in lines:
                open_cells = [p for p in line if p in domains and p not in assigned]
                if len(open_cells) > 1:
                    continue
                known = sum(
                    sign(table, p) * assigned.get(p, truth[p]) for p in line if p not in open_cells
                )
                if not open_cells:
                    if known != 0:
                        return False
                    continue
                cell = open_cells[0]
                forced = -known * sign(table, cell)
                if forced not in domains[cell]:
                    return False
                assigned[cell] = forced
                changed = True
        rest = [p for p in unknown if p not in assigned]
        if not rest:
            return True
        cell = rest[0]
        return any(solve({**assigned, cell: value}) for value in domains[cell])

    return not solve({})


def _hidden(published: Suppressed) -> list[Position]:
    return [p for p in published.table.positions() if published.hidden(p)]


counts = st.one_of(st.integers(0, 6), st.integers(0, 40))
tables = st.integers(1, 3).flatmap(
    lambda rows: st.integers(1, 3).flatmap(
        lambda columns: st.builds(
            Table.of,
            st.lists(
                st.lists(counts, min_size=columns, max_size=columns),
                min_size=rows,
                max_size=rows,
            ),
            row_totals=st.booleans(),
            column_totals=st.booleans(),
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(table=tables, threshold=st.integers(3, 6))
def test_no_hidden_cell_can_be_recovered_from_the_published_table(
    table: Table, threshold: int
) -> None:
    published = suppress(table, threshold)
    for position in table.positions():
        value, state = table.value(position), published.status[position]
        if not table.printed(position):
            assert state is CellStatus.ABSENT
        elif 1 <= value < threshold:
            assert state is CellStatus.PRIMARY
            assert published.label(position) == f"<{threshold}"
        elif not published.withheld:
            # Zeros and large counts are printed as they are, or hidden as "x".
            assert state in (CellStatus.PUBLISHED, CellStatus.SECONDARY)
            assert value >= threshold or state is CellStatus.PUBLISHED
    if published.withheld:
        return  # nothing of the table is printed
    for position in _hidden(published):
        assert not recoverable(published, position), (table, position, published.status)


def test_the_reader_does_recover_a_small_count_hidden_alone() -> None:
    # Primary suppression only: the row total minus the other cell gives it away.
    table = Table.of([[3, 10], [10, 10]])
    naive = Suppressed(
        table,
        5,
        {p: CellStatus.PRIMARY if p == (0, 0) else CellStatus.PUBLISHED for p in table.positions()},
    )
    assert recoverable(naive, (0, 0))


def test_one_small_count_costs_a_rectangle_of_interior_cells_and_keeps_the_totals() -> None:
    published = suppress(Table.of([[2, 10, 30], [10, 12, 40]]))
    assert set(_hidden(published)) == {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert published.label((0, 0)) == "<5"
    assert published.label((1, 1)) == "x"
    assert published.label((0, 3)) is None  # the row total is printed
    assert published.label((2, 3)) is None  # and the grand total


def test_a_table_without_small_counts_is_published_whole() -> None:
    published = suppress(Table.of([[5, 10], [0, 7]]))
    assert _hidden(published) == []


def test_without_totals_only_the_small_counts_are_hidden() -> None:
    published = suppress(Table.of([[2, 10], [10, 1]], row_totals=False, column_totals=False))
    assert set(_hidden(published)) == {(0, 0), (1, 1)}


def test_a_list_with_its_total_hides_a_second_entry_not_the_total() -> None:
    published = suppress(Table.of([[2], [10], [30]], row_totals=False))
    assert set(_hidden(published)) == {(0, 0), (1, 0)}
    assert published.label((3, 0)) is None


def test_zeros_are_never_hidden_and_a_lone_small_count_hides_its_totals_instead() -> None:
    # The only other entry of the row is zero: the count is protected by the totals.
    published = suppress(Table.of([[3, 0], [0, 20]]))
    assert not published.withheld
    assert not published.hidden((0, 1)) and not published.hidden((1, 0))
    for position in _hidden(published):
        assert not recoverable(published, position)


def test_a_figure_hidden_in_one_table_is_hidden_in_every_table_that_shares_it() -> None:
    # Refusals by reason: [1, 5] with total 6 must hide its total ("x"), as the only
    # other entry is exactly the threshold and cannot move down; refusals by regency
    # [3, 3] prints "<5, <5 | 6" on its own, which would give the total away.
    by_reason = LinkedTable(Table.of([[1], [5]], row_totals=False), {(2, 0): "refusals"})
    by_regency = LinkedTable(Table.of([[3], [3]], row_totals=False), {(2, 0): "refusals"})
    reason, regency = suppress_linked([by_reason, by_regency])
    assert reason.hidden((2, 0))
    assert regency.hidden((2, 0))
    assert not suppress(by_regency.table).hidden((2, 0))


def test_shared_figures_must_agree() -> None:
    with pytest.raises(SuppressionError):
        suppress_linked(
            [
                LinkedTable(Table.of([[1]]), {(1, 1): "total"}),
                LinkedTable(Table.of([[2]]), {(1, 1): "total"}),
            ]
        )


@pytest.mark.parametrize("threshold", [0, 2, 101])
def test_a_threshold_that_would_reveal_counts_is_refused(threshold: int) -> None:
    with pytest.raises(SuppressionError):
        suppress(Table.of([[1]]), threshold)


def test_ragged_or_negative_tables_are_refused() -> None:
    with pytest.raises(SuppressionError):
        Table.of([[1, 2], [3]])
    with pytest.raises(SuppressionError):
        Table.of([[-1]])
