"""The public pages: no login, no JavaScript, nothing of the office's data.

Everything here is readable on a cheap phone on a slow connection: server-rendered HTML
and one small style sheet. Only a report the person chooses to send is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waspada.core.errors import UserFacingError
from waspada.core.policy import Action, can
from waspada.publik import checker, queries, ratelimit, services, tracking
from waspada.publik.caching import public_page
from waspada.publik.forms import OfferForm, ReportForm, StatusForm
from waspada.publik.models import Article, ArticleImage, ArticleKind
from waspada.publik.rendering import render_markdown


def _article_context(article: Article) -> dict[str, object]:
    words = article.localized(get_language() or "id")
    return {"article": article, "words": words, "body": render_markdown(words["body"])}


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    latest = [
        (article, article.localized(get_language() or "id"))
        for article in queries.published_articles()[:5]
    ]
    return render(request, "publik/home.html", {"latest": latest})


@require_GET
@public_page
def archive(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.published_articles(), 10).get_page(request.GET.get("page"))
    language = get_language() or "id"
    items = [(article, article.localized(language)) for article in page]
    return render(request, "publik/archive.html", {"page": page, "items": items})


@require_GET
@public_page
def article(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(Article, slug=slug, publish_at__lte=timezone.now())
    if found.kind == ArticleKind.GUIDE:
        return HttpResponseRedirect(reverse("publik_guide"))
    return render(request, "publik/article.html", _article_context(found))


@require_GET
@public_page
def guide(request: HttpRequest) -> HttpResponse:
    found = queries.published_guide()
    if found is None:
        raise Http404
    return render(request, "publik/article.html", {**_article_context(found), "is_guide": True})


@require_GET
def image(request: HttpRequest, pk: int) -> HttpResponse:
    """An article's image: public once its article is."""
    found = get_object_or_404(ArticleImage.objects.select_related("article"), pk=pk)
    if not found.article.is_public and not can(request.user, Action.PUBLISH_ARTICLES):
        raise Http404
    response = HttpResponse(bytes(found.data), content_type="image/jpeg")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def offer_check(request: HttpRequest) -> HttpResponse:
    """The job-offer checker: answers in the address (GET), nothing stored."""
    submitted = "job" in request.GET
    if not submitted:
        return _blank_checker(request)
    form = OfferForm(request.GET)
    result = checker.check(form.cleaned_data) if form.is_valid() else None
    return render(
        request,
        "publik/checker.html",
        {"form": form, "result": result, "report_query": request.GET.urlencode()},
    )


@public_page
def _blank_checker(request: HttpRequest) -> HttpResponse:
    return render(request, "publik/checker.html", {"form": OfferForm(), "result": None})


def _too_many(request: HttpRequest) -> HttpResponse:
    minutes = settings.WASPADA_PUBLIC_REPORT_WINDOW_MINUTES
    return render(request, "publik/too_many.html", {"minutes": minutes}, status=429)


def _offer_summary(request: HttpRequest) -> str:
    """The checked offer, in words, as the start of a report (from the checker's link)."""
    form = OfferForm(request.GET)
    if not form.is_valid():
        return ""
    lines = [_("Job offer I checked:")]
    for name in ("destination", "job", "monthly_pay", "fee", "fee_paid_to", "arranged_by",
                 "visa", "contract", "recruiter_name", "recruiter_licence"):  # fmt: skip
        value = form.cleaned_data.get(name)
        if value in (None, ""):
            continue
        field = form.fields[name]
        shown = dict(getattr(field, "choices", [])).get(value, value)
        lines.append(f"- {field.label}: {shown}")
    return "\n".join(lines)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """An anonymous report. No address or browser string is stored with it; a rate limit
    per network (in the cache only) keeps floods out."""
    if request.method == "GET":
        form = ReportForm(initial={"what": _offer_summary(request)} if request.GET else None)
        return render(request, "publik/report.html", {"form": form})
    allowed = ratelimit.hit(
        "report",
        request,
        limit=settings.WASPADA_PUBLIC_REPORT_LIMIT,
        window_seconds=settings.WASPADA_PUBLIC_REPORT_WINDOW_MINUTES * 60,
    )
    if not allowed:
        return _too_many(request)
    form = ReportForm(request.POST, request.FILES)
    if form.is_valid() and form.cleaned_data["website"]:
        return render(request, "publik/refused.html", status=400)
    if form.is_valid():
        data = form.cleaned_data
        try:
            received = services.receive_report(
                what=data["what"],
                place=data["place"],
                who=data["who"],
                contact=data["contact"],
                photos=data["photos"],
            )
        except UserFacingError as error:
            form.add_error("photos", str(error))
        else:
            response = render(
                request, "publik/report_sent.html", {"code": tracking.shown(received.code)}
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(request, "publik/report.html", {"form": form}, status=400)


@require_http_methods(["GET", "POST"])
def report_status(request: HttpRequest) -> HttpResponse:
    """The status of a report by its code (POST: the code stays out of addresses and logs)."""
    if request.method == "GET":
        return render(request, "publik/status.html", {"form": StatusForm()})
    if not ratelimit.hit(
        "status",
        request,
        limit=settings.WASPADA_PUBLIC_REPORT_LIMIT * 6,
        window_seconds=settings.WASPADA_PUBLIC_REPORT_WINDOW_MINUTES * 60,
    ):
        return _too_many(request)
    form = StatusForm(request.POST)
    found = None
    if form.is_valid():
        found = services.report_by_code(form.cleaned_data["code"])
        if found is None:
            form.add_error("code", _("No report has this code. Check the code and try again."))
    context = {"form": form, "found": found}
    return render(request, "publik/status.html", context, status=200 if found else 400)


@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """The language switch of the public pages: a plain link (no form, no JavaScript)."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) or (
        not target.startswith("/publik/")
    ):
        target = reverse("publik_home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600, samesite="Lax"
    )
    return response


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "publik/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "publik/500.html", status=500)
