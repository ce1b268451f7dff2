from django.urls import path

from waspada.applications import converters  # noqa: F401  (registers <appno:>)
from waspada.partners import views
from waspada.partners.views import brokers as broker_views
from waspada.partners.views import dukcapil as dukcapil_views
from waspada.partners.views import person_referrals as person_views
from waspada.partners.views import police as police_views
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
    path(
        "agencies/<int:agency_id>/agreements/new/",
        person_views.agreement_create,
        name="agreement_create",
    ),
    path("refer-person/<appno:application_no>/", person_views.person_refer, name="person_refer"),
    path("register/", person_views.referral_register, name="referral_register"),
    path(
        "register/persons/<int:referral_id>/",
        person_views.register_person_referral,
        name="register_person_referral",
    ),
    path(
        "register/persons/<int:referral_id>/letter/",
        person_views.person_referral_letter,
        name="person_referral_letter",
    ),
    path(
        "register/rings/<int:referral_id>/letter/",
        referral_views.ring_referral_letter,
        name="ring_referral_letter",
    ),
    path(
        "register/persons/<int:referral_id>/revoke/",
        person_views.person_referral_revoke,
        name="person_referral_revoke",
    ),
    path("persons/", person_views.person_referral_list, name="person_referral_list"),
    path(
        "persons/<int:referral_id>/",
        person_views.person_referral_detail,
        name="person_referral_detail",
    ),
    path(
        "persons/<int:referral_id>/answer/",
        person_views.person_referral_answer,
        name="person_referral_answer",
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
    path("dukcapil/", dukcapil_views.nik_verification_list, name="nik_verification_list"),
    path(
        "dukcapil/<int:item_id>/",
        dukcapil_views.nik_verification_detail,
        name="nik_verification_detail",
    ),
    path(
        "dukcapil/ask/<appno:application_no>/",
        dukcapil_views.nik_verification_request,
        name="nik_verification_request",
    ),
    path("cases/", police_views.case_referral_list, name="case_referral_list"),
    path("cases/<int:case_id>/", police_views.case_referral_detail, name="case_referral_detail"),
    path("alerts/", police_views.alert_list, name="alert_list"),
    path("alerts/<int:alert_id>/", police_views.alert_detail, name="alert_detail"),
    path(
        "alerts/application/<appno:application_no>/",
        police_views.alert_application,
        name="alert_application",
    ),
    path("alerts/ring/<int:ring_id>/", police_views.alert_ring, name="alert_ring"),
    path("brokers/<appno:application_no>/", broker_views.broker_page, name="broker_page"),
    path(
        "brokers/<appno:application_no>/watchlist/",
        broker_views.broker_watchlist,
        name="broker_watchlist",
    ),
    path("brokers/<appno:application_no>/refer/", broker_views.broker_refer, name="broker_refer"),
    path("submissions/", police_views.submission_create, name="submission_create"),
    path("submissions/review/", police_views.submission_queue, name="submission_queue"),
    path(
        "submissions/<int:submission_id>/decide/",
        police_views.submission_decide,
        name="submission_decide",
    ),
]
