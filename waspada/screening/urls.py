from django.urls import path

from waspada.screening import views
from waspada.screening.views import policy as policy_views

urlpatterns = [
    path("", views.screening_queue, name="screening_queue"),
    path("runs/<int:run_id>/", views.screening_run, name="screening_run"),
    path("policy/", policy_views.policy_list, name="policy_list"),
    path("policy/<int:number>/", policy_views.policy_detail, name="policy_detail"),
    path("policy/<int:number>/draft/", policy_views.policy_draft, name="policy_draft"),
    path("policy/<int:number>/edit/", policy_views.policy_edit, name="policy_edit"),
    path("policy/<int:number>/backtest/", policy_views.policy_backtest, name="policy_backtest"),
    path(
        "policy/<int:number>/backtest/<int:run_id>/",
        policy_views.policy_backtest_run,
        name="policy_backtest_run",
    ),
    path("policy/<int:number>/publish/", policy_views.policy_publish, name="policy_publish"),
]
