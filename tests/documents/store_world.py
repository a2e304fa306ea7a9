"""The documents the register tests issue: the summary report of cluster 4 in 2018, whose
register is the cluster's ("cluster:4:2018", head Bình Dương), drafted as its head's leader."""

from __future__ import annotations

from tests.builders.assessments import published_plan
from tests.builders.people import persona
from thidua.accounts.models import User
from thidua.documents.models import Document
from thidua.documents.services import document_draft
from thidua.plans.models import Plan

HEAD = "lanhdao.binhduong"


def summary_draft(actor: User | None = None) -> Document:
    plan = Plan.objects.filter(term__cluster__number=4, term__year=2018).first()
    if plan is None:
        plan, _units = published_plan()
    return document_draft(
        actor=actor or persona(HEAD), kind="summary_report", source_id=plan.term_id or 0
    )
