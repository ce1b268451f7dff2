"""The "interview" fact for the screening: what the interviews of an application found.

One `RaisedIndicator` (code and note) per finding, read by the risk engine's conditions of
D16, D19, D20, D23, D24 and U01-U10:

- indicators the officer raised for a session, with the officer's note;
- answers that raise an indicator, quoting the question code and the answer;
- observations, each mapped to its indicator (fear, a companion answering -> D24, ...);
- contradictions found by the consistency checks of finished sessions, as D23.

Notes are written in the office's language (LANGUAGE_CODE): screening quotes one note in
both evidence languages, and the office works in its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.conf import settings
from django.db.models import Prefetch
from django.utils import translation

from waspada.applications.models import PassportApplication
from waspada.domain.screening import RaisedIndicator
from waspada.interviews.findings import finding_text, stored_findings
from waspada.interviews.models import (
    OBSERVATION_INDICATORS,
    InterviewAnswer,
    InterviewSession,
    Observation,
    SessionState,
)

ANSWER_QUOTE_LIMIT = 120


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > ANSWER_QUOTE_LIMIT:
        text = text[: ANSWER_QUOTE_LIMIT - 1] + "\u2026"
    return f"\u201c{text}\u201d"


def _line(code: str, note: str) -> RaisedIndicator:
    return RaisedIndicator(code, " ".join(note.split()))


def session_lines(
    session: InterviewSession, answers: Iterable[InterviewAnswer]
) -> list[RaisedIndicator]:
    """The indicators one session raised (answers: those of the session that raise a code)."""
    labels = dict(Observation.choices)
    lines = [_line(item["code"], item.get("note", "")) for item in session.raised_indicators]
    lines.extend(
        _line(answer.raises, f"{answer.question_code} {_quote(answer.answer)}")
        if answer.answer.strip()
        else _line(answer.raises, answer.question_code)
        for answer in answers
        if answer.raises
    )
    lines.extend(
        _line(OBSERVATION_INDICATORS[code], str(labels[code]))
        for code in session.observations
        if code in OBSERVATION_INDICATORS
    )
    if session.state == SessionState.FINISHED:
        lines.extend(
            _line("D23", finding_text(finding))
            for finding in stored_findings(session)
            if finding.contradiction
        )
    return lines


def interview_facts(application_ids: Iterable[int]) -> dict[int, tuple[RaisedIndicator, ...]]:
    """Raised indicators per application id (two queries for any number of applications)."""
    sessions = (
        InterviewSession.objects.filter(application_id__in=list(application_ids))
        .order_by("started_at", "pk")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=InterviewAnswer.objects.exclude(raises="").order_by("position", "pk"),
                to_attr="raising",
            )
        )
    )
    lines: dict[int, list[RaisedIndicator]] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for session in sessions:
            found = session_lines(session, session.raising)  # type: ignore[attr-defined]
            lines.setdefault(session.application_id, []).extend(found)
    return {pk: tuple(dict.fromkeys(found)) for pk, found in lines.items() if found}


class InterviewProvider:
    name = "interview"

    def collect(
        self, applications: Sequence[PassportApplication]
    ) -> dict[int, tuple[RaisedIndicator, ...]]:
        return interview_facts(app.pk for app in applications)
