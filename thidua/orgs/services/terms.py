"""Adjusting a term once it exists (after a rollover, or during the year): its regulation and
supervising department, a member added or removed. Head and deputies change through
``officer_change``, which records the decision that made them.

The checks are those of ``cluster_term_create`` (a unit in force that year, in one cluster of
the sector per year), each refusal in Vietnamese; every change is one transaction with its audit
event. Who may adjust a term is the caller's policy check (orgs sits below accounts).
"""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import ClusterMembership, ClusterTerm, OfficerRole, Unit, UnitKind
from thidua.orgs.services import _term_problems

MAX_REGULATION = 400


def _term_snapshot(term: ClusterTerm) -> dict[str, object]:
    return {
        "regulation": term.regulation,
        "supervising_department": term.supervising_department_id,
        "note": term.note,
    }


def cluster_term_update(
    *,
    actor: AbstractBaseUser | None,
    term: ClusterTerm,
    regulation: str,
    supervising_department: Unit | None,
    note: str,
) -> ClusterTerm:
    """Change the regulation, the supervising department and the note of a term."""
    regulation = regulation.strip()
    if len(regulation) > MAX_REGULATION:
        raise DomainError(
            _("Quy chế tối đa %(n)s ký tự.") % {"n": MAX_REGULATION}, field="regulation"
        )
    if supervising_department is not None:
        if supervising_department.kind != UnitKind.COMMISSION_DEPARTMENT:
            raise DomainError(
                _("Vụ theo dõi phải là một vụ, đơn vị thuộc Ban Tổ chức Trung ương."),
                field="supervising_department",
            )
        if not supervising_department.is_valid_in_year(term.year):
            raise DomainError(
                _("“%(unit)s” không còn hiệu lực trong năm %(year)s.")
                % {"unit": supervising_department, "year": term.year},
                field="supervising_department",
            )
    with transaction.atomic():
        locked = ClusterTerm.objects.select_for_update().get(pk=term.pk)
        before = _term_snapshot(locked)
        locked.regulation = regulation
        locked.supervising_department = supervising_department
        locked.note = note.strip()
        after = _term_snapshot(locked)
        if after == before:
            raise DomainError(_("Không có gì thay đổi."))
        locked.save(update_fields=["regulation", "supervising_department", "note"])
        audit_record(
            actor=actor, action="cluster_term.update", obj=locked, before=before, after=after
        )
    return locked


def term_member_add(
    *, actor: AbstractBaseUser | None, term: ClusterTerm, unit: Unit
) -> ClusterMembership:
    """Add a unit to the term as a plain member (an office comes through ``officer_change``)."""
    with transaction.atomic():
        # The term's row lock orders concurrent changes to its members; the database's unique
        # constraint (one cluster per sector and year) settles a race with another term.
        locked = ClusterTerm.objects.select_for_update().select_related("cluster").get(pk=term.pk)
        if ClusterMembership.objects.filter(term=locked, unit=unit).exists():
            raise DomainError(
                _("“%(unit)s” đã là thành viên của cụm năm %(year)s.")
                % {"unit": unit, "year": locked.year},
                field="unit",
            )
        problems = _term_problems(
            cluster=locked.cluster,
            year=locked.year,
            members=[unit],
            head=None,
            deputies=(),
            exclude_term=locked,
        )
        if problems:
            raise ValidationFailedError(_("Không thêm được thành viên."), {"unit": problems})
        membership = ClusterMembership.objects.create(
            term=locked,
            unit=unit,
            role=OfficerRole.MEMBER,
            sector=locked.cluster.sector,
            year=locked.year,
        )
        audit_record(
            actor=actor,
            action="cluster_term.member_add",
            obj=locked,
            after={"unit": unit.pk, "unit_name": unit.name},
        )
    return membership


def term_member_remove(
    *, actor: AbstractBaseUser | None, term: ClusterTerm, unit: Unit, reason: str
) -> None:
    """Take a unit out of the term. Its head or deputies first hand their office over (through
    ``officer_change``, with its decision), and a unit that has registered in one of the term's
    plans stays: its registration and scores belong to this term."""
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do bỏ thành viên khỏi cụm."), field="reason")
    with transaction.atomic():
        locked = ClusterTerm.objects.select_for_update().get(pk=term.pk)
        membership = ClusterMembership.objects.filter(term=locked, unit=unit).first()
        if membership is None:
            raise DomainError(
                _("“%(unit)s” không phải thành viên của cụm năm %(year)s.")
                % {"unit": unit, "year": locked.year},
                field="unit",
            )
        if membership.role != OfficerRole.MEMBER:
            raise DomainError(
                _(
                    "“%(unit)s” đang là %(role)s; hãy ghi thay đổi cụm trưởng, cụm phó "
                    "(kèm quyết định) trước khi bỏ khỏi cụm."
                )
                % {"unit": unit, "role": membership.get_role_display().lower()},
                field="unit",
            )
        # Plans sit above orgs: the reverse relation is asked by name, without importing them.
        if locked.plans.filter(registrations__unit=unit).exists():
            raise DomainError(
                _(
                    "“%(unit)s” đã đăng ký thi đua trong kế hoạch của cụm năm %(year)s; "
                    "không bỏ khỏi cụm được."
                )
                % {"unit": unit, "year": locked.year},
                field="unit",
            )
        membership.delete()
        audit_record(
            actor=actor,
            action="cluster_term.member_remove",
            obj=locked,
            before={"unit": unit.pk, "unit_name": unit.name, "role": membership.role},
            after={"reason": reason.strip()},
        )
