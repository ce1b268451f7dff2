from django.urls import path

from waspada.applications import (
    converters,  # noqa: F401  (registers <appno:>)
    views,
)
from waspada.applications.views import transfer as transfer_views

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_register, name="application_register"),
    path("new/nik-check/", views.nik_check, name="nik_check"),
    path("new/documents/", views.documents_checklist, name="documents_checklist"),
    path("applicants/<str:nik>/", views.applicant_detail, name="applicant_detail"),
    # For links that know the id only (the audit trail): on to the page by number.
    path("by-id/<int:pk>/", views.application_by_id, name="application_by_id"),
    # Import and export pages (upload, job status, download).
    path("import/", transfer_views.application_import, name="application_import"),
    path("import/jobs/", transfer_views.application_import_list, name="application_import_list"),
    path(
        "import/jobs/<int:job_id>/",
        transfer_views.application_import_job,
        name="application_import_job",
    ),
    path(
        "import/jobs/<int:job_id>/problems.csv",
        transfer_views.application_import_problems,
        name="application_import_problems",
    ),
    path("export/", transfer_views.application_export, name="application_export"),
    path("<appno:application_no>/", views.application_detail, name="application_detail"),
    path(
        "<appno:application_no>/registered/",
        views.application_registered,
        name="application_registered",
    ),
    path(
        "<appno:application_no>/receipt.pdf",
        views.application_receipt,
        name="application_receipt",
    ),
]
