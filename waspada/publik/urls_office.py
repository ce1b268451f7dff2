"""The office's pages of the public side: triage, articles, the campaign record."""

from django.urls import path

from waspada.publik.views import office

urlpatterns = [
    path("reports/", office.report_queue, name="public_report_queue"),
    path("reports/<int:pk>/", office.report_detail, name="public_report_detail"),
    path("reports/<int:pk>/photos/<int:photo>/", office.report_photo, name="public_report_photo"),
    path("reports/<int:pk>/link/", office.report_link, name="public_report_link"),
    path("reports/<int:pk>/refer/", office.report_refer, name="public_report_refer"),
    path("reports/<int:pk>/close/", office.report_close, name="public_report_close"),
    path("articles/", office.article_list, name="article_list"),
    path("articles/new/", office.article_edit, name="article_create"),
    path("articles/<int:pk>/", office.article_edit, name="article_edit"),
    path("articles/<int:pk>/image/", office.article_image, name="article_image"),
    path("outreach/", office.outreach_list, name="outreach_list"),
    path("outreach/new/", office.outreach_edit, name="outreach_create"),
    path("outreach/<int:pk>/", office.outreach_edit, name="outreach_edit"),
    path("outreach/media/new/", office.coverage_edit, name="coverage_create"),
    path("outreach/media/<int:pk>/", office.coverage_edit, name="coverage_edit"),
]
