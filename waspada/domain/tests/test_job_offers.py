"""The job-offer checker's rules: which warning signs an offer shows, never a guarantee."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from waspada.domain.job_offers import (
    KEPMENAKER_260,
    ArrangedBy,
    Check,
    Contract,
    FeePaidTo,
    Job,
    Offer,
    Recruiter,
    Sign,
    Visa,
    check_offer,
)

# A procedural offer: a licensed agency, a work visa, the contract seen, no fee.
PROPER = Offer(
    destination="TW",
    job=Job.FACTORY,
    monthly_pay=10_000_000,
    fee=0,
    arranged_by=ArrangedBy.AGENCY,
    visa=Visa.WORK,
    contract=Contract.SEEN,
    recruiter=Recruiter.LICENSED_P3MI,
)


def _with(**changes: object) -> Offer:
    values = {**PROPER.__dict__, **changes}
    return Offer(**values)  # type: ignore[arg-type]


def test_a_procedural_offer_shows_no_sign_but_still_asks_to_check_the_job_order() -> None:
    verdict = check_offer(PROPER)
    assert verdict.signs == []
    assert verdict.level == "none"
    assert Check.JOB_ORDER in verdict.checks
    assert Check.LICENSED_STILL_CHECK in verdict.checks


def test_domestic_work_in_every_kepmenaker_260_country_is_closed() -> None:
    assert len(KEPMENAKER_260) == 19
    for country in KEPMENAKER_260:
        verdict = check_offer(_with(destination=country, job=Job.DOMESTIC))
        assert Sign.DOMESTIC_BANNED in verdict.signs
        assert verdict.serious


def test_domestic_work_elsewhere_and_other_jobs_in_saudi_arabia_are_not_the_260_ban() -> None:
    assert Sign.DOMESTIC_BANNED not in check_offer(_with(destination="HK", job=Job.DOMESTIC)).signs
    assert Sign.DOMESTIC_BANNED not in check_offer(_with(destination="SA", job=Job.FACTORY)).signs


def test_any_job_in_cambodia_myanmar_laos_or_thailand_is_non_procedural() -> None:
    for country in ("KH", "MM", "LA", "TH", "kh"):
        assert Sign.NO_AGREEMENT in check_offer(_with(destination=country)).signs
    assert Sign.NO_AGREEMENT not in check_offer(_with(destination="MY")).signs


def test_a_tourist_or_umrah_visa_to_be_converted_later_is_serious() -> None:
    for visa in (Visa.TOURIST, Visa.UMRAH):
        verdict = check_offer(_with(visa=visa))
        assert verdict.signs == [Sign.VISIT_VISA]
        assert verdict.serious


def test_fees_paid_to_a_person_and_fees_for_a_zero_cost_job() -> None:
    to_person = check_offer(_with(fee=5_000_000, fee_paid_to=FeePaidTo.INDIVIDUAL))
    assert Sign.FEE_TO_INDIVIDUAL in to_person.signs
    assert Check.COST_STRUCTURE in to_person.checks
    domestic = check_offer(
        _with(destination="HK", job=Job.DOMESTIC, fee=1_000_000, fee_paid_to=FeePaidTo.AGENCY)
    )
    assert Sign.FEE_FOR_ZERO_COST_JOB in domestic.signs


def test_a_sponsor_or_a_stranger_online_arranging_the_trip_is_a_sign() -> None:
    assert Sign.INFORMAL_RECRUITER in check_offer(_with(arranged_by=ArrangedBy.SPONSOR)).signs
    assert Sign.ONLINE_RECRUITER in check_offer(_with(arranged_by=ArrangedBy.ONLINE)).signs
    assert check_offer(_with(arranged_by=ArrangedBy.GOVERNMENT)).signs == []


def test_a_contract_not_seen_or_promised_for_later_is_serious() -> None:
    for contract in (Contract.NOT_SEEN, Contract.LATER):
        assert Sign.NO_CONTRACT in check_offer(_with(contract=contract)).signs


def test_pay_far_above_what_the_job_pays_is_too_tempting_but_only_a_caution() -> None:
    verdict = check_offer(_with(monthly_pay=60_000_000))
    assert verdict.signs == [Sign.PAY_TOO_HIGH]
    assert verdict.level == "caution"


def test_the_registry_not_knowing_the_recruiter_is_a_check_not_a_sign() -> None:
    verdict = check_offer(_with(recruiter=Recruiter.UNKNOWN))
    assert verdict.signs == []
    assert Check.RECRUITER_UNKNOWN in verdict.checks


def test_an_umrah_organiser_or_an_inactive_licence_placing_workers_is_serious() -> None:
    assert Sign.NOT_A_PLACEMENT_AGENCY in check_offer(_with(recruiter=Recruiter.OTHER_KIND)).signs
    assert Sign.LICENCE_INACTIVE in check_offer(_with(recruiter=Recruiter.INACTIVE)).signs


def test_serious_signs_come_before_cautions() -> None:
    verdict = check_offer(_with(monthly_pay=90_000_000, visa=Visa.TOURIST))
    assert verdict.signs == [Sign.VISIT_VISA, Sign.PAY_TOO_HIGH]


offers = st.builds(
    Offer,
    destination=st.sampled_from(["", "SA", "KH", "MY", "TW", "HK", "zz"]),
    job=st.sampled_from(list(Job)),
    monthly_pay=st.none() | st.integers(min_value=0, max_value=10**12),
    fee=st.none() | st.integers(min_value=0, max_value=10**12),
    fee_paid_to=st.sampled_from(list(FeePaidTo)),
    arranged_by=st.sampled_from(list(ArrangedBy)),
    visa=st.sampled_from(list(Visa)),
    contract=st.sampled_from(list(Contract)),
    recruiter=st.sampled_from(list(Recruiter)),
)


@given(offers)
def test_every_offer_gets_an_answer_with_somewhere_to_check(offer: Offer) -> None:
    verdict = check_offer(offer)
    assert Check.JOB_ORDER in verdict.checks
    assert verdict.level in {"serious", "caution", "none"}
    assert len(set(verdict.signs)) == len(verdict.signs)
