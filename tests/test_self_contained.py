"""The repository stands alone: nothing in it points to notes or tickets a reader lacks.

A person who clones Waspada has the repository and nothing else, so a file may not send
them to a folder beside it, to design notes kept elsewhere or to a ticket number; what such
a reference meant belongs in docs/ or in the comment itself. This test reads every file
under version control (and new files not yet added) and names each offending line.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
THIS_FILE = Path(__file__).resolve()

# (what the reference is, pattern, whether stylesheets and scripts are searched too).
# Kept in this file only: the scan skips it. docs/domain.md is the project's own page,
# so the notes' names are matched in capitals only.
REFERENCES: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "a folder outside the repository",
        re.compile(r"\.\./shared\b|/work/(?:shared|wt|main)\b"),
        True,
    ),
    ("design notes kept outside the repository", re.compile(r"\b(?:DESIGN|DOMAIN)\.md\b"), True),
    ("an issue number", re.compile(r"\b(?:issues?|pull request|PR)\s*#?\s*[0-9]+\b", re.I), True),
    # "#6" as a ticket; not a colour (#000;), an HTML entity (&#39;) nor "ring #12".
    # Stylesheets and scripts are full of colours and minified names: not searched.
    ("an issue number", re.compile(r"(?<![\w&#/\"'])(?<!ring )#[0-9]{1,4}\b(?![\w;])"), False),
)
_STYLESHEETS_AND_SCRIPTS = {".css", ".js", ".svg"}


def _repository_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    files = [ROOT / name for name in listed.split("\0") if name]
    return [path for path in files if path.is_file() and path.resolve() != THIS_FILE]


def _text(path: Path) -> str | None:
    data = path.read_bytes()
    if b"\0" in data[:8192]:  # fonts, compiled catalogues, workbooks
        return None
    return data.decode("utf-8", errors="replace")


def references_in(path: Path, text: str) -> list[str]:
    """`path:line: what (the line)` for every reference to something outside the repo."""
    found: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for what, pattern, everywhere in REFERENCES:
            if not everywhere and path.suffix in _STYLESHEETS_AND_SCRIPTS:
                continue
            if pattern.search(line):
                shown = line.strip()[:120]
                found.append(f"{path.relative_to(ROOT)}:{number}: {what}: {shown}")
                break
    return found


def test_the_scan_sees_the_repository() -> None:
    files = {path.relative_to(ROOT).as_posix() for path in _repository_files()}
    assert {"README.md", "docs/README.md", "waspada/screening/policy.yaml"} <= files


def test_no_file_refers_to_notes_or_tickets_outside_the_repository() -> None:
    problems: list[str] = []
    for path in _repository_files():
        text = _text(path)
        if text is not None:
            problems += references_in(path, text)
    assert not problems, "Say it here instead of pointing elsewhere:\n" + "\n".join(problems)


def test_each_kind_of_reference_is_recognised() -> None:
    sample = ROOT / "sample.py"
    # Built from pieces, so that this file itself holds no such reference for any scanner.
    lines = [
        "# see ../" + "shared/" + "DESIGN" + ".md",
        "# the rules of " + "DOMAIN" + ".md",
        "# fast enough (" + "issue" + " 3)",
        "# fixed in " + "#" + "6",
        "# as " + "Issue" + " #" + "12 asks",
    ]
    assert len(references_in(sample, "\n".join(lines))) == len(lines)


def test_colours_entities_and_ring_numbers_are_not_references() -> None:
    sample = ROOT / "sample.html"
    lines = [
        '<line stroke="#888"/>',
        "color: #444;",
        "it&#39;s",
        '"ring #12: 6 applicants from 5 kecamatan"',
        "the issue date and the return ticket",
    ]
    assert references_in(sample, "\n".join(lines)) == []
