"""`waspada match-names`: the CSV contract, bad input, and no database needed."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from waspada.domain.match_names_cli import (
    BAD_DATE,
    BAD_SEX,
    DUPLICATE_ID,
    EMPTY_NAME,
    MissingColumns,
    run_match_names,
)

REPO = Path(__file__).resolve().parents[3]
WASPADA = Path(sys.executable).with_name("waspada")

WATCHLIST = """id,full_name,birth_date,sex,note
W1,Hj. Siti Aminah binti H. Abdullah,1985-03-12,P,cekal
W2,Budi Santoso,1980-05-06,L,
W3,Moch. Yusuf Hidayat,1970,L,
W4,Siti Aminah,1990-01-01,P,
W5,,1990,L,no name
W6,Joko Widodo,1961-13-45,X,bad date and sex
W2,Someone Else,,,duplicate id
"""

QUERIES = """query_id,full_name,birth_date,sex
Q1,Siti Aminah,1985-03-12,P
Q2,Boedi Santosa,1980-05-06,L
Q3,Muhammad Jusuf Hidajat,1970-08-17,L
Q4,Sutrisno Wibowo,1975-01-01,L
Q5,,1975,
Q6,Siti Aminah,,P
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    watchlist = tmp_path / "watchlist.csv"
    queries = tmp_path / "queries.csv"
    watchlist.write_text(WATCHLIST, encoding="utf-8")
    queries.write_text(QUERIES, encoding="utf-8")
    return watchlist, queries


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def by_id_of(result: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {r["query_id"]: r for r in result}


def test_run_match_names_writes_one_row_per_usable_query(files: tuple[Path, Path]) -> None:
    out = io.StringIO()
    summary = run_match_names(*files, out)
    result = rows(out.getvalue())
    assert list(result[0]) == ["query_id", "matched_id", "score"]
    by_id = {r["query_id"]: r for r in result}
    # One row per query: Q5 has no usable name, so nothing is matched, but it is listed.
    assert [r["query_id"] for r in result] == ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6"]
    assert (by_id_of(result)["Q5"]["matched_id"], by_id_of(result)["Q5"]["score"]) == ("", "0.000")
    assert by_id["Q1"]["matched_id"] == "W1"
    assert by_id["Q2"]["matched_id"] == "W2"
    assert by_id["Q3"]["matched_id"] == "W3"
    assert by_id["Q4"] == {"query_id": "Q4", "matched_id": "", "score": "0.000"}
    # Two "Siti Aminah" and no date: nothing likely, the best possible score is given.
    assert by_id["Q6"]["matched_id"] == ""
    assert float(by_id["Q6"]["score"]) < 0.8
    for row in result:
        assert len(row["score"].split(".")[1]) == 3
    assert summary.entries == 5  # W1-W4 and W6; W5 (no name) and the second W2 skipped
    assert summary.queries == 6
    assert summary.matched == 3


def test_problems_name_the_file_row_and_column(files: tuple[Path, Path]) -> None:
    summary = run_match_names(*files, io.StringIO())
    found = {(p.file, p.row, p.column, p.code) for p in summary.problems}
    assert ("watchlist.csv", 6, "full_name", EMPTY_NAME) in found
    assert ("watchlist.csv", 7, "birth_date", BAD_DATE) in found
    assert ("watchlist.csv", 7, "sex", BAD_SEX) in found
    assert ("watchlist.csv", 8, "id", DUPLICATE_ID) in found
    assert ("queries.csv", 6, "full_name", EMPTY_NAME) in found


def test_missing_columns_are_listed(tmp_path: Path, files: tuple[Path, Path]) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("query_id,name\nQ1,Budi\n", encoding="utf-8")
    with pytest.raises(MissingColumns) as caught:
        run_match_names(files[0], bad, io.StringIO())
    assert caught.value.missing == ("full_name", "birth_date", "sex")


def test_management_command_writes_to_out_and_reports_on_stderr(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    out = tmp_path / "result.csv"
    stderr = io.StringIO()
    call_command("match_names", *map(str, files), out=str(out), stderr=stderr)
    result = rows(out.read_text(encoding="utf-8"))
    assert [r["matched_id"] for r in result] == ["W1", "W2", "W3", "", "", ""]
    report = stderr.getvalue()
    assert "watchlist.csv, baris 6, kolom full_name" in report
    assert "watchlist.csv, baris 7, kolom birth_date: '1961-13-45' bukan tanggal" in report
    assert "queries.csv, baris 6, kolom full_name" in report


def test_management_command_writes_stdout_without_out(files: tuple[Path, Path]) -> None:
    stdout = io.StringIO()
    call_command("match_names", *map(str, files), stdout=stdout, stderr=io.StringIO())
    assert stdout.getvalue().startswith("query_id,matched_id,score\n")
    assert len(rows(stdout.getvalue())) == 6


def test_management_command_exits_1_on_missing_columns(
    tmp_path: Path, files: tuple[Path, Path]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,name\nW1,Budi\n", encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(SystemExit) as caught:
        call_command("match_names", str(bad), str(files[1]), stderr=stderr)
    assert caught.value.code == 1
    assert "bad.csv: kolom tidak ada: full_name, birth_date, sex" in stderr.getvalue()


def _console(
    *args: str, env_extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DJANGO_SETTINGS_MODULE"] = "waspada.settings_test"
    env.update(env_extra or {})
    return subprocess.run(
        [str(WASPADA), "match-names", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_console_script_prints_the_csv(files: tuple[Path, Path]) -> None:
    done = _console(*map(str, files))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "query_id,matched_id,score"
    result = rows(done.stdout)
    assert [(r["query_id"], r["matched_id"]) for r in result] == [
        ("Q1", "W1"),
        ("Q2", "W2"),
        ("Q3", "W3"),
        ("Q4", ""),
        ("Q5", ""),
        ("Q6", ""),
    ]
    assert "baris 7, kolom birth_date" in done.stderr


def test_console_script_needs_no_database(tmp_path: Path, files: tuple[Path, Path]) -> None:
    out = tmp_path / "out.csv"
    done = _console(
        *map(str, files),
        "--out",
        str(out),
        env_extra={"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"},
    )
    assert done.returncode == 0, done.stderr
    assert rows(out.read_text(encoding="utf-8"))[0]["matched_id"] == "W1"


def test_console_script_exit_code_1_lists_missing_columns(tmp_path: Path) -> None:
    watchlist = tmp_path / "w.csv"
    watchlist.write_text("id,full_name\nW1,Budi\n", encoding="utf-8")
    queries = tmp_path / "q.csv"
    queries.write_text("query_id,full_name,birth_date,sex\n", encoding="utf-8")
    done = _console(str(watchlist), str(queries))
    assert done.returncode == 1
    assert "kolom tidak ada: birth_date, sex" in done.stderr
    assert done.stdout == ""


def test_console_script_help() -> None:
    done = _console("--help")
    assert done.returncode == 0, done.stderr
    assert "WATCHLIST.csv" in done.stdout and "--out" in done.stdout
