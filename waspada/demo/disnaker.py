"""The demo Disnaker's register: the recommendations it really issued to the generated
workers, imported as its file (`import_recommendations`), and its register declared
complete for each demo year up to four weeks ago. The fake numbers of the trafficking
patterns are then D03 ("not in a register declared complete"); the newest genuine ones
are left for the Disnaker login to answer as verification requests. Idempotent: numbers
already registered and periods already declared are not written again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence

from waspada.core.models import User
from waspada.partners import recommendations
from waspada.partners.models import Agency, AgencyKind, Recommendation, RegisterPeriod
from waspada.synthetic.accounts import DEMO_ACCOUNTS
from waspada.synthetic.cases import Case

# Left unregistered: the newest four weeks (the Disnaker's work waiting).
RECENT = dt.timedelta(days=28)
ISSUED_BEFORE = dt.timedelta(days=21)  # issued three weeks before the application
VALID_FOR = dt.timedelta(days=180)
_GENUINE = re.compile(r"562/[0-9]{4}/REKOM/[0-9]{4}")


def _disnaker() -> tuple[Agency, User] | None:
    """The demo Disnaker and its login (None when the demo users are not there)."""
    login = next(a for a in DEMO_ACCOUNTS if a.agency and a.agency[1] == AgencyKind.DISNAKER)
    user = User.objects.filter(username=login.username).select_related("agency").first()
    if user is None or user.agency is None:
        return None
    return user.agency, user


def register_demo_recommendations(
    cases: Sequence[Case], *, years: Sequence[int], today: dt.date
) -> int:
    """Register the genuine recommendations of `cases` issued before the newest four
    weeks and declare each year complete up to then; returns how many were registered."""
    found = _disnaker()
    if found is None:
        return 0
    agency, user = found
    cutoff = today - RECENT
    genuine = {
        case.application.disnaker_recommendation_no: case
        for case in cases
        if not case.suspicious
        and _GENUINE.fullmatch(case.application.disnaker_recommendation_no or "")
        and case.application.submitted_on < cutoff
    }
    known = set(
        Recommendation.objects.filter(agency=agency, number__in=list(genuine)).values_list(
            "number", flat=True
        )
    )
    rows = [_row(case) for number, case in sorted(genuine.items()) if number not in known]
    if rows:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(recommendations.COLUMNS)
        writer.writerows(rows)
        recommendations.import_recommendations(
            out.getvalue(),
            filename="rekomendasi-disnaker-demo.csv",
            agency_name=agency.name,
            acting_user=user,
        )
    for year in years:
        start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), cutoff)
        declared = RegisterPeriod.objects.filter(agency=agency, starts_on=start, ends_on=end)
        if end >= start and not declared.exists():
            recommendations.declare_complete(agency, starts_on=start, ends_on=end, acting_user=user)
    return len(rows)


def _row(case: Case) -> list[str]:
    app, person = case.application, case.applicant
    issued = app.submitted_on - ISSUED_BEFORE
    return [
        app.disnaker_recommendation_no,
        issued.isoformat(),
        person.nik,
        person.full_name,
        app.destination_country,
        app.employer_name,
        app.recruiter_name,
        app.recruiter_license_no,
        (issued + VALID_FOR).isoformat(),
        "issued",
    ]
