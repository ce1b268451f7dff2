"""Network benchmark: Waspada's ring detection and a networkx baseline side by side.

    .venv/bin/python bench/networks/run.py                          # 3,000,000 applications
    .venv/bin/python bench/networks/run.py --applications 300000 --regenerate

Generates (or reuses) a national year with generate.py under
var/bench/networks/<applications>/, then runs each system in its own subprocess, so that
each one's time and peak memory (VmHWM) are its own:

- Waspada: `waspada.domain.network.detect_table`, the code `waspada detect-networks` runs,
  from the applications' columns to scored clusters: keys (normalised once per distinct
  value), buckets and star links (Polars), components (SciPy sparse graph), the break-up
  of giant clusters, per-cluster aggregates and scores. Its peak memory includes the input
  table. Afterwards (not timed) it writes its links to `links.npy` and measures what it
  found against what was planted.
- Baseline: a networkx Graph built from the same links (the star links
  Waspada's buckets gave, before any break-up), then `nx.connected_components`. It gets the
  links ready-made, so it is timed on the graph step only; its components must be
  Waspada's components before the break-up (checked).

A planted ring is found when one risky cluster holds at least half of its members (and at
least two). A family group, or a group led by an organiser the registry does not list
(pilgrims of a PPIU, tourists with a tour leader, workers of a P3MI), is wrongly flagged
when any member is in a risky cluster.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO))

from waspada.domain import network  # noqa: E402

FAMILY, RING, ORGANISED = 1, 2, 4
TARGET_SECONDS, TARGET_MB, TARGET_SPEEDUP = 60.0, 4096.0, 10.0
TARGET_RINGS, TARGET_FAMILIES, TARGET_ORGANISED = 0.95, 0.01, 0.01


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM, not inherited across exec) in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def registry(data: Path) -> network.Registry:
    rows = json.loads((data / "organisers.json").read_text())
    return network.Registry.of(
        network.Organiser(row["kind"], row["name"], row["licence_no"], tuple(row["phones"]))
        for row in rows
    )


# --- Waspada ------------------------------------------------------------------------------------


def run_waspada(data: Path) -> dict[str, Any]:
    table = network.ApplicationTable.from_frames(
        pl.read_parquet(data / "applications.parquet"), pl.read_parquet(data / "parties.parquet")
    )
    truth = pl.read_parquet(data / "truth.parquet")
    flagged = set(table.applications.filter(truth["flagged"])["id"].to_list())
    organisers = registry(data)
    loaded = peak_mb()
    timings: dict[str, float] = {}
    start, cpu = time.perf_counter(), time.process_time()
    found = network.detect_table(table, registry=organisers, flagged=flagged, timings=timings)
    seconds = time.perf_counter() - start
    # CPU seconds of all its threads: on a machine shared with other jobs, the figure that
    # moves least with their load (the wall time moves most).
    cpu = time.process_time() - cpu
    peak = peak_mb()

    np.save(data / "links.npy", found.edges.select("src", "dst").to_numpy())
    clusters = found.clusters
    ring_clusters = clusters.filter(pl.col("organiser").is_null())
    before = Counter(ring_clusters["size"].to_list())
    for breakup in found.breakups:  # the components the baseline must find
        before.subtract(breakup.parts)
        before[breakup.size] += 1
    return {
        "applications": len(table),
        "seconds": seconds,
        "cpu_seconds": cpu,
        "load": os.getloadavg()[0],  # the machine's, over the last minute of the run
        "timings": timings,
        "peak_mb": peak,
        "input_mb": loaded,
        "links": found.edges.height,
        "clusters": clusters.height,
        "risky": int(clusters["risky"].sum()),
        "benign": int(clusters["benign"].sum()),
        "organiser_clusters": clusters.height - ring_clusters.height,
        "largest": int(ring_clusters.select(pl.col("size").max()).item() or 0),
        "hubs": sum(1 for hub in found.hubs if not hub.cut_from),
        "top_hubs": [hub.describe() for hub in found.hubs if not hub.cut_from][:5],
        "breakups": [
            {
                "size": b.size,
                "parts": len(b.parts),
                "largest_part": max(b.parts, default=0),
                "cut": len(b.cut),
                "cut_kinds": dict(Counter(h.kind for h in b.cut)),
            }
            for b in found.breakups
        ],
        "components_before_breakup": {str(k): v for k, v in before.items() if v},
        **quality(found, truth),
    }


def quality(found: network.ClusterTable, truth: pl.DataFrame) -> dict[str, Any]:
    risky = found.members.join(
        found.clusters.filter(pl.col("risky")).select("cluster"), on="cluster"
    ).select("row", "cluster")
    rings = truth.filter(pl.col("pattern") == RING)
    sizes = rings.group_by("group").agg(size=pl.len())
    best = (
        rings.join(risky, on="row")
        .group_by("group", "cluster")
        .agg(held=pl.len())
        .group_by("group")
        .agg(held=pl.col("held").max())
    )
    recovered = sizes.join(best, on="group", how="left").with_columns(
        found=pl.col("held").fill_null(0) >= pl.max_horizontal(2, (pl.col("size") + 1) // 2)
    )
    risky_rows = risky["row"].n_unique()
    planted = truth.filter(pl.col("pattern") == RING).height
    families, families_flagged = groups_flagged(truth, FAMILY, risky)
    organised, organised_flagged = groups_flagged(truth, ORGANISED, risky)
    return {
        "rings": recovered.height,
        "rings_found": int(recovered["found"].sum()),
        "families": families,
        "families_flagged": families_flagged,
        "organised": organised,
        "organised_flagged": organised_flagged,
        "risky_members": risky_rows,
        "risky_members_planted": int(rings.join(risky, on="row").height),
        "planted_members": planted,
    }


def groups_flagged(truth: pl.DataFrame, pattern: int, risky: pl.DataFrame) -> tuple[int, int]:
    """How many planted groups of a benign pattern there are, and how many have a member in
    a risky cluster."""
    flagged = (
        truth.filter(pl.col("pattern") == pattern)
        .with_columns(risky=pl.col("row").is_in(risky["row"].implode()))
        .group_by("group")
        .agg(pl.col("risky").any())
    )
    return flagged.height, int(flagged["risky"].sum())


# --- Baseline -----------------------------------------------------------------------------------


def run_networkx(data: Path) -> dict[str, Any]:
    import networkx as nx

    links = np.load(data / "links.npy")
    loaded = peak_mb()
    start = time.perf_counter()
    graph = nx.Graph()
    graph.add_edges_from(zip(links[:, 0].tolist(), links[:, 1].tolist(), strict=True))
    built = time.perf_counter() - start
    sizes = Counter(len(component) for component in nx.connected_components(graph))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "build_seconds": built,
        "peak_mb": peak_mb(),
        "input_mb": loaded,
        "links": len(links),
        "components": {str(k): v for k, v in sizes.items()},
    }


# --- Driver -------------------------------------------------------------------------------------


def child(system: str, data: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", system, "--data", str(data)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(w: dict[str, Any], b: dict[str, Any]) -> None:
    n = w["applications"]
    steps = ", ".join(f"{name} {seconds:.1f}" for name, seconds in w["timings"].items())
    same = b["components"] == w["components_before_breakup"]
    rings = w["rings_found"] / max(1, w["rings"])
    families = w["families_flagged"] / max(1, w["families"])
    organised = w["organised_flagged"] / max(1, w["organised"])
    # The step both systems do: from the same links to clusters (Waspada: its sparse graph,
    # components and the break-up of giants; networkx: Graph + connected_components).
    clustering = w["timings"]["components"] + w["timings"]["breakup"]
    speedup = b["seconds"] / clustering
    print(f"applications: {n:,}; links (star links of the joining buckets): {w['links']:,}")
    print(
        f"waspada:  {w['seconds']:.1f} s end to end ({steps} s; CPU {w['cpu_seconds']:.1f} s, "
        f"load average {w['load']:.1f}); peak {w['peak_mb']:,.0f} MB "
        f"(input table alone {w['input_mb']:,.0f} MB)"
    )
    print(
        f"networkx: {b['seconds']:.1f} s for Graph + connected_components on the same links "
        f"(graph build {b['build_seconds']:.1f} s); peak {b['peak_mb']:,.0f} MB "
        f"(links alone {b['input_mb']:,.0f} MB)"
    )
    print(
        f"links -> clusters: waspada {clustering:.2f} s (components + break-up) vs networkx "
        f"{b['seconds']:.1f} s: {speedup:.0f}x faster; same components: {'yes' if same else 'NO'}; "
        f"waspada end to end is {w['seconds'] / b['seconds']:.1f}x networkx's graph step alone"
    )
    print(
        f"clusters: {w['clusters']:,} ({w['risky']:,} risky, {w['benign']:,} benign, "
        f"{w['organiser_clusters']:,} licensed organisers), largest {w['largest']}; "
        f"hubs: {w['hubs']}"
    )
    for hub in w["top_hubs"]:
        print(f"  hub: {hub}")
    for breakup in w["breakups"][:3]:
        print(
            f"  giant broken up: {breakup['size']} -> {breakup['parts']} parts (largest "
            f"{breakup['largest_part']}), {breakup['cut']} values cut {breakup['cut_kinds']}"
        )
    cut = Counter[str]()
    for breakup in w["breakups"]:
        cut.update(breakup["cut_kinds"])
    print(f"  giants broken up: {len(w['breakups'])}, values cut: {dict(cut)}")
    print(
        f"planted rings found: {w['rings_found']:,}/{w['rings']:,} ({100 * rings:.1f} %); "
        f"family groups flagged: {w['families_flagged']:,}/{w['families']:,} "
        f"({100 * families:.3f} %); unregistered organiser-led groups flagged: "
        f"{w['organised_flagged']:,}/{w['organised']:,} ({100 * organised:.3f} %)"
    )
    print(
        f"risky-cluster members: {w['risky_members']:,}, of them planted ring members "
        f"{w['risky_members_planted']:,} (of {w['planted_members']:,} planted)"
    )
    checks = {
        f"waspada <= {TARGET_SECONDS:.0f} s": w["seconds"] <= TARGET_SECONDS,
        f"waspada <= {TARGET_MB / 1024:.0f} GB": w["peak_mb"] <= TARGET_MB,
        f">= {TARGET_SPEEDUP:.0f}x faster than networkx (links -> clusters)": (
            speedup >= TARGET_SPEEDUP
        ),
        f">= {100 * TARGET_RINGS:.0f} % rings found": rings >= TARGET_RINGS,
        f"<= {100 * TARGET_FAMILIES:.0f} % families flagged": families <= TARGET_FAMILIES,
        # Data generated before the organiser-led groups were planted holds none of them.
        f"<= {100 * TARGET_ORGANISED:.0f} % unregistered organiser-led groups flagged": (
            w["organised"] > 0 and organised <= TARGET_ORGANISED
        ),
        "same components": same,
    }
    print("targets: " + "; ".join(f"{k} {'met' if ok else 'MISSED'}" for k, ok in checks.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applications", type=int, default=3_000_000)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument("--data", type=Path)
    parser.add_argument("--child", choices=("waspada", "networkx"))
    args = parser.parse_args()
    data = args.data or REPO / "var" / "bench" / "networks" / str(args.applications)
    if args.child:
        run = run_waspada if args.child == "waspada" else run_networkx
        print(json.dumps(run(data)))
        return
    if args.regenerate or not (data / "truth.parquet").exists():
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--applications",
                str(args.applications),
                "--seed",
                str(args.seed),
                "--out",
                str(data),
            ],
            check=True,
        )
        print(
            f"generated {args.applications:,} applications in {time.perf_counter() - start:.0f} s"
        )
    waspada = child("waspada", data)
    baseline = child("networkx", data)
    report(waspada, baseline)


if __name__ == "__main__":
    main()
