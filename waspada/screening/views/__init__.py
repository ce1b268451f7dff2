from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from waspada.core import jobs
from waspada.core.access import get_object_or_deny, requires
from waspada.core.policy import Action
from waspada.screening import queries
from waspada.screening.forms import QueueFilterForm
from waspada.screening.models import ScreeningRun
from waspada.screening.policies import policy_of, version_in_force


def indicator_choices() -> list[tuple[str, str]]:
    """(code, "D05 title") for every indicator of the policy in force."""
    lang = "en" if (get_language() or "id").startswith("en") else "id"
    policy = policy_of(version_in_force())
    return [
        (code, f"{code} {spec.title.get(lang, '')}") for code, spec in policy.indicators.items()
    ]


@requires(Action.VIEW_SCREENING)
def screening_queue(request: HttpRequest) -> HttpResponse:
    form = QueueFilterForm(request.GET or None, indicator_choices=indicator_choices())
    page = Paginator(queries.queue(form.filters()), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "screening/queue.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@requires(Action.VIEW_SCREENING)
def screening_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_deny(request, Action.VIEW_SCREENING, ScreeningRun.objects.all(), pk=run_id)
    return jobs.render_status_page(request, "screening/run.html", {"run": run})
