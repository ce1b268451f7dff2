"""Ring reasons stored as codes with parameters instead of English phrases.

Rings detected before this change hold their reasons as the phrases the score wrote
("6 applicants", "same destination KH and purpose work", ...). Each phrase is read once
here into its code and parameters ({"code": "applicants", "params": {"count": 6}});
a phrase that none of the patterns knows is kept as a code of its own text, which the
pages show as written. The reverse writes the phrases again. Self-contained on purpose:
the phrases are history and must not depend on today's code.
"""

import re
from collections.abc import Callable
from typing import Any

from django.db import migrations

Data = dict[str, Any]

_FAMILY = "family_relation"
_LAST_NAME = "shared_last_name"

# (pattern, code, how to read the match into parameters)
_PHRASES: tuple[tuple[re.Pattern[str], str, Callable[[re.Match[str]], Data]], ...] = (
    (
        re.compile(r"benign: licensed (?P<kind>\w+) (?P<name>.+) shared by (?P<count>\d+)"),
        "licensed_organiser",
        lambda m: {"kind": m["kind"].lower(), "name": m["name"], "count": int(m["count"])},
    ),
    (
        re.compile(
            r"benign: relatives at one address "
            r"\((?P<why>family relation|shared last name)\), (?P<count>\d+) applicants"
        ),
        "relatives_at_address",
        lambda m: {
            "basis": _FAMILY if m["why"] == "family relation" else _LAST_NAME,
            "count": int(m["count"]),
        },
    ),
    (re.compile(r"(?P<count>\d+) applicants?"), "applicants", lambda m: {"count": int(m["count"])}),
    (
        re.compile(r"(?P<villages>\d+) villages? in (?P<districts>\d+) kecamatan"),
        "villages_in_districts",
        lambda m: {"villages": int(m["villages"]), "districts": int(m["districts"])},
    ),
    (re.compile(r"within (?P<days>\d+) days?"), "within_days", lambda m: {"days": int(m["days"])}),
    (
        re.compile(r"same destination (?P<destination>[A-Z]{2}) and purpose (?P<purpose>[a-z_]+)"),
        "same_destination_and_purpose",
        lambda m: {"destination": m["destination"], "purpose": m["purpose"]},
    ),
    (
        re.compile(r"same destination (?P<destination>[A-Z]{2})"),
        "same_destination",
        lambda m: {"destination": m["destination"]},
    ),
    (
        re.compile(r"same purpose (?P<purpose>[a-z_]+)"),
        "same_purpose",
        lambda m: {"purpose": m["purpose"]},
    ),
    (
        re.compile(r"(?P<count>\d+) with their own indicators"),
        "own_indicators",
        lambda m: {"count": int(m["count"])},
    ),
    (
        re.compile(r"no shared person \(address or employer only\): halved"),
        "halved_no_person",
        lambda m: {},
    ),
    (
        re.compile(r"a shared name but no shared phone, over more than (?P<days>\d+) days: halved"),
        "halved_name_only",
        lambda m: {"days": int(m["days"])},
    ),
)

_WRITTEN: dict[str, Callable[[Data], str]] = {
    "licensed_organiser": lambda p: (
        f"benign: licensed {str(p['kind']).upper()} {p['name']} shared by {p['count']}"
    ),
    "relatives_at_address": lambda p: (
        "benign: relatives at one address ("
        + ("family relation" if p["basis"] == _FAMILY else "shared last name")
        + f"), {p['count']} applicants"
    ),
    "applicants": lambda p: f"{p['count']} applicants",
    "villages_in_districts": lambda p: f"{p['villages']} villages in {p['districts']} kecamatan",
    "within_days": lambda p: f"within {p['days']} days",
    "same_destination_and_purpose": lambda p: (
        f"same destination {p['destination']} and purpose {p['purpose']}"
    ),
    "same_destination": lambda p: f"same destination {p['destination']}",
    "same_purpose": lambda p: f"same purpose {p['purpose']}",
    "own_indicators": lambda p: f"{p['count']} with their own indicators",
    "halved_no_person": lambda p: "no shared person (address or employer only): halved",
    "halved_name_only": lambda p: (
        f"a shared name but no shared phone, over more than {p['days']} days: halved"
    ),
}


def reason_from_phrase(phrase: str) -> Data:
    for pattern, code, params in _PHRASES:
        match = pattern.fullmatch(phrase)
        if match is not None:
            return {"code": code, "params": params(match)}
    return {"code": phrase, "params": {}}


def phrase_from_reason(reason: Data) -> str:
    code = str(reason.get("code", ""))
    write = _WRITTEN.get(code)
    try:
        return write(reason.get("params") or {}) if write is not None else code
    except KeyError:
        return code


def _convert(apps: Any, convert: Callable[[Any], Any]) -> None:
    RingCluster = apps.get_model("networks", "RingCluster")
    batch = []
    for ring in RingCluster.objects.only("pk", "reasons").iterator(chunk_size=2000):
        reasons = [convert(item) for item in ring.reasons or []]
        if reasons != ring.reasons:
            ring.reasons = reasons
            batch.append(ring)
        if len(batch) >= 2000:
            RingCluster.objects.bulk_update(batch, ["reasons"])
            batch.clear()
    if batch:
        RingCluster.objects.bulk_update(batch, ["reasons"])


def phrases_to_codes(apps: Any, schema_editor: Any) -> None:
    _convert(apps, lambda item: reason_from_phrase(item) if isinstance(item, str) else item)


def codes_to_phrases(apps: Any, schema_editor: Any) -> None:
    _convert(apps, lambda item: phrase_from_reason(item) if isinstance(item, dict) else item)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0005_job_fields_and_end_times"),
    ]

    operations = [
        migrations.RunPython(phrases_to_codes, codes_to_phrases, elidable=True),
    ]
