"""Which new ring continues which old one (pure: ids in, pairs out; no Django).

A recomputation (a full detection run, or incremental linking replacing the rings a new
application touched) creates new ring rows. What people decided about the old rings -
the review, the referrals to the police - belongs to the same group of people, so it
moves to the new ring that holds most of the old ring's members.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Succession:
    old: int  # old ring id
    new: int  # the new ring holding most of its members
    overlap: int  # members they share
    joined: int  # members of the new ring that were not in the old one


def successions(
    old_members: Mapping[int, Collection[int]],
    new_members: Mapping[int, Collection[int]],
) -> list[Succession]:
    """For every old ring with a member in a new ring: its successor (most shared members;
    ties go to the lower new id, so the answer does not depend on dict order)."""
    ring_of: dict[int, int] = {}
    for ring, members in new_members.items():
        for member in members:
            ring_of[member] = ring
    found: list[Succession] = []
    for old, members in sorted(old_members.items()):
        counts = Counter(ring_of[m] for m in members if m in ring_of)
        if not counts:
            continue  # the ring dissolved: none of its members is linked any more
        new, overlap = min(counts.items(), key=lambda item: (-item[1], item[0]))
        joined = len(set(new_members[new]) - set(members))
        found.append(Succession(old, new, overlap, joined))
    return found


def review_sources(
    found: list[Succession], reviewed_at: Mapping[int, dt.datetime]
) -> dict[int, Succession]:
    """For every new ring succeeding a reviewed old ring: the review it takes over.

    When reviewed rings merge, the one sharing most members with the new ring wins,
    then the most recent review.
    """
    best: dict[int, Succession] = {}
    for succession in found:
        if succession.old not in reviewed_at:
            continue
        current = best.get(succession.new)
        if current is None or (succession.overlap, reviewed_at[succession.old]) > (
            current.overlap,
            reviewed_at[current.old],
        ):
            best[succession.new] = succession
    return best
