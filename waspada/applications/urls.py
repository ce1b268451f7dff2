from django.urls import include, path

from waspada.applications import (
    converters,  # noqa: F401  (registers <appno:>)
    views,
)

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_register, name="application_register"),
    path("new/nik-check/", views.nik_check, name="nik_check"),
    path("new/documents/", views.documents_checklist, name="documents_checklist"),
    path("applicants/<str:nik>/", views.applicant_detail, name="applicant_detail"),
    # For links that know the id only (the audit trail): on to the page by number.
    path("by-id/<int:pk>/", views.application_by_id, name="application_by_id"),
    # Import and export pages (upload, job status, download).
    path("", include("waspada.applications.urls_transfer")),
    path("<appno:application_no>/", views.application_detail, name="application_detail"),
]
