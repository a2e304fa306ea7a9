"""Which members peers score. A member that never sent its registration is not a peer target
(its peers would score targets it never set); the head may include it anyway, with a reason,
until peer scoring closes."""

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import Unit
from thidua.plans import access
from thidua.plans.models import PeerTargetInclusion, Plan, PlanStage
from thidua.plans.selectors.plan import never_registered

PEER_TARGETS_OPEN = {
    PlanStage.REGISTRATION,
    PlanStage.MID_YEAR,
    PlanStage.SELF_ASSESSMENT,
    PlanStage.PEER_ASSESSMENT,
}


def peer_target_include(*, actor: User, plan: Plan, unit: Unit, reason: str) -> None:
    access.require_manage(actor, plan)
    reason = reason.strip()
    if not reason:
        raise ValidationFailedError(
            _("Chưa cho chấm chéo được."), {"reason": [_("Ghi lý do vẫn cho chấm chéo.")]}
        )
    if plan.stage not in PEER_TARGETS_OPEN:
        raise DomainError(_("Vòng chấm chéo đã đóng: không thay đổi được ai được chấm chéo."))
    if unit.pk not in {m.unit_id for m in never_registered(plan)}:
        raise DomainError(_("Đơn vị này đã gửi đăng ký: đã được chấm chéo."))
    with transaction.atomic():
        inclusion, created = PeerTargetInclusion.objects.get_or_create(
            plan=plan, unit=unit, defaults={"reason": reason[:300], "included_by": actor}
        )
        if not created:
            raise DomainError(_("Đơn vị này đã được cho chấm chéo."))
        audit_record(
            actor=actor,
            action="plan.peer_include",
            obj=plan,
            after={"unit": unit.pk, "reason": inclusion.reason},
        )
    plan.__dict__.pop("_peer_target_ids", None)
