"""Who may do what: one persona per role, each boundary proved both ways."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.builders.clusters import board, boards_valid_in, cluster_term, members_of, term
from tests.builders.people import persona
from thidua.accounts.models import Role, RoleGrant
from thidua.accounts.policy import Action, may, subject_of
from thidua.accounts.services import role_grant
from thidua.core.errors import DomainError
from thidua.orgs.models import ClusterTerm, Unit
from thidua.orgs.selectors import term_get_for

pytestmark = pytest.mark.django_db


def test_an_officer_reads_the_drafts_of_its_own_board_only() -> None:
    long_an = persona("canbo.longan")
    assert may(long_an, Action.UNIT_VIEW_INTERNAL, board("80-63"))
    assert not may(long_an, Action.UNIT_VIEW_INTERNAL, board("74-63"))
    assert not may(long_an, Action.UNIT_EDIT, board("74-63"))


def test_a_leader_covers_the_units_below_the_granted_one() -> None:
    leader = persona("lanhdao.binhduong")
    committee = Unit.objects.get(code="TU-74-63")
    role_grant(actor=None, user=leader, role=Role.UNIT_LEADER, unit=committee)
    leader = persona("lanhdao.binhduong")  # a fresh object: grants are read once per user
    assert may(leader, Action.UNIT_APPROVE, board("74-63"))
    assert not may(leader, Action.UNIT_APPROVE, board("80-63"))


def test_only_the_leader_approves_for_the_unit() -> None:
    assert may(persona("lanhdao.binhduong"), Action.UNIT_APPROVE, board("74-63"))
    assert not may(persona("canbo.binhduong"), Action.UNIT_APPROVE, board("74-63"))
    assert may(persona("canbo.binhduong"), Action.UNIT_EDIT, board("74-63"))


def test_a_board_of_cluster_3_cannot_open_cluster_4_internal_pages() -> None:
    dak_lak = persona("canbo.daklak")
    assert may(dak_lak, Action.TERM_VIEW_INTERNAL, term(3, 2023))
    assert not may(dak_lak, Action.TERM_VIEW_INTERNAL, term(4, 2018))
    assert may(dak_lak, Action.TERM_VIEW, term(4, 2018))


def test_cluster_head_powers_come_from_the_head_and_deputy_units_of_that_year() -> None:
    assert may(persona("canbo.binhduong"), Action.TERM_MANAGE, term(4, 2018))
    assert may(persona("canbo.longan"), Action.TERM_MANAGE, term(4, 2018))  # deputy
    assert not may(persona("canbo.binhduong"), Action.TERM_MANAGE, term(4, 2017))  # no head yet
    assert not may(persona("canbo.daklak"), Action.TERM_MANAGE, term(4, 2018))


def test_an_observer_reads_but_never_writes() -> None:
    observer = persona("theodoi")
    department = Unit.objects.get(code="BTCTW-VDP3")
    assert may(observer, Action.UNIT_VIEW_INTERNAL, department)
    assert may(observer, Action.TERM_VIEW_INTERNAL, term(4, 2018))  # supervised by Vụ ĐP III
    assert not may(observer, Action.UNIT_EDIT, department)
    assert not may(observer, Action.TERM_MANAGE, term(4, 2018))
    assert not may(observer, Action.ORGS_MANAGE)
    assert not may(observer, Action.TERM_VIEW_INTERNAL, term(3, 2023))


def test_sector_roles() -> None:
    secretariat, council = persona("thuongtruc"), persona("hoidong")
    assert may(secretariat, Action.UNIT_VIEW_INTERNAL, board("74-63"))
    assert may(secretariat, Action.ORGS_MANAGE)
    assert may(council, Action.TERM_VIEW_INTERNAL, term(4, 2018))
    assert not may(council, Action.UNIT_EDIT, board("74-63"))
    assert not may(council, Action.ORGS_MANAGE)
    for user in (secretariat, council, persona("canbo.binhduong")):
        assert not may(user, Action.AUDIT_VIEW)
    assert may(persona("quantri"), Action.AUDIT_VIEW)


def test_a_signed_in_outsider_reads_the_directory_and_nothing_internal() -> None:
    outsider = persona("nguoingoai")  # an account without any role
    assert may(outsider, Action.UNIT_VIEW, board("74-63"))
    assert may(outsider, Action.TERM_VIEW, term(4, 2018))
    assert not may(outsider, Action.UNIT_VIEW_INTERNAL, board("74-63"))
    assert not may(outsider, Action.TERM_VIEW_INTERNAL, term(4, 2018))
    assert not may(outsider, Action.TERM_MANAGE, term(4, 2018))
    assert not may(outsider, Action.ORGS_MANAGE)


def test_anonymous_and_inactive_users_may_nothing() -> None:
    assert not may(AnonymousUser(), Action.UNIT_VIEW, board("74-63"))
    officer = persona("canbo.binhduong")
    officer.is_active = False
    assert not may(officer, Action.UNIT_EDIT, board("74-63"))


def test_a_grant_counts_only_from_its_first_day_whatever_day_was_asked_first() -> None:
    """``subject_of`` answers for the day it is asked about, even after it has read the
    grants of another day for the same user object."""
    grant = role_grant(
        actor=None, user=persona("canbo.longan"), role=Role.UNIT_LEADER, unit=board("80-63")
    )
    RoleGrant.objects.filter(pk=grant.pk).update(
        valid_from=dt.date(2025, 6, 1), valid_to=dt.date(2025, 12, 31)
    )
    before, during = dt.date(2025, 5, 31), dt.date(2025, 6, 1)
    for first, second in ((before, during), (during, before)):
        long_an = persona("canbo.longan")
        subject_of(long_an, today=first)
        leads = {
            day: Role.UNIT_LEADER in subject_of(long_an, today=day).unit_roles[board("80-63").pk]
            for day in (second, first)
        }
        assert leads == {before: False, during: True}


def test_grants_with_a_wrong_scope_are_refused() -> None:
    with pytest.raises(DomainError):
        role_grant(
            actor=None, user=persona("canbo.longan"), role=Role.SYSTEM_ADMIN, unit=board("80-63")
        )
    with pytest.raises(DomainError):
        role_grant(actor=None, user=persona("canbo.longan"), role=Role.UNIT_OFFICER)
    with pytest.raises(DomainError):
        role_grant(
            actor=None,
            user=persona("canbo.longan"),
            role=Role.UNIT_OFFICER,
            cluster_term=term(4, 2018),
        )


def _queries_to_check(cluster_term: ClusterTerm) -> int:
    observer = persona("canbo.daklak")
    prefetched = term_get_for(user=observer, pk=cluster_term.pk)  # members prefetched
    with CaptureQueriesContext(connection) as queries:
        assert not may(observer, Action.TERM_VIEW_INTERNAL, prefetched)
    return len(queries)


def test_checking_a_whole_term_costs_the_same_queries_with_2_or_6_members() -> None:
    outside = [board("66-63")]  # Đắk Lắk, whose officer asks
    small = cluster_term(50, 2019, boards_valid_in(2019, 2, exclude=outside))
    large = cluster_term(51, 2019, boards_valid_in(2019, 6, exclude=outside))
    assert len(members_of(small)) == 2
    assert len(members_of(large)) == 6
    assert _queries_to_check(small) == _queries_to_check(large) <= 4
