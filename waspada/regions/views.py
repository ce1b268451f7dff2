from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from waspada.core.access import requires
from waspada.core.policy import Action
from waspada.regions import queries, services
from waspada.regions.forms import LETTERHEAD_FIELDS, OfficeForm, RegionLookupForm
from waspada.regions.widgets import PICKER_LEVELS, picker_context


@requires(Action.VIEW_REGIONS)
def region_browser(request: HttpRequest) -> HttpResponse:
    form = RegionLookupForm(request.GET or None)
    chosen = form.cleaned_data.get("region") if form.is_valid() else ""
    return render(
        request,
        "regions/browser.html",
        {
            "form": form,
            "path": queries.region_path(chosen) if chosen else [],
            "office": queries.office(),
        },
    )


@requires(Action.VIEW_REGIONS)
def region_picker(request: HttpRequest) -> HttpResponse:
    """The picker re-rendered for the levels chosen so far (htmx partial)."""
    name = request.GET.get("name", "region")
    selected = {level: request.GET.get(f"{name}_{level}", "") for level in PICKER_LEVELS}
    context = picker_context(name, selected, request.GET.get(name, ""))
    return render(request, "regions/_picker.html#fields", {"picker": context})


@requires(Action.MANAGE_OFFICE)
def office_edit(request: HttpRequest) -> HttpResponse:
    office = services.ensure_office(acting_user=request.user)  # type: ignore[arg-type]
    form = OfficeForm(
        request.POST or None,
        initial={
            "name": office.name,
            "regencies": office.regencies.all(),
            **{field: getattr(office, field) for field in LETTERHEAD_FIELDS},
        },
    )
    if request.method == "POST" and form.is_valid():
        services.set_working_area(
            office,
            list(form.cleaned_data["regencies"]),
            acting_user=request.user,  # type: ignore[arg-type]
            name=form.cleaned_data["name"],
            letterhead=form.letterhead(),
            request=request,
        )
        messages.success(request, _("Working area saved."))
        return redirect("region_browser")
    return render(request, "regions/office_form.html", {"form": form})
