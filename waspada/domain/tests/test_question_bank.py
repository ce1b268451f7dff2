"""The question bank as data: planning an interview's questions, codes, differences."""

from __future__ import annotations

from typing import Any

from waspada.domain.question_bank import (
    DEEP_CORE_QUESTIONS,
    STANDARD_QUESTIONS,
    BankChange,
    codes_for,
    diff_banks,
    next_code,
    plan_questions,
)
from waspada.screening.questions import load_questions


def entry(indicator: str, text: str = "Pertanyaan?", active: bool = True) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "text": {"id": text, "en": "Question?"},
        "worrying": {"id": "Jawaban", "en": "Answer"},
        "active": active,
    }


SHIPPED = {
    code: {
        "indicator": q.indicator,
        "text": dict(q.text),
        "worrying": dict(q.worrying),
        "active": True,
    }
    for code, q in load_questions().items()
}


def test_every_planned_question_exists_in_the_shipped_bank() -> None:
    assert set(STANDARD_QUESTIONS) <= set(SHIPPED)
    assert set(DEEP_CORE_QUESTIONS) <= set(SHIPPED)


def test_a_standard_interview_asks_the_general_set_whatever_fired() -> None:
    assert plan_questions("standard", ["D05", "U01"], SHIPPED) == list(STANDARD_QUESTIONS)


def test_a_deep_interview_follows_the_indicators_that_fired_then_the_core() -> None:
    planned = plan_questions("deep", ["D22", "D01", "U01"], SHIPPED)
    assert planned[:7] == ["D22-Q1", "D22-Q2", "D01-Q1", "D01-Q2", "D01-Q3", "U01-Q1", "U01-Q2"]
    # The core questions follow, without asking U01-Q1 twice.
    assert planned[7:] == [code for code in DEEP_CORE_QUESTIONS if code != "U01-Q1"]


def test_inactive_and_unknown_questions_are_not_planned() -> None:
    data = {**SHIPPED, "D22-Q1": {**SHIPPED["D22-Q1"], "active": False}}
    planned = plan_questions("deep", ["D22", "D99"], data)
    assert "D22-Q1" not in planned and planned[0] == "D22-Q2"


def test_codes_are_ordered_by_number_and_new_codes_follow_the_highest() -> None:
    data = {"D05-Q10": entry("D05"), "D05-Q2": entry("D05"), "D05-Q1": entry("D05", active=False)}
    assert codes_for(data, "D05") == ["D05-Q2", "D05-Q10"]
    assert codes_for(data, "D05", active_only=False) == ["D05-Q1", "D05-Q2", "D05-Q10"]
    assert next_code(data, "D05") == "D05-Q11"
    assert next_code(data, "U04") == "U04-Q1"


def test_diff_names_added_changed_deactivated_and_reactivated_questions() -> None:
    old = {"D01-Q1": entry("D01"), "D02-Q1": entry("D02"), "D03-Q1": entry("D03", active=False)}
    new = {
        "D01-Q1": entry("D01", text="Ke kota mana saja?"),
        "D02-Q1": entry("D02", active=False),
        "D03-Q1": entry("D03"),
        "U04-Q3": entry("U04"),
    }
    assert diff_banks(old, new) == [
        BankChange("D01-Q1", "changed", ("text.id",)),
        BankChange("D02-Q1", "deactivated", ()),
        BankChange("D03-Q1", "reactivated", ()),
        BankChange(
            "U04-Q3",
            "added",
            ("indicator", "text.id", "text.en", "worrying.id", "worrying.en"),
        ),
    ]
    assert diff_banks(new, new) == []
