"""`waspada demo`: the data it saves, its idempotence, its options and messages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from pytest_django.fixtures import Settings

from waspada import synthetic
from waspada.applications.models import Applicant, PassportApplication, StatusChange
from waspada.applications.records import identity_values, record_values
from waspada.core.models import AuditEvent, User
from waspada.networks.models import LicensedOrganiser
from waspada.regions import services as region_services
from waspada.regions.models import Level, Region

WILAYAH = region_services.WILAYAH_CSV


@pytest.fixture(scope="module")
def small() -> list[synthetic.Case]:
    return synthetic.generate(
        synthetic.read_villages(WILAYAH), years=[2023, 2024], per_year=1500, seed=7
    )


@pytest.mark.django_db
def test_every_generated_pair_is_a_valid_exchange_row(
    central_java_regions: None, small: list[synthetic.Case]
) -> None:
    from waspada.applications.exchange import parse_row, record_to_row

    known = set(
        Region.objects.filter(level=Level.VILLAGE, code__startswith="33.").values_list(
            "code", flat=True
        )
    )
    today = timezone.localdate()
    for number, case in enumerate(small, start=2):
        applicant = Applicant(**record_values(case.applicant))
        application = PassportApplication(
            **record_values(case.application), **identity_values(case.applicant)
        )
        result = parse_row(number, record_to_row(applicant, application), known_villages=known)
        assert not isinstance(result, list), [str(error) for error in result]
        parsed_applicant, parsed_application = result
        assert parsed_applicant == case.applicant
        # The exchange format has no application type; everything else survives.
        parsed_application.application_type = case.application.application_type
        assert parsed_application == case.application
        assert case.application.submitted_on <= today


def _counts() -> tuple[int, int, int, int]:
    return (
        Applicant.objects.count(),
        PassportApplication.objects.count(),
        StatusChange.objects.count(),
        AuditEvent.objects.count(),
    )


def _demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, verbosity=0, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_command_is_idempotent_and_creates_the_demo_users(
    central_java_regions: None, settings: Settings
) -> None:
    settings.LANGUAGE_CODE = "en"
    output = _demo("--years", "2024-2025", "--per-year", "300", "--seed", "3")
    first = _counts()
    assert first[1] == 600
    assert "600 created" in output
    assert "loket-demo-2026" in output
    assert User.objects.filter(username="kasi").exists()
    # Every demo agency may be shared with: an agreement in force, recorded once.
    from waspada.partners.agreements import in_force
    from waspada.partners.models import Agency, DataSharingAgreement

    agencies = Agency.objects.count()
    assert agencies >= 3 and in_force("person").count() == agencies == in_force("ring").count()

    again = _demo("--years", "2024-2025", "--per-year", "300", "--seed", "3")
    assert _counts() == first
    assert DataSharingAgreement.objects.count() == agencies
    assert "0 created, 0 updated, 600 unchanged" in again
    numbers = set(PassportApplication.objects.values_list("application_no", flat=True))
    assert "CLP-2024-000001" in numbers and "CLP-2025-000300" in numbers
    # Every demo application is screened as it is saved; all but the newest four weeks
    # were then interviewed and decided (waspada.demo.history).
    statuses = set(PassportApplication.objects.values_list("status", flat=True))
    assert "submitted" not in statuses
    assert {"screening", "issued"} <= statuses


@pytest.mark.django_db
def test_demo_command_loads_the_regions_when_missing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    source = WILAYAH.read_text(encoding="utf-8").splitlines()
    subset = tmp_path / "wilayah.csv"
    subset.write_text(
        "\n".join([source[0], *(line for line in source[1:] if line.startswith("33"))]) + "\n",
        encoding="utf-8",
    )
    read, load = region_services.read_regions, region_services.load_regions
    monkeypatch.setattr(region_services, "read_regions", lambda path=subset: read(path))
    monkeypatch.setattr(
        region_services, "load_regions", lambda **kwargs: load(path=subset, **kwargs)
    )
    assert not Region.objects.exists()
    _demo("--years", "2024", "--per-year", "50")
    assert PassportApplication.objects.count() == 50
    office = region_services.ensure_office()
    assert sorted(office.regencies.values_list("code", flat=True)) == sorted(synthetic.REGENCIES)


@pytest.mark.django_db
def test_demo_command_leaves_out_days_still_to_come(central_java_regions: None) -> None:
    today = timezone.localdate()
    _demo("--years", str(today.year), "--per-year", "300")
    latest = PassportApplication.objects.order_by("-submitted_on").first()
    assert latest is None or latest.submitted_on <= today


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--years", "abc"], "--years must be a year or a range"),
        (["--years", "2025-2023"], "runs backwards"),
        (["--years", "2999"], "lies in the future"),
        (["--years", "1990"], "too early"),
        (["--years", "2010-2030"], "lies in the future"),
        (["--per-year", "0"], "--per-year must be a whole number"),
        (["--per-year", "many"], "--per-year must be a whole number"),
        (["--per-year", "9999999"], "--per-year must be a whole number"),
        (["--seed", "x"], "--seed must be a whole number"),
    ],
)
def test_demo_command_rejects_bad_values_with_a_clear_message(
    settings: Settings, args: list[str], message: str
) -> None:
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(CommandError, match=message):
        _demo(*args)


def test_year_parsing_accepts_a_year_or_a_range() -> None:
    from waspada.demo.options import parse_years

    assert parse_years("2025", current_year=2026) == [2025]
    assert parse_years(" 2023 - 2025 ", current_year=2026) == [2023, 2024, 2025]


def test_the_steps_run_in_their_documented_order() -> None:
    from waspada.demo.steps import DemoRun, plan

    demo = DemoRun(years=[2025], per_year=10, seed=1, today=timezone.localdate(), out=io.StringIO())
    assert [step.name for step in plan(demo)] == [
        "regions",
        "users",
        "agreements",
        "organisers",
        "applications",
        "history",
        "work waiting",
        "rings",
        "deadline check",
        "logins",
    ]
    demo.full_volume = [2023]
    names = [step.name for step in plan(demo)]
    # The full-volume year comes after the work waiting, which lands on the newest year.
    assert names.index("work waiting") < names.index("full volume") < names.index("rings")


@pytest.mark.django_db
def test_demo_registers_organisers_detects_rings_and_queues_the_deadline_check(
    central_java_regions: None, settings: Settings
) -> None:
    from django_tasks_db.models import DBTaskResult

    from waspada.networks.queries import latest_run
    from waspada.synthetic.organisers import LICENSED_P3MI, LICENSED_PPIU

    settings.LANGUAGE_CODE = "en"
    output = _demo("--years", "2024", "--per-year", "300", "--seed", "3")
    registered = set(LicensedOrganiser.objects.values_list("licence_no", flat=True))
    assert registered == {o.license_no for o in (*LICENSED_PPIU, *LICENSED_P3MI)}
    # Through the registry's service, by the demo admin, with its usual audit action.
    created = AuditEvent.objects.filter(action="networks.organiser_created")
    assert created.count() == len(registered)
    assert {event.actor.username for event in created if event.actor} == {"admin"}
    assert latest_run() is not None and "clusters" in output
    assert DBTaskResult.objects.filter(task_path__endswith="check_deadlines_daily").count() == 1
    # The demo writes no audit actions of its own into the trail.
    assert not AuditEvent.objects.filter(action__startswith="demo.").exists()
    assert not AuditEvent.objects.filter(action="networks.load_demo_organisers").exists()
    assert output.index("Demo logins") > output.index("clusters")

    runs = latest_run()
    again = _demo("--years", "2024", "--per-year", "300", "--seed", "3")
    assert "nothing changed since the last detection" in again
    assert latest_run() == runs
    assert DBTaskResult.objects.filter(task_path__endswith="check_deadlines_daily").count() == 1


@pytest.mark.django_db
def test_full_volume_years_come_after_the_others(
    central_java_regions: None, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from waspada.demo import options

    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(options, "FULL_VOLUME", 400)  # the real one takes minutes
    output = _demo("--years", "2025", "--per-year", "300", "--full-volume", "2023")
    assert output.index("Demo applications for 2025") < output.index("Demo work in progress")
    assert output.index("Demo work in progress") < output.index("Demo applications for 2023")
    numbers = PassportApplication.objects.values_list("application_no", flat=True)
    assert sum(1 for n in numbers if n.startswith("CLP-2023-")) == 400
    # The work waiting is on this year's newest applications, not on 2023's.
    assert not PassportApplication.objects.filter(
        application_no__startswith="CLP-2023-", status="screening"
    ).exists()


def test_full_volume_must_not_repeat_a_year_of_years(settings: Settings) -> None:
    settings.LANGUAGE_CODE = "en"
    with pytest.raises(CommandError, match="--full-volume 2024 is already in --years"):
        _demo("--years", "2023-2024", "--full-volume", "2024")
    with pytest.raises(CommandError, match="--full-volume must be a year"):
        _demo("--full-volume", "soon")


@pytest.mark.django_db
def test_demo_users_prints_every_login_once_and_is_idempotent() -> None:
    from waspada.core.roles import Role
    from waspada.partners.models import AgencyKind
    from waspada.synthetic.accounts import DEMO_ACCOUNTS

    # The plain data names real roles and agency kinds, and every role has a login.
    assert {account.role for account in DEMO_ACCOUNTS} == set(Role.values)
    assert all(a.agency[1] in AgencyKind.values for a in DEMO_ACCOUNTS if a.agency)
    out = io.StringIO()
    call_command("demo_users", stdout=out)
    call_command("demo_users", stdout=out)
    assert User.objects.count() == len(DEMO_ACCOUNTS)
    for account in DEMO_ACCOUNTS:
        assert out.getvalue().count(f"{account.username:<10} {account.password}") == 2
        assert User.objects.get(username=account.username).check_password(account.password)
