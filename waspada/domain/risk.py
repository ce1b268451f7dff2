"""The TPPO risk engine: an indicator policy (data) applied to a screening context (data).

Pure Python (no Django): the policy is YAML/JSON data, the conditions are plain functions
registered by indicator code, and `assess` turns a `ScreeningContext` into an `Assessment`.

Policy
------
`load_policy(text)` / `policy_from_data(data)` build a validated, immutable `Policy`:
top-level `version`, `thresholds` (`medium`, `high`) and `indicators` (code -> spec). Every
indicator has a title, an explanation, a legal basis and an evidence template in Indonesian
and English, a weight 0-100, a strength (`strong` / `weak`), `enabled`, `deep_interview`
(always send to the deep interview when it counts), the interview question codes it calls
for and the parameters of its condition. Anything wrong raises `PolicyError`, whose
`.field` names the offending field ("indicators.D05.weight"). Parameters are compiled once
(sets, regular expressions) when the policy is built, so assessing is cheap.

Score, level, action
--------------------
- A *strong* hit always counts. A *weak* hit (sex-, age-, region- or purpose-based signals)
  counts only when at least one strong hit fired; otherwise it is dropped and not listed.
- score = round(100 * (1 - prod(1 - w / 100))) over the counted hits: one hit alone scores
  its weight, further hits add with diminishing returns, and the score never passes 100.
- Fairness guard (in code, not only weights): weak hits may raise the score only within the
  level band that the strong hits reach on their own; they never move an application into a
  higher level, nor to the deep interview. Without a strong hit the result is always score
  0, level low, action standard, no hits.
- level: high when score >= thresholds.high, medium when >= thresholds.medium, else low.
- action: `deep_interview` when the level is high or a counted hit's indicator has
  `deep_interview: true` (only strong indicators may have it); otherwise `standard`.
- Conditions that look only at who the applicant is (age, region; `DEMOGRAPHIC` below) must
  be declared `weak` in the policy, or the policy is rejected.

Facts from providers and the interview (`ScreeningContext.facts`, name -> evidence lines)
----------------------------------------------------------------------------------------
- "watchlist" (D14): a watchlist match per line.
- "broker" (D17): a known broker (calo) among the companions/sponsors, per line.
- "ring" (D18): a link to other applications (shared sponsor, phone, address, dates).
- "disnaker_unverified" (D03): the Disnaker lookup could not confirm the recommendation.
- "recruiter_unlicensed" (D21): a supervisor marked the recruiter's licence suspicious
  on verifying it (a licence the registry merely does not know is a `Note`, below).
- "identity" (D12): identity data differs between documents / Dukcapil does not know the NIK.
- "interview" (D16, D19, D20, D23, D24 and U01-U10): indicators raised at the interview,
  each a `RaisedIndicator` (code and note, e.g. RaisedIndicator("D24", "looks at the
  companion before answering")). The condition of that code fires and quotes the notes;
  indicators of other codes are ignored.
- A `Note` under any fact name is information, never evidence: a value a registry does
  not know (a recruiter's licence, a group's organiser) is listed on the assessment as
  "not verified" and moves no score. `assess` keeps the notes whose indicator did not
  fire (`Assessment.notes`); once a supervisor marks the value suspicious, the provider
  gives an evidence line instead and the indicator fires.

U-indicators
------------
U01-U10 are the international exploitation indicators (UNODC, ILO) of the deep interview:
passport held by others, deceived about job or pay, debt bondage, abuse of vulnerability,
isolation, threats, withheld wages, restricted movement, does not know the work address,
false documents. Nothing at the counter reveals them, so their conditions fire only on
"interview" facts of their code; the interviews app gives those when an answer or the
officer raises the indicator.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Protocol

import pycountry
import yaml

from waspada.domain.documents import DOCUMENT_CODES, PURPOSES
from waspada.domain.evidence import Reason
from waspada.domain.nik import cross_check, parse_nik
from waspada.domain.parties import party_is_organisation
from waspada.domain.screening import (
    Assessment,
    Fact,
    Hit,
    Level,
    Note,
    RaisedIndicator,
    RecommendedAction,
    ScreeningContext,
)

__all__ = [
    "CONDITIONS",
    "CONDITION_INFO",
    "DEMOGRAPHIC",
    "D_INDICATOR_CODES",
    "INDICATOR_CODES",
    "LANGUAGES",
    "POLICY_FILE",
    "U_INDICATOR_CODES",
    "Condition",
    "ConditionInfo",
    "IndicatorSpec",
    "Policy",
    "PolicyChange",
    "PolicyError",
    "Thresholds",
    "assess",
    "condition",
    "context_from_records",
    "diff_policies",
    "dump_policy",
    "identity_evidence",
    "interview_codes",
    "load_policy",
    "load_policy_file",
    "policy_from_data",
    "policy_to_data",
    "recommendation_evidence",
    "ring_evidence",
    "shared_param",
]

LANGUAGES: Final = ("id", "en")
STRONG: Final = "strong"
WEAK: Final = "weak"
STRENGTHS: Final = (STRONG, WEAK)
D_INDICATOR_CODES: Final = tuple(f"D{number:02d}" for number in range(1, 29))
U_INDICATOR_CODES: Final = tuple(f"U{number:02d}" for number in range(1, 11))
INDICATOR_CODES: Final = D_INDICATOR_CODES + U_INDICATOR_CODES
_KNOWN_CODES: Final = (
    f"{D_INDICATOR_CODES[0]}-{D_INDICATOR_CODES[-1]}, "
    f"{U_INDICATOR_CODES[0]}-{U_INDICATOR_CODES[-1]}"
)
APPLICATION_TYPES: Final = ("new", "replacement", "lost", "damaged")

# The policy shipped with the app (the Django screening app loads it as version 1).
POLICY_FILE: Final = Path(__file__).resolve().parents[1] / "screening" / "policy.yaml"

_CODE = re.compile(r"[DU][0-9]{2}")
_QUESTION = re.compile(r"([DU][0-9]{2})-Q[0-9]{1,2}")
_REGION = re.compile(r"[0-9]{2}\.[0-9]{2}(?:\.[0-9]{2})?")
_COUNTRY = re.compile(r"[A-Z]{2}")
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
MAX_QUESTIONS: Final = 3
# A weak condition returns this key when the case at hand makes its hit strong (a minor
# travelling without a parent): it counts as a strong hit and calls for the deep interview.
ESCALATED: Final = "_escalated"
# A year written inside a letter number ("560/1164/IV/2026"): the last one is the issue year.
_YEAR_IN_NUMBER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


class PolicyError(ValueError):
    """A policy that cannot be used; `.field` is the dotted path of the offending field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


# ---------------------------------------------------------------------------------------
# Parameters: how each condition's parameters are checked and compiled


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED: Final = _Required()


class Param:
    """One parameter of a condition: checked and normalised at load, compiled once.

    `normalize` returns the immutable raw value kept in the policy (what round-trips),
    `compile` what the condition receives, `to_data` the JSON/YAML form.
    """

    kind = "value"

    def __init__(self, *, default: Any = REQUIRED) -> None:
        self.default = default

    def normalize(self, value: Any, path: str) -> Any:
        raise NotImplementedError

    def compile(self, raw: Any) -> Any:
        return raw

    def to_data(self, raw: Any) -> Any:
        return list(raw) if isinstance(raw, tuple) else raw


class IntParam(Param):
    kind = "integer"

    def __init__(self, low: int, high: int, *, default: Any = REQUIRED) -> None:
        super().__init__(default=default)
        self.low, self.high = low, high

    def normalize(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise PolicyError(path, f"must be a whole number, got {value!r}")
        if not self.low <= value <= self.high:
            raise PolicyError(path, f"must be between {self.low} and {self.high}, got {value}")
        return value


def _string_list(value: Any, path: str, *, allow_empty: bool = True) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise PolicyError(path, f"must be a list, got {value!r}")
    if not value and not allow_empty:
        raise PolicyError(path, "must not be empty")
    items = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise PolicyError(f"{path}[{index}]", f"must be a non-empty text, got {item!r}")
        items.append(item.strip())
    return items


class CountriesParam(Param):
    """ISO 3166-1 alpha-2 codes; compiled to a frozenset."""

    kind = "countries"

    def normalize(self, value: Any, path: str) -> tuple[str, ...]:
        codes = []
        for index, item in enumerate(_string_list(value, path)):
            code = item.upper()
            if not _COUNTRY.fullmatch(code):
                raise PolicyError(
                    f"{path}[{index}]", f"{item!r} is not an ISO 3166-1 alpha-2 country code"
                )
            if pycountry.countries.get(alpha_2=code) is None:
                raise PolicyError(f"{path}[{index}]", f"unknown country code {item!r}")
            codes.append(code)
        return tuple(dict.fromkeys(codes))

    def compile(self, raw: tuple[str, ...]) -> frozenset[str]:
        return frozenset(raw)


class ChoicesParam(Param):
    """A subset of fixed values (purposes, document codes...); compiled to a frozenset."""

    kind = "choices"

    def __init__(self, allowed: Collection[str], *, default: Any = REQUIRED) -> None:
        super().__init__(default=default)
        self.allowed = tuple(allowed)

    def normalize(self, value: Any, path: str) -> tuple[str, ...]:
        items = _string_list(value, path)
        for index, item in enumerate(items):
            if item not in self.allowed:
                raise PolicyError(
                    f"{path}[{index}]",
                    f"unknown value {item!r}; allowed: {', '.join(self.allowed)}",
                )
        return tuple(dict.fromkeys(items))

    def compile(self, raw: tuple[str, ...]) -> frozenset[str]:
        return frozenset(raw)


class RegionsParam(Param):
    """Dotted Kemendagri regency ("33.01") or kecamatan ("33.01.06") codes."""

    kind = "regions"

    def normalize(self, value: Any, path: str) -> tuple[str, ...]:
        items = _string_list(value, path)
        for index, item in enumerate(items):
            if not _REGION.fullmatch(item):
                raise PolicyError(
                    f"{path}[{index}]",
                    f"{item!r} is not a dotted regency (33.01) or kecamatan (33.01.06) code",
                )
        return tuple(dict.fromkeys(items))

    def compile(self, raw: tuple[str, ...]) -> frozenset[str]:
        return frozenset(raw)


def _keyword_pattern(keyword: str) -> str:
    """A keyword as a regex: whole words/phrases, `*` at either end = any word letters."""
    lead, trail = keyword.startswith("*"), keyword.endswith("*")
    body = keyword.strip("*").strip()
    words = [re.escape(word) for word in body.lower().split()]
    return (
        r"(?<!\w)"
        + (r"\w*" if lead else "")
        + r"\s+".join(words)
        + (r"\w*" if trail else "")
        + r"(?!\w)"
    )


class KeywordsParam(Param):
    """Words or phrases, matched case-insensitively as whole words; `*` at the start or end
    of a keyword allows any letters there ("*pinjam*" matches "dipinjami"). Compiled to
    one regular expression, or None when the list is empty (matches nothing)."""

    kind = "keywords"

    def normalize(self, value: Any, path: str) -> tuple[str, ...]:
        items = _string_list(value, path)
        for index, item in enumerate(items):
            core = item.strip("*").strip()
            if "*" in core or not re.search(r"\w", core):
                raise PolicyError(
                    f"{path}[{index}]",
                    f"{item!r} is not a keyword (letters or digits, '*' only at either end)",
                )
        return tuple(dict.fromkeys(items))

    def compile(self, raw: tuple[str, ...]) -> re.Pattern[str] | None:
        if not raw:
            return None
        return re.compile("|".join(_keyword_pattern(k) for k in raw), re.IGNORECASE)


def _compile_regex(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value:
        raise PolicyError(path, f"must be a regular expression, got {value!r}")
    try:
        re.compile(value)
    except re.error as error:
        raise PolicyError(path, f"invalid regular expression {value!r}: {error}") from None
    return value


class RegexParam(Param):
    """A regular expression (case-insensitive, matched against the whole value)."""

    kind = "regex"

    def __init__(self, *, groups: Collection[str] = (), default: Any = REQUIRED) -> None:
        super().__init__(default=default)
        self.groups = tuple(groups)

    def normalize(self, value: Any, path: str) -> str:
        text = _compile_regex(value, path)
        missing = [g for g in self.groups if g not in re.compile(text).groupindex]
        if missing:
            raise PolicyError(path, f"the expression needs the named group(s) {missing}")
        return text

    def compile(self, raw: str) -> re.Pattern[str]:
        return re.compile(raw, re.IGNORECASE)


class RegexMapParam(Param):
    """Key -> regular expression, keys from a fixed set (e.g. purposes and "*")."""

    kind = "regex_map"

    def __init__(self, keys: Collection[str], *, default: Any = REQUIRED) -> None:
        super().__init__(default=default)
        self.keys = tuple(keys)

    def normalize(self, value: Any, path: str) -> Mapping[str, str]:
        if not isinstance(value, Mapping) or not value:
            raise PolicyError(path, f"must be a non-empty mapping, got {value!r}")
        result = {}
        for key, pattern in value.items():
            if key not in self.keys:
                raise PolicyError(
                    f"{path}.{key}", f"unknown key {key!r}; allowed: {', '.join(self.keys)}"
                )
            result[key] = _compile_regex(pattern, f"{path}.{key}")
        return MappingProxyType(result)

    def compile(self, raw: Mapping[str, str]) -> dict[str, re.Pattern[str]]:
        return {key: re.compile(pattern, re.IGNORECASE) for key, pattern in raw.items()}

    def to_data(self, raw: Mapping[str, str]) -> dict[str, str]:
        return dict(raw)


# ---------------------------------------------------------------------------------------
# The condition registry

Condition = Callable[[ScreeningContext, Mapping[str, Any]], dict[str, str] | None]


@dataclass(frozen=True)
class ConditionInfo:
    """A registered condition: its parameters, the evidence placeholders it fills, and
    `demographic` ("age", "region", ...) when it looks only at who the applicant is."""

    code: str
    function: Condition
    params: Mapping[str, Param]
    placeholders: frozenset[str]
    demographic: str = ""


CONDITIONS: dict[str, Condition] = {}
CONDITION_INFO: dict[str, ConditionInfo] = {}
# Codes whose condition is keyed on demographics only: the policy must declare them weak.
DEMOGRAPHIC: dict[str, str] = {}


def condition(
    code: str,
    *,
    params: Mapping[str, Param] | None = None,
    placeholders: Iterable[str] = (),
    demographic: str = "",
) -> Callable[[Condition], Condition]:
    """Register the condition of indicator `code`.

    The function gets the context and the compiled parameters and returns the evidence
    placeholders (name -> text) when the indicator fires, else None. A value under
    "<name>_id" / "<name>_en" is used for that language instead of "<name>".
    """
    if not _CODE.fullmatch(code):
        raise ValueError(f"bad indicator code {code!r}")

    def register(function: Condition) -> Condition:
        if code in CONDITIONS:
            raise ValueError(f"condition {code} registered twice")
        CONDITIONS[code] = function
        CONDITION_INFO[code] = ConditionInfo(
            code,
            function,
            MappingProxyType(dict(params or {})),
            frozenset(placeholders),
            demographic,
        )
        if demographic:
            DEMOGRAPHIC[code] = demographic
        return function

    return register


# ---------------------------------------------------------------------------------------
# Policy data types


def _texts(value: Any, path: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping):
        raise PolicyError(path, f"must be a mapping of language -> text, got {value!r}")
    for language in value:
        if language not in LANGUAGES:
            raise PolicyError(
                f"{path}.{language}",
                f"unknown language {language!r}; use {' and '.join(LANGUAGES)}",
            )
    for language in LANGUAGES:
        text = value.get(language)
        if text is None:
            raise PolicyError(f"{path}.{language}", "missing text in this language")
        if not isinstance(text, str) or not text.strip():
            raise PolicyError(f"{path}.{language}", f"must be a non-empty text, got {text!r}")
    return MappingProxyType({language: value[language].strip() for language in LANGUAGES})


_Template = tuple[tuple[str, str | None], ...]  # (literal, placeholder or None)


def _parse_template(text: str, allowed: frozenset[str], path: str) -> _Template:
    parts: list[tuple[str, str | None]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(text):
        literal = text[position : match.start()]
        name = match.group(1)
        if name not in allowed:
            known = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "none"
            raise PolicyError(path, f"unknown placeholder {{{name}}}; this indicator has {known}")
        parts.append((literal, name))
        position = match.end()
    parts.append((text[position:], None))
    for literal, _name in parts:
        if "{" in literal or "}" in literal:
            raise PolicyError(path, "unbalanced '{' or '}' (placeholders look like {name})")
    return tuple(parts)


def _fill(template: _Template, values: Mapping[str, str], language: str) -> str:
    out = []
    for literal, name in template:
        out.append(literal)
        if name is not None:
            out.append(values.get(f"{name}_{language}", values.get(name, "")))
    return "".join(out)


def _boolean(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise PolicyError(path, f"must be true or false, got {value!r}")
    return value


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of the policy; validated and compiled when created."""

    code: str
    title: Mapping[str, str]
    explanation: Mapping[str, str]
    weight: int
    strength: str
    evidence: Mapping[str, str]
    legal_basis: Mapping[str, str]
    questions: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True
    deep_interview: bool = False
    # Compiled parameters and evidence templates (derived; not compared, not shown).
    compiled: Mapping[str, Any] = field(init=False, repr=False, compare=False)
    templates: Mapping[str, _Template] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        path = f"indicators.{self.code}"
        info = CONDITION_INFO.get(self.code) if isinstance(self.code, str) else None
        if info is None:
            raise PolicyError(path, f"unknown indicator code {self.code!r} (known: {_KNOWN_CODES})")
        for name in ("title", "explanation", "legal_basis", "evidence"):
            object.__setattr__(self, name, _texts(getattr(self, name), f"{path}.{name}"))
        weight = self.weight
        if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
            raise PolicyError(f"{path}.weight", f"must be a whole number 0-100, got {weight!r}")
        if self.strength not in STRENGTHS:
            raise PolicyError(
                f"{path}.strength", f"must be 'strong' or 'weak', got {self.strength!r}"
            )
        _boolean(self.enabled, f"{path}.enabled")
        _boolean(self.deep_interview, f"{path}.deep_interview")
        if self.code in DEMOGRAPHIC and self.strength != WEAK:
            raise PolicyError(
                f"{path}.strength",
                f"{self.code} looks only at the applicant's {DEMOGRAPHIC[self.code]} and must be "
                "weak (a fairness rule: it may only add to strong indicators)",
            )
        if self.deep_interview and self.strength == WEAK:
            raise PolicyError(
                f"{path}.deep_interview",
                "a weak indicator can never send an application to the deep interview",
            )
        object.__setattr__(self, "questions", self._questions(path))
        params, compiled = self._params(info, path)
        object.__setattr__(self, "params", MappingProxyType(params))
        object.__setattr__(self, "compiled", MappingProxyType(compiled))
        templates = {
            language: _parse_template(
                self.evidence[language], info.placeholders, f"{path}.evidence.{language}"
            )
            for language in LANGUAGES
        }
        object.__setattr__(self, "templates", MappingProxyType(templates))

    def _questions(self, path: str) -> tuple[str, ...]:
        value = self.questions
        if isinstance(value, str) or not isinstance(value, list | tuple):
            raise PolicyError(f"{path}.questions", f"must be a list of codes, got {value!r}")
        if len(value) > MAX_QUESTIONS:
            raise PolicyError(f"{path}.questions", f"at most {MAX_QUESTIONS} questions")
        for index, code in enumerate(value):
            match = _QUESTION.fullmatch(code) if isinstance(code, str) else None
            if match is None or match.group(1) not in CONDITION_INFO:
                raise PolicyError(
                    f"{path}.questions[{index}]",
                    f"{code!r} is not a question code like {self.code}-Q1",
                )
        if len(set(value)) != len(value):
            raise PolicyError(f"{path}.questions", "a question is listed twice")
        return tuple(value)

    def _params(self, info: ConditionInfo, path: str) -> tuple[dict[str, Any], dict[str, Any]]:
        given = self.params
        if not isinstance(given, Mapping):
            raise PolicyError(f"{path}.params", f"must be a mapping, got {given!r}")
        for name in given:
            if name not in info.params:
                known = ", ".join(info.params) or "none"
                raise PolicyError(
                    f"{path}.params.{name}", f"unknown parameter (this indicator has: {known})"
                )
        params: dict[str, Any] = {}
        compiled: dict[str, Any] = {}
        for name, spec in info.params.items():
            if name in given:
                raw = spec.normalize(given[name], f"{path}.params.{name}")
            elif spec.default is REQUIRED:
                raise PolicyError(f"{path}.params.{name}", f"missing parameter ({spec.kind})")
            else:
                raw = spec.normalize(spec.default, f"{path}.params.{name}")
            params[name] = raw
            compiled[name] = spec.compile(raw)
        return params, compiled


@dataclass(frozen=True)
class Thresholds:
    """Score thresholds: medium <= score < high is medium, score >= high is high."""

    medium: int
    high: int

    def __post_init__(self) -> None:
        for name in ("medium", "high"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise PolicyError(f"thresholds.{name}", f"must be a whole number, got {value!r}")
        if self.medium <= 0:
            raise PolicyError("thresholds.medium", f"must be above 0, got {self.medium}")
        if self.medium >= self.high:
            raise PolicyError(
                "thresholds.high",
                f"must be above thresholds.medium ({self.medium}), got {self.high}",
            )
        if self.high > 100:
            raise PolicyError("thresholds.high", f"must be at most 100, got {self.high}")

    def level(self, score: int) -> Level:
        if score >= self.high:
            return Level.HIGH
        if score >= self.medium:
            return Level.MEDIUM
        return Level.LOW

    def band_top(self, level: Level) -> int:
        """The highest score still inside `level`."""
        if level is Level.LOW:
            return self.medium - 1
        if level is Level.MEDIUM:
            return self.high - 1
        return 100


@dataclass(frozen=True)
class _Step:
    """One enabled indicator, ready to evaluate."""

    spec: IndicatorSpec
    function: Condition
    compiled: Mapping[str, Any]
    strong: bool
    keep: float  # 1 - weight / 100


@dataclass(frozen=True)
class Policy:
    """A validated, immutable indicator policy; `indicators` maps code -> spec and is kept
    read-only, in code order."""

    version: int
    thresholds: Thresholds
    indicators: Mapping[str, IndicatorSpec]
    _steps: tuple[_Step, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        version = self.version
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise PolicyError("version", f"must be a whole number from 1, got {version!r}")
        if not isinstance(self.thresholds, Thresholds):
            raise PolicyError("thresholds", "must be a Thresholds")
        if not isinstance(self.indicators, Mapping):
            raise PolicyError("indicators", "must be a mapping of code -> indicator")
        by_code: dict[str, IndicatorSpec] = {}
        for code in sorted(self.indicators):
            spec = self.indicators[code]
            if not isinstance(spec, IndicatorSpec) or spec.code != code:
                raise PolicyError(f"indicators.{code}", f"is not the indicator {code}: {spec!r}")
            by_code[code] = spec
        object.__setattr__(self, "indicators", MappingProxyType(by_code))
        steps = tuple(
            _Step(
                spec,
                CONDITIONS[spec.code],
                spec.compiled,
                spec.strength == STRONG,
                1.0 - spec.weight / 100.0,
            )
            for spec in by_code.values()
            if spec.enabled
        )
        object.__setattr__(self, "_steps", steps)

    def indicator(self, code: str) -> IndicatorSpec:
        """The indicator with this code (KeyError if the policy has none)."""
        return self.indicators[code]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.indicators)


@dataclass(frozen=True)
class PolicyChange:
    """One field that differs between two policies (None where it is absent)."""

    path: str  # dotted field path, e.g. "indicators.D05.weight"
    old: Any
    new: Any

    @property
    def field(self) -> str:
        return self.path


# ---------------------------------------------------------------------------------------
# Loading, dumping, diffing

_TOP_KEYS = ("version", "thresholds", "indicators")
_INDICATOR_REQUIRED = ("title", "explanation", "weight", "strength", "legal_basis", "evidence")
_INDICATOR_OPTIONAL = ("enabled", "deep_interview", "params", "questions")


def _check_keys(value: Any, path: str, required: Iterable[str], optional: Iterable[str]) -> None:
    if not isinstance(value, Mapping):
        raise PolicyError(path, f"must be a mapping, got {value!r}")
    allowed = (*required, *optional)
    for key in value:
        if key not in allowed:
            where = f"{path}.{key}" if path else str(key)
            raise PolicyError(where, f"unknown field (allowed: {', '.join(allowed)})")
    for key in required:
        if key not in value:
            raise PolicyError(f"{path}.{key}" if path else key, "missing field")


def policy_from_data(data: Mapping[str, Any]) -> Policy:
    """A validated `Policy` from plain data (parsed YAML, or JSON from the database)."""
    _check_keys(data, "", _TOP_KEYS, ())
    thresholds = data["thresholds"]
    _check_keys(thresholds, "thresholds", ("medium", "high"), ())
    indicators = data["indicators"]
    if not isinstance(indicators, Mapping) or not indicators:
        raise PolicyError("indicators", "must be a non-empty mapping of code -> indicator")
    specs = []
    for code, item in indicators.items():
        path = f"indicators.{code}"
        if not isinstance(code, str) or code not in CONDITION_INFO:
            raise PolicyError(path, f"unknown indicator code {code!r} (known: {_KNOWN_CODES})")
        _check_keys(item, path, _INDICATOR_REQUIRED, _INDICATOR_OPTIONAL)
        specs.append(
            IndicatorSpec(
                code=code,
                title=item["title"],
                explanation=item["explanation"],
                weight=item["weight"],
                strength=item["strength"],
                evidence=item["evidence"],
                legal_basis=item["legal_basis"],
                questions=item.get("questions", ()) or (),
                params=item.get("params", {}) or {},
                enabled=item.get("enabled", True),
                deep_interview=item.get("deep_interview", False),
            )
        )
    return Policy(
        version=data["version"],
        thresholds=Thresholds(medium=thresholds["medium"], high=thresholds["high"]),
        indicators={spec.code: spec for spec in specs},
    )


def load_policy(text: str) -> Policy:
    """A validated `Policy` from YAML text."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        raise PolicyError("", f"not valid YAML: {error}") from None
    if not isinstance(data, Mapping):
        raise PolicyError("", "the policy must be a YAML mapping (version, thresholds, indicators)")
    return policy_from_data(data)


def load_policy_file(path: Path = POLICY_FILE) -> Policy:
    return load_policy(path.read_text(encoding="utf-8"))


def policy_to_data(policy: Policy) -> dict[str, Any]:
    """Plain data (JSON- and YAML-safe) that `policy_from_data` turns back into `policy`."""
    indicators: dict[str, Any] = {}
    for spec in policy.indicators.values():
        info = CONDITION_INFO[spec.code]
        indicators[spec.code] = {
            "title": dict(spec.title),
            "explanation": dict(spec.explanation),
            "weight": spec.weight,
            "strength": spec.strength,
            "enabled": spec.enabled,
            "deep_interview": spec.deep_interview,
            "params": {
                name: info.params[name].to_data(value) for name, value in spec.params.items()
            },
            "legal_basis": dict(spec.legal_basis),
            "questions": list(spec.questions),
            "evidence": dict(spec.evidence),
        }
    return {
        "version": policy.version,
        "thresholds": {"medium": policy.thresholds.medium, "high": policy.thresholds.high},
        "indicators": indicators,
    }


def dump_policy(policy: Policy) -> str:
    """The policy as YAML text (`load_policy` reads it back to an equal policy)."""
    return yaml.dump(
        policy_to_data(policy),
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )


def _flatten(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping) and value:
        for key, item in value.items():
            _flatten(item, f"{path}.{key}" if path else str(key), out)
    else:
        out[path] = value


def diff_policies(old: Policy, new: Policy) -> list[PolicyChange]:
    """The fields that differ, in a stable order (lists compare as a whole)."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    _flatten(policy_to_data(old), "", before)
    _flatten(policy_to_data(new), "", after)
    changes = []
    for path in dict.fromkeys([*before, *after]):
        if before.get(path) != after.get(path):
            changes.append(PolicyChange(path, before.get(path), after.get(path)))
    return changes


# ---------------------------------------------------------------------------------------
# Assessing


def assess(ctx: ScreeningContext, policy: Policy) -> Assessment:
    """Evaluate every enabled indicator of `policy` on `ctx` (see the module docstring)."""
    fired: list[tuple[_Step, dict[str, str]]] = []
    any_strong = False
    strong_keep = 1.0
    escalated: set[str] = set()
    for step in policy._steps:
        values = step.function(ctx, step.compiled)
        if values is not None:
            if values.pop(ESCALATED, None):
                escalated.add(step.spec.code)
            fired.append((step, values))
            if step.strong or step.spec.code in escalated:
                any_strong = True
                strong_keep *= step.keep
    if not any_strong:
        return Assessment(
            0, Level.LOW, RecommendedAction.STANDARD, (), policy.version, _notes(ctx, ())
        )
    thresholds = policy.thresholds
    keep = 1.0
    forced = False
    hits = []
    for step, values in fired:
        keep *= step.keep
        spec = step.spec
        forced = forced or spec.deep_interview or spec.code in escalated
        templates = spec.templates
        hits.append(
            Hit(
                code=spec.code,
                weight=spec.weight,
                strength="strong" if spec.code in escalated else spec.strength,
                evidence={
                    language: _fill(templates[language], values, language) for language in LANGUAGES
                },
                title=spec.title,
                legal_basis=spec.legal_basis,
                questions=spec.questions,
            )
        )
    strong_score = _score(strong_keep)
    # Fairness guard: weak hits move the score only inside the strong hits' level band.
    level = thresholds.level(strong_score)
    score = min(_score(keep), thresholds.band_top(level))
    action = (
        RecommendedAction.DEEP_INTERVIEW
        if level is Level.HIGH or forced
        else RecommendedAction.STANDARD
    )
    return Assessment(
        score, level, action, tuple(hits), policy.version, _notes(ctx, [h.code for h in hits])
    )


def _notes(ctx: ScreeningContext, fired: Collection[str]) -> tuple[Reason, ...]:
    """The providers' notes whose indicator did not fire, each once, in their order."""
    notes: dict[Reason, None] = {}
    for facts in ctx.facts.values():
        for fact in facts:
            if isinstance(fact, Note) and fact.indicator not in fired:
                notes.setdefault(fact.reason)
    return tuple(notes)


def _score(keep: float) -> int:
    return min(100, max(0, int(100.0 * (1.0 - keep) + 0.5)))


# ---------------------------------------------------------------------------------------
# Building a context from intake records


class ApplicantFacts(Protocol):
    """What screening reads of the applicant as intake records it (the applications app's
    `ApplicantRecord` is one): the domain states what it needs, the app above provides it."""

    @property
    def nik(self) -> str: ...
    @property
    def sex(self) -> str: ...
    @property
    def birth_date(self) -> dt.date: ...
    @property
    def village_code(self) -> str: ...
    @property
    def occupation(self) -> str: ...
    @property
    def education(self) -> str: ...
    @property
    def marital_status(self) -> str: ...


class ApplicationFacts(Protocol):
    """What screening reads of the application as intake records it (`ApplicationRecord`)."""

    @property
    def application_no(self) -> str: ...
    @property
    def submitted_on(self) -> dt.date: ...
    @property
    def application_type(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def destination_country(self) -> str: ...
    @property
    def intended_departure(self) -> dt.date | None: ...
    @property
    def return_ticket(self) -> str: ...
    @property
    def itinerary(self) -> str: ...
    @property
    def funds_source(self) -> str: ...
    @property
    def documents(self) -> Sequence[str]: ...
    @property
    def disnaker_recommendation_no(self) -> str: ...
    @property
    def employer_name(self) -> str: ...
    @property
    def recruiter_name(self) -> str: ...
    @property
    def recruiter_license_no(self) -> str: ...
    @property
    def sponsor_name(self) -> str: ...
    @property
    def sponsor_phone(self) -> str: ...
    @property
    def sponsor_relation(self) -> str: ...
    @property
    def sponsor_address(self) -> str: ...
    @property
    def companion_name(self) -> str: ...
    @property
    def companion_phone(self) -> str: ...
    @property
    def companion_relation(self) -> str: ...
    @property
    def previous_passport_no(self) -> str: ...


def context_from_records(
    applicant: ApplicantFacts,
    application: ApplicationFacts,
    *,
    office_regencies: Collection[str],
    nik_valid: bool,
    nik_regency: str,
    nik_mismatches: Iterable[str],
    other_open_applications: int = 0,
    holds_valid_passport: bool = False,
    facts: Mapping[str, Iterable[Fact]] | None = None,
) -> ScreeningContext:
    """The screening context of one application, from the plain records of intake and the
    facts known about its history and from providers (fact name -> facts)."""
    village = applicant.village_code.strip()
    parts = village.split(".")
    return ScreeningContext(
        application_no=application.application_no,
        submitted_on=application.submitted_on,
        application_type=application.application_type or "new",
        purpose=application.purpose,
        destination_country=application.destination_country.strip().upper(),
        intended_departure=application.intended_departure,
        return_ticket=(application.return_ticket or "unknown").strip().lower(),
        itinerary=application.itinerary or "",
        funds_source=application.funds_source or "",
        documents=frozenset(code.strip() for code in application.documents if code.strip()),
        disnaker_recommendation_no=(application.disnaker_recommendation_no or "").strip(),
        employer_name=application.employer_name or "",
        recruiter_name=application.recruiter_name or "",
        recruiter_license_no=(application.recruiter_license_no or "").strip(),
        sponsor_name=application.sponsor_name or "",
        sponsor_phone=application.sponsor_phone or "",
        sponsor_relation=application.sponsor_relation or "",
        sponsor_address=application.sponsor_address or "",
        companion_name=application.companion_name or "",
        companion_phone=application.companion_phone or "",
        companion_relation=application.companion_relation or "",
        previous_passport_no=(application.previous_passport_no or "").strip(),
        nik=applicant.nik,
        sex=applicant.sex,
        birth_date=applicant.birth_date,
        occupation=applicant.occupation or "",
        education=applicant.education or "",
        marital_status=applicant.marital_status or "",
        address_regency=".".join(parts[:2]) if len(parts) >= 2 else "",
        address_district=".".join(parts[:3]) if len(parts) >= 3 else "",
        nik_valid=nik_valid,
        nik_regency=nik_regency if nik_valid else "",
        nik_mismatches=tuple(nik_mismatches),
        office_regencies=frozenset(office_regencies),
        other_open_applications=max(0, other_open_applications),
        holds_valid_passport=holds_valid_passport,
        facts=MappingProxyType(
            {
                name: (lines,) if isinstance(lines, str | RaisedIndicator) else tuple(lines)
                for name, lines in (facts or {}).items()
                if lines
            }
        ),
    )


# ---------------------------------------------------------------------------------------
# Helpers for conditions


@functools.cache
def _country_names(code: str) -> tuple[str, str]:
    """(Indonesian, English) name of a country with its code, e.g. "Arab Saudi (SA)"."""
    country = pycountry.countries.get(alpha_2=code) if _COUNTRY.fullmatch(code) else None
    if country is None:
        return code or "-", code or "-"
    english = getattr(country, "common_name", None) or country.name
    catalog = gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=["id"], fallback=True
    )
    return f"{catalog.gettext(english)} ({code})", f"{english} ({code})"


def _destination(ctx: ScreeningContext) -> dict[str, str]:
    indonesian, english = _country_names(ctx.destination_country)
    return {"destination_id": indonesian, "destination_en": english, "destination": english}


def _quote(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return f"\u201c{text}\u201d"


def _both(indonesian: str, english: str) -> dict[str, str]:
    return {"detail_id": indonesian, "detail_en": english, "detail": english}


def _search(pattern: re.Pattern[str] | None, *texts: str) -> str | None:
    """The first keyword match in any of `texts`, or None."""
    if pattern is None:
        return None
    for text in texts:
        if text:
            match = pattern.search(text)
            if match:
                return match.group(0)
    return None


def _vague_itinerary(itinerary: str, params: Mapping[str, Any]) -> bool:
    """No itinerary, too short to name a place and a time, or a known vague phrase
    without any number (days, dates) in it."""
    text = itinerary.strip()
    if not text or len(text.split()) < params["min_itinerary_words"]:
        return True
    has_number = any(ch.isdigit() for ch in text)
    return not has_number and _search(params["vague_keywords"], text) is not None


def _missing(documents: frozenset[str], required: Iterable[str]) -> list[str]:
    return sorted(code for code in required if code not in documents)


def interview_codes(ctx: ScreeningContext) -> dict[str, list[str]]:
    """Indicators raised at the interview: code -> notes (see the module docstring)."""
    raised: dict[str, list[str]] = {}
    for fact in ctx.facts.get("interview", ()):
        if isinstance(fact, RaisedIndicator) and _CODE.fullmatch(fact.code):
            notes = raised.setdefault(fact.code, [])
            if fact.note.strip():
                notes.append(fact.note.strip())
    return raised


def _from_interview(ctx: ScreeningContext, code: str) -> dict[str, str] | None:
    if "interview" not in ctx.facts:
        return None
    notes = interview_codes(ctx).get(code)
    if notes is None:
        return None
    text = "; ".join(notes)
    return _both(
        f"dicatat pewawancara: {text}" if text else "dicatat pewawancara",
        f"noted by the interviewer: {text}" if text else "noted by the interviewer",
    )


def _fact_lines(ctx: ScreeningContext, name: str) -> str | None:
    lines = [line for line in ctx.facts.get(name, ()) if isinstance(line, str)]
    return "; ".join(lines) if lines else None


def _facts_in_words(
    ctx: ScreeningContext, name: str, words: Callable[[Reason, str], str]
) -> tuple[str, str] | None:
    """The facts under `name` in Indonesian and in English: plain lines as given, typed
    facts put into words by `words`; None without any."""
    typed = [fact for fact in ctx.facts.get(name, ()) if isinstance(fact, Reason)]
    plain = _fact_lines(ctx, name)
    if not (plain or typed):
        return None
    indonesian, english = (
        "; ".join([*([plain] if plain else []), *(words(r, lang) for r in typed)])
        for lang in LANGUAGES
    )
    return indonesian, english


def _first_trip(ctx: ScreeningContext) -> bool:
    return (
        ctx.application_type == "new"
        and not ctx.previous_passport_no
        and "paspor_lama" not in ctx.documents
    )


def _work_hint(ctx: ScreeningContext, params: Mapping[str, Any]) -> dict[str, str] | None:
    """Signs of a job on an application whose purpose is not work."""
    if ctx.employer_name.strip():
        name = _quote(ctx.employer_name)
        return _both(f"pemberi kerja disebut: {name}", f"an employer is named: {name}")
    if ctx.recruiter_name.strip():
        name = _quote(ctx.recruiter_name)
        return _both(f"perekrut disebut: {name}", f"a recruiter is named: {name}")
    exclude = params.get("exclude_keywords")
    for text, where_id, where_en in (
        (ctx.itinerary, "rencana perjalanan", "itinerary"),
        (ctx.sponsor_relation, "hubungan dengan penjamin", "relation to the sponsor"),
    ):
        if not text:
            continue
        if exclude is not None:
            text = exclude.sub(" ", text)
        found = _search(params["work_keywords"], text)
        if found:
            word = _quote(found)
            return _both(f"{where_id} menyebut {word}", f"the {where_en} says {word}")
    return None


_PURPOSE_NAMES = {
    "tourism": ("wisata", "tourism"),
    "umrah": ("umrah", "umrah"),
    "hajj": ("haji", "hajj"),
    "work": ("bekerja", "work"),
    "study": ("studi", "study"),
    "internship": ("magang", "internship"),
    "family_visit": ("kunjungan keluarga", "family visit"),
    "medical": ("berobat", "medical treatment"),
    "business": ("bisnis", "business"),
    "seafarer": ("pelaut", "seafarer"),
    "other": ("lainnya", "other"),
}


def _purpose(ctx: ScreeningContext) -> dict[str, str]:
    indonesian, english = _PURPOSE_NAMES.get(ctx.purpose, (ctx.purpose, ctx.purpose))
    return {"purpose_id": indonesian, "purpose_en": english, "purpose": english}


_DOCUMENT_NAMES = {
    "ktp": ("KTP", "ID card (KTP)"),
    "kk": ("KK", "family card (KK)"),
    "akta_lahir": ("akta kelahiran", "birth certificate"),
    "ijazah": ("ijazah", "school diploma"),
    "buku_nikah": ("buku nikah", "marriage book"),
    "surat_baptis": ("surat baptis", "baptism letter"),
    "paspor_lama": ("paspor lama", "old passport"),
    "rekomendasi_disnaker": ("rekomendasi paspor Disnaker", "Disnaker passport recommendation"),
    "sarkes": ("surat keterangan sehat", "health certificate"),
    "ppiu_letter": ("surat PPIU/PIHK", "PPIU/PIHK organiser letter"),
    "surat_jaminan": ("surat jaminan", "guarantee letter"),
    "loa": ("surat penerimaan/rekomendasi (LoA)", "letter of acceptance/recommendation (LoA)"),
    "buku_pelaut": ("buku pelaut", "seaman's book"),
    "bst": ("sertifikat BST", "BST certificate"),
    "kontrak_kerja": ("kontrak kerja", "work contract"),
    "izin_keluarga": ("izin suami/istri/orang tua/wali", "spouse/parent/guardian permit"),
    "tiket_pulang": ("tiket pulang", "return ticket"),
    "sertifikat_kompetensi": ("sertifikat kompetensi", "certificate of competence"),
    "rekomendasi_kemnaker": ("rekomendasi Kemnaker", "Kemnaker recommendation"),
}


def _purpose_documents_missing(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """For the purposes in `p`, the required documents not presented (D08, D15)."""
    if ctx.purpose not in p["purposes"]:
        return None
    missing = _missing(ctx.documents, p["required_documents"])
    return _documents(missing) if missing else None


def _documents(codes: Iterable[str]) -> dict[str, str]:
    names = [_DOCUMENT_NAMES.get(code, (code, code)) for code in codes]
    return {
        "missing_id": ", ".join(name[0] for name in names),
        "missing_en": ", ".join(name[1] for name in names),
        "missing": ", ".join(name[1] for name in names),
    }


def _ticket(ctx: ScreeningContext) -> dict[str, str]:
    if ctx.return_ticket == "no":
        return {
            "return_ticket_id": "tidak ada",
            "return_ticket_en": "none",
            "return_ticket": "none",
        }
    return {
        "return_ticket_id": "belum jelas",
        "return_ticket_en": "not known",
        "return_ticket": "not known",
    }


def _itinerary(ctx: ScreeningContext) -> dict[str, str]:
    if not ctx.itinerary.strip():
        return {"itinerary_id": "kosong", "itinerary_en": "empty", "itinerary": "empty"}
    return {"itinerary": _quote(ctx.itinerary)}


# ---------------------------------------------------------------------------------------
# The conditions, D01-D28 (docs/indicators.md)

_PURPOSES = ChoicesParam(PURPOSES)
_DOCUMENT_LIST = ChoicesParam(DOCUMENT_CODES)


@condition(
    "D01",
    params={
        "purposes": _PURPOSES,
        "vague_keywords": KeywordsParam(),
        "min_itinerary_words": IntParam(0, 20),
        "deep_countries": CountriesParam(default=()),
    },
    placeholders=("destination", "itinerary", "return_ticket"),
)
def tourism_without_plan(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """A tourist with neither a concrete itinerary nor a return ticket; to one of the
    `deep_countries` (where placing domestic workers is banned, so a "tourist visa" is the
    way in) it calls for the deep interview."""
    if ctx.purpose not in p["purposes"]:
        return None
    if ctx.return_ticket == "yes" or "tiket_pulang" in ctx.documents:
        return None
    if not _vague_itinerary(ctx.itinerary, p):
        return None
    values = {**_destination(ctx), **_itinerary(ctx), **_ticket(ctx)}
    if ctx.destination_country in p.get("deep_countries", ()):
        values[ESCALATED] = "yes"
    return values


@condition(
    "D02",
    params={
        "work_purposes": _PURPOSES,
        "hint_purposes": _PURPOSES,
        "work_keywords": KeywordsParam(),
        "exclude_keywords": KeywordsParam(),
        "former_migrant_keywords": KeywordsParam(default=()),
        "former_migrant_purposes": ChoicesParam(PURPOSES, default=()),
    },
    placeholders=("purpose", "detail"),
)
def work_without_recommendation(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """Work intent (purpose work, or a job hint on another purpose) without a Disnaker
    passport recommendation number.

    An occupation that names migrant work (`former_migrant_keywords`: "TKW", "eks PMI") on a
    trip for one of `former_migrant_purposes` is such a hint in the applicant's own words:
    a returnee who goes abroad again as a tourist or visitor goes outside the placement
    system. Pilgrimages are left out of that list on purpose: returnees often spend their
    savings on an umrah."""
    if ctx.disnaker_recommendation_no:
        return None
    if ctx.purpose in p["work_purposes"]:
        return {
            **_purpose(ctx),
            **_both("tujuan permohonan adalah bekerja", "work is the stated purpose"),
        }
    if ctx.purpose in p["hint_purposes"]:
        hint = _work_hint(ctx, p)
        if hint is not None:
            return {**_purpose(ctx), **hint}
    if ctx.purpose in p.get("former_migrant_purposes", ()):
        found = _search(p.get("former_migrant_keywords"), ctx.occupation)
        if found:
            job = _quote(ctx.occupation)
            return {
                **_purpose(ctx),
                **_both(f"pekerjaan ditulis {job}", f"the occupation is given as {job}"),
            }
    return None


# What the Disnaker register (or the Disnaker's answer) says against a recommendation:
# the typed "disnaker_unverified" facts (waspada.domain.recommendations), per language.
RECOMMENDATION_EVIDENCE: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "revoked": ("rekomendasi telah dicabut oleh Disnaker", "revoked by Disnaker"),
        "other_person_nik": (
            "terdaftar untuk NIK lain ({nik})",
            "registered for another NIK ({nik})",
        ),
        "other_person_name": (
            "terdaftar atas nama orang lain ({name})",
            "registered in another person's name ({name})",
        ),
        "other_destination": (
            "terdaftar untuk negara tujuan {country}, bukan {claimed}",
            "registered for destination {country}, not {claimed}",
        ),
        "other_p3mi": (
            "terdaftar untuk P3MI lain ({p3mi}), bukan {claimed}",
            "registered for another P3MI ({p3mi}), not {claimed}",
        ),
        "expired": (
            "masa berlakunya habis pada {valid_until}, sebelum tanggal permohonan",
            "it expired on {valid_until}, before the application date",
        ),
        "not_yet_issued": (
            "baru diterbitkan pada {issued_on}, setelah tanggal permohonan",
            "issued only on {issued_on}, after the application date",
        ),
        "not_in_register": (
            "tidak ada di register {agency}, yang dinyatakan lengkap untuk {start} s.d. {end}",
            "not in the register of {agency}, declared complete from {start} to {end}",
        ),
        "answered_not_issued": (
            "{agency} menjawab: tidak pernah diterbitkan{note}",
            "{agency} answered: never issued{note}",
        ),
        "answered_revoked": (
            "{agency} menjawab: telah dicabut{note}",
            "{agency} answered: revoked{note}",
        ),
    }
)


def _worded(
    table: Mapping[str, tuple[str, str]],
    reason: Reason,
    lang: str,
    complete: Callable[[dict[str, str], str], None],
) -> str:
    """A typed fact put into words from `table` (Indonesian, English) in `lang`, its
    parameters completed by `complete`; its code when the code is unknown."""
    words = table.get(reason.code)
    if words is None:
        return reason.code
    params = {name: str(value) for name, value in reason.params}
    complete(params, lang)
    template = words[0] if lang == "id" else words[1]
    return _PLACEHOLDER.sub(lambda m: params.get(m.group(1), "-"), template)


def _recommendation_params(params: dict[str, str], lang: str) -> None:
    params["note"] = f" ({params['note']})" if params.get("note") else ""
    if not params.get("agency"):  # answered by the office itself (no Disnaker to ask)
        params["agency"] = "kantor imigrasi" if lang == "id" else "the office"


def recommendation_evidence(reason: Reason, lang: str) -> str:
    """One typed D03 fact in `lang` ("id" or "en"); its code when the code is unknown."""
    return _worded(RECOMMENDATION_EVIDENCE, reason, lang, _recommendation_params)


@condition(
    "D03",
    params={
        "number_pattern": RegexParam(),
        "max_age_years": IntParam(0, 10),
        "min_age": IntParam(0, 30),
    },
    placeholders=("number", "detail"),
)
def recommendation_unverifiable(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """A recommendation the register contradicts, or a number that cannot be genuine.

    Only positive evidence counts: the register says no ("disnaker_unverified" facts), the
    number does not have the form of a number at all, its year does not fit, or the
    applicant is too young for any recommendation. A number the office's register does
    not know is not evidence - the register may be empty or late - and is verified instead.
    """
    number = ctx.disnaker_recommendation_no
    typed = [fact for fact in ctx.facts.get("disnaker_unverified", ()) if isinstance(fact, Reason)]
    if typed:
        return {
            "number": _quote(number or "-"),
            **_both(
                *("; ".join(recommendation_evidence(r, lang) for r in typed) for lang in LANGUAGES)
            ),
        }
    unverified = _fact_lines(ctx, "disnaker_unverified")
    if unverified:
        return {"number": _quote(number or "-"), **_both(unverified, unverified)}
    if not number:
        return None
    values = {"number": _quote(number)}
    if p["number_pattern"].fullmatch(number) is None:
        return {
            **values,
            **_both(
                "bentuk nomornya tidak sesuai format rekomendasi Disnaker",
                "the number does not have the form of a Disnaker recommendation",
            ),
        }
    years = _YEAR_IN_NUMBER.findall(number)
    submitted = ctx.submitted_on.year
    if years:
        year = int(years[-1])
        if year > submitted or year < submitted - p["max_age_years"]:
            return {
                **values,
                **_both(
                    f"tahun {year} tidak cocok dengan tanggal permohonan ({submitted})",
                    f"the year {year} does not fit the application date ({submitted})",
                ),
            }
    if ctx.age < p["min_age"]:
        return {
            **values,
            **_both(
                f"pemohon baru berusia {ctx.age} tahun; Disnaker tidak menerbitkan rekomendasi "
                f"untuk usia di bawah {p['min_age']} tahun",
                f"the applicant is only {ctx.age}; Disnaker issues no recommendation under "
                f"{p['min_age']}",
            ),
        }
    return None


@condition(
    "D04",
    params={
        "purposes": _PURPOSES,
        "young_age_limit": IntParam(0, 60),
        "vague_keywords": KeywordsParam(),
        "min_itinerary_words": IntParam(0, 20),
    },
    placeholders=("age", "destination"),
    demographic="age",
)
def young_first_trip_vague(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """Young, first passport, and no clear idea of the destination (weak: age-based)."""
    if ctx.purpose not in p["purposes"] or ctx.age > p["young_age_limit"]:
        return None
    if not _first_trip(ctx) or not _vague_itinerary(ctx.itinerary, p):
        return None
    return {"age": str(ctx.age), **_destination(ctx)}


@condition(
    "D05",
    params={
        "countries": CountriesParam(),
        "work_purposes": _PURPOSES,
        "domestic_keywords": KeywordsParam(),
        "household_employer_keywords": KeywordsParam(),
        "profile_purposes": ChoicesParam(PURPOSES, default=()),
        "exclude_keywords": KeywordsParam(default=()),
        "former_migrant_keywords": KeywordsParam(default=()),
    },
    placeholders=("destination", "occupation"),
)
def domestic_work_to_banned_country(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """Domestic work for a household in a Kepmenaker 260/2015 country.

    For work, the occupation, itinerary or employer says so; for the other purposes listed
    in `profile_purposes` (a "tourist" or "visitor" whose occupation is domestic work) the
    occupation alone does, and so does an occupation that names earlier migrant work
    (`former_migrant_keywords`: most who worked in these countries did household work, and a
    returnee who goes back as a "tourist" goes back outside the placement system).
    `exclude_keywords` take out look-alike words first (a housewife, "ibu rumah tangga", is
    not a domestic worker).
    """
    if ctx.destination_country not in p["countries"]:
        return None
    found: str | None = None
    exclude = p.get("exclude_keywords")
    texts: tuple[str, ...] = ()
    if ctx.purpose in p["work_purposes"]:
        texts = (ctx.occupation, ctx.itinerary, ctx.employer_name)
    elif ctx.purpose in p.get("profile_purposes", ()):
        texts = (ctx.occupation,)
    # A housewife going to *work* in such a country is a domestic-work profile all the same.
    profile_only = ctx.purpose not in p["work_purposes"]
    for text in texts:
        cleaned = exclude.sub(" ", text) if profile_only and exclude is not None and text else text
        if _search(p["domestic_keywords"], cleaned) or (
            profile_only and _search(p.get("former_migrant_keywords"), text)
        ):
            found = text
            break
    if found is None and _search(p["household_employer_keywords"], ctx.employer_name):
        found = ctx.employer_name
    if found is None:
        return None
    return {**_destination(ctx), "occupation": _quote(found)}


@condition(
    "D06",
    params={
        "countries": CountriesParam(),
        "work_purposes": _PURPOSES,
        "work_keywords": KeywordsParam(),
        "exclude_keywords": KeywordsParam(),
        "company_funds_keywords": KeywordsParam(),
        "company_funds_purposes": _PURPOSES,
        "scam_hubs": KeywordsParam(),
    },
    placeholders=("destination", "detail"),
)
def job_offer_no_agreement_country(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """Any work hint for Cambodia, Myanmar, Laos or Thailand (no placement agreement)."""
    if ctx.destination_country not in p["countries"]:
        return None
    if ctx.purpose in p["work_purposes"]:
        return {
            **_destination(ctx),
            **_both("tujuan permohonan adalah bekerja", "work is the stated purpose"),
        }
    hint = _work_hint(ctx, p)
    if hint is None and ctx.purpose in p["company_funds_purposes"]:
        found = _search(p["company_funds_keywords"], ctx.funds_source)
        if found:
            funds = _quote(ctx.funds_source)
            hint = _both(f"biaya perjalanan: {funds}", f"the trip is paid as: {funds}")
    if hint is None:
        found = _search(p["scam_hubs"], ctx.itinerary, ctx.employer_name)
        if found:
            hint = _both(
                f"{_quote(found)} dikenal sebagai pusat penipuan daring (online scam)",
                f"{_quote(found)} is a known online-scam hub",
            )
    if hint is None:
        return None
    return {**_destination(ctx), **hint}


@condition(
    "D07",
    params={
        "purposes": _PURPOSES,
        "letter_documents": _DOCUMENT_LIST,
        "organiser_keywords": KeywordsParam(),
    },
    placeholders=("purpose", "destination"),
)
def pilgrimage_without_organiser(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """Umrah/hajj with no PPIU/PIHK letter and no licensed organiser named anywhere."""
    if ctx.purpose not in p["purposes"]:
        return None
    if any(code in ctx.documents for code in p["letter_documents"]):
        return None
    texts = (ctx.sponsor_name, ctx.sponsor_relation, ctx.itinerary)
    if _search(p["organiser_keywords"], *texts):
        return None
    return {**_purpose(ctx), **_destination(ctx)}


@condition(
    "D08",
    params={
        "purposes": _PURPOSES,
        "required_documents": _DOCUMENT_LIST,
        "arranged_purposes": ChoicesParam(PURPOSES, default=()),
        "arranger_keywords": KeywordsParam(default=()),
    },
    placeholders=("purpose", "missing"),
)
def internship_without_recommendation(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """An internship without the documents it needs; so is a "study" (`arranged_purposes`)
    arranged by a recruiter - a recruiter named, or the sponsor described as an agent or a
    training centre (`arranger_keywords`): "study while working" schemes are internships
    without the name. Real students name a university, a scholarship or their parents."""
    purposes = p["purposes"]
    if ctx.purpose in p.get("arranged_purposes", ()) and (
        ctx.recruiter_name.strip()
        or _search(p.get("arranger_keywords"), ctx.sponsor_relation, ctx.sponsor_name)
    ):
        purposes = (*purposes, ctx.purpose)
    missing = _purpose_documents_missing(ctx, {**p, "purposes": purposes})
    return {**_purpose(ctx), **missing} if missing is not None else None


@condition(
    "D09",
    params={
        "purposes": _PURPOSES,
        "letter_documents": _DOCUMENT_LIST,
        "non_kin_keywords": KeywordsParam(default=()),
        "deep_countries": CountriesParam(default=()),
    },
    placeholders=("detail",),
)
def family_visit_unverified(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """A family visit without a guarantee letter, or without a relative who can be reached.

    Two calls for the deep interview: the person "visited" is described as no relative at
    all (`non_kin_keywords`: a friend, a neighbour, a boss), or there is no guarantee letter
    for a visit to one of `deep_countries` (where placing domestic workers is banned, so a
    visit visa is the way in)."""
    if ctx.purpose not in p["purposes"]:
        return None
    problems: list[tuple[str, str]] = []
    escalate = False
    non_kin = _search(p.get("non_kin_keywords"), ctx.sponsor_relation)
    if non_kin:
        word = _quote(ctx.sponsor_relation)
        problems.append(
            (
                f"yang dikunjungi disebut {word}, bukan kerabat",
                f"the person visited is a {word}, no relative",
            )
        )
        escalate = True
    missing = _missing(ctx.documents, p["letter_documents"])
    if missing:
        names = _documents(missing)
        problems.append((f"tidak ada {names['missing_id']}", f"no {names['missing_en']}"))
        escalate = escalate or ctx.destination_country in p.get("deep_countries", ())
    if not ctx.sponsor_name.strip():
        problems.append(("nama kerabat yang dikunjungi kosong", "the relative is not named"))
    if not ctx.sponsor_phone.strip():
        problems.append(("nomor telepon kerabat kosong", "no phone number for the relative"))
    if not problems:
        return None
    values = _both("; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems))
    if escalate:
        values[ESCALATED] = "yes"
    return values


@condition("D10", placeholders=("regency",), demographic="region")
def outside_working_area(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """The KTP address is outside the office's working area (weak: region-based)."""
    if not ctx.office_regencies or not ctx.address_regency:
        return None
    if ctx.address_regency in ctx.office_regencies:
        return None
    return {"regency": ctx.address_regency}


@condition(
    "D11",
    params={
        "window_days": IntParam(1, 365),
        "held_passport_exempt_types": ChoicesParam(APPLICATION_TYPES),
    },
    placeholders=("detail",),
)
def duplicate_or_held_passport(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """Another open application of the same NIK, or a valid passport that is not declared
    as being replaced. `window_days` is for the context builder (duplicates counted)."""
    problems: list[tuple[str, str]] = []
    if ctx.other_open_applications:
        count = ctx.other_open_applications
        problems.append(
            (
                f"{count} permohonan lain dengan NIK yang sama masih berjalan",
                f"{count} other open application(s) with the same NIK",
            )
        )
    if ctx.holds_valid_passport and not (
        ctx.application_type in p["held_passport_exempt_types"] and ctx.previous_passport_no
    ):
        problems.append(
            (
                "pemohon masih memegang paspor yang berlaku dan tidak mengajukan penggantian",
                "the applicant still holds a valid passport and does not ask to replace it",
            )
        )
    if not problems:
        return None
    return _both("; ".join(p[0] for p in problems), "; ".join(p[1] for p in problems))


# What Dukcapil answered against the identity written on an application: the typed
# "identity" facts (waspada.partners.nik_verifications), per language.
IDENTITY_EVIDENCE: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "dukcapil_no_match": (
            "{agency} ({how}, {when}, ref. {reference}): data tidak cocok untuk NIK {nik}, "
            "{name}, lahir {place} {birth}{note}",
            "{agency} ({how}, {when}, ref. {reference}): no record matches for NIK {nik}, "
            "{name}, born {place} {birth}{note}",
        ),
        "dukcapil_not_found": (
            "{agency} ({how}, {when}, ref. {reference}): NIK tidak ditemukan untuk NIK {nik}, "
            "{name}, lahir {place} {birth}{note}",
            "{agency} ({how}, {when}, ref. {reference}): the NIK is not found for NIK {nik}, "
            "{name}, born {place} {birth}{note}",
        ),
    }
)


def _identity_params(params: dict[str, str], lang: str) -> None:
    params["note"] = f" - {params['note']}" if params.get("note") else ""
    liaison, channel = params.get("liaison", ""), params.get("channel", "")
    if lang == "id":
        params["how"] = (
            f"petugas penghubung {liaison}"
            if liaison
            else "layanan daring"
            if channel == "online"
            else f"layanan {channel}"
        )
    else:
        params["how"] = f"liaison {liaison}" if liaison else f"{channel} service"


def identity_evidence(reason: Reason, lang: str) -> str:
    """One typed D12 fact in `lang` ("id" or "en"); its code when the code is unknown."""
    return _worded(IDENTITY_EVIDENCE, reason, lang, _identity_params)


@condition("D12", placeholders=("nik", "detail"))
def identity_unverified(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """An invalid NIK, or identity facts from a provider (Dukcapil, document check)."""
    worded = _facts_in_words(ctx, "identity", identity_evidence)
    if worded is not None:
        return {"nik": ctx.nik, **_both(*worded)}
    if ctx.nik_valid:
        return None
    return {
        "nik": ctx.nik or "-",
        **_both(
            "NIK tidak valid (format, kode wilayah atau tanggal lahir)",
            "the NIK is not valid (format, region code or birth date)",
        ),
    }


_FIELD_NAMES = {"birth_date": ("tanggal lahir", "birth date"), "sex": ("jenis kelamin", "sex")}


@condition(
    "D13",
    params={"deep_fields": ChoicesParam(tuple(_FIELD_NAMES), default=())},
    placeholders=("fields",),
)
def nik_contradicts_form(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """Both values are the evidence: what the form says and what the NIK says.

    A contradiction in one of `deep_fields` calls for the deep interview: the sex is coded
    in the NIK by adding 40 to the day of birth, so a form that gives the other sex is
    seldom a slip of the pen - more often somebody else's NIK."""
    if not ctx.nik_mismatches:
        return None
    written = _nik_values(ctx)
    names_id: list[str] = []
    names_en: list[str] = []
    for name in ctx.nik_mismatches:
        name_id, name_en = _FIELD_NAMES.get(name, (name, name))
        if name in written:
            declared, from_nik = written[name]
            name_id += f" (formulir {declared}, NIK {from_nik})"
            name_en += f" (form {declared}, NIK {from_nik})"
        names_id.append(name_id)
        names_en.append(name_en)
    values = {
        "fields_id": " dan ".join(names_id),
        "fields_en": " and ".join(names_en),
        "fields": " and ".join(names_en),
    }
    if any(name in p.get("deep_fields", ()) for name in ctx.nik_mismatches):
        values[ESCALATED] = "yes"
    return values


def _nik_values(ctx: ScreeningContext) -> dict[str, tuple[str, str]]:
    """Field -> (as written on the form, as the NIK encodes it) for each contradiction."""
    parsed = parse_nik(ctx.nik, today=ctx.submitted_on).parsed
    if parsed is None:
        return {}
    return {
        found.field: (found.declared, found.from_nik)
        for found in cross_check(parsed, birth_date=ctx.birth_date, sex=ctx.sex)
    }


@condition("D14", placeholders=("matches",))
def on_watchlist(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    matches = _fact_lines(ctx, "watchlist")
    return {"matches": matches} if matches else None


@condition(
    "D15",
    params={"purposes": _PURPOSES, "required_documents": _DOCUMENT_LIST},
    placeholders=("missing",),
)
def seafarer_without_documents(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    return _purpose_documents_missing(ctx, p)


@condition(
    "D16",
    params={"purposes": _PURPOSES, "third_party_keywords": KeywordsParam()},
    placeholders=("detail",),
)
def implausible_funds(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """A private trip paid by an unrelated "sponsor"; or noted at the interview."""
    noted = _from_interview(ctx, "D16")
    if noted is not None:
        return noted
    if ctx.purpose not in p["purposes"]:
        return None
    if _search(p["third_party_keywords"], ctx.funds_source):
        funds = _quote(ctx.funds_source)
        purpose = _purpose(ctx)
        return _both(
            f"perjalanan {purpose['purpose_id']} dibiayai pihak lain: {funds}",
            f"a {purpose['purpose_en']} trip paid by someone else: {funds}",
        )
    return None


@condition(
    "D17",
    params={"broker_keywords": KeywordsParam()},
    placeholders=("detail",),
)
def accompanied_by_broker(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """A known broker (provider fact), or a sponsor/companion who is described as one.

    A broker is a person: a placement company described as the applicant's "agen" is an
    organisation, whose licence D21 looks at.
    """
    facts = _fact_lines(ctx, "broker")
    if facts:
        return _both(facts, facts)
    for role_id, role_en, name, relation in (
        ("penjamin", "sponsor", ctx.sponsor_name, ctx.sponsor_relation),
        ("pendamping", "companion", ctx.companion_name, ctx.companion_relation),
    ):
        if party_is_organisation(name, relation):
            continue
        # "agen" with no name beside a placement company as recruiter: that company.
        if not name.strip() and party_is_organisation(ctx.recruiter_name, ""):
            continue
        found = _search(p["broker_keywords"], relation, name)
        if found:
            who = _quote(f"{name} ({relation})" if name and relation else name or relation)
            return _both(
                f"{role_id} {who} disebut sebagai {_quote(found)}",
                f"the {role_en} {who} is described as {_quote(found)}",
            )
    return None


RING_EVIDENCE: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "ring_member": (
            "jaringan #{ring}: {size} pemohon dari {districts} kecamatan dalam {days} hari "
            "berbagi {shared}; skor {score}",
            "ring #{ring}: {size} applicants from {districts} kecamatan in {days} days "
            "share {shared}; score {score}",
        ),
    }
)
# What a ring's members share, in words: (Indonesian, English) per kind and role.
_SHARED_WORDS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "phone": ("telepon", "phone"),
        "address": ("alamat", "address"),
        "sponsor": ("penjamin", "sponsor"),
        "companion": ("pendamping", "companion"),
        "recruiter": ("perekrut", "recruiter"),
        "employer": ("pemberi kerja", "employer"),
        "applicant": ("pemohon", "applicant"),
    }
)
# A ring reason's "shared" parameter: one value a line, "kind<TAB>roles<TAB>value" with
# the roles joined by "/" (a parameter is text or a number, see `domain.evidence`).
SHARED_SEPARATOR: Final = "\n"


def shared_param(shared: Iterable[tuple[str, Iterable[str], str]]) -> str:
    """The "shared" parameter of a ring reason from (kind, roles, value) triples."""
    return SHARED_SEPARATOR.join(
        f"{kind}\t{'/'.join(roles)}\t{value}" for kind, roles, value in shared
    )


def _shared_words(param: str, lang: str) -> str:
    at = 0 if lang == "id" else 1

    def word(code: str) -> str:
        return _SHARED_WORDS.get(code, (code, code))[at]

    described = []
    for line in filter(None, param.split(SHARED_SEPARATOR)):
        kind, _tab, rest = line.partition("\t")
        roles, _tab, value = rest.partition("\t")
        if kind == "phone":
            who = [word(r) for r in roles.split("/") if r and r != "applicant"] or [
                word("applicant")
            ]
            joined = "/".join(who)
            described.append(
                f"{word('phone')} {joined} {value}" if lang == "id" else f"{joined} phone {value}"
            )
        else:
            described.append(f"{word(kind)} {value}")
    return ", ".join(described) or ("data" if lang == "id" else "details")


def _ring_params(params: dict[str, str], lang: str) -> None:
    params["shared"] = _shared_words(params.get("shared", ""), lang)


def ring_evidence(reason: Reason, lang: str) -> str:
    """One typed D18 fact in `lang` ("id" or "en"); its code when the code is unknown."""
    return _worded(RING_EVIDENCE, reason, lang, _ring_params)


@condition("D18", placeholders=("links",))
def recruitment_ring(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    worded = _facts_in_words(ctx, "ring", ring_evidence)
    if worded is None:
        return None
    indonesian, english = worded
    return {"links_id": indonesian, "links_en": english, "links": english}


@condition(
    "D19",
    params={
        "social_media_keywords": KeywordsParam(),
        "job_keywords": KeywordsParam(),
        "pay_pattern": RegexParam(groups=("millions",)),
        "unrealistic_millions": IntParam(1, 1000),
    },
    placeholders=("detail",),
)
def social_media_job_offer(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """A job found through social media, or promised pay far above what such work earns."""
    noted = _from_interview(ctx, "D19")
    if noted is not None:
        return noted
    texts = (ctx.itinerary, ctx.recruiter_name, ctx.employer_name)
    medium = _search(p["social_media_keywords"], *texts)
    if medium and _search(p["job_keywords"], *texts):
        text = _quote(next(t for t in texts if t and medium in t))
        return _both(f"lewat media sosial: {text}", f"via social media: {text}")
    for text in texts:
        match = p["pay_pattern"].search(text) if text else None
        if match and int(match.group("millions")) >= p["unrealistic_millions"]:
            return _both(
                f"gaji yang dijanjikan tidak wajar: {_quote(match.group(0))}",
                f"unrealistic pay promised: {_quote(match.group(0))}",
            )
    return None


@condition(
    "D20",
    params={
        "debt_keywords": KeywordsParam(),
        "exclude_keywords": KeywordsParam(),
        "visit_purposes": ChoicesParam(PURPOSES, default=()),
        "wage_keywords": KeywordsParam(default=()),
    },
    placeholders=("detail",),
)
def recruiter_debt(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """The trip is financed by a loan or by a recruiter (debt bondage risk).

    On a visit (`visit_purposes`), a trip to be repaid from wages or advanced by an agent
    (`wage_keywords`) says the visitor is going to work: escalated to the deep interview."""
    noted = _from_interview(ctx, "D20")
    if noted is not None:
        return noted
    funds = ctx.funds_source
    if not funds:
        return None
    if p["exclude_keywords"] is not None and p["exclude_keywords"].search(funds):
        return None
    if _search(p["debt_keywords"], funds):
        quoted = _quote(funds)
        values = _both(f"dari pinjaman atau agen: {quoted}", f"by a loan or an agent: {quoted}")
        if ctx.purpose in p.get("visit_purposes", ()) and _search(p.get("wage_keywords"), funds):
            values[ESCALATED] = "yes"
        return values
    return None


@condition(
    "D21",
    params={
        "license_patterns": RegexMapParam((*PURPOSES, "*")),
        "licence_required_purposes": ChoicesParam(PURPOSES, default=PURPOSES),
    },
    placeholders=("recruiter", "detail"),
)
def unlicensed_recruiter(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """A recruiter the licence registry contradicts, with no licence number, or with one that
    cannot be a licence number. A licence the office's registry does not know is not
    evidence (registries are incomplete): it is verified instead."""
    if not ctx.recruiter_name.strip():
        return None
    values = {"recruiter": _quote(ctx.recruiter_name)}
    facts = _fact_lines(ctx, "recruiter_unlicensed")
    if facts:
        return {**values, **_both(facts, facts)}
    license_no = ctx.recruiter_license_no
    if not license_no:
        # A training institute (LPK) sending interns needs no placement licence: the
        # internship's control is the Kemnaker recommendation (D08).
        if ctx.purpose not in p["licence_required_purposes"]:
            return None
        return {**values, **_both("tanpa nomor izin", "no licence number")}
    patterns = p["license_patterns"]
    pattern = patterns.get(ctx.purpose, patterns.get("*"))
    if pattern is not None and not pattern.fullmatch(license_no):
        return {
            **values,
            **_both(
                f"nomor izin {_quote(license_no)} bukan bentuk nomor izin",
                f"licence number {_quote(license_no)} does not have the form of a licence",
            ),
        }
    return None


@condition(
    "D22",
    params={
        "purposes": _PURPOSES,
        "middle_east": CountriesParam(),
        "middle_east_names": KeywordsParam(),
        "transit_keywords": KeywordsParam(),
    },
    placeholders=("destination", "detail"),
)
def one_way_or_middle_east_transit(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """A one-way ticket for a short trip, or a route that transits on to the Middle East."""
    if ctx.purpose in p["purposes"] and ctx.return_ticket == "no":
        return {**_destination(ctx), **_both("tiket sekali jalan", "a one-way ticket")}
    if ctx.itinerary and _search(p["transit_keywords"], ctx.itinerary):
        place = _search(p["middle_east_names"], ctx.itinerary)
        if place and ctx.destination_country not in p["middle_east"]:
            route = _quote(ctx.itinerary)
            return {
                **_destination(ctx),
                **_both(
                    f"rute transit ke Timur Tengah: {route}", f"transit on to {place}: {route}"
                ),
            }
    return None


@condition("D23", placeholders=("detail",))
def inconsistent_statements(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    return _from_interview(ctx, "D23")


@condition("D24", placeholders=("detail",))
def fearful_or_coached(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    return _from_interview(ctx, "D24")


@condition(
    "D25",
    params={"work_purposes": _PURPOSES, "permit_documents": _DOCUMENT_LIST},
    placeholders=("missing",),
)
def no_family_permit(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    if ctx.purpose not in p["work_purposes"]:
        return None
    if any(code in ctx.documents for code in p["permit_documents"]):
        return None
    return _documents(sorted(p["permit_documents"]))


@condition(
    "D26",
    params={"min_age": IntParam(0, 30), "guardian_keywords": KeywordsParam(default=())},
    placeholders=("age",),
    demographic="age",
)
def under_age(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """Under 18: weak (age alone never counts), but strong - and a reason for the deep
    interview - when no parent or guardian travels with the child or sponsors the trip:
    that is a fact about the trip, not about who the child is."""
    if ctx.age >= p["min_age"]:
        return None
    values = {"age": str(ctx.age)}
    guardians = p.get("guardian_keywords")
    if guardians is not None and not _search(
        guardians, ctx.companion_relation, ctx.sponsor_relation
    ):
        values[ESCALATED] = "yes"
    return values


@condition(
    "D27",
    params={
        "work_purposes": _PURPOSES,
        "skilled_keywords": KeywordsParam(),
        "low_education": KeywordsParam(),
        "certificate_documents": _DOCUMENT_LIST,
    },
    placeholders=("job", "education"),
)
def skilled_claim_without_certificate(
    ctx: ScreeningContext, p: Mapping[str, Any]
) -> dict[str, str] | None:
    """A skilled job claimed with no competence certificate and schooling that does not fit."""
    if ctx.purpose not in p["work_purposes"]:
        return None
    if any(code in ctx.documents for code in p["certificate_documents"]):
        return None
    job = _search(p["skilled_keywords"], ctx.itinerary, ctx.employer_name, ctx.occupation)
    if job is None or not _search(p["low_education"], ctx.education):
        return None
    return {"job": _quote(job), "education": ctx.education}


@condition(
    "D28",
    params={"regencies": RegionsParam(), "districts": RegionsParam()},
    placeholders=("area",),
    demographic="region",
)
def from_sending_area(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
    """From a known sending area (kantong PMI): weak, never decisive."""
    if ctx.address_district in p["districts"]:
        return {"area": ctx.address_district}
    if ctx.address_regency in p["regencies"]:
        return {"area": ctx.address_regency}
    return None


# U01-U10: the exploitation indicators of the deep interview. Each fires only on the
# interview lines of its own code (see "U-indicators" in the module docstring).


def _raised_at_interview(code: str) -> Condition:
    def raised_at_interview(ctx: ScreeningContext, p: Mapping[str, Any]) -> dict[str, str] | None:
        return _from_interview(ctx, code)

    raised_at_interview.__name__ = f"raised_at_interview_{code.lower()}"
    return raised_at_interview


for _code in U_INDICATOR_CODES:
    condition(_code, placeholders=("detail",))(_raised_at_interview(_code))
