"""The steps of `waspada demo`, in the order they run (`plan`).

Each step is idempotent and goes through the real services, which write their usual audit
events; a step says what it did on the console. In order:

1. regions: the region codes when they are not loaded yet, and the office;
2. users: the demo logins (and their agencies);
3. organisers: the licensed PPIU and P3MI the synthetic applicants name, registered by
   the demo admin, so that their customers sharing an office phone are not a ring;
4. applications for `--years` (`waspada.synthetic`), screened as they are saved, and
   the demo Disnaker's register of the recommendations it issued them (`disnaker`);
5. history: interviews and decisions for all but the newest four weeks (`history`);
6. work waiting for the demo logins among those newest applications (`workload`);
7. with `--full-volume`: those years at the office's full volume, then their history
   (after the work waiting, so that the work lands on the newest applications);
8. rings: a full network detection when applications or organisers changed;
9. the nightly deferral-deadline check, queued once;
10. the logins, printed last.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from tqdm import tqdm

from waspada import synthetic
from waspada.applications.importing import save_records
from waspada.core.models import User
from waspada.decisions import letters
from waspada.decisions.models import Signatory
from waspada.demo import history, workload
from waspada.demo.accounts import ensure_demo_users, logins
from waspada.demo.disnaker import register_demo_recommendations
from waspada.networks import organisers as organiser_registry
from waspada.networks.models import LicensedOrganiser, OrganiserKind
from waspada.networks.queries import latest_run
from waspada.partners import agreements
from waspada.partners.models import Agency, SharingKind
from waspada.regions import services as region_services
from waspada.regions.models import Level, Region
from waspada.synthetic.accounts import DEMO_ACCOUNTS, account_for
from waspada.synthetic.organisers import LICENSED_P3MI, LICENSED_PPIU


class Console(Protocol):
    """Where the steps say what they did: the command's stdout, or a StringIO in tests."""

    def write(self, text: str, /) -> object: ...


@dataclass
class DemoRun:
    """What the steps share: the options, the console, and what earlier steps changed."""

    years: list[int]
    per_year: int
    seed: int
    today: dt.date
    out: Console
    quiet: bool = False
    full_volume: list[int] = field(default_factory=list)
    full_per_year: int = 30000
    changed: int = 0  # applications and organisers created or changed by this run

    def say(self, line: str) -> None:
        self.out.write(line + "\n")

    def progress(self, unit: str) -> tqdm[None]:
        return tqdm(unit=unit, disable=self.quiet, file=sys.stderr)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[DemoRun], None]


def plan(demo: DemoRun) -> list[Step]:
    """The steps for these options, in order (see the module doc)."""
    steps = [
        Step("regions", ensure_regions),
        Step("users", add_users),
        Step("agreements", add_agreements),
        Step("organisers", add_organisers),
        Step("applications", applications(demo.years, demo.per_year)),
        Step("history", add_history),
        Step("work waiting", add_workload),
    ]
    if demo.full_volume:
        steps += [
            Step("full volume", applications(demo.full_volume, demo.full_per_year)),
            Step("full volume history", add_history),
        ]
    steps += [
        Step("rings", detect_rings),
        Step("deadline check", schedule_deadline_check),
        Step("logins", print_logins),
    ]
    return steps


def run(demo: DemoRun) -> None:
    for step in plan(demo):
        step.run(demo)


# --- the steps -----------------------------------------------------------------------


def _in_office_regencies() -> Q:
    query = Q()
    for code in synthetic.REGENCIES:
        query |= Q(code__startswith=f"{code}.")
    return query


def demo_villages() -> list[synthetic.Village]:
    """The villages of the office's regencies from the region table, as plain data."""
    area = _in_office_regencies()
    districts = dict(Region.objects.filter(area, level=Level.DISTRICT).values_list("code", "name"))
    rows = Region.objects.filter(area, level=Level.VILLAGE).values_list("code", "name")
    return [
        synthetic.Village(code, name, districts.get(code.rsplit(".", 1)[0], ""))
        for code, name in rows.order_by("code")
    ]


def ensure_regions(demo: DemoRun) -> None:
    if not Region.objects.filter(_in_office_regencies(), level=Level.VILLAGE).exists():
        if not demo.quiet:
            sys.stderr.write(_("Region codes are not loaded yet: loading them first.") + "\n")
        rows = region_services.read_regions()
        with tqdm(total=len(rows), unit="regions", disable=demo.quiet) as bar:
            region_services.load_regions(progress=bar.update)
    region_services.ensure_office()


def add_users(demo: DemoRun) -> None:
    ensure_demo_users()
    add_signatories()


# The demo office's head and the Kasi who signs decision letters for the head
# (invented names and NIPs), so that demo letters carry a complete signature block.
DEMO_HEAD = ("Dr. Hendra Wijaya, S.H., M.H.", "197306141998031001")
DEMO_KASI_SIGNATORY = ("198105222006042002", "Kepala Seksi Lalu Lintas Keimigrasian")


def add_signatories() -> None:
    """The head of office on the letterhead's signature and the demo Kasi registered to
    sign for the head (once; what an administrator set stays)."""
    admin = User.objects.get(username=account_for("admin").username)
    office = region_services.ensure_office()
    if not office.head_name:
        region_services.set_working_area(
            office,
            list(office.regencies.all()),
            acting_user=admin,
            name=office.name,
            letterhead={"head_name": DEMO_HEAD[0], "head_nip": DEMO_HEAD[1]},
        )
    kasi = User.objects.get(username=account_for("supervisor").username)
    if not Signatory.objects.filter(user=kasi).exists():
        nip, position = DEMO_KASI_SIGNATORY
        letters.set_signatory(
            kasi, nip=nip, position=position, signs_for_head=True, acting_user=admin
        )


def add_agreements(demo: DemoRun) -> None:
    """A data-sharing agreement in force (this year and the next, every kind of data) for
    every agency that has none, recorded by the demo admin."""
    admin = User.objects.get(username=account_for("admin").username)
    year = timezone.localdate().year
    for agency in Agency.objects.exclude(
        pk__in=agreements.in_force(SharingKind.PERSON).values("agency_id")
    ):
        agreements.record_agreement(
            agency,
            legal_basis="PKS pencegahan dan penanganan TPPO (UU 21/2007)",
            covers=list(SharingKind.values),
            valid_from=dt.date(year, 1, 1),
            valid_until=dt.date(year + 1, 12, 31),
            document_reference=f"PKS/{agency.pk:03d}/IMI-CLP/{year}",
            acting_user=admin,
        )


def add_organisers(demo: DemoRun) -> None:
    """Register the licensed organisers the synthetic applicants name, those still missing,
    through the organiser registry (the demo admin registers them)."""
    known = set(LicensedOrganiser.objects.values_list("licence_no", flat=True))
    admin = User.objects.get(username=account_for("admin").username)
    added = 0
    for kind, organisers in (
        (OrganiserKind.PPIU, LICENSED_PPIU),
        (OrganiserKind.P3MI, LICENSED_P3MI),
    ):
        for organiser in organisers:
            if organiser.license_no in known:
                continue
            organiser_registry.save_organiser(
                None,
                acting_user=admin,
                kind=kind,
                name=organiser.name,
                licence_no=organiser.license_no,
                phones=[organiser.phone],
            )
            added += 1
    if added:
        demo.changed += added
        demo.say(_("Licensed organisers registered: %(count)d.") % {"count": added})


def applications(years: list[int], per_year: int) -> Callable[[DemoRun], None]:
    """The step saving `per_year` synthetic applications for each of `years`."""

    def save(demo: DemoRun) -> None:
        span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
        if not demo.quiet:
            sys.stderr.write(
                _(
                    "Generating demo applications for %(years)s "
                    "(%(per_year)d a year, seed %(seed)d)."
                )
                % {"years": span, "per_year": per_year, "seed": demo.seed}
                + "\n"
            )
        cases = synthetic.generate(
            demo_villages(), years=years, per_year=per_year, seed=demo.seed, until=demo.today
        )
        with demo.progress("applications") as bar:
            bar.reset(total=len(cases))
            report = save_records(
                synthetic.pairs(cases),
                office=region_services.ensure_office(),
                acting_user=None,
                source="demo",
                progress=bar.update,
            )
        demo.changed += report.created + report.updated
        demo.say(
            _(
                "Demo applications for %(years)s: %(total)d generated, %(created)d created, "
                "%(updated)d updated, %(unchanged)d unchanged."
            )
            % {
                "years": span,
                "total": len(cases),
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            }
        )
        registered = register_demo_recommendations(cases, years=years, today=demo.today)
        if registered:
            demo.changed += registered
            demo.say(_("Disnaker recommendations registered: %(count)d.") % {"count": registered})
        suspicious = Counter(str(case.pattern) for case in cases if case.suspicious)
        demo.say(
            _("Built to be caught by screening: %(count)d (%(patterns)s).")
            % {
                "count": sum(suspicious.values()),
                "patterns": ", ".join(f"{name} {n}" for name, n in sorted(suspicious.items())),
            }
        )

    return save


def add_history(demo: DemoRun) -> None:
    with demo.progress("applications") as bar:
        demo.say(history.describe(history.add_history(seed=demo.seed, progress=bar.update)))


def add_workload(demo: DemoRun) -> None:
    demo.say(workload.describe(workload.add_workload(today=demo.today)))


def detect_rings(demo: DemoRun) -> None:
    """A full detection (licensed organisers recognised) when this run changed what it
    reads, or when none has finished yet."""
    if not demo.changed and latest_run() is not None:
        demo.say(_("Rings: nothing changed since the last detection."))
        return
    call_command("detect_networks", stdout=demo.out, verbosity=0 if demo.quiet else 1)


def schedule_deadline_check(demo: DemoRun) -> None:
    call_command("check_deadlines", schedule=True, stdout=demo.out)


def print_logins(demo: DemoRun) -> None:
    demo.say(_("Demo logins (username / password / role):"))
    for line in logins(DEMO_ACCOUNTS):
        demo.say(line)
