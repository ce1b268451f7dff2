"""The menu and the home-page tiles, filtered by what the user's role may do.

Apps add their pages to NAVIGATION; the policy decides who sees each entry, so a
role never sees a link it would be refused. An app above core may show a count beside
its entry (work waiting: open verification tasks) by registering a function of the user
into `NAV_COUNTS` under the entry's url name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.core.hooks import HookPoint, Panel
from waspada.core.policy import Action, can


@dataclass(frozen=True)
class NavEntry:
    url_name: str
    label: str | Promise
    description: str | Promise
    action: Action


NAVIGATION: list[NavEntry] = [
    NavEntry(
        "application_list",
        _("Applications"),
        _("Find any passport application by name, NIK, number or phone."),
        Action.VIEW_APPLICATIONS,
    ),
    NavEntry(
        "application_register",
        _("Register"),
        _("Register a new passport application at the counter."),
        Action.REGISTER_APPLICATION,
    ),
    NavEntry(
        "screening_queue",
        _("Screening"),
        _("Assessed applications by risk, with the reasons and the questions to ask."),
        Action.VIEW_SCREENING,
    ),
    NavEntry(
        "interview_list",
        _("Interviews"),
        _("Open and recent interviews, and the question bank of the deep interview."),
        Action.VIEW_INTERVIEWS,
    ),
    NavEntry(
        "decision_queue",
        _("Sign-off"),
        _("Decisions waiting for your sign-off, and deferrals with their deadlines."),
        Action.SIGN_OFF_DECISION,
    ),
    NavEntry(
        "policy_list",
        _("Policy"),
        _("The screening indicators, their weights and legal basis; drafts and backtests."),
        Action.VIEW_POLICY,
    ),
    NavEntry(
        "watchlist_list",
        _("Watchlists"),
        _("Travel bans, wanted persons and known brokers; matches to review."),
        Action.VIEW_WATCHLISTS,
    ),
    NavEntry(
        "ring_list",
        _("Rings"),
        _("Recruitment rings: applications sharing a broker's phone, sponsor or companion."),
        Action.VIEW_NETWORKS,
    ),
    NavEntry(
        "verification_list",
        _("Verification"),
        _(
            "Recruiters and organisers the registry does not know yet: verify and register, "
            "mark suspicious or dismiss."
        ),
        Action.VIEW_VERIFICATIONS,
    ),
    NavEntry(
        "disnaker_home",
        _("Disnaker"),
        _(
            "Disnaker passport recommendations: verification requests waiting for an answer "
            "and the registers they are checked against."
        ),
        Action.VIEW_RECOMMENDATIONS,
    ),
    NavEntry(
        "nik_verification_list",
        _("Dukcapil"),
        _(
            "NIK verification requests to Dukcapil: waiting for an answer and answered, "
            "with who answered and how."
        ),
        Action.VIEW_NIK_VERIFICATIONS,
    ),
    NavEntry(
        "report_dashboard",
        _("Reports"),
        _("Figures for a period compared with the one before, and the TPPO-prevention report."),
        Action.VIEW_REPORTS,
    ),
    NavEntry(
        "public_report_queue",
        _("Public reports"),
        _("Reports sent by the public: link, refer to the police or close them."),
        Action.TRIAGE_PUBLIC_REPORTS,
    ),
    NavEntry(
        "article_list",
        _("Articles"),
        _("Campaign articles, announcements and the safe-migration guide of the public site."),
        Action.PUBLISH_ARTICLES,
    ),
    NavEntry(
        "outreach_list",
        _("Outreach"),
        _("The campaign record: outreach activities and media coverage."),
        Action.RECORD_OUTREACH,
    ),
    NavEntry(
        "application_import_list",
        _("Imports"),
        _("Import applications from M-Paspor or SIMKIM files and follow their progress."),
        Action.IMPORT_APPLICATIONS,
    ),
    NavEntry(
        "audit_list",
        _("Audit trail"),
        _("Who did what and when: every change and every login."),
        Action.VIEW_AUDIT,
    ),
    NavEntry(
        "region_browser",
        _("Regions"),
        _("Province, regency, kecamatan and village codes, and the office's working area."),
        Action.VIEW_REGIONS,
    ),
    NavEntry(
        "user_list",
        _("Users"),
        _("Accounts and roles of the office staff and partner agencies."),
        Action.MANAGE_USERS,
    ),
    NavEntry(
        "agency_list",
        _("Agencies"),
        _("Partner agencies: police, manpower office, population registry, NGOs."),
        Action.MANAGE_AGENCIES,
    ),
    NavEntry(
        "referral_list",
        _("Referrals"),
        _("Recruitment rings the immigration office referred to your unit."),
        Action.VIEW_REFERRALS,
    ),
    NavEntry(
        "person_referral_list",
        _("Persons referred"),
        _("Persons the immigration office referred to your agency with their consent."),
        Action.VIEW_PERSON_REFERRALS,
    ),
    NavEntry(
        "case_referral_list",
        _("Reports referred"),
        _("Reports from the public the immigration office referred to your unit."),
        Action.VIEW_REFERRALS,
    ),
    NavEntry(
        "alert_list",
        _("Alerts"),
        _("Wanted persons who applied for a passport and risky rings: alerts to the police."),
        Action.VIEW_ALERTS,
    ),
    NavEntry(
        "submission_create",
        _("Submit to watchlists"),
        _("Submit wanted persons and known brokers for the office's watchlists."),
        Action.SUBMIT_TO_WATCHLISTS,
    ),
    NavEntry(
        "submission_queue",
        _("Police submissions"),
        _("Wanted persons and known brokers the police submitted: accept or reject them."),
        Action.REVIEW_SUBMISSIONS,
    ),
    NavEntry(
        "referral_register",
        _("Referral register"),
        _("Every ring and person referred to partner agencies, their answers, overdue follow-ups."),
        Action.VIEW_REFERRAL_REGISTER,
    ),
]


# Parts of the home page that apps above core add (a partner's open items, agreements
# about to expire): templates included with the page's context, in their order.
HOME_PANELS: HookPoint[Panel] = HookPoint("core.home_panels")

# url name -> how many things wait behind the entry for this user (shown beside it).
NAV_COUNTS: HookPoint[Callable[[Any], int]] = HookPoint("core.nav_counts")


def visible_entries(user: Any) -> list[NavEntry]:
    return [entry for entry in NAVIGATION if can(user, entry.action)]


def entry_count(entry: NavEntry, user: Any) -> int:
    """The count an app shows beside `entry` (0 when none is registered)."""
    count = NAV_COUNTS.get(entry.url_name)
    return count(user) if count is not None else 0


def home_tiles(user: Any) -> list[dict[str, Any]]:
    return [
        {"url": reverse(entry.url_name), "label": entry.label, "description": entry.description}
        for entry in visible_entries(user)
    ]
