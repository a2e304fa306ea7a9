"""A cluster adopts a plan: the secretariat's sector-wide plan, or another cluster's."""

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError
from thidua.orgs.models import ClusterTerm
from thidua.plans import access
from thidua.plans.models import KeyTaskGroup, Plan, Scale
from thidua.plans.selectors.plan import current_scale
from thidua.plans.services.scale import scale_copy_into

CONFIG_FIELDS = (
    "assessor_stages",
    "peer_mode",
    "peer_method",
    "combine",
    "precedence",
    "weights",
    "tie_breaks",
    "dispute_threshold",
)


def plan_adopt(*, actor: User, source: Plan, term: ClusterTerm, title: str = "") -> Plan:
    """A new draft plan on ``term`` with the source's key tasks, configuration and latest scale.

    The copy is a draft of the cluster's own: it can be adjusted before registration opens.
    """
    adopted = Plan(
        term=term,
        sector=term.cluster.sector,
        year=term.year,
        title=title.strip() or source.title,
        basis=source.basis,
        adopted_from=source,
        **{f: getattr(source, f) for f in CONFIG_FIELDS},
    )
    access.require_manage(actor, adopted)
    scale = current_scale(list(source.scales.all()))
    if scale is None:
        raise DomainError(_("Kế hoạch nguồn chưa có thang điểm."))
    with transaction.atomic():
        adopted.save()
        groups = {
            g.pk: KeyTaskGroup.objects.create(plan=adopted, number=g.number, title=g.title)
            for g in source.task_groups.all()
        }
        copy = Scale.objects.create(
            plan=adopted,
            version=1,
            maximum=scale.maximum,
            bonus_cap=scale.bonus_cap,
            penalty_cap=scale.penalty_cap,
            reason=_("Áp dụng từ “%(title)s”, phiên bản %(v)s.")
            % {"title": source.title, "v": scale.version},
        )
        scale_copy_into(scale, copy, groups)
        audit_record(
            actor=actor,
            action="plan.adopt",
            obj=adopted,
            after={"source_id": source.pk, "source_scale_version": scale.version},
        )
    return adopted
