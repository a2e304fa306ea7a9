"""Reads of what the members of a plan prepare, always for a user: registrations, the
covenant's signatures and the lists kept inside a board.

They are internal: the cluster's head, the sector's secretariat and council and the supervising
department see every member's; a member's own staff see their own.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import SECTOR_WIDE_ROLES, User
from thidua.accounts.policy import Action, may, subject_of
from thidua.core.access import require_signed_in
from thidua.core.errors import NotFoundError, PermissionDeniedError
from thidua.orgs.models import ClusterMembership, Unit
from thidua.plans import access
from thidua.plans.models import (
    AimedTitle,
    CovenantSignature,
    Criterion,
    CriterionKind,
    Plan,
    Registration,
    Scale,
    UnitEmulationEntry,
    UnitEmulationList,
)
from thidua.plans.selectors.plan import members_of, scale_in_view


def _refuse_outsider() -> PermissionDeniedError:
    return PermissionDeniedError(_("Trang này chỉ dành cho thành viên của cụm."))


def _sees_every_member(user: User | AnonymousUser, plan: Plan) -> bool:
    """The head, the sector's secretariat and council, and the supervising department."""
    if access.may_manage(user, plan):
        return True
    if subject_of(user).sector_roles & SECTOR_WIDE_ROLES:
        return True
    department = plan.term.supervising_department if plan.term else None
    return department is not None and may(user, Action.UNIT_VIEW_INTERNAL, department)


@dataclass
class RegistrationRow:
    membership: ClusterMembership
    registration: Registration | None
    target_cells: list[Decimal | None]
    not_applicable: set[int]
    may_prepare: bool
    # A refused decision on this row, shown beside it with what the head had typed.
    errors: list[str] = field(default_factory=list)
    kept_reason: str = ""

    @property
    def unit(self) -> Unit:
        return self.membership.unit

    @property
    def title_labels(self) -> list[str]:
        titles = self.registration.titles if self.registration else []
        return [str(AimedTitle(t).label) for t in titles if t in AimedTitle.values]


@dataclass
class RegistrationBoard:
    plan: Plan
    scale: Scale | None
    target_criteria: list[Criterion]
    leaf_criteria: list[Criterion]
    rows: list[RegistrationRow]
    sees_all: bool
    may_manage: bool
    preparable: list[Unit] = field(default_factory=list)

    def row_of(self, unit_id: int) -> RegistrationRow | None:
        return next((r for r in self.rows if r.unit.pk == unit_id), None)


def registration_board_for(*, user: User | AnonymousUser, plan: Plan) -> RegistrationBoard:
    """Every member's registration for those who see all; a member's staff see their own."""
    sees_all = _sees_every_member(user, plan)
    memberships = members_of(plan)
    preparable = [m.unit for m in memberships if access.may_prepare_for(user, plan, m.unit)]
    visible = [
        m
        for m in memberships
        if sees_all or m.unit in preparable or may(user, Action.UNIT_VIEW_INTERNAL, m.unit)
    ]
    if not visible:
        raise _refuse_outsider()
    scale = scale_in_view(plan)
    criteria = (
        list(scale.criteria.select_related("indicator").order_by("position", "id"))
        if scale is not None
        else []
    )
    targets = [c for c in criteria if c.kind == CriterionKind.TARGET]
    registrations = {
        r.unit_id: r
        for r in Registration.objects.filter(plan=plan, unit__in=[m.unit for m in visible])
        .select_related("submitted_by", "decided_by")
        .prefetch_related("items")
    }
    rows = []
    for membership in visible:
        registration = registrations.get(membership.unit_id)
        items = {i.criterion_id: i for i in registration.items.all()} if registration else {}
        rows.append(
            RegistrationRow(
                membership=membership,
                registration=registration,
                target_cells=[items[c.pk].target if c.pk in items else None for c in targets],
                not_applicable={k for k, i in items.items() if i.not_applicable},
                may_prepare=membership.unit in preparable,
            )
        )
    return RegistrationBoard(
        plan=plan,
        scale=scale,
        target_criteria=targets,
        leaf_criteria=[c for c in criteria if c.is_leaf],
        rows=rows,
        sees_all=sees_all,
        may_manage=access.may_manage(user, plan),
        preparable=preparable,
    )


def registration_get_for(*, user: User | AnonymousUser, plan: Plan, pk: int) -> Registration:
    registration = Registration.objects.select_related("unit").filter(plan=plan, pk=pk).first()
    if registration is None:
        raise NotFoundError(_("Không tìm thấy bản đăng ký."))
    registration.plan = plan  # keeps the members and grants read once for this request
    return registration


@dataclass
class CovenantBoard:
    signatures: list[CovenantSignature]
    unsigned: list[Unit]
    signable: list[Unit]
    may_manage: bool


def covenant_board_for(*, user: User | AnonymousUser, plan: Plan) -> CovenantBoard:
    """Who signed and who has not; the covenant is the cluster's own document."""
    if not access.may_view_internal(user, plan):
        raise _refuse_outsider()
    covenant = getattr(plan, "covenant", None)
    signatures: list[CovenantSignature] = []
    if covenant is not None:
        signatures = list(covenant.signatures.select_related("unit", "signed_by"))
    signed = {s.unit_id for s in signatures}
    unsigned = [m.unit for m in members_of(plan) if m.unit_id not in signed]
    signable = [u for u in unsigned if access.may_submit_for(user, plan, u)] if covenant else []
    return CovenantBoard(
        signatures=signatures,
        unsigned=unsigned,
        signable=signable,
        may_manage=access.may_manage(user, plan),
    )


def unit_get_for(*, user: User | AnonymousUser, pk: int) -> Unit:
    require_signed_in(user)
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None:
        raise NotFoundError(_("Không tìm thấy đơn vị."))
    return unit


@dataclass
class EmulationListView:
    unit: Unit
    year: int
    emulation_list: UnitEmulationList | None
    entries: list[UnitEmulationEntry]
    may_edit: bool
    may_approve: bool
    approved_by: User | None = None


def emulation_list_for(*, user: User | AnonymousUser, unit: Unit, year: int) -> EmulationListView:
    """A unit's list of what its staff register, for the unit's own line of authority."""
    if not may(user, Action.UNIT_VIEW_INTERNAL, unit):
        raise PermissionDeniedError(_("Danh sách đăng ký thi đua chỉ dành cho đơn vị."))
    emulation_list = (
        UnitEmulationList.objects.select_related("approved_by")
        .prefetch_related("entries")
        .filter(unit=unit, year=year)
        .first()
    )
    return EmulationListView(
        unit=unit,
        year=year,
        emulation_list=emulation_list,
        entries=list(emulation_list.entries.all()) if emulation_list else [],
        may_edit=may(user, Action.UNIT_EDIT, unit),
        may_approve=may(user, Action.UNIT_APPROVE, unit),
        approved_by=emulation_list.approved_by if emulation_list else None,
    )
