"""Grading exercises and scoring simulated interviews: worked examples."""

from __future__ import annotations

from waspada.domain.training_families import FAMILY_KEYS, family_of, group_by_family
from waspada.domain.training_grading import (
    Answer,
    Feedback,
    Truth,
    grade,
    module_result,
    questions_that_matter,
)
from waspada.domain.training_simulation import score, script, synthetic_case

TRUTH = Truth(frozenset({"D01", "D05"}), frozenset({"D01-Q1", "D05-Q1"}), "refuse")


def test_a_perfect_answer_scores_100_and_says_what_was_found() -> None:
    answer = Answer(TRUTH.indicators, TRUTH.questions, "refuse", "Bekerja sebagai PRT.")
    result = grade(answer, TRUTH)
    assert (result.see, result.ask, result.decide, result.total) == (100, 100, 100, 100)
    assert Feedback("found", "D05") in result.feedback
    assert Feedback("outcome_right", "refuse") in result.feedback


def test_missing_an_indicator_and_deferring_instead_of_refusing_cost_part() -> None:
    answer = Answer(frozenset({"D01"}), frozenset({"D01-Q1"}), "defer", "Tiket pulang belum ada.")
    result = grade(answer, TRUTH)
    assert result.see == 67  # F1 of 1 found out of 2, none wrong
    assert result.ask == 50
    assert result.decide == 50
    assert Feedback("missed", "D05") in result.feedback
    assert Feedback("question_missed", "D05-Q1") in result.feedback


def test_over_flagging_a_benign_look_alike_costs() -> None:
    pilgrim = Truth(frozenset(), frozenset({"D07-Q1"}), "issue")
    calm = grade(Answer(frozenset(), frozenset({"D07-Q1"}), "issue", "PPIU berizin."), pilgrim)
    flagged = grade(
        Answer(frozenset({"D07", "D17"}), frozenset({"D07-Q1"}), "refuse", "Curiga."), pilgrim
    )
    assert calm.total == 100
    assert flagged.see == 50 and flagged.decide == 0
    assert Feedback("benign") in flagged.feedback
    assert Feedback("overflagged", "D17") in flagged.feedback


def test_a_decision_without_a_reason_scores_nothing() -> None:
    result = grade(Answer(TRUTH.indicators, TRUTH.questions, "refuse", " "), TRUTH)
    assert result.decide == 0
    assert Feedback("reason_missing") in result.feedback


def test_questions_that_matter_come_from_the_true_or_the_look_alike_indicators() -> None:
    questions = {"D01": ["D01-Q1", "D01-Q2"], "D07": ["D07-Q1"]}
    assert questions_that_matter({"D01"}, questions) == {"D01-Q1", "D01-Q2"}
    assert questions_that_matter(set(), questions, look_alike_of={"D07"}) == {"D07-Q1"}


def test_a_module_passes_on_enough_exercises_at_the_threshold() -> None:
    assert module_result([90, 40, 80, 70], required=3, threshold=60) == (63, True)
    assert module_result([100, 100], required=3, threshold=60) == (100, False)
    assert module_result([], required=3, threshold=60) == (0, False)


def test_every_indicator_has_a_family() -> None:
    assert family_of("D05") == "destination"
    assert family_of("U03") == "person"
    assert family_of("U11") == "person" and family_of("D40") == "purpose"
    assert list(group_by_family(["D17", "U01"])) == list(FAMILY_KEYS)


def test_the_script_answers_from_the_facts_with_a_contradiction_to_catch() -> None:
    case = synthetic_case(0)  # tourism to Saudi Arabia that is domestic work
    lines = script(case, case["indicators"], [("D05-Q1", "D05"), ("D07-Q1", "D07")])
    assert lines["D05-Q1"].worrying and lines["D05-Q1"].contradicts == "purpose"
    assert "SA" in lines["D05-Q1"].answer["en"]
    assert not lines["D07-Q1"].worrying and not lines["D07-Q1"].contradicts


def test_a_simulation_counts_only_indicators_asked_about_and_recorded() -> None:
    result = score(
        truth={"D01", "D05", "U01"},
        matter={"D01-Q1", "D05-Q1", "U01-Q1"},
        asked=[("D01-Q1", "D01"), ("D05-Q1", "D05")],
        observed={"D01", "U01"},  # U01 recorded without asking: a guess, not uncovered
        outcome="refuse",
        reason="Akan bekerja sebagai PRT.",
        truth_outcome="refuse",
        seconds=200,
    )
    assert result.uncovered == ("D01",)
    assert result.missed == ("D05", "U01")
    assert (result.indicators, result.questions, result.decision, result.time) == (33, 67, 100, 100)
    slow = score(
        truth=set(),
        matter=set(),
        asked=[],
        observed=set(),
        outcome="issue",
        reason="Semua dokumen lengkap.",
        truth_outcome="issue",
        seconds=900,
    )
    assert slow.time == 0 and slow.indicators == 100
