"""Letter URLs, included from `waspada.decisions.urls` under `letters/`."""

from django.urls import path

from waspada.decisions import views_letters

urlpatterns = [
    path("<int:letter_id>/", views_letters.letter_detail, name="letter_detail"),
    path("<int:letter_id>/pdf/", views_letters.letter_download, name="letter_download"),
    path(
        "interviews/<int:session_id>/record/",
        views_letters.interview_record_create,
        name="interview_record_create",
    ),
    path("signatories/", views_letters.letter_signatories, name="letter_signatories"),
]
