from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from waspada.core import queries, services
from waspada.core.access import get_object_or_deny, requires
from waspada.core.forms import AuditFilterForm, UserCreateForm, UserEditForm
from waspada.core.models import User
from waspada.core.navigation import HOME_PANELS, home_tiles
from waspada.core.policy import Action


def healthz(request: HttpRequest) -> JsonResponse:
    """For the reverse proxy and monitoring: no data, no login."""
    return JsonResponse({"status": "ok"})


@requires(Action.VIEW_HOME)
def home(request: HttpRequest) -> HttpResponse:
    # Partner users land on their agency's open items (a panel of the partners app).
    return render(
        request,
        "core/home.html",
        {"tiles": home_tiles(request.user), "home_panels": HOME_PANELS.hooks()},
    )


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True


@method_decorator(requires(Action.CHANGE_OWN_PASSWORD), name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")

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
    return render(request, "core/user_list.html", {"users": queries.users_for_admin()})


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
