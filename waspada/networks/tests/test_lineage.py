"""A ring's successor in a later run: the new ring with most of its members.

(Reviews and referrals carried to the successor: waspada/partners/tests/test_rings.py.)"""

from __future__ import annotations

import datetime as dt

from waspada.networks.lineage import Succession, review_sources, successions


def test_a_ring_is_succeeded_by_the_new_ring_holding_most_of_its_members() -> None:
    found = successions(
        {1: {10, 11, 12}, 2: {20, 21}, 3: {30, 31}},
        {7: {10, 11, 40}, 8: {12, 20, 21}, 9: {99, 98}},
    )
    assert found == [Succession(1, 7, 2, 1), Succession(2, 8, 2, 1)]  # ring 3 dissolved


def test_a_tie_goes_to_the_lower_new_ring() -> None:
    assert successions({1: {10, 11}}, {9: {10, 50}, 8: {11, 51}}) == [Succession(1, 8, 1, 1)]


def test_merged_reviews_keep_the_one_sharing_most_then_the_latest() -> None:
    early, late = dt.datetime(2026, 3, 1, tzinfo=dt.UTC), dt.datetime(2026, 3, 5, tzinfo=dt.UTC)
    found = [Succession(1, 7, 3, 2), Succession(2, 7, 2, 3), Succession(3, 8, 2, 0)]
    assert review_sources(found, {1: early, 2: late}) == {7: found[0]}
    tied = [Succession(1, 7, 2, 2), Succession(2, 7, 2, 2)]
    assert review_sources(tied, {1: early, 2: late}) == {7: tied[1]}
    assert review_sources(found, {}) == {}
