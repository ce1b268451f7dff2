from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from waspada.core.access import get_object_or_deny, requires
from waspada.core.policy import Action
from waspada.partners import agreements, services
from waspada.partners.forms import AgencyForm
from waspada.partners.models import Agency


@requires(Action.MANAGE_AGENCIES)
def agency_list(request: HttpRequest) -> HttpResponse:
    agencies = Agency.objects.prefetch_related("agreements")
    return render(
        request,
        "partners/agency_list.html",
        {
            "agencies": agencies,
            "expiring": agreements.expiring(),
            "warning_days": agreements.EXPIRY_WARNING_DAYS,
            "today": timezone.localdate(),
        },
    )


def _agency_form(request: HttpRequest, agency: Agency | None) -> HttpResponse:
    form = AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        saved = services.save_agency(
            agency,
            acting_user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            is_active=form.cleaned_data["is_active"],
            regency_code=form.cleaned_data.get("regency_code", ""),
            request=request,
        )
        messages.success(request, _("Agency %(name)s saved.") % {"name": saved.name})
        return redirect("agency_list")
    return render(request, "partners/agency_form.html", {"form": form, "agency": agency})


@requires(Action.MANAGE_AGENCIES)
def agency_create(request: HttpRequest) -> HttpResponse:
    return _agency_form(request, None)


@requires(Action.MANAGE_AGENCIES)
def agency_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = get_object_or_deny(request, Action.MANAGE_AGENCIES, Agency.objects.all(), pk=agency_id)
    return _agency_form(request, agency)
