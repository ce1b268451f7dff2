"""Officers write, schedule and publish campaign articles; the public reads them, sanitised,
in an archive and an Atom feed; the safe-migration guide is one of them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from PIL import Image

from waspada.core.audit_actions import AuditAction
from waspada.core.models import AuditEvent, User
from waspada.publik.models import GUIDE_SLUG, Article, ArticleImage
from waspada.publik.tests.helpers import photo_with_gps, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()


def _form(**changes: object) -> dict[str, object]:
    return {
        "kind": "article",
        "slug": "waspada-lowongan-kamboja",
        "title": "Waspada lowongan admin di Kamboja",
        "summary": "Tawaran kerja online bergaji tinggi di Kamboja.",
        "body": "## Modusnya\n\nDitawari kerja **admin**.\n\n<script>alert(1)</script>"
        "\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>",
        "title_en": "",
        "summary_en": "",
        "body_en": "",
        "publish_at": "",
        **changes,
    }


def test_a_supervisor_writes_a_draft_then_publishes_it(supervisor: User, login) -> None:  # type: ignore[no-untyped-def]
    office = login(supervisor)
    assert office.post("/public-side/articles/new/", _form()).status_code == 302
    article = Article.objects.get(slug="waspada-lowongan-kamboja")
    assert Client().get("/publik/artikel/waspada-lowongan-kamboja/").status_code == 404

    published = _form(publish_at=(timezone.localtime() - dt.timedelta(minutes=1)).strftime(
        "%Y-%m-%dT%H:%M"
    ))  # fmt: skip
    assert office.post(f"/public-side/articles/{article.pk}/", published).status_code == 302
    page = Client().get("/publik/artikel/waspada-lowongan-kamboja/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h2>Modusnya</h2>" in html
    assert "<strong>admin</strong>" in html
    assert "&lt;script&gt;" in html and "<script" not in html
    assert 'href="javascript' not in html and "<img src=x" not in html
    assert "Waspada lowongan admin di Kamboja" in Client().get("/publik/").content.decode()
    actions = AuditEvent.objects.filter(object_type="publik.article").values_list(
        "action", flat=True
    )
    assert sorted(actions) == [AuditAction.ARTICLE_CREATED, AuditAction.ARTICLE_UPDATED]
    updated = AuditEvent.objects.get(action=AuditAction.ARTICLE_UPDATED)
    assert updated.details["changed"] == ["publish_at"]


def test_a_scheduled_article_stays_hidden_until_its_time(supervisor: User, login) -> None:  # type: ignore[no-untyped-def]
    later = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    login(supervisor).post("/public-side/articles/new/", _form(publish_at=later))
    assert Client().get("/publik/artikel/waspada-lowongan-kamboja/").status_code == 404
    assert "Kamboja" not in Client().get("/publik/arsip/").content.decode()
    assert "terjadwal" in login(supervisor).get("/public-side/articles/").content.decode()


def test_the_archive_is_paginated_and_the_feed_is_atom() -> None:
    now = timezone.now()
    for n in range(12):
        Article.objects.create(
            slug=f"artikel-{n}", title=f"Artikel nomor {n}", body="Teks",
            publish_at=now - dt.timedelta(days=n + 1),
        )  # fmt: skip
    first = Client().get("/publik/arsip/").content.decode()
    assert "Artikel nomor 0" in first and "Artikel nomor 11" not in first
    assert "Halaman 1 dari 2" in first
    second = Client().get("/publik/arsip/?page=2").content.decode()
    assert "Artikel nomor 11" in second
    feed = Client().get("/publik/feed/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"<feed" in feed.content and b"Artikel nomor 0" in feed.content


def test_english_readers_get_the_english_text_or_the_indonesian_one() -> None:
    Article.objects.create(
        slug="dua-bahasa", title="Judul", title_en="Title", body="Teks", body_en="Text",
        publish_at=timezone.now() - dt.timedelta(hours=1),
    )  # fmt: skip
    client = Client()
    client.get("/publik/bahasa/en/")
    assert "<h1>Title</h1>" in client.get("/publik/artikel/dua-bahasa/").content.decode()
    guide = client.get("/publik/panduan/").content.decode()
    assert "A guide to working abroad safely" in guide


def test_the_safe_migration_guide_is_seeded_and_edited_in_the_same_editor(
    supervisor: User, login
) -> None:  # type: ignore[no-untyped-def]
    guide = Article.objects.get(slug=GUIDE_SLUG)
    page = Client().get("/publik/panduan/").content.decode()
    for step in ("Disnaker", "P3MI", "Pelatihan" if "Pelatihan" in page else "pelatihan",
                 "rekomendasi", "paspor", "0800-1000", "110"):  # fmt: skip
        assert step in page
    office = login(supervisor)
    form = office.get(f"/public-side/articles/{guide.pk}/").content.decode()
    assert "Panduan migrasi aman" in form
    changed = {
        "kind": "guide", "slug": GUIDE_SLUG, "title": guide.title, "summary": guide.summary,
        "body": guide.body + "\n\nDisnaker Cilacap: Jl. contoh.", "title_en": guide.title_en,
        "summary_en": guide.summary_en, "body_en": guide.body_en,
        "publish_at": timezone.localtime(guide.publish_at).strftime("%Y-%m-%dT%H:%M"),
    }  # fmt: skip
    assert office.post(f"/public-side/articles/{guide.pk}/", changed).status_code == 302
    # The cached page is forgotten at once.
    assert "Disnaker Cilacap" in Client().get("/publik/panduan/").content.decode()


def test_an_image_is_resized_stripped_and_shown_once_its_article_is_public(
    supervisor: User, login
) -> None:  # type: ignore[no-untyped-def]
    article = Article.objects.create(slug="gambar", title="Gambar", body="Teks")
    response = login(supervisor).post(
        f"/public-side/articles/{article.pk}/image/",
        {"image": upload(photo_with_gps(size=(3000, 2000))), "alt": "Brosur lowongan palsu"},
    )
    assert response.status_code == 302
    image = ArticleImage.objects.get()
    assert (image.width, image.height) == (1600, 1067)
    assert b"Phone Model X" not in bytes(image.data)
    assert Client().get(f"/publik/gambar/{image.pk}/").status_code == 404
    article.publish_at = timezone.now() - dt.timedelta(minutes=1)
    article.save()
    shown = Client().get(f"/publik/gambar/{image.pk}/")
    assert shown.status_code == 200
    assert not Image.open(io.BytesIO(shown.content)).getexif()


def test_a_broken_image_is_refused_with_a_clear_message(supervisor: User, login) -> None:  # type: ignore[no-untyped-def]
    article = Article.objects.create(slug="rusak", title="Rusak", body="Teks")
    response = login(supervisor).post(
        f"/public-side/articles/{article.pk}/image/",
        {"image": upload(b"GIF89a broken", "x.gif", "image/gif"), "alt": "x"},
    )
    assert response.status_code == 400
    assert "bukan gambar yang dapat dibaca" in response.content.decode()
    assert ArticleImage.objects.count() == 0
