"""The Atom feed of the campaign articles, for local media."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from waspada.publik import queries
from waspada.publik.models import Article


class ArticleFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    language = "id"
    title = _("Waspada: be wary of job offers abroad")
    subtitle = _("Campaign articles and announcements of the immigration office.")

    def __call__(self, request: HttpRequest, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        self.language = get_language() or "id"
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return reverse("publik_archive")

    def items(self) -> list[Article]:
        return list(queries.published_articles()[:30])

    def item_title(self, item: Article) -> str:
        return item.localized(self.language)["title"]

    def item_description(self, item: Article) -> str:
        return item.localized(self.language)["summary"]

    def item_link(self, item: Article) -> str:
        return reverse("publik_article", args=[item.slug])

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Article) -> dt.datetime:
        return item.updated_at
