"""Two sessions on one score sheet at once (PostgreSQL): one outcome, one history row, and no
mark written to a sheet once it is submitted.

Each race holds the first session's transaction open, its writes done, until the second is
waiting for a lock (or finished); see ``tests.concurrency``.
"""

from decimal import Decimal

import pytest

from tests.concurrency import race
from tests.race_world import head_staff, member, ready_self_sheet
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.models import Transition
from thidua.scoring.models import Assessment, AssessmentStatus, Score
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_return,
    assessment_submit,
)

pytestmark = pytest.mark.django_db(transaction=True)
D = Decimal
SUBMITTED_ALREADY = "Phiếu chấm đã gửi, không sửa được nữa."


def _moves(sheet: Assessment) -> list[tuple[str, str]]:
    return list(
        Transition.objects.filter(object_type="scoring.assessment", object_id=sheet.pk).values_list(
            "from_status", "to_status"
        )
    )


def _events(sheet: Assessment, action: str) -> int:
    return AuditEvent.objects.filter(
        object_type="scoring.assessment", object_id=str(sheet.pk), action=action
    ).count()


def _fill(sheet_pk: int, marks: dict[str, Mark]) -> list[Score]:
    sheet = Assessment.objects.get(pk=sheet_pk)
    officer, _leader = member(sheet.plan)
    return assessment_fill(actor=officer, assessment=sheet, marks=marks)


def _submit(sheet_pk: int) -> Assessment:
    sheet = Assessment.objects.get(pk=sheet_pk)
    _officer, leader = member(sheet.plan)
    return assessment_submit(actor=leader, assessment=sheet)


def test_a_fill_that_waits_on_a_submit_is_refused_and_writes_nothing() -> None:
    sheet = ready_self_sheet()
    fills_before = _events(sheet, "assessment.fill")
    outcome = race(lambda: _submit(sheet.pk), lambda: _fill(sheet.pk, {"2.1": Mark(points=D(0))}))
    assert outcome.first.ok, outcome.first.error
    assert isinstance(outcome.second.error, DomainError)
    assert outcome.second.error.message == SUBMITTED_ALREADY
    assert outcome.second_waited
    sheet.refresh_from_db()
    assert sheet.status == AssessmentStatus.SUBMITTED
    assert sheet.scores.get(criterion__code="2.1").points == D(10)
    # No mark is younger than the submission.
    assert not sheet.scores.filter(updated_at__gt=sheet.submitted_at).exists()
    assert _moves(sheet) == [("draft", "submitted")]
    assert _events(sheet, "assessment.fill") == fills_before


def test_a_submit_that_waits_on_a_fill_checks_the_marks_the_fill_wrote() -> None:
    sheet = ready_self_sheet()
    outcome = race(lambda: _fill(sheet.pk, {"2.1": Mark()}), lambda: _submit(sheet.pk))
    assert outcome.first.ok, outcome.first.error
    assert isinstance(outcome.second.error, ValidationFailedError)
    assert "2.1" in outcome.second.error.problems
    assert outcome.second_waited
    sheet.refresh_from_db()
    assert sheet.status == AssessmentStatus.DRAFT
    assert _moves(sheet) == []


def test_two_submits_of_one_sheet_make_one_submission() -> None:
    sheet = ready_self_sheet()
    outcome = race(lambda: _submit(sheet.pk), lambda: _submit(sheet.pk))
    assert outcome.first.ok, outcome.first.error
    assert isinstance(outcome.second.error, DomainError)
    assert outcome.second.error.message == SUBMITTED_ALREADY
    assert outcome.second_waited
    assert _moves(sheet) == [("draft", "submitted")]
    assert _events(sheet, "assessment.submit") == 1


def test_two_returns_of_one_sheet_make_one_return() -> None:
    sheet = ready_self_sheet()
    _submit(sheet.pk)

    def give_back() -> Assessment:
        fresh = Assessment.objects.get(pk=sheet.pk)
        return assessment_return(
            actor=head_staff(fresh.plan), assessment=fresh, reason="Thiếu minh chứng"
        )

    outcome = race(give_back, give_back)
    assert outcome.first.ok, outcome.first.error
    assert isinstance(outcome.second.error, DomainError)
    assert outcome.second_waited
    assert _moves(sheet) == [("draft", "submitted"), ("submitted", "returned")]
    assert _events(sheet, "assessment.return") == 1
