"""Identity duplicates stay bounded when thousands of applicants look alike."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from waspada.applications.models import Applicant, identity_keys
from waspada.regions.models import Region
from waspada.watchlists import identity
from waspada.watchlists.models import IdentityDuplicate

pytestmark = pytest.mark.usefixtures("central_java_regions")

BORN = dt.date(1999, 7, 14)
GIVEN = ["Siti", "Sri", "Dewi", "Nur", "Tri", "Eka", "Putri", "Ayu", "Rina", "Wati"]
FAMILY = ["Aminah", "Lestari", "Rahayu", "Handayani", "Wulandari", "Susanti", "Fitriani"]
COMMON_NAMES = [f"{given} {family}" for family in FAMILY for given in GIVEN]


def _applicant(
    nik: str, full_name: str, birth_place: str, born: dt.date, village: Region | None = None
) -> Applicant:
    """An unsaved applicant with its keys set, as the import writes it (bulk_create does
    not go through `Applicant.save`)."""
    return Applicant(
        nik=nik,
        full_name=full_name,
        sex="P",
        birth_place=birth_place,
        birth_date=born,
        address="Jl. Mawar",
        village=village or Region.objects.get(code="33.01.01.2001"),
        **identity_keys(full_name, birth_place),
    )


def _crowd(
    size: int, *, born: dt.date = BORN, names: Sequence[str] = COMMON_NAMES
) -> list[Applicant]:
    """`size` women born on one day in one town, with a handful of common names."""
    village = Region.objects.get(code="33.01.01.2001")
    people = [
        _applicant(
            f"330101{born.day + 40}{born:%m%y}{n:04d}",  # a woman's NIK: day + 40
            names[n % len(names)],
            "Kab. Cilacap" if n % 2 else "CILACAP",
            born,
            village,
        )
        for n in range(size)
    ]
    return Applicant.objects.bulk_create(people)


@contextmanager
def _applicants_read() -> Iterator[list[int]]:
    """Counts the applicants read from the database inside the block."""
    count = [0]

    def seen(sender: type[Applicant], **kwargs: Any) -> None:
        count[0] += 1

    post_init.connect(seen, sender=Applicant)
    try:
        yield count
    finally:
        post_init.disconnect(seen, sender=Applicant)


def _per_applicant(found: Sequence[IdentityDuplicate]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for dup in found:
        counts[dup.applicant_id] = counts.get(dup.applicant_id, 0) + 1
    return counts


def test_a_crowd_of_look_alikes_gives_a_few_duplicates_each_in_bounded_time() -> None:
    crowd = _crowd(3000)
    started = time.perf_counter()
    found = identity.find_duplicates(crowd[:500])
    elapsed = time.perf_counter() - started
    per_applicant = _per_applicant(found)
    # Every one of them has namesakes born the same day in the same town: a few each.
    assert len(per_applicant) == 500
    assert max(per_applicant.values()) == identity.MAX_DUPLICATES_PER_APPLICANT
    # Pair by pair this is 1.5 million comparisons (minutes); bounded it is seconds.
    assert elapsed < 60, f"{elapsed:.1f} s for 500 applicants among 3,000 look-alikes"


def test_a_batch_costs_no_more_in_a_crowd_of_4000_than_in_one_of_1000() -> None:
    # Ten names: every name is carried by a hundred people or more in both crowds.
    small = _crowd(1000, born=BORN, names=GIVEN)
    large = _crowd(4000, born=BORN + dt.timedelta(days=1), names=GIVEN)
    assert len(small) > identity.CROWD_LIMIT

    def screen(batch: list[Applicant]) -> tuple[int, int, list[IdentityDuplicate]]:
        with CaptureQueriesContext(connection) as queries, _applicants_read() as read:
            found = identity.sync_duplicates(batch)
        return len(queries), read[0], found

    # The newest fifty of each crowd, as an import screens the batch it has just saved.
    queries_small, read_small, found_small = screen(small[-50:])
    queries_large, read_large, found_large = screen(large[-50:])
    assert queries_large == queries_small
    assert read_large == read_small <= len(GIVEN) * identity.CANDIDATES_PER_APPLICANT
    for found in (found_small, found_large):
        per_applicant = _per_applicant(found)
        assert len(per_applicant) == 50
        assert set(per_applicant.values()) == {identity.MAX_DUPLICATES_PER_APPLICANT}


@pytest.mark.parametrize("crowd_size", [200, identity.CROWD_LIMIT + 100])
def test_the_same_person_under_another_nik_is_still_found_in_a_large_group(
    crowd_size: int,
) -> None:
    crowd = _crowd(crowd_size)
    original, again = Applicant.objects.bulk_create(
        [
            _applicant("3301015407999501", "Kusumawardhani Prameswari", "Cilacap", BORN),
            _applicant("3301015407999502", "Kusumawardani Prameswari", "Kabupaten Cilacap", BORN),
        ]
    )
    assert len(crowd) + 2 > identity.PAIRWISE_LIMIT
    found = identity.find_duplicates([again])
    others = [dup.other_id for dup in found if dup.kind == "other_nik"]
    assert others == [original.pk]
