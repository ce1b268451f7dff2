from django.urls import path

from waspada.networks import views

urlpatterns = [
    path("", views.ring_list, name="ring_list"),
    path("<int:ring_id>/", views.ring_detail, name="ring_detail"),
    path("<int:ring_id>/review/", views.ring_review, name="ring_review"),
]
