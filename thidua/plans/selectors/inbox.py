"""What waits on a person in the plans they serve: registering, signing the covenant, (for the
cluster head and deputies) accepting or returning the members' registrations, and (for a
board's leader) approving the lists its units' officers prepared.

A person serves a unit through a staff grant (leader or officer) on it or on a unit above it,
exactly as the policy's ``UNIT_EDIT`` answers; the sector-wide roles are not a member's staff
and see no member's work here, nor does the administrator, who may do everything but is asked
for nothing. The plans are read with everything the answer needs in a fixed number of queries,
whatever the number of plans, members and registrations (``plans_served_by``), and the floor
above (scoring) reads its own work through the same function.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.accounts.models import Role, User
from thidua.accounts.policy import STAFF_ROLES, Subject, subject_of
from thidua.core.access import signed_in
from thidua.core.inbox import InboxItem, InboxKind
from thidua.orgs.models import ClusterMembership, OfficerRole, Unit
from thidua.plans.models import Plan, PlanStage, RegistrationStatus, UnitEmulationList

# The stages in which a plan asks something of its members: after the draft, before publication.
ACTIVE_STAGES = (
    PlanStage.REGISTRATION,
    PlanStage.MID_YEAR,
    PlanStage.SELF_ASSESSMENT,
    PlanStage.PEER_ASSESSMENT,
    PlanStage.EXPLANATION,
)
LEADER = {Role.UNIT_LEADER}


@dataclass
class ServedPlan:
    """A plan with what the reader does in it: the members they prepare for (officers and
    leaders), those they submit for (leaders), whether their own board holds the cluster's
    office (head or deputy) and whether they staff its supervising department."""

    plan: Plan
    prepares: list[Unit] = field(default_factory=list)
    submits: set[int] = field(default_factory=set)
    holds_office: bool = False
    supervises: bool = False

    def deadline(self, stage: str) -> dt.datetime | None:
        return next((d.due for d in self.plan.deadlines.all() if d.stage == stage), None)

    @property
    def involved(self) -> bool:
        return bool(self.prepares or self.holds_office or self.supervises)


def plans_served_by(
    *,
    user: User | AnonymousUser,
    stages: Sequence[str] = ACTIVE_STAGES,
    prefetch: Sequence[str | Prefetch[Any]] = (),
) -> list[ServedPlan]:
    """The plans in ``stages`` in which the user has something to do, each with the user's part;
    ``prefetch`` adds what the caller reads of every plan (its sheets, its disputes)."""
    if not signed_in(user):
        return []
    subject = subject_of(user)
    staffed = subject.units_with(STAFF_ROLES)
    if not staffed:
        return []
    members = ClusterMembership.objects.select_related("unit").order_by("unit__sort_key")
    plans = list(
        Plan.objects.filter(stage__in=stages, term__isnull=False)
        .select_related("term__supervising_department")
        .prefetch_related(Prefetch("term__memberships", queryset=members), "deadlines", *prefetch)
        .order_by("year", "term__cluster__number", "pk")
    )
    units: dict[int, Unit] = {}
    for plan in plans:
        assert plan.term is not None  # noqa: S101 (filtered above)
        units.update({m.unit_id: m.unit for m in plan.term.memberships.all()})
        department = plan.term.supervising_department
        if department is not None:
            units[department.pk] = department
    # One query per level of the unit tree for every member of every plan together.
    subject.ancestries(list(units.values()))
    served = [_served(subject, plan, staffed) for plan in plans]
    return [s for s in served if s.involved]


def _served(subject: Subject, plan: Plan, staffed: set[int]) -> ServedPlan:
    assert plan.term is not None  # noqa: S101 (plans_served_by reads only a term's plans)
    memberships = list(plan.term.memberships.all())
    department = plan.term.supervising_department
    return ServedPlan(
        plan=plan,
        prepares=[m.unit for m in memberships if subject.covers(m.unit, STAFF_ROLES)],
        submits={m.unit_id for m in memberships if subject.covers(m.unit, LEADER)},
        # As the policy's holds_office_in: a direct staff grant on the head or a deputy board.
        holds_office=any(
            m.role != OfficerRole.MEMBER and m.unit_id in staffed for m in memberships
        ),
        supervises=department is not None and subject.covers(department, STAFF_ROLES),
    )


# What ``plan_inbox_for`` reads of every plan beyond the plan itself.
PLAN_PREFETCH = ("registrations", "covenant__signatures")


def plan_inbox_for(
    *, user: User | AnonymousUser, served: list[ServedPlan] | None = None
) -> list[InboxItem]:
    """Registrations to prepare or send, covenants to sign, registrations to decide.
    ``served``: the plans as ``plans_served_by`` read them with ``PLAN_PREFETCH``, when the
    caller reads them once for several apps."""
    if served is None:
        served = plans_served_by(user=user, prefetch=PLAN_PREFETCH)
    items: list[InboxItem] = unit_lists_to_approve(user=user)
    for entry in served:
        items += _registration_items(entry)
        items += _covenant_items(entry)
        items += _decision_items(entry)
    return items


def _registration_items(entry: ServedPlan) -> list[InboxItem]:
    plan = entry.plan
    if plan.stage != PlanStage.REGISTRATION:
        return []
    status = {r.unit_id: r.status for r in plan.registrations.all()}
    due = entry.deadline(PlanStage.REGISTRATION)
    items = []
    for unit in entry.prepares:
        current = status.get(unit.pk, RegistrationStatus.DRAFT)
        names = {"unit": unit.name, "plan": plan.title}
        if current == RegistrationStatus.RETURNED:
            text = _("Đăng ký thi đua của %(unit)s bị trả lại: sửa và gửi lại (%(plan)s)") % names
        elif current != RegistrationStatus.DRAFT:
            continue
        elif unit.pk in entry.submits:
            text = _("Gửi đăng ký thi đua của %(unit)s (%(plan)s)") % names
        else:
            text = _("Soạn đăng ký thi đua của %(unit)s (%(plan)s)") % names
        items.append(
            InboxItem(
                key=f"plans.registration:{plan.pk}:{unit.pk}",
                kind=InboxKind.REGISTER,
                text=text,
                deadline=due,
                url_name="plans:registration",
                url_args=(plan.pk,),
                query=f"don_vi={unit.pk}",
                unit_id=unit.pk,
            )
        )
    return items


def _covenant_items(entry: ServedPlan) -> list[InboxItem]:
    """The leader signs; the covenant is due by the end of the mid-year stage, when the head
    checks who has not signed before moving on."""
    plan = entry.plan
    covenant = getattr(plan, "covenant", None)
    if covenant is None:
        return []
    signed = {s.unit_id for s in covenant.signatures.all()}
    return [
        InboxItem(
            key=f"plans.covenant:{plan.pk}:{unit.pk}",
            kind=InboxKind.SIGN,
            text=_("Ký giao ước thi đua cho %(unit)s (%(plan)s)")
            % {"unit": unit.name, "plan": plan.title},
            deadline=entry.deadline(PlanStage.MID_YEAR),
            url_name="plans:covenant",
            url_args=(plan.pk,),
            unit_id=unit.pk,
        )
        for unit in entry.prepares
        if unit.pk in entry.submits and unit.pk not in signed
    ]


def _decision_items(entry: ServedPlan) -> list[InboxItem]:
    plan = entry.plan
    if not entry.holds_office:
        return []
    waiting = sum(1 for r in plan.registrations.all() if r.status == RegistrationStatus.SUBMITTED)
    if not waiting:
        return []
    return [
        InboxItem(
            key=f"plans.registration_decide:{plan.pk}",
            kind=InboxKind.DECIDE,
            text=ngettext(
                "%(n)s đăng ký thi đua chờ chấp nhận hoặc trả lại (%(plan)s)",
                "%(n)s đăng ký thi đua chờ chấp nhận hoặc trả lại (%(plan)s)",
                waiting,
            )
            % {"n": waiting, "plan": plan.title},
            deadline=None,
            url_name="plans:registration",
            url_args=(plan.pk,),
        )
    ]


def unit_lists_to_approve(*, user: User | AnonymousUser) -> list[InboxItem]:
    """Inside a board: the lists of what a unit's staff register, prepared by its officers and
    waiting for its leader's approval (of this year or the last; older drafts are history).
    One query for the lists, one per level of the unit tree for their units."""
    if not signed_in(user):
        return []
    subject = subject_of(user)
    if not subject.units_with(LEADER):
        return []
    since = timezone.localdate().year - 1
    drafts = list(
        UnitEmulationList.objects.filter(
            status=RegistrationStatus.DRAFT, year__gte=since, entries__isnull=False
        )
        .distinct()
        .select_related("unit")
        .order_by("year", "unit__sort_key")
    )
    subject.ancestries([d.unit for d in drafts])
    return [
        InboxItem(
            key=f"plans.unit_list:{draft.unit_id}:{draft.year}",
            kind=InboxKind.DECIDE,
            text=_("Duyệt danh sách đăng ký thi đua năm %(year)s của %(unit)s")
            % {"year": draft.year, "unit": draft.unit.name},
            deadline=None,
            url_name="plans:unit_list",
            url_args=(draft.unit_id, draft.year),
            unit_id=draft.unit_id,
        )
        for draft in drafts
        if subject.covers(draft.unit, LEADER)
    ]
