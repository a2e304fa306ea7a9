"""The plan interchange document (``docs/plan-interchange.md``): who may export and import it.

- ``plan_export_for``: the plan's managers and everyone who sees the cluster's workspace; before
  publication a member gets only the sheets of the units it may see, because nobody sees other
  assessors' scores before the head publishes.
- ``plan_import``: "scale" makes a draft plan on a term from a document's latest scale (the
  term's managers: how a cluster reuses another's scale); "full" recreates a whole year for the
  archive (the secretariat and administrators). The document is checked completely first.

``actor=None`` is the system (the management commands, run by an operator with shell access).
"""

from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.core.access import forbidden
from thidua.core.errors import DomainError
from thidua.orgs.models import ClusterTerm
from thidua.plans import access
from thidua.plans.models import Plan, PlanStage
from thidua.scoring.interchange.check import MODES, plan_check
from thidua.scoring.interchange.export import plan_document
from thidua.scoring.interchange.load import document_read
from thidua.scoring.interchange.problems import Problems
from thidua.scoring.interchange.rows import rows_check
from thidua.scoring.interchange.write import document_write


def plan_export_for(*, user: User | AnonymousUser, plan: Plan) -> dict[str, Any]:
    if access.may_manage(user, plan):
        return plan_document(plan)
    if not access.may_view_internal(user, plan):
        raise forbidden()
    if plan.stage == PlanStage.PUBLISHED:
        return plan_document(plan)
    units = [m.unit for m in plan.term.memberships.select_related("unit")] if plan.term else []
    if plan.term is not None and plan.term.supervising_department is not None:
        units.append(plan.term.supervising_department)
    own = [u.pk for u in units if may(user, Action.UNIT_VIEW_INTERNAL, u)]
    return plan_document(plan, sheets_of=own)


def plan_import(
    *,
    actor: User | AnonymousUser | None,
    document: Any,
    term: ClusterTerm,
    mode: Literal["scale", "full"],
) -> Plan:
    """``document`` as parsed from JSON; every problem in it is refused at once, by path."""
    if mode not in MODES:
        raise DomainError(
            _("Cách nhập “%(mode)s” không hợp lệ; chọn scale hoặc full.") % {"mode": mode},
            field="mode",
        )
    if actor is not None:
        allowed = (
            may(actor, Action.ORGS_MANAGE)
            if mode == "full"
            else access.may_manage(actor, Plan(term=term))
        )
        if not allowed or not isinstance(actor, User):
            raise forbidden()
    problems = Problems()
    # A scale import takes the plan and its scale; the rows of another year stay behind unread.
    read = document_read(problems, document, year=mode == "full")
    plan_in = plan_check(problems, read, term=term, mode=mode)
    rows = None
    if mode == "full":
        if read.head is not None and not read.head.complete:
            problems.add(
                "complete",
                _("Tài liệu chỉ có một phần phiếu chấm nên không dùng để nhập đầy đủ được."),
            )
        rows = rows_check(problems, read, plan_in, term=term, actor=actor)
    problems.refuse()
    source = read.head.source if read.head else None
    return document_write(actor=actor, plan_in=plan_in, rows=rows, source=source)
