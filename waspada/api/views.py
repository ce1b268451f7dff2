"""The administrator's pages for API keys: list, create (the key shown once), revoke."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from waspada.api import keys, webhooks
from waspada.api.forms import ApiClientForm, WebhookForm
from waspada.api.models import ApiClient, WebhookDelivery, WebhookEndpoint
from waspada.core.access import requires
from waspada.core.errors import UserFacingError, add_to_form
from waspada.core.policy import Action


@requires(Action.MANAGE_AGENCIES)
def api_client_list(request: HttpRequest) -> HttpResponse:
    clients = ApiClient.objects.select_related("agency", "created_by", "revoked_by")
    disabled = WebhookEndpoint.objects.filter(is_active=False).select_related("agency")
    return render(request, "api/client_list.html", {"clients": clients, "disabled": disabled})


@requires(Action.MANAGE_AGENCIES)
def api_client_create(request: HttpRequest) -> HttpResponse:
    form = ApiClientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            client, key = keys.create_client(
                form.cleaned_data["agency"],
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                allowed_addresses=keys.parse_networks(form.cleaned_data["allowed_addresses"]),
                acting_user=request.user,  # type: ignore[arg-type]
                request=request,
            )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            # Shown on this answer only: the office keeps its hash, never the key.
            return render(request, "api/client_created.html", {"client": client, "key": key})
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "api/client_form.html", {"form": form}, status=status)


@require_POST
@requires(Action.MANAGE_AGENCIES)
def api_client_revoke(request: HttpRequest, client_id: int) -> HttpResponse:
    client = get_object_or_404(ApiClient, pk=client_id)
    keys.revoke_client(client, acting_user=request.user, request=request)  # type: ignore[arg-type]
    messages.success(request, _("Key %(prefix)s revoked.") % {"prefix": client.prefix})
    return redirect("api_client_list")


@requires(Action.MANAGE_AGENCIES)
def api_webhook_list(request: HttpRequest) -> HttpResponse:
    """The webhook addresses and the delivery log (newest first)."""
    endpoints = WebhookEndpoint.objects.select_related("agency")
    deliveries = WebhookDelivery.objects.select_related("endpoint__agency")[:200]
    return render(
        request, "api/webhook_list.html", {"endpoints": endpoints, "deliveries": deliveries}
    )


@requires(Action.MANAGE_AGENCIES)
def api_webhook_create(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = webhooks.add_endpoint(
                form.cleaned_data["agency"],
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
                acting_user=request.user,  # type: ignore[arg-type]
                request=request,
            )
        except UserFacingError as error:
            add_to_form(form, error)
        else:
            return render(
                request, "api/webhook_created.html", {"endpoint": endpoint, "secret": secret}
            )
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "api/webhook_form.html", {"form": form}, status=status)
