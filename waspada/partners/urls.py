from django.urls import path

from waspada.partners import views, views_referrals

urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/new/", views.agency_create, name="agency_create"),
    path("agencies/<int:agency_id>/", views.agency_edit, name="agency_edit"),
    path("referrals/", views_referrals.referral_list, name="referral_list"),
    path("referrals/<int:referral_id>/", views_referrals.referral_detail, name="referral_detail"),
    path(
        "referrals/<int:referral_id>/respond/",
        views_referrals.referral_respond,
        name="referral_respond",
    ),
]
