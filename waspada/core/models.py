"""Users with a role, and the append-only audit trail."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from waspada.core import audit_actions, audit_summaries
from waspada.core.roles import Role


class User(AbstractUser):
    """A person who logs in. Exactly one role; partner users belong to an agency."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    agency = models.ForeignKey(
        "partners.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    # Set when an administrator chose the password (a new account, a reset): the user must
    # choose their own, and set up a second factor, at the next sign-in, so that an
    # administrator who knows it cannot quietly work as them.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=(Q(role=Role.PARTNER) & Q(agency__isnull=False))
                | (~Q(role=Role.PARTNER) & Q(agency__isnull=True)),
                name="user_agency_iff_partner",
            )
        ]

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def __str__(self) -> str:
        return self.get_full_name()


def agencies() -> models.QuerySet[models.Model]:
    """The partner agencies. Their model is the partners app's, which builds on core, so
    core reaches it through the user's foreign key (a string label) and imports nothing
    above it."""
    model = User._meta.get_field("agency").related_model
    assert isinstance(model, type) and issubclass(model, models.Model)
    return model._default_manager.all()


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit events cannot be updated")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise AppendOnlyError("audit events cannot be updated")

    def update_or_create(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit events cannot be updated")


class AuditEvent(models.Model):
    """One recorded state change or access. Written by services; never changed.

    The model refuses updates and deletes; triggers refuse them in the database too
    (migrations 0002 and 0003, PostgreSQL and SQLite), so not even raw SQL can rewrite
    history unnoticed: who disables a trigger still breaks the hash chain, which
    `waspada verify-audit` checks.
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_events",
    )
    # The username at the time, so the record reads the same if the user is renamed.
    actor_label = models.CharField(_("actor name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=64, db_index=True)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    summary = models.CharField(_("summary"), max_length=500)
    details = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    # The hash chain (waspada/core/audit_chain.py): the hash of the event before, and this
    # event's own hash over that and its content. Filled by `audit.record`.
    previous_hash = models.CharField(_("previous hash"), max_length=64, blank=True, default="")
    chain_hash = models.CharField(_("hash"), max_length=64, blank=True, default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit events cannot be deleted")

    @property
    def action_label(self) -> str | Promise:
        """What happened, in the reader's language (the stored name if it is not known)."""
        action = audit_actions.read(self.action)
        return action.label if action is not None else self.action

    @property
    def object_label(self) -> str:
        """What the event is about, in the reader's language (the model's name and the id)."""
        if not self.object_type:
            return ""
        try:
            name = str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            name = self.object_type
        return f"{name} #{self.object_id}" if self.object_id else name

    @property
    def summary_text(self) -> str:
        """The summary in the reader's language (see `audit_summaries`)."""
        return audit_summaries.rendered(self.summary, self.details)


class VersionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class NumberedVersion(models.Model):
    """A numbered version of rules kept as data (the screening policy, the question
    bank): drafted, then published and never changed again; each based on another."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    state = models.CharField(
        _("state"), max_length=10, choices=VersionState.choices, default=VersionState.DRAFT
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.PROTECT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"v{self.number}"


class NotificationKind(models.TextChoices):
    """What changed for the recipient; the text is made from the kind in the reader's
    language when shown (`%(subject)s`: the application number, the ring...)."""

    INTERVIEW_ASSIGNED = "interview_assigned", _("An interview was assigned to you: %(subject)s")
    PROPOSAL_RETURNED = "proposal_returned", _("Your proposal was returned: %(subject)s")
    PROPOSAL_SIGNED_OFF = "proposal_signed_off", _("Your proposal was signed off: %(subject)s")
    PARTNER_ANSWERED = "partner_answered", _("A partner agency answered a referral: %(subject)s")


class Notification(models.Model):
    """Something that changed for one user, shown under the bell until they read it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The bell's count on every page: the recipient's unread ones.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.kind} {self.subject}"

    @property
    def text(self) -> str:
        label = dict(NotificationKind.choices).get(self.kind, self.kind)
        return str(label) % {"subject": self.subject}


class WorkerHeartbeat(models.Model):
    """A running background worker (`waspada worker`): it touches its row every few
    seconds, whether or not it is busy, so `/readyz` can tell a live worker from none."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process"), default=0)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    beat_at = models.DateTimeField(_("last sign of life"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-beat_at"]
        verbose_name = _("worker heartbeat")

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class SignInSlowdown(models.Model):
    """Failed sign-ins for one username, however they came: each try after the first few
    waits longer (waspada/core/throttle.py). Never a lock: once the wait is over the right
    password works, whoever typed the wrong ones."""

    username = models.CharField(_("username"), max_length=150, unique=True)
    failures = models.PositiveIntegerField(_("failed sign-ins"), default=0)
    last_failure_at = models.DateTimeField(_("last failed sign-in"), db_index=True)

    class Meta:
        verbose_name = _("sign-in slowdown")
        verbose_name_plural = _("sign-in slowdowns")

    def __str__(self) -> str:
        return f"{self.username}: {self.failures}"
