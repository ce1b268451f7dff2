from django.urls import include, path

from waspada.applications import views

urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("new/", views.application_register, name="application_register"),
    path("new/nik-check/", views.nik_check, name="nik_check"),
    path("new/documents/", views.documents_checklist, name="documents_checklist"),
    path("applicants/<str:nik>/", views.applicant_detail, name="applicant_detail"),
    # Import and export pages (upload, job status, download).
    path("", include("waspada.applications.urls_transfer")),
    path("<str:application_no>/", views.application_detail, name="application_detail"),
]
