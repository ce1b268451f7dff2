from django.urls import path

from waspada.networks import views, views_organisers, views_runs

urlpatterns = [
    path("", views.ring_list, name="ring_list"),
    path("<int:ring_id>/", views.ring_detail, name="ring_detail"),
    path("<int:ring_id>/review/", views.ring_review, name="ring_review"),
    path("runs/new/", views_runs.detection_request, name="detection_request"),
    path("runs/<int:run_id>/", views_runs.detection_run, name="detection_run"),
    path("organisers/", views_organisers.organiser_list, name="organiser_list"),
    path("organisers/new/", views_organisers.organiser_create, name="organiser_create"),
    path("organisers/upload/", views_organisers.organiser_upload, name="organiser_upload"),
    path("organisers/<int:organiser_id>/", views_organisers.organiser_edit, name="organiser_edit"),
    path(
        "organisers/<int:organiser_id>/active/",
        views_organisers.organiser_set_active,
        name="organiser_set_active",
    ),
]
