"""What bars every award: pending matters, discipline, dissolved units (Thông tư 15/2025/TT-BNV
from 2025-07-01), each on both sides of the date its rule changes."""

import datetime as dt

import pytest

from tests.awards.cases import failed, judge
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.history import case_read
from thidua.rulebook.engine.facts import FactsInvalid
from thidua.rulebook.engine.types import Outcome

GOOD = {2024: {"rating": "good"}}
LDTT = "advanced_worker"


def test_a_pending_matter_bars_the_award_with_the_decree_in_force() -> None:
    before = judge(LDTT, GOOD, on=dt.date(2025, 6, 30), pending=["inspection"])
    assert before.outcome == Outcome.NOT_ELIGIBLE
    line = next(line for line in before.lines if line.met is False)
    assert line.text() == (
        "Đang có vụ việc chưa giải quyết xong (đang thanh tra, kiểm tra): chưa khen thưởng."
    )
    assert line.citation is not None
    assert line.citation.text == "Nghị định 98/2023/NĐ-CP"
    after = judge(LDTT, GOOD, on=dt.date(2025, 7, 1), pending=["complaint"])
    assert after.outcome == Outcome.NOT_ELIGIBLE
    line = next(line for line in after.lines if line.met is False)
    assert line.citation is not None
    assert line.citation.text == "Nghị định 152/2025/NĐ-CP"
    assert judge(LDTT, GOOD, on=dt.date(2025, 7, 1)).outcome == Outcome.ELIGIBLE


def _unit() -> dict[int, dict[str, object]]:
    return {2024: {"leads_cluster": True}}


def test_a_dissolved_unit_cannot_be_proposed_from_2025_07_01() -> None:
    kind = SubjectKind.COLLECTIVE
    gone = "2025-07-01"
    # The day before: the unit still exists (and the circular is not yet in force).
    day_before = judge(
        "commission_flag", _unit(), on=dt.date(2025, 6, 30), kind=kind, dissolved_on=gone
    )
    assert day_before.outcome == Outcome.ELIGIBLE
    refused = judge(
        "commission_flag", _unit(), on=dt.date(2025, 7, 1), kind=kind, dissolved_on=gone
    )
    assert refused.outcome == Outcome.NOT_ELIGIBLE
    line = next(line for line in refused.lines if line.met is False)
    assert line.text() == "Đơn vị đã giải thể từ ngày 01/07/2025: không được đề nghị khen thưởng."
    assert line.citation is not None
    assert line.citation.text == "Thông tư 15/2025/TT-BNV"
    alive = judge("commission_flag", _unit(), on=dt.date(2025, 8, 1), kind=kind)
    assert alive.outcome == Outcome.ELIGIBLE


def test_achievement_counts_from_the_end_of_discipline() -> None:
    bk = "commission_certificate"
    history = {
        2023: {"rating": "excellent", "initiatives": 1},
        2024: {"rating": "excellent", "initiatives": 1},
        2025: {"rating": "excellent", "initiatives": 1},
    }
    served = [{"start": "2023-03-01", "end": "2023-08-31"}]
    refused = judge(bk, {y: history[y] for y in (2023, 2024)}, discipline=served)
    assert refused.outcome == Outcome.NOT_ELIGIBLE
    assert "Nhánh 2: cần 2 năm liên tục hoàn thành xuất sắc nhiệm vụ; năm 2023 không đạt." in (
        failed(refused)
    )
    later = judge(bk, history, on=dt.date(2026, 1, 15), discipline=served)
    assert later.outcome == Outcome.ELIGIBLE
    assert any("thành tích chỉ tính từ năm 2024" in line.text() for line in later.lines)
    serving = judge(LDTT, GOOD, discipline=[{"start": "2024-10-01"}])
    assert serving.outcome == Outcome.NOT_ELIGIBLE
    ended_in_year = judge(LDTT, GOOD, discipline=[{"start": "2024-01-10", "end": "2024-06-30"}])
    assert ended_in_year.outcome == Outcome.NOT_ELIGIBLE


def test_bad_facts_are_refused_each_under_its_name() -> None:
    with pytest.raises(FactsInvalid) as refused:
        case_read(
            {
                "history": {
                    "2024": {"rating": "great", "members": 3, "members_completed": 4},
                    "abc": {},
                    "2026": {},
                },
                "discipline": [{"start": "2024-05-01", "end": "2024-01-01"}],
                "pending": "inspection",
            },
            subject=SubjectKind.COLLECTIVE,
            award="collective_excellent",
            judged_on=dt.date(2025, 1, 15),
        )
    assert set(refused.value.problems) == {
        "history.2024.rating",
        "history.2024.members_completed",
        "history.abc",
        "history.2026",
        "discipline.0.end",
        "pending",
    }
