"""The checker's words: each warning sign and each check of waspada.domain.job_offers, in the
reader's language (the domain gives codes, the page renders them)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.domain.job_offers import Check, Sign

SIGN_TEXTS: dict[Sign, tuple[Promise, Promise]] = {
    Sign.DOMESTIC_BANNED: (
        _("Domestic work in this country is closed"),
        _(
            "Since 2015 Indonesia places no domestic workers with private employers in this "
            "country (Kepmenaker 260/2015). Any such offer is non-procedural."
        ),
    ),
    Sign.NO_AGREEMENT: (
        _("No placement agreement with this country"),
        _(
            "Indonesia has no agreement to place workers in Cambodia, Myanmar, Laos or "
            "Thailand. Many 'admin' or 'customer service' jobs there are online-scam "
            "compounds where people are held and forced to work."
        ),
    ),
    Sign.VISIT_VISA: (
        _("A tourist or umrah visa for work"),
        _(
            "Nobody may work on a tourist, visit or umrah visa, and it is not 'converted "
            "later'. Workers travel on a work visa, arranged before departure."
        ),
    ),
    Sign.STUDENT_VISA: (
        _("A student visa for a job"),
        _(
            "Internships and 'study while working' offers are used to send people to work "
            "without protection. Check the programme with the school and Disnaker."
        ),
    ),
    Sign.FEE_TO_INDIVIDUAL: (
        _("Money paid to a person"),
        _(
            "Placement costs are never paid in cash to a sponsor, a field agent or a "
            "'staff member'. A licensed agency gives an official receipt."
        ),
    ),
    Sign.FEE_FOR_ZERO_COST_JOB: (
        _("A fee for a job that costs the worker nothing"),
        _(
            "Domestic workers, caregivers, plantation workers and fishing crew pay no "
            "placement cost: the employer pays it (UU 18/2017, BP2MI regulation 9/2020)."
        ),
    ),
    Sign.INFORMAL_RECRUITER: (
        _("Arranged by a sponsor, calo or acquaintance"),
        _(
            "Workers are placed only by a licensed placement agency (P3MI) or the "
            "government. A sponsor or acquaintance who 'arranges everything' is the most "
            "common way into trafficking."
        ),
    ),
    Sign.ONLINE_RECRUITER: (
        _("An offer from social media or a chat group"),
        _(
            "Offers from strangers on social media or in chat groups are a common lure. "
            "Real vacancies are registered with Disnaker."
        ),
    ),
    Sign.NO_CONTRACT: (
        _("No work agreement seen"),
        _(
            "A worker signs the work agreement before leaving, in front of an official, "
            "and keeps a copy. 'You will sign it there' leaves you without protection."
        ),
    ),
    Sign.PAY_TOO_HIGH: (
        _("Pay that is too tempting"),
        _(
            "The promised pay is far above what this job usually pays abroad. An offer that "
            "is too good to be true is how most victims are lured."
        ),
    ),
    Sign.NOT_A_PLACEMENT_AGENCY: (
        _("Not a placement agency"),
        _(
            "The office's registry knows this licence as an umrah or hajj organiser, not a "
            "migrant-worker placement agency. It may not send workers abroad."
        ),
    ),
    Sign.LICENCE_INACTIVE: (
        _("A licence that is no longer active"),
        _("The office's registry lists this agency as no longer active."),
    ),
}

CHECK_TEXTS: dict[Check, Promise] = {
    Check.RECRUITER_UNKNOWN: _(
        "The office's registry does not know this recruiter. That does not prove it is "
        "illegal (the registry is not complete): check the licence with Disnaker of your "
        "regency or on the BP2MI website before paying or handing over documents."
    ),
    Check.RECRUITER_MISSING: _(
        "Ask for the name and licence number of the placement agency (P3MI), and check "
        "them with Disnaker of your regency."
    ),
    Check.LICENSED_STILL_CHECK: _(
        "The office's registry knows this agency as a licensed placement agency. Still "
        "check that the job offer itself is registered with Disnaker: people sometimes use "
        "a real agency's name."
    ),
    Check.JOB_ORDER: _(
        "Register at Disnaker of your regency and ask whether the job order and the "
        "employer are registered; read the work agreement before you sign it."
    ),
    Check.COST_STRUCTURE: _(
        "Ask Disnaker for the official placement cost for this country and job; pay only "
        "what is in it, to the agency's account, with a receipt."
    ),
    Check.DESTINATION: _(
        "Ask exactly which country, city and employer the job is with. An offer that "
        "will not name them is a warning sign by itself."
    ),
}
