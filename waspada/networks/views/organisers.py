"""The registry of licensed organisers: list and search, register, edit, deactivate, upload."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core.access import get_object_or_deny, requires
from waspada.core.policy import Action, can
from waspada.networks import organisers
from waspada.networks.forms import OrganiserForm, OrganiserSearchForm, OrganiserUploadForm
from waspada.networks.models import LicensedOrganiser
from waspada.networks.verification import registry_status


@requires(Action.VIEW_NETWORKS)
def organiser_list(request: HttpRequest) -> HttpResponse:
    form = OrganiserSearchForm(request.GET or None)
    found = form.apply(LicensedOrganiser.objects.order_by("kind", "name", "pk"))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "networks/organiser_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_manage": can(request.user, Action.MANAGE_ORGANISERS),
            "status": registry_status(),
        },
    )


def _organiser_form(request: HttpRequest, organiser: LicensedOrganiser | None) -> HttpResponse:
    form = OrganiserForm(request.POST or None, instance=organiser)
    if request.method == "POST" and form.is_valid():
        saved = organisers.save_organiser(
            organiser,
            acting_user=request.user,  # type: ignore[arg-type]
            kind=form.cleaned_data["kind"],
            name=form.cleaned_data["name"],
            licence_no=form.cleaned_data["licence_no"],
            phones=form.cleaned_data["phones_text"],
            request=request,
        )
        messages.success(
            request,
            _("%(name)s saved; the rings are recomputed in the background.") % {"name": saved.name},
        )
        return redirect("organiser_list")
    return render(request, "networks/organiser_form.html", {"form": form, "organiser": organiser})


@requires(Action.MANAGE_ORGANISERS)
def organiser_create(request: HttpRequest) -> HttpResponse:
    return _organiser_form(request, None)


@requires(Action.MANAGE_ORGANISERS)
def organiser_edit(request: HttpRequest, organiser_id: int) -> HttpResponse:
    organiser = get_object_or_deny(
        request, Action.MANAGE_ORGANISERS, LicensedOrganiser.objects.all(), pk=organiser_id
    )
    return _organiser_form(request, organiser)


@require_POST
@requires(Action.MANAGE_ORGANISERS)
def organiser_set_active(request: HttpRequest, organiser_id: int) -> HttpResponse:
    organiser = get_object_or_deny(
        request, Action.MANAGE_ORGANISERS, LicensedOrganiser.objects.all(), pk=organiser_id
    )
    active = request.POST.get("active") == "1"
    organisers.set_organiser_active(
        organiser,
        active=active,
        acting_user=request.user,  # type: ignore[arg-type]
        request=request,
    )
    if active:
        messages.success(request, _("%(name)s is active again.") % {"name": organiser.name})
    else:
        messages.success(
            request,
            _("%(name)s deactivated: its customers are no longer recognised as benign.")
            % {"name": organiser.name},
        )
    return redirect("organiser_edit", organiser_id=organiser.pk)


@requires(Action.MANAGE_ORGANISERS)
def organiser_upload(request: HttpRequest) -> HttpResponse:
    form = OrganiserUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = organisers.import_organisers(
            upload,
            filename=form.cleaned_data["file"].name,
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
    return render(request, "networks/organiser_upload.html", {"form": form, "result": result})
