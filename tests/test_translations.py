"""The Indonesian catalog is complete, current, and compiled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "waspada"
PO = PACKAGE / "locale" / "id" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _key(entry: polib.POEntry | polib.MOEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def test_every_indonesian_entry_is_translated() -> None:
    catalog = polib.pofile(str(PO))
    untranslated = [e.msgid for e in catalog.untranslated_entries()]
    fuzzy = [e.msgid for e in catalog.fuzzy_entries()]
    assert untranslated == [], f"Translate these in {PO.name}: {untranslated}"
    assert fuzzy == [], f"Review these fuzzy entries: {fuzzy}"


def test_catalog_matches_the_strings_in_the_code(tmp_path: Path) -> None:
    """Extract the strings afresh and compare: a stale catalog misses new strings."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext is missing: install Debian's gettext package (make test does).")
    copy = tmp_path / "waspada"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "waspada.settings_test"}
    subprocess.run(
        [
            str(Path(sys.executable).parent / "waspada"),
            "makemessages",
            "-l",
            "id",
            "--ignore",
            "tests/*",
            "--no-obsolete",
            "-v",
            "0",
        ],
        cwd=copy,
        env=env,
        check=True,
        timeout=120,
    )
    fresh = {_key(e) for e in polib.pofile(str(copy / "locale/id/LC_MESSAGES/django.po"))}
    committed = {_key(e) for e in polib.pofile(str(PO)) if not e.obsolete}
    assert fresh - committed == set(), "New strings: run `make messages` and translate them"
    assert committed - fresh == set(), "Strings no longer used: run `make messages`"


def test_compiled_catalog_is_up_to_date() -> None:
    source = {_key(e): (e.msgstr, e.msgstr_plural) for e in polib.pofile(str(PO)) if e.translated()}
    compiled = {_key(e): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(MO)) if e.msgid}
    assert compiled == source, "Run `make messages` to recompile django.mo"


def test_catalog_passes_msgfmt_checks(tmp_path: Path) -> None:
    """msgfmt --check: placeholders kept in each translation, and exactly one plural form
    (Indonesian has one), which Django would otherwise read past without a word."""
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: install Debian's gettext package (make test does).")
    found = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(PO)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert found.returncode == 0, found.stderr
