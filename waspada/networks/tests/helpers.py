"""Applications that form rings, families and licensed-organiser customers, for the tests."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from waspada.applications.importing import save_records
from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import (
    applicant_record,
    application_record,
    make_application,
)
from waspada.networks import services
from waspada.networks.models import LicensedOrganiser, RingCluster
from waspada.regions.services import ensure_office

_numbers = itertools.count(1000)
BROKER_PHONE = "0813-2299-4455"
BROKER_E164 = "+6281322994455"
PPIU_PHONE = "+62282534216"
# Villages in different kecamatan (and regencies) of the office's area.
VILLAGES = ("33.01.01.2001", "33.01.02.2001", "33.02.01.2001", "33.02.02.2001", "33.03.01.2001")


def person(village: str, name: str, *, address: str | None = None, **extra: Any) -> dict[str, Any]:
    """An applicant with a phone and address of their own (shared with nobody)."""
    serial = next(_numbers)
    return {
        "full_name": name,
        "village_code": village,
        "phone": f"+628571{serial:07d}",
        "address": address or f"Dusun Lor{serial} RT 01/RW 0{serial % 9 + 1}",
        **extra,
    }


def indicators(application: PassportApplication) -> set[str]:
    application.refresh_from_db()
    return set(filter(None, application.risk_indicators.split(";")))


def broker_ring(
    size: int = 5, *, phone: str = BROKER_PHONE, sponsor: str = "Pak Darto", start: int = 0
) -> list[PassportApplication]:
    """Applicants from different kecamatan, a broker's phone as their sponsor's, to Cambodia."""
    return [
        make_application(
            applicant=person(VILLAGES[k % len(VILLAGES)], f"Korban Ring{k} Tanpa{k}"),
            submitted_on=dt.date(2026, 3, 2) + dt.timedelta(days=3 * k),
            destination_country="KH",
            sponsor_name=sponsor,
            sponsor_phone=phone,
            sponsor_relation="Teman",
        )
        for k in range(start, start + size)
    ]


SPONSORS = ("Pak Darto", "Bu Ningsih", "Mas Yono")


def big_ring(size: int) -> RingCluster:
    """`size` applicants giving one broker's phone, under three sponsors' names, imported
    as one batch; then a detection run. Returns the largest ring of that run."""
    pairs = [
        (
            applicant_record(
                full_name=f"Anggota Jaringan {k}",
                village_code=VILLAGES[k % len(VILLAGES)],
                phone=f"+62857{k:08d}",
                address=f"Dusun Kidul {k} RT 01/RW 02",
            ),
            application_record(
                submitted_on=dt.date(2026, 1, 5) + dt.timedelta(days=k % 90),
                destination_country="KH",
                sponsor_name=SPONSORS[k % len(SPONSORS)],
                sponsor_phone=BROKER_PHONE,
                sponsor_relation="Teman",
            ),
        )
        for k in range(size)
    ]
    save_records(pairs, office=ensure_office(), acting_user=None, source="test")
    services.detect_networks()
    return RingCluster.objects.filter(run=services.queries.latest_run()).order_by("-size")[0]


def family() -> list[PassportApplication]:
    home = {"address": "Jl. Melati No. 5 RT 02/RW 04"}
    father = make_application(
        applicant=person("33.01.01.2001", "Sugeng Wicaksono", **home, phone="+6285331523834"),
        purpose="umrah",
        destination_country="SA",
    )
    others = [
        make_application(
            applicant=person("33.01.01.2001", name, **home),
            purpose="umrah",
            destination_country="SA",
            companion_name="Sugeng Wicaksono",
            companion_phone="085331523834",
            companion_relation=relation,
        )
        for name, relation in (("Wiwik Lestari", "Suami"), ("Wahyu Wicaksono", "Ayah"))
    ]
    return [father, *others]


def ppiu_customers() -> list[PassportApplication]:
    LicensedOrganiser.objects.create(
        kind="ppiu", name="PT Safa Marwa Mulia Tour", licence_no="U.203/2019", phones=[PPIU_PHONE]
    )
    return [
        make_application(
            applicant=person(VILLAGES[k], f"Jamaah Umrah{k} Sejati{k}"),
            purpose="umrah",
            destination_country="SA",
            sponsor_name="PT Safa Marwa Mulia Tour",
            sponsor_phone="0282-534216",
            sponsor_relation="Biro perjalanan umrah (PPIU)",
            submitted_on=dt.date(2026, 3, 2) + dt.timedelta(days=k),
        )
        for k in range(5)
    ]


def members(ring_id: int) -> set[int]:
    from waspada.networks.models import RingMembership

    return set(
        RingMembership.objects.filter(cluster_id=ring_id).values_list("application_id", flat=True)
    )


def second_ring(size: int = 2) -> list[PassportApplication]:
    """Another ring: applicants to Cambodia whose companion gives the same phone."""
    return [
        make_application(
            applicant=person(VILLAGES[k + 2], f"Korban Lain{k} Juga{k}"),
            destination_country="KH",
            companion_name="Bu Yati Rahayu",
            companion_phone="081900112233",
            companion_relation="Teman",
        )
        for k in range(size)
    ]


KARYA = "PT Karya Baru Mandiri"
KARYA_LICENCE = "KEP.77/SIP3MI/2026"


def worker(
    k: int, *, recruiter: str = KARYA, licence: str = KARYA_LICENCE, **extra: Any
) -> PassportApplication:
    """A procedural migrant worker (recommendation, contract, family permit) whose placement
    company is `recruiter` with licence number `licence`."""
    fields: dict[str, Any] = {
        "purpose": "work",
        "destination_country": "TW",
        "itinerary": "Kontrak kerja 3 tahun sebagai operator pabrik",
        "return_ticket": "no",
        "funds_source": "Ditanggung P3MI",
        "documents": [
            "ktp",
            "kk",
            "akta_lahir",
            "rekomendasi_disnaker",
            "sarkes",
            "kontrak_kerja",
            "izin_keluarga",
        ],
        "disnaker_recommendation_no": f"562/{100 + k:04d}/REKOM/2026",
        "employer_name": "Hsin Feng Precision Industry Co., Ltd. (Taichung)",
        "recruiter_name": recruiter,
        "recruiter_license_no": licence,
        "submitted_on": dt.date(2026, 3, 2) + dt.timedelta(days=k),
        **extra,
    }
    return make_application(
        applicant=person(VILLAGES[k % len(VILLAGES)], f"Pekerja Migran{k} Prosedural{k}"),
        **fields,
    )
