"""Writes to a point scale: the criteria tree while it is a draft, new versions once frozen."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.numbers import number_text
from thidua.plans import access
from thidua.plans.models import (
    LINKABLE_KINDS,
    Criterion,
    CriterionKind,
    KeyTaskGroup,
    Plan,
    PlanStage,
    Scale,
    Section,
)
from thidua.plans.scale_rules import scale_check

EDITABLE_FIELDS = (
    "code",
    "title",
    "kind",
    "section",
    "maximum",
    "step",
    "lower_is_better",
    "bands",
    "per_event",
    "evidence_required",
    "evidence_hint",
    "task_group",
    "indicator",
)


def _require_draft(actor: User, scale: Scale) -> None:
    access.require_manage(actor, scale.plan)
    if scale.is_frozen:
        raise DomainError(
            _("Thang điểm phiên bản %(v)s đã ban hành; muốn sửa phải tạo phiên bản mới có lý do.")
            % {"v": scale.version}
        )


def _lock_draft(actor: User, scale: Scale) -> None:
    """Lock the scale and read it again: opening registration freezes it, and an edit that
    read it as a draft just before must not land after."""
    scale.refresh_from_db(from_queryset=Scale.objects.select_for_update())
    _require_draft(actor, scale)


def _criterion_snapshot(node: Criterion) -> dict[str, Any]:
    # Keys and ids as the audit has always kept them: the task group's id, the indicator's code.
    keyed = {"task_group", "indicator"}
    snapshot = {f: getattr(node, f) for f in EDITABLE_FIELDS if f not in keyed}
    snapshot["task_group"] = node.task_group_id
    snapshot["indicator_code"] = node.indicator.code if node.indicator is not None else ""
    return snapshot


def criterion_problems(node: Criterion) -> dict[str, list[str]]:
    """What is wrong with one node on its own (the whole tree is checked at freezing)."""
    problems: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if not node.code.strip():
        add("code", _("Mã tiêu chí là bắt buộc."))
    if not node.title.strip():
        add("title", _("Nội dung tiêu chí là bắt buộc."))
    if node.kind not in CriterionKind.values:
        add("kind", _("Cách chấm không hợp lệ."))
    if node.section not in Section.values:
        add("section", _("Loại điểm không hợp lệ."))
    if node.maximum is None or node.maximum < 0:
        add("maximum", _("Điểm tối đa không được âm."))
    if node.step is not None and (node.step <= 0 or node.kind != CriterionKind.MANUAL):
        add("step", _("Bước điểm chỉ dùng cho tiêu chí chấm trực tiếp và phải lớn hơn 0."))
    if node.kind == CriterionKind.OCCURRENCE and not node.per_event:
        add("per_event", _("Tiêu chí theo số lần cần số điểm cộng hoặc trừ mỗi lần."))
    if node.bands and node.kind != CriterionKind.TARGET:
        add("bands", _("Mức đạt chỉ dùng cho tiêu chí so với chỉ tiêu."))
    for band in node.bands or []:
        try:
            ratio, share = (Decimal(str(x)) for x in band)
        except (TypeError, ValueError, InvalidOperation):
            add("bands", _("Mỗi mức đạt gồm tỷ lệ hoàn thành và tỷ lệ điểm."))
            break
        if ratio < 0 or not Decimal(0) <= share <= 1:
            add("bands", _("Tỷ lệ điểm của một mức phải trong khoảng 0–1."))
    # Problems of the link are keyed by the code, the name the forms, the API and the
    # interchange document give it.
    if node.indicator_id is not None and node.kind not in LINKABLE_KINDS:
        add(
            "indicator_code",
            _(
                "Chỉ tiêu chí nhập số liệu (so với chỉ tiêu, theo số lần, so với đơn vị cao nhất) "
                "mới gắn được với chỉ tiêu báo cáo."
            ),
        )
    parent = node.parent
    if parent is not None:
        if parent.kind != CriterionKind.GROUP:
            add("parent", _("Chỉ nhóm tiêu chí mới có tiêu chí con."))
        elif node.maximum is not None and node.maximum > parent.maximum:
            add(
                "maximum",
                _("Điểm tối đa vượt điểm tối đa của nhóm (%(max)s).")
                % {"max": number_text(parent.maximum)},
            )
    return problems


def criterion_add(
    *, actor: User, scale: Scale, parent: Criterion | None = None, **fields: Any
) -> Criterion:
    _require_draft(actor, scale)
    if parent is not None and parent.scale_id != scale.pk:
        raise DomainError(_("Nhóm cha không thuộc thang điểm này."), field="parent")
    position = (scale.criteria.aggregate(m=Max("position"))["m"] or 0) + 1
    node = Criterion(scale=scale, parent=parent, position=position, **fields)
    _validate_unique_code(node)
    problems = criterion_problems(node)
    if problems:
        raise ValidationFailedError(_("Tiêu chí chưa hợp lệ."), problems)
    with transaction.atomic():
        _lock_draft(actor, scale)
        node.save()
        audit_record(actor=actor, action="criterion.add", obj=node, after=_criterion_snapshot(node))
    return node


def criterion_update(*, actor: User, criterion: Criterion, **fields: Any) -> Criterion:
    _require_draft(actor, criterion.scale)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise DomainError(_("Trường không sửa được: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    before = _criterion_snapshot(criterion)
    for name, value in fields.items():
        setattr(criterion, name, value)
    _validate_unique_code(criterion)
    problems = criterion_problems(criterion)
    if problems:
        criterion.refresh_from_db()
        raise ValidationFailedError(_("Tiêu chí chưa hợp lệ."), problems)
    with transaction.atomic():
        _lock_draft(actor, criterion.scale)
        criterion.save()
        audit_record(
            actor=actor,
            action="criterion.update",
            obj=criterion,
            before=before,
            after=_criterion_snapshot(criterion),
        )
    return criterion


def criterion_delete(*, actor: User, criterion: Criterion) -> None:
    _require_draft(actor, criterion.scale)
    with transaction.atomic():
        _lock_draft(actor, criterion.scale)
        audit_record(
            actor=actor,
            action="criterion.delete",
            obj=criterion,
            before=_criterion_snapshot(criterion),
        )
        criterion.delete()


def _validate_unique_code(node: Criterion) -> None:
    clash = Criterion.objects.filter(scale_id=node.scale_id, code=node.code.strip())
    if node.pk:
        clash = clash.exclude(pk=node.pk)
    if clash.exists():
        raise DomainError(_("Mã tiêu chí “%(code)s” đã có.") % {"code": node.code}, field="code")
    node.code = node.code.strip()


def scale_limits_set(
    *,
    actor: User,
    scale: Scale,
    maximum: Decimal,
    bonus_cap: Decimal,
    penalty_cap: Decimal,
) -> Scale:
    _require_draft(actor, scale)
    if maximum <= 0 or bonus_cap < 0 or penalty_cap < 0:
        raise DomainError(_("Điểm tối đa phải dương; điểm thưởng, điểm trừ không được âm."))
    with transaction.atomic():
        _lock_draft(actor, scale)  # saved whole: a stale draft must not unfreeze it
        before = {
            "maximum": scale.maximum,
            "bonus_cap": scale.bonus_cap,
            "penalty_cap": scale.penalty_cap,
        }
        scale.maximum, scale.bonus_cap, scale.penalty_cap = maximum, bonus_cap, penalty_cap
        scale.save()
        audit_record(
            actor=actor,
            action="scale.limits",
            obj=scale,
            before=before,
            after={"maximum": maximum, "bonus_cap": bonus_cap, "penalty_cap": penalty_cap},
        )
    return scale


def scale_copy_into(
    source: Scale, target: Scale, groups: dict[int, KeyTaskGroup] | None = None
) -> None:
    """Copy the criteria tree of ``source`` into the empty ``target``, keeping codes and order.

    ``groups`` maps the source's key task groups to the target plan's (adoption by another plan).
    """
    created: dict[int, Criterion] = {}
    for node in source.criteria.select_related("indicator").order_by("position", "id"):
        old_pk = node.pk
        task_group = node.task_group
        if groups is not None:
            task_group = groups.get(node.task_group_id) if node.task_group_id else None
        copy = Criterion(
            scale=target,
            parent=created.get(node.parent_id) if node.parent_id else None,
            position=node.position,
            task_group=task_group,
            **{f: getattr(node, f) for f in EDITABLE_FIELDS if f != "task_group"},
        )
        copy.save()
        created[old_pk] = copy


def scale_revise(*, actor: User, scale: Scale, reason: str) -> Scale:
    """A new draft version copied from a frozen one; the old one stays with its assessments."""
    access.require_manage(actor, scale.plan)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Phải ghi lý do sửa đổi thang điểm."), field="reason")
    if not scale.is_frozen:
        raise DomainError(_("Phiên bản này chưa ban hành; hãy sửa trực tiếp."))
    if scale.plan.stage == PlanStage.PUBLISHED:
        raise DomainError(_("Kết quả đã công bố; không thể sửa thang điểm."))
    with transaction.atomic():
        # One revision at a time per plan, so two never take the same version number.
        Plan.objects.select_for_update().get(pk=scale.plan_id)
        latest = scale.plan.scales.aggregate(m=Max("version"))["m"] or 0
        revised = Scale.objects.create(
            plan=scale.plan,
            version=latest + 1,
            maximum=scale.maximum,
            bonus_cap=scale.bonus_cap,
            penalty_cap=scale.penalty_cap,
            reason=reason,
        )
        scale_copy_into(scale, revised)
        audit_record(
            actor=actor,
            action="scale.revise",
            obj=revised,
            after={"from_version": scale.version, "version": revised.version, "reason": reason},
        )
    return revised


def scale_issue(*, actor: User, scale: Scale) -> Scale:
    """Freeze a revised version so that new assessments are made against it."""
    access.require_manage(actor, scale.plan)
    if scale.is_frozen:
        raise DomainError(_("Phiên bản này đã ban hành."))
    if scale.plan.stage == PlanStage.DRAFT:
        raise DomainError(_("Thang điểm được ban hành khi mở đăng ký thi đua."))
    with transaction.atomic():
        # Checked under the lock: no criterion changes while the tree is checked and frozen.
        scale.refresh_from_db(from_queryset=Scale.objects.select_for_update())
        if scale.is_frozen:
            raise DomainError(_("Phiên bản này đã ban hành."))
        scale_check(scale)
        scale.frozen_at = timezone.now()
        scale.save(update_fields=["frozen_at"])
        audit_record(actor=actor, action="scale.issue", obj=scale, after={"version": scale.version})
    return scale
