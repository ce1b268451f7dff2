"""Policy versions: the one in force, drafts, and publishing. Every change audited."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_noop

from waspada.core import audit
from waspada.core.audit_actions import AuditAction
from waspada.core.audit_summaries import said
from waspada.core.errors import UserFacingError
from waspada.core.models import User
from waspada.domain.risk import Policy, diff_policies, load_policy, policy_from_data, policy_to_data
from waspada.screening.hooks import POLICY_PUBLISHED
from waspada.screening.models import PolicyState, PolicyVersion

POLICY_FILE = Path(__file__).parent / "policy.yaml"


@functools.lru_cache(maxsize=16)
def _parsed(version_id: int) -> Policy:
    # Published versions never change, so parsing once per process is enough.
    return policy_from_data(PolicyVersion.objects.get(pk=version_id).data)


def policy_of(version: PolicyVersion) -> Policy:
    if version.state == PolicyState.PUBLISHED:
        return _parsed(version.pk)
    return policy_from_data(version.data)


def version_in_force(on: dt.date | None = None) -> PolicyVersion:
    """The published version in force on a day (today by default).

    On a fresh installation the policy file shipped with Waspada becomes version 1.
    """
    day = on or timezone.localdate()
    found = (
        PolicyVersion.objects.filter(state=PolicyState.PUBLISHED, effective_from__lte=day)
        .order_by("-effective_from", "-number")
        .first()
    )
    return found or _publish_shipped_policy()


@transaction.atomic
def _publish_shipped_policy() -> PolicyVersion:
    existing = PolicyVersion.objects.select_for_update().filter(number=1).first()
    if existing is not None:
        return existing
    data = policy_to_data(load_policy(POLICY_FILE.read_text(encoding="utf-8")))
    version = PolicyVersion.objects.create(
        number=1,
        data=data,
        state=PolicyState.PUBLISHED,
        note="policy.yaml",
        effective_from=dt.date(2000, 1, 1),
        published_at=timezone.now(),
    )
    audit.record(
        AuditAction.POLICY_PUBLISHED,
        said(gettext_noop("Screening policy v1 published from the file shipped with Waspada")),
        actor=None,
        obj=version,
    )
    return version


def _next_number() -> int:
    return (PolicyVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1


@transaction.atomic
def create_draft(
    *, acting_user: User, based_on: PolicyVersion, request: HttpRequest | None = None
) -> PolicyVersion:
    """A new draft, a copy of `based_on`, to edit before publishing."""
    draft = PolicyVersion.objects.create(
        number=_next_number(),
        data=based_on.data,
        based_on=based_on,
        created_by=acting_user,
    )
    audit.record(
        AuditAction.POLICY_DRAFTED,
        said(
            gettext_noop("Draft v%(draft)s of the screening policy, based on v%(base)s"),
            draft=draft.number,
            base=based_on.number,
        ),
        actor=acting_user,
        obj=draft,
        request=request,
    )
    return draft


class NotADraft(UserFacingError):
    """Only drafts can be edited or published."""


@transaction.atomic
def update_draft(
    draft: PolicyVersion,
    data: dict[str, Any],
    *,
    acting_user: User,
    note: str = "",
    request: HttpRequest | None = None,
) -> PolicyVersion:
    """Replace a draft's policy (validated: raises risk.PolicyError naming the field)."""
    if draft.state != PolicyState.DRAFT:
        raise NotADraft
    new_policy = policy_from_data(data)
    changes = diff_policies(policy_from_data(draft.data), new_policy)
    draft.data = policy_to_data(new_policy)
    draft.note = note[:300]
    draft.save(update_fields=["data", "note"])
    audit.record(
        AuditAction.POLICY_EDITED,
        said(
            gettext_noop("Draft v%(draft)s: %(count)s change(s)"),
            draft=draft.number,
            count=len(changes),
        ),
        actor=acting_user,
        obj=draft,
        details={"changes": [[c.path, c.old, c.new] for c in changes]},
        request=request,
    )
    return draft


@transaction.atomic
def publish(
    draft: PolicyVersion,
    *,
    acting_user: User,
    effective_from: dt.date,
    request: HttpRequest | None = None,
) -> PolicyVersion:
    """Publish a draft; from `effective_from` on, assessments use it."""
    if draft.state != PolicyState.DRAFT:
        raise NotADraft
    policy_from_data(draft.data)  # still valid
    previous = version_in_force()
    draft.state = PolicyState.PUBLISHED
    draft.effective_from = effective_from
    draft.published_by = acting_user
    draft.published_at = timezone.now()
    draft.save(update_fields=["state", "effective_from", "published_by", "published_at"])
    audit.record(
        AuditAction.POLICY_PUBLISHED,
        said(
            gettext_noop("Screening policy v%(draft)s published, in force from %(day)s"),
            draft=draft.number,
            day=f"{effective_from:%Y-%m-%d}",
        ),
        actor=acting_user,
        obj=draft,
        request=request,
    )
    for hook in POLICY_PUBLISHED:
        hook(draft, previous, acting_user)
    return draft
