"""Full detection from the web: queue a run, follow its progress (htmx polling)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.core import jobs
from waspada.core.access import get_object_or_deny, requires
from waspada.core.policy import Action
from waspada.networks import queries, services
from waspada.networks.models import DetectionRun


@require_POST
@requires(Action.REVIEW_NETWORKS)
def detection_request(request: HttpRequest) -> HttpResponse:
    active = queries.active_run()
    if active is not None:
        messages.info(request, _("A detection is already under way; here is its progress."))
        return redirect("detection_run", run_id=active.pk)
    run = services.request_detection(
        acting_user=request.user,  # type: ignore[arg-type]
        request=request,
    )
    return redirect("detection_run", run_id=run.pk)


@requires(Action.VIEW_NETWORKS)
def detection_run(request: HttpRequest, run_id: int) -> HttpResponse:
    run = get_object_or_deny(
        request,
        Action.VIEW_NETWORKS,
        DetectionRun.objects.select_related("created_by"),
        pk=run_id,
    )
    return jobs.render_status_page(request, "networks/run.html", {"run": run})
