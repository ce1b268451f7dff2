"""Screening on data it has never seen: an office's first day with an independent data set.

    .venv/bin/python bench/screening/run.py [--seed 1] [--count 1600] [--details]

The data set is made by `bench/screening/independent/generate.py`, written from the domain
notes by an author who never saw Waspada's demo generator or screening code (see its
README): labelled legitimate and risky applications in the application exchange format,
with four watchlists. The script installs a fresh SQLite database as an office has it on
day one - regions loaded, every registry empty - and feeds it only through the exchange
format and the console commands (`import-watchlist`, `import-applications`,
`detect-networks`, `export-screening`). It then prints, from the labels:

- recall: the share of risky applications sent to the deep interview;
- legitimate flagged: the share of legitimate applications sent to the deep interview,
  overall and per scenario (pilgrims, tour and family groups separately);
- the AUC of the risk score (how well the score ranks risky above legitimate);
- with --details, per scenario the indicators that fired most.

Targets: recall >= 0.95, legitimate flagged <= 0.03 (pilgrims, family and tour groups
<= 0.02), AUC >= 0.97. The demo's figures come from `bench/bench_screening.py`.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
WASPADA = str(Path(sys.executable).parent / "waspada")
WATCHLISTS = {
    "cekal": "Cekal (independent set)",
    "wanted": "DPO (independent set)",
    "known_broker": "Calo (independent set)",
    "previously_refused": "Pernah ditolak (independent set)",
}
# Legitimate groups whose flag rate has its own, stricter target.
GROUP_SCENARIOS = ("umrah_group", "hajj_group", "tour_group", "family_group")


def run(command: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode not in (0,):
        sys.stderr.write(result.stdout[-3000:] + result.stderr[-3000:])
        raise SystemExit(f"{' '.join(command[1:3])} failed with exit {result.returncode}")
    return result.stdout


def auc(scores_risky: list[float], scores_legit: list[float]) -> float:
    """Probability that a random risky application scores above a random legitimate one."""
    ranked = sorted([(s, 1) for s in scores_risky] + [(s, 0) for s in scores_legit])
    rank_sum = 0.0
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        average_rank = (i + 1 + j) / 2  # ranks i+1..j share their average
        rank_sum += average_rank * sum(label for _s, label in ranked[i:j])
        i = j
    n_risky, n_legit = len(scores_risky), len(scores_legit)
    return (rank_sum - n_risky * (n_risky + 1) / 2) / (n_risky * n_legit)


def evaluate(data: Path, screening: Path, details: bool) -> None:
    with (data / "labels.csv").open(encoding="utf-8") as handle:
        labels = {row["application_no"]: row for row in csv.DictReader(handle)}
    with screening.open(encoding="utf-8") as handle:
        results = {row["application_no"]: row for row in csv.DictReader(handle)}
    missing = [no for no in labels if no not in results]
    flagged: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    indicators: defaultdict[str, Counter[str]] = defaultdict(Counter)
    scores: dict[str, list[float]] = {"risky": [], "legit": []}
    for number, label in labels.items():
        scenario, kind = label["scenario"], label["label"]
        totals[scenario] += 1
        totals[kind] += 1
        result = results.get(number)
        # An application the import refused was never screened: for a risky one that is a
        # miss, and it ranks lowest.
        score = float(result["risk_score"] or 0) if result else -1.0
        scores[kind].append(score)
        if result and result["recommended_action"] == "deep_interview":
            flagged[scenario] += 1
            flagged[kind] += 1
        for code in result["indicators"].split(";") if result else []:
            if code:
                indicators[scenario][code] += 1
    legit_groups = sum(flagged[s] for s in GROUP_SCENARIOS)
    groups_total = sum(totals[s] for s in GROUP_SCENARIOS)
    print()
    print(f"Applications: {len(labels):,} ({totals['risky']:,} risky, {totals['legit']:,} legit)")
    print(f"Not imported (refused rows): {len(missing):,}")
    print(f"Recall at deep interview:   {flagged['risky'] / totals['risky']:.3f}  (>= 0.95)")
    print(f"Legitimate flagged:         {flagged['legit'] / totals['legit']:.3f}  (<= 0.03)")
    print(
        f"  pilgrims, tour and family groups: {legit_groups / max(groups_total, 1):.3f}"
        f"  (<= 0.02; {legit_groups}/{groups_total})"
    )
    print(f"AUC of the risk score:      {auc(scores['risky'], scores['legit']):.3f}  (>= 0.97)")
    print()
    print(f"{'scenario':34} {'label':6} {'n':>5} {'deep':>5} {'rate':>6}")
    order = sorted(totals, key=lambda s: (labels_kind(labels, s), s))
    for scenario in order:
        if scenario in ("risky", "legit"):
            continue
        kind = labels_kind(labels, scenario)
        rate = flagged[scenario] / totals[scenario]
        line = f"{scenario:34} {kind:6} {totals[scenario]:5} {flagged[scenario]:5} {rate:6.2f}"
        if details:
            common = ", ".join(f"{c} {n}" for c, n in indicators[scenario].most_common(6))
            line += f"   {common}"
        print(line)


def labels_kind(labels: dict[str, dict[str, str]], scenario: str) -> str:
    for row in labels.values():
        if row["scenario"] == scenario:
            return row["label"]
    return scenario


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=1600)
    parser.add_argument("--details", action="store_true", help="indicators per scenario")
    parser.add_argument("--keep", type=Path, help="keep the database and files in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="waspada-screening-") as tmp:
        home = args.keep or Path(tmp)
        home.mkdir(parents=True, exist_ok=True)
        data = home / "data"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{home / 'waspada.sqlite3'}",
            "WASPADA_VAR_DIR": str(home),
            "SECRET_KEY": "bench-only-secret-key-0123456789-0123456789",
            "WASPADA_LOG_LEVEL": "WARNING",
            "LANGUAGE_CODE": "en",
        }
        started = time.perf_counter()
        generator = [sys.executable, str(HERE / "independent" / "generate.py")]
        subprocess.run(
            [*generator, "--seed", str(args.seed), "--count", str(args.count), "--out", str(data)],
            check=True,
            capture_output=True,
        )
        print("Fresh office: migrate, load-regions (registries empty)...", flush=True)
        run([WASPADA, "migrate", "-v", "0"], env)
        run([WASPADA, "load-regions"], env)
        for list_type, name in WATCHLISTS.items():
            path = data / f"watchlist_{list_type}.csv"
            run([WASPADA, "import-watchlist", str(path), "--list", name, "--type", list_type], env)
        print("Importing the applications through the exchange format...", flush=True)
        report = run([WASPADA, "import-applications", str(data / "applications.csv")], env)
        print(report.strip().splitlines()[-1] if report.strip() else "")
        print("Detecting networks...", flush=True)
        run([WASPADA, "detect-networks"], env)
        screening = home / "screening.csv"
        run([WASPADA, "export-screening", "--out", str(screening)], env)
        print(f"(whole run {time.perf_counter() - started:,.0f} s)")
        evaluate(data, screening, args.details)


if __name__ == "__main__":
    main()
