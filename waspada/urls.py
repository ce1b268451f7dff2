from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.defaults import page_not_found
from django.views.i18n import set_language

from waspada.partners.views.referrals import ring_refer
from waspada.publik.views.public import not_found as public_not_found

# No Django admin: every change goes through Waspada's own pages and services,
# which check the policy and write the audit trail.
urlpatterns = [
    path("", include("waspada.core.urls")),
    path("regions/", include("waspada.regions.urls")),
    path("partners/", include("waspada.partners.urls")),
    path("applications/", include("waspada.applications.urls")),
    path("screening/", include("waspada.screening.urls")),
    path("watchlists/", include("waspada.watchlists.urls")),
    # Referring a ring is the partners app's (above networks), at the ring's address.
    path("networks/<int:ring_id>/refer/", ring_refer, name="ring_refer"),
    path("networks/", include("waspada.networks.urls")),
    path("interviews/", include("waspada.interviews.urls")),
    path("decisions/", include("waspada.decisions.urls")),
    path("reports/", include("waspada.reports.urls")),
    path("training/", include("waspada.training.urls")),
    path("public-side/", include("waspada.publik.urls_office")),
    # The public side: no login (WASPADA_PUBLIC_ONLY=1 serves only this).
    path("publik/", include("waspada.publik.urls")),
    # The partner API (/api/v1/) and its keys.
    path("", include("waspada.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
]


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A missing public page answers in the public side's own layout."""
    if request.path.startswith("/publik/"):
        return public_not_found(request, exception)
    return page_not_found(request, exception)


handler404 = not_found
