from django.urls import include, path

from waspada.applications import converters  # noqa: F401  (registers <appno:>)
from waspada.decisions import views
from waspada.decisions.views import letters as letter_views

# Letter pages and downloads, under letters/.
letter_patterns = [
    path("<int:letter_id>/", letter_views.letter_detail, name="letter_detail"),
    path("<int:letter_id>/pdf/", letter_views.letter_download, name="letter_download"),
    path(
        "interviews/<int:session_id>/record/",
        letter_views.interview_record_create,
        name="interview_record_create",
    ),
    path("signatories/", letter_views.letter_signatories, name="letter_signatories"),
]

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
    path(
        "<int:decision_id>/sign-off/confirm/",
        views.decision_sign_off_confirm,
        name="decision_sign_off_confirm",
    ),
    path("<int:decision_id>/return/", views.decision_return, name="decision_return"),
    path("letters/", include(letter_patterns)),
]
