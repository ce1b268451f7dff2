"""Audit summaries in the reader's language.

A summary is written as a message and its parameters, not as a finished sentence: the
service passes `said(text, **params)` where `text` is an English message marked for
translation ("Application %(number)s registered (%(source)s)") and the parameters are the
values to put in. The event keeps both in its details (`TEXT`, `PARAMS`, `TERMS`) beside
the English sentence in `summary` (what exports and the hash chain always had), and pages
render it with `rendered(event)` in the language of whoever reads it. A parameter given as
a translatable label (a lazy string, e.g. a choice's label) is kept as its English message
and translated when read, so "low" reads "rendah" in Indonesian.

Events written before summaries carried their message have only the English sentence.
Every message made with `text(...)` is known here, so such a sentence is read back into
message and parameters when it fits one (parameters that were labels cannot be told
apart from plain values then and are translated when a translation exists), and is shown
as written otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

TEXT = "summary_text"
PARAMS = "summary_params"
TERMS = "summary_terms"

# Every message made with `text`, for reading old sentences back.
_KNOWN: dict[str, re.Pattern[str]] = {}
# Codes an old sentence may carry ("low", "refuse", "submitted") and their labels.
_TERMS: dict[str, object] = {}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def text(message: str) -> str:
    """Register a summary message (mark it with gettext_noop where it is written)."""
    if message not in _KNOWN:
        parts = _PLACEHOLDER.split(message)
        pattern = "".join(
            re.escape(part.replace("%%", "%")) if i % 2 == 0 else f"(?P<{part}>.+?)"
            for i, part in enumerate(parts)
        )
        _KNOWN[message] = re.compile(f"^{pattern}$", re.DOTALL)
    return message


def terms(labels: Mapping[str, object] | Iterable[tuple[str, object]]) -> None:
    """Make codes known with their labels (a model's `choices`), so an old sentence that
    carries a code reads as the label."""
    _TERMS.update(dict(labels))


def _term(value: str) -> str:
    label = _TERMS.get(value)
    return str(label) if label is not None else gettext(value)


class Said(str):
    """A summary: the English sentence (what `str` gives) with its message and parameters."""

    message: str
    params: dict[str, Any]
    terms: tuple[str, ...]

    def __new__(cls, message: str, params: Mapping[str, Any]) -> Said:
        text(message)
        plain: dict[str, Any] = {}
        terms: list[str] = []
        english: dict[str, Any] = {}
        with translation.override("en"):
            for key, value in params.items():
                if isinstance(value, Said):
                    plain[key] = value.details()
                    english[key] = str(value)
                    continue
                if isinstance(value, list | tuple):
                    if any(isinstance(item, Promise) for item in value):
                        terms.append(key)
                    plain[key] = [str(item) for item in value]
                    english[key] = ", ".join(plain[key])
                    continue
                if isinstance(value, Promise):
                    terms.append(key)
                    plain[key] = str(value)
                else:
                    plain[key] = value if isinstance(value, int | float) else str(value)
                english[key] = plain[key]
            sentence = message % english
        made = super().__new__(cls, sentence)
        made.message, made.params, made.terms = message, plain, tuple(terms)
        return made

    def details(self) -> dict[str, Any]:
        found: dict[str, Any] = {TEXT: self.message, PARAMS: self.params}
        if self.terms:
            found[TERMS] = list(self.terms)
        return found


def said(message: str, **params: Any) -> Said:
    """A summary to render in the reader's language; `message` is marked with gettext_noop.
    A parameter may be a label (a lazy string, translated when read), a list of values or
    labels (joined with commas), or another `Said` (rendered within this one)."""
    return Said(message, params)


def field_labels(model: type[Any], names: Iterable[str]) -> list[Any]:
    """The verbose names of `model`'s fields `names` (sorted by name), as labels that
    read in the reader's language; a name that is not a field stays as it is."""
    found: list[Any] = []
    for name in sorted(names):
        try:
            found.append(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            found.append(name)
    return found


# Field names by which older "changed: ..." summaries listed the fields, and labels.
_FIELD_NAMES = re.compile(r"^[a-z][a-z0-9_]*(, [a-z][a-z0-9_]*)*$")
_field_labels: dict[str, Any] = {}


def _fields_read(names: str) -> str:
    """Field names written as "birth_place, phone" (before summaries carried labels), as
    their labels in the active language (a model's field of that name; the name if none)."""
    if not _field_labels:
        for model in apps.get_models():
            for field in model._meta.get_fields():
                label = getattr(field, "verbose_name", None)
                if label is not None:
                    _field_labels.setdefault(field.name, label)
    return ", ".join(str(_field_labels.get(name, name)) for name in names.split(", "))


def _value(key: str, value: Any, term: bool) -> Any:
    """A parameter in the active language: a summary within the summary rendered, a
    list joined (its labels translated), a label translated."""
    if isinstance(value, Mapping):
        return rendered("", value)
    if isinstance(value, list):
        return ", ".join(_term(item) if term and item else str(item) for item in value)
    if key == "fields" and isinstance(value, str) and _FIELD_NAMES.match(value):
        return _fields_read(value)
    return _term(value) if term and isinstance(value, str) and value else value


def _render(message: str, params: Mapping[str, Any], terms: Any) -> str | None:
    values = {key: _value(key, value, key in terms) for key, value in params.items()}
    try:
        return gettext(message) % values
    except (KeyError, ValueError, TypeError):
        return None


def _read_back(sentence: str) -> str | None:
    # The most specific message first (most words of its own).
    for message, pattern in sorted(
        _KNOWN.items(), key=lambda item: -len(_PLACEHOLDER.sub("", item[0]))
    ):
        found = pattern.match(sentence)
        if found is not None:
            params = found.groupdict()
            return _render(message, params, params)
    return None


def rendered_note(note: str) -> str:
    """A short note the services write (a code such as "intake form", or a sentence made
    from a known message) in the active language; any other note as it was written."""
    if note in _TERMS:
        return _term(note)
    return rendered(note, None)


def rendered(summary: str, details: Mapping[str, Any] | None) -> str:
    """The summary in the active language: from its message when it has one, else read
    back from a known English sentence, else as it was written."""
    details = details if isinstance(details, Mapping) else {}
    message, params = details.get(TEXT), details.get(PARAMS)
    if isinstance(message, str) and isinstance(params, Mapping):
        done = _render(message, params, details.get(TERMS) or ())
        if done is not None:
            return done
    if translation.get_language() == "en":
        return summary
    return _read_back(summary) or summary
