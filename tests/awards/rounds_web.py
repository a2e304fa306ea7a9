"""What the round pages' tests share: cluster 4's published 2018 ranking, its round opened by
the head, an ineligible candidate added, the round deliberated and submitted."""

import datetime as dt

from tests.builders.assessments import published_plan
from tests.builders.people import persona
from thidua.awards.models import Candidate, NominationRound, Verdict
from thidua.awards.services.rounds import candidate_add, candidate_keep, round_open
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.orgs.models import Unit
from thidua.plans.models import Plan

D = dt.date
HEAD = "lanhdao.binhduong"
NOT_READERS = ["canbo.daklak", "theodoi", "nguoingoai"]


def cluster_plan() -> tuple[Plan, list[Unit]]:
    plan, units = published_plan()
    return Plan.objects.select_related("term").get(pk=plan.pk), units


def cluster_round() -> tuple[NominationRound, list[Unit]]:
    plan, units = cluster_plan()
    round_ = round_open(
        actor=persona(HEAD), level="cluster", year=2018, term=plan.term, judged_on=D(2019, 1, 10)
    )
    return round_, units


def round_url(round_: NominationRound, action: str = "") -> str:
    return f"/khen-thuong/dot-xet/{round_.pk}/{action}"


def with_ineligible(round_: NominationRound, unit: Unit) -> Candidate:
    return candidate_add(
        actor=persona(HEAD),
        round_=round_,
        award="commission_flag",
        unit=unit,
        judged_on=D(2019, 1, 10),
    )


def deliberated(round_: NominationRound) -> NominationRound:
    return round_deliberate(
        actor=persona(HEAD),
        round_=round_,
        deliberated_on=D(2019, 1, 12),
        summoned=10,
        present=10,
        approvals={c.pk: 9 for c in round_.candidates.all()},
    )


def submitted() -> NominationRound:
    round_, _units = cluster_round()
    for candidate in round_.candidates.exclude(verdict=Verdict.ELIGIBLE):
        candidate_keep(actor=persona(HEAD), candidate=candidate, reason="Đề nghị Hội đồng xét.")
    deliberated(round_)
    round_submit(actor=persona(HEAD), round_=round_, submitted_on=D(2019, 1, 15))
    return NominationRound.objects.get(pk=round_.pk)
