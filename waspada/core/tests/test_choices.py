"""Choice lists that mirror the domain stop the program when they drift (also under -O)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from waspada.core.choices import mirror


def test_a_choice_list_that_matches_the_domain_passes() -> None:
    mirror("Purpose", ["work", "tourism"], ("tourism", "work"))
    mirror("Funds", ["self", "sponsor"], ("self", "sponsor"), ordered=True)


def test_a_drifted_choice_list_refuses_to_start_naming_the_difference() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"Purpose .*\['seafarer'\]"):
        mirror("Purpose", ["work", "tourism"], ("tourism", "work", "seafarer"))
    with pytest.raises(ImproperlyConfigured, match="Funds"):
        mirror("Funds", ["sponsor", "self"], ("self", "sponsor"), ordered=True)
