"""Reviews and referrals follow a ring into later runs (the ring with most of its members)."""

from __future__ import annotations

import pytest

from waspada.applications.tests.factories import make_application
from waspada.core.models import User
from waspada.networks import services
from waspada.networks.models import RingCluster
from waspada.networks.queries import latest_run
from waspada.networks.tests.helpers import (
    BROKER_PHONE,
    broker_ring,
    members,
    person,
    second_ring,
)
from waspada.partners import services as partner_services
from waspada.partners.models import Agency, AgencyKind
from waspada.partners.tests.factories import make_agreement

pytestmark = pytest.mark.usefixtures("central_java_regions")


@pytest.fixture
def police() -> Agency:
    agency = Agency.objects.create(name="Polresta Cilacap", kind=AgencyKind.POLICE)
    make_agreement(agency)
    return agency


def test_a_reviewed_and_referred_ring_stays_so_in_a_new_run(
    supervisor: User, police: Agency
) -> None:
    ring = broker_ring(4)
    services.detect_networks()
    [old] = RingCluster.objects.filter(run=latest_run())
    services.review_ring(old, acting_user=supervisor, note="Dirujuk ke polisi")
    referral = partner_services.refer_ring(
        old, agency=police, note="Calo yang sama", acting_user=supervisor
    )
    outcome = services.detect_networks()
    [new] = RingCluster.objects.filter(run=outcome.run)
    assert new.pk != old.pk and members(new.pk) == {a.pk for a in ring}
    assert (new.reviewed_by, new.review_note, new.joined_since_review) == (
        supervisor,
        "Dirujuk ke polisi",
        0,
    )
    referral.refresh_from_db()
    assert referral.ring == new and referral.ring_number == old.pk
    assert outcome.carried == 1
    old.refresh_from_db()
    assert old.reviewed_at is not None, "the old run's history is kept as it was"


def test_a_reviewed_ring_that_merges_says_how_many_joined_since(
    supervisor: User, police: Agency
) -> None:
    first = broker_ring(3)
    second = second_ring(2)
    services.detect_networks()
    reviewed = RingCluster.objects.get(run=latest_run(), size=3)
    services.review_ring(reviewed, acting_user=supervisor, note="Diawasi")
    referral = partner_services.refer_ring(
        reviewed, agency=police, note="Calo yang sama", acting_user=supervisor
    )
    # Saved at the counter with the broker's phone and the second ring's companion.
    bridge = make_application(
        applicant=person("33.05.01.2001", "Penghubung Dua Ring"),
        destination_country="KH",
        sponsor_phone=BROKER_PHONE,
        companion_phone="081900112233",
        companion_relation="Teman",
    )
    [merged] = RingCluster.objects.filter(run=latest_run())
    assert members(merged.pk) == {a.pk for a in [*first, *second, bridge]}
    assert (merged.review_note, merged.joined_since_review) == ("Diawasi", 3)
    assert not RingCluster.objects.filter(pk=reviewed.pk).exists()
    referral.refresh_from_db()
    assert referral.ring == merged
    # The police keep seeing exactly the people referred, not the newcomers.
    assert set(referral.applications.values_list("pk", flat=True)) == {a.pk for a in first}
