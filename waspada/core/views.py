from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from waspada.core import notifications, queries, readiness, services, sign_in, throttle, two_factor
from waspada.core.access import get_object_or_deny, requires
from waspada.core.forms import (
    AuditFilterForm,
    LoginForm,
    OwnPasswordChangeForm,
    RenewRecoveryCodesForm,
    UserCreateForm,
    UserEditForm,
)
from waspada.core.models import User
from waspada.core.navigation import HOME_PANELS, home_tiles
from waspada.core.policy import Action
from waspada.core.workqueues import queues_for

logger = logging.getLogger(__name__)


def healthz(request: HttpRequest) -> JsonResponse:
    """For the reverse proxy and monitoring: no data, no login."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> JsonResponse:
    """For monitoring and the load balancer: 200 when the office can work, else 503 with
    what is wrong (database, migrations, worker, queue). Counts and ages only."""
    result = readiness.check()
    response = JsonResponse(result.as_json(), status=200 if result.ready else 503)
    response["Cache-Control"] = "no-store"
    if not result.ready:
        # One warning naming the problems, instead of Django's error for any 5xx answer
        # (monitoring asks every few seconds; a stopped worker is not a server error).
        logger.warning("Not ready: %s", "; ".join(result.problems))
        response._has_been_logged = True  # type: ignore[attr-defined]
    return response


@requires(Action.VIEW_HOME)
def home(request: HttpRequest) -> HttpResponse:
    # Office users see their work queues; partner users their agency's open items (a
    # panel of the partners app).
    return render(
        request,
        "core/home.html",
        {
            "tiles": home_tiles(request.user),
            "queues": queues_for(request.user),
            "home_panels": HOME_PANELS.hooks(),
        },
    )


class LoginView(auth_views.LoginView):
    """The password step; users asked for a second factor go on to it (`sign_in`)."""

    redirect_authenticated_user = True
    authentication_form = LoginForm

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if two_factor.asked(user):
            return sign_in.start(self.request, user, self.get_redirect_url())
        return super().form_valid(form)


@never_cache
@requires(Action.CHANGE_OWN_PASSWORD)
def account_security(request: HttpRequest) -> HttpResponse:
    """The user's own two-factor sign-in: how many recovery codes are left, and new ones
    (shown once, the old ones stop working) after the password or an authenticator code."""
    user = request.user
    assert isinstance(user, User)
    set_up = two_factor.is_set_up(user)
    form = RenewRecoveryCodesForm(request.POST or None, user=user) if set_up else None
    if request.method == "POST" and form is not None and form.is_valid():
        codes = services.renew_recovery_codes(user, request=request)
        return render(
            request,
            "registration/recovery_codes.html",
            {"codes": codes, "next": reverse("account_security"), "renewed": True},
        )
    context = {
        "set_up": set_up,
        "left": two_factor.recovery_codes_left(user) if set_up else 0,
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "core/account_security.html", context, status=status)


@method_decorator(requires(Action.CHANGE_OWN_PASSWORD), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")
    form_class = OwnPasswordChangeForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if getattr(user, "must_change_password", False):
            # Who chose the current password, and when: the user can tell whether anyone
            # else may have signed in with it meanwhile.
            context["set_by"] = queries.password_set_by(user)  # type: ignore[arg-type]
        return context

    def form_valid(self, form: Any) -> HttpResponse:
        # Through the service so that the change is audited.
        assert isinstance(self.request.user, User)
        services.set_password(
            self.request.user,
            form.cleaned_data["new_password1"],
            acting_user=self.request.user,
            request=self.request,
        )
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return redirect(self.success_url)


@requires(Action.VIEW_AUDIT)
def audit_list(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(queries.filtered_audit_events(filters), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@requires(Action.MANAGE_USERS)
def user_list(request: HttpRequest) -> HttpResponse:
    users = list(queries.users_for_admin())
    blocked = throttle.needing_unblock()
    with_second_factor = two_factor.users_set_up()
    for account in users:
        account.sign_in_blocked = account.username.lower() in blocked  # type: ignore[attr-defined]
        account.two_factor = (  # type: ignore[attr-defined]
            "set_up"
            if account.pk in with_second_factor
            else "missing"
            if two_factor.required(account) or account.must_change_password
            else ""
        )
    return render(request, "core/user_list.html", {"users": users})


@require_POST
@requires(Action.MANAGE_USERS)
def user_unblock(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_deny(request, Action.MANAGE_USERS, User.objects.all(), pk=user_id)
    services.unblock_sign_in(user, acting_user=request.user, request=request)  # type: ignore[arg-type]
    messages.success(request, _("Sign-in of %(username)s unblocked.") % {"username": user.username})
    return redirect("user_list")


@requires(Action.MANAGE_USERS)
def user_create(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.create_user(
            acting_user=request.user,  # type: ignore[arg-type]
            username=data["username"],
            full_name=data["full_name"],
            email=data["email"],
            role=data["role"],
            agency=data["agency"],
            password=data["password"],
            request=request,
        )
        messages.success(request, _("User %(username)s created.") % {"username": user.username})
        return redirect("user_list")
    return render(request, "core/user_form.html", {"form": form, "creating": True})


@requires(Action.MANAGE_USERS)
def user_edit(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_deny(request, Action.MANAGE_USERS, User.objects.all(), pk=user_id)
    initial = {
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "agency": user.agency,
        "is_active": user.is_active,
    }
    form = UserEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_user(
            user,
            acting_user=request.user,  # type: ignore[arg-type]
            full_name=data["full_name"],
            email=data["email"],
            role=data["role"],
            agency=data["agency"],
            is_active=data["is_active"],
            request=request,
        )
        messages.success(request, _("User %(username)s saved.") % {"username": user.username})
        return redirect("user_list")
    return render(
        request, "core/user_form.html", {"form": form, "creating": False, "account": user}
    )


@requires(Action.MANAGE_USERS)
def user_set_password(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_deny(request, Action.MANAGE_USERS, User.objects.all(), pk=user_id)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_password(
            user,
            form.cleaned_data["new_password1"],
            acting_user=request.user,  # type: ignore[arg-type]
            request=request,
        )
        messages.success(
            request, _("Password of %(username)s reset.") % {"username": user.username}
        )
        return redirect("user_list")
    return render(request, "core/user_password.html", {"form": form, "account": user})


@requires(Action.VIEW_HOME)
def notification_list(request: HttpRequest) -> HttpResponse:
    """What changed for me, newest first; the unread ones marked."""
    page = Paginator(notifications.notifications_of(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "core/notification_list.html", {"page": page, "query": ""})


@require_POST
@requires(Action.VIEW_HOME)
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Follow a notification: it is read, and its page opens (one's own only: 404)."""
    found = get_object_or_404(notifications.notifications_of(request.user), pk=notification_id)
    notifications.mark_read(request.user, found.pk)
    # A path of this site only (a bare word would be read as a view's name).
    if found.url.startswith("/") and url_has_allowed_host_and_scheme(
        found.url, allowed_hosts={request.get_host()}
    ):
        return HttpResponseRedirect(found.url)
    return redirect("notification_list")


@require_POST
@requires(Action.VIEW_HOME)
def notification_read_all(request: HttpRequest) -> HttpResponse:
    notifications.mark_read(request.user)
    return redirect("notification_list")


@require_POST
@requires(Action.MANAGE_USERS)
def user_reset_two_factor(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_deny(request, Action.MANAGE_USERS, User.objects.all(), pk=user_id)
    services.reset_two_factor(user, acting_user=request.user, request=request)  # type: ignore[arg-type]
    messages.success(
        request,
        _("Two-factor sign-in of %(username)s reset: they set it up again at their next sign-in.")
        % {"username": user.username},
    )
    return redirect("user_list")
