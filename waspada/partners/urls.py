from django.urls import path

from waspada.partners import views
from waspada.partners.views import recommendations as rec_views
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
    path("disnaker/", rec_views.disnaker_home, name="disnaker_home"),
    path(
        "disnaker/recommendations/new/",
        rec_views.recommendation_create,
        name="recommendation_create",
    ),
    path(
        "disnaker/recommendations/<int:record_id>/",
        rec_views.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "disnaker/recommendations/<int:record_id>/revoke/",
        rec_views.recommendation_revoke,
        name="recommendation_revoke",
    ),
    path(
        "disnaker/requests/<int:request_id>/",
        rec_views.recommendation_request_detail,
        name="recommendation_request_detail",
    ),
    path("disnaker/complete/", rec_views.register_complete, name="register_complete"),
    path("disnaker/imports/new/", rec_views.recommendation_import, name="recommendation_import"),
    path(
        "disnaker/imports/<int:job_id>/",
        rec_views.recommendation_import_job,
        name="recommendation_import_job",
    ),
]
