"""The demo data generator (`demo_data`) and the `waspada demo` command."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from pytest_django.fixtures import Settings

from waspada.applications.demo_data import (
    DEMO_REGENCIES,
    ELSEWHERE_DISTRICTS,
    LICENSED_P3MI,
    LICENSED_PPIU,
    PURPOSE_MIX,
    DemoCase,
    Pattern,
    Village,
    generate,
    holidays,
    make_name,
    old_spelling,
    working_days,
)
from waspada.applications.models import Applicant, PassportApplication, StatusChange
from waspada.applications.records import identity_values, record_values
from waspada.core.models import AuditEvent, User
from waspada.domain.documents import CIVIL_STATUS_PROOFS, missing_documents
from waspada.domain.nik import parse_nik
from waspada.domain.phones import normalize_phone
from waspada.regions import services as region_services
from waspada.regions.models import Level, Region
from waspada.regions.nik import region_codes

WILAYAH = region_services.WILAYAH_CSV


def _csv_villages() -> list[Village]:
    with WILAYAH.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["kode"][:5] in DEMO_REGENCIES]
    names = {row["kode"]: row["nama"] for row in rows}
    return [
        Village(row["kode"], row["nama"], names[row["kode"].rsplit(".", 1)[0]])
        for row in rows
        if row["tingkat"] == "desa_kelurahan"
    ]


@pytest.fixture(scope="module")
def villages() -> list[Village]:
    return _csv_villages()


@pytest.fixture(scope="module")
def year_2024(villages: list[Village]) -> list[DemoCase]:
    """A full office year, as `waspada demo --years 2024 --per-year 30000` makes it."""
    return generate(villages, years=[2024], per_year=30000, seed=1)


@pytest.fixture(scope="module")
def small(villages: list[Village]) -> list[DemoCase]:
    return generate(villages, years=[2023, 2024], per_year=1500, seed=7)


def _age(case: DemoCase) -> int:
    born, on = case.applicant.birth_date, case.application.submitted_on
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _groups(cases: list[DemoCase], prefix: str) -> dict[str, list[DemoCase]]:
    groups: dict[str, list[DemoCase]] = defaultdict(list)
    for case in cases:
        if case.group.startswith(prefix):
            groups[case.group].append(case)
    return groups


# --- identity ------------------------------------------------------------------------


def test_niks_are_valid_and_agree_with_birth_date_sex_and_kecamatan(
    year_2024: list[DemoCase],
) -> None:
    codes = region_codes()
    elsewhere = 0
    for case in year_2024:
        person = case.applicant
        result = parse_nik(person.nik, known_codes=codes, today=case.application.submitted_on)
        assert result.parsed is not None, (person.nik, result.error)
        assert result.parsed.birth_date == person.birth_date
        assert result.parsed.sex == person.sex
        assert person.village_code.startswith(result.parsed.district_code + ".") or (
            result.parsed.district_code in codes
        )
        if not person.village_code.startswith(result.parsed.district_code + "."):
            elsewhere += 1
    assert 0.03 < elsewhere / len(year_2024) < 0.08


def test_a_nik_belongs_to_one_person_and_repeats_only_in_duplicates(
    year_2024: list[DemoCase],
) -> None:
    by_nik: dict[str, list[DemoCase]] = defaultdict(list)
    for case in year_2024:
        by_nik[case.applicant.nik].append(case)
    for cases in by_nik.values():
        if len(cases) > 1:
            assert {case.pattern for case in cases} == {Pattern.DUPLICATE}
            assert len({case.group for case in cases}) == 1
            assert len({(c.applicant.full_name, c.applicant.birth_date) for c in cases}) == 1


def test_elsewhere_districts_and_organisers_are_real_codes_and_valid_phones() -> None:
    codes = region_codes()
    assert all(code in codes for code, _place in ELSEWHERE_DISTRICTS)
    for organiser in (*LICENSED_PPIU, *LICENSED_P3MI):
        assert normalize_phone(organiser.phone) == organiser.phone


def test_every_phone_is_valid_e164(year_2024: list[DemoCase]) -> None:
    for case in year_2024:
        phones = (
            case.applicant.phone,
            case.application.sponsor_phone,
            case.application.companion_phone,
        )
        assert case.applicant.phone
        for phone in filter(None, phones):
            assert normalize_phone(phone) == phone, phone


def test_villages_are_real_and_regencies_weighted_by_size(
    year_2024: list[DemoCase], villages: list[Village]
) -> None:
    known = {village.code for village in villages}
    assert all(case.applicant.village_code in known for case in year_2024)
    shares = Counter(case.applicant.village_code[:5] for case in year_2024)
    for code, profile in DEMO_REGENCIES.items():
        assert abs(shares[code] / len(year_2024) - profile.weight) < 0.02, code
    assert shares["33.01"] > shares["33.05"] > shares["33.03"]


# --- mix and patterns ------------------------------------------------------------------


def test_purpose_mix_is_within_tolerance(year_2024: list[DemoCase]) -> None:
    shares = Counter(case.application.purpose for case in year_2024)
    for purpose, share in PURPOSE_MIX.items():
        assert abs(shares[purpose] / len(year_2024) - share) < max(0.015, share * 0.15), purpose


def test_a_year_holds_a_few_suspicious_percent_and_every_pattern(
    year_2024: list[DemoCase],
) -> None:
    counts = Counter(case.pattern for case in year_2024)
    suspicious = sum(1 for case in year_2024 if case.suspicious)
    assert 0.01 <= suspicious / len(year_2024) <= 0.02
    assert counts[Pattern.DISGUISED_TOURISM] == 140
    assert counts[Pattern.MIDDLE_EAST_DOMESTIC] == 30
    assert counts[Pattern.UMRAH_COVER] == 40
    assert counts[Pattern.NO_AGREEMENT_JOB] == 40
    assert counts[Pattern.UNDER_18_WORK] == 10
    assert counts[Pattern.DUPLICATE] == 50
    assert 10 <= len(_groups(year_2024, "ring-")) <= 30
    assert counts[Pattern.FAMILY] > 1000
    assert counts[Pattern.PPIU_PHONE] > 1000


def test_rings_share_the_broker_phone_across_different_kecamatan(
    year_2024: list[DemoCase],
) -> None:
    rings = _groups(year_2024, "ring-")
    for members in rings.values():
        assert 3 <= len(members) <= 8
        phones = [
            {m.application.sponsor_phone, m.application.companion_phone} - {""} for m in members
        ]
        assert set.intersection(*phones), "no phone common to every member"
        districts = {m.applicant.village_code.rsplit(".", 1)[0] for m in members}
        assert len(districts) == len(members)
        assert len({m.application.destination_country for m in members}) == 1
        dates = [m.application.submitted_on for m in members]
        assert (max(dates) - min(dates)).days <= 35
        assert all({"D17", "D18"} <= set(m.indicators) for m in members)


def test_duplicates_are_one_nik_applying_twice_within_weeks(year_2024: list[DemoCase]) -> None:
    duplicates = _groups(year_2024, "dup-")
    assert len(duplicates) == 25
    for first, second in duplicates.values():
        assert first.applicant.nik == second.applicant.nik
        assert first.application.application_no != second.application.application_no
        assert 7 <= (second.application.submitted_on - first.application.submitted_on).days <= 50


def test_under_18_work_applicants_are_16_or_17(year_2024: list[DemoCase]) -> None:
    minors = [case for case in year_2024 if case.pattern == Pattern.UNDER_18_WORK]
    assert minors
    for case in minors:
        assert case.application.purpose == "work"
        assert 16 <= _age(case) <= 17


def test_disguised_work_looks_like_it(year_2024: list[DemoCase]) -> None:
    for case in year_2024:
        app = case.application
        if case.pattern == Pattern.DISGUISED_TOURISM:
            assert app.purpose == "tourism" and app.return_ticket != "yes"
            assert app.application_type == "new" and 18 <= _age(case) <= 31
        elif case.pattern == Pattern.MIDDLE_EAST_DOMESTIC:
            assert app.destination_country in {"SA", "AE", "QA", "KW", "OM", "JO"}
            assert case.applicant.occupation in {"Ibu Rumah Tangga", "Asisten Rumah Tangga"}
        elif case.pattern == Pattern.UMRAH_COVER:
            assert app.destination_country == "SA" and "ppiu_letter" not in app.documents
        elif case.pattern == Pattern.NO_AGREEMENT_JOB:
            assert app.destination_country in {"KH", "MM", "LA", "TH"} and app.itinerary


def test_fake_recommendation_numbers_are_never_issued_ones(year_2024: list[DemoCase]) -> None:
    genuine = [
        case.application.disnaker_recommendation_no
        for case in year_2024
        if not case.suspicious and case.application.purpose == "work"
    ]
    fakes = {
        case.application.disnaker_recommendation_no for case in year_2024 if case.suspicious
    } - {""}
    assert len(genuine) > 3000 and len(set(genuine)) == len(genuine)
    assert all(number.endswith("/REKOM/2024") for number in genuine)
    assert fakes and not fakes.intersection(genuine)


def test_benign_families_share_address_day_and_name_each_other(
    year_2024: list[DemoCase],
) -> None:
    families = _groups(year_2024, "family-")
    assert len(families) > 1000
    for members in families.values():
        assert len({m.applicant.address for m in members}) == 1
        assert len({m.applicant.village_code for m in members}) == 1
        assert len({m.application.submitted_on for m in members}) == 1
        names = {m.applicant.full_name for m in members}
        assert all(m.application.companion_name in names for m in members[1:])


def test_many_pilgrims_give_their_licensed_ppiu_office_phone(year_2024: list[DemoCase]) -> None:
    licensed = {organiser.phone for organiser in LICENSED_PPIU}
    phones = Counter(
        case.application.sponsor_phone
        for case in year_2024
        if case.application.purpose == "umrah" and case.application.sponsor_phone
    )
    shared = sum(count for phone, count in phones.items() if phone in licensed)
    assert shared > 3000
    assert max(phones.values()) > 500


# --- dates, numbers, documents, names ------------------------------------------------


def test_dates_are_working_days_and_numbers_follow_them(small: list[DemoCase]) -> None:
    for year in (2023, 2024):
        open_days = set(working_days(year))
        cases = [c for c in small if c.application.submitted_on.year == year]
        assert len(cases) == 1500
        numbers = [c.application.application_no for c in cases]
        assert numbers == [f"CLP-{year}-{n:06d}" for n in range(1, 1501)]
        dates = [c.application.submitted_on for c in cases]
        assert dates == sorted(dates)
        assert all(day in open_days for day in dates)
    for case in small:
        app = case.application
        assert app.intended_departure is not None
        gap = (app.intended_departure - app.submitted_on).days
        if case.pattern in (Pattern.HONEST, Pattern.FAMILY, Pattern.PPIU_PHONE):
            assert 10 <= gap <= 56 or app.purpose == "hajj"


def test_holidays_include_lebaran_and_national_days() -> None:
    closed = holidays(2024)
    assert dt.date(2024, 4, 10) in closed  # Idul Fitri 1445
    assert dt.date(2024, 4, 8) in closed  # cuti bersama
    assert {dt.date(2024, 8, 17), dt.date(2024, 12, 25), dt.date(2024, 6, 17)} <= closed
    days = working_days(2024)
    assert all(day.weekday() < 5 for day in days)
    assert 235 <= len(days) <= 250


def test_umrah_applications_peak_before_ramadan_and_drop_around_the_hajj(
    year_2024: list[DemoCase],
) -> None:
    months = Counter(
        c.application.submitted_on.month for c in year_2024 if c.application.purpose == "umrah"
    )
    assert months[1] > 2 * months[5]
    hajj = Counter(
        c.application.submitted_on.month for c in year_2024 if c.application.purpose == "hajj"
    )
    assert hajj[2] > 5 * hajj[8]


def test_documents_always_hold_kk_and_civil_status_and_mostly_the_purpose_ones(
    year_2024: list[DemoCase],
) -> None:
    complete = honest = 0
    for case in year_2024:
        docs = case.application.documents
        assert "kk" in docs and set(docs) & set(CIVIL_STATUS_PROOFS)
        assert "ktp" in docs or _age(case) < 17
        if case.pattern in (Pattern.HONEST, Pattern.PPIU_PHONE) and _age(case) >= 17:
            honest += 1
            if not missing_documents(case.application.purpose, docs):
                complete += 1
        if case.application.previous_passport_no:
            assert case.application.application_type in ("replacement", "lost", "damaged")
    assert complete / honest > 0.75


def test_names_show_real_world_spelling_variety(year_2024: list[DemoCase]) -> None:
    names = [case.applicant.full_name for case in year_2024]
    words = Counter(word for name in names for word in name.replace(",", " ").split())
    for spelling in ("Muhammad", "Mochamad", "Moch.", "M.", "Sitti", "Noer", "Achmad", "Abd."):
        assert words[spelling] > 0, spelling
    for marker in ("bin", "binti", "H.", "Hj.", "S.Pd.", "Sri", "Siti", "Asep"):
        assert words[marker] > 0, marker
    assert any("oe" in name or "Dj" in name or "Tj" in name for name in names)
    mononyms = sum(1 for name in names if len(name.split()) == 1)
    assert 0.05 < mononyms / len(names) < 0.25
    assert any(name.isupper() for name in names)


def test_old_spelling_follows_the_pre_1972_orthography() -> None:
    assert old_spelling("Joko Cahyono") == "Djoko Tjahjono"
    assert old_spelling("Sukarno") == "Soekarno"
    assert old_spelling("Yusuf") == "Joesoef"
    assert old_spelling("Sutrisno", partial=True) == "Soetrisno"
    assert old_spelling("M. Khoirul") == "M. Choiroel"


def test_names_depend_on_generation_and_culture() -> None:
    import random

    rng = random.Random(3)
    old = [make_name(rng, sex="L", birth_year=1950) for _ in range(400)]
    young = [make_name(rng, sex="L", birth_year=2002) for _ in range(400)]
    assert sum(len(n.split()) == 1 for n in old) > 3 * sum(len(n.split()) == 1 for n in young)
    sundanese = {make_name(rng, sex="P", birth_year=1980, culture="sundanese") for _ in range(50)}
    assert any(name.split()[0] in ("Euis", "Iis", "Neneng", "Cucu") for name in sundanese)


# --- determinism ---------------------------------------------------------------------


def _digest(cases: list[DemoCase]) -> str:
    text = "\n".join(repr(case.pair) for case in cases)
    return hashlib.sha256(text.encode()).hexdigest()


def test_the_same_seed_gives_the_same_data(villages: list[Village]) -> None:
    first = generate(villages, years=[2024], per_year=400, seed=11)
    again = generate(villages, years=[2024], per_year=400, seed=11)
    other = generate(villages, years=[2024], per_year=400, seed=12)
    assert _digest(first) == _digest(again)
    assert _digest(first) != _digest(other)


_HASHING_SCRIPT = """
import csv, hashlib, sys
sys.path.insert(0, sys.argv[1])
from waspada.applications.demo_data import DEMO_REGENCIES, Village, generate
with open(sys.argv[2], encoding="utf-8", newline="") as handle:
    rows = [row for row in csv.DictReader(handle) if row["kode"][:5] in DEMO_REGENCIES]
names = {row["kode"]: row["nama"] for row in rows}
villages = [
    Village(row["kode"], row["nama"], names[row["kode"].rsplit(".", 1)[0]])
    for row in rows
    if row["tingkat"] == "desa_kelurahan"
]
cases = generate(villages, years=[2024], per_year=300, seed=5)
assert "django" not in sys.modules, "demo_data must stay pure Python"
print(hashlib.sha256("\\n".join(repr(c.pair) for c in cases).encode()).hexdigest())
"""


def test_the_data_does_not_depend_on_string_hashing() -> None:
    """Set order varies with PYTHONHASHSEED; the generator must not depend on it.

    Runs in fresh interpreters, which also shows that the module needs no Django.
    """
    root = str(Path(__file__).resolve().parents[3])
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", _HASHING_SCRIPT, root, str(WILAYAH)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        digests.add(out.stdout.strip())
    assert len(digests) == 1


def test_until_leaves_out_later_days_and_keeps_the_numbers(villages: list[Village]) -> None:
    whole = generate(villages, years=[2024], per_year=600, seed=2)
    part = generate(villages, years=[2024], per_year=600, seed=2, until=dt.date(2024, 6, 30))
    assert part == [c for c in whole if c.application.submitted_on <= dt.date(2024, 6, 30)]
    assert 0 < len(part) < len(whole)


def test_no_villages_of_the_office_is_an_error() -> None:
    with pytest.raises(ValueError):
        generate([Village("31.71.01.1001", "Gambir", "Gambir")], years=[2024], per_year=10)


def test_tiny_years_keep_the_exact_count(villages: list[Village]) -> None:
    for count in (1, 7, 60, 299, 300):
        assert len(generate(villages, years=[2024], per_year=count, seed=1)) == count


# --- against the database: exchange format and the command ---------------------------


@pytest.mark.django_db
def test_every_generated_pair_is_a_valid_exchange_row(
    central_java_regions: None, small: list[DemoCase]
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

    again = _demo("--years", "2024-2025", "--per-year", "300", "--seed", "3")
    assert _counts() == first
    assert "0 created, 0 updated, 600 unchanged" in again
    numbers = set(PassportApplication.objects.values_list("application_no", flat=True))
    assert "CLP-2024-000001" in numbers and "CLP-2025-000300" in numbers
    # Every demo application is screened as it is saved; all but the newest four weeks
    # were then interviewed and decided (waspada.reports.demo_history).
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
    assert sorted(office.regencies.values_list("code", flat=True)) == sorted(DEMO_REGENCIES)


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
    from waspada.applications.management.commands.demo import parse_years

    assert parse_years("2025", current_year=2026) == [2025]
    assert parse_years(" 2023 - 2025 ", current_year=2026) == [2023, 2024, 2025]
