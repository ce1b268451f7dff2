"""Letter pages: preview, PDF download (audited), interview record, signatories."""

from __future__ import annotations

import io
from typing import IO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_GET, require_POST

from waspada.core import audit
from waspada.core.access import get_object_or_deny, requires
from waspada.core.audit_summaries import said
from waspada.core.forms import id_from_query
from waspada.core.models import User
from waspada.core.policy import Action, can
from waspada.decisions import letters
from waspada.decisions.forms.letters import SignatoryForm
from waspada.decisions.models import Letter, LetterKind, Signatory
from waspada.decisions.pdf import BODY_TEMPLATES, render_letter


def _letter_or_deny(request: HttpRequest, letter_id: int) -> Letter:
    """The letter when the user may read it: an interview record also needs the right
    to read interviews (it holds what the applicant confided)."""
    letter = get_object_or_deny(
        request,
        Action.VIEW_LETTERS,
        Letter.objects.select_related("application__applicant", "created_by"),
        pk=letter_id,
    )
    if letter.kind == LetterKind.INTERVIEW_RECORD and not can(request.user, Action.VIEW_INTERVIEWS):
        raise PermissionDenied
    return letter


@require_GET
@requires(Action.VIEW_LETTERS)
def letter_detail(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = _letter_or_deny(request, letter_id)
    audit.record_view(
        request, letter, said(gettext_noop("Letter %(number)s viewed"), number=letter.number)
    )
    return render(
        request,
        "decisions/letters/letter_detail.html",
        {"letter": letter, "doc": letter.context, "body_template": BODY_TEMPLATES[letter.kind]},
    )


@require_GET
@requires(Action.VIEW_LETTERS)
def letter_download(request: HttpRequest, letter_id: int) -> FileResponse:
    letter = _letter_or_deny(request, letter_id)
    letters.record_download(letter, user=request.user, request=request)  # type: ignore[arg-type]
    handle: IO[bytes]
    try:
        handle = letter.file.open("rb")
    except (FileNotFoundError, ValueError):
        # The stored file is gone (e.g. a restored database without media): the letter
        # is made again from its stored context, which gives the same text.
        handle = io.BytesIO(render_letter(letter))
    return FileResponse(
        handle,
        as_attachment=True,
        filename=letters.download_filename(letter),
        content_type="application/pdf",
    )


@require_POST
@requires(Action.CONDUCT_INTERVIEW)
def interview_record_create(request: HttpRequest, session_id: int) -> HttpResponse:
    from waspada.interviews.models import InterviewSession

    session = get_object_or_404(
        InterviewSession.objects.select_related("application"), pk=session_id
    )
    try:
        letter = letters.make_interview_record(session, acting_user=request.user)  # type: ignore[arg-type]
    except letters.LetterError as refused:
        messages.error(request, refused.message())
        return redirect("application_detail", session.application.application_no)
    messages.success(
        request, _("Interview record %(number)s is ready.") % {"number": letter.number}
    )
    return redirect("letter_detail", letter.pk)


@requires(Action.MANAGE_OFFICE)
def letter_signatories(request: HttpRequest) -> HttpResponse:
    """Who signs letters with which NIP; the head of office's own is on the office page."""
    form = SignatoryForm(request.POST or None, initial=_signatory_initial(request))
    if request.method == "POST" and form.is_valid():
        officer: User = form.cleaned_data["officer"]
        letters.set_signatory(
            officer,
            nip=form.cleaned_data["nip"],
            position=form.cleaned_data["position"].strip(),
            signs_for_head=form.cleaned_data["signs_for_head"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
        messages.success(
            request, _("Signature details of %(name)s saved.") % {"name": officer.get_full_name()}
        )
        return redirect("letter_signatories")
    signatories = Signatory.objects.select_related("user").order_by("user__full_name")
    return render(
        request,
        "decisions/letters/signatories.html",
        {"form": form, "signatories": signatories},
    )


def _signatory_initial(request: HttpRequest) -> dict[str, object]:
    """The form filled with an officer's current details (the table's "change" links)."""
    officer_id = id_from_query(request.GET.get("officer"))
    found = Signatory.objects.filter(user_id=officer_id).first() if officer_id else None
    if found is None:
        return {}
    return {
        "officer": found.user_id,
        "nip": found.nip,
        "position": found.position,
        "signs_for_head": found.signs_for_head,
    }
