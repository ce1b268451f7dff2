"""Interview questions: the words behind the question codes of the screening policy.

The policy (policy.yaml) names the questions an indicator calls for by code (``D05-Q1``);
questions.yaml holds, per code, the question as the officer asks it and what a worrying
answer looks like, in Indonesian and English. The U01-U10 codes are the deep-interview
questions for the international exploitation indicators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

import yaml

QUESTIONS_FILE = Path(__file__).with_name("questions.yaml")
LANGUAGES = ("id", "en")
CODE = re.compile(r"(?P<indicator>[DU][0-9]{2})-Q[0-9]{1,2}")


@dataclass(frozen=True)
class Question:
    """One interview question, with both languages of its text and worrying answer."""

    code: str
    indicator: str
    text: Mapping[str, str]
    worrying: Mapping[str, str]


def language_key(language: str | None) -> str:
    """``"en"`` for any English language code (``en``, ``en-gb``), else ``"id"``."""
    return "en" if (language or "").strip().lower().startswith("en") else "id"


def _texts(value: object, where: str) -> Mapping[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected a mapping with 'id' and 'en'")
    texts: dict[str, str] = {}
    for language in LANGUAGES:
        text = value.get(language)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{where}.{language}: missing or empty")
        texts[language] = " ".join(text.split())
    return MappingProxyType(texts)


@cache
def load_questions(path: Path = QUESTIONS_FILE) -> Mapping[str, Question]:
    """All questions of ``path`` by code, validated; read once and cached."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping of question codes")
    questions: dict[str, Question] = {}
    for code, entry in data.items():
        match = CODE.fullmatch(code) if isinstance(code, str) else None
        if match is None:
            raise ValueError(f"{path.name}: {code!r} is not a question code like D05-Q1")
        if not isinstance(entry, dict):
            raise ValueError(f"{code}: expected indicator, text and worrying")
        if entry.get("indicator") != match["indicator"]:
            raise ValueError(f"{code}.indicator: must be {match['indicator']}")
        questions[code] = Question(
            code=code,
            indicator=match["indicator"],
            text=_texts(entry.get("text"), f"{code}.text"),
            worrying=_texts(entry.get("worrying"), f"{code}.worrying"),
        )
    return MappingProxyType(questions)


def question_texts(codes: Iterable[str], language: str) -> list[dict[str, str]]:
    """The questions for ``codes`` in ``language``, in the given order.

    Each item is ``{"code", "text", "worrying"}``. English for any language starting with
    "en", else Indonesian. Unknown codes are skipped and repeated codes given once.
    """
    key = language_key(language)
    questions = load_questions()
    result: list[dict[str, str]] = []
    seen: set[str] = set()
    for code in codes:
        question = questions.get(code)
        if question is None or code in seen:
            continue
        seen.add(code)
        result.append(
            {"code": code, "text": question.text[key], "worrying": question.worrying[key]}
        )
    return result
