"""Screening benchmark: speed of the pure risk engine, and recall / false flags on demo data.

    .venv/bin/python bench/bench_screening.py [--rows 30000] [--year 2024] [--seed 1]

(a) Speed: `risk.assess` over the contexts of one generated year, on one core (the process
    is pinned to one CPU), in applications per second, beside two honest baselines: the
    same engine with the policy rebuilt from its data for every application (parameters
    re-validated, keyword lists and regexes recompiled each time), and with the YAML file
    re-parsed for every application (both on a sample, extrapolated).
(b) Quality: on a synthetic year (`waspada.synthetic`), the share of generated
    risky cases (`Case.pattern` suspicious) sent to the deep interview (recall), overall
    and per pattern, and the share of legitimate ones sent there (false-flag rate), overall,
    per purpose and per sex. Targets: recall >= 0.9, false flags <= 0.05.

Contexts are built in pure Python from the generated records, without a database:
- NIK checked against the bundled region list (`waspada/regions/data/wilayah.csv`);
- other_open_applications: other applications of the same NIK submitted within the
  duplicate window (D11 `window_days`) before or after (as when an open application is
  re-screened after the second one arrives); holds_valid_passport is always False;
- facts are empty except a simulated network provider for D18 ("ring"): applications
  whose sponsor or companion phone is shared by applications from >= 3 different
  kecamatan within 60 days. Phones of licensed organisers (PPIU/PIHK and P3MI, from the
  licence registry the real provider will read) are not links.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from waspada import synthetic  # noqa: E402
from waspada.domain import risk  # noqa: E402
from waspada.domain.nik import cross_check, load_region_codes, parse_nik  # noqa: E402
from waspada.domain.screening import Assessment, RecommendedAction, ScreeningContext  # noqa: E402
from waspada.synthetic import Case  # noqa: E402
from waspada.synthetic.organisers import LICENSED_P3MI, LICENSED_PPIU  # noqa: E402

WILAYAH = REPO / "waspada" / "regions" / "data" / "wilayah.csv"
RING_WINDOW_DAYS = 60
RING_MIN_DISTRICTS = 3


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def open_duplicates(cases: Sequence[Case], window_days: int) -> list[int]:
    """Other applications of the same NIK within `window_days` before or after each one."""
    by_nik: defaultdict[str, list[tuple[dt.date, int]]] = defaultdict(list)
    for index, case in enumerate(cases):
        by_nik[case.applicant.nik].append((case.application.submitted_on, index))
    counts = [0] * len(cases)
    for entries in by_nik.values():
        if len(entries) < 2:
            continue
        for day, index in entries:
            counts[index] = sum(
                1 for other, j in entries if j != index and abs((other - day).days) <= window_days
            )
    return counts


def simulated_rings(cases: Sequence[Case]) -> dict[int, tuple[str, ...]]:
    """facts["ring"] per case index: a sponsor/companion phone shared across kecamatan."""
    licensed = {o.phone for o in (*LICENSED_PPIU, *LICENSED_P3MI)}
    by_phone: defaultdict[str, list[int]] = defaultdict(list)
    for index, case in enumerate(cases):
        app = case.application
        for phone in {app.sponsor_phone, app.companion_phone}:
            if phone and phone not in licensed:
                by_phone[phone].append(index)
    facts: dict[int, list[str]] = defaultdict(list)
    for phone, indexes in by_phone.items():
        if len(indexes) < RING_MIN_DISTRICTS:
            continue
        for index in indexes:
            day = cases[index].application.submitted_on
            near = [
                j
                for j in indexes
                if abs((cases[j].application.submitted_on - day).days) <= RING_WINDOW_DAYS
            ]
            districts = {cases[j].applicant.village_code.rsplit(".", 1)[0] for j in near}
            if len(districts) >= RING_MIN_DISTRICTS:
                facts[index].append(
                    f"telepon {phone}: {len(near)} permohonan dari {len(districts)} kecamatan "
                    f"dalam {RING_WINDOW_DAYS} hari"
                )
    return {index: tuple(lines) for index, lines in facts.items()}


def build_contexts(
    cases: Sequence[Case], policy: risk.Policy, *, rings: bool = True
) -> list[ScreeningContext]:
    known = load_region_codes(WILAYAH)
    office = frozenset(synthetic.REGENCIES)
    window = policy.indicator("D11").params["window_days"]
    duplicates = open_duplicates(cases, window)
    ring_facts = simulated_rings(cases) if rings else {}
    contexts = []
    for index, case in enumerate(cases):
        applicant, application = case.pair
        result = parse_nik(applicant.nik, known_codes=known, today=application.submitted_on)
        parsed = result.parsed
        mismatches = (
            [
                d.field
                for d in cross_check(parsed, birth_date=applicant.birth_date, sex=applicant.sex)
            ]
            if parsed
            else []
        )
        facts = {"ring": ring_facts[index]} if index in ring_facts else {}
        contexts.append(
            risk.context_from_records(
                applicant,
                application,
                office_regencies=office,
                nik_valid=result.valid,
                nik_regency=parsed.regency_code if parsed else "",
                nik_mismatches=mismatches,
                other_open_applications=duplicates[index],
                holds_valid_passport=False,
                facts=facts,
            )
        )
    return contexts


def measure_speed(contexts: Sequence[ScreeningContext], policy: risk.Policy) -> None:
    print("(a) Speed of risk.assess, one core")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for ctx in contexts:
            risk.assess(ctx, policy)
        best = min(best, time.perf_counter() - start)
    rate = len(contexts) / best
    print(
        f"    engine, policy compiled once:       {rate:>10,.0f} applications/s  (target >= 5,000)"
    )

    data = risk.policy_to_data(policy)
    sample = contexts[:1000]
    start = time.perf_counter()
    for ctx in sample:
        risk.assess(ctx, risk.policy_from_data(data))
    rebuilt = len(sample) / (time.perf_counter() - start)
    print(
        f"    baseline, policy rebuilt per app:   {rebuilt:>10,.0f} applications/s"
        f"  (x{rate / rebuilt:,.0f} slower; {len(sample):,} apps)"
    )

    text = risk.POLICY_FILE.read_text(encoding="utf-8")
    sample = contexts[:200]
    start = time.perf_counter()
    for ctx in sample:
        risk.assess(ctx, risk.load_policy(text))
    reparsed = len(sample) / (time.perf_counter() - start)
    print(
        f"    baseline, YAML re-parsed per app:   {reparsed:>10,.0f} applications/s"
        f"  (x{rate / reparsed:,.0f} slower; {len(sample):,} apps)"
    )


def share(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part:,}/{whole:,})" if whole else "-"


def measure_quality(
    cases: Sequence[Case], contexts: Sequence[ScreeningContext], results: Sequence[Assessment]
) -> tuple[float, float]:
    print("(b) Recall and false flags on the demo year (action = deep_interview)")
    deep = [r.action is RecommendedAction.DEEP_INTERVIEW for r in results]
    risky = [i for i, case in enumerate(cases) if case.suspicious]
    legit = [i for i, case in enumerate(cases) if not case.suspicious]
    caught = sum(deep[i] for i in risky)
    flagged = sum(deep[i] for i in legit)
    recall = caught / len(risky) if risky else 1.0
    false_rate = flagged / len(legit) if legit else 0.0
    print(f"    recall overall:      {share(caught, len(risky))}   target >= 0.9")
    by_pattern: defaultdict[str, list[int]] = defaultdict(list)
    for i in risky:
        by_pattern[str(cases[i].pattern)].append(i)
    for pattern, indexes in sorted(by_pattern.items()):
        print(f"      {pattern:<22} {share(sum(deep[i] for i in indexes), len(indexes))}")
    print(f"    false flags overall: {share(flagged, len(legit))}   target <= 0.05")
    for label, key in (("purpose", "purpose"), ("sex", "sex"), ("pattern", "pattern")):
        groups: defaultdict[str, list[int]] = defaultdict(list)
        for i in legit:
            value = str(cases[i].pattern) if key == "pattern" else getattr(contexts[i], key)
            groups[value].append(i)
        print(f"      per {label}:")
        for value, indexes in sorted(groups.items()):
            print(f"        {value:<20} {share(sum(deep[i] for i in indexes), len(indexes))}")
    levels = Counter(str(r.level) for r in results)
    print("    levels:", ", ".join(f"{k} {v:,}" for k, v in sorted(levels.items())))
    hits = Counter(code for r in results for code in r.codes)
    legit_hits = Counter(code for i in legit for code in results[i].codes)
    print("    hits per indicator (all / on legitimate applications):")
    print(
        "     ",
        ", ".join(f"{code} {hits[code]}/{legit_hits[code]}" for code in sorted(hits)),
    )
    return recall, false_rate


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-ring", action="store_true", help="leave out the simulated D18 ring facts"
    )
    args = parser.parse_args(argv)

    print(f"Screening benchmark: {pin_to_one_core()}, Python {sys.version.split()[0]}")
    policy = risk.load_policy_file()
    print(f"Policy v{policy.version} from {risk.POLICY_FILE.relative_to(REPO)}")
    start = time.perf_counter()
    cases = synthetic.generate(
        synthetic.read_villages(WILAYAH), years=[args.year], per_year=args.rows, seed=args.seed
    )
    contexts = build_contexts(cases, policy, rings=not args.no_ring)
    ring_count = sum(1 for ctx in contexts if "ring" in ctx.facts)
    print(
        f"Demo data: {len(cases):,} applications ({args.year}, seed {args.seed}), contexts built "
        f"in {time.perf_counter() - start:.1f} s; simulated D18 ring facts on {ring_count:,}"
    )
    print()
    measure_speed(contexts, policy)
    print()
    results = [risk.assess(ctx, policy) for ctx in contexts]
    recall, false_rate = measure_quality(cases, contexts, results)
    met = recall >= 0.9 and false_rate <= 0.05
    print()
    print(
        f"Targets {'met' if met else 'NOT met'}: recall {recall:.3f}, false flags {false_rate:.3f}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
