from django.urls import path

from waspada.regions import views

urlpatterns = [
    path("", views.region_browser, name="region_browser"),
    path("picker/", views.region_picker, name="region_picker"),
    path("office/", views.office_edit, name="office_edit"),
]
