"""Every write to units, lineage and clusters: one transaction, one audit event."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record
from thidua.core.dates import date_text
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import (
    Cluster,
    ClusterMembership,
    ClusterTerm,
    OfficerChange,
    OfficerRole,
    Person,
    Position,
    Unit,
    UnitKind,
    UnitLineage,
)


def _unit_snapshot(unit: Unit) -> dict[str, Any]:
    return {
        "name": unit.name,
        "short_name": unit.short_name,
        "kind": unit.kind,
        "code": unit.code,
        "parent_id": unit.parent_id,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }


def _check_unit_fields(
    *, code: str, valid_from: dt.date | None, valid_to: dt.date | None, exclude_pk: int | None
) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError(
            _("Ngày hết hiệu lực (%(to)s) không được trước ngày bắt đầu hiệu lực (%(frm)s).")
            % {"to": date_text(valid_to), "frm": date_text(valid_from)},
            field="valid_to",
        )
    same_code = Unit.objects.filter(code=code)
    if exclude_pk is not None:
        same_code = same_code.exclude(pk=exclude_pk)
    if same_code.exists():
        raise DomainError(_("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code}, field="code")


def unit_create(
    *,
    actor: AbstractBaseUser | None,
    name: str,
    kind: UnitKind | str,
    code: str,
    short_name: str = "",
    parent: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Unit:
    name, code = name.strip(), code.strip()
    if not name or not code:
        raise DomainError(_("Tên và mã đơn vị là bắt buộc."))
    _check_unit_fields(code=code, valid_from=valid_from, valid_to=valid_to, exclude_pk=None)
    with transaction.atomic():
        unit = Unit(
            name=name,
            short_name=short_name.strip(),
            kind=kind,
            code=code,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        unit.save()
        audit_record(actor=actor, action="unit.create", obj=unit, after=_unit_snapshot(unit))
    return unit


def unit_update(*, actor: AbstractBaseUser | None, unit: Unit, **changes: Any) -> Unit:
    allowed = {"name", "short_name", "kind", "code", "parent", "valid_from", "valid_to"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(_("Không thể sửa trường: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    merged = {**_unit_snapshot(unit), **changes}
    _check_unit_fields(
        code=merged["code"],
        valid_from=merged["valid_from"],
        valid_to=merged["valid_to"],
        exclude_pk=unit.pk,
    )
    with transaction.atomic():
        locked = Unit.objects.select_for_update().get(pk=unit.pk)
        before = _unit_snapshot(locked)
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.save()
        audit_record(
            actor=actor,
            action="unit.update",
            obj=locked,
            before=before,
            after=_unit_snapshot(locked),
        )
    return locked


def lineage_add(
    *,
    actor: AbstractBaseUser | None,
    predecessor: Unit,
    successor: Unit,
    effective_date: dt.date,
    legal_basis: str,
) -> UnitLineage:
    if predecessor.pk == successor.pk:
        raise DomainError(_("Một đơn vị không thể kế thừa chính nó."))
    from thidua.orgs.selectors import lineage_of

    if any(step.unit.pk == successor.pk for step in lineage_of(predecessor).predecessors):
        raise DomainError(_("Quan hệ kế thừa này tạo thành vòng lặp."))
    with transaction.atomic():
        link, created = UnitLineage.objects.get_or_create(
            predecessor=predecessor,
            successor=successor,
            defaults={"effective_date": effective_date, "legal_basis": legal_basis},
        )
        if created:
            audit_record(
                actor=actor,
                action="lineage.add",
                obj=link,
                after={"effective_date": effective_date, "legal_basis": legal_basis},
            )
    return link


def cluster_create(
    *, actor: AbstractBaseUser | None, number: int, name: str, sector: str | None = None
) -> Cluster:
    with transaction.atomic():
        cluster = Cluster(number=number, name=name)
        if sector:
            cluster.sector = sector
        if Cluster.objects.filter(sector=cluster.sector, number=number).exists():
            raise DomainError(_("Cụm số %(n)s đã có trong ngành này.") % {"n": number})
        cluster.save()
        audit_record(actor=actor, action="cluster.create", obj=cluster, after={"name": name})
    return cluster


def _term_problems(
    *,
    cluster: Cluster,
    year: int,
    members: Sequence[Unit],
    head: Unit | None,
    deputies: Sequence[Unit],
    exclude_term: ClusterTerm | None,
) -> list[str]:
    problems: list[str] = []
    member_ids = {u.pk for u in members}
    if len(member_ids) != len(members):
        problems.append(_("Danh sách thành viên có đơn vị bị lặp."))
    for unit in members:
        if not unit.is_valid_in_year(year):
            problems.append(
                _("“%(unit)s” không còn hiệu lực trong năm %(year)s.")
                % {"unit": unit, "year": year}
            )
    taken = (
        ClusterMembership.objects.filter(sector=cluster.sector, year=year, unit__in=member_ids)
        .exclude(term=exclude_term)
        .select_related("unit", "term__cluster")
    )
    for membership in taken:
        problems.append(
            _("“%(unit)s” đã là thành viên của %(cluster)s năm %(year)s.")
            % {"unit": membership.unit, "cluster": membership.term.cluster, "year": year}
        )
    if head is not None and head.pk not in member_ids:
        problems.append(_("Cụm trưởng “%(unit)s” không phải thành viên của cụm.") % {"unit": head})
    for deputy in deputies:
        if deputy.pk not in member_ids:
            problems.append(
                _("Cụm phó “%(unit)s” không phải thành viên của cụm.") % {"unit": deputy}
            )
        if head is not None and deputy.pk == head.pk:
            problems.append(
                _("“%(unit)s” không thể vừa là cụm trưởng vừa là cụm phó.") % {"unit": deputy}
            )
    return problems


def cluster_term_create(
    *,
    actor: AbstractBaseUser | None,
    cluster: Cluster,
    year: int,
    members: Sequence[Unit],
    head: Unit | None = None,
    deputies: Sequence[Unit] = (),
    regulation: str = "",
    supervising_department: Unit | None = None,
    officer_decision: str = "",
    officer_decided_on: dt.date | None = None,
    illustrative_members: bool = False,
    note: str = "",
) -> ClusterTerm:
    """Create a cluster's term for a year with its members, head and deputies, all or nothing."""
    problems = _term_problems(
        cluster=cluster, year=year, members=members, head=head, deputies=deputies, exclude_term=None
    )
    if ClusterTerm.objects.filter(cluster=cluster, year=year).exists():
        problems.insert(
            0, _("%(cluster)s đã có nhiệm kỳ năm %(year)s.") % {"cluster": cluster, "year": year}
        )
    if (head or deputies) and not officer_decision.strip():
        problems.append(_("Cần ghi quyết định bầu hoặc chỉ định cụm trưởng, cụm phó."))
    if problems:
        raise ValidationFailedError(_("Không thể tạo nhiệm kỳ cụm."), {"term": problems})
    roles = {u.pk: OfficerRole.MEMBER for u in members}
    for deputy in deputies:
        roles[deputy.pk] = OfficerRole.DEPUTY
    if head is not None:
        roles[head.pk] = OfficerRole.HEAD
    with transaction.atomic():
        term = ClusterTerm.objects.create(
            cluster=cluster,
            year=year,
            regulation=regulation,
            supervising_department=supervising_department,
            note=note,
        )
        ClusterMembership.objects.bulk_create(
            ClusterMembership(
                term=term,
                unit=unit,
                role=roles[unit.pk],
                sector=cluster.sector,
                year=year,
                illustrative=illustrative_members,
            )
            for unit in members
        )
        OfficerChange.objects.bulk_create(
            OfficerChange(
                term=term,
                unit=unit,
                old_role=OfficerRole.MEMBER,
                new_role=roles[unit.pk],
                decision=officer_decision,
                decided_on=officer_decided_on,
            )
            for unit in members
            if roles[unit.pk] != OfficerRole.MEMBER
        )
        audit_record(
            actor=actor,
            action="cluster_term.create",
            obj=term,
            after={
                "members": sorted(roles),
                "head": head.pk if head else None,
                "deputies": [d.pk for d in deputies],
                "regulation": regulation,
                "decision": officer_decision,
            },
        )
    return term


def officer_change(
    *,
    actor: AbstractBaseUser | None,
    term: ClusterTerm,
    unit: Unit,
    new_role: OfficerRole,
    decision: str,
    decided_on: dt.date | None = None,
) -> OfficerChange:
    """Make a member head, deputy or plain member again, recording the decision."""
    if not decision.strip():
        raise DomainError(_("Cần ghi quyết định làm thay đổi cụm trưởng, cụm phó."))
    with transaction.atomic():
        memberships = ClusterMembership.objects.select_for_update().filter(term=term)
        membership = next((m for m in memberships if m.unit_id == unit.pk), None)
        if membership is None:
            raise DomainError(
                _("“%(unit)s” không phải thành viên của cụm năm %(year)s.")
                % {"unit": unit, "year": term.year}
            )
        if membership.role == new_role:
            raise DomainError(_("Đơn vị đã giữ vai trò này."))
        if new_role == OfficerRole.HEAD:
            for previous in memberships:
                if previous.role == OfficerRole.HEAD:
                    _set_role(term, previous, OfficerRole.MEMBER, decision, decided_on)
        change = _set_role(term, membership, new_role, decision, decided_on)
        audit_record(
            actor=actor,
            action="cluster_term.officer_change",
            obj=term,
            after={"unit": unit.pk, "new_role": new_role, "decision": decision},
        )
    return change


def _set_role(
    term: ClusterTerm,
    membership: ClusterMembership,
    role: OfficerRole,
    decision: str,
    decided_on: dt.date | None,
) -> OfficerChange:
    old_role = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    return OfficerChange.objects.create(
        term=term,
        unit_id=membership.unit_id,
        old_role=old_role,
        new_role=role,
        decision=decision,
        decided_on=decided_on,
    )


def person_create(
    *, actor: AbstractBaseUser | None, full_name: str, birth_year: int | None = None
) -> Person:
    if not full_name.strip():
        raise DomainError(_("Họ và tên là bắt buộc."))
    with transaction.atomic():
        person = Person(full_name=full_name.strip(), birth_year=birth_year)
        person.save()
        audit_record(actor=actor, action="person.create", obj=person, after={"name": full_name})
    return person


def position_add(
    *,
    actor: AbstractBaseUser | None,
    person: Person,
    unit: Unit,
    title: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Position:
    """A person's position in a unit over a period (for users now, individual awards later)."""
    if valid_from and valid_to and valid_to < valid_from:
        raise DomainError(_("Ngày thôi giữ chức vụ không được trước ngày bắt đầu."))
    if not title.strip():
        raise DomainError(_("Chức vụ là bắt buộc."))
    with transaction.atomic():
        position = Position.objects.create(
            person=person, unit=unit, title=title.strip(), valid_from=valid_from, valid_to=valid_to
        )
        audit_record(
            actor=actor,
            action="position.add",
            obj=position,
            after={
                "person": person.pk,
                "unit": unit.pk,
                "title": title,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
    return position
