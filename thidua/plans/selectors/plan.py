"""Reads of a plan, its stages and its scale versions.

A plan, its stages and its scale are open to every signed-in official of the sector; one who
is not signed in is refused (``Vui lòng đăng nhập.``), whether asking for the list or for one
plan, and the API answers such a caller 401 before it gets here. What a member prepares is
read in ``registration``.
"""

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may, subject_of
from thidua.core.access import require_signed_in
from thidua.core.errors import DomainError, NotFoundError
from thidua.orgs.models import ClusterMembership, ClusterTerm
from thidua.orgs.selectors import term_list_for
from thidua.plans.models import Plan, RegistrationStatus, Scale


def plan_list_for(*, user: User | AnonymousUser, year: int | None = None) -> QuerySet[Plan]:
    require_signed_in(user)
    # Newest year first, then by cluster: one order for the page (a year at a time) and the API.
    plans = Plan.objects.select_related("term__cluster").order_by(
        "-year", "term__cluster__number", "id"
    )
    return plans.filter(year=year) if year else plans


def terms_manageable_for(*, user: User | AnonymousUser, year: int | None) -> list[ClusterTerm]:
    """The terms of a year whose head powers the user holds: where they may create a plan."""
    if year is None:
        return []
    return [t for t in term_list_for(user=user, year=year) if may(user, Action.TERM_MANAGE, t)]


def plan_get_for(*, user: User | AnonymousUser, pk: int) -> Plan:
    """The plan with its term, members, stages, key tasks and scale versions in a fixed number
    of queries."""
    require_signed_in(user)
    plan = (
        Plan.objects.select_related(
            "term__cluster", "term__supervising_department", "covenant", "adopted_from"
        )
        .prefetch_related(
            Prefetch(
                "term__memberships",
                queryset=ClusterMembership.objects.select_related("unit").order_by(
                    "unit__sort_key"
                ),
            ),
            "deadlines",
            "task_groups",
            "scales",
        )
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise NotFoundError(_("Không tìm thấy kế hoạch."))
    if plan.term is not None:
        # One query per level of the unit tree for all members together, instead of one walk
        # per member when the page asks what the user may do for each of them.
        subject_of(user).ancestries([m.unit for m in plan.term.memberships.all()])
    return plan


def members_of(plan: Plan) -> list[ClusterMembership]:
    return list(plan.term.memberships.all()) if plan.term else []


def latest_scale(plan: Plan) -> Scale | None:
    """The newest version, draft or frozen: the one the builder works on."""
    scales = list(plan.scales.all())
    return max(scales, key=lambda s: s.version) if scales else None


def scale_in_view(plan: Plan) -> Scale | None:
    return current_scale(list(plan.scales.all()))


def stage_is_open(plan: Plan, stage: str, *, now: dt.datetime | None = None) -> bool:
    """A stage takes writes while it is the plan's stage and its deadline has not passed."""
    if plan.stage != stage:
        return False
    deadline = next((d for d in plan.deadlines.all() if d.stage == stage), None)
    return deadline is None or (now or timezone.now()) <= deadline.due


def current_scale(plan_scales: Sequence[Scale]) -> Scale | None:
    """The newest frozen version, or the draft when nothing is frozen yet."""
    frozen = [s for s in plan_scales if s.is_frozen]
    pool = frozen or list(plan_scales)
    return max(pool, key=lambda s: s.version) if pool else None


def scale_in_force(plan: Plan) -> Scale:
    """The scale assessments are made against; refuses a plan whose scale is not issued yet."""
    scale = current_scale(list(plan.scales.all()))
    if scale is None or not scale.is_frozen:
        raise DomainError(_("Thang điểm chưa được ban hành."))
    return scale


def peer_target_ids(plan: Plan) -> set[int]:
    """The members peers score: those that sent their registration (submitted, accepted, or
    returned after sending) and those the head included anyway. Kept on the plan object for
    the request: a page asks it once per sheet."""
    cached: set[int] | None = getattr(plan, "_peer_target_ids", None)
    if cached is None:
        registered = plan.registrations.exclude(status=RegistrationStatus.DRAFT).values_list(
            "unit_id", flat=True
        )
        included = plan.peer_inclusions.values_list("unit_id", flat=True)
        cached = set(registered) | set(included)
        plan._peer_target_ids = cached  # type: ignore[attr-defined]
    return cached


def never_registered(plan: Plan) -> list[ClusterMembership]:
    """Members that never sent a registration, with whether the head included them."""
    sent = set(
        plan.registrations.exclude(status=RegistrationStatus.DRAFT).values_list(
            "unit_id", flat=True
        )
    )
    return [m for m in members_of(plan) if m.unit_id not in sent]
