"""Reads of the explanation round: the flagged criteria a user sees, what the user may do on
each, and the files attached to an explanation."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import subject_of
from thidua.core.errors import NotFoundError
from thidua.core.models import StoredFile
from thidua.plans import access
from thidua.plans.models import Plan, PlanStage
from thidua.plans.selectors.plan import stage_is_open
from thidua.scoring.access import plan_require_internal
from thidua.scoring.models import Dispute, DisputeStatus
from thidua.scoring.selectors.board import members


def disputes_for(*, user: User | AnonymousUser, plan: Plan) -> list[Dispute]:
    disputes = Dispute.objects.filter(plan=plan).select_related("unit", "criterion")
    if access.may_manage(user, plan) or access.may_supervise(user, plan):
        return list(disputes)
    if plan.stage == PlanStage.PUBLISHED and access.may_view_internal(user, plan):
        return list(disputes)
    return [d for d in disputes if access.may_prepare_for(user, plan, d.unit)]


def dispute_get_for(*, user: User | AnonymousUser, pk: int) -> Dispute:
    """A flagged criterion, for those who see the plan's scoring pages; the page then offers
    only what ``disputes_page_for`` allows the user."""
    dispute = (
        Dispute.objects.select_related(
            "plan__term__supervising_department", "unit", "criterion__scale"
        )
        .filter(pk=pk)
        .first()
    )
    if dispute is None:
        raise NotFoundError(_("Không tìm thấy tiêu chí phải giải trình."))
    plan_require_internal(user, dispute.plan)
    return dispute


def dispute_file_get_for(
    *, user: User | AnonymousUser, plan: Plan, dispute_pk: int, file_pk: int
) -> StoredFile:
    """A file attached to an explanation, for those who see the dispute."""
    dispute = next((d for d in disputes_for(user=user, plan=plan) if d.pk == dispute_pk), None)
    stored = dispute.files.filter(pk=file_pk).first() if dispute is not None else None
    if stored is None:
        raise NotFoundError(_("Không tìm thấy tệp minh chứng."))
    return stored


@dataclass
class DisputeRow:
    dispute: Dispute
    files: list[StoredFile]
    can_answer: bool
    can_appraise: bool


def disputes_page_for(*, user: User | AnonymousUser, plan: Plan) -> list[DisputeRow]:
    """The flagged criteria the user sees, with their files and what the user may do on each,
    in a fixed number of queries."""
    subject_of(user).ancestries(members(plan))
    disputes = disputes_for(user=user, plan=plan)
    files: dict[int, list[StoredFile]] = {}
    links = Dispute.files.through.objects.filter(dispute_id__in=[d.pk for d in disputes])
    for link in links.select_related("storedfile").order_by("id"):
        files.setdefault(link.dispute_id, []).append(link.storedfile)
    is_open = stage_is_open(plan, PlanStage.EXPLANATION)
    appraiser = access.may_manage(user, plan) or access.may_supervise(user, plan)
    return [
        DisputeRow(
            dispute=d,
            files=files.get(d.pk, []),
            can_answer=is_open
            and d.status != DisputeStatus.APPRAISED
            and access.may_prepare_for(user, plan, d.unit),
            can_appraise=is_open and appraiser,
        )
        for d in disputes
    ]
