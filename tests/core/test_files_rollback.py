"""An evidence file lives and dies with the transaction that stored it: a service that fails
after storing one, or an outer transaction that rolls back after the service returned, leaves
no file behind; a transaction that commits keeps its file."""

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction

from tests.builders.people import staff_of
from tests.builders.plans import advance_to
from tests.race_world import FULL_MARKS, PDF, head_staff, member, ready_self_sheet
from thidua.core.errors import DomainError
from thidua.core.files import stored_file_create
from thidua.core.models import StoredFile
from thidua.plans.models import PlanStage
from thidua.scoring.models import Dispute, Evidence
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
    evidence_attach,
)
from thidua.scoring.services.round import dispute_answer, explanation_open

pytestmark = pytest.mark.django_db


class AbortedError(Exception):
    """The failure of a later step of the same transaction."""


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def test_a_file_stored_in_a_transaction_that_rolls_back_is_removed(media: Path) -> None:
    def store_then_fail() -> None:
        with transaction.atomic():
            stored = stored_file_create(name="bien-ban.pdf", content=PDF)
            assert stored.file.storage.exists(stored.file.name)  # readable before the commit
            raise AbortedError

    with pytest.raises(AbortedError):
        store_then_fail()
    assert _files(media) == []


def test_a_file_whose_transaction_commits_stays(
    media: Path, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        stored = stored_file_create(name="bien-ban.pdf", content=PDF)
    assert _files(media) == [media / stored.file.name]
    assert (media / stored.file.name).read_bytes() == PDF


def test_an_outer_transaction_that_rolls_back_takes_the_service_file_with_it(
    media: Path,
) -> None:
    sheet = ready_self_sheet()
    officer, _leader = member(sheet.plan)
    files_before = _files(media)
    score = sheet.scores.get(criterion__code="2.1")

    def attach_then_fail() -> None:
        with transaction.atomic():
            evidence = evidence_attach(actor=officer, score=score, name="them.pdf", content=PDF)
            assert evidence.file.file.storage.exists(evidence.file.file.name)
            raise AbortedError  # e.g. the next step of the same request fails

    with pytest.raises(AbortedError):
        attach_then_fail()
    assert not Evidence.objects.filter(score=score).exists()
    assert _files(media) == files_before


def _dispute() -> Dispute:
    """A plan in its explanation round with one dispute: the member put 27.25 on 1.1, its peer
    10."""
    sheet = ready_self_sheet()
    plan = sheet.plan
    _officer, leader = member(plan)
    assessment_submit(actor=leader, assessment=sheet)
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    assert plan.term is not None
    peer = plan.term.memberships.get(unit__code__endswith="-3").unit
    peer_leader = staff_of(peer)
    peer_sheet = assessment_open(
        actor=peer_leader, plan=plan, unit=sheet.unit, stage="peer", assessor=peer
    )
    marks = {**FULL_MARKS, "1.1": Mark(points=Decimal(10))}
    assessment_fill(actor=peer_leader, assessment=peer_sheet, marks=marks)
    assessment_submit(actor=peer_leader, assessment=peer_sheet)
    explanation_open(actor=head_staff(plan), plan=plan)
    return Dispute.objects.get(plan=plan, unit=sheet.unit, criterion__code="1.1")


def test_a_service_that_fails_after_storing_a_file_leaves_no_file(media: Path) -> None:
    dispute = _dispute()
    officer, _leader = member(dispute.plan)
    files_before, rows_before = _files(media), StoredFile.objects.count()
    with pytest.raises(DomainError, match="không đúng loại"):
        # The first file is stored, then the second is refused: the answer is not saved.
        dispute_answer(
            actor=officer,
            dispute=dispute,
            answer="Đã có quyết định phê duyệt đề án",
            files=[("quyet-dinh.pdf", PDF), ("chay-toi.exe", b"MZ")],
        )
    assert _files(media) == files_before
    assert StoredFile.objects.count() == rows_before
