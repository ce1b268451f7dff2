"""Deferral and refusal letters: content, numbering, storage, reproducibility, bad input."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

import pytest
from django.utils import timezone
from pypdf import PdfReader

from waspada.applications.models import PassportApplication
from waspada.applications.tests.factories import make_application
from waspada.core.models import AuditEvent, User
from waspada.decisions import letters
from waspada.decisions.models import Decision, DecisionState, Letter, LetterSequence, Signatory
from waspada.decisions.pdf import render_letter
from waspada.regions.models import Office
from waspada.regions.services import ensure_office

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("central_java_regions")]

JAKARTA = dt.timezone(dt.timedelta(hours=7))
REFUSAL_REASON = "Pemohon mengaku akan bekerja sebagai asisten rumah tangga di Riyadh."


@pytest.fixture
def office() -> Office:
    return configure_office()


def configure_office() -> Office:
    office = ensure_office()
    office.name = "Kantor Imigrasi Kelas I TPI Cilacap"
    office.address = "Jl. Letjend Soeprapto No. 2, Cilacap 53212"
    office.phone = "(0282) 534448"
    office.city = "Cilacap"
    office.head_name = "Drs. Bambang Hartono, S.H."
    office.head_nip = "197205121998031002"
    office.save()
    return office


def decision_in_force(
    application: PassportApplication,
    outcome: str,
    *,
    reviewer: User | None = None,
    in_force_at: dt.datetime | None = None,
    **fields: Any,
) -> Decision:
    """A signed-off decision as the decisions services leave it (the letter's input)."""
    when = in_force_at or dt.datetime(2026, 11, 29, 10, 30, tzinfo=JAKARTA)
    values: dict[str, Any] = {
        "reason": "Tujuan perjalanan tidak jelas.",
        "from_status": "interview",
        "state": DecisionState.IN_FORCE,
        "reviewed_by": reviewer,
        "reviewed_at": when,
        "in_force_at": when,
        "proposed_at": when - dt.timedelta(hours=2),
    }
    if outcome == "refuse":
        values |= {
            "reason": REFUSAL_REASON,
            "reason_code": "non_procedural_work",
            "legal_basis": "UU 6/2011 tentang Keimigrasian; UU 18/2017 Pasal 5 dan 13",
        }
    if outcome == "defer":
        values |= {
            "missing_documents": ["rekomendasi_disnaker", "sarkes"],
            "deadline": dt.date(2026, 12, 29),
        }
    return Decision.objects.create(application=application, outcome=outcome, **(values | fields))


def pdf_text(content: bytes) -> str:
    """The text of a PDF as a reader sees it, with runs of whitespace made single spaces."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def stored_bytes(letter: Letter) -> bytes:
    with letter.file.open("rb") as handle:
        return handle.read()


def test_refusal_letter_names_the_applicant_reason_legal_basis_and_the_right_to_reapply(
    office: Office, supervisor: User
) -> None:
    application = make_application(applicant={"full_name": "Siti Aminah"})
    decision = decision_in_force(application, "refuse", reviewer=supervisor)

    letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None
    assert letter.kind == "penolakan"
    assert letter.number == "W13.IMI.IMI.3-1.GR.02.06.2026"
    text = pdf_text(stored_bytes(letter))
    for expected in (
        "KANTOR IMIGRASI KELAS I TPI CILACAP",
        "Jl. Letjend Soeprapto No. 2, Cilacap 53212",
        "Nomor : W13.IMI.IMI.3-1.GR.02.06.2026",
        "Cilacap, 29 November 2026",
        "Perihal : Penolakan Permohonan Paspor",
        "Yth. Sdri. Siti Aminah",
        f"NIK {application.applicant.nik}",
        "Desa Tambakreja, Kec. Kedungreja, Kabupaten Cilacap, Jawa Tengah",
        application.application_no,
        "2 Maret 2026",
        "DITOLAK",
        "Diduga akan bekerja ke luar negeri secara nonprosedural",
        REFUSAL_REASON,
        "UU 6/2011 tentang Keimigrasian; UU 18/2017 Pasal 5 dan 13",
        "dapat mengajukan permohonan paspor kembali",
        "Kepala Kantor Imigrasi Kelas I TPI Cilacap,",
        "Drs. Bambang Hartono, S.H.",
        "NIP 197205121998031002",
    ):
        assert expected in text, expected


def test_deferral_letter_lists_the_missing_documents_and_the_deadline(
    office: Office, supervisor: User
) -> None:
    application = make_application(applicant={"full_name": "Budi Santoso", "sex": "L"})
    decision = decision_in_force(application, "defer", reviewer=supervisor)

    letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None and letter.kind == "penundaan"
    text = pdf_text(stored_bytes(letter))
    for expected in (
        "Perihal : Penundaan Penerbitan Paspor",
        "Yth. Sdr. Budi Santoso",
        "DITUNDA",
        "Tujuan perjalanan tidak jelas.",
        "Rekomendasi paspor Disnaker",
        "paling lambat tanggal 29 Desember 2026",
        # No legal basis typed for a deferral: the regulation on passports is cited.
        "Permenkumham 8/2014 jo. Permenkumham 18/2022",
        "akan ditolak",
    ):
        assert expected in text, expected
    assert "Surat keterangan sehat" in text or "Health certificate" not in text


def test_a_supervisor_registered_to_sign_signs_on_behalf_of_the_head(
    office: Office, supervisor: User, admin_user: User
) -> None:
    letters.set_signatory(
        supervisor,
        nip="198003152005011001",
        position="Kepala Seksi Lalu Lintas Keimigrasian",
        signs_for_head=True,
        acting_user=admin_user,
    )
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)

    letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None
    text = pdf_text(stored_bytes(letter))
    assert "a.n. Kepala Kantor Imigrasi Kelas I TPI Cilacap" in text
    assert "Kepala Seksi Lalu Lintas Keimigrasian" in text
    assert supervisor.get_full_name() in text
    assert "NIP 198003152005011001" in text
    assert "Bambang Hartono" not in text


def test_a_registered_officer_who_does_not_sign_for_the_head_leaves_it_to_the_head(
    office: Office, supervisor: User, admin_user: User
) -> None:
    letters.set_signatory(
        supervisor,
        nip="198003152005011001",
        position="Kepala Seksi",
        signs_for_head=False,
        acting_user=admin_user,
    )
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)

    letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None
    assert letter.context["signature"]["name"] == "Drs. Bambang Hartono, S.H."
    assert Signatory.objects.get(user=supervisor).nip == "198003152005011001"


def test_the_letter_is_stored_with_its_hash_and_audited(office: Office, supervisor: User) -> None:
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)

    letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None
    content = stored_bytes(letter)
    assert content.startswith(b"%PDF-")
    assert letter.sha256 == hashlib.sha256(content).hexdigest()
    assert str(letter.file.name).startswith("letters/")
    assert list(decision.letters.all()) == [letter]
    event = AuditEvent.objects.get(action="decisions.letter_issued")
    assert event.actor == supervisor
    assert event.object_id == str(letter.pk)
    assert event.details["number"] == letter.number
    assert event.details["sha256"] == letter.sha256


def test_rendering_again_from_the_stored_context_gives_the_same_letter(
    office: Office, supervisor: User
) -> None:
    application = make_application()
    decision = decision_in_force(application, "refuse", reviewer=supervisor)
    letter = letters.make_decision_letter(decision, acting_user=supervisor)
    assert letter is not None
    original = stored_bytes(letter)

    # Later changes to the office and the applicant do not change an issued letter.
    office.head_name = "Someone Else"
    office.letter_number_format = "NEW-{number}/{year}"
    office.save()
    application.applicant.full_name = "Renamed Person"
    application.applicant.save()
    again = render_letter(Letter.objects.get(pk=letter.pk))

    assert pdf_text(again) == pdf_text(original)
    # WeasyPrint writes no clock time of its own; the creation date comes from the letter.
    assert again == original
    assert hashlib.sha256(again).hexdigest() == letter.sha256
    assert "Someone Else" not in pdf_text(again)


def test_a_decision_has_one_letter_however_often_it_is_asked_for(
    office: Office, supervisor: User
) -> None:
    decision = decision_in_force(make_application(), "defer", reviewer=supervisor)

    first = letters.make_decision_letter(decision, acting_user=supervisor)
    second = letters.make_decision_letter(decision, acting_user=supervisor)

    assert first == second
    assert Letter.objects.count() == 1
    assert LetterSequence.objects.get(year=2026).last_number == 1


@pytest.mark.parametrize("outcome", ["issue", "cancel"])
def test_issue_and_cancel_decisions_have_no_letter(
    office: Office, supervisor: User, outcome: str
) -> None:
    decision = decision_in_force(
        make_application(), outcome, reviewer=supervisor, reason_code="", legal_basis=""
    )

    assert letters.make_decision_letter(decision, acting_user=supervisor) is None
    assert not Letter.objects.exists()
    assert not LetterSequence.objects.exists()


@pytest.mark.parametrize("state", [DecisionState.PROPOSED, DecisionState.RETURNED])
def test_a_decision_not_in_force_gets_no_letter(
    office: Office, supervisor: User, state: str
) -> None:
    decision = decision_in_force(
        make_application(), "refuse", reviewer=None, state=state, in_force_at=None
    )

    with pytest.raises(letters.LetterError) as raised:
        letters.make_decision_letter(decision, acting_user=supervisor)

    assert "in force" in raised.value.message() or "berlaku" in raised.value.message()
    assert not Letter.objects.exists()
    assert not LetterSequence.objects.exists()
    assert not AuditEvent.objects.filter(action="decisions.letter_issued").exists()


def test_numbers_count_up_within_a_year_and_restart_at_a_new_year(
    office: Office, supervisor: User
) -> None:
    def letter_at(when: dt.datetime) -> Letter:
        decision = decision_in_force(
            make_application(), "refuse", reviewer=supervisor, in_force_at=when
        )
        made = letters.make_decision_letter(decision, acting_user=supervisor)
        assert made is not None
        return made

    late_2026 = [letter_at(dt.datetime(2026, 12, 30, 9, tzinfo=JAKARTA)) for _ in range(3)]
    # 31 December 18:00 UTC is already 1 January in Jakarta: the office's year counts.
    new_year = letter_at(dt.datetime(2026, 12, 31, 18, tzinfo=dt.UTC))
    later_2027 = letter_at(dt.datetime(2027, 1, 5, 9, tzinfo=JAKARTA))

    assert [letter.sequence for letter in late_2026] == [1, 2, 3]
    assert (new_year.year, new_year.sequence) == (2027, 1)
    assert new_year.number == "W13.IMI.IMI.3-1.GR.02.06.2027"
    assert new_year.context["date"] == "1 Januari 2027"
    assert (later_2027.year, later_2027.sequence) == (2027, 2)
    assert {s.year: s.last_number for s in LetterSequence.objects.all()} == {2026: 3, 2027: 2}


def test_the_office_number_format_is_used(office: Office, supervisor: User) -> None:
    office.letter_number_format = "IMI.3-{number:04d}/GR.02.06/{year}"
    office.save()
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)

    letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None
    assert letter.number == "IMI.3-0001/GR.02.06/2026"
    assert letters.download_filename(letter) == "surat-penolakan-IMI.3-0001-GR.02.06-2026.pdf"


def test_a_broken_number_format_refuses_the_letter_and_keeps_the_number(
    office: Office, supervisor: User
) -> None:
    # The office form refuses such a format; a row changed behind its back must not
    # produce a letter with a garbled number.
    Office.objects.filter(pk=office.pk).update(letter_number_format="{nomor}/{year}")
    decision = decision_in_force(make_application(), "refuse", reviewer=supervisor)

    with pytest.raises(letters.LetterError):
        letters.make_decision_letter(decision, acting_user=supervisor)

    assert not Letter.objects.exists()
    assert not LetterSequence.objects.filter(last_number__gt=0).exists()


def test_letters_are_indonesian_whatever_the_officer_reads(
    office: Office, supervisor: User
) -> None:
    from django.utils import translation

    decision = decision_in_force(make_application(), "defer", reviewer=supervisor)
    with translation.override("en"):
        letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None
    assert letter.context["application"]["purpose"] == "Wisata"
    assert letter.context["application"]["destination"] == "Malaysia"
    assert "Rekomendasi paspor Disnaker" in letter.context["decision"]["missing_documents"]


def test_the_letter_is_dated_when_the_decision_came_into_force(
    office: Office, supervisor: User
) -> None:
    decision = decision_in_force(
        make_application(),
        "refuse",
        reviewer=supervisor,
        in_force_at=dt.datetime(2026, 8, 17, 8, tzinfo=JAKARTA),
    )
    letter = letters.make_decision_letter(decision, acting_user=supervisor)

    assert letter is not None
    assert letter.context["date"] == "17 Agustus 2026"
    assert letter.context["issued_at"] == "2026-08-17T08:00:00+07:00"
    assert timezone.localdate(letter.created_at) == timezone.localdate()
