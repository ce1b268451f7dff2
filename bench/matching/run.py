"""Matching benchmark: Waspada's matcher and the brute-force baseline, side by side.

    .venv/bin/python bench/matching/run.py                      # 100,000 and 1,000,000
    .venv/bin/python bench/matching/run.py --sizes 100000 --per-kind 100

For each size it generates (or reuses) a labelled set with generate.py under
var/bench/matching/<size>/, then runs each system in its own subprocess, so that each one's
peak memory (ru_maxrss) is its own: reading the watchlist, building, answering every query.

- Waspada: `NameIndex` over the watchlist (streamed from the CSV), then for each query
  the same `best_match` as `waspada match-names`: a hit is the best `likely` match.
- Baseline: rapidfuzz `process.cdist` of the query against the whole list with
  `fuzz.token_sort_ratio` (after `utils.default_process`), best score >= 90, ties broken by
  the birth date (an entry with the query's exact date wins, otherwise the first).
  `--chunk` queries per cdist call (cdist converts the list on each call), `--workers`
  threads; its latency is the chunk's time divided by the chunk size. With
  `--baseline-sample N` it answers only a stratified sample of N queries (printed), and
  Waspada's figures are shown on the same sample too.

A query's answer is right when it names the expected entry (member variants) or nothing
(near-misses). Precision = right hits / all hits; recall = right hits / member queries.
Needs numpy for cdist (`.venv/bin/pip install numpy`).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

NEAR_PREFIX = "near_"


def _rss_mb() -> float:
    """This process's peak resident memory in MB.

    VmHWM rather than ru_maxrss: the latter survives exec() and so would report the parent's
    peak when the parent was larger.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _read_queries(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# --- children ------------------------------------------------------------------------------------


def child_waspada(watchlist: Path, queries: list[dict[str, str]]) -> dict[str, object]:
    from waspada.domain.match_names_cli import best_match, read_identities
    from waspada.domain.matching import Identity, NameIndex

    rss_before = _rss_mb()
    problems: list[object] = []
    started = time.perf_counter()
    index = NameIndex(read_identities(watchlist, id_column="id", problems=problems))  # type: ignore[arg-type]
    build = time.perf_counter() - started
    answers: dict[str, str] = {}
    latencies: list[float] = []
    for row in queries:
        query = Identity(
            row["query_id"], row["full_name"], row["birth_date"] or None, row["sex"] or None
        )
        started = time.perf_counter()
        matched, _score = best_match(index, query)
        latencies.append(time.perf_counter() - started)
        answers[row["query_id"]] = matched
    return {
        "answers": answers,
        "latencies": latencies,
        "build": build,
        "rss": _rss_mb(),
        "rss_before": rss_before,
        "entries": index.identity_count,
    }


def child_baseline(
    watchlist: Path, queries: list[dict[str, str]], workers: int, chunk: int
) -> dict[str, object]:
    import numpy as np
    from rapidfuzz import fuzz, process, utils

    rss_before = _rss_mb()
    started = time.perf_counter()
    ids: list[str] = []
    dates: list[str] = []
    choices: list[str] = []
    with watchlist.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ids.append(row["id"])
            dates.append(row["birth_date"])
            choices.append(utils.default_process(row["full_name"]))
    build = time.perf_counter() - started
    answers: dict[str, str] = {}
    latencies: list[float] = []
    # cdist converts the whole list on every call: queries go in chunks, and a query's
    # latency is its chunk's time divided by the chunk size (amortised, in its favour).
    for start in range(0, len(queries), chunk):
        rows = queries[start : start + chunk]
        started = time.perf_counter()
        matrix = process.cdist(
            [utils.default_process(row["full_name"]) for row in rows],
            choices,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=90,
            dtype=np.uint8,
            workers=workers,
        )
        for row, scores in zip(rows, matrix, strict=True):
            best = int(scores.max()) if len(scores) else 0
            matched = ""
            if best >= 90:
                ties = np.flatnonzero(scores == best)
                chosen = int(ties[0])
                if row["birth_date"]:
                    for tie in ties:
                        if dates[int(tie)] == row["birth_date"]:
                            chosen = int(tie)
                            break
                matched = ids[chosen]
            answers[row["query_id"]] = matched
        latencies += [(time.perf_counter() - started) / len(rows)] * len(rows)
    return {
        "answers": answers,
        "latencies": latencies,
        "build": build,
        "rss": _rss_mb(),
        "rss_before": rss_before,
        "entries": len(ids),
    }


def run_child(args: argparse.Namespace) -> None:
    queries = _read_queries(args.queries)
    if args.only:
        wanted = set(Path(args.only).read_text().split())
        queries = [q for q in queries if q["query_id"] in wanted]
    if args.child == "waspada":
        result = child_waspada(args.watchlist, queries)
    else:
        result = child_baseline(args.watchlist, queries, args.workers, args.chunk)
    Path(args.result).write_text(json.dumps(result))


# --- parent --------------------------------------------------------------------------------------


def spawn(
    system: str, folder: Path, workers: int, chunk: int, only: Path | None, scratch: Path
) -> dict[str, object]:
    result = scratch / f"{system}.json"
    command = [
        sys.executable,
        __file__,
        "--child",
        system,
        "--watchlist",
        str(folder / "watchlist.csv"),
        "--queries",
        str(folder / "queries.csv"),
        "--result",
        str(result),
        "--workers",
        str(workers),
        "--chunk",
        str(chunk),
    ]
    if only is not None:
        command += ["--only", str(only)]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    data: dict[str, object] = json.loads(result.read_text())
    data["wall"] = time.perf_counter() - started
    return data


def score(answers: dict[str, str], queries: list[dict[str, str]]) -> dict[str, dict[str, float]]:
    """Counts and rates overall ('ALL') and per kind."""
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in queries:
        if row["query_id"] not in answers:
            continue
        got, expected = answers[row["query_id"]], row["expected_id"]
        for key in ("ALL", row["kind"]):
            c = counts[key]
            c["n"] += 1
            c["members"] += bool(expected)
            if got and got == expected:
                c["tp"] += 1
            elif got:
                c["fp"] += 1
    for c in counts.values():
        hits = c["tp"] + c["fp"]
        c["precision"] = c["tp"] / hits if hits else 1.0
        c["recall"] = c["tp"] / c["members"] if c["members"] else float("nan")
        p, r = c["precision"], c["recall"]
        c["f1"] = 2 * p * r / (p + r) if c["members"] and (p + r) else float("nan")
    return counts


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


def report(
    size: int,
    queries: list[dict[str, str]],
    results: dict[str, dict[str, object]],
    sample_note: str,
) -> None:
    systems = list(results)
    print(f"\n=== {size:,} entries, {len(queries):,} queries {sample_note}===")
    print(f"{'':26}" + "".join(f"{s:>24}" for s in systems))

    def line(label: str, values: list[str]) -> None:
        print(f"{label:26}" + "".join(f"{v:>24}" for v in values))

    scored = {s: score(r["answers"], queries) for s, r in results.items()}  # type: ignore[arg-type]
    for metric in ("precision", "recall", "f1"):
        line(metric, [f"{scored[s]['ALL'][metric]:.3f}" for s in systems])
    line("queries answered", [f"{int(scored[s]['ALL']['n']):,}" for s in systems])
    for s in systems:
        lat = results[s]["latencies"]
        assert isinstance(lat, list)
    line("latency p50 (ms)", [f"{_pct(results[s]['latencies'], 0.50):.2f}" for s in systems])  # type: ignore[arg-type]
    line("latency p95 (ms)", [f"{_pct(results[s]['latencies'], 0.95):.2f}" for s in systems])  # type: ignore[arg-type]
    line(
        "latency mean (ms)",
        [f"{statistics.fmean(results[s]['latencies']) * 1000:.2f}" for s in systems],
    )  # type: ignore[arg-type]
    line("index build (s)", [f"{results[s]['build']:.1f}" for s in systems])
    line("peak memory (MB, maxrss)", [f"{results[s]['rss']:.0f}" for s in systems])
    line("  of which Python+libs", [f"{results[s]['rss_before']:.0f}" for s in systems])
    line("wall time (s)", [f"{results[s]['wall']:.0f}" for s in systems])
    print("\nper kind: recall (member kinds) or false hits (near-misses), precision, F1")
    kinds = sorted({q["kind"] for q in queries}, key=lambda k: (k.startswith(NEAR_PREFIX), k))
    for kind in kinds:
        values = []
        for s in systems:
            c = scored[s].get(kind)
            if not c:
                values.append("-")
            elif kind.startswith(NEAR_PREFIX):
                values.append(f"{int(c['fp'])}/{int(c['n'])} false hits")
            else:
                values.append(f"R {c['recall']:.2f} P {c['precision']:.2f} F1 {c['f1']:.2f}")
        line(f"  {kind}", values)


def stratified_sample(queries: list[dict[str, str]], size: int, seed: int) -> list[dict[str, str]]:
    by_kind: dict[str, list[dict[str, str]]] = defaultdict(list)
    for q in queries:
        by_kind[q["kind"]].append(q)
    rng = random.Random(seed)
    per_kind = max(1, size // len(by_kind))
    sample: list[dict[str, str]] = []
    for rows in by_kind.values():
        sample += rng.sample(rows, min(per_kind, len(rows)))
    return sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--per-kind", type=int, default=150, help="queries per kind")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--data", type=Path, default=REPO / "var" / "bench" / "matching")
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--baseline-sample", type=int, default=0, help="0 = every query")
    parser.add_argument("--workers", type=int, default=2, help="cdist threads (baseline)")
    parser.add_argument("--chunk", type=int, default=16, help="queries per cdist call")
    parser.add_argument("--child", choices=("waspada", "baseline"), help=argparse.SUPPRESS)
    parser.add_argument("--watchlist", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args)
        return

    import generate

    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    for size in args.sizes:
        folder = args.data / f"{size}"
        if args.regenerate or not (folder / "queries.csv").exists():
            started = time.perf_counter()
            watchlist, queries_rows, stats = generate.generate(size, args.per_kind, args.seed)
            generate.write(folder, watchlist, queries_rows)
            del watchlist, queries_rows
            took = time.perf_counter() - started
            print(f"generated {size:,} entries in {took:.0f} s -> {folder}")
            for key, value in stats.items():
                print(f"  {key}: {value:,}")
        queries = _read_queries(folder / "queries.csv")
        with tempfile.TemporaryDirectory() as tmp:
            scratch = Path(tmp)
            only = None
            note = ""
            subset = queries
            if args.baseline_sample and args.baseline_sample < len(queries):
                subset = stratified_sample(queries, args.baseline_sample, args.seed)
                only = scratch / "sample.txt"
                only.write_text("\n".join(q["query_id"] for q in subset))
                note = f"(baseline on a stratified sample of {len(subset):,}) "
            waspada = spawn("waspada", folder, args.workers, args.chunk, None, scratch)
            baseline = spawn("baseline", folder, args.workers, args.chunk, only, scratch)
        report(size, queries, {"waspada": waspada, "baseline": baseline}, note)
        if only is not None:
            sample_ids = {q["query_id"] for q in subset}
            waspada_on_sample = dict(waspada)
            answers = waspada["answers"]
            assert isinstance(answers, dict)
            waspada_on_sample["answers"] = {k: v for k, v in answers.items() if k in sample_ids}
            report(
                size,
                subset,
                {"waspada": waspada_on_sample, "baseline": baseline},
                "(the same sample for both; latency/memory as above) ",
            )


if __name__ == "__main__":
    main()
