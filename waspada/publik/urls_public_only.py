"""The whole site of a process started with WASPADA_PUBLIC_ONLY=1: the public pages only.

Static files are served by WhiteNoise before any URL is resolved."""

from django.urls import include, path

urlpatterns = [path("publik/", include("waspada.publik.urls"))]

handler404 = "waspada.publik.views.public.not_found"
handler500 = "waspada.publik.views.public.server_error"
