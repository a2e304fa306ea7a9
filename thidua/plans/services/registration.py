"""Registration of targets and titles, the covenant, and the emulation lists inside a board."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, require
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.locks import share_lock
from thidua.core.workflow import transition_check, transition_record
from thidua.orgs.models import Person, Unit
from thidua.plans import access
from thidua.plans.models import (
    COLLECTIVE_TITLES,
    AimedTitle,
    Covenant,
    CovenantSignature,
    CriterionKind,
    Plan,
    PlanStage,
    Registration,
    RegistrationItem,
    RegistrationStatus,
    UnitEmulationEntry,
    UnitEmulationList,
)
from thidua.plans.selectors.plan import current_scale
from thidua.plans.services.plan import require_stage_open
from thidua.plans.workflow import SUBMISSION_MOVES

_LABELS = dict(RegistrationStatus.choices)


def _move(obj: Registration, target: str, *, by: User, reason: str = "") -> str:
    transition_check(SUBMISSION_MOVES, obj.status, target, labels=_LABELS)
    before = str(obj.status)
    obj.status = target
    transition_record(obj=obj, from_status=before, to_status=target, by=by, reason=reason)
    return before


def _lock(registration: Registration) -> None:
    """Hold the plan's stage (shared) and the registration, then read both again: a second
    click, or the head's decision, may have moved it since it was read."""
    share_lock(Plan, registration.plan_id)
    registration.refresh_from_db(
        from_queryset=Registration.objects.select_for_update(of=("self",)).select_related("plan")
    )


def _missing_targets(registration: Registration) -> list[str]:
    """The codes of the target criteria of the current scale that have no target yet."""
    scale = current_scale(list(registration.plan.scales.all()))
    needed = [c for c in scale.criteria.all() if c.kind == CriterionKind.TARGET] if scale else []
    have = {
        i.criterion_id for i in registration.items.all() if i.target is not None or i.not_applicable
    }
    return [c.code for c in needed if c.pk not in have]


def registration_save(
    *,
    actor: User,
    plan: Plan,
    unit: Unit,
    titles: Sequence[str],
    targets: Mapping[int, Decimal | None],
    note: str = "",
) -> Registration:
    """Save a member's draft: titles aimed for and a target per target criterion."""
    access.require_prepare_for(actor, plan, unit)
    require_stage_open(plan, PlanStage.REGISTRATION)
    scale = current_scale(list(plan.scales.all()))
    target_codes = (
        {c.pk: c.code for c in scale.criteria.all() if c.kind == CriterionKind.TARGET}
        if scale
        else {}
    )
    problems: dict[str, list[str]] = {}
    bad_titles = [t for t in titles if t not in AimedTitle.values]
    if bad_titles:
        problems["titles"] = [_("Danh hiệu không hợp lệ: %(t)s.") % {"t": ", ".join(bad_titles)}]
    personal = [
        str(AimedTitle(t).label)
        for t in titles
        if t in AimedTitle.values and t not in COLLECTIVE_TITLES
    ]
    if personal:
        problems.setdefault("titles", []).append(
            _("Danh hiệu dành cho cá nhân, không đăng ký cho tập thể: %(t)s.")
            % {"t": ", ".join(personal)}
        )
    for criterion_id, target in targets.items():
        code = target_codes.get(criterion_id)
        if code is None:
            problems.setdefault("targets", []).append(
                _("Chỉ tiêu chỉ đăng ký cho tiêu chí so với chỉ tiêu của thang điểm hiện hành.")
            )
        elif target is not None and target <= 0:
            problems.setdefault(f"targets.{code}", []).append(
                _("Chỉ tiêu của tiêu chí %(code)s phải lớn hơn 0.") % {"code": code}
            )
    if problems:
        raise ValidationFailedError(_("Đăng ký chưa hợp lệ."), problems)
    with transaction.atomic():
        share_lock(Plan, plan.pk)
        require_stage_open(Plan.objects.get(pk=plan.pk), PlanStage.REGISTRATION)
        registration, _created = Registration.objects.select_for_update().get_or_create(
            plan=plan, unit=unit
        )
        if registration.status not in {RegistrationStatus.DRAFT, RegistrationStatus.RETURNED}:
            raise DomainError(_("Đăng ký đã gửi; chỉ sửa được khi bị trả lại."))
        registration.titles = list(dict.fromkeys(titles))
        registration.note = note.strip()
        registration.save()
        for criterion_id, target in targets.items():
            RegistrationItem.objects.update_or_create(
                registration=registration, criterion_id=criterion_id, defaults={"target": target}
            )
        audit_record(
            actor=actor,
            action="registration.save",
            obj=registration,
            after={
                "titles": registration.titles,
                "targets": {str(k): v for k, v in targets.items()},
            },
        )
    return registration


def registration_submit(*, actor: User, registration: Registration) -> Registration:
    plan = registration.plan
    access.require_submit_for(actor, plan, registration.unit)
    require_stage_open(plan, PlanStage.REGISTRATION)
    with transaction.atomic():
        _lock(registration)
        require_stage_open(registration.plan, PlanStage.REGISTRATION)
        missing = _missing_targets(registration)
        if missing:
            raise ValidationFailedError(
                _("Chưa đăng ký chỉ tiêu cho các tiêu chí: %(codes)s.")
                % {"codes": ", ".join(missing)},
                {
                    f"targets.{code}": [
                        _("Chưa đăng ký chỉ tiêu cho tiêu chí %(code)s.") % {"code": code}
                    ]
                    for code in missing
                },
            )
        before = _move(registration, RegistrationStatus.SUBMITTED, by=actor)
        registration.submitted_by, registration.submitted_at = actor, timezone.now()
        registration.save()
        audit_record(
            actor=actor,
            action="registration.submit",
            obj=registration,
            before={"status": before},
            after={"status": registration.status},
        )
    return registration


def registration_accept(
    *, actor: User, registration: Registration, not_applicable: Sequence[int] = ()
) -> Registration:
    """The head accepts, and records which criteria do not apply to this member."""
    access.require_manage(actor, registration.plan)
    with transaction.atomic():
        _lock(registration)
        before = _move(registration, RegistrationStatus.ACCEPTED, by=actor)
        registration.decided_by, registration.decided_at = actor, timezone.now()
        registration.return_reason = ""
        registration.save()
        for criterion_id in not_applicable:
            RegistrationItem.objects.update_or_create(
                registration=registration,
                criterion_id=criterion_id,
                defaults={"not_applicable": True},
            )
        audit_record(
            actor=actor,
            action="registration.accept",
            obj=registration,
            before={"status": before},
            after={"status": registration.status, "not_applicable": list(not_applicable)},
        )
    return registration


def registration_return(*, actor: User, registration: Registration, reason: str) -> Registration:
    access.require_manage(actor, registration.plan)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do trả lại."), field="reason")
    with transaction.atomic():
        _lock(registration)
        before = _move(registration, RegistrationStatus.RETURNED, by=actor, reason=reason)
        registration.decided_by, registration.decided_at = actor, timezone.now()
        registration.return_reason = reason
        registration.save()
        audit_record(
            actor=actor,
            action="registration.return",
            obj=registration,
            before={"status": before},
            after={"status": registration.status, "reason": reason},
        )
    return registration


def covenant_open(*, actor: User, plan: Plan, title: str, text: str) -> Covenant:
    access.require_manage(actor, plan)
    if not title.strip() or not text.strip():
        raise DomainError(_("Giao ước cần tên và nội dung."))
    if hasattr(plan, "covenant"):
        raise DomainError(_("Kế hoạch đã có giao ước."))
    with transaction.atomic():
        covenant = Covenant.objects.create(plan=plan, title=title.strip(), text=text.strip())
        audit_record(actor=actor, action="covenant.open", obj=covenant, after={"title": title})
    return covenant


def covenant_sign(*, actor: User, covenant: Covenant, unit: Unit) -> CovenantSignature:
    """The member's leader signs; each member signs once."""
    access.require_submit_for(actor, covenant.plan, unit)
    if covenant.plan.stage == PlanStage.PUBLISHED:
        raise DomainError(_("Kết quả đã công bố; không thể ký giao ước."))
    with transaction.atomic():
        # The plan's stage held, the covenant locked: a double click waits, then is told.
        share_lock(Plan, covenant.plan_id)
        covenant = (
            Covenant.objects.select_for_update(of=("self",))
            .select_related("plan")
            .get(pk=covenant.pk)
        )
        if covenant.plan.stage == PlanStage.PUBLISHED:
            raise DomainError(_("Kết quả đã công bố; không thể ký giao ước."))
        if CovenantSignature.objects.filter(covenant=covenant, unit=unit).exists():
            raise DomainError(_("Đơn vị đã ký giao ước."))
        signature = CovenantSignature.objects.create(
            covenant=covenant, unit=unit, signed_by=actor, signed_at=timezone.now()
        )
        audit_record(actor=actor, action="covenant.sign", obj=covenant, after={"unit_id": unit.pk})
    return signature


def unit_list_save(
    *, actor: User, unit: Unit, year: int, entries: Sequence[Mapping[str, Any]]
) -> UnitEmulationList:
    """A unit inside a board lists what its staff register: name, content, title aimed for."""
    require(actor, Action.UNIT_EDIT, unit)
    problems: dict[str, list[str]] = {}
    for row, entry in enumerate(entries, start=1):
        if not str(entry.get("name", "")).strip() or not str(entry.get("content", "")).strip():
            problems.setdefault(str(row), []).append(_("Cần tên và nội dung đăng ký."))
        if entry.get("title") not in AimedTitle.values:
            problems.setdefault(str(row), []).append(_("Danh hiệu không hợp lệ."))
    if problems:
        raise ValidationFailedError(_("Danh sách đăng ký chưa hợp lệ."), problems)
    with transaction.atomic():
        emulation_list, _created = UnitEmulationList.objects.select_for_update().get_or_create(
            unit=unit, year=year
        )
        if emulation_list.status == RegistrationStatus.ACCEPTED:
            raise DomainError(_("Danh sách đã được duyệt."))
        emulation_list.entries.all().delete()
        UnitEmulationEntry.objects.bulk_create(
            UnitEmulationEntry(
                emulation_list=emulation_list,
                person=e.get("person") if isinstance(e.get("person"), Person) else None,
                name=str(e["name"]).strip(),
                content=str(e["content"]).strip(),
                title=e["title"],
            )
            for e in entries
        )
        audit_record(
            actor=actor,
            action="unit_list.save",
            obj=emulation_list,
            after={"entries": [dict(e, person=None) for e in entries]},
        )
    return emulation_list


def unit_list_approve(*, actor: User, emulation_list: UnitEmulationList) -> UnitEmulationList:
    require(actor, Action.UNIT_APPROVE, emulation_list.unit)
    with transaction.atomic():
        emulation_list.refresh_from_db(from_queryset=UnitEmulationList.objects.select_for_update())
        if not emulation_list.entries.exists():
            raise DomainError(_("Danh sách đăng ký đang trống."))
        before = str(emulation_list.status)
        if before == RegistrationStatus.ACCEPTED:
            raise DomainError(_("Danh sách đã được duyệt."))
        emulation_list.status = RegistrationStatus.ACCEPTED
        emulation_list.approved_by, emulation_list.approved_at = actor, timezone.now()
        emulation_list.save()
        transition_record(
            obj=emulation_list, from_status=before, to_status=emulation_list.status, by=actor
        )
        audit_record(actor=actor, action="unit_list.approve", obj=emulation_list)
    return emulation_list
