"""Benchmark of ring detection (waspada.domain.network) on demo-generator applications.

    .venv/bin/python bench/bench_networks.py [N]        # default 100,000

Builds N applications with the demo generator (real village codes, families at one
address, PPIU office phones, planted broker rings), converts them to `ApplicationNode`s
and times, in one run:

- Waspada: bucket keys + union-find components + scoring of every cluster;
- a baseline: naive all-pairs comparison of the same keys on a 5,000 sample, extrapolated
  quadratically to N.

It also prints the share of planted rings found (a risky cluster holding at least two of
the ring's members) and of family groups wrongly flagged (a family member in a risky ring).
"""

from __future__ import annotations

import csv
import itertools
import random
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from waspada.applications.demo_data import (  # noqa: E402
    LICENSED_P3MI,
    LICENSED_PPIU,
    DemoCase,
    Pattern,
    Village,
    generate,
)
from waspada.domain import network  # noqa: E402

WILAYAH = ROOT / "waspada" / "regions" / "data" / "wilayah.csv"
REGENCIES = {"33.01", "33.02", "33.03", "33.04", "33.05"}


def villages() -> list[Village]:
    with WILAYAH.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["kode"][:5] in REGENCIES]
    names = {row["kode"]: row["nama"] for row in rows}
    return [
        Village(row["kode"], row["nama"], names[row["kode"].rsplit(".", 1)[0]])
        for row in rows
        if row["tingkat"] == "desa_kelurahan"
    ]


def to_node(index: int, case: DemoCase) -> network.ApplicationNode:
    person, app = case.applicant, case.application
    return network.ApplicationNode(
        id=index,
        application_no=app.application_no,
        applicant_name=person.full_name,
        phone=person.phone,
        address=person.address,
        village_code=person.village_code,
        submitted_on=app.submitted_on,
        destination=app.destination_country,
        purpose=app.purpose,
        employer=app.employer_name,
        parties=(
            network.Party("sponsor", app.sponsor_name, app.sponsor_phone, app.sponsor_relation),
            network.Party(
                "companion", app.companion_name, app.companion_phone, app.companion_relation
            ),
            network.Party("recruiter", app.recruiter_name, license_no=app.recruiter_license_no),
        ),
    )


def registry() -> network.Registry:
    return network.Registry.of(
        network.Organiser(kind, org.name, org.license_no, (org.phone,))
        for kind, orgs in (("ppiu", LICENSED_PPIU), ("p3mi", LICENSED_P3MI))
        for org in orgs
    )


def naive_pairs(nodes: list[network.ApplicationNode]) -> int:
    keys = [{key for key, _, _ in network.node_keys(node)} for node in nodes]
    found = 0
    for a, b in itertools.combinations(range(len(nodes)), 2):
        if keys[a] & keys[b]:
            found += 1
    return found


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    start = time.perf_counter()
    years = max(1, round(n / 30_000))
    cases = generate(villages(), years=range(2020, 2020 + years), per_year=n // years, seed=1)
    nodes = [to_node(i, case) for i, case in enumerate(cases)]
    print(f"generated {len(nodes):,} applications in {time.perf_counter() - start:.1f} s")

    reg = registry()
    start = time.perf_counter()
    result = network.detect(nodes, registry=reg)
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    risky = [c for c in result.clusters if c.score.risky]
    print(
        f"waspada: {took:.2f} s, process peak RSS {peak / 1e6:.0f} MB (incl. generator), "
        f"{result.links:,} links, "
        f"{len(result.clusters):,} clusters, {len(risky):,} risky, {len(result.hubs)} hubs"
    )
    for hub in result.hubs[:5]:
        print(f"  hub: {hub.kind} {hub.value} ({hub.size})")

    in_risky: dict[int, int] = {}
    for number, cluster in enumerate(risky):
        for member in cluster.members:
            in_risky[member] = number
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, case in enumerate(cases):
        if case.group:
            groups[(case.pattern, case.group)].append(i)
    rings = [m for (pattern, _), m in groups.items() if pattern == Pattern.RING]
    families = [m for (pattern, _), m in groups.items() if pattern == Pattern.FAMILY]

    def recovered(members: list[int]) -> bool:
        counts: dict[int, int] = defaultdict(int)
        for m in members:
            if m in in_risky:
                counts[in_risky[m]] += 1
        return max(counts.values(), default=0) >= 2

    found = sum(1 for members in rings if recovered(members))
    flagged = sum(1 for members in families if any(m in in_risky for m in members))
    print(
        f"planted rings found: {found}/{len(rings)} ({100 * found / max(1, len(rings)):.1f} %); "
        f"family groups flagged: {flagged}/{len(families)} "
        f"({100 * flagged / max(1, len(families)):.2f} %)"
    )

    sample = random.Random(1).sample(nodes, min(5_000, len(nodes)))
    start = time.perf_counter()
    pairs = naive_pairs(sample)
    naive = time.perf_counter() - start
    factor = (len(nodes) / len(sample)) ** 2
    print(
        f"baseline all-pairs: {naive:.1f} s for {len(sample):,} ({pairs:,} linked pairs), "
        f"extrapolated {naive * factor:,.0f} s for {len(nodes):,} "
        f"({naive * factor / took:,.0f}x slower)"
    )


if __name__ == "__main__":
    main()
