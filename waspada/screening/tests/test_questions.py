"""Interview questions: every code of the policy has words, in both languages."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from waspada.screening.questions import (
    LANGUAGES,
    QUESTIONS_FILE,
    language_key,
    load_questions,
    question_texts,
)

POLICY_FILE = Path(__file__).resolve().parent.parent / "policy.yaml"
U_CODES = [f"U{number:02d}" for number in range(1, 11)]


def _policy_codes() -> list[str]:
    policy = yaml.safe_load(POLICY_FILE.read_text(encoding="utf-8"))
    return [
        code
        for indicator in policy["indicators"].values()
        for code in indicator.get("questions") or ()
    ]


def test_policy_lists_question_codes() -> None:
    assert len(_policy_codes()) > 28


@pytest.mark.parametrize("code", _policy_codes())
def test_every_policy_question_has_text_and_worrying_answer(code: str) -> None:
    question = load_questions().get(code)
    assert question is not None, f"{code} is used in policy.yaml but missing in questions.yaml"
    assert question.indicator == code.split("-")[0]
    for language in LANGUAGES:
        assert question.text[language].strip()
        assert question.worrying[language].strip()


@pytest.mark.parametrize("indicator", U_CODES)
def test_every_deep_interview_indicator_has_two_questions(indicator: str) -> None:
    counts = Counter(question.indicator for question in load_questions().values())
    assert counts[indicator] >= 2


def test_no_empty_or_duplicated_texts() -> None:
    raw = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    for code, entry in raw.items():
        assert set(entry) == {"indicator", "text", "worrying"}, code
        for field in ("text", "worrying"):
            assert set(entry[field]) == set(LANGUAGES), f"{code}.{field}"
            for language in LANGUAGES:
                value = entry[field][language]
                assert isinstance(value, str) and value.strip(), f"{code}.{field}.{language}"
    for language in LANGUAGES:
        texts = [question.text[language] for question in load_questions().values()]
        assert len(set(texts)) == len(texts), f"two codes share a {language} question"


def test_texts_are_questions_and_differ_between_languages() -> None:
    for code, question in load_questions().items():
        assert "?" in question.text["id"], code
        assert "?" in question.text["en"], code
        assert question.text["id"] != question.text["en"], code
        assert question.worrying["id"] != question.worrying["en"], code


def test_indonesian_questions_address_the_applicant_politely() -> None:
    for code, question in load_questions().items():
        words = re.findall(r"\w+", question.text["id"].lower())
        assert not {"kamu", "anda", "kau", "lu", "elu"} & set(words), code


def test_question_texts_in_order_and_language() -> None:
    codes = ["D05-Q2", "D01-Q1", "U03-Q1"]
    english = question_texts(codes, "en")
    indonesian = question_texts(codes, "id")
    questions = load_questions()
    assert [item["code"] for item in english] == codes
    assert [item["code"] for item in indonesian] == codes
    for item in english:
        assert set(item) == {"code", "text", "worrying"}
        assert item["text"] == questions[item["code"]].text["en"]
        assert item["worrying"] == questions[item["code"]].worrying["en"]
    for item in indonesian:
        assert item["text"] == questions[item["code"]].text["id"]
        assert item["worrying"] == questions[item["code"]].worrying["id"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "en"), ("en-us", "en"), ("EN-GB", "en"), ("id", "id"), ("", "id"), ("fr", "id")],
)
def test_language_choice(language: str, expected: str) -> None:
    assert language_key(language) == expected
    item = question_texts(["D01-Q1"], language)[0]
    assert item["text"] == load_questions()["D01-Q1"].text[expected]


def test_question_texts_skips_unknown_and_repeated_codes() -> None:
    result = question_texts(["X99-Q1", "D01-Q1", "D01-Q99", "", "D01-Q1", "D02-Q1"], "id")
    assert [item["code"] for item in result] == ["D01-Q1", "D02-Q1"]
    assert question_texts([], "en") == []
    assert question_texts(iter(["D03-Q1"]), "en")[0]["code"] == "D03-Q1"


def test_loader_rejects_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "questions.yaml"
    broken.write_text(
        "D01-Q1:\n  indicator: D01\n  text: {id: 'Ke mana?', en: ''}\n  worrying: {id: x, en: y}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"D01-Q1\.text\.en"):
        load_questions(broken)
    wrong_indicator = tmp_path / "wrong.yaml"
    wrong_indicator.write_text(
        "D01-Q1:\n  indicator: D02\n  text: {id: a, en: b}\n  worrying: {id: c, en: d}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="must be D01"):
        load_questions(wrong_indicator)
