"""The shipped question bank as the domain plans it into interviews."""

from __future__ import annotations

from waspada.domain.question_bank import DEEP_CORE_QUESTIONS, STANDARD_QUESTIONS, plan_questions
from waspada.screening.questions import load_questions

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
