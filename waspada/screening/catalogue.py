"""The indicator catalogue (docs/indicators.md), written from the screening policy file.

The policy file is the single source of what each indicator means, weighs and asks; the
catalogue is generated from it so that the documentation can never drift from what
screening does. `waspada indicator-catalogue --out docs/indicators.md` rewrites it, and
tests/test_docs.py fails when the committed file no longer matches.

Pure: reads the two YAML files shipped with the screening app, imports no Django.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

POLICY_FILE = Path(__file__).with_name("policy.yaml")
QUESTIONS_FILE = Path(__file__).with_name("questions.yaml")

_HEADER = """\
<!-- Generated from waspada/screening/policy.yaml and questions.yaml by
     `waspada indicator-catalogue --out docs/indicators.md`; do not edit by hand. -->

# Indicator catalogue

The red-flag indicators that screening evaluates, as the policy file shipped with Waspada
defines them (version {version}). Supervisors publish later versions in the application
(Screening > Policy); the policy in force on an installation may differ from this file.

D-indicators are seen at the counter or in the interview; U-indicators are the
international exploitation indicators (UNODC, ILO forced-labour indicators) that only a deep
interview reveals. A red flag is a reason to look closer, never a verdict: every decision is
an officer's, with the reason written. See [domain.md](domain.md) for the background and
[architecture.md](architecture.md) for where screening sits.

## How an assessment is scored

- A **strong** indicator always counts when it fires. A **weak** one (signals about who the
  applicant is: age, sex, region, purpose) counts only next to a strong one, and even then
  never lifts the level or sends the applicant to the deep interview. Without a strong hit
  the result is score 0, level low, standard interview.
- Score = 100 x (1 - product of (1 - weight / 100)) over the counted hits: one hit scores
  its weight, further hits add with diminishing returns, and the score never passes 100.
- Level: **high** from {high}, **medium** from {medium}, otherwise low.
- Recommended action: `deep_interview` when the level is high or a counted indicator is
  marked "deep interview: always"; otherwise `standard`.
- Keyword lists match whole words, case-insensitive; a `*` at either end of a keyword allows
  any letters there (`*pinjam*` matches `dipinjami`).
"""


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _words(text: Any) -> str:
    return " ".join(str(text).split())


def _paragraph(text: str) -> str:
    return textwrap.fill(text, width=92, break_long_words=False, break_on_hyphens=False)


def _code_list(values: Iterable[Any]) -> str:
    return ", ".join(f"`{value}`" for value in values) or "(none)"


def _param(name: str, value: Any) -> list[str]:
    if isinstance(value, Mapping):
        lines = [f"- `{name}`:"]
        lines += [f"  - `{key}`: `{item}`" for key, item in value.items()]
        return lines
    if isinstance(value, list | tuple):
        return [f"- `{name}`: {_code_list(value)}"]
    return [f"- `{name}`: `{value}`"]


def _indicator(
    code: str, spec: Mapping[str, Any], questions: Mapping[str, Mapping[str, Any]]
) -> list[str]:
    title = spec.get("title", {})
    lines = [f'<a id="{code.lower()}"></a>', "", f"### {code} {_words(title.get('en', ''))}", ""]
    if title.get("id"):
        lines += [f"*{_words(title['id'])}*", ""]
    always = "always" if spec.get("deep_interview") else "when the level is high"
    enabled = "yes" if spec.get("enabled", True) else "**no** (switched off in this version)"
    lines += [
        f"- Strength: {spec.get('strength', '')}; weight {spec.get('weight', '')}; "
        f"deep interview: {always}; enabled: {enabled}.",
        "",
        _paragraph(_words(spec.get("explanation", {}).get("en", ""))),
        "",
        _paragraph(f"**Legal basis.** {_words(spec.get('legal_basis', {}).get('en', ''))}"),
        "",
    ]
    codes = list(spec.get("questions") or [])
    if codes:
        lines += ["**Interview questions.**", ""]
        for question in codes:
            text = questions.get(question, {}).get("text", {}).get("en", "")
            lines.append(f"- `{question}` {_words(text)}".rstrip())
        lines.append("")
    params = spec.get("params") or {}
    if params:
        lines += ["**Parameters.**", ""]
        for name, value in params.items():
            lines += _param(name, value)
        lines.append("")
    return lines


def render_catalogue(policy: Mapping[str, Any], questions: Mapping[str, Any]) -> str:
    """The catalogue as Markdown, from the parsed policy and question files."""
    thresholds = policy.get("thresholds", {})
    indicators: Mapping[str, Mapping[str, Any]] = policy.get("indicators", {})
    lines = [
        _HEADER.format(
            version=policy.get("version", ""),
            high=thresholds.get("high", ""),
            medium=thresholds.get("medium", ""),
        ),
        "## Summary",
        "",
        "| code | indicator | strength | weight | deep interview |",
        "|---|---|---|---|---|",
    ]
    for code, spec in indicators.items():
        title = _cell(spec.get("title", {}).get("en", ""))
        if not spec.get("enabled", True):
            title += " (switched off)"
        always = "always" if spec.get("deep_interview") else ""
        lines.append(
            f"| [{code}](#{code.lower()}) | {title} | {spec.get('strength', '')} "
            f"| {spec.get('weight', '')} | {always} |"
        )
    lines.append("")
    sections = (
        ("D", "Counter and interview indicators"),
        ("U", "Deep-interview exploitation indicators"),
    )
    for prefix, heading in sections:
        codes = [code for code in indicators if code.startswith(prefix)]
        if not codes:
            continue
        lines += [f"## {heading}", ""]
        for code in codes:
            lines += _indicator(code, indicators[code], questions)
    return "\n".join(lines).rstrip("\n") + "\n"


def catalogue_from_files(
    policy_file: Path = POLICY_FILE, questions_file: Path = QUESTIONS_FILE
) -> str:
    """The catalogue of the policy file shipped with the screening app."""
    policy = yaml.safe_load(policy_file.read_text(encoding="utf-8"))
    questions = yaml.safe_load(questions_file.read_text(encoding="utf-8")) or {}
    return render_catalogue(policy, questions)
