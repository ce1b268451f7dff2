"""The one permission policy: may this user do this action (on this object)?

Deny by default: an action not listed for a role is refused, an unknown action is
refused, and anonymous or deactivated users may do nothing. Object rules add
conditions that a role alone cannot express (e.g. four-eyes: nobody approves
their own proposal). Every view, API endpoint and template asks `can`.

Besides yes/no the policy answers two questions: `scope(user, action, queryset)` - which
rows of a list this user may see for the action (a partner only its own agency's), and
`users_with(action)` - who may do it (the officers a letter may be signed by, the
supervisors to notify).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet

from waspada.core.roles import Role
from waspada.domain.decisions import may_sign_off


class Action(StrEnum):
    VIEW_HOME = "home.view"
    CHANGE_OWN_PASSWORD = "account.change_password"
    VIEW_REGIONS = "regions.view"
    MANAGE_OFFICE = "office.manage"
    VIEW_AUDIT = "audit.view"
    MANAGE_USERS = "users.manage"
    MANAGE_AGENCIES = "agencies.manage"
    VIEW_APPLICATIONS = "applications.view"
    REGISTER_APPLICATION = "applications.register"
    IMPORT_APPLICATIONS = "applications.import"
    EXPORT_APPLICATIONS = "applications.export"
    VIEW_SCREENING = "screening.view"
    VIEW_POLICY = "policy.view"
    MANAGE_POLICY = "policy.manage"
    VIEW_WATCHLISTS = "watchlists.view"
    MANAGE_WATCHLISTS = "watchlists.manage"
    REVIEW_MATCHES = "watchlists.review"
    VIEW_NETWORKS = "networks.view"
    REVIEW_NETWORKS = "networks.review"
    REFER_NETWORKS = "networks.refer"
    MANAGE_ORGANISERS = "organisers.manage"
    VIEW_VERIFICATIONS = "verifications.view"
    RESOLVE_VERIFICATIONS = "verifications.resolve"
    VIEW_INTERVIEWS = "interviews.view"
    CONDUCT_INTERVIEW = "interviews.conduct"
    TAKE_OVER_INTERVIEW = "interviews.take_over"
    ASSIGN_INTERVIEWS = "interviews.assign"
    MANAGE_QUESTIONS = "questions.manage"
    VIEW_DECISIONS = "decisions.view"
    PROPOSE_DECISION = "decisions.propose"
    SIGN_OFF_DECISION = "decisions.sign_off"
    VIEW_LETTERS = "letters.view"
    VIEW_REPORTS = "reports.view"
    VIEW_REFERRALS = "referrals.view"
    VIEW_PERSON_REFERRALS = "person_referrals.view"
    REFER_PERSONS = "persons.refer"
    VIEW_REFERRAL_REGISTER = "referrals.register"
    VIEW_RECOMMENDATIONS = "recommendations.view"
    MANAGE_RECOMMENDATIONS = "recommendations.manage"
    ANSWER_RECOMMENDATION_REQUESTS = "recommendations.answer"
    REQUEST_NIK_VERIFICATION = "nik_verifications.request"
    VIEW_NIK_VERIFICATIONS = "nik_verifications.view"
    ANSWER_NIK_VERIFICATIONS = "nik_verifications.answer"
    SEND_ALERTS = "alerts.send"
    VIEW_ALERTS = "alerts.view"
    SUBMIT_TO_WATCHLISTS = "submissions.submit"
    REVIEW_SUBMISSIONS = "submissions.review"
    SIGN_LETTERS = "letters.sign"
    TRIAGE_PUBLIC_REPORTS = "public_reports.triage"
    PUBLISH_ARTICLES = "articles.publish"
    RECORD_OUTREACH = "outreach.record"
    TAKE_TRAINING = "training.take"
    MANAGE_TRAINING = "training.manage"
    VIEW_READINESS = "training.readiness"


_EVERYONE = frozenset({Action.VIEW_HOME, Action.CHANGE_OWN_PASSWORD, Action.VIEW_REGIONS})
# Applicants' personal data: only the office roles whose work needs it (UU 27/2022).
# Admins run the system but do not read applications; partners get their own views.
_CASEWORK = _EVERYONE | {
    Action.VIEW_APPLICATIONS,
    Action.VIEW_SCREENING,
    Action.VIEW_DECISIONS,
    Action.VIEW_LETTERS,
}
# Outreach (penyuluhan): the officers who go out to the villages record the campaign.
_OUTREACH = {Action.RECORD_OUTREACH}
# The interview record holds what the applicant confided: not for the intake counter.
_INTERVIEW_READERS = {Action.VIEW_INTERVIEWS}
# Training (anonymised cases only): every officer who screens, interviews or signs off.
_TRAINING = {Action.TAKE_TRAINING}

ROLE_ACTIONS: dict[str, frozenset[Action]] = {
    Role.INTAKE_OFFICER: _CASEWORK
    | _OUTREACH
    | _TRAINING
    | {Action.REGISTER_APPLICATION, Action.REQUEST_NIK_VERIFICATION},
    Role.INTERVIEWER: _CASEWORK
    | _INTERVIEW_READERS
    | _OUTREACH
    | _TRAINING
    | {
        Action.SIGN_LETTERS,
        Action.VIEW_WATCHLISTS,
        Action.REVIEW_MATCHES,
        Action.VIEW_NETWORKS,
        Action.CONDUCT_INTERVIEW,
        Action.PROPOSE_DECISION,
        Action.REQUEST_NIK_VERIFICATION,
    },
    Role.SUPERVISOR: _CASEWORK
    | {
        Action.VIEW_AUDIT,
        Action.REGISTER_APPLICATION,
        Action.IMPORT_APPLICATIONS,
        Action.EXPORT_APPLICATIONS,
        Action.VIEW_POLICY,
        Action.MANAGE_POLICY,
        Action.VIEW_WATCHLISTS,
        Action.MANAGE_WATCHLISTS,
        Action.REVIEW_MATCHES,
        Action.VIEW_NETWORKS,
        Action.REVIEW_NETWORKS,
        Action.REFER_NETWORKS,
        Action.REFER_PERSONS,
        Action.VIEW_REFERRAL_REGISTER,
        Action.MANAGE_ORGANISERS,
        Action.VIEW_VERIFICATIONS,
        Action.RESOLVE_VERIFICATIONS,
        Action.VIEW_RECOMMENDATIONS,
        Action.ANSWER_RECOMMENDATION_REQUESTS,
        Action.REQUEST_NIK_VERIFICATION,
        Action.VIEW_NIK_VERIFICATIONS,
        Action.ANSWER_NIK_VERIFICATIONS,
        Action.SEND_ALERTS,
        Action.VIEW_ALERTS,
        Action.REVIEW_SUBMISSIONS,
        Action.CONDUCT_INTERVIEW,
        Action.TAKE_OVER_INTERVIEW,
        Action.ASSIGN_INTERVIEWS,
        Action.MANAGE_QUESTIONS,
        Action.PROPOSE_DECISION,
        Action.SIGN_OFF_DECISION,
        Action.SIGN_LETTERS,
        Action.VIEW_REPORTS,
        Action.TRIAGE_PUBLIC_REPORTS,
        Action.PUBLISH_ARTICLES,
        Action.MANAGE_TRAINING,
        Action.VIEW_READINESS,
    }
    | _OUTREACH
    | _TRAINING
    | _INTERVIEW_READERS,
    Role.HEAD_OF_OFFICE: _CASEWORK
    | _INTERVIEW_READERS
    | {
        Action.VIEW_AUDIT,
        Action.EXPORT_APPLICATIONS,
        Action.VIEW_POLICY,
        Action.VIEW_WATCHLISTS,
        Action.VIEW_NETWORKS,
        Action.VIEW_VERIFICATIONS,
        Action.VIEW_RECOMMENDATIONS,
        Action.VIEW_NIK_VERIFICATIONS,
        Action.VIEW_ALERTS,
        Action.REFER_NETWORKS,
        Action.VIEW_REFERRAL_REGISTER,
        Action.SIGN_OFF_DECISION,
        Action.SIGN_LETTERS,
        Action.VIEW_REPORTS,
        Action.TRIAGE_PUBLIC_REPORTS,
        Action.PUBLISH_ARTICLES,
        Action.VIEW_READINESS,
    },
    Role.ADMIN: _EVERYONE | {Action.MANAGE_USERS, Action.MANAGE_AGENCIES, Action.MANAGE_OFFICE},
    Role.AUDITOR: _CASEWORK
    | _INTERVIEW_READERS
    | {
        Action.VIEW_AUDIT,
        Action.VIEW_POLICY,
        Action.VIEW_WATCHLISTS,
        Action.VIEW_NETWORKS,
        Action.VIEW_VERIFICATIONS,
        Action.VIEW_RECOMMENDATIONS,
        Action.VIEW_NIK_VERIFICATIONS,
        Action.VIEW_ALERTS,
        Action.VIEW_REPORTS,
        Action.VIEW_READINESS,
    },
    # Partners see only what was referred to their own agency (scoped in the queries),
    # and only what their kind of agency needs (`PARTNER_KIND_ACTIONS`).
    Role.PARTNER: frozenset(
        {
            Action.VIEW_HOME,
            Action.CHANGE_OWN_PASSWORD,
            Action.VIEW_REFERRALS,
            Action.VIEW_PERSON_REFERRALS,
            Action.VIEW_RECOMMENDATIONS,
            Action.MANAGE_RECOMMENDATIONS,
            Action.ANSWER_RECOMMENDATION_REQUESTS,
            Action.VIEW_NIK_VERIFICATIONS,
            Action.ANSWER_NIK_VERIFICATIONS,
            Action.VIEW_ALERTS,
            Action.SUBMIT_TO_WATCHLISTS,
        }
    ),
}

# What every partner user may do, whatever their agency.
PARTNER_BASE: frozenset[Action] = frozenset({Action.VIEW_HOME, Action.CHANGE_OWN_PASSWORD})
# Agency kind -> the partner actions its users may do besides: filled from the one table
# of the partners app (`waspada/partners/scopes.py`) when it starts. Deny by default: a
# kind not in it, or a partner without an active agency, gets nothing but the base.
PARTNER_KIND_ACTIONS: dict[str, frozenset[Action]] = {}
# Agency kind -> its name (for the roles page).
PARTNER_KIND_LABELS: dict[str, Any] = {}


def register_partner_kinds(
    table: Mapping[str, frozenset[Action]], labels: Mapping[str, Any]
) -> None:
    """Set what the users of each kind of agency may do (replacing what was set)."""
    partner = actions_for_role(Role.PARTNER)
    for kind, actions in table.items():
        if not actions <= partner:
            raise ValueError(f"{kind}: {sorted(actions - partner)} are not partner actions.")
    PARTNER_KIND_ACTIONS.clear()
    PARTNER_KIND_ACTIONS.update(table)
    PARTNER_KIND_LABELS.clear()
    PARTNER_KIND_LABELS.update(labels)


def _partner_may(user: Any, action: Action) -> bool:
    # A deactivated agency's users may do nothing at all, at once.
    agency = getattr(user, "agency", None)
    if agency is None or not agency.is_active:
        return False
    return action in PARTNER_BASE or action in PARTNER_KIND_ACTIONS.get(agency.kind, frozenset())


ObjectRule = Callable[[Any, Any], bool]


def _not_self(user: Any, obj: Any) -> bool:
    # An admin must not change their own role or lock themselves out.
    return obj is None or getattr(obj, "pk", None) != user.pk


def _not_proposer(user: Any, obj: Any) -> bool:
    # Four-eyes, as the domain states it (obj: the proposed decision).
    return obj is None or may_sign_off(getattr(obj, "proposed_by_id", None), user.pk)


def _own_queue(user: Any, obj: Any) -> bool:
    # A request goes to one agency (a Disnaker, a Dukcapil); the office answers only those
    # with no agency to ask.
    if obj is None:
        return True
    agency_id = getattr(obj, "agency_id", None)
    if user.role == Role.PARTNER:
        return agency_id is not None and agency_id == getattr(user, "agency_id", None)
    return agency_id is None


def _own_interview(user: Any, obj: Any) -> bool:
    # An interview session (obj) is written by its interviewer only; on anything else
    # (an application to start one on) the action is the role's.
    interviewer_id = getattr(obj, "interviewer_id", None)
    return interviewer_id is None or interviewer_id == user.pk


def _someone_elses_interview(user: Any, obj: Any) -> bool:
    return obj is None or getattr(obj, "interviewer_id", None) != user.pk


OBJECT_RULES: dict[Action, ObjectRule] = {
    Action.MANAGE_USERS: _not_self,
    Action.SIGN_OFF_DECISION: _not_proposer,
    Action.ANSWER_RECOMMENDATION_REQUESTS: _own_queue,
    Action.ANSWER_NIK_VERIFICATIONS: _own_queue,
    Action.CONDUCT_INTERVIEW: _own_interview,
    Action.TAKE_OVER_INTERVIEW: _someone_elses_interview,
}


def actions_for_role(role: str) -> frozenset[Action]:
    return ROLE_ACTIONS.get(role, frozenset())


def can(user: Any, action: Action | str, obj: Any = None) -> bool:
    """True when `user` may perform `action` (on `obj`, when given)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if getattr(user, "agency_id", None) is not None and not user.agency.is_active:
        return False  # a deactivated partner agency: its users may do nothing
    try:
        action = Action(action)
    except ValueError:
        return False
    if action not in actions_for_role(user.role):
        return False
    if user.role == Role.PARTNER and not _partner_may(user, action):
        return False
    rule = OBJECT_RULES.get(action)
    return rule is None or rule(user, obj)


_M = TypeVar("_M", bound=Model)

# Rows a partner may see for an action: the field holding the agency they belong to.
# Office roles that may do the action see every row; anyone else sees none.
PARTNER_SCOPES: dict[Action, str] = {
    Action.VIEW_REFERRALS: "agency_id",
    Action.VIEW_PERSON_REFERRALS: "agency_id",
    Action.VIEW_RECOMMENDATIONS: "agency_id",
    Action.MANAGE_RECOMMENDATIONS: "agency_id",
    Action.ANSWER_RECOMMENDATION_REQUESTS: "agency_id",
    Action.VIEW_NIK_VERIFICATIONS: "agency_id",
    Action.ANSWER_NIK_VERIFICATIONS: "agency_id",
    Action.VIEW_ALERTS: "agency_id",
    Action.SUBMIT_TO_WATCHLISTS: "agency_id",
}


def scope(user: Any, action: Action | str, queryset: QuerySet[_M]) -> QuerySet[_M]:
    """The rows of `queryset` that `user` may see for `action` (none when they may not)."""
    if not can(user, action):
        return queryset.none()
    action = Action(action)
    if user.role == Role.PARTNER:
        field = PARTNER_SCOPES.get(action)
        agency_id = getattr(user, "agency_id", None)
        if field is None or agency_id is None:
            return queryset.none()
        return queryset.filter(**{field: agency_id})
    return queryset


def users_with(action: Action | str) -> QuerySet[Any]:
    """The active users whose role may do `action` (object rules aside)."""
    roles = [role for role, actions in ROLE_ACTIONS.items() if Action(action) in actions]
    return get_user_model().objects.filter(is_active=True, role__in=roles)
