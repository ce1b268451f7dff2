"""Creating, finding, throttling and revoking API keys; each change audited."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from waspada.api.models import ApiClient
from waspada.api.scopes import LABELS, refused_scopes
from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.core.roles import Role
from waspada.partners.models import Agency

KEY_START = "wsp_"
# The last use is written at most this often (seconds): not one write per call.
TOUCH_EVERY = 60


class BadClient(UserFacingError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field, self.text = field, message

    def form_errors(self) -> list[tuple[str, str]]:
        return [(self.field, self.text)]


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def prefix_of(key: str) -> str:
    """The part of a key kept in clear: "wsp_" and 8 hex digits."""
    return key[: len(KEY_START) + 8]


def parse_networks(text: str | list[str]) -> list[str]:
    """Addresses or CIDR networks, one a line (or comma-separated); BadClient if not."""
    items = text if isinstance(text, list) else text.replace(",", "\n").splitlines()
    networks = []
    for item in (i.strip() for i in items):
        if not item:
            continue
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError:
            raise BadClient(
                "allowed_addresses",
                _("'%(value)s' is not an address or a network (e.g. 203.0.113.0/24).")
                % {"value": item[:100]},
            ) from None
    return networks


@transaction.atomic
def create_client(
    agency: Agency,
    *,
    name: str,
    scopes: list[str],
    allowed_addresses: list[str] | None = None,
    acting_user: User | None,
    request: HttpRequest | None = None,
) -> tuple[ApiClient, str]:
    """A new client of `agency` and its key (shown once: only its hash is kept)."""
    if not name.strip():
        raise BadClient("name", _("Name the system that will use the key."))
    if not scopes:
        raise BadClient("scopes", _("Choose at least one scope."))
    refused = refused_scopes(agency.kind, scopes)
    if refused:
        raise BadClient(
            "scopes",
            _("A key of %(agency)s (%(kind)s) cannot have: %(scopes)s.")
            % {
                "agency": agency.name,
                "kind": agency.get_kind_display(),
                "scopes": ", ".join(refused),
            },
        )
    if not agency.is_active:
        raise BadClient("agency", _("The agency is deactivated."))
    networks = parse_networks(allowed_addresses or [])
    while True:
        prefix = KEY_START + secrets.token_hex(4)
        if not ApiClient.objects.filter(prefix=prefix).exists():
            break
    key = f"{prefix}_{secrets.token_urlsafe(32)}"
    account = User(
        username=f"api-{prefix[len(KEY_START) :]}",
        full_name=f"API: {name.strip()[:140]}",
        role=Role.PARTNER,
        agency=agency,
    )
    account.set_unusable_password()
    account.save()
    client = ApiClient.objects.create(
        agency=agency,
        name=name.strip(),
        prefix=prefix,
        key_hash=digest(key),
        scopes=sorted(set(scopes)),
        allowed_addresses=networks,
        user=account,
        created_by=acting_user if acting_user is not None and acting_user.pk else None,
    )
    audit.record(
        AuditAction.API_KEY_CREATED,
        said(
            gettext_noop("API key %(key)s for %(agency)s (%(name)s) created: %(scopes)s"),
            key=prefix,
            agency=agency.name,
            name=client.name,
            scopes=[LABELS.get(scope, scope) for scope in client.scopes],
        ),
        actor=acting_user,
        obj=client,
        details={"agency": agency.pk, "scopes": client.scopes, "addresses": networks},
        request=request,
    )
    return client, key


@transaction.atomic
def revoke_client(
    client: ApiClient, *, acting_user: User | None, request: HttpRequest | None = None
) -> ApiClient:
    """Revoke the key at once: its next call is refused (401)."""
    current = ApiClient.objects.select_for_update().get(pk=client.pk)
    if current.revoked_at is not None:
        return current
    current.revoked_at = timezone.now()
    current.revoked_by = acting_user if acting_user is not None and acting_user.pk else None
    current.save(update_fields=["revoked_at", "revoked_by"])
    User.objects.filter(pk=current.user_id).update(is_active=False)
    audit.record(
        AuditAction.API_KEY_REVOKED,
        said(
            gettext_noop("API key %(key)s of %(agency)s (%(name)s) revoked"),
            key=current.prefix,
            agency=current.agency.name,
            name=current.name,
        ),
        actor=acting_user,
        obj=current,
        request=request,
    )
    return current


def find(key: str) -> ApiClient | None:
    """The active client whose key this is (None for anything else)."""
    if not key.startswith(KEY_START) or len(key) > 200:
        return None
    client = (
        ApiClient.objects.select_related("agency", "user", "user__agency")
        .filter(prefix=prefix_of(key), revoked_at__isnull=True)
        .first()
    )
    if client is None or not hmac.compare_digest(client.key_hash, digest(key)):
        return None
    return client


def address_allowed(client: ApiClient, address: str | None) -> bool:
    if not client.allowed_addresses:
        return True
    if address is None:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in client.allowed_addresses)


def touch(client: ApiClient, address: str | None) -> None:
    """Record the last use (at most once a minute per client)."""
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > TOUCH_EVERY:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now, last_used_address=address)
        client.last_used_at, client.last_used_address = now, address


def throttle(client: ApiClient) -> int | None:
    """Count a call; the seconds to wait when the key made too many this minute."""
    limit = settings.WASPADA_API_REQUESTS_PER_MINUTE
    window = int(time.time() // 60)
    name = f"api-throttle:{client.pk}:{window}"
    cache.add(name, 0, timeout=120)
    try:
        count = cache.incr(name)
    except ValueError:  # expired in between
        cache.set(name, 1, timeout=120)
        count = 1
    if count > limit:
        return max(1, 60 - int(time.time()) % 60)
    return None
