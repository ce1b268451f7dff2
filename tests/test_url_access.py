"""Every URL pattern, for anonymous users and every role: exactly what the policy allows.

The table below must name every URL: a new page without an entry fails this test,
so nobody can add a page and forget to decide who may see it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.url_access import CASEWORK, EVERYONE, PERSONAS, STAFF, app_tables
from waspada.applications.models import ImportJob
from waspada.applications.tests.factories import make_application
from waspada.core.models import NotificationKind, User
from waspada.core.notifications import notify
from waspada.screening.models import BacktestRun, PolicyVersion, ScreeningRun
from waspada.screening.policies import version_in_force

# url name -> the personas that get the page (GET). Anonymous users are sent to the
# login page for every protected URL. "public" pages answer everybody.
ACCESS: dict[str, set[str] | str] = {
    "home": EVERYONE,
    "login": "public",
    "healthz": "public",
    "set_language": "public",
    "logout": "post-only",
    "login_verify": "sign-in-step",
    "login_enrol": "sign-in-step",
    "password_change": EVERYONE,
    "account_security": EVERYONE,
    "notification_list": EVERYONE,
    "notification_open": "post-only",
    "notification_read_all": "post-only",
    "audit_list": {"supervisor", "head_of_office", "auditor"},
    "user_list": {"admin"},
    "user_create": {"admin"},
    "user_edit": {"admin"},
    "user_set_password": {"admin"},
    "user_unblock": "post-only",
    "user_reset_two_factor": "post-only",
    "agency_list": {"admin"},
    "agency_create": {"admin"},
    "agency_edit": {"admin"},
    "region_browser": STAFF,
    "region_picker": STAFF,
    "office_edit": {"admin"},
    "application_list": CASEWORK,
    "application_register": {"intake_officer", "supervisor"},
    "nik_check": {"intake_officer", "supervisor"},
    "documents_checklist": {"intake_officer", "supervisor"},
    "application_detail": CASEWORK,
    "application_registered": {"intake_officer", "supervisor"},
    "application_receipt": {"intake_officer", "supervisor"},
    "application_by_id": CASEWORK,
    "applicant_detail": CASEWORK,
    "application_import": {"supervisor"},
    "application_import_list": {"supervisor"},
    "application_import_job": {"supervisor"},
    "application_import_problems": {"supervisor"},
    "application_export": {"supervisor", "head_of_office"},
    "screening_queue": CASEWORK,
    "screening_run": CASEWORK,
    "policy_list": {"supervisor", "head_of_office", "auditor"},
    "policy_detail": {"supervisor", "head_of_office", "auditor"},
    "policy_draft": "post-only",
    "policy_edit": {"supervisor"},
    "policy_backtest": {"supervisor"},
    "policy_backtest_run": {"supervisor"},
    "policy_publish": {"supervisor"},
    "watchlist_list": {"supervisor", "head_of_office", "interviewer", "auditor"},
    "watchlist_create": {"supervisor"},
    "watchlist_import": {"supervisor"},
    "watchlist_detail": {"supervisor", "head_of_office", "interviewer", "auditor"},
    "watchlist_edit": {"supervisor"},
    "ring_list": {"supervisor", "head_of_office", "interviewer", "auditor"},
    "ring_detail": {"supervisor", "head_of_office", "interviewer", "auditor"},
    "ring_review": "post-only",
    "watchlist_entry_add": {"supervisor"},
    "watchlist_entry_edit": {"supervisor"},
    "watchlist_entry_deactivate": "post-only",
    "watchlist_match_queue": {"supervisor", "interviewer"},
    "watchlist_match_review": "post-only",
}
# Pages that answer those allowed with a redirect to the page they stand for.
REDIRECTING = {"application_by_id"}
# Later apps keep their rows (and how to build their URLs) in tests/url_access/<app>.py.
for _table in app_tables():
    ACCESS.update(_table.ACCESS)


def _walk(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry.name


def _url(name: str, target: User) -> str:
    for table in app_tables():
        if name in table.ACCESS:
            return table.url(name, target)
    if name == "notification_open":
        (note,) = notify([target], NotificationKind.INTERVIEW_ASSIGNED, subject="X", url="/")
        return reverse(name, args=[note.pk])
    if name in {"ring_detail", "ring_review"}:
        from waspada.networks.models import DetectionRun, RingCluster

        run = DetectionRun.objects.create()
        return reverse(name, args=[RingCluster.objects.create(run=run, size=2, score=70).pk])
    if name == "screening_run":
        return reverse(name, args=[ScreeningRun.objects.create(trigger="manual").pk])
    if name in {"policy_detail", "policy_draft"}:
        return reverse(name, args=[version_in_force().number])
    if name in {"policy_edit", "policy_backtest", "policy_publish", "policy_backtest_run"}:
        current = version_in_force()
        draft, _ = PolicyVersion.objects.get_or_create(
            number=current.number + 1, defaults={"data": current.data}
        )
        if name == "policy_backtest_run":
            backtest = BacktestRun.objects.create(
                draft=draft, draft_data=draft.data, in_force=current
            )
            return reverse(name, args=[draft.number, backtest.pk])
        return reverse(name, args=[draft.number])
    if name in {"application_import_job", "application_import_problems"}:
        return reverse(name, args=[ImportJob.objects.create(filename="x.csv").pk])
    if name in {
        "application_detail",
        "applicant_detail",
        "application_by_id",
        "application_registered",
        "application_receipt",
    }:
        application = make_application()
        if name == "applicant_detail":
            return reverse(name, args=[application.applicant.nik])
        if name == "application_by_id":
            return reverse(name, args=[application.pk])
        return reverse(name, args=[application.application_no])
    if name.startswith("watchlist_") and name not in {
        "watchlist_list",
        "watchlist_create",
        "watchlist_import",
        "watchlist_match_queue",
    }:
        return _watchlist_url(name)
    if name in {"user_edit", "user_set_password", "user_unblock", "user_reset_two_factor"}:
        return reverse(name, args=[target.pk])
    if name == "agency_edit":
        assert target.agency_id is not None
        return reverse(name, args=[target.agency_id])
    return reverse(name)


def _watchlist_url(name: str) -> str:
    from waspada.watchlists.models import Watchlist, WatchlistEntry, WatchlistMatch

    watchlist = Watchlist.objects.create(name=f"List {name}", list_type="cekal")
    if name in {"watchlist_detail", "watchlist_entry_add", "watchlist_edit"}:
        return reverse(name, args=[watchlist.pk])
    entry = WatchlistEntry.objects.create(watchlist=watchlist, external_id="1", full_name="X Y")
    if name == "watchlist_match_review":
        match = WatchlistMatch.objects.create(
            entry=entry,
            application=make_application(),
            role="applicant",
            name="X Y",
            score=0.9,
            level="likely",
            entry_version=entry.updated_at,
        )
        return reverse(name, args=[match.pk])
    return reverse(name, args=[entry.pk])


def test_every_url_pattern_has_an_access_rule() -> None:
    names = set(_walk(get_resolver()))
    assert names == set(ACCESS), "Add new URLs to ACCESS with the roles allowed to see them"


@pytest.mark.parametrize("name", sorted(ACCESS))
def test_url_access_matches_the_policy(
    name: str, personas: dict[str, User], central_java_regions: None
) -> None:
    rule = ACCESS[name]
    # A user the admin may act on, who belongs to an agency (for the agency page).
    target = personas["partner"]
    url = _url(name, target)

    anonymous = Client().get(url)
    if rule == "api":  # keys, not sessions: refused alike to anonymous and signed-in users
        from tests.url_access.api import API_STATUS

        for persona in PERSONAS:
            client = Client()
            client.force_login(personas[persona])
            assert client.get(url).status_code == API_STATUS[name], f"{persona} GET {url}"
        assert anonymous.status_code == API_STATUS[name]
        return
    if rule == "public":
        assert anonymous.status_code in {200, 302}
        assert "/login/" not in anonymous.get("Location", "")
        return
    if rule == "sign-in-step":
        # Only after the password step of a sign-in; otherwise back to the login page.
        assert anonymous.status_code == 302 and anonymous["Location"] == reverse("login")
        return
    if rule == "post-only":
        for persona in PERSONAS:
            client = Client()
            client.force_login(personas[persona])
            assert client.get(url).status_code == 405
        return

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    assert isinstance(rule, set)
    for persona in PERSONAS:
        client = Client()
        client.force_login(personas[persona])
        expected = (302 if name in REDIRECTING else 200) if persona in rule else 403
        status = client.get(url).status_code
        assert status == expected, f"{persona} GET {url}: {status}, expected {expected}"
