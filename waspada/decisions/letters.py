"""Official letters: numbered per year, rendered to PDF, stored and audited.

- `make_decision_letter`: the *Surat Penundaan* or *Surat Penolakan* of a deferral or
  refusal that has come into force (the decisions services call it on sign-off).
- `make_interview_record`: the *Berita Acara Wawancara* of an interview session.

`Letter.context` keeps everything the template was filled with, already in
Indonesian and already formatted, so `pdf.render_letter(letter)` makes the same
letter again from the stored data alone: a later change to the office, the applicant
or a translation does not change a letter that was issued.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from waspada.applications.forms import DOCUMENT_LABELS
from waspada.applications.models import Applicant, PassportApplication, Purpose, Sex
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.core.pdf import letterhead
from waspada.core.roles import Role
from waspada.decisions import pdf
from waspada.decisions.models import (
    Decision,
    DecisionState,
    Letter,
    LetterKind,
    LetterSequence,
    Outcome,
    ReasonCode,
    Signatory,
)
from waspada.domain import letters as rules
from waspada.regions.models import Level, Office
from waspada.regions.queries import region_path

if TYPE_CHECKING:
    from waspada.interviews.models import InterviewSession

Context = dict[str, Any]

KIND_FOR_OUTCOME = {Outcome.DEFER: LetterKind.DEFERRAL, Outcome.REFUSE: LetterKind.REFUSAL}

# A deferral only asks for the documents the regulation requires anyway.
DEFERRAL_LEGAL_BASIS = (
    "UU 6/2011 tentang Keimigrasian; Permenkumham 8/2014 jo. Permenkumham 18/2022 "
    "tentang Paspor Biasa dan Surat Perjalanan Laksana Paspor"
)
SUBJECTS = {
    LetterKind.DEFERRAL: "Penundaan Penerbitan Paspor",
    LetterKind.REFUSAL: "Penolakan Permohonan Paspor",
    LetterKind.INTERVIEW_RECORD: "Berita Acara Wawancara",
}
FILE_PREFIXES = {
    LetterKind.DEFERRAL: "surat-penundaan",
    LetterKind.REFUSAL: "surat-penolakan",
    LetterKind.INTERVIEW_RECORD: "berita-acara-wawancara",
}


class LetterError(UserFacingError):
    """A letter that cannot be made; `message()` says why in the officer's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self._message = message

    def message(self) -> str:
        return self._message

    def form_errors(self) -> list[tuple[str, str]]:
        return [("", self._message)]


# --- public services ---------------------------------------------------------------


def make_decision_letter(decision: Decision, *, acting_user: User | None) -> Letter | None:
    """The deferral or refusal letter of a decision in force; None for issue and cancel.

    Calling it again for the same decision returns the letter already made: a decision
    has one letter and one number.
    """
    kind = KIND_FOR_OUTCOME.get(Outcome(decision.outcome))
    if kind is None:
        return None
    with transaction.atomic():
        # Lock the decision so that two calls for it cannot both make a letter.
        locked = (
            Decision.objects.select_for_update(of=("self",))
            .select_related("application__applicant", "application__office", "reviewed_by")
            .get(pk=decision.pk)
        )
        if locked.state != DecisionState.IN_FORCE:
            raise LetterError(gettext("A letter is made only for a decision that is in force."))
        existing = locked.letters.filter(kind=kind).first()
        if existing is not None:
            return existing
        day = timezone.localdate(locked.in_force_at or timezone.now())
        return _issue(
            kind,
            locked.application,
            day,
            lambda office, number: _decision_context(locked, kind, office, number, day),
            decision=locked,
            acting_user=acting_user,
        )


def make_interview_record(session: InterviewSession, *, acting_user: User | None) -> Letter:
    """The Berita Acara Wawancara of a finished interview session.

    Made once per session: asking again returns the record already made. An open
    session is refused, since its answers may still change.
    """
    from waspada.interviews.models import InterviewSession, SessionState

    with transaction.atomic():
        locked = (
            InterviewSession.objects.select_for_update(of=("self",))
            .select_related("application__applicant", "application__office", "interviewer")
            .get(pk=session.pk)
        )
        if locked.state != SessionState.FINISHED:
            raise LetterError(
                gettext("Finish the interview first: its record is made from the final answers.")
            )
        existing = Letter.objects.filter(interview=locked).first()
        if existing is not None:
            return existing
        day = timezone.localdate(locked.started_at)
        return _issue(
            LetterKind.INTERVIEW_RECORD,
            locked.application,
            day,
            lambda office, number: _interview_context(locked, office, number, day),
            interview=locked,
            acting_user=acting_user,
        )


def record_download(letter: Letter, *, user: User, request: HttpRequest | None = None) -> None:
    """Audit a download: a letter carries the applicant's personal data (UU 27/2022)."""
    audit.record(
        AuditAction.LETTER_DOWNLOADED,
        said(gettext_noop("Letter %(number)s downloaded"), number=letter.number),
        actor=user,
        obj=letter,
        details={"kind": letter.kind, "application": letter.application_id},
        request=request,
    )


@transaction.atomic
def set_signatory(
    officer: User,
    *,
    nip: str,
    position: str,
    signs_for_head: bool,
    acting_user: User,
    request: HttpRequest | None = None,
) -> Signatory:
    """Register or change the NIP and position printed under an officer's signature."""
    signatory, created = Signatory.objects.select_for_update().get_or_create(
        user=officer,
        defaults={"nip": nip, "position": position, "signs_for_head": signs_for_head},
    )
    before = {
        "nip": signatory.nip,
        "position": signatory.position,
        "signs_for_head": signatory.signs_for_head,
    }
    signatory.nip, signatory.position = nip, position
    signatory.signs_for_head = signs_for_head
    signatory.save()
    after = {"nip": nip, "position": position, "signs_for_head": signs_for_head}
    audit.record(
        AuditAction.SIGNATORY_SET,
        said(
            gettext_noop("Letter signatory %(user)s: NIP %(nip)s, signs for the head of office")
            if signs_for_head
            else gettext_noop("Letter signatory %(user)s: NIP %(nip)s"),
            user=officer.get_username(),
            nip=nip,
        ),
        actor=acting_user,
        obj=signatory,
        details={key: [None if created else before[key], after[key]] for key in after},
        request=request,
    )
    return signatory


def download_filename(letter: Letter) -> str:
    """`surat-penolakan-W13.IMI.IMI.3-17.GR.02.06.2026.pdf`: the number as it is
    written, with what a file name cannot hold (slashes, spaces) made hyphens."""
    number = re.sub(r"[^A-Za-z0-9.-]+", "-", letter.number).strip("-.")
    return f"{FILE_PREFIXES[LetterKind(letter.kind)]}-{number}.pdf"


# --- numbering and storing ---------------------------------------------------------


def next_sequence(year: int, series: str = "") -> int:
    """The next letter number of `year` in `series` (the office's letters: ""). Call
    inside a transaction: the year's row stays locked until it commits, so two letters
    made at once never get the same number."""
    LetterSequence.objects.get_or_create(year=year, series=series)
    sequence = LetterSequence.objects.select_for_update().get(year=year, series=series)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def _issue(
    kind: LetterKind,
    application: PassportApplication,
    day: dt.date,
    build_context: Callable[[Office, str], Context],
    *,
    decision: Decision | None = None,
    interview: InterviewSession | None = None,
    acting_user: User | None,
) -> Letter:
    office = application.office
    sequence = next_sequence(day.year)
    try:
        number = rules.format_letter_number(office.letter_number_format, sequence, day.year)
    except ValueError as exc:
        raise LetterError(
            gettext("The office's letter number format is not valid; correct it first.")
        ) from exc
    with translation.override("id"):  # official letters are Indonesian
        context = build_context(office, number)
    content = pdf.render_pdf(kind, context)
    letter = Letter(
        kind=kind,
        application=application,
        decision=decision,
        interview=interview,
        number=number,
        year=day.year,
        sequence=sequence,
        context=context,
        sha256=hashlib.sha256(content).hexdigest(),
        created_by=acting_user,
    )
    letter.file.save(f"{FILE_PREFIXES[kind]}-{day.year}-{sequence:05d}.pdf", ContentFile(content))
    audit.record(
        AuditAction.LETTER_ISSUED,
        said(
            gettext_noop("%(subject)s %(number)s for application %(application)s"),
            subject=SUBJECTS[kind],
            number=number,
            application=application.application_no,
        ),
        actor=acting_user,
        obj=letter,
        details={
            "kind": kind,
            "number": number,
            "application": application.application_no,
            "decision": decision.pk if decision is not None else None,
            "interview": interview.pk if interview is not None else None,
            "sha256": letter.sha256,
        },
    )
    return letter


# --- what the letters say ----------------------------------------------------------


def _common_context(
    kind: LetterKind, office: Office, number: str, day: dt.date, issued_at: dt.datetime
) -> Context:
    return {
        "kind": str(kind),
        "subject": SUBJECTS[kind],
        "number": number,
        "city": office.city,
        "date": rules.indonesian_date(day),
        # PDF metadata: a fixed time, so that rendering again gives the same file.
        "issued_at": timezone.localtime(issued_at).replace(microsecond=0).isoformat(),
        "letterhead": letterhead(office.name, office.address, office.phone),
    }


def _person(applicant: Applicant) -> Context:
    woman = applicant.sex == Sex.FEMALE
    return {
        "name": applicant.full_name,
        "nik": applicant.nik,
        "salutation": "Sdri." if woman else "Sdr.",
        "you": "Saudari" if woman else "Saudara",
        "sex": "Perempuan" if woman else "Laki-laki",
        "birth": f"{applicant.birth_place}, {rules.indonesian_date(applicant.birth_date)}",
        "address": applicant.address,
        "region": _region_line(applicant.village_id),
    }


def _region_line(village_code: str) -> str:
    """`Desa Tambakreja, Kec. Kedungreja, Kabupaten Cilacap, Jawa Tengah`."""
    # Village codes: first digit 1 = kelurahan, 2 = desa (docs/domain.md).
    village = "Kel. " if village_code.rsplit(".", 1)[-1].startswith("1") else "Desa "
    prefixes = {Level.DISTRICT: "Kec. ", Level.VILLAGE: village}
    names = [
        f"{prefixes.get(Level(region.level), '')}{region.name}"
        for region in region_path(village_code)
    ]
    return ", ".join(reversed(names))


def _application(application: PassportApplication) -> Context:
    from waspada.applications.countries import country_name

    return {
        "number": application.application_no,
        "submitted_on": rules.indonesian_date(application.submitted_on),
        "purpose": str(Purpose(application.purpose).label),
        "destination": country_name(application.destination_country, "id"),
    }


def _document_names(codes: Iterable[str]) -> list[str]:
    return [str(DOCUMENT_LABELS.get(code, code)) for code in codes]


def _decision_context(
    decision: Decision, kind: LetterKind, office: Office, number: str, day: dt.date
) -> Context:
    application = decision.application
    legal_basis = decision.legal_basis.strip()
    if not legal_basis and kind == LetterKind.DEFERRAL:
        legal_basis = DEFERRAL_LEGAL_BASIS
    return {
        **_common_context(kind, office, number, day, decision.in_force_at or timezone.now()),
        "addressee": _person(application.applicant),
        "application": _application(application),
        "decision": {
            "reason_code": (
                str(ReasonCode(decision.reason_code).label) if decision.reason_code else ""
            ),
            "reason": decision.reason,
            "legal_basis": legal_basis,
            "missing_documents": _document_names(decision.missing_documents),
            "deadline": rules.indonesian_date(decision.deadline) if decision.deadline else "",
        },
        "signature": signature_for(office, decision.reviewed_by),
        "copies": copies(office, kind=str(kind)),
    }


def signature_for(office: Office, reviewer: User | None) -> Context:
    """Who signs a decision letter: the head of office, or the supervisor (Kasi) who
    signed the decision off, for the head ("a.n. Kepala Kantor ..."): when registered to
    sign for the head, or when the head's name is not configured and the Kasi has not
    been registered otherwise (a block of dots would be no signature at all)."""
    head = f"Kepala {office.name}"
    signatory = Signatory.objects.filter(user=reviewer).first() if reviewer is not None else None
    on_behalf = reviewer is not None and (
        (signatory is not None and signatory.signs_for_head)
        or (signatory is None and reviewer.role == Role.SUPERVISOR and not office.head_name)
    )
    if on_behalf and reviewer is not None:
        return {
            "on_behalf_of": f"a.n. {head}",
            "position": signatory.position if signatory and signatory.position else "Kepala Seksi",
            "name": reviewer.get_full_name() or reviewer.get_username(),
            "nip": signatory.nip if signatory else "",
        }
    return {"on_behalf_of": "", "position": head, "name": office.head_name, "nip": office.head_nip}


def copies(office: Office, *, kind: str) -> list[str]:
    """Who receives a copy of an office letter (the "Tembusan" list under it)."""
    regional = "Kepala Kantor Wilayah Direktorat Jenderal Imigrasi"
    if kind == "referral":
        return [f"Kepala {office.name} (sebagai laporan)", "Arsip"]
    return [regional, "Arsip"]


def _interview_context(
    session: InterviewSession, office: Office, number: str, day: dt.date
) -> Context:
    from waspada.interviews.models import InterviewKind, Observation
    from waspada.interviews.queries import findings_for_display

    interviewer = session.interviewer
    signatory = Signatory.objects.filter(user=interviewer).first()
    start = timezone.localtime(session.started_at)
    end = timezone.localtime(session.finished_at or session.started_at)
    titles = _indicator_titles()
    return {
        **_common_context(LetterKind.INTERVIEW_RECORD, office, number, day, end),
        "applicant": _person(session.application.applicant),
        "application": _application(session.application),
        "interview": {
            "deep": session.kind == InterviewKind.DEEP,
            "weekday": rules.indonesian_weekday(day),
            "started": f"{start:%H.%M}",
            "finished": f"{end:%H.%M}",
            "time_zone": f"{start:%Z}" if f"{start:%Z}".isalpha() else f"UTC{start:%z}",
            "answers": [
                {
                    "question": answer.question_text,
                    "answer": answer.answer,
                    "worrying": answer.worrying,
                    "raises": answer.raises,
                }
                for answer in session.answers.all()
            ],
            "observations": [
                str(Observation(code).label) if code in Observation.values else code
                for code in session.observations
            ],
            "stated": _stated(session),
            # Raised beside a question (with its number in part A), then for the session.
            "indicators": [
                {
                    "code": answer.raises,
                    "title": titles.get(answer.raises, ""),
                    "note": f"jawaban atas pertanyaan nomor {number}",
                }
                for number, answer in enumerate(session.answers.all(), start=1)
                if answer.raises
            ]
            + [
                {
                    "code": item.get("code", ""),
                    "title": titles.get(item.get("code", ""), ""),
                    "note": item.get("note", ""),
                }
                for item in session.raised_indicators
            ],
            "findings": [
                {"text": str(item["text"]), "contradiction": bool(item["contradiction"])}
                for item in findings_for_display(session)
            ],
            "notes": session.notes,
        },
        "interviewer": {
            "name": interviewer.get_full_name(),
            "nip": signatory.nip if signatory is not None else "",
            "position": signatory.position if signatory is not None else "",
        },
    }


def _stated(session: InterviewSession) -> list[tuple[str, str]]:
    """What the applicant stated on the facts the checks compare, in Indonesian, as
    (label, value) for those recorded."""
    from waspada.applications.countries import country_name
    from waspada.interviews.models import StatedFunds, StatedRelation, StatedTicket

    with translation.override("id"):
        rows = [
            ("Tujuan perjalanan", str(dict(Purpose.choices).get(session.stated_purpose, ""))),
            ("Negara tujuan", country_name(session.stated_destination, "id")),
            (
                "Tanggal keberangkatan",
                rules.indonesian_date(session.stated_departure) if session.stated_departure else "",
            ),
            ("Tiket pulang", str(dict(StatedTicket.choices).get(session.stated_return_ticket, ""))),
            ("Biaya perjalanan", str(dict(StatedFunds.choices).get(session.stated_funds, ""))),
            (
                "Hubungan dengan penjamin",
                str(dict(StatedRelation.choices).get(session.stated_sponsor_relation, "")),
            ),
        ]
    return [(label, value) for label, value in rows if value]


def _indicator_titles() -> dict[str, str]:
    """Indonesian titles of the indicators of the screening policy in force."""
    from waspada.screening.policies import policy_of, version_in_force

    policy = policy_of(version_in_force())
    return {code: spec.title.get("id", "") for code, spec in policy.indicators.items()}
