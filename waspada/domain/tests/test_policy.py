"""Tests of the indicator policy as data: the shipped file, validation, round trips, diffs."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from waspada.domain.risk import (
    CONDITION_INFO,
    DEMOGRAPHIC,
    INDICATOR_CODES,
    LANGUAGES,
    POLICY_FILE,
    Policy,
    PolicyChange,
    PolicyError,
    Thresholds,
    diff_policies,
    dump_policy,
    load_policy,
    load_policy_file,
    policy_from_data,
    policy_to_data,
)

Data = dict[str, Any]


@pytest.fixture(scope="module")
def shipped() -> Policy:
    return load_policy_file()


@pytest.fixture
def data(shipped: Policy) -> Data:
    return policy_to_data(shipped)


def rejected(data: Data) -> PolicyError:
    with pytest.raises(PolicyError) as caught:
        policy_from_data(data)
    return caught.value


# --- The shipped policy --------------------------------------------------------------------


def test_shipped_policy_covers_every_indicator_d01_to_d28(shipped: Policy) -> None:
    assert shipped.codes == INDICATOR_CODES
    assert set(CONDITION_INFO) == set(INDICATOR_CODES)


def test_shipped_policy_texts_exist_in_both_languages(shipped: Policy) -> None:
    for spec in shipped.indicators.values():
        for texts in (spec.title, spec.explanation, spec.legal_basis, spec.evidence):
            assert set(texts) == set(LANGUAGES)
            assert all(text.strip() for text in texts.values())


def test_shipped_policy_has_one_to_three_questions_per_indicator(shipped: Policy) -> None:
    for spec in shipped.indicators.values():
        assert 1 <= len(spec.questions) <= 3
        assert all(q.startswith(f"{spec.code}-Q") for q in spec.questions)


def test_shipped_policy_keeps_demographic_indicators_weak(shipped: Policy) -> None:
    weak = {spec.code for spec in shipped.indicators.values() if spec.strength == "weak"}
    assert {"D04", "D10", "D26", "D28"} <= weak
    assert set(DEMOGRAPHIC) <= weak
    assert all(not shipped.indicator(code).deep_interview for code in weak)


def test_shipped_policy_lists_the_kepmenaker_and_no_agreement_countries(shipped: Policy) -> None:
    kepmenaker = shipped.indicator("D05").params["countries"]
    assert len(kepmenaker) == 19
    assert {"SA", "AE", "QA", "KW", "OM", "JO", "PS", "SS", "DZ"} <= set(kepmenaker)
    assert set(shipped.indicator("D06").params["countries"]) == {"KH", "MM", "LA", "TH"}
    assert shipped.indicator("D26").params["min_age"] == 18


def test_thresholds_are_ordered(shipped: Policy) -> None:
    assert 0 < shipped.thresholds.medium < shipped.thresholds.high <= 100


# --- Round trips ---------------------------------------------------------------------------


def test_data_round_trip_gives_an_equal_policy(shipped: Policy) -> None:
    assert policy_from_data(policy_to_data(shipped)) == shipped


def test_yaml_round_trip_gives_an_equal_policy(shipped: Policy) -> None:
    text = dump_policy(shipped)
    assert load_policy(text) == shipped
    assert dump_policy(load_policy(text)) == text


def test_policy_data_is_plain_json_like_data(shipped: Policy) -> None:
    def check(value: Any) -> None:
        if isinstance(value, dict):
            assert all(isinstance(key, str) for key in value)
            for item in value.values():
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        else:
            assert isinstance(value, str | int | bool), value

    check(policy_to_data(shipped))


def test_indicators_are_kept_in_code_order_whatever_the_input_order(data: Data) -> None:
    data["indicators"] = dict(reversed(list(data["indicators"].items())))
    policy = policy_from_data(data)
    assert list(policy.indicators) == sorted(data["indicators"])
    assert [spec.code for spec in policy.indicators.values()] == sorted(data["indicators"])


def test_optional_fields_take_their_defaults(data: Data) -> None:
    spec = data["indicators"]["D14"]
    for key in ("enabled", "deep_interview", "params", "questions"):
        spec.pop(key)
    policy = policy_from_data(data)
    d14 = policy.indicator("D14")
    assert d14.enabled and not d14.deep_interview and d14.questions == () and not d14.params


def test_a_policy_may_leave_an_indicator_out(data: Data) -> None:
    del data["indicators"]["D27"]
    assert "D27" not in policy_from_data(data).codes


def test_keywords_and_countries_are_normalised(data: Data) -> None:
    data["indicators"]["D06"]["params"]["countries"] = ["kh", "MM", "KH"]
    policy = policy_from_data(data)
    assert policy.indicator("D06").params["countries"] == ("KH", "MM")


# --- Diff ----------------------------------------------------------------------------------


def test_diff_of_equal_policies_is_empty(shipped: Policy) -> None:
    assert diff_policies(shipped, shipped) == []


def test_diff_names_each_changed_field(data: Data, shipped: Policy) -> None:
    data["version"] = 2
    data["thresholds"]["high"] = 65
    data["indicators"]["D05"]["weight"] = 75
    data["indicators"]["D28"]["enabled"] = False
    data["indicators"]["D06"]["params"]["countries"] = ["KH", "MM", "LA"]
    data["indicators"]["D01"]["title"]["en"] = "Tourist with no plan"
    del data["indicators"]["D27"]
    changes = diff_policies(shipped, policy_from_data(data))
    by_path = {change.path: change for change in changes}
    assert by_path["version"] == PolicyChange("version", 1, 2)
    assert by_path["thresholds.high"] == PolicyChange("thresholds.high", 60, 65)
    assert by_path["indicators.D05.weight"] == PolicyChange("indicators.D05.weight", 70, 75)
    assert by_path["indicators.D28.enabled"].new is False
    assert by_path["indicators.D06.params.countries"] == PolicyChange(
        "indicators.D06.params.countries", ["KH", "MM", "LA", "TH"], ["KH", "MM", "LA"]
    )
    assert by_path["indicators.D01.title.en"].old.startswith("Tourism with no itinerary")
    removed = by_path["indicators.D27.weight"]
    assert removed.old == 25 and removed.new is None
    assert by_path["indicators.D05.weight"].field == "indicators.D05.weight"
    unchanged_prefixes = ("indicators.D02.", "indicators.D14.")
    assert not [c for c in changes if c.path.startswith(unchanged_prefixes)]


def test_diff_names_a_changed_entry_of_a_mapping_parameter(data: Data, shipped: Policy) -> None:
    data["indicators"]["D21"]["params"]["license_patterns"]["work"] = r"SIP3MI-\d+"
    changes = diff_policies(shipped, policy_from_data(data))
    assert [c.path for c in changes] == ["indicators.D21.params.license_patterns.work"]


# --- Validation: every kind of problem names its field ---------------------------------------

Edit = Callable[[Data], None]


def _set(path: str, value: Any) -> Edit:
    """An edit that sets a dotted path ("indicators.D05.weight") to `value`."""

    def edit(data: Data) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for key in parents:
            target = target[key]
        target[last] = value

    return edit


def _delete(path: str) -> Edit:
    def edit(data: Data) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for key in parents:
            target = target[key]
        del target[last]

    return edit


def _add_indicator(code: str) -> Edit:
    def edit(data: Data) -> None:
        data["indicators"][code] = copy.deepcopy(data["indicators"]["D14"])

    return edit


INVALID: list[tuple[str, Edit, str, str]] = [
    # (case, edit, field named, words in the message)
    ("unknown code", _add_indicator("D99"), "indicators.D99", "unknown indicator code"),
    ("not a code", _add_indicator("X01"), "indicators.X01", "unknown indicator code"),
    ("weight above 100", _set("indicators.D05.weight", 101), "indicators.D05.weight", "0-100"),
    ("negative weight", _set("indicators.D05.weight", -1), "indicators.D05.weight", "0-100"),
    ("weight as text", _set("indicators.D05.weight", "70"), "indicators.D05.weight", "0-100"),
    ("weight as bool", _set("indicators.D05.weight", True), "indicators.D05.weight", "0-100"),
    ("weight as float", _set("indicators.D05.weight", 70.5), "indicators.D05.weight", "0-100"),
    ("medium zero", _set("thresholds.medium", 0), "thresholds.medium", "above 0"),
    ("medium above high", _set("thresholds.medium", 60), "thresholds.high", "above"),
    ("high above 100", _set("thresholds.high", 101), "thresholds.high", "at most 100"),
    ("threshold text", _set("thresholds.high", "60"), "thresholds.high", "whole number"),
    ("missing threshold", _delete("thresholds.high"), "thresholds.high", "missing"),
    ("unknown threshold", _set("thresholds.low", 10), "thresholds.low", "unknown field"),
    ("version zero", _set("version", 0), "version", "from 1"),
    ("version text", _set("version", "1"), "version", "from 1"),
    ("missing version", _delete("version"), "version", "missing"),
    ("unknown top field", _set("weights", {}), "weights", "unknown field"),
    ("no indicators", _set("indicators", {}), "indicators", "non-empty"),
    (
        "bad strength",
        _set("indicators.D05.strength", "medium"),
        "indicators.D05.strength",
        "'strong' or 'weak'",
    ),
    (
        "demographic made strong",
        _set("indicators.D28.strength", "strong"),
        "indicators.D28.strength",
        "must be weak",
    ),
    (
        "age made strong",
        _set("indicators.D26.strength", "strong"),
        "indicators.D26.strength",
        "must be weak",
    ),
    (
        "weak forcing the deep interview",
        _set("indicators.D04.deep_interview", True),
        "indicators.D04.deep_interview",
        "weak indicator",
    ),
    ("enabled as text", _set("indicators.D05.enabled", "yes"), "indicators.D05.enabled", "true"),
    (
        "unknown indicator field",
        _set("indicators.D05.wieght", 5),
        "indicators.D05.wieght",
        "unknown",
    ),
    ("missing weight", _delete("indicators.D05.weight"), "indicators.D05.weight", "missing"),
    ("missing title", _delete("indicators.D05.title"), "indicators.D05.title", "missing"),
    (
        "missing English title",
        _delete("indicators.D05.title.en"),
        "indicators.D05.title.en",
        "missing text",
    ),
    (
        "missing Indonesian evidence",
        _delete("indicators.D05.evidence.id"),
        "indicators.D05.evidence.id",
        "missing text",
    ),
    (
        "empty legal basis",
        _set("indicators.D05.legal_basis.id", "  "),
        "indicators.D05.legal_basis.id",
        "non-empty",
    ),
    (
        "unknown language",
        _set("indicators.D05.explanation.jv", "Basa Jawa"),
        "indicators.D05.explanation.jv",
        "unknown language",
    ),
    (
        "unknown placeholder",
        _set("indicators.D05.evidence.en", "Going to {destinaton}."),
        "indicators.D05.evidence.en",
        "unknown placeholder {destinaton}",
    ),
    (
        "unbalanced brace",
        _set("indicators.D05.evidence.id", "Tujuan {destination."),
        "indicators.D05.evidence.id",
        "unbalanced",
    ),
    (
        "bad question code",
        _set("indicators.D05.questions", ["D05-1"]),
        "indicators.D05.questions[0]",
        "question code",
    ),
    (
        "too many questions",
        _set("indicators.D05.questions", ["D05-Q1", "D05-Q2", "D05-Q3", "D05-Q4"]),
        "indicators.D05.questions",
        "at most 3",
    ),
    (
        "repeated question",
        _set("indicators.D05.questions", ["D05-Q1", "D05-Q1"]),
        "indicators.D05.questions",
        "twice",
    ),
    (
        "country code format",
        _set("indicators.D05.params.countries", ["SA", "SAU"]),
        "indicators.D05.params.countries[1]",
        "alpha-2",
    ),
    (
        "unknown country",
        _set("indicators.D05.params.countries", ["SA", "XX"]),
        "indicators.D05.params.countries[1]",
        "unknown country code",
    ),
    (
        "country list as text",
        _set("indicators.D05.params.countries", "SA, AE"),
        "indicators.D05.params.countries",
        "must be a list",
    ),
    (
        "empty keyword",
        _set("indicators.D05.params.domestic_keywords", ["maid", ""]),
        "indicators.D05.params.domestic_keywords[1]",
        "non-empty",
    ),
    (
        "wildcard inside a keyword",
        _set("indicators.D20.params.debt_keywords", ["pin*jam"]),
        "indicators.D20.params.debt_keywords[0]",
        "not a keyword",
    ),
    (
        "bad regex",
        _set("indicators.D03.params.number_pattern", "562/(?P<year>[0-9"),
        "indicators.D03.params.number_pattern",
        "invalid regular expression",
    ),
    (
        "bad regex in a mapping",
        _set("indicators.D21.params.license_patterns", {"work": "KEP(("}),
        "indicators.D21.params.license_patterns.work",
        "invalid regular expression",
    ),
    (
        "unknown purpose key in a mapping",
        _set("indicators.D21.params.license_patterns", {"holiday": "KEP"}),
        "indicators.D21.params.license_patterns.holiday",
        "unknown key",
    ),
    (
        "age as text",
        _set("indicators.D26.params.min_age", "18"),
        "indicators.D26.params.min_age",
        "whole number",
    ),
    (
        "age out of range",
        _set("indicators.D26.params.min_age", 99),
        "indicators.D26.params.min_age",
        "between",
    ),
    (
        "unknown purpose",
        _set("indicators.D01.params.purposes", ["tourism", "holiday"]),
        "indicators.D01.params.purposes[1]",
        "unknown value 'holiday'",
    ),
    (
        "unknown document",
        _set("indicators.D15.params.required_documents", ["buku_pelaut", "seaman_book"]),
        "indicators.D15.params.required_documents[1]",
        "unknown value",
    ),
    (
        "bad region code",
        _set("indicators.D28.params.districts", ["330106"]),
        "indicators.D28.params.districts[0]",
        "dotted",
    ),
    (
        "unknown parameter",
        _set("indicators.D05.params.banned", ["SA"]),
        "indicators.D05.params.banned",
        "unknown parameter",
    ),
    (
        "missing parameter",
        _delete("indicators.D05.params.countries"),
        "indicators.D05.params.countries",
        "missing parameter",
    ),
    (
        "parameters not a mapping",
        _set("indicators.D05.params", ["SA"]),
        "indicators.D05.params",
        "mapping",
    ),
]


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [pytest.param(edit, field, words, id=case) for case, edit, field, words in INVALID],
)
def test_invalid_policy_is_rejected_naming_the_field(
    data: Data, edit: Edit, field: str, words: str
) -> None:
    edit(data)
    error = rejected(data)
    assert error.field == field
    assert words in str(error)
    assert str(error).startswith(f"{field}: ")


def test_a_rejected_policy_leaves_its_data_untouched(data: Data) -> None:
    data["indicators"]["D05"]["weight"] = 101
    before = copy.deepcopy(data)
    rejected(data)
    assert data == before


def test_yaml_syntax_errors_are_policy_errors() -> None:
    with pytest.raises(PolicyError, match="not valid YAML"):
        load_policy("version: 1\nthresholds: [medium: 30\n")


def test_yaml_that_is_not_a_mapping_is_rejected() -> None:
    with pytest.raises(PolicyError, match="mapping"):
        load_policy("- D01\n- D02\n")


def test_editing_a_loaded_spec_is_validated_too(shipped: Policy) -> None:
    with pytest.raises(PolicyError) as caught:
        dataclasses.replace(shipped.indicator("D05"), weight=150)
    assert caught.value.field == "indicators.D05.weight"
    with pytest.raises(PolicyError) as caught:
        Thresholds(medium=50, high=40)
    assert caught.value.field == "thresholds.high"


def test_a_policy_can_be_built_from_specs_in_any_order(shipped: Policy) -> None:
    specs = {code: shipped.indicator(code) for code in reversed(shipped.codes)}
    policy = Policy(version=1, thresholds=shipped.thresholds, indicators=specs)
    assert policy == shipped
    assert policy.codes == INDICATOR_CODES


def test_a_policy_cannot_file_an_indicator_under_another_code(shipped: Policy) -> None:
    specs = {**shipped.indicators, "D06": shipped.indicator("D05")}
    with pytest.raises(PolicyError, match="not the indicator D06") as caught:
        Policy(version=1, thresholds=shipped.thresholds, indicators=specs)
    assert caught.value.field == "indicators.D06"


def test_keyword_wildcards_match_affixes(data: Data) -> None:
    policy = policy_from_data(data)
    pattern = policy.indicator("D20").compiled["debt_keywords"]
    assert pattern.search("Dipinjami agen")
    assert pattern.search("Ditalangi dulu")
    assert not pattern.search("Tabungan pribadi")
    # Whole words only: "agen" is not found inside "agency".
    assert not pattern.search("Ditanggung perusahaan (manning agency)")


def test_parameters_are_compiled_once_at_load(shipped: Policy) -> None:
    compiled = shipped.indicator("D05").compiled
    assert isinstance(compiled["countries"], frozenset)
    assert isinstance(compiled["domestic_keywords"], re.Pattern)


def test_the_policy_file_is_yaml_with_the_three_top_level_keys() -> None:
    raw = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    assert list(raw) == ["version", "thresholds", "indicators"]
