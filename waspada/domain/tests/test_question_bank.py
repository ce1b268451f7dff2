"""The question bank as data: question codes and the differences between versions."""

from __future__ import annotations

from typing import Any

from waspada.domain.question_bank import (
    BankChange,
    codes_for,
    diff_banks,
    next_code,
)


def entry(indicator: str, text: str = "Pertanyaan?", active: bool = True) -> dict[str, Any]:
    return {
        "indicator": indicator,
        "text": {"id": text, "en": "Question?"},
        "worrying": {"id": "Jawaban", "en": "Answer"},
        "active": active,
    }


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
