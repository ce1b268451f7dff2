"""Grading a case exercise: what the trainee saw, asked and decided, against the truth.

The truth of an exercise is what screening found on the real case (its indicators) and
the final, signed-off decision. Three parts, each scored 0-100:

- see: the indicators picked. F1 of the picked against the true ones; a case with no
  indicator (a benign look-alike) scores 100 when nothing is picked and loses
  `OVERFLAG_PENALTY` per indicator picked, so that over-flagging costs.
- ask: the questions picked. The share of the questions that matter (those of the true
  indicators) picked, less `IRRELEVANT_PENALTY` per question of another indicator; on a
  look-alike the questions that matter are the ones that confirm its story.
- decide: the outcome (100 when it is the signed-off one, 50 for deferring instead of
  refusing or the other way round, else 0), and a reason is required.

The total weighs them 40 / 30 / 30. Pure: no Django; texts come from the caller.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

WEIGHTS = {"see": 40, "ask": 30, "decide": 30}
OVERFLAG_PENALTY = 25
IRRELEVANT_PENALTY = 10
MIN_REASON_CHARS = 10
NEAR_OUTCOMES = frozenset({frozenset({"defer", "refuse"}), frozenset({"refuse", "cancel"})})


@dataclass(frozen=True)
class Truth:
    indicators: frozenset[str]
    questions: frozenset[str]  # the questions that matter
    outcome: str
    reason: str = ""  # the signed-off reason (anonymised)

    @property
    def benign(self) -> bool:
        return not self.indicators


@dataclass(frozen=True)
class Answer:
    indicators: frozenset[str]
    questions: frozenset[str]
    outcome: str
    reason: str


@dataclass(frozen=True)
class Feedback:
    """One line of feedback: a kind (found, missed, overflagged, question_missed,
    question_extra, outcome_right, outcome_wrong, reason_missing, benign) and its subject
    (an indicator or question code, an outcome)."""

    kind: str
    subject: str = ""


@dataclass(frozen=True)
class Grade:
    see: int
    ask: int
    decide: int
    feedback: tuple[Feedback, ...] = field(default_factory=tuple)

    @property
    def total(self) -> int:
        weighted = self.see * WEIGHTS["see"] + self.ask * WEIGHTS["ask"]
        weighted += self.decide * WEIGHTS["decide"]
        return round(weighted / sum(WEIGHTS.values()))

    def passed(self, threshold: int) -> bool:
        return self.total >= threshold


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))


def score_see(picked: Collection[str], truth: Collection[str]) -> int:
    picked, truth = set(picked), set(truth)
    if not truth:
        return _clamp(100 - OVERFLAG_PENALTY * len(picked))
    found = len(picked & truth)
    if not found:
        return 0
    precision, recall = found / len(picked), found / len(truth)
    return _clamp(100 * 2 * precision * recall / (precision + recall))


def score_ask(picked: Collection[str], matter: Collection[str]) -> int:
    picked, matter = set(picked), set(matter)
    if not matter:
        return _clamp(100 - IRRELEVANT_PENALTY * len(picked))
    share = 100 * len(picked & matter) / len(matter)
    return _clamp(share - IRRELEVANT_PENALTY * len(picked - matter))


def score_decide(outcome: str, reason: str, truth: str) -> int:
    if len(reason.strip()) < MIN_REASON_CHARS:
        return 0
    if outcome == truth:
        return 100
    return 50 if frozenset({outcome, truth}) in NEAR_OUTCOMES else 0


def grade(answer: Answer, truth: Truth) -> Grade:
    """The grade of `answer`, with the feedback in a stable order."""
    feedback: list[Feedback] = []
    if truth.benign:
        feedback.append(Feedback("benign"))
    feedback += [Feedback("found", c) for c in sorted(answer.indicators & truth.indicators)]
    feedback += [Feedback("missed", c) for c in sorted(truth.indicators - answer.indicators)]
    feedback += [Feedback("overflagged", c) for c in sorted(answer.indicators - truth.indicators)]
    feedback += [Feedback("question_missed", c) for c in sorted(truth.questions - answer.questions)]
    feedback += [Feedback("question_extra", c) for c in sorted(answer.questions - truth.questions)]
    if len(answer.reason.strip()) < MIN_REASON_CHARS:
        feedback.append(Feedback("reason_missing"))
    right = answer.outcome == truth.outcome
    feedback.append(Feedback("outcome_right" if right else "outcome_wrong", truth.outcome))
    return Grade(
        see=score_see(answer.indicators, truth.indicators),
        ask=score_ask(answer.questions, truth.questions),
        decide=score_decide(answer.outcome, answer.reason, truth.outcome),
        feedback=tuple(feedback),
    )


def questions_that_matter(
    indicators: Collection[str],
    questions_of: Mapping[str, Sequence[str]],
    look_alike_of: Collection[str] = (),
) -> frozenset[str]:
    """The questions of the true indicators; on a benign case, those of the indicators it
    looks like (`look_alike_of`) - the questions that confirm it is what it says."""
    codes = indicators or look_alike_of
    return frozenset(q for code in codes for q in questions_of.get(code, ()))


def module_result(scores: Sequence[int], *, required: int, threshold: int) -> tuple[int, bool]:
    """A module's score (the mean of the latest `required` exercise scores) and whether
    it is passed (enough exercises, mean at or above `threshold`)."""
    latest = list(scores)[-required:] if required > 0 else list(scores)
    if not latest:
        return 0, False
    mean = round(sum(latest) / len(latest))
    return mean, len(latest) >= required and mean >= threshold
