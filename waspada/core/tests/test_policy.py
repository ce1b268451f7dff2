"""The permission policy: deny by default, one answer for every view."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from waspada.core.models import User
from waspada.core.policy import ROLE_ACTIONS, Action, can, scope, users_with
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


def test_scope_gives_a_partner_only_its_own_agencys_rows(
    personas: dict[str, User], partners: dict[str, User]
) -> None:
    everyone = User.objects.all()
    police = personas["partner"]
    assert police.agency_id is not None
    # Users stand in for any model with an agency: the rule reads the agency field.
    assert set(scope(police, Action.VIEW_REFERRALS, everyone)) == set(
        everyone.filter(agency_id=police.agency_id)
    )
    # Office roles that may do the action see every row; those that may not see none.
    assert scope(personas["supervisor"], Action.VIEW_REFERRALS, everyone).count() == 0
    assert scope(personas["supervisor"], Action.VIEW_AUDIT, everyone).count() == everyone.count()
    assert scope(personas["intake_officer"], Action.VIEW_AUDIT, everyone).count() == 0


def test_users_with_lists_the_active_officers_whose_role_may(personas: dict[str, User]) -> None:
    signers = set(users_with(Action.SIGN_LETTERS).values_list("username", flat=True))
    assert signers == {"interviewer", "supervisor", "head_of_office"}
    personas["supervisor"].is_active = False
    personas["supervisor"].save()
    assert "supervisor" not in set(
        users_with(Action.SIGN_LETTERS).values_list("username", flat=True)
    )
