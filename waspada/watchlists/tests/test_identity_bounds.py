"""Identity duplicates stay bounded when thousands of applicants look alike."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from waspada.applications.models import Applicant
from waspada.regions.models import Region
from waspada.watchlists import identity

pytestmark = pytest.mark.usefixtures("central_java_regions")

BORN = dt.date(1999, 7, 14)
GIVEN = ["Siti", "Sri", "Dewi", "Nur", "Tri", "Eka", "Putri", "Ayu", "Rina", "Wati"]
FAMILY = ["Aminah", "Lestari", "Rahayu", "Handayani", "Wulandari", "Susanti", "Fitriani"]


def _crowd(size: int) -> list[Applicant]:
    """`size` women born on one day in one town, with a handful of common names."""
    village = Region.objects.get(code="33.01.01.2001")
    people = [
        Applicant(
            nik=f"33010154079{n:05d}",
            full_name=f"{GIVEN[n % len(GIVEN)]} {FAMILY[n // len(GIVEN) % len(FAMILY)]}",
            sex="P",
            birth_place="Kab. Cilacap" if n % 2 else "CILACAP",
            birth_date=BORN,
            address="Jl. Mawar",
            village=village,
        )
        for n in range(size)
    ]
    return Applicant.objects.bulk_create(people)


def test_a_crowd_of_look_alikes_gives_a_few_duplicates_each_in_bounded_time() -> None:
    crowd = _crowd(3000)
    started = time.perf_counter()
    found = identity.find_duplicates(crowd[:500])
    elapsed = time.perf_counter() - started
    per_applicant: dict[int, int] = {}
    for dup in found:
        per_applicant[dup.applicant_id] = per_applicant.get(dup.applicant_id, 0) + 1
    assert max(per_applicant.values(), default=0) <= identity.MAX_DUPLICATES_PER_APPLICANT
    # Pair by pair this is 1.5 million comparisons (minutes); indexed it is seconds.
    assert elapsed < 60, f"{elapsed:.1f} s for 500 applicants among 3,000 look-alikes"


def test_the_same_person_under_another_nik_is_still_found_in_a_large_group() -> None:
    crowd = _crowd(200)
    village = Region.objects.get(code="33.01.01.2001")
    original, again = Applicant.objects.bulk_create(
        [
            Applicant(
                nik="3301015407990501",
                full_name="Kusumawardhani Prameswari",
                sex="P",
                birth_place="Cilacap",
                birth_date=BORN,
                address="Jl. Melati",
                village=village,
            ),
            Applicant(
                nik="3301015407990502",
                full_name="Kusumawardani Prameswari",
                sex="P",
                birth_place="Kabupaten Cilacap",
                birth_date=BORN,
                address="Jl. Melati",
                village=village,
            ),
        ]
    )
    assert len(crowd) + 2 > identity.PAIRWISE_LIMIT
    found = identity.find_duplicates([again])
    others = [dup.other_id for dup in found if dup.kind == "other_nik"]
    assert others == [original.pk]
