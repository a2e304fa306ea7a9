"""The year the interchange tests export and import: cluster 4's 2018 plan played through."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone

from tests.builders.clusters import board, head_of, term
from tests.builders.people import staff_of
from tests.builders.plans import advance_to, small_plan
from thidua.plans.models import AimedTitle, PeerAssignment, Plan, PlanStage, Registration
from thidua.plans.services.plan import deadline_set
from thidua.plans.services.registration import (
    covenant_open,
    covenant_sign,
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.scoring.models import Dispute, Publication, RankingRow
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
    evidence_attach,
)

D = Decimal
PDF = b"%PDF-1.4\n% de an nhan su\n"
MARKS = {
    "1.1": Mark(points=D("27.5"), explanation="Đã trình 3 đề án"),
    "1.2": Mark(value=D(12)),
    "2.1": Mark(points=D(10)),
    "2.2": Mark(value=D(1)),
    "2.3": Mark(value=D(5)),
    "T.1": Mark(points=D(2)),
    "K.1": Mark(value=D(0)),
}


def _self_assess(plan: Plan, unit: Any) -> None:
    leader = staff_of(unit)
    sheet = assessment_open(actor=leader, plan=plan, unit=unit, stage="self", assessor=unit)
    scores = assessment_fill(actor=leader, assessment=sheet, marks=MARKS)
    proof = next(s for s in scores if s.criterion.code == "1.1")
    evidence_attach(actor=leader, score=proof, name="de-an.pdf", content=PDF)
    assessment_submit(actor=leader, assessment=sheet)


def played_year(settings: Any, tmp_path: Path) -> Plan:
    """Cluster 4's 2018 plan played through: registrations, covenant, self and peer sheets,
    a dispute and a published ranking (written the way a publication stores it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = small_plan(term(4, 2018))
    head = staff_of(head_of(plan.term))
    binh_duong, long_an = board("74-63"), board("80-63")
    scale = plan.scales.get()
    target, relative = scale.criteria.get(code="1.2"), scale.criteria.get(code="2.3")
    for unit in (binh_duong, long_an):
        registration = registration_save(
            actor=staff_of(unit),
            plan=plan,
            unit=unit,
            titles=[AimedTitle.EMULATION_FLAG],
            targets={target.pk: D(10)},
        )
        registration_submit(actor=staff_of(unit), registration=registration)
    registration_accept(
        actor=head,
        registration=Registration.objects.get(plan=plan, unit=long_an),
        not_applicable=[relative.pk],
    )
    for days, stage in enumerate(list(PlanStage)[1:], start=1):
        deadline_set(
            actor=head, plan=plan, stage=stage, due=timezone.now() + dt.timedelta(days * 30)
        )
    PeerAssignment.objects.create(plan=plan, assessor=long_an, assessed=binh_duong)
    covenant = covenant_open(actor=head, plan=plan, title="Giao ước thi đua", text="Cùng thi đua.")
    covenant_sign(actor=staff_of(binh_duong), covenant=covenant, unit=binh_duong)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    _self_assess(plan, binh_duong)
    _self_assess(plan, long_an)
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    peer = staff_of(long_an)
    sheet = assessment_open(actor=peer, plan=plan, unit=binh_duong, stage="peer", assessor=long_an)
    assessment_fill(
        actor=peer,
        assessment=sheet,
        marks={"1.1": Mark(points=D(20)), "2.1": Mark(points=D(10)), "T.1": Mark(points=D(1))},
    )
    assessment_submit(actor=peer, assessment=sheet)
    plan = advance_to(plan, PlanStage.EXPLANATION)
    Dispute.objects.create(
        plan=plan,
        unit=binh_duong,
        criterion=scale.criteria.get(code="1.1"),
        self_points=D("27.5"),
        peer_points=D(20),
        status="appraised",
        appraised_points=D(25),
        appraisal_reason="Đề án thứ ba chưa được duyệt.",
        appraised_at=timezone.now(),
    )
    pair = ((binh_duong, long_an), (long_an, binh_duong))
    # As ``plan_publish`` keeps it: rows with ties by unit id, the payload with ids as text.
    publication = Publication.objects.create(
        plan=plan,
        scale=scale,
        published_by=head,
        published_at=timezone.now(),
        payload={
            "scale_version": 1,
            "ranking": [
                {"unit": str(u.pk), "rank": 1, "total": "90.00", "tied_with": [str(o.pk)]}
                for u, o in pair
            ],
        },
    )
    for unit, other in pair:
        RankingRow.objects.create(
            publication=publication,
            unit=unit,
            rank=1,
            total=D(90),
            base=D(88),
            bonus=D(2),
            penalty=D(0),
            tied_with=[other.pk],
        )
    return plan
