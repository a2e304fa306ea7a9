"""Who may do what on a plan, built on the policy of ``accounts``.

A plan's head powers are the cluster term's (the head and deputy boards, and the secretariat);
a member board prepares its own registration and assessments (officers) and submits them
(leaders); the supervising department appraises.
"""

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.core.access import forbidden
from thidua.orgs.models import Unit
from thidua.plans.models import Plan


def member_ids(plan: Plan) -> set[int]:
    if plan.term is None:
        return set()
    return {m.unit_id for m in plan.term.memberships.all()}


def is_member(plan: Plan, unit: Unit) -> bool:
    return unit.pk in member_ids(plan)


def may_manage(user: User | AnonymousUser, plan: Plan) -> bool:
    if plan.term is None:
        return may(user, Action.ORGS_MANAGE)
    return may(user, Action.TERM_MANAGE, plan.term)


def may_view_internal(user: User | AnonymousUser, plan: Plan) -> bool:
    if plan.term is None:
        return may(user, Action.ORGS_MANAGE)
    return may(user, Action.TERM_VIEW_INTERNAL, plan.term)


def may_supervise(user: User | AnonymousUser, plan: Plan) -> bool:
    department = plan.term.supervising_department if plan.term else None
    return department is not None and may(user, Action.UNIT_EDIT, department)


def may_prepare_for(user: User | AnonymousUser, plan: Plan, unit: Unit) -> bool:
    return is_member(plan, unit) and may(user, Action.UNIT_EDIT, unit)


def may_submit_for(user: User | AnonymousUser, plan: Plan, unit: Unit) -> bool:
    return is_member(plan, unit) and may(user, Action.UNIT_APPROVE, unit)


def require_manage(user: User | AnonymousUser, plan: Plan) -> None:
    if not may_manage(user, plan):
        raise forbidden()


def require_prepare_for(user: User | AnonymousUser, plan: Plan, unit: Unit) -> None:
    if not may_prepare_for(user, plan, unit):
        raise forbidden()


def require_submit_for(user: User | AnonymousUser, plan: Plan, unit: Unit) -> None:
    if not may_submit_for(user, plan, unit):
        raise forbidden()
