"""The interview simulator's rules: a case's script, its answers, and the score.

A simulated deep interview runs on an anonymised or synthetic case (never a real
application). The script answers every question of the bank from the case's facts: a
question of an indicator the case has gets a worrying answer (and, where the case claims
one purpose but lives another, an answer that contradicts the form - a contradiction to
catch); any other question gets a plain answer consistent with the form. The trainee
records observations (the indicators they see) and proposes a decision; the score
weighs indicators uncovered (recorded after asking one of their questions), the
questions that mattered, the decision and the time taken. Pure: no Django.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from waspada.domain.training_grading import IRRELEVANT_PENALTY, OVERFLAG_PENALTY, score_decide

WEIGHTS = {"indicators": 40, "questions": 25, "decision": 25, "time": 10}
PAR_SECONDS_BASE = 300
PAR_SECONDS_PER_INDICATOR = 120

_T = Mapping[str, str]

# What the case says when a question touches an indicator it has ({placeholders} from
# the case's facts). Indicators without their own line use the generic one.
WORRYING: Mapping[str, _T] = {
    "D01": {
        "id": "Belum tahu mau ke mana saja, nanti ikut sponsor. Tiket pulang belum ada.",
        "en": "I don't know where yet, the sponsor decides. I have no return ticket.",
    },
    "D02": {
        "id": "Nanti di sana saya bantu-bantu kerja di rumah majikan, katanya gajinya besar.",
        "en": "Over there I will help out working in an employer's house; they say it pays well.",
    },
    "D05": {
        "id": "Saya akan jadi pembantu rumah tangga di {country}, sudah ada yang menunggu.",
        "en": "I will be a housemaid in {country}; someone is already waiting for me.",
    },
    "D06": {
        "id": "Ada lowongan kerja di {country}, gajinya dolar, semua diurus {sponsor}.",
        "en": "There is a job in {country}, paid in dollars; {sponsor} arranges everything.",
    },
    "D16": {
        "id": "Biayanya dari {sponsor}, nanti dipotong dari gaji.",
        "en": "{sponsor} pays for it; it will be taken out of my wages later.",
    },
    "D17": {
        "id": "Yang mengantar saya ke sini {sponsor}, dia yang menyuruh saya menjawab begini.",
        "en": "{sponsor} brought me here and told me what to answer.",
    },
    "D19": {
        "id": "Saya lihat lowongannya di Facebook, gajinya 15 juta sebulan, tanpa syarat.",
        "en": "I saw the job on Facebook: 15 million a month, no requirements.",
    },
    "D20": {
        "id": "Saya sudah bayar 20 juta ke {sponsor}, pinjam dari rentenir.",
        "en": "I already paid 20 million to {sponsor}, borrowed from a moneylender.",
    },
    "D22": {
        "id": "Tiketnya sekali jalan saja, transit dulu sebelum ke {country}.",
        "en": "The ticket is one way only, with a transit before {country}.",
    },
    "U01": {
        "id": "Paspor nanti dipegang {sponsor} dulu, katanya biar aman.",
        "en": "{sponsor} will keep my passport, to keep it safe they say.",
    },
    "U02": {
        "id": "Pekerjaannya belum jelas, kontraknya belum pernah saya lihat.",
        "en": "The job is not clear yet; I have never seen a contract.",
    },
    "U03": {
        "id": "Utang biaya berangkat nanti dibayar dari gaji beberapa bulan pertama.",
        "en": "The debt for the trip is paid off from the first months' wages.",
    },
    "U08": {
        "id": "Katanya selama kontrak tidak boleh keluar rumah majikan.",
        "en": "They said I may not leave the employer's house during the contract.",
    },
    "U09": {
        "id": "Alamat tempat kerjanya saya tidak tahu, nanti dijemput di bandara.",
        "en": "I don't know the address of the workplace; someone will pick me up at the airport.",
    },
}
GENERIC_WORRYING: _T = {
    "id": "Itu semua sudah diurus {sponsor}, saya hanya ikut saja.",
    "en": "{sponsor} has arranged all of that, I just go along.",
}
PLAIN: Mapping[str, _T] = {
    "tourism": {
        "id": "Saya berlibur ke {country}, hotel dan tiket pulang sudah saya pesan sendiri.",
        "en": "I am on holiday in {country}; I booked the hotel and return ticket myself.",
    },
    "umrah": {
        "id": "Saya berangkat umrah bersama rombongan biro resmi, tiket pulang sudah ada.",
        "en": "I am going on umrah with a licensed organiser's group; the return is booked.",
    },
    "hajj": {
        "id": "Saya berangkat haji lewat Kementerian Agama, semua dokumen lengkap.",
        "en": "I am going on hajj through the Ministry of Religious Affairs; papers complete.",
    },
    "family_visit": {
        "id": "Saya menjenguk {sponsor_relation} di {country}, dia yang menjamin.",
        "en": "I am visiting my {sponsor_relation} in {country}, who is my guarantor.",
    },
    "work": {
        "id": "Saya berangkat lewat P3MI resmi, rekomendasi Disnaker dan kontrak sudah ada.",
        "en": "I go through a licensed P3MI with the Disnaker recommendation and a contract.",
    },
}
GENERIC_PLAIN: _T = {
    "id": "Semuanya sesuai yang tertulis di formulir, dokumennya saya bawa.",
    "en": "Everything is as written on the form; I have the documents with me.",
}
CONTRADICTION_NOTE: _T = {
    "id": "Jawaban ini bertentangan dengan tujuan di formulir ({purpose}).",
    "en": "This answer contradicts the purpose on the form ({purpose}).",
}
# Indicators whose worrying answer reveals work: a contradiction on a non-work form.
REVEALS_WORK = frozenset({"D02", "D05", "D06", "D19", "U02", "U08", "U09"})


@dataclass(frozen=True)
class ScriptLine:
    question: str
    indicator: str
    answer: Mapping[str, str]
    worrying: bool
    contradicts: str = ""  # the form field the answer contradicts


def _facts(case: Mapping[str, Any]) -> dict[str, str]:
    trip = case.get("trip") or {}
    parties = case.get("parties") or {}
    return {
        "country": str(trip.get("destination_country") or "-"),
        "purpose": str(trip.get("purpose") or "-"),
        "sponsor": str(
            parties.get("sponsor_name") or parties.get("recruiter_name") or "teman saya"
        ),
        "sponsor_relation": str(parties.get("sponsor_relation") or "keluarga"),
    }


def _fill(template: _T, facts: Mapping[str, str]) -> dict[str, str]:
    return {language: text.format(**facts) for language, text in template.items()}


def script(
    case: Mapping[str, Any], indicators: Collection[str], bank: Sequence[tuple[str, str]]
) -> dict[str, ScriptLine]:
    """The case's answer to every question of `bank` ((question code, indicator) pairs)."""
    facts = _facts(case)
    purpose = facts["purpose"]
    lines: dict[str, ScriptLine] = {}
    for question, indicator in bank:
        if indicator in indicators:
            answer = _fill(WORRYING.get(indicator, GENERIC_WORRYING), facts)
            contradicts = "purpose" if indicator in REVEALS_WORK and purpose != "work" else ""
            if contradicts:
                note = _fill(CONTRADICTION_NOTE, facts)
                answer = {lang: f"{text} [{note[lang]}]" for lang, text in answer.items()}
            lines[question] = ScriptLine(question, indicator, answer, True, contradicts)
        else:
            answer = _fill(PLAIN.get(purpose, GENERIC_PLAIN), facts)
            lines[question] = ScriptLine(question, indicator, answer, False)
    return lines


@dataclass(frozen=True)
class SimulationScore:
    indicators: int
    questions: int
    decision: int
    time: int
    uncovered: tuple[str, ...]
    missed: tuple[str, ...]
    overflagged: tuple[str, ...]

    @property
    def total(self) -> int:
        weighted = sum(getattr(self, part) * weight for part, weight in WEIGHTS.items())
        return round(weighted / sum(WEIGHTS.values()))


def par_seconds(indicators: Collection[str]) -> int:
    return PAR_SECONDS_BASE + PAR_SECONDS_PER_INDICATOR * len(indicators)


def score_time(seconds: float, par: int) -> int:
    """100 up to par, then down to 0 at three times par."""
    if seconds <= par:
        return 100
    return max(0, round(100 * (1 - (seconds - par) / (2 * par))))


def score(
    *,
    truth: Collection[str],
    matter: Collection[str],
    asked: Sequence[tuple[str, str]],
    observed: Collection[str],
    outcome: str,
    reason: str,
    truth_outcome: str,
    seconds: float,
) -> SimulationScore:
    """Score a finished simulation. `asked`: (question, indicator) pairs in order;
    `observed`: the indicators the trainee recorded. An indicator is uncovered when it is
    true, recorded, and one of its questions was asked."""
    truth, observed = set(truth), set(observed)
    asked_indicators = {indicator for _, indicator in asked}
    uncovered = truth & observed & asked_indicators
    if truth:
        indicators = 100 * len(uncovered) / len(truth)
        indicators -= OVERFLAG_PENALTY * len(observed - truth) / 2
    else:
        indicators = 100 - OVERFLAG_PENALTY * len(observed)
    questions_asked = {question for question, _ in asked}
    matter = set(matter)
    if matter:
        questions = 100 * len(questions_asked & matter) / len(matter)
        questions -= IRRELEVANT_PENALTY * len(questions_asked - matter) / 2
    else:
        questions = 100 - IRRELEVANT_PENALTY * len(questions_asked) / 2
    return SimulationScore(
        indicators=max(0, min(100, round(indicators))),
        questions=max(0, min(100, round(questions))),
        decision=score_decide(outcome, reason, truth_outcome),
        time=score_time(seconds, par_seconds(truth)),
        uncovered=tuple(sorted(uncovered)),
        missed=tuple(sorted(truth - uncovered)),
        overflagged=tuple(sorted(observed - truth)),
    )


# Synthetic cases for practice when the office has no decided case of a kind yet.
_ARCHETYPES: tuple[dict[str, Any], ...] = (
    {
        "trip": {
            "purpose": "tourism",
            "destination_country": "SA",
            "return_ticket": "no",
            "itinerary": "jalan-jalan",
            "funds_source": "sponsor",
            "documents": ["ktp"],
        },
        "parties": {"sponsor_name": "Bu Marni", "sponsor_relation": "teman"},
        "indicators": ["D01", "D05", "D17", "U01", "U09"],
        "decision": {
            "outcome": "refuse",
            "reason_code": "non_procedural_work",
            "reason": "Mengaku wisata, tetapi akan bekerja sebagai PRT di Arab Saudi.",
        },
    },
    {
        "trip": {
            "purpose": "work",
            "destination_country": "KH",
            "return_ticket": "no",
            "itinerary": "",
            "funds_source": "pinjaman",
            "documents": ["ktp", "kk"],
        },
        "parties": {"recruiter_name": "PT Maju Terus", "sponsor_relation": "agen"},
        "indicators": ["D02", "D06", "D19", "D20", "U02", "U03"],
        "decision": {
            "outcome": "refuse",
            "reason_code": "trafficking_suspected",
            "reason": "Lowongan daring bergaji tidak wajar di Kamboja, berutang.",
        },
    },
    {
        "trip": {
            "purpose": "umrah",
            "destination_country": "SA",
            "return_ticket": "yes",
            "itinerary": "Makkah, Madinah 12 hari bersama rombongan",
            "funds_source": "tabungan sendiri",
            "documents": ["ktp", "kk", "ppiu"],
        },
        "parties": {"sponsor_name": "PT Amanah Travel", "sponsor_relation": "biro umrah"},
        "indicators": [],
        "decision": {
            "outcome": "issue",
            "reason_code": "",
            "reason": "Jemaah umrah dengan PPIU berizin, dokumen lengkap.",
        },
    },
)


def synthetic_case(seed: int) -> dict[str, Any]:
    """A made-up case for practice (no person behind it)."""
    rng = random.Random(seed)
    base = _ARCHETYPES[seed % len(_ARCHETYPES)]
    sex = rng.choice("LP")
    first = rng.choice(("Sri", "Dewi", "Lestari") if sex == "P" else ("Agus", "Eko", "Joko"))
    person = {
        "full_name": f"{first} {rng.choice(('Pratama', 'Wibowo', 'Santoso'))}",
        "sex": sex,
        "birth_date": f"{rng.randint(1980, 2004)}-{rng.randint(1, 12):02d}-01",
        "regency": "Cilacap",
        "village": rng.choice(("Sukamaju", "Tirtasari")),
        "occupation": rng.choice(("Petani", "Ibu rumah tangga", "Buruh")),
    }
    return {
        "person": person,
        "trip": dict(base["trip"]),
        "parties": dict(base["parties"]),
        "interview": [],
        "evidence": [],
        "decision": dict(base["decision"]),
        "indicators": list(base["indicators"]),
    }
