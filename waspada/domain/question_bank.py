"""The interview question bank as data: the questions of one version, how two versions
differ, and which questions an interview starts with. Pure Python (no Django).

A version's data maps a question code ("D05-Q1", "U03-Q2") to an entry::

    {"indicator": "D05", "text": {"id": ..., "en": ...},
     "worrying": {"id": ..., "en": ...}, "active": true}

Questions are never deleted, only deactivated, so an interview held under an older
version can always be read back, and the code of a question never changes meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

__all__ = [
    "DEEP_CORE_QUESTIONS",
    "FIELDS",
    "QUESTION_CODE",
    "STANDARD_QUESTIONS",
    "BankChange",
    "codes_for",
    "diff_banks",
    "is_active",
    "next_code",
    "plan_questions",
    "sort_key",
]

QUESTION_CODE: Final = re.compile(r"(?P<indicator>[DU][0-9]{2})-Q(?P<number>[0-9]{1,2})")
# The texts an entry holds, each in Indonesian and English.
FIELDS: Final = ("text", "worrying")
LANGUAGES: Final = ("id", "en")
# A standard interview: the trip, who pays, who came along, the return, worries - asked of
# everybody, so they say nothing about the person (no indicator needs to have fired).
STANDARD_QUESTIONS: Final = ("D04-Q1", "D16-Q1", "D17-Q1", "D22-Q2", "D24-Q2")
# A deep interview always covers the core exploitation indicators (documents held, the job
# promised, debt, threats, the work address): nothing at the counter reveals them.
DEEP_CORE_QUESTIONS: Final = ("U01-Q1", "U02-Q1", "U03-Q1", "U06-Q2", "U09-Q1")


def sort_key(code: str) -> tuple[str, int, str]:
    """Codes in indicator order, then by question number ("D05-Q2" before "D05-Q10")."""
    match = QUESTION_CODE.fullmatch(code)
    if match is None:
        return ("~", 0, code)
    return (match["indicator"], int(match["number"]), code)


def is_active(entry: Mapping[str, Any]) -> bool:
    return entry.get("active", True) is not False


def codes_for(
    data: Mapping[str, Mapping[str, Any]], indicator: str, *, active_only: bool = True
) -> list[str]:
    """The question codes of one indicator, in order."""
    codes = [
        code
        for code, entry in data.items()
        if entry.get("indicator") == indicator and (is_active(entry) or not active_only)
    ]
    return sorted(codes, key=sort_key)


def next_code(data: Mapping[str, Mapping[str, Any]], indicator: str) -> str:
    """The code a new question of `indicator` gets: one above the highest in use."""
    numbers = [
        int(match["number"])
        for code in data
        if (match := QUESTION_CODE.fullmatch(code)) and match["indicator"] == indicator
    ]
    number = max(numbers, default=0) + 1
    if number > 99:
        raise ValueError(f"{indicator} has no free question number left")
    return f"{indicator}-Q{number}"


def plan_questions(
    kind: str, fired: Sequence[str], data: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    """The questions an interview starts with (the officer may add more).

    - "standard": the general set.
    - "deep": every active question of each indicator that fired (in the order the
      assessment lists them), then the core exploitation questions not asked yet.
    Inactive or unknown codes are left out.
    """
    planned: list[str] = []
    if kind == "deep":
        for indicator in fired:
            planned.extend(codes_for(data, indicator))
        planned.extend(DEEP_CORE_QUESTIONS)
    else:
        planned.extend(STANDARD_QUESTIONS)
    return [code for code in dict.fromkeys(planned) if code in data and is_active(data[code])]


@dataclass(frozen=True)
class BankChange:
    """One question that differs between two versions.

    `kind`: "added", "changed", "deactivated", "reactivated" or "removed"; `fields` lists what
    changed ("indicator", "text.id", "worrying.en", ...).
    """

    code: str
    kind: str
    fields: tuple[str, ...] = ()


def _changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[str, ...]:
    fields: list[str] = []
    if old.get("indicator") != new.get("indicator"):
        fields.append("indicator")
    for name in FIELDS:
        for language in LANGUAGES:
            if (old.get(name) or {}).get(language) != (new.get(name) or {}).get(language):
                fields.append(f"{name}.{language}")
    return tuple(fields)


def diff_banks(
    old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]]
) -> list[BankChange]:
    """What changed from `old` to `new`, in code order."""
    changes: list[BankChange] = []
    codes: Iterable[str] = sorted(set(old) | set(new), key=sort_key)
    for code in codes:
        before, after = old.get(code), new.get(code)
        if after is None:
            # Not done by the services (questions are only deactivated), but say so if seen.
            changes.append(BankChange(code, "removed"))
            continue
        if before is None:
            changes.append(BankChange(code, "added", _changed_fields({}, after)))
            continue
        fields = _changed_fields(before, after)
        if is_active(before) and not is_active(after):
            changes.append(BankChange(code, "deactivated", fields))
        elif not is_active(before) and is_active(after):
            changes.append(BankChange(code, "reactivated", fields))
        elif fields:
            changes.append(BankChange(code, "changed", fields))
    return changes
