"""The history of an application and the audit trail read in Indonesian.

A day of the office is played through the real services (registration, screening,
interviews, a decision, a Dukcapil check, a person referral, the Disnaker register, a
report from the public, exports, background runs, accounts, API keys, watchlists); then
the application's history and every page of the audit trail are rendered in Indonesian
for a supervisor and an auditor, and no English word may show. Every event those
services wrote carries its message (`said`), so that it renders in the reader's
language; and no service writes a summary as a finished English sentence.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Callable, Iterator
from html import unescape
from pathlib import Path

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_noop

from waspada.api import keys, webhooks
from waspada.applications import exporting, retention
from waspada.applications import services as applications
from waspada.applications.models import PassportApplication
from waspada.applications.queries import ApplicationFilters
from waspada.applications.tests.factories import applicant_record, application_record
from waspada.core import audit
from waspada.core import services as accounts
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import TEXT, said
from waspada.core.models import AuditEvent, User
from waspada.decisions.tests.test_indonesian_history import _a_day_at_the_office
from waspada.interviews import services as interviews
from waspada.networks.services import detect_networks
from waspada.partners import nik_verifications, person_referrals, recommendations
from waspada.partners.models import Agency, AgencyKind
from waspada.partners.tests.factories import make_person_referral
from waspada.publik import services as publik
from waspada.publik.models import CloseReason
from waspada.regions.services import ensure_office
from waspada.screening import services as screening
from waspada.training import services as training
from waspada.watchlists import services as watchlists

# Words that betray an English sentence (matched whole, in what the page shows).
ENGLISH = {
    "the", "of", "by", "was", "to", "from", "for", "with", "and", "at", "on",
    "registered", "queued", "finished", "failed", "changed", "created", "made",
    "revoked", "viewed", "assigned", "answered", "exported", "started", "signed",
    "applications", "application", "applicant", "referral", "run", "rows", "key",
    "report", "request", "phone", "birth", "place", "accepted", "issued", "screening",
}  # fmt: skip
PUNCTUATION = ".,:;!?()[]'\"«»—"


def _english_words(text: str) -> list[str]:
    """The English words of `text`, each with the words around it. A code that joins
    words ("referral.created", a URL, a file name) is not a word."""
    words = text.split()
    return [
        " ".join(words[max(0, i - 8) : i + 8])
        for i, word in enumerate(words)
        if word.strip(PUNCTUATION).lower() in ENGLISH
    ]


def _visible(html: bytes, start: str, end: str) -> str:
    """The text a reader sees from the tag opening with `start` to `end`: no codes
    (<code>), scripts or styles, no tags."""
    page = html.decode()
    assert start in page, start
    part = page[page.index(start) : page.index(end, page.index(start))]
    part = re.sub(r"<(code|script|style)\b.*?</\1>", " ", part, flags=re.DOTALL)
    return " ".join(unescape(strip_tags(part)).split())


def _agency(kind: str, name: str) -> Agency:
    return Agency.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def _office_day(people: dict[str, User], partners: dict[str, User]) -> PassportApplication:
    """One application through the office, and the work around it, by the services."""
    intake, interviewer = people["intake_officer"], people["interviewer"]
    supervisor, admin = people["supervisor"], people["admin"]
    # Registered, screened, interviewed and refused (the decisions' day at the office).
    application = PassportApplication.objects.get(pk=_a_day_at_the_office(interviewer, supervisor))
    applicant = application.applicant
    # The applicant comes back: another birth place and phone (changed fields, by label).
    again = applications.register_application(
        applicant_record(
            nik=applicant.nik,
            birth_date=applicant.birth_date,
            sex=applicant.sex,
            birth_place="Kendal",
            phone="+6281299990000",
        ),
        application_record(),
        office=ensure_office(),
        acting_user=intake,
    )
    interviews.assign_interview(again, interviewer, acting_user=supervisor)

    dukcapil = partners[AgencyKind.DUKCAPIL]
    item = nik_verifications.request_verification(
        application, reason="nama berbeda", acting_user=supervisor
    )
    nik_verifications.answer_verification(item, result="no_match", note="", acting_user=dukcapil)

    ngo = _agency(AgencyKind.NGO, "Yayasan Peduli Buruh Migran")
    referral = make_person_referral(ngo, application=application, acting_user=supervisor)
    person_referrals.respond(
        referral, status="accepted", note="", seen_status="sent", acting_user=supervisor
    )

    disnaker = partners[AgencyKind.DISNAKER]
    today = timezone.localdate()
    recommendations.declare_complete(
        disnaker.agency,  # type: ignore[arg-type]
        starts_on=today - dt.timedelta(days=30),
        ends_on=today,
        acting_user=disnaker,
    )
    record = recommendations.register_recommendation(
        disnaker.agency,  # type: ignore[arg-type]
        recommendations.RecommendationValues(
            number="REK/2026/0001",
            issued_on=today,
            nik=applicant.nik,
            full_name=applicant.full_name,
            destination_country="MY",
            valid_until=today + dt.timedelta(days=90),
        ),
        acting_user=disnaker,
    )
    recommendations.revoke_recommendation(record, reason="ditarik", acting_user=disnaker)

    received = publik.receive_report(what="Perekrutan ilegal", place="Cilacap", photos=[])
    publik.close_report(
        received.report,
        reason=CloseReason.NOT_ENOUGH,
        public_note="Terima kasih.",
        acting_user=supervisor,
    )

    exporting.record_export(
        ApplicationFilters(), fmt="csv", rows=3, acting_user=supervisor, destination="ekspor.csv"
    )
    run = screening.request_screening(
        [application.pk], trigger="fact", description="uji", acting_user=supervisor
    )
    screening.run_screening(run.pk)
    detect_networks(acting_user=supervisor)
    generation = training.queue_generation(2, acting_user=supervisor)
    training.run_generation(generation.pk)
    retention.prune(acting_user=admin)

    accounts.unblock_sign_in(interviewer, acting_user=admin)
    accounts.reset_two_factor(interviewer, acting_user=admin)
    accounts.update_user(
        interviewer,
        acting_user=admin,
        full_name="Budi Santoso",
        email="budi@imigrasi.go.id",
        role=interviewer.role,
        agency=None,
        is_active=True,
    )
    client, _key = keys.create_client(
        ngo, name="Sistem yayasan", scopes=["referrals:read"], acting_user=admin
    )
    keys.revoke_client(client, acting_user=admin)
    webhooks.add_endpoint(
        ngo, url="https://yayasan.example/kait", events=["referral.created"], acting_user=admin
    )
    watchlist = watchlists.create_watchlist(
        acting_user=supervisor, name="Daftar cekal", list_type="cekal"
    )
    watchlists.update_watchlist(
        watchlist, acting_user=supervisor, rescreen="none", source="Ditjen Imigrasi"
    )
    return application


def _audit_pages(client: Client) -> Iterator[bytes]:
    page = 1
    while True:
        response = client.get(reverse("audit_list"), {"page": page})
        assert response.status_code == 200
        yield response.content
        if f"page={page + 1}" not in response.content.decode():
            return
        page += 1


def _reads_in_indonesian(client: Client, application: PassportApplication | None) -> None:
    client.cookies["django_language"] = "id"
    if application is not None:
        page = client.get(reverse("application_detail", args=[application.application_no]))
        assert page.status_code == 200
        history = _visible(page.content, 'data-testid="timeline"', "</ol>")
        assert "tempat lahir" in history  # a changed field, by its label
        assert _english_words(history) == []
        # Dukcapil's answer, as the assessment quotes it, reads in Indonesian too.
        assessment = _visible(page.content, "<main", "</main>")
        assert "data tidak cocok untuk NIK" in assessment
        assert "no record matches" not in assessment
    shown = 0
    for html in _audit_pages(client):
        text = _visible(html, "<main", "</main>")
        assert _english_words(text) == []
        shown += 1
    assert shown >= 2  # more than one page of events was read


def test_a_day_of_the_office_reads_in_indonesian(
    personas: dict[str, User],
    partners: dict[str, User],
    central_java_regions: None,
    login: Callable[[User | None], Client],
) -> None:
    first = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    application = _office_day(personas, partners)

    events = list(AuditEvent.objects.filter(id__gt=first))
    assert len({event.action for event in events}) >= 30, sorted({e.action for e in events})
    # Every summary carries its message, to be rendered in the reader's language.
    assert [(e.action, e.summary) for e in events if TEXT not in e.details] == []

    _reads_in_indonesian(login(personas["supervisor"]), application)
    _reads_in_indonesian(login(personas["auditor"]), None)


# The functions that write an audit event, and where their summary is.
_WRITERS = {"record": 1, "event": 1, "record_view": 2}
_JOB_WRITERS = {"create", "start", "finish", "fail", "failing_on_error"}


def _summaries(tree: ast.AST) -> Iterator[ast.expr]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner, name = ast.unparse(node.func.value), node.func.attr
        if owner == "audit" and name in _WRITERS and len(node.args) > _WRITERS[name]:
            yield node.args[_WRITERS[name]]
        if owner in {"audit", "jobs"} and (name in _WRITERS or name in _JOB_WRITERS):
            yield from (kw.value for kw in node.keywords if kw.arg == "summary")


def _finished_sentence(summary: ast.expr) -> bool:
    """A summary written as English text: a literal, an f-string, text put together."""
    return isinstance(summary, ast.Constant | ast.JoinedStr | ast.BinOp) or (
        isinstance(summary, ast.IfExp)
        and (_finished_sentence(summary.body) or _finished_sentence(summary.orelse))
    )


def test_no_service_writes_a_summary_as_an_english_sentence() -> None:
    root = Path(__file__).resolve().parent.parent / "waspada"
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for summary in _summaries(ast.parse(path.read_text(encoding="utf-8"))):
            if _finished_sentence(summary):
                found.append(f"{path.relative_to(root)}:{summary.lineno}")
    assert found == []


def test_fields_written_by_name_read_as_their_labels(db: None) -> None:
    """Events written before summaries carried labels listed the changed fields by name;
    they read with the fields' labels too (from the message, or read back)."""
    with_message = audit.record(
        AuditAction.APPLICANT_UPDATED,
        said(
            gettext_noop("Applicant %(nik)s changed: %(fields)s"),
            nik="3301015503980002",
            fields="birth_place, marital_status",
        ),
        actor=None,
    )
    sentence = audit.record(
        AuditAction.APPLICANT_UPDATED,
        "Applicant 3301015503980002 changed: birth_place, unknown_field",
        actor=None,
    )
    with translation.override("id"):
        assert with_message.summary_text == (
            "Data pemohon 3301015503980002 diubah: tempat lahir, status perkawinan"
        )
        assert sentence.summary_text == (
            "Data pemohon 3301015503980002 diubah: tempat lahir, unknown_field"
        )


def test_a_screening_run_says_what_it_screens_in_the_readers_language(
    supervisor: User, login: Callable[[User | None], Client]
) -> None:
    reason = said(gettext_noop("import of %(file)s"), file="cekal.csv")
    run = screening.request_screening(
        [],
        trigger="fact",
        description=said(gettext_noop("Watchlist change: %(reason)s"), reason=reason),
        acting_user=supervisor,
    )
    client = login(supervisor)
    client.cookies["django_language"] = "id"
    page = client.get(reverse("screening_run", kwargs={"run_id": run.pk}))
    assert "Perubahan daftar pengawasan: impor cekal.csv" in page.content.decode()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("screening_run", kwargs={"run_id": run.pk}))
    assert "Watchlist change: import of cekal.csv" in page.content.decode()
