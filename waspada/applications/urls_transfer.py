from django.urls import path

from waspada.applications import views_transfer

urlpatterns = [
    path("import/", views_transfer.application_import, name="application_import"),
    path("import/jobs/", views_transfer.application_import_list, name="application_import_list"),
    path(
        "import/jobs/<int:job_id>/",
        views_transfer.application_import_job,
        name="application_import_job",
    ),
    path(
        "import/jobs/<int:job_id>/problems.csv",
        views_transfer.application_import_problems,
        name="application_import_problems",
    ),
    path("export/", views_transfer.application_export, name="application_export"),
]
