from django.urls import path

from waspada.networks import views
from waspada.networks.views import organisers as organiser_views
from waspada.networks.views import runs as run_views
from waspada.networks.views import verifications as verification_views

urlpatterns = [
    path("", views.ring_list, name="ring_list"),
    path("<int:ring_id>/", views.ring_detail, name="ring_detail"),
    path("<int:ring_id>/review/", views.ring_review, name="ring_review"),
    path("runs/new/", run_views.detection_request, name="detection_request"),
    path("runs/<int:run_id>/", run_views.detection_run, name="detection_run"),
    path("organisers/", organiser_views.organiser_list, name="organiser_list"),
    path("organisers/new/", organiser_views.organiser_create, name="organiser_create"),
    path("organisers/upload/", organiser_views.organiser_upload, name="organiser_upload"),
    path("organisers/<int:organiser_id>/", organiser_views.organiser_edit, name="organiser_edit"),
    path(
        "organisers/<int:organiser_id>/active/",
        organiser_views.organiser_set_active,
        name="organiser_set_active",
    ),
    path("verification/", verification_views.verification_list, name="verification_list"),
    path(
        "verification/<int:task_id>/",
        verification_views.verification_detail,
        name="verification_detail",
    ),
    path(
        "verification/<int:task_id>/register/",
        verification_views.verification_register,
        name="verification_register",
    ),
    path(
        "verification/<int:task_id>/suspicious/",
        verification_views.verification_suspicious,
        name="verification_suspicious",
    ),
    path(
        "verification/<int:task_id>/dismiss/",
        verification_views.verification_dismiss,
        name="verification_dismiss",
    ),
    path(
        "verification/<int:task_id>/reopen/",
        verification_views.verification_reopen,
        name="verification_reopen",
    ),
]
