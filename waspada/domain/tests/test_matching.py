"""Tests of the identity matcher: every variant kind, dates, sex, the index, explanations."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waspada.domain.matching import (
    LIKELY_THRESHOLD,
    POSSIBLE_THRESHOLD,
    BirthDate,
    Identity,
    Match,
    NameIndex,
    Reason,
    TokenFrequencies,
    compare,
    level_for,
    pair_score,
    parse_birth_date,
    render_reason,
)
from waspada.domain.names import normalize_name


def person(name: str, born: str | date | None = "1985-03-12", sex: str | None = "P") -> Identity:
    return Identity("x", name, born, sex)


def codes(match: Match) -> set[str]:
    return {r.code for r in match.explanation}


# --- dates ---------------------------------------------------------------------------------------


def test_parse_birth_date_forms() -> None:
    assert parse_birth_date("1985-03-12") == BirthDate(1985, 3, 12)
    assert parse_birth_date("1985") == BirthDate(1985)
    assert parse_birth_date(date(1985, 3, 12)) == BirthDate(1985, 3, 12)
    assert parse_birth_date("") is None
    assert parse_birth_date(None) is None
    assert str(BirthDate(1985)) == "1985"
    assert BirthDate.unpack(BirthDate(1985, 3, 12).packed) == BirthDate(1985, 3, 12)
    assert BirthDate.unpack(BirthDate(1985).packed) == BirthDate(1985)


@pytest.mark.parametrize("bad", ["12-03-1985", "1985-02-30", "85", "1985-13-01", "kemarin"])
def test_parse_birth_date_rejects_bad_dates(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_birth_date(bad)


# --- one pair at a time: every variant kind ------------------------------------------------------


@pytest.mark.parametrize(
    ("listed", "written", "reason"),
    [
        ("Siti Aminah", "Siti Aminah", "same_token"),
        ("Budi Santoso", "Budi Santosa", "typo"),
        ("Sumarni Rahayu", "Sumarni Rahayo", "typo"),
        ("Budi Suharto", "Boedi Soeharto", "same_token"),
        ("Joko Sucipto", "Djoko Soetjipto", "same_token"),
        ("Yusuf Hidayat", "Jusuf Hidajat", "spelling_variant"),
        ("Muhammad Yusuf Hidayat", "Moch. Yusuf Hidayat", "same_token"),
        ("Muhammad Yusuf Hidayat", "M. Yusuf Hidayat", "same_token"),
        ("Achmad Fauzi Hidayat", "Ahmad Fauzi Hidayat", "same_token"),
        ("Siti Aminah", "Hj. Siti Aminah, S.Pd.", "titles_ignored"),
        ("Siti Aminah binti Ahmad", "Siti Aminah", "patronym_one_side"),
        ("Siti Aminah", "Siti Aminah binti Ahmad", "patronym_one_side"),
        ("Nur Haliza Rahmawati", "Nurhaliza Rahmawati", "merged"),
        ("Abdul Rahman Wahid", "Abdurrahman Wahid", "same_token"),
        ("Budi Agus Santoso", "Budi Santoso", "missing_token"),
        ("Budi Santoso", "Santoso Budi", "reordered"),
        ("Budi Santoso", "B. Santoso", "initial"),
        ("Sugiyanto Wibowo", "Sugianto Wibowo", "spelling_variant"),
        ("I Wayan Sudarma Putra", "Wayan Sudarma Putra", "same_token"),
        ("Rosmawati br. Sitorus", "Rosmawati Sitorus", "same_token"),
    ],
)
def test_variant_kinds_with_the_same_birth_date_are_likely(
    listed: str, written: str, reason: str
) -> None:
    match = compare(person(written), Identity("W1", listed, "1985-03-12", "P"))
    assert match is not None
    assert match.level == "likely", match.explain()
    assert match.identity_id == "W1"
    assert reason in codes(match)


def test_father_written_without_bin_counts_as_patronym() -> None:
    match = compare(person("Siti Aminah Ahmad"), Identity("W1", "Siti Aminah binti Ahmad"))
    assert match is not None
    assert "patronym_match" in codes(match)


def test_different_fathers_count_against() -> None:
    same = pair_score(person("Siti Aminah binti Ahmad"), person("Siti Aminah binti Ahmad"))
    other = pair_score(person("Siti Aminah binti Ahmad"), person("Siti Aminah binti Yusuf"))
    assert other < same


@pytest.mark.parametrize(
    ("query_date", "reason"),
    [
        ("1985-03-12", "date_exact"),
        ("1985-12-03", "date_swapped"),
        ("1985-03-13", "date_one_digit"),
        ("1986-03-12", "date_one_digit"),
        ("1985", "date_year"),
        (None, "date_missing"),
        ("1985-07-25", "date_same_year_only"),
        ("1962-07-25", "date_different"),
    ],
)
def test_birth_date_evidence_is_graded(query_date: str | None, reason: str) -> None:
    listed = Identity("W1", "Bambang Sutrisno Wicaksono", "1985-03-12", "L")
    query = Identity("q", "Bambang Sutrisno Wicaksono", query_date, "L")
    score = pair_score(query, listed)
    match = compare(query, listed)
    if match is not None:
        assert reason in codes(match)
    # A year agreeing when only the year is known says more than a full date one digit off
    # (about 1 in 60 people share a birth year, 1 in 500 a date one digit away).
    order = [
        "date_exact",
        "date_swapped",
        "date_year",
        "date_one_digit",
        "date_missing",
        "date_same_year_only",
        "date_different",
    ]
    # Each grade scores no higher than the one before it.
    for better in order[: order.index(reason)]:
        example = {
            "date_exact": "1985-03-12",
            "date_swapped": "1985-12-03",
            "date_one_digit": "1985-03-13",
            "date_year": "1985",
            "date_missing": None,
            "date_same_year_only": "1985-07-25",
        }[better]
        assert pair_score(Identity("q", query.full_name, example, "L"), listed) >= score


def test_a_different_birth_date_defeats_a_rare_identical_name() -> None:
    listed = Identity("W1", "Bambang Sutrisno Wicaksono", "1985-03-12", "L")
    query = Identity("q", "Bambang Sutrisno Wicaksono", "1962-07-25", "L")
    assert pair_score(query, listed) < POSSIBLE_THRESHOLD


def test_sex_is_graded_evidence() -> None:
    listed = Identity("W1", "Budi Santoso", "1985-03-12", "L")
    same = pair_score(Identity("q", "Budi Santoso", "1985-03-12", "L"), listed)
    missing = pair_score(Identity("q", "Budi Santoso", "1985-03-12", None), listed)
    different = pair_score(Identity("q", "Budi Santoso", "1985-03-12", "P"), listed)
    assert same > missing > different


def test_a_common_name_without_a_date_is_not_likely() -> None:
    listed = Identity("W1", "Siti Aminah", None, "P")
    assert pair_score(Identity("q", "Siti Aminah", None, "P"), listed) < LIKELY_THRESHOLD


def test_different_names_do_not_match() -> None:
    listed = Identity("W1", "Budi Santoso", "1985-03-12", "L")
    assert compare(Identity("q", "Joko Widodo", "1985-03-12", "L"), listed) is None
    assert pair_score(Identity("q", "Budi Hartono", None, "L"), listed) < POSSIBLE_THRESHOLD


def test_different_balinese_birth_order_counts_against() -> None:
    listed = Identity("W1", "I Wayan Sudarma", "1985-03-12", "L")
    same = pair_score(Identity("q", "I Wayan Sudarma", "1985-03-12", "L"), listed)
    sibling = pair_score(Identity("q", "I Ketut Sudarma", "1985-03-12", "L"), listed)
    assert sibling < same


def test_empty_names_never_match() -> None:
    assert pair_score(person(""), person("Siti Aminah")) == pytest.approx(0.0, abs=1e-9)
    assert compare(person("李"), person("Siti Aminah")) is None


def test_levels() -> None:
    assert level_for(LIKELY_THRESHOLD) == "likely"
    assert level_for(POSSIBLE_THRESHOLD) == "possible"
    assert level_for(0.0) is None


# --- explanations --------------------------------------------------------------------------------


def test_explanations_in_english_and_indonesian() -> None:
    match = compare(
        person("Boedi Santosa", sex="L"), Identity("W1", "Budi Santoso", "1985-12-03", "L")
    )
    assert match is not None
    english = " ".join(match.explain("en"))
    indonesian = " ".join(match.explain("id"))
    assert "day and month swapped" in english
    assert "tanggal dan bulan tertukar" in indonesian
    assert "differ by 1 letter" in english
    assert "berbeda 1 huruf" in indonesian


def test_render_unknown_reason_does_not_crash() -> None:
    assert render_reason(Reason.of("something_new", a=1)).startswith("something_new")
    assert render_reason(Reason("typo"), "id")  # missing parameters: template as is


# --- the index -----------------------------------------------------------------------------------


def test_index_finds_variants_and_ranks_them() -> None:
    index = NameIndex(
        [
            Identity("W1", "Hj. Siti Aminah binti H. Abdullah", "1985-03-12", "P"),
            Identity("W2", "Budi Santoso", "1980-05-06", "L"),
            Identity("W3", "Muhammad Yusuf Hidayat", "1970", "L"),
            Identity("W4", "Nur Haliza", "1999-02-03", "P"),
            Identity("W5", "Joko Widodo", None, "L", aliases=("Jokowi",)),
        ]
    )
    assert len(index) == 6  # an alias is a row of its own
    assert index.identity_count == 5

    def best(name: str, born: str | None, sex: str | None = None) -> str | None:
        matches = index.search(Identity("q", name, born, sex))
        return matches[0].identity_id if matches and matches[0].level == "likely" else None

    assert best("Siti Aminah", "1985-03-12", "P") == "W1"
    assert best("Boedi Santosa", "1980-05-06") == "W2"
    assert best("M. Jusuf Hidajat", "1970-01-01", "L") == "W3"
    assert best("Nurhaliza", "1999-03-02") == "W4"
    # A mononym alias without a date on the list: found, but only as possible.
    assert index.search(Identity("q", "Jokowi", "1961-06-21", "L"))[0].identity_id == "W5"
    assert index.search(Identity("q", "Sutrisno", "1950-01-01")) == []
    assert index.search(Identity("q", "", "1950-01-01")) == []


def test_namesakes_share_the_probability() -> None:
    alone = NameIndex([Identity("W1", "Dedi Kurniawan Saputra", "1985", "L")])
    twins = NameIndex(
        [
            Identity("W1", "Dedi Kurniawan Saputra", "1985", "L"),
            Identity("W2", "Dedi Kurniawan Saputra", "1985", "L"),
        ]
    )
    query = Identity("q", "Dedi Kurniawan Saputra", "1985-03-12", "L")
    single = alone.search(query)[0]
    shared = twins.search(query)
    assert single.level == "likely"
    assert len(shared) == 2
    assert all(m.score < LIKELY_THRESHOLD for m in shared)
    assert "namesakes" in codes(shared[0])


def test_common_tokens_do_not_explode_the_candidates() -> None:
    people = [
        Identity(f"S{i}", "Siti Aminah", f"{1950 + i % 50}-{1 + i // 50:02d}-01", "P")
        for i in range(600)
    ]
    people += [
        Identity(f"M{i}", "Muhammad Rizki", f"{1950 + i % 50}-02-02", "L") for i in range(600)
    ]
    people.append(Identity("T", "Siti Aminah Tumijah", "1977-07-07", "P"))
    index = NameIndex(people)
    assert "siti" in index._common and "aminah" in index._common
    candidates = index._candidates(_prepared(Identity("q", "Siti Tumijah", "1977-07-07", "P")))
    assert len(candidates) < 50
    match = index.search(Identity("q", "Siti Aminah Tumijah", "1977-07-07", "P"))[0]
    assert match.identity_id == "T" and match.level == "likely"
    # The common pair with its exact date is found through the pair and date keys.
    hit = index.search(Identity("q", "Siti Aminah", "1951-01-01", "P"))
    assert hit and hit[0].identity_id == "S1" and hit[0].level == "likely"


def _prepared(identity: Identity):  # type: ignore[no-untyped-def]
    from waspada.domain.matching import _prepare

    return _prepare(identity)


def test_token_frequencies_are_smoothed() -> None:
    small = TokenFrequencies({"siti": 1, "tumijah": 1}, 2)
    assert small.weight("siti") < small.weight("tumijah")
    big = TokenFrequencies({"aminah": 50_000}, 1_000_000)
    assert big.share("aminah") == pytest.approx(0.0495, rel=0.01)


# --- properties ----------------------------------------------------------------------------------

NAMES = st.one_of(
    st.text(max_size=120),
    st.lists(
        st.sampled_from(
            [
                "Siti",
                "Aminah",
                "Muhammad",
                "M.",
                "Moch.",
                "Budi",
                "Santoso",
                "bin",
                "binti",
                "Hj.",
                "H.",
                "S.Pd.",
                "I",
                "Wayan",
                "Nur",
                "Haliza",
                "Nurhaliza",
                "Abdurrahman",
                "Djoko",
                "Soeharto",
                "br.",
                "Sitorus",
                "B.",
                "Ketut",
                "李",
                "é",
                "-",
                ",",
                ".",
            ]
        ),
        max_size=12,
    ).map(" ".join),
)
DATES = st.one_of(
    st.none(),
    st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 12, 31)),
    st.integers(1930, 2020).map(str),
)
SEXES = st.sampled_from([None, "L", "P"])


@settings(max_examples=300, deadline=None)
@given(NAMES, NAMES, DATES, DATES, SEXES, SEXES)
def test_scores_are_in_range_and_symmetric_ish(
    a: str, b: str, da: date | str | None, db: date | str | None, sa: str | None, sb: str | None
) -> None:
    left, right = Identity("a", a, da, sa), Identity("b", b, db, sb)
    forward, backward = pair_score(left, right), pair_score(right, left)
    assert 0.0 <= forward <= 1.0
    assert 0.0 <= backward <= 1.0
    assert abs(forward - backward) < 0.35


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(NAMES, DATES, SEXES), min_size=1, max_size=15), NAMES, DATES)
def test_search_never_crashes_and_scores_stay_in_range(
    rows: list[tuple[str, date | str | None, str | None]], query: str, born: date | str | None
) -> None:
    index = NameIndex(Identity(f"W{i}", n, d, s) for i, (n, d, s) in enumerate(rows))
    for match in index.search(Identity("q", query, born, None), limit=3):
        assert 0.0 <= match.score <= 1.0
        assert match.level in ("likely", "possible")
        assert match.explain("id") and match.explain("en")


@settings(max_examples=100, deadline=None)
@given(NAMES)
def test_a_record_matches_itself(name: str) -> None:
    identity = Identity("W1", name, "1985-03-12", "P")
    index = NameIndex([identity])
    matches = index.search(identity)
    if normalize_name(name).tokens:  # names of initials only are not indexed
        assert matches and matches[0].identity_id == "W1"
