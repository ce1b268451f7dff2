from django.urls import path

from waspada.partners import views
from waspada.partners.views import referrals as referral_views

urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:agency_id>/", views.agency_edit, name="agency_edit"),
    path("referrals/", referral_views.referral_list, name="referral_list"),
    path("referrals/<int:referral_id>/", referral_views.referral_detail, name="referral_detail"),
    path(
        "referrals/<int:referral_id>/respond/",
        referral_views.referral_respond,
        name="referral_respond",
    ),
]
