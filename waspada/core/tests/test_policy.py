"""The permission policy: deny by default, one answer for every view."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from waspada.core.models import User
from waspada.core.policy import ROLE_ACTIONS, Action, can
from waspada.core.roles import Role


def test_anonymous_users_may_do_nothing() -> None:
    assert not any(can(AnonymousUser(), action) for action in Action)


def test_unknown_actions_are_denied_to_everyone(personas: dict[str, User]) -> None:
    assert not any(can(user, "applications.delete_everything") for user in personas.values())


def test_deactivated_users_may_do_nothing(admin_user: User) -> None:
    admin_user.is_active = False
    assert not any(can(admin_user, action) for action in Action)


def test_a_user_with_an_unknown_role_may_do_nothing(admin_user: User) -> None:
    admin_user.role = "janitor"
    assert not any(can(admin_user, action) for action in Action)


def test_every_role_has_a_policy_entry() -> None:
    assert set(ROLE_ACTIONS) == set(Role.values)


def test_audit_trail_is_for_supervisors_head_of_office_and_auditors(
    personas: dict[str, User],
) -> None:
    allowed = {name for name, user in personas.items() if can(user, Action.VIEW_AUDIT)}
    assert allowed == {"supervisor", "head_of_office", "auditor"}


def test_only_admins_manage_users_and_agencies(personas: dict[str, User]) -> None:
    for action in (Action.MANAGE_USERS, Action.MANAGE_AGENCIES, Action.MANAGE_OFFICE):
        assert {name for name, user in personas.items() if can(user, action)} == {"admin"}


def test_an_admin_cannot_change_their_own_account(admin_user: User, intake_officer: User) -> None:
    assert can(admin_user, Action.MANAGE_USERS, intake_officer)
    assert not can(admin_user, Action.MANAGE_USERS, admin_user)


def test_auditor_is_read_only(auditor: User) -> None:
    writes = {Action.MANAGE_USERS, Action.MANAGE_AGENCIES, Action.MANAGE_OFFICE}
    assert not any(can(auditor, action) for action in writes)


def test_partners_see_no_internal_pages(partners: dict[str, User]) -> None:
    internal = {Action.VIEW_AUDIT, Action.VIEW_REGIONS, Action.MANAGE_USERS}
    for user in partners.values():
        assert not any(can(user, action) for action in internal)
        assert can(user, Action.VIEW_HOME)
