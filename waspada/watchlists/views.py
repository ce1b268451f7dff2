"""Watchlist pages: lists, entries, import, the review queue and match reviews."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core.access import get_object_or_deny, requires
from waspada.core.policy import Action
from waspada.watchlists import services
from waspada.watchlists.forms import (
    DeactivateForm,
    EntryForm,
    EntrySearchForm,
    ReviewForm,
    UploadForm,
    WatchlistEditForm,
    WatchlistForm,
)
from waspada.watchlists.models import MatchState, Watchlist, WatchlistEntry, WatchlistMatch
from waspada.watchlists.registry import last_imports, list_status, registry_status


@requires(Action.VIEW_WATCHLISTS)
def watchlist_list(request: HttpRequest) -> HttpResponse:
    watchlists = list(
        Watchlist.objects.annotate(entry_count=Count("entries", filter=Q(entries__active=True)))
        .select_related("changed_by_hand_by")
        .order_by("name")
    )
    imports = last_imports(watchlists)
    for watchlist in watchlists:
        watchlist.last_import = imports.get(watchlist.pk)  # type: ignore[attr-defined]
    open_matches = WatchlistMatch.objects.filter(state=MatchState.OPEN).count()
    return render(
        request,
        "watchlists/watchlist_list.html",
        {"watchlists": watchlists, "open_matches": open_matches, "status": registry_status()},
    )


@requires(Action.MANAGE_WATCHLISTS)
def watchlist_create(request: HttpRequest) -> HttpResponse:
    form = WatchlistForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        watchlist = services.create_watchlist(
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, _("Watchlist created."))
        return redirect("watchlist_detail", watchlist_id=watchlist.pk)
    return render(request, "watchlists/watchlist_form.html", {"form": form})


@requires(Action.MANAGE_WATCHLISTS)
def watchlist_edit(request: HttpRequest, watchlist_id: int) -> HttpResponse:
    """Rename, retype or (de)activate a list; a type or activity change re-checks matches."""
    watchlist = get_object_or_deny(
        request, Action.MANAGE_WATCHLISTS, Watchlist.objects.all(), pk=watchlist_id
    )
    initial = {
        "name": watchlist.name,
        "list_type": watchlist.list_type,
        "source": watchlist.source,
        "owner_agency": watchlist.owner_agency,
        "active": watchlist.active,
    }
    form = WatchlistEditForm(request.POST or None, initial=initial, instance=watchlist)
    if request.method == "POST" and form.is_valid():
        services.update_watchlist(
            watchlist,
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
            **form.cleaned_data,
        )
        messages.success(request, _("Watchlist saved."))
        return redirect("watchlist_detail", watchlist_id=watchlist.pk)
    return render(request, "watchlists/watchlist_form.html", {"form": form, "watchlist": watchlist})


@requires(Action.VIEW_WATCHLISTS)
def watchlist_detail(request: HttpRequest, watchlist_id: int) -> HttpResponse:
    watchlist = get_object_or_deny(
        request, Action.VIEW_WATCHLISTS, Watchlist.objects.all(), pk=watchlist_id
    )
    form = EntrySearchForm(request.GET or None)
    entries = watchlist.entries.order_by("full_name", "pk")
    if form.is_valid():
        term = form.cleaned_data["q"].strip()
        if term:
            entries = entries.filter(
                Q(full_name__icontains=term)
                | Q(external_id__iexact=term)
                | Q(nik=term)
                | Q(aliases__icontains=term)
            )
        if not form.cleaned_data["inactive"]:
            entries = entries.filter(active=True)
    else:
        entries = entries.filter(active=True)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "watchlists/watchlist_detail.html",
        {
            "watchlist": watchlist,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "status": list_status(watchlist),
        },
    )


def _entry_fields(form: EntryForm) -> dict[str, Any]:
    assert form.values is not None
    return {
        **form.values.as_fields(),
        "valid_from": form.cleaned_data.get("valid_from"),
        "valid_until": form.cleaned_data.get("valid_until"),
    }


@requires(Action.MANAGE_WATCHLISTS)
def entry_add(request: HttpRequest, watchlist_id: int) -> HttpResponse:
    watchlist = get_object_or_deny(
        request, Action.MANAGE_WATCHLISTS, Watchlist.objects.all(), pk=watchlist_id
    )
    # Prefilled from an application page ("add this broker to a watchlist").
    prefill = {
        name: request.GET[name][:300]
        for name in ("external_id", "full_name", "phone", "note")
        if request.GET.get(name)
    }
    form = EntryForm(request.POST or None, initial=prefill)
    if request.method == "POST" and form.is_valid():
        if watchlist.entries.filter(external_id=form.cleaned_data["external_id"]).exists():
            form.add_error("external_id", _("This list already has an entry with this id."))
        else:
            assert form.values is not None
            services.add_entry(
                watchlist,
                form.values,
                valid_from=form.cleaned_data.get("valid_from"),
                valid_until=form.cleaned_data.get("valid_until"),
                acting_user=request.user,  # type: ignore[arg-type]
                request=request,
                rescreen="queue",
            )
            messages.success(request, _("Entry added; open applications are checked again."))
            return redirect("watchlist_detail", watchlist_id=watchlist.pk)
    return render(
        request, "watchlists/entry_form.html", {"form": form, "watchlist": watchlist, "entry": None}
    )


@requires(Action.MANAGE_WATCHLISTS)
def entry_edit(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_deny(
        request,
        Action.MANAGE_WATCHLISTS,
        WatchlistEntry.objects.select_related("watchlist"),
        pk=entry_id,
    )
    initial = {
        "external_id": entry.external_id,
        "full_name": entry.full_name,
        "aliases": "; ".join(entry.aliases or []),
        "birth_date": entry.birth_date,
        "sex": entry.sex,
        "nik": entry.nik,
        "phone": entry.phone,
        "note": entry.note,
        "valid_from": entry.valid_from,
        "valid_until": entry.valid_until,
    }
    form = EntryForm(request.POST or None, initial=initial)
    deactivate = DeactivateForm()
    if request.method == "POST" and form.is_valid():
        clash = entry.watchlist.entries.filter(external_id=form.cleaned_data["external_id"])
        if clash.exclude(pk=entry.pk).exists():
            form.add_error("external_id", _("This list already has an entry with this id."))
        else:
            services.update_entry(
                entry,
                acting_user=request.user,  # type: ignore[arg-type]
                request=request,
                rescreen="queue",
                **_entry_fields(form),
            )
            messages.success(request, _("Entry saved."))
            return redirect("watchlist_detail", watchlist_id=entry.watchlist_id)
    return render(
        request,
        "watchlists/entry_form.html",
        {"form": form, "watchlist": entry.watchlist, "entry": entry, "deactivate": deactivate},
    )


@require_POST
@requires(Action.MANAGE_WATCHLISTS)
def entry_deactivate(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_deny(
        request, Action.MANAGE_WATCHLISTS, WatchlistEntry.objects.all(), pk=entry_id
    )
    form = DeactivateForm(request.POST)
    if form.is_valid():
        services.deactivate_entry(
            entry,
            acting_user=request.user,  # type: ignore[arg-type]
            note=form.cleaned_data["note"],
            request=request,
            rescreen="queue",
        )
        messages.success(request, _("Entry deactivated."))
    else:
        messages.error(request, _("Give a reason to deactivate the entry."))
    return redirect("watchlist_detail", watchlist_id=entry.watchlist_id)


@requires(Action.MANAGE_WATCHLISTS)
def watchlist_import(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = services.import_entries(
            upload,
            filename=upload.name,
            list_name=form.cleaned_data["list_name"].strip(),
            list_type=form.cleaned_data["list_type"],
            acting_user=request.user,  # type: ignore[arg-type]
            rescreen="queue",
            request=request,
        )
    return render(request, "watchlists/import.html", {"form": form, "result": result})


@requires(Action.REVIEW_MATCHES)
def match_queue(request: HttpRequest) -> HttpResponse:
    matches = (
        WatchlistMatch.objects.filter(state=MatchState.OPEN)
        .select_related("entry__watchlist", "application__applicant")
        .order_by("-score", "pk")
    )
    page = Paginator(matches, 50).get_page(request.GET.get("page"))
    return render(request, "watchlists/match_queue.html", {"page": page, "query": ""})


@require_POST
@requires(Action.REVIEW_MATCHES)
def match_review(request: HttpRequest, match_id: int) -> HttpResponse:
    match = get_object_or_deny(
        request,
        Action.REVIEW_MATCHES,
        WatchlistMatch.objects.select_related("application"),
        pk=match_id,
    )
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a note to confirm or dismiss a match."))
    elif match.state != MatchState.OPEN:
        messages.error(request, _("This match has already been reviewed."))
    else:
        review = (
            services.confirm_match
            if form.cleaned_data["decision"] == "confirm"
            else services.dismiss_match
        )
        review(
            match,
            acting_user=request.user,  # type: ignore[arg-type]
            note=form.cleaned_data["note"],
            request=request,
        )
        messages.success(request, _("Review saved; the application was assessed again."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or "application_detail", match.application.application_no)
