"""Tests of the pure risk engine: each indicator, the score, and the fairness guard.

Every indicator D01-D28 and U01-U10 has at least one positive and one negative case, built
by changing a few fields of a clean application that fires nothing. The fairness guard is
checked on examples and, with Hypothesis, on generated applications.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from waspada.domain.documents import DOCUMENT_CODES, PURPOSES
from waspada.domain.evidence import Reason
from waspada.domain.risk import (
    CONDITIONS,
    INDICATOR_CODES,
    LANGUAGES,
    U_INDICATOR_CODES,
    Policy,
    assess,
    interview_codes,
    load_policy_file,
    policy_from_data,
    policy_to_data,
)
from waspada.domain.screening import (
    Level,
    Note,
    RaisedIndicator,
    RecommendedAction,
    ScreeningContext,
)

POLICY = load_policy_file()
TODAY = dt.date(2025, 6, 16)
OFFICE = frozenset({"33.01", "33.02", "33.03", "33.04", "33.05"})
GENUINE_RECOMMENDATION = "562/0123/REKOM/2025"
SENDING_DISTRICT = "33.01.06"  # Kroya, in the policy's D28 list
QUIET_DISTRICT = "33.01.01"  # not in it


def born(age: int) -> dt.date:
    """A birth date giving exactly `age` on TODAY (birthday a month ago)."""
    return dt.date(TODAY.year - age, TODAY.month - 1, 10)


BASE = ScreeningContext(
    application_no="CLP-2025-000001",
    submitted_on=TODAY,
    application_type="new",
    purpose="tourism",
    destination_country="JP",
    intended_departure=TODAY + dt.timedelta(days=30),
    return_ticket="yes",
    itinerary="Liburan 6 hari ke Tokyo dan Osaka, berangkat 16/07/2025",
    funds_source="Tabungan pribadi",
    documents=frozenset({"ktp", "kk", "akta_lahir", "tiket_pulang"}),
    disnaker_recommendation_no="",
    employer_name="",
    recruiter_name="",
    recruiter_license_no="",
    sponsor_name="",
    sponsor_phone="",
    sponsor_relation="",
    sponsor_address="",
    companion_name="",
    companion_phone="",
    companion_relation="",
    previous_passport_no="",
    nik="3301011005900001",
    sex="L",
    birth_date=born(35),
    occupation="Karyawan Swasta",
    education="S1",
    marital_status="Kawin",
    address_regency="33.01",
    address_district=QUIET_DISTRICT,
    nik_valid=True,
    nik_regency="33.01",
    nik_mismatches=(),
    office_regencies=OFFICE,
    other_open_applications=0,
    holds_valid_passport=False,
    facts={},
)

# Clean applications per purpose: everything the purpose needs, nothing suspicious.
CLEAN: dict[str, dict[str, Any]] = {
    "tourism": {},
    "umrah": {
        "purpose": "umrah",
        "destination_country": "SA",
        "itinerary": "Paket umrah 12 hari PT Safa Marwa Mulia Tour: Madinah - Makkah",
        "documents": frozenset({"ktp", "kk", "akta_lahir", "ppiu_letter"}),
        "sponsor_name": "PT Safa Marwa Mulia Tour",
        "sponsor_relation": "Biro perjalanan umrah (PPIU)",
    },
    "hajj": {
        "purpose": "hajj",
        "destination_country": "SA",
        "itinerary": "Haji reguler 2025, embarkasi Solo (SOC)",
        "documents": frozenset({"ktp", "kk", "akta_lahir", "ppiu_letter"}),
    },
    "work": {
        "purpose": "work",
        "destination_country": "TW",
        "itinerary": "Kontrak kerja 3 tahun sebagai operator pabrik",
        "return_ticket": "no",
        "funds_source": "Ditanggung P3MI",
        "documents": frozenset(
            {"ktp", "kk", "akta_lahir", "rekomendasi_disnaker", "sarkes", "kontrak_kerja"}
            | {"izin_keluarga"}
        ),
        "disnaker_recommendation_no": GENUINE_RECOMMENDATION,
        "employer_name": "Hsin Feng Precision Industry Co., Ltd. (Taichung)",
        "recruiter_name": "PT Bina Tenaga Mandiri Sejahtera",
        "recruiter_license_no": "KEP.118/SIP3MI/2019",
        "education": "SMA/SMK",
    },
    "study": {
        "purpose": "study",
        "destination_country": "EG",
        "itinerary": "Kuliah di Universitas Al-Azhar, Kairo",
        "return_ticket": "unknown",
        "documents": frozenset({"ktp", "kk", "ijazah", "loa"}),
        "funds_source": "Beasiswa LPDP",
    },
    "internship": {
        "purpose": "internship",
        "itinerary": "Program magang teknis (pemagangan) 3 tahun di Aichi",
        "return_ticket": "unknown",
        "documents": frozenset({"ktp", "kk", "ijazah", "loa", "rekomendasi_kemnaker"}),
        "employer_name": "Kabushiki Kaisha Aoi Seimitsu (Aichi)",
        "recruiter_name": "LPK Hikari Karya Kebumen",
        "recruiter_license_no": "SO 0402/2022",
    },
    "family_visit": {
        "purpose": "family_visit",
        "destination_country": "TW",
        "itinerary": "Mengunjungi anak di Taichung, Taiwan",
        "documents": frozenset({"ktp", "kk", "akta_lahir", "surat_jaminan", "tiket_pulang"}),
        "sponsor_name": "Dwi Lestari",
        "sponsor_phone": "+886912345678",
        "sponsor_relation": "Anak",
        "funds_source": "Dibiayai keluarga di luar negeri",
    },
    "medical": {
        "purpose": "medical",
        "destination_country": "MY",
        "itinerary": "Berobat ke Lam Wah Ee Hospital, Penang",
    },
    "business": {
        "purpose": "business",
        "destination_country": "CN",
        "itinerary": "Pameran dagang di Guangzhou",
        "funds_source": "Biaya perusahaan",
    },
    "seafarer": {
        "purpose": "seafarer",
        "destination_country": "KR",
        "itinerary": "Naik kapal FV Dong Won No. 12 di Busan",
        "return_ticket": "no",
        "documents": frozenset({"ktp", "kk", "ijazah", "buku_pelaut", "bst"}),
        "employer_name": "FV Dong Won No. 12 (Busan)",
        "recruiter_name": "PT Samudera Bahari Crewing",
        "recruiter_license_no": "SIUPPAK 118/2019",
        "funds_source": "Ditanggung perusahaan (manning agency)",
    },
    "other": {
        "purpose": "other",
        "destination_country": "SG",
        "itinerary": "Lomba paduan suara di Singapura",
    },
}
assert set(CLEAN) == set(PURPOSES)


def ctx(purpose: str = "tourism", **changes: Any) -> ScreeningContext:
    return dataclasses.replace(BASE, **{**CLEAN[purpose], **changes})


def docs(purpose: str, *, without: str = "", add: str = "") -> frozenset[str]:
    base = ctx(purpose).documents
    return (base - {without}) | ({add} if add else set())


def fired(code: str, context: ScreeningContext) -> dict[str, str] | None:
    return CONDITIONS[code](context, POLICY.indicator(code).compiled)


WATCHLIST = {"watchlist": ("cekal list 'Imigrasi': Siti Aminah, likely (0.93)",)}

# (code, case name, context): the indicator must fire.
POSITIVE: list[tuple[str, str, ScreeningContext]] = [
    (
        "D01",
        "tourist with a vague plan and no ticket",
        ctx(
            itinerary="Jalan-jalan",
            return_ticket="unknown",
            documents=docs("tourism", without="tiket_pulang"),
        ),
    ),
    (
        "D01",
        "tourist with no itinerary, one-way",
        ctx(itinerary="", return_ticket="no", documents=docs("tourism", without="tiket_pulang")),
    ),
    ("D02", "work without recommendation", ctx("work", disnaker_recommendation_no="")),
    (
        "D02",
        "tourist with an employer",
        ctx(employer_name="Syarikat Seri Pelangi Sdn. Bhd. (Johor Bahru)"),
    ),
    ("D02", "umrah sponsored by an employer", ctx("umrah", sponsor_relation="Majikan")),
    ("D03", "not a number at all", ctx("work", disnaker_recommendation_no="REKOM DISNAKER")),
    (
        "D03",
        "number of another year",
        ctx("work", disnaker_recommendation_no="562/0123/REKOM/2019"),
    ),
    ("D03", "number given to a minor", ctx("work", birth_date=born(17))),
    (
        "D03",
        "Disnaker could not confirm",
        ctx("work", facts={"disnaker_unverified": ("not in the Disnaker register",)}),
    ),
    (
        "D04",
        "young first-timer with no plan",
        ctx(birth_date=born(22), itinerary="Liburan", return_ticket="unknown"),
    ),
    (
        "D05",
        "housewife to work in Saudi Arabia",
        ctx("work", destination_country="SA", occupation="Ibu Rumah Tangga"),
    ),
    (
        "D05",
        "tourist to Qatar with a household employer",
        ctx(destination_country="QA", employer_name="Keluarga Al-Thani (Doha)"),
    ),
    (
        "D06",
        "job ad for Cambodia",
        ctx(
            destination_country="KH",
            itinerary="Ditawari kerja admin online di Phnom Penh lewat Facebook",
        ),
    ),
    (
        "D06",
        "holiday in Thailand paid by a company",
        ctx(destination_country="TH", funds_source="Tiket dibelikan perusahaan"),
    ),
    (
        "D06",
        "trip to a scam hub",
        ctx(destination_country="MM", itinerary="Liburan 5 hari ke Myawaddy"),
    ),
    ("D06", "work in Thailand", ctx("work", destination_country="TH")),
    (
        "D07",
        "independent umrah without a PPIU letter",
        ctx(
            "umrah",
            itinerary="Umrah mandiri",
            sponsor_name="",
            sponsor_relation="",
            documents=docs("umrah", without="ppiu_letter"),
        ),
    ),
    (
        "D08",
        "internship without the Kemnaker recommendation",
        ctx("internship", documents=docs("internship", without="rekomendasi_kemnaker")),
    ),
    (
        "D09",
        "family visit without guarantee letter",
        ctx("family_visit", documents=docs("family_visit", without="surat_jaminan")),
    ),
    ("D09", "family visit with no phone for the relative", ctx("family_visit", sponsor_phone="")),
    ("D10", "KTP address in Jakarta", ctx(address_regency="31.71", address_district="31.71.03")),
    ("D11", "another open application", ctx(other_open_applications=1)),
    ("D11", "holds a valid passport, applies new", ctx(holds_valid_passport=True)),
    ("D12", "invalid NIK", ctx(nik_valid=False, nik="3301")),
    ("D12", "Dukcapil does not know the NIK", ctx(facts={"identity": ("Dukcapil: NIK unknown",)})),
    ("D13", "NIK gives another sex", ctx(nik_mismatches=("sex",))),
    ("D13", "NIK gives another birth date and sex", ctx(nik_mismatches=("birth_date", "sex"))),
    ("D14", "watchlist match", ctx(facts=WATCHLIST)),
    ("D15", "seafarer without BST", ctx("seafarer", documents=docs("seafarer", without="bst"))),
    ("D16", "holiday paid by a sponsor", ctx(funds_source="Dibiayai sponsor")),
    (
        "D16",
        "noted at the interview",
        ctx(facts={"interview": (RaisedIndicator("D16", "savings do not fit"),)}),
    ),
    (
        "D17",
        "sponsor described as an agent",
        ctx(sponsor_name="Pak Harno", sponsor_relation="Agen"),
    ),
    ("D17", "known broker", ctx(facts={"broker": ("companion Harno is on the broker list",)})),
    (
        "D17",
        "a person described as the agent",
        ctx(sponsor_name="Pak Darto", sponsor_relation="agen"),
    ),
    ("D18", "part of a ring", ctx(facts={"ring": ("phone +6281234: 5 applications",)})),
    (
        "D19",
        "job offer from Facebook",
        ctx(destination_country="KH", itinerary="Lowongan kerja dari Facebook, gaji 12 juta"),
    ),
    ("D19", "unrealistic pay", ctx(itinerary="Kerja restoran di Kuala Lumpur, gaji Rp 25 juta")),
    ("D19", "noted at the interview", ctx(facts={"interview": (RaisedIndicator("D19"),)})),
    ("D20", "advanced by an agent", ctx(funds_source="Ditalangi agen, potong gaji")),
    ("D20", "loan", ctx(funds_source="Pinjaman")),
    (
        "D20",
        "noted at the interview",
        ctx(facts={"interview": (RaisedIndicator("D20", "owes 15 juta"),)}),
    ),
    ("D21", "recruiter without licence", ctx(recruiter_name="Bu Yati")),
    ("D21", "licence that is not a number", ctx("work", recruiter_license_no="SIP3MI ADA")),
    (
        "D21",
        "registry does not know the licence",
        ctx("work", facts={"recruiter_unlicensed": ("KEP.118/SIP3MI/2019 unknown",)}),
    ),
    ("D22", "one-way holiday", ctx(return_ticket="no")),
    (
        "D22",
        "transit on to Riyadh",
        ctx(
            destination_country="MY", itinerary="Transit Kuala Lumpur 2 hari lalu lanjut ke Riyadh"
        ),
    ),
    (
        "D23",
        "noted at the interview",
        ctx(facts={"interview": (RaisedIndicator("D23", "says MY, ticket says SA"),)}),
    ),
    ("D24", "observed at the interview", ctx(facts={"interview": (RaisedIndicator("D24"),)})),
    (
        "D25",
        "work without family permit",
        ctx("work", documents=docs("work", without="izin_keluarga")),
    ),
    ("D26", "seventeen", ctx(birth_date=born(17))),
    (
        "D27",
        "technician with primary school",
        ctx("work", itinerary="Kontrak 2 tahun sebagai teknisi listrik", education="SMP"),
    ),
    ("D28", "from Kroya", ctx(address_district=SENDING_DISTRICT)),
    *[
        (
            code,
            "raised at the deep interview",
            ctx(facts={"interview": (RaisedIndicator(code, note),)}),
        )
        for code, note in (
            ("U01", "agen menyimpan paspor"),
            ("U02", "gaji berubah dari 8 juta ke 3 juta"),
            ("U03", "utang 25 juta ke sponsor, dipotong gaji"),
            ("U04", "ditawari saat keluarga terlilit utang"),
            ("U05", "tidak boleh membawa HP"),
            ("U06", "diancam denda bila batal"),
            ("U07", "gaji dikirim ke agen"),
            ("U08", "ditampung dan tidak boleh keluar"),
            ("U09", "tidak tahu nama majikan"),
            ("U10", "KTP dibuatkan agen"),
        )
    ],
]

# (code, case name, context): the indicator must not fire.
NEGATIVE: list[tuple[str, str, ScreeningContext]] = [
    (
        "D01",
        "vague plan but a return ticket",
        ctx(itinerary="Jalan-jalan", return_ticket="yes"),
    ),
    (
        "D01",
        "concrete plan, ticket not bought yet",
        ctx(
            itinerary="Kuala Lumpur 3 hari; Penang 2 hari",
            return_ticket="unknown",
            documents=docs("tourism", without="tiket_pulang"),
        ),
    ),
    ("D01", "pilgrim without ticket", ctx("umrah", return_ticket="unknown")),
    ("D02", "work with recommendation", ctx("work")),
    ("D02", "study trip", ctx("study")),
    (
        "D02",
        "business: working visit excluded",
        ctx("business", itinerary="Kunjungan kerja ke Guangzhou"),
    ),
    ("D03", "genuine number", ctx("work")),
    # Unknown is not bad: a number in a form the office has not seen, the register silent.
    (
        "D03",
        "well-formed number the register does not know",
        ctx("work", disnaker_recommendation_no="560/1164/Disnakerkop/2025"),
    ),
    ("D03", "no number at all (that is D02)", ctx("work", disnaker_recommendation_no="")),
    ("D04", "young but with a plan", ctx(birth_date=born(22))),
    (
        "D04",
        "vague but had a passport before",
        ctx(
            birth_date=born(22),
            itinerary="Liburan",
            application_type="replacement",
            previous_passport_no="B1234567",
        ),
    ),
    ("D04", "vague first trip at 45", ctx(birth_date=born(45), itinerary="Liburan")),
    ("D05", "domestic work in Taiwan", ctx("work", occupation="Ibu Rumah Tangga")),
    (
        "D05",
        "housewife on holiday in Saudi Arabia",
        ctx(destination_country="SA", occupation="Ibu Rumah Tangga", sex="P"),
    ),
    ("D05", "factory work in the UAE", ctx("work", destination_country="AE")),
    (
        "D06",
        "holiday in Bangkok",
        ctx(destination_country="TH", itinerary="Liburan 5 hari ke Bangkok dan Phuket"),
    ),
    (
        "D06",
        "business trip to Bangkok paid by the company",
        ctx("business", destination_country="TH", itinerary="Pameran dagang di Bangkok"),
    ),
    (
        "D06",
        "tour operator mentioned",
        ctx(destination_country="TH", itinerary="Paket 4 hari dari tour operator Bangkok"),
    ),
    ("D07", "umrah with PPIU letter", ctx("umrah")),
    (
        "D07",
        "no letter but a licensed organiser named",
        ctx("umrah", documents=docs("umrah", without="ppiu_letter")),
    ),
    ("D08", "internship with the Kemnaker recommendation", ctx("internship")),
    (
        "D08",
        "internship with the recommendation, acceptance letter not brought",
        ctx("internship", documents=docs("internship", without="loa")),
    ),
    (
        "D08",
        "study without LoA (not an internship)",
        ctx("study", documents=docs("study", without="loa")),
    ),
    ("D09", "complete family visit", ctx("family_visit")),
    ("D10", "address in the working area", ctx()),
    ("D10", "office area unknown", ctx(address_regency="31.71", office_regencies=frozenset())),
    ("D11", "first application", ctx()),
    (
        "D11",
        "replacing a declared valid passport",
        ctx(
            holds_valid_passport=True,
            application_type="replacement",
            previous_passport_no="B1234567",
        ),
    ),
    ("D12", "valid NIK", ctx()),
    ("D13", "NIK agrees with the form", ctx()),
    ("D14", "no watchlist fact", ctx()),
    ("D15", "complete seafarer", ctx("seafarer")),
    ("D16", "own savings", ctx()),
    ("D16", "family abroad pays", ctx("family_visit")),
    ("D16", "work paid by the P3MI (not a private trip)", ctx("work")),
    ("D17", "husband as companion", ctx(companion_name="Slamet", companion_relation="Suami")),
    ("D17", "licensed PPIU as sponsor", ctx("umrah")),
    (
        "D17",
        "a placement company the applicant calls their agent",
        ctx("work", sponsor_name="PT Sinar Jaya Pratama Sejahtera", sponsor_relation="agen resmi"),
    ),
    ("D18", "no ring fact", ctx()),
    (
        "D19",
        "holiday tips from Instagram",
        ctx(itinerary="Liburan 5 hari ke Tokyo, info dari Instagram"),
    ),
    ("D19", "ordinary pay", ctx("work", itinerary="Kontrak kerja 3 tahun, gaji 9 juta")),
    ("D19", "interview raised another code", ctx(facts={"interview": (RaisedIndicator("D24"),)})),
    ("D20", "own savings", ctx()),
    ("D20", "KUR bank loan for migrant workers", ctx("work", funds_source="KUR PMI (bank)")),
    ("D20", "paid by the manning agency", ctx("seafarer")),
    ("D21", "licensed P3MI", ctx("work")),
    (
        "D21",
        "licence written in another form, the registry silent",
        ctx("work", recruiter_license_no="B.1/2213/PK.02.02/VII/2022"),
    ),
    ("D21", "manning agency licence for a seafarer", ctx("seafarer")),
    ("D21", "LPK licence for an internship", ctx("internship")),
    (
        "D21",
        "a training institute sending interns without a placement licence",
        ctx("internship", recruiter_license_no=""),
    ),
    ("D21", "no recruiter", ctx()),
    ("D22", "return ticket", ctx()),
    ("D22", "work contract without return ticket", ctx("work")),
    ("D22", "seafarer joins a ship", ctx("seafarer")),
    ("D22", "umrah via Madinah, no transit", ctx("umrah")),
    ("D23", "no interview yet", ctx()),
    (
        "D24",
        "interview raised another code",
        ctx(facts={"interview": (RaisedIndicator("D23", "dates differ"),)}),
    ),
    ("D25", "work with family permit", ctx("work")),
    ("D25", "tourist without family permit", ctx()),
    ("D26", "exactly eighteen", ctx(birth_date=dt.date(TODAY.year - 18, TODAY.month, TODAY.day))),
    (
        "D27",
        "technician with a diploma",
        ctx("work", itinerary="Sebagai teknisi listrik", education="D3"),
    ),
    ("D27", "factory operator with primary school", ctx("work", education="SD")),
    ("D28", "from elsewhere", ctx()),
    *[(code, "no interview yet", ctx()) for code in U_INDICATOR_CODES],
    *[
        (
            code,
            "the interview raised another code",
            ctx(facts={"interview": (RaisedIndicator("D24"), RaisedIndicator("U99"))}),
        )
        for code in U_INDICATOR_CODES
    ],
]


def _ids(cases: list[tuple[str, str, ScreeningContext]]) -> list[Any]:
    return [pytest.param(code, context, id=f"{code}-{name}") for code, name, context in cases]


def test_every_indicator_has_a_positive_and_a_negative_case() -> None:
    assert {code for code, _, _ in POSITIVE} == set(INDICATOR_CODES)
    assert {code for code, _, _ in NEGATIVE} == set(INDICATOR_CODES)


@pytest.mark.parametrize("purpose", sorted(CLEAN))
def test_clean_applications_fire_nothing(purpose: str) -> None:
    result = assess(ctx(purpose), POLICY)
    assert result.codes == ()
    assert (result.score, result.level, result.action) == (0, Level.LOW, RecommendedAction.STANDARD)
    assert [code for code in INDICATOR_CODES if fired(code, ctx(purpose))] == []


def with_strong(code: str, context: ScreeningContext) -> ScreeningContext:
    """Weak indicators only count next to a strong one: add a watchlist fact for them."""
    if POLICY.indicator(code).strength != "weak":
        return context
    return dataclasses.replace(context, facts={**context.facts, **WATCHLIST})


@pytest.mark.parametrize(("code", "context"), _ids(POSITIVE))
def test_indicator_fires(code: str, context: ScreeningContext) -> None:
    assert fired(code, context) is not None
    assert code in assess(with_strong(code, context), POLICY).codes


@pytest.mark.parametrize(("code", "context"), _ids(NEGATIVE))
def test_indicator_does_not_fire(code: str, context: ScreeningContext) -> None:
    assert fired(code, context) is None
    assert code not in assess(with_strong(code, context), POLICY).codes


_PLACEHOLDER = re.compile(r"[{}]")


@pytest.mark.parametrize(("code", "context"), _ids(POSITIVE))
def test_evidence_is_filled_in_both_languages(code: str, context: ScreeningContext) -> None:
    hit = next(hit for hit in assess(with_strong(code, context), POLICY).hits if hit.code == code)
    for language in LANGUAGES:
        text = hit.evidence[language]
        assert text.strip() and not _PLACEHOLDER.search(text), text
        assert hit.title[language] and hit.legal_basis[language]
    assert hit.evidence["id"] != hit.evidence["en"]
    assert hit.questions == POLICY.indicator(code).questions


def test_evidence_names_the_destination_and_occupation() -> None:
    context = ctx("work", destination_country="SA", occupation="Ibu Rumah Tangga")
    hit = next(h for h in assess(context, POLICY).hits if h.code == "D05")
    assert hit.evidence["en"] == (
        "Destination Saudi Arabia (SA) is on the Kepmenaker 260/2015 list and the work is "
        "domestic work (\u201cIbu Rumah Tangga\u201d)."
    )
    assert hit.evidence["id"].startswith("Negara tujuan Arab Saudi (SA) termasuk daftar")


def test_raised_indicators_give_codes_and_notes() -> None:
    context = ctx(
        facts={
            "interview": (
                RaisedIndicator("D24", "looks at the companion"),
                RaisedIndicator("D16"),
                RaisedIndicator("D24", " "),
                "D19: a code written as text is not read",
            )
        }
    )
    assert interview_codes(context) == {"D24": ["looks at the companion"], "D16": []}
    assert assess(context, POLICY).codes == ("D16", "D24")


def test_raised_indicators_give_u_codes_too() -> None:
    context = ctx(
        facts={
            "interview": (
                RaisedIndicator("U03", "owes the sponsor"),
                RaisedIndicator("U01"),
                RaisedIndicator("X01", "nothing"),
            )
        }
    )
    assert interview_codes(context) == {"U03": ["owes the sponsor"], "U01": []}


def test_a_u_indicator_sends_to_the_deep_interview_and_quotes_the_note() -> None:
    result = assess(
        ctx(facts={"interview": (RaisedIndicator("U09", "tidak tahu nama majikan"),)}), POLICY
    )
    assert result.codes == ("U09",)
    assert result.action is RecommendedAction.DEEP_INTERVIEW
    assert "tidak tahu nama majikan" in result.hits[0].evidence["id"]
    assert result.hits[0].legal_basis["id"].startswith("UU 18/2017")


# --- Score, level, action ------------------------------------------------------------------


def test_one_strong_hit_scores_its_weight() -> None:
    result = assess(ctx(return_ticket="no"), POLICY)  # D22 only
    assert result.codes == ("D22",)
    assert result.score == POLICY.indicator("D22").weight == 35
    assert result.level is Level.MEDIUM
    assert result.action is RecommendedAction.STANDARD
    assert result.policy_version == POLICY.version


def test_hits_combine_with_diminishing_returns() -> None:
    # D01 (45) and D22 (35): 100 * (1 - 0.55 * 0.65) = 64.25.
    context = ctx(
        itinerary="", return_ticket="no", documents=docs("tourism", without="tiket_pulang")
    )
    result = assess(context, POLICY)
    assert result.codes == ("D01", "D22")
    assert result.score == 64
    assert result.level is Level.HIGH
    assert result.action is RecommendedAction.DEEP_INTERVIEW


def test_scores_never_exceed_100() -> None:
    facts = {
        **WATCHLIST,
        "ring": ("x",),
        "broker": ("y",),
        "interview": (RaisedIndicator("D23"), RaisedIndicator("D24")),
    }
    result = assess(ctx("work", disnaker_recommendation_no="", facts=facts), POLICY)
    assert result.score <= 100
    assert result.level is Level.HIGH


def test_flagged_indicators_force_the_deep_interview_below_the_high_threshold() -> None:
    data = policy_to_data(POLICY)
    data["indicators"]["D14"]["weight"] = 40
    policy = policy_from_data(data)
    result = assess(ctx(facts=WATCHLIST), policy)
    assert (result.score, result.level) == (40, Level.MEDIUM)
    assert result.action is RecommendedAction.DEEP_INTERVIEW


def test_disabled_indicators_are_not_evaluated() -> None:
    data = policy_to_data(POLICY)
    data["indicators"]["D14"]["enabled"] = False
    assert assess(ctx(facts=WATCHLIST), policy_from_data(data)).codes == ()


def test_hits_are_listed_in_code_order() -> None:
    context = ctx(return_ticket="no", funds_source="Pinjaman", address_district=SENDING_DISTRICT)
    assert assess(context, POLICY).codes == ("D20", "D22", "D28")


# --- Fairness guard: examples --------------------------------------------------------------


def test_weak_signals_alone_give_nothing() -> None:
    context = ctx(
        birth_date=born(16),
        companion_relation="Ayah kandung",
        address_regency="31.71",
        address_district="31.71.03",
        itinerary="Liburan",
    )
    assert {code for code in ("D04", "D10", "D26") if fired(code, context)} == {"D04", "D10", "D26"}
    result = assess(context, POLICY)
    assert (result.score, result.level, result.action, result.hits) == (
        0,
        Level.LOW,
        RecommendedAction.STANDARD,
        (),
    )


def test_weak_signals_add_to_a_strong_one_within_its_level() -> None:
    strong_only = assess(ctx(return_ticket="no"), POLICY)  # D22: 35, medium
    with_weak = assess(
        ctx(
            return_ticket="no",
            birth_date=born(17),
            companion_relation="Ibu",
            address_district=SENDING_DISTRICT,
        ),
        POLICY,
    )
    assert with_weak.codes == ("D22", "D26", "D28")
    assert strong_only.score < with_weak.score < POLICY.thresholds.high
    assert with_weak.level is strong_only.level is Level.MEDIUM
    assert with_weak.action is RecommendedAction.STANDARD


def test_weak_signals_never_push_into_the_next_level() -> None:
    data = policy_to_data(POLICY)
    for code in ("D26", "D28", "D04", "D10"):
        data["indicators"][code]["weight"] = 100
    policy = policy_from_data(data)
    context = ctx(
        return_ticket="no",
        birth_date=born(17),
        sponsor_relation="Orang tua",
        itinerary="Liburan",
        address_regency="31.71",
        address_district="31.71.03",
    )
    result = assess(context, policy)
    assert result.score == policy.thresholds.high - 1
    assert result.level is Level.MEDIUM
    assert result.action is RecommendedAction.STANDARD


def test_a_minor_travelling_without_a_parent_or_guardian_goes_to_the_deep_interview() -> None:
    alone = assess(ctx(birth_date=born(15), companion_relation="Om"), POLICY)
    assert alone.codes == ("D26",)
    assert alone.hits[0].strength == "strong"
    assert alone.action is RecommendedAction.DEEP_INTERVIEW
    with_mother = assess(ctx(birth_date=born(15), companion_relation="Ibu kandung"), POLICY)
    assert with_mother.hits == ()
    assert with_mother.action is RecommendedAction.STANDARD


def test_a_domestic_worker_going_as_a_tourist_to_a_banned_country_is_d05() -> None:
    tourist = ctx(destination_country="SA", occupation="Asisten Rumah Tangga")
    assert fired("D05", tourist) is not None
    assert fired("D05", dataclasses.replace(tourist, occupation="PRT")) is not None
    # A housewife on holiday or visiting family is not a domestic worker.
    housewife = dataclasses.replace(tourist, occupation="Ibu Rumah Tangga")
    assert fired("D05", housewife) is None
    assert fired("D05", dataclasses.replace(housewife, occupation="IRT")) is None


def test_a_returning_migrant_worker_going_as_a_tourist_to_a_banned_country_is_d05() -> None:
    returnee = ctx(destination_country="BH", occupation="Mantan PMI")
    assert fired("D05", returnee) is not None
    assert fired("D05", dataclasses.replace(returnee, occupation="asisten RT")) is not None
    # The same person going to work through the placement system, or on holiday to Japan.
    assert fired("D05", dataclasses.replace(returnee, purpose="work")) is None
    assert fired("D05", dataclasses.replace(returnee, destination_country="JP")) is None


def test_a_visit_repaid_from_wages_goes_to_the_deep_interview_a_loan_from_a_bank_does_not() -> None:
    wages = assess(ctx(funds_source="potong gaji"), POLICY)
    assert "D20" in wages.codes and wages.action is RecommendedAction.DEEP_INTERVIEW
    borrowed = assess(ctx(funds_source="pinjam saudara"), POLICY)
    assert "D20" in borrowed.codes and borrowed.action is RecommendedAction.STANDARD
    assert "D20" not in assess(ctx("umrah", funds_source="talangan bank syariah"), POLICY).codes
    # A placement fee deducted from a worker's wages is weighed, not escalated.
    worker = assess(ctx("work", funds_source="potong gaji"), POLICY)
    assert worker.codes == ("D20",) and worker.action is RecommendedAction.STANDARD


def test_a_tourist_paid_for_by_a_friend_or_an_employer_is_d16_by_family_is_not() -> None:
    assert fired("D16", ctx(funds_source="dikasih teman")) is not None
    assert fired("D16", ctx(funds_source="tiket dari HRD")) is not None
    assert fired("D16", ctx(funds_source="dibiayai anak")) is None
    assert fired("D16", ctx(funds_source="ditanggung perusahaan")) is None


def test_a_private_trip_paid_by_a_friend_goes_to_the_deep_interview_on_its_own() -> None:
    paid = assess(ctx(funds_source="dari kenalan FB", itinerary="2 bulan di sana"), POLICY)
    assert paid.codes == ("D16",) and paid.action is RecommendedAction.DEEP_INTERVIEW
    family = assess(ctx(funds_source="dibiayai anak"), POLICY)
    assert family.action is RecommendedAction.STANDARD


def test_a_returning_migrant_worker_going_as_a_tourist_anywhere_is_d02() -> None:
    returnee = ctx(destination_country="MY", occupation="TKW")
    assert "D02" in assess(returnee, POLICY).codes
    assert assess(returnee, POLICY).action is RecommendedAction.DEEP_INTERVIEW
    assert fired("D02", dataclasses.replace(returnee, occupation="eks TKI")) is not None
    # An umrah with the savings of years abroad is no work hint; nor is the Red Cross.
    assert fired("D02", ctx("umrah", occupation="Mantan PMI")) is None
    assert fired("D02", dataclasses.replace(returnee, occupation="Relawan PMI")) is None
    assert fired("D02", dataclasses.replace(returnee, occupation="Petani")) is None


def test_a_study_arranged_by_a_recruiter_without_the_kemnaker_recommendation_is_d08() -> None:
    arranged = ctx("study", recruiter_name="LPK Mitra Global Nusantara", return_ticket="no")
    result = assess(arranged, POLICY)
    assert "D08" in result.codes and result.action is RecommendedAction.DEEP_INTERVIEW
    hit = next(h for h in result.hits if h.code == "D08")
    assert "studi" in hit.evidence["id"] and "rekomendasi Kemnaker" in hit.evidence["id"]
    by_agent = ctx("study", sponsor_name="Pak Sugi", sponsor_relation="agen")
    assert fired("D08", by_agent) is not None
    # A student with a scholarship or parents as sponsor, or an arranged study that has
    # the recommendation, is not.
    assert fired("D08", ctx("study")) is None
    assert fired("D08", ctx("study", sponsor_name="Slamet", sponsor_relation="ayah")) is None
    documents = docs("study", add="rekomendasi_kemnaker")
    assert fired("D08", dataclasses.replace(arranged, documents=documents)) is None


def test_a_family_visit_to_someone_who_is_no_relative_goes_to_the_deep_interview() -> None:
    neighbour = ctx("family_visit", sponsor_relation="tetangga")
    result = assess(neighbour, POLICY)
    assert "D09" in result.codes and result.action is RecommendedAction.DEEP_INTERVIEW
    assert "tetangga" in next(h for h in result.hits if h.code == "D09").evidence["en"]
    assert fired("D09", ctx("family_visit")) is None


def test_a_family_visit_to_a_banned_placement_country_without_a_letter_is_deep() -> None:
    no_letter = docs("family_visit", without="surat_jaminan")
    gulf = assess(ctx("family_visit", destination_country="QA", documents=no_letter), POLICY)
    assert gulf.action is RecommendedAction.DEEP_INTERVIEW
    # The same missing letter for a visit to Taiwan is weighed, not escalated.
    taiwan = assess(ctx("family_visit", documents=no_letter), POLICY)
    assert taiwan.codes == ("D09",) and taiwan.action is RecommendedAction.STANDARD


def test_a_nik_of_the_other_sex_goes_to_the_deep_interview_a_date_slip_does_not() -> None:
    other_sex = assess(ctx(nik_mismatches=("sex",)), POLICY)
    assert other_sex.codes == ("D13",) and other_sex.action is RecommendedAction.DEEP_INTERVIEW
    date_only = assess(ctx(nik_mismatches=("birth_date",)), POLICY)
    assert date_only.codes == ("D13",) and date_only.action is RecommendedAction.STANDARD


def test_a_minor_going_to_work_is_a_strong_case() -> None:
    # Age alone is weak, but Disnaker never recommends a minor: no number is D02, a number D03.
    without = assess(ctx("work", birth_date=born(16), disnaker_recommendation_no=""), POLICY)
    assert {"D02", "D26"} <= set(without.codes)
    assert without.action is RecommendedAction.DEEP_INTERVIEW
    with_number = assess(ctx("work", birth_date=born(16)), POLICY)
    assert "D03" in with_number.codes


# --- Fairness guard: properties over generated applications --------------------------------

ADDRESSES = [
    ("33.01", QUIET_DISTRICT),
    ("33.01", SENDING_DISTRICT),
    ("33.05", "33.05.04"),
    ("33.02", "33.02.19"),
    ("31.71", "31.71.03"),
    ("18.02", "18.02.01"),
]


@st.composite
def demographic_variants(draw: st.DrawFn) -> ScreeningContext:
    """A clean application of any purpose whose only varying features are who the
    applicant is: sex, age, where they live and where their NIK comes from."""
    purpose = draw(st.sampled_from(sorted(CLEAN)))
    # A minor cannot hold a genuine work recommendation (see the test above).
    youngest = 18 if purpose == "work" else 0
    age = draw(st.integers(min_value=youngest, max_value=90))
    regency, district = draw(st.sampled_from(ADDRESSES))
    nik_regency = draw(st.sampled_from([regency, "33.29", "31.73"]))
    # A child travels with a parent here: age alone is then weak (alone, see above, strong).
    parent = draw(st.sampled_from(["Ibu", "Ayah", "Orang tua", "Wali"])) if age < 18 else ""
    return ctx(
        purpose,
        companion_relation=parent,
        sex=draw(st.sampled_from(["L", "P"])),
        birth_date=born(age),
        address_regency=regency,
        address_district=district,
        nik_regency=nik_regency,
        marital_status=draw(st.sampled_from(["Kawin", "Belum Kawin", "Cerai Hidup", ""])),
    )


@settings(max_examples=300, deadline=None)
@given(demographic_variants())
def test_sex_age_region_and_purpose_alone_stay_low_and_standard(context: ScreeningContext) -> None:
    result = assess(context, POLICY)
    assert result.hits == ()
    assert (result.score, result.level, result.action) == (0, Level.LOW, RecommendedAction.STANDARD)


ITINERARIES = [
    "",
    "Liburan",
    "Belum tahu, ikut sponsor",
    "Liburan 6 hari ke Tokyo dan Osaka",
    "Ditawari kerja admin online di Sihanoukville lewat Facebook, gaji 30 juta",
    "Bekerja sebagai asisten rumah tangga",
    "Transit Kuala Lumpur lalu lanjut ke Riyadh",
    "Umrah mandiri",
    "Paket umrah 9 hari PT Safa Marwa Mulia Tour",
]
FUNDS = ["Tabungan pribadi", "Dibiayai sponsor", "Pinjaman dari agen", "Biaya orang tua", ""]
FACTS = [
    {},
    WATCHLIST,
    {"ring": ("phone shared by 5",)},
    {"broker": ("known calo",)},
    {"interview": (RaisedIndicator("D23", "dates differ"), RaisedIndicator("D24"))},
    {"disnaker_unverified": ("not registered",)},
]


@st.composite
def any_application(draw: st.DrawFn) -> ScreeningContext:
    """Applications mixing every kind of field value, suspicious or not."""
    purpose = draw(st.sampled_from(sorted(CLEAN)))
    age = draw(st.integers(min_value=1, max_value=85))
    regency, district = draw(st.sampled_from(ADDRESSES))
    recruiter = draw(
        st.sampled_from(
            [("", ""), ("Bu Yati", ""), ("PT Bina Tenaga Mandiri", "KEP.118/SIP3MI/2019")]
        )
    )
    return ctx(
        purpose,
        destination_country=draw(st.sampled_from(["JP", "MY", "SA", "AE", "KH", "TH", "TW", "QA"])),
        itinerary=draw(st.sampled_from(ITINERARIES)),
        return_ticket=draw(st.sampled_from(["yes", "no", "unknown"])),
        funds_source=draw(st.sampled_from(FUNDS)),
        documents=frozenset(draw(st.sets(st.sampled_from(DOCUMENT_CODES), max_size=8))),
        disnaker_recommendation_no=draw(
            st.sampled_from(["", GENUINE_RECOMMENDATION, "560/12/2025"])
        ),
        recruiter_name=recruiter[0],
        recruiter_license_no=recruiter[1],
        employer_name=draw(st.sampled_from(["", "Keluarga Al-Harbi (Riyadh)"])),
        sponsor_relation=draw(st.sampled_from(["", "Anak", "Teman", "Agen", "Majikan"])),
        occupation=draw(st.sampled_from(["Karyawan Swasta", "Ibu Rumah Tangga", "Petani"])),
        application_type=draw(st.sampled_from(["new", "replacement"])),
        sex=draw(st.sampled_from(["L", "P"])),
        birth_date=born(age),
        # A child travels with a parent here (a child alone is a strong case of its own).
        companion_relation="Ibu" if age < 18 else draw(st.sampled_from(["", "Teman", "Suami"])),
        address_regency=regency,
        address_district=district,
        nik_valid=draw(st.booleans()),
        nik_mismatches=draw(st.sampled_from([(), ("sex",), ("birth_date",)])),
        other_open_applications=draw(st.integers(min_value=0, max_value=2)),
        holds_valid_passport=draw(st.booleans()),
        facts=draw(st.sampled_from(FACTS)),
    )


def _without(strength: str) -> Policy:
    """The shipped policy with every indicator of this strength disabled."""
    data = policy_to_data(POLICY)
    for spec in data["indicators"].values():
        if spec["strength"] == strength:
            spec["enabled"] = False
    return policy_from_data(data)


WEAK_ONLY = _without("strong")
STRONG_ONLY = _without("weak")


@settings(max_examples=400, deadline=None)
@given(any_application())
def test_without_strong_indicators_everything_is_low_and_standard(
    context: ScreeningContext,
) -> None:
    result = assess(context, WEAK_ONLY)
    assert result.hits == ()
    assert (result.score, result.level, result.action) == (0, Level.LOW, RecommendedAction.STANDARD)


@settings(max_examples=400, deadline=None)
@given(any_application())
def test_weak_indicators_never_change_level_or_action(context: ScreeningContext) -> None:
    full = assess(context, POLICY)
    strong = assess(context, STRONG_ONLY)
    assert (full.level, full.action) == (strong.level, strong.action)
    assert strong.score <= full.score
    assert POLICY.thresholds.level(full.score) is full.level
    weak_codes = {h.code for h in full.hits if h.strength == "weak"}
    assert weak_codes.isdisjoint(strong.codes)
    if not strong.hits:
        assert full.hits == ()


@settings(max_examples=300, deadline=None)
@given(any_application(), st.sampled_from(ADDRESSES))
def test_sex_and_region_never_change_level_or_action(
    context: ScreeningContext, address: tuple[str, str]
) -> None:
    other = dataclasses.replace(
        context,
        sex="P" if context.sex == "L" else "L",
        address_regency=address[0],
        address_district=address[1],
    )
    first, second = assess(context, POLICY), assess(other, POLICY)
    assert (first.level, first.action) == (second.level, second.action)
    strong = [h.code for h in first.hits if h.strength == "strong"]
    assert strong == [h.code for h in second.hits if h.strength == "strong"]


@settings(max_examples=300, deadline=None)
@given(any_application())
def test_evidence_of_generated_applications_is_always_filled(context: ScreeningContext) -> None:
    for hit in assess(context, POLICY).hits:
        for language in LANGUAGES:
            assert hit.evidence[language] and not _PLACEHOLDER.search(hit.evidence[language])


def test_the_pure_module_does_not_import_django() -> None:
    import subprocess
    import sys

    code = (
        "import sys, waspada.domain.risk as r; r.load_policy_file(); "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_a_tourist_without_a_plan_to_a_banned_placement_country_goes_to_the_deep_interview() -> (
    None
):
    vague = ctx(
        itinerary="liburan",
        return_ticket="unknown",
        documents=docs("tourism", without="tiket_pulang"),
    )
    to_qatar = assess(dataclasses.replace(vague, destination_country="QA"), POLICY)
    assert to_qatar.codes == ("D01",)
    assert to_qatar.action is RecommendedAction.DEEP_INTERVIEW
    to_singapore = assess(dataclasses.replace(vague, destination_country="SG"), POLICY)
    assert to_singapore.codes == ("D01",)
    assert to_singapore.action is RecommendedAction.STANDARD


def test_an_unnamed_agent_beside_a_placement_company_is_that_company() -> None:
    worker = ctx(
        "work",
        sponsor_name="",
        sponsor_relation="agen",
        recruiter_name="PT Graha Insan Migran",
        recruiter_license_no="SIP3MI No. 2/1041/HK.01/2023",
    )
    assert fired("D17", worker) is None
    assert fired("D17", dataclasses.replace(worker, recruiter_name="Bu Yati")) is not None


# --- Notes: what a registry does not know is information, not evidence ---------------------

UNKNOWN_RECRUITER = Note(
    "D21", Reason.of("recruiter_unknown", name="PT Karya Baru", licence="KEP.77/SIP3MI/2025")
)


def test_a_note_is_listed_and_moves_no_score() -> None:
    clean = ctx("work")
    noted = assess(
        dataclasses.replace(clean, facts={"recruiter_unlicensed": (UNKNOWN_RECRUITER,)}), POLICY
    )
    plain = assess(clean, POLICY)
    assert (noted.score, noted.level, noted.action, noted.codes) == (
        plain.score,
        plain.level,
        plain.action,
        plain.codes,
    )
    assert noted.notes == (UNKNOWN_RECRUITER.reason,)
    assert plain.notes == ()


def test_a_note_is_left_out_when_its_indicator_fires_for_a_reason_of_its_own() -> None:
    malformed = ctx(
        "work",
        recruiter_license_no="SIP3MI ADA",
        facts={"recruiter_unlicensed": (UNKNOWN_RECRUITER,)},
    )
    result = assess(malformed, POLICY)
    assert "D21" in result.codes and result.notes == ()


def test_a_note_is_no_evidence_for_its_indicator_but_a_line_beside_it_is() -> None:
    noted = ctx("work", facts={"recruiter_unlicensed": (UNKNOWN_RECRUITER,)})
    assert fired("D21", noted) is None
    marked = ctx(
        "work",
        facts={"recruiter_unlicensed": (UNKNOWN_RECRUITER, "marked suspicious by a supervisor")},
    )
    found = fired("D21", marked)
    assert found is not None and "marked suspicious" in found["detail_en"]


def test_the_same_note_from_two_providers_is_listed_once() -> None:
    other = Note("D18", Reason.of("organiser_unknown", name="PT Barokah Nur Tour"))
    result = assess(
        ctx(
            "work",
            facts={"a": (UNKNOWN_RECRUITER, other), "b": (UNKNOWN_RECRUITER,)},
        ),
        POLICY,
    )
    assert result.notes == (UNKNOWN_RECRUITER.reason, other.reason)
