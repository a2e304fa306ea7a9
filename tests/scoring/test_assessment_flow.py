"""Self and peer assessment through the services: who may mark what, and when."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.builders.assessments import marks, registered, self_assessed
from tests.builders.clusters import head_of, members_of, plain_members, term
from tests.builders.people import staff_of
from tests.builders.plans import advance_to, peers_score_everyone, small_plan
from thidua.accounts.models import Role
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanStage
from thidua.plans.selectors.laggards import laggards_of
from thidua.plans.services.plan import deadline_set, plans_close_due
from thidua.plans.services.registration import (
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.scoring.models import Assessment, AssessmentStatus, Score
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_return,
    assessment_submit,
    evidence_attach,
)

pytestmark = pytest.mark.django_db
D = Decimal
PDF = b"%PDF-1.4 minh chung"


def _member(plan: Plan, *, not_head: bool = True) -> Unit:
    head = head_of(plan.term)
    return next(u for u in members_of(plan.term) if not not_head or u != head)


def _registered(plan: Plan, unit: Unit) -> None:
    target = plan.scales.get().criteria.get(code="1.2")
    officer = staff_of(unit, Role.UNIT_OFFICER)
    registration = registration_save(
        actor=officer,
        plan=plan,
        unit=unit,
        titles=["merit_certificate"],
        targets={target.pk: D(50)},
    )
    registration_submit(actor=staff_of(unit), registration=registration)
    registration_accept(actor=staff_of(head_of(plan.term)), registration=registration)


@pytest.fixture
def plan() -> Plan:
    return small_plan(term(4, 2018))


def _full_marks() -> dict[str, Mark]:
    return {
        "1.1": Mark(points=D("27.25"), explanation="Đã tham mưu 3 đề án"),
        "1.2": Mark(value=D(45)),
        "2.1": Mark(points=D(10)),
        "2.2": Mark(value=D(1)),
        "2.3": Mark(value=D(120)),
        "T.1": Mark(points=D(2)),
        "K.1": Mark(value=D(0)),
    }


def test_a_member_fills_and_its_leader_submits_the_self_assessment(plan: Plan) -> None:
    unit = _member(plan)
    _registered(plan, unit)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer, leader = staff_of(unit, Role.UNIT_OFFICER), staff_of(unit)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    assessment_fill(actor=officer, assessment=sheet, marks=_full_marks())
    with pytest.raises(ValidationFailedError) as refused:
        assessment_submit(actor=leader, assessment=sheet)
    assert "1.1" in refused.value.problems  # evidence is required for 1.1
    evidence_attach(
        actor=officer, score=sheet.scores.get(criterion__code="1.1"), name="de-an.pdf", content=PDF
    )
    with pytest.raises(PermissionDeniedError):
        assessment_submit(actor=officer, assessment=sheet)  # officers prepare, leaders submit
    assessment_submit(actor=leader, assessment=sheet)
    sheet.refresh_from_db()
    assert sheet.status == AssessmentStatus.SUBMITTED
    with pytest.raises(DomainError):
        assessment_fill(actor=officer, assessment=sheet, marks={"2.1": Mark(points=D(0))})


@pytest.mark.parametrize(
    ("code", "mark", "reason"),
    [
        ("1.1", Mark(points=D(31)), "vượt điểm tối đa"),
        ("1.1", Mark(points=D(-1)), "không được âm"),
        ("1.1", Mark(points=D("2.1")), "bước"),
        ("2.1", Mark(points=D(5)), "0 hoặc 10"),
        ("1.2", Mark(points=D(5)), "số liệu"),
        ("2.2", Mark(value=D(-3)), "không được âm"),
        ("9.9", Mark(points=D(1)), "không có trong thang điểm"),
    ],
)
def test_bad_marks_are_refused_and_nothing_is_saved(
    plan: Plan, code: str, mark: Mark, reason: str
) -> None:
    unit = _member(plan)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer = staff_of(unit, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    good = {"2.1": Mark(points=D(10))}
    with pytest.raises(ValidationFailedError) as refused:
        assessment_fill(actor=officer, assessment=sheet, marks={**good, code: mark})
    assert reason in " ".join(refused.value.problems[code])
    assert Score.objects.filter(assessment=sheet).count() == 0


def test_a_peer_never_scores_itself_and_an_outsider_scores_nobody(plan: Plan) -> None:
    plan = peers_score_everyone(advance_to(plan, PlanStage.PEER_ASSESSMENT))
    unit, other = members_of(plan.term)[:2]
    officer = staff_of(unit, Role.UNIT_OFFICER)
    with pytest.raises(PermissionDeniedError):
        assessment_open(actor=officer, plan=plan, unit=unit, stage="peer", assessor=unit)
    with pytest.raises(PermissionDeniedError):  # acting for another board
        assessment_open(actor=officer, plan=plan, unit=unit, stage="peer", assessor=other)
    outsider = Unit.objects.get(code="BTC-66-63")
    with pytest.raises(PermissionDeniedError):
        assessment_open(
            actor=staff_of(outsider, Role.UNIT_OFFICER),
            plan=plan,
            unit=unit,
            stage="peer",
            assessor=outsider,
        )
    sheet = assessment_open(actor=officer, plan=plan, unit=other, stage="peer", assessor=unit)
    assert sheet.scale.version == 1
    assert Assessment.objects.filter(plan=plan, assessor=unit, unit=unit, stage="peer").count() == 0


def test_a_write_after_the_deadline_is_refused(plan: Plan) -> None:
    unit = _member(plan)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer = staff_of(unit, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    assessment_fill(actor=officer, assessment=sheet, marks={"2.1": Mark(points=D(10))})
    past = timezone.now() - dt.timedelta(hours=1)
    deadline_set(
        actor=staff_of(head_of(plan.term)),
        plan=plan,
        stage="self_assessment",
        due=past,
        reason="Đã quá hạn",
    )
    with pytest.raises(DomainError, match="đã đóng"):
        assessment_fill(actor=officer, assessment=sheet, marks={"2.1": Mark(points=D(0))})
    assert sheet.scores.get(criterion__code="2.1").points == 10
    moved = plans_close_due()
    assert [p.pk for p in moved] == [plan.pk]
    plan.refresh_from_db()
    assert plan.stage == PlanStage.PEER_ASSESSMENT


def test_the_head_returns_a_sheet_with_a_reason_and_it_can_be_corrected(plan: Plan) -> None:
    unit = _member(plan)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer, leader = staff_of(unit, Role.UNIT_OFFICER), staff_of(unit)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    marks = _full_marks()
    assessment_fill(actor=officer, assessment=sheet, marks=marks)
    evidence_attach(
        actor=officer, score=sheet.scores.get(criterion__code="1.1"), name="a.pdf", content=PDF
    )
    assessment_submit(actor=leader, assessment=sheet)
    head = staff_of(head_of(plan.term))
    with pytest.raises(DomainError):
        assessment_return(actor=head, assessment=sheet, reason="  ")
    with pytest.raises(PermissionDeniedError):
        assessment_return(actor=officer, assessment=sheet, reason="Tự trả lại")
    assessment_return(actor=head, assessment=sheet, reason="Thiếu minh chứng tiêu chí 2.3")
    assessment_fill(actor=officer, assessment=sheet, marks={"2.3": Mark(value=D(100))})
    assessment_submit(actor=leader, assessment=sheet)
    assert sheet.scores.get(criterion__code="2.3").value == 100


def test_a_forbidden_evidence_file_is_refused(plan: Plan) -> None:
    unit = _member(plan)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    officer = staff_of(unit, Role.UNIT_OFFICER)
    sheet = assessment_open(actor=officer, plan=plan, unit=unit, stage="self", assessor=unit)
    (score,) = assessment_fill(actor=officer, assessment=sheet, marks={"1.1": Mark(points=D(1))})
    with pytest.raises(DomainError, match="không đúng loại"):
        evidence_attach(actor=officer, score=score, name="virus.exe", content=b"MZ\x90")
    with pytest.raises(DomainError, match="không khớp"):
        evidence_attach(actor=officer, score=score, name="fake.pdf", content=b"MZ\x90")
    assert score.evidence.count() == 0


def test_the_head_is_told_whose_self_sheets_are_not_sent_before_moving_on() -> None:
    plan = small_plan(term(4, 2018))
    members = members_of(plan.term)
    registered(plan, members)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    done = plain_members(plan.term)[0]
    self_assessed(plan, done, marks("28", "45", True, "1", "120"))
    plan = Plan.objects.get(pk=plan.pk)
    named = {(laggard.unit.pk, laggard.missing) for laggard in laggards_of(plan)}
    assert named == {(unit.pk, "chưa gửi phiếu tự chấm") for unit in members if unit.pk != done.pk}
