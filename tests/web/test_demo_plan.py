"""The demo's clusters (the terms of the seeds) and its year: cluster 4's 2017 plan, run through
every stage and published.

The module's ``demo`` fixture (tests/conftest.py) has built it; these tests read what it left.
The demo's marks are drawn at random, so its ranking is checked for its shape only; a ranking
worked out by hand is in tests/scoring/test_publication.py.
"""

import datetime as dt
from decimal import Decimal

import pytest

from tests.builders.clusters import board
from tests.web.demo_data import demo_term
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError
from thidua.core.models import Transition
from thidua.indicators.models import (
    PeriodKind,
    PeriodScope,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.orgs.models import OfficerChange, OfficerRole, Unit
from thidua.orgs.selectors import term_officers
from thidua.plans import access
from thidua.plans.models import (
    AssessorStage,
    CovenantSignature,
    CriterionKind,
    Plan,
    PlanStage,
    Registration,
    RegistrationStatus,
    Section,
)
from thidua.plans.scale_rules import scale_problems
from thidua.scoring.models import Assessment, AssessmentStatus, DisputeStatus, Score
from thidua.scoring.services.assessments import Mark, assessment_fill
from thidua.web.demo.loader import DEMO_PASSWORD, demo_load

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
MEMBERS = 11


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.get(term=demo_term(4, 2017))


def _leader_of(unit_id: int) -> User:
    return User.objects.get(username__startswith="lanhdao.", unit_id=unit_id)


def test_the_plan_is_published_with_eight_key_task_groups_and_says_it_is_illustrative(
    plan: Plan,
) -> None:
    assert plan.stage == PlanStage.PUBLISHED
    assert plan.year == 2017
    assert [g.number for g in plan.task_groups.all()] == list(range(1, 9))
    assert "Kết luận số 03-KL/BTCTW ngày 16-3-2017" in plan.basis
    assert "minh họa" in plan.basis
    assert "minh họa" in plan.title
    criteria = plan.scales.get().criteria.exclude(task_group=None)
    linked = set(criteria.values_list("task_group__number", flat=True))
    assert linked == set(range(1, 9))


def test_the_scale_has_100_base_points_every_kind_and_bonus_and_penalty_items(plan: Plan) -> None:
    scale = plan.scales.get()
    criteria = list(scale.criteria.all())
    leaves = [c for c in criteria if c.kind != CriterionKind.GROUP]
    assert scale.is_frozen
    assert scale_problems(scale) == {}
    assert scale.maximum == sum(c.maximum for c in leaves if c.section == Section.BASE) == 100
    assert {c.kind for c in leaves} == set(CriterionKind.values) - {CriterionKind.GROUP}
    assert all(c.step == Decimal("0.25") for c in leaves if c.kind == CriterionKind.MANUAL)
    assert any(c.bands for c in leaves if c.kind == CriterionKind.TARGET)
    bonus = {c.title for c in leaves if c.section == Section.BONUS}
    penalty = {c.title: c for c in leaves if c.section == Section.PENALTY}
    assert any(t.startswith("Mô hình mới, cách làm hay") for t in bonus)
    disciplined = next(c for t, c in penalty.items() if t.startswith("Lãnh đạo Ban bị kỷ luật"))
    assert disciplined.kind == CriterionKind.OCCURRENCE
    assert disciplined.per_event > 0
    assert scale.bonus_cap > 0
    assert scale.penalty_cap > 0


def test_every_member_registered_was_accepted_and_its_leader_signed_the_covenant(
    plan: Plan,
) -> None:
    members = access.member_ids(plan)
    assert len(members) == MEMBERS
    registrations = list(Registration.objects.filter(plan=plan).prefetch_related("items"))
    assert {r.unit_id for r in registrations} == members
    targets = set(plan.scales.get().criteria.filter(kind=CriterionKind.TARGET).values_list("pk"))
    for registration in registrations:
        assert registration.status == RegistrationStatus.ACCEPTED
        assert registration.titles
        assert {(i.criterion_id,) for i in registration.items.all() if i.target} == targets
    signatures = list(CovenantSignature.objects.filter(covenant__plan=plan))
    assert {s.unit_id for s in signatures} == members
    for signature in signatures:
        assert access.may_submit_for(signature.signed_by, plan, signature.unit)


def test_each_member_leader_acts_for_its_own_board_only(plan: Plan) -> None:
    long_an = User.objects.get(username="lanhdao.longan")
    binh_duong = Unit.objects.get(code="BTC-74-63")
    assert long_an.unit is not None
    assert long_an.check_password(DEMO_PASSWORD)
    assert access.may_submit_for(long_an, plan, long_an.unit)
    assert not access.may_submit_for(long_an, plan, binh_duong)
    assert not access.may_manage(long_an, plan)


def test_self_sheets_and_every_other_member_as_peer_all_submitted(plan: Plan) -> None:
    sheets = list(Assessment.objects.filter(plan=plan))
    own = [s for s in sheets if s.stage == AssessorStage.SELF]
    peer = [s for s in sheets if s.stage == AssessorStage.PEER]
    assert len(own) == MEMBERS
    assert all(s.assessor_id == s.unit_id for s in own)
    assert len(peer) == MEMBERS * (MEMBERS - 1)
    assert all(s.assessor_id != s.unit_id for s in peer)
    assert {(s.assessor_id, s.unit_id) for s in peer} == {
        (a, u) for a in access.member_ids(plan) for u in access.member_ids(plan) if a != u
    }
    assert all(s.status == AssessmentStatus.SUBMITTED for s in own + peer)
    for sheet in own + peer:
        assert sheet.submitted_by is not None
        assert access.may_submit_for(sheet.submitted_by, plan, sheet.assessor)


def test_the_self_marks_sit_above_the_peers_so_the_gap_shows(plan: Plan) -> None:
    manual = Score.objects.filter(
        assessment__plan=plan, criterion__kind=CriterionKind.MANUAL, points__isnull=False
    )

    def mean(stage: str) -> Decimal:
        points = [s.points or Decimal(0) for s in manual.filter(assessment__stage=stage)]
        return sum(points, Decimal(0)) / len(points)

    assert mean(AssessorStage.SELF) > mean(AssessorStage.PEER)


def test_every_flagged_criterion_was_explained_and_appraised_by_the_department(
    plan: Plan,
) -> None:
    disputes = list(plan.disputes.all())
    assert disputes
    assert all(d.status == DisputeStatus.APPRAISED and d.answer for d in disputes)
    assert all(abs(d.gap) > plan.dispute_threshold for d in disputes)
    appraisals = Assessment.objects.filter(plan=plan, stage=AssessorStage.APPRAISAL)
    assert plan.term is not None
    assert {a.assessor_id for a in appraisals} == {plan.term.supervising_department_id}


def test_the_ranking_has_eleven_units_one_leader_and_totals_within_the_caps(plan: Plan) -> None:
    rows = list(plan.publication.rows.all())
    scale = plan.scales.get()
    assert len(rows) == MEMBERS
    assert {r.unit_id for r in rows} == access.member_ids(plan)
    assert [r.rank for r in rows].count(1) == 1
    assert all(0 <= r.total <= scale.maximum + scale.bonus_cap for r in rows)
    # Each amount is rounded to cents on its own, so the parts may miss the total by a cent or two.
    assert all(abs(r.total - (r.base + r.bonus - r.penalty)) <= Decimal("0.02") for r in rows)
    totals = [r.total for r in rows]
    assert totals == sorted(totals, reverse=True)


def test_the_deadlines_are_those_of_2017_in_stage_order(plan: Plan) -> None:
    deadlines = list(plan.deadlines.order_by("due"))
    assert [d.stage for d in deadlines] == [
        PlanStage.REGISTRATION,
        PlanStage.MID_YEAR,
        PlanStage.SELF_ASSESSMENT,
        PlanStage.PEER_ASSESSMENT,
        PlanStage.EXPLANATION,
    ]
    assert all(d.due.year == 2017 for d in deadlines)


def test_the_year_happens_in_its_own_time(plan: Plan) -> None:
    """Issued, registered, signed, scored and published in 2017, each before its deadline, not
    on the day the demo was loaded."""
    due = {d.stage: d.due for d in plan.deadlines.all()}
    scale = plan.scales.get(frozen_at__isnull=False)
    assert scale.frozen_at is not None
    assert scale.frozen_at.year == 2017
    assert scale.frozen_at < due[PlanStage.REGISTRATION]
    assert plan.publication.published_at.year == 2017
    assert plan.publication.published_at > due[PlanStage.EXPLANATION]
    submitted = [r.submitted_at for r in plan.registrations.all()]
    assert submitted
    assert all(at is not None and at < due[PlanStage.REGISTRATION] for at in submitted)
    sheets = Assessment.objects.filter(plan=plan, stage=AssessorStage.SELF)
    assert all(
        s.submitted_at is not None and s.submitted_at < due[PlanStage.SELF_ASSESSMENT]
        for s in sheets
    )
    signed = CovenantSignature.objects.filter(covenant__plan=plan)
    assert signed.exists()
    assert all(s.signed_at.year == 2017 for s in signed)
    moves = Transition.objects.filter(object_type="plans.plan", object_id=plan.pk)
    assert all(m.at.year == 2017 for m in moves)


def test_the_stage_history_runs_from_draft_to_published(plan: Plan) -> None:
    moves = Transition.objects.filter(object_type="plans.plan", object_id=plan.pk)
    assert [m.to_status for m in moves.order_by("at", "id")] == list(PlanStage.values)[1:]


def test_a_published_sheet_takes_no_more_marks(plan: Plan) -> None:
    sheet = Assessment.objects.filter(plan=plan, stage=AssessorStage.SELF).first()
    assert sheet is not None
    before = list(sheet.scores.values_list("criterion__code", "points", "value"))
    with pytest.raises(DomainError):
        assessment_fill(
            actor=_leader_of(sheet.unit_id), assessment=sheet, marks={"1.1": Mark(points=None)}
        )
    assert list(sheet.scores.values_list("criterion__code", "points", "value")) == before


def test_loading_again_creates_nothing() -> None:
    def counts() -> tuple[int, ...]:
        return (
            Plan.objects.count(),
            Assessment.objects.count(),
            Score.objects.count(),
            User.objects.count(),
            Transition.objects.count(),
            AuditEvent.objects.count(),
        )

    before = counts()
    demo_load()
    assert counts() == before


def test_demo_cluster_4_of_2018_has_its_real_officers() -> None:
    officers = term_officers(demo_term(4, 2018))
    assert len(officers.members) == 11
    assert officers.head == board("74-63")
    assert {u.short_name for u in officers.deputies} == {"Long An", "Lâm Đồng"}
    assert "01-QC/CTĐ" in demo_term(4, 2018).regulation
    change = OfficerChange.objects.get(term=demo_term(4, 2018), new_role=OfficerRole.HEAD)
    assert "05/01/2018" in change.decision


def test_demo_clusters_of_2023_and_2025() -> None:
    cluster_3 = demo_term(3, 2023)
    assert cluster_3.memberships.count() == 12
    assert all(m.illustrative for m in cluster_3.memberships.all())
    for number, head in [(1, "Phú Thọ"), (2, "Thanh Hóa")]:
        officers = term_officers(demo_term(number, 2025))
        assert len(officers.members) == 9
        assert officers.head is not None
        assert officers.head.short_name == head
        assert all(u.valid_from == dt.date(2025, 7, 1) for u in officers.members)


def test_the_2017_members_sent_their_illustrative_year_end_reports_two_of_them_late() -> None:
    term = demo_term(4, 2017)
    period = ReportingPeriod.objects.get(year=2017, kind=PeriodKind.YEAR)
    assert period.scope == PeriodScope.CLUSTER
    assert period.term == term  # no other board owes a 2017 report
    reports = list(Report.objects.filter(period=period).select_related("unit"))
    assert {r.unit_id for r in reports} == {m.unit_id for m in term.memberships.all()}
    assert all(r.status == ReportStatus.ACCEPTED and r.illustrative for r in reports)
    assert all(r.submitted_at and r.submitted_at.year == 2017 for r in reports)
    late = {
        r.unit.short_name for r in reports if r.submitted_at and r.submitted_at > period.deadline
    }
    assert late == {"Ninh Thuận", "Bình Thuận"}


def test_the_2017_new_members_targets_are_met_by_most_members_but_not_all() -> None:
    term = demo_term(4, 2017)
    period = ReportingPeriod.objects.get(year=2017, kind=PeriodKind.YEAR)
    targets = Target.objects.filter(
        indicator__code="new_party_members_admitted", start_year=2017, end_year=2017
    )
    assert {t.unit_id for t in targets} == {m.unit_id for m in term.memberships.all()}
    assert all("minh họa" in t.basis for t in targets)
    results = dict(
        ReportValue.objects.filter(
            report__period=period, indicator__code="new_party_members_admitted"
        ).values_list("report__unit_id", "value")
    )
    missed = [t for t in targets if results[t.unit_id] < t.value]
    assert 0 < len(missed) < len(targets) // 2
