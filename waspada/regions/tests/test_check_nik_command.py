"""Tests of `waspada check-nik` and the translated NIK messages.

No test here is marked for database access: pytest-django would fail any query, which
proves the command works without a database.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from pytest_django.fixtures import Settings

from waspada.domain.nik import Discrepancy, NikError
from waspada.regions.nik import (
    REASON_MESSAGES,
    check_nik,
    discrepancy_message,
    reason_message,
    region_codes,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
KEYS = [
    "nik",
    "valid",
    "reason",
    "province_code",
    "regency_code",
    "district_code",
    "birth_date",
    "sex",
]
# Kabupaten Cilacap, kecamatan Nusawungu (33.01.05): a woman born 2 March 1990, and a man
# born 12 March 1990, both with serial 0001.
WOMAN = "3301054203900001"
MAN = "3301051203900001"
SIXTEEN_DIGITS_EN = (
    "The NIK must have exactly 16 digits (spaces, dots or dashes between groups are allowed)."
)


def run(*args: str, **options: Any) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("check_nik", *args, stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_valid_nik_gives_one_json_line_with_every_field() -> None:
    [line] = run(WOMAN)

    assert list(line) == KEYS
    assert line == {
        "nik": WOMAN,
        "valid": True,
        "reason": None,
        "province_code": "33",
        "regency_code": "33.01",
        "district_code": "33.01.05",
        "birth_date": "1990-03-02",
        "sex": "P",
    }


def test_each_argument_gives_one_line_in_order() -> None:
    lines = run(WOMAN, MAN, "12345")

    assert [line["nik"] for line in lines] == [WOMAN, MAN, "12345"]
    assert [line["sex"] for line in lines] == ["P", "L", None]
    assert [line["valid"] for line in lines] == [True, True, False]


def test_nik_is_echoed_as_typed_without_surrounding_whitespace() -> None:
    [line] = run("  3301 0512 0390 0001 ")

    assert line["nik"] == "3301 0512 0390 0001"
    assert line["valid"] is True
    assert line["birth_date"] == "1990-03-12"


@pytest.mark.parametrize(
    ("nik", "reason"),
    [
        ("330105120390", SIXTEEN_DIGITS_EN),
        ("9901051203900001", "Unknown province code 99 in the NIK (digits 1-2)."),
        ("3399051203900001", "Unknown regency or city code 33.99 in the NIK (digits 3-4)."),
        (
            "3301991203900001",
            "Unknown district (kecamatan) code 33.01.99 in the NIK (digits 5-6).",
        ),
        (
            "3301053203900001",
            "The birth date in the NIK (digits 7-12: 320390, as DDMMYY) is not a real date; "
            "for women the day is increased by 40.",
        ),
        ("3301051203900000", "The serial number in the NIK (last 4 digits) cannot be 0000."),
    ],
)
def test_invalid_nik_has_a_specific_reason_and_no_derived_fields(
    settings: Settings, nik: str, reason: str
) -> None:
    settings.LANGUAGE_CODE = "en"

    [line] = run(nik)

    assert list(line) == KEYS
    assert line == {
        "nik": nik,
        "valid": False,
        "reason": reason,
        "province_code": None,
        "regency_code": None,
        "district_code": None,
        "birth_date": None,
        "sex": None,
    }


def test_reason_is_in_indonesian_by_default() -> None:
    [line] = run("12345")

    with translation.override("id"):
        indonesian = str(REASON_MESSAGES[NikError.NOT_16_DIGITS])
    # Fails until the message is in the Indonesian catalog (locale/id) and compiled.
    assert indonesian != SIXTEEN_DIGITS_EN
    assert line["reason"] == indonesian


def test_reason_follows_language_code_setting_not_the_active_language(
    settings: Settings,
) -> None:
    settings.LANGUAGE_CODE = "en"

    with translation.override("id"):
        [line] = run("12345")

    assert line["reason"] == SIXTEEN_DIGITS_EN


def test_output_keeps_non_ascii_text_unescaped(settings: Settings) -> None:
    settings.LANGUAGE_CODE = "en"
    out = io.StringIO()

    call_command("check_nik", "3301 0512 0390 000\uff11", stdout=out)  # fullwidth 1

    assert "000\uff11" in out.getvalue()
    assert "\\u" not in out.getvalue()


def test_dash_reads_niks_from_standard_input_skipping_blank_lines() -> None:
    stdin = io.StringIO(f"{WOMAN}\n\n  {MAN}  \r\n12345\n")

    lines = run("-", stdin=stdin)

    assert [(line["nik"], line["valid"]) for line in lines] == [
        (WOMAN, True),
        (MAN, True),
        ("12345", False),
    ]


def test_dash_among_other_arguments_is_just_an_invalid_nik() -> None:
    lines = run(WOMAN, "-")

    assert [(line["nik"], line["valid"]) for line in lines] == [(WOMAN, True), ("-", False)]


def test_today_option_sets_the_reference_date_for_the_century() -> None:
    nik = "3301051506250001"  # born 15 June of a year ending in 25

    [this_century] = run(nik, today="2025-06-15")
    [last_century] = run(nik, "--today", "2025-06-14")

    assert this_century["birth_date"] == "2025-06-15"
    assert last_century["birth_date"] == "1925-06-15"


@pytest.mark.parametrize("today", ["2025-02-30", "15-06-2025", "20250615", "tomorrow", ""])
def test_bad_today_option_is_a_command_error(settings: Settings, today: str) -> None:
    settings.LANGUAGE_CODE = "en"

    with pytest.raises(CommandError, match="--today must be a real date written as YYYY-MM-DD"):
        run(WOMAN, today=today)


def test_command_needs_no_system_checks() -> None:
    from waspada.regions.management.commands.check_nik import Command

    assert Command.requires_system_checks == []


def test_check_nik_uses_the_bundled_region_list() -> None:
    assert {"33", "33.01", "33.01.05"} <= region_codes()
    assert check_nik(WOMAN, today=date(2025, 1, 1)).valid
    assert check_nik("3301991203900001").error is NikError.UNKNOWN_DISTRICT


def test_reason_message_is_empty_for_a_valid_nik() -> None:
    assert reason_message(check_nik(WOMAN)) == ""


def test_every_reason_has_a_message() -> None:
    assert set(REASON_MESSAGES) == set(NikError)


def test_discrepancy_messages_name_both_values_in_words() -> None:
    with translation.override("en"):
        birth = discrepancy_message(Discrepancy("birth_date", "1990-03-12", "1990-03-02"))
        sex = discrepancy_message(Discrepancy("sex", "L", "P"))

    assert birth == "The NIK gives birth date March 2, 1990 but March 12, 1990 was entered."
    assert sex == "The NIK gives sex female but male was entered."


def test_console_script_prints_json_lines() -> None:
    script = REPO_ROOT / ".venv" / "bin" / "waspada"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "waspada.settings_test", "LANGUAGE_CODE": "en"}

    completed = subprocess.run(
        [str(script), "check-nik", WOMAN, "3301 0512 0390 0000"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
    valid, invalid = (json.loads(line) for line in completed.stdout.splitlines())
    assert valid == {
        "nik": WOMAN,
        "valid": True,
        "reason": None,
        "province_code": "33",
        "regency_code": "33.01",
        "district_code": "33.01.05",
        "birth_date": "1990-03-02",
        "sex": "P",
    }
    assert invalid["valid"] is False
    assert invalid["reason"] == "The serial number in the NIK (last 4 digits) cannot be 0000."
