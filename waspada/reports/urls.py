from django.urls import path

from waspada.reports import views

urlpatterns = [
    path("", views.dashboard, name="report_dashboard"),
    path("download/", views.download, name="report_download"),
]
