from django.urls import include, path

from waspada.applications import converters  # noqa: F401  (registers <appno:>)
from waspada.decisions import views

urlpatterns = [
    path("", views.decision_queue, name="decision_queue"),
    path(
        "applications/<appno:application_no>/propose/",
        views.decision_propose,
        name="decision_propose",
    ),
    path(
        "applications/<appno:application_no>/documents-completed/",
        views.documents_completed,
        name="decision_documents_completed",
    ),
    path("<int:decision_id>/sign-off/", views.decision_sign_off, name="decision_sign_off"),
    path("<int:decision_id>/return/", views.decision_return, name="decision_return"),
    # Letter pages and downloads (the letters' own module).
    path("letters/", include("waspada.decisions.urls_letters")),
]
