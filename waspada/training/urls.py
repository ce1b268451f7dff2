from django.urls import path

from waspada.training import views

urlpatterns = [
    path("", views.training_home, name="training_home"),
    path("modules/<str:family>/", views.training_module, name="training_module"),
    path("modules/<str:family>/edit/", views.training_module_edit, name="training_module_edit"),
    path("exercises/", views.training_exercise_list, name="training_exercise_list"),
    path("exercises/<int:exercise_id>/", views.training_exercise, name="training_exercise"),
    path("attempts/<int:attempt_id>/", views.training_attempt, name="training_attempt"),
    path("simulations/new/", views.training_simulation_start, name="training_simulation_start"),
    path("simulations/<int:simulation_id>/", views.training_simulation, name="training_simulation"),
    path("generate/", views.training_generate, name="training_generate"),
    path("generate/<int:run_id>/", views.training_generation_run, name="training_generation_run"),
    path("assignments/", views.training_assignments, name="training_assignments"),
    path(
        "certificates/<int:certificate_id>.pdf",
        views.training_certificate_pdf,
        name="training_certificate_pdf",
    ),
    path(
        "certificates/<int:certificate_id>/revoke/",
        views.training_certificate_revoke,
        name="training_certificate_revoke",
    ),
    path("readiness/", views.training_readiness, name="training_readiness"),
]
