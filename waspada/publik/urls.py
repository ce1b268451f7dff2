"""The public pages, under /publik/ (no login)."""

from django.urls import path

from waspada.publik.feeds import ArticleFeed
from waspada.publik.views import public

urlpatterns = [
    path("", public.home, name="publik_home"),
    path("arsip/", public.archive, name="publik_archive"),
    path("artikel/<slug:slug>/", public.article, name="publik_article"),
    path("panduan/", public.guide, name="publik_guide"),
    path("gambar/<int:pk>/", public.image, name="publik_image"),
    path("feed/", ArticleFeed(), name="publik_feed"),
    path("cek-lowongan/", public.offer_check, name="publik_offer_check"),
    path("lapor/", public.report, name="publik_report"),
    path("lapor/status/", public.report_status, name="publik_report_status"),
    path("bahasa/<str:code>/", public.language, name="publik_language"),
]
