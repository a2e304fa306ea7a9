"""Bằng khen of the Commission (ministry level, Điều 74 khoản 1 điểm d Luật 06/2022/QH15) and
of the Prime Minister (Điều 73 khoản 1 điểm b). Expected answers written from the law."""

import datetime as dt

import pytest

from tests.awards.cases import failed, judge, shipped_book, shipped_catalogue
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.eligibility import NotJudged, eligibility
from thidua.awards.engine.history import case_read
from thidua.rulebook.engine.types import Outcome

BK = "commission_certificate"
CSTDCS = "base_emulation_fighter"


def test_worked_example_second_branch() -> None:
    # Bộ Nội vụ's example: 2023 excellent + 1 initiative, 2024 excellent + 1 initiative +
    # CSTĐCS: not twice CSTĐCS (branch 1), but two excellent years with 2 initiatives.
    history = {
        "2023": {"rating": "excellent", "initiatives": 1},
        "2024": {"rating": "excellent", "initiatives": 1, "titles": [CSTDCS]},
    }
    verdict = judge(BK, history)
    assert verdict.outcome == Outcome.ELIGIBLE
    assert "Nhánh 1: cần 2 lần liên tục Chiến sĩ thi đua cơ sở; năm 2023 không đạt." in failed(
        verdict
    )
    assert verdict.citation is not None
    assert verdict.citation.text == "Điều 74 khoản 1 điểm d Luật 06/2022/QH15"


def test_first_branch_twice_base_fighter() -> None:
    history = {
        2023: {"rating": "good", "initiatives": 0, "titles": [CSTDCS]},
        2024: {"rating": "good", "initiatives": 0, "titles": [CSTDCS]},
    }
    assert judge(BK, history).outcome == Outcome.ELIGIBLE


def test_neither_branch() -> None:
    history = {
        2023: {"rating": "good", "initiatives": 1},
        2024: {"rating": "excellent", "initiatives": 1, "titles": [CSTDCS]},
    }
    verdict = judge(BK, history)
    assert verdict.outcome == Outcome.NOT_ELIGIBLE
    assert failed(verdict) == [
        "Nhánh 1: cần 2 lần liên tục Chiến sĩ thi đua cơ sở; năm 2023 không đạt.",
        "Nhánh 2: cần 2 năm liên tục hoàn thành xuất sắc nhiệm vụ; năm 2023 không đạt.",
        "Bằng khen cấp bộ, ban, ngành: đạt một trong hai nhánh của điều kiện.",
    ]


def test_second_branch_short_of_initiatives() -> None:
    history = {
        2023: {"rating": "excellent", "initiatives": 1},
        2024: {"rating": "excellent", "initiatives": 0},
    }
    assert judge(BK, history).outcome == Outcome.NOT_ELIGIBLE


def test_a_missing_year_cannot_tell() -> None:
    history = {2024: {"rating": "excellent", "initiatives": 2, "titles": [CSTDCS]}}
    verdict = judge(BK, history)
    assert verdict.outcome == Outcome.CANNOT_TELL


def test_one_achievement_rewarded_once() -> None:
    # Bằng khen received for the achievement up to 2023: 2023 does not count again.
    history = {
        2022: {"rating": "excellent", "initiatives": 1, "titles": [CSTDCS]},
        2023: {"rating": "excellent", "initiatives": 1, "titles": [CSTDCS], "awards": [BK]},
        2024: {"rating": "excellent", "initiatives": 1, "titles": [CSTDCS]},
    }
    assert judge(BK, history).outcome == Outcome.NOT_ELIGIBLE
    later = {**history, 2025: {"rating": "excellent", "initiatives": 1, "titles": [CSTDCS]}}
    assert judge(BK, later, on=dt.date(2026, 1, 15)).outcome == Outcome.ELIGIBLE
    same_year = judge(CSTDCS, {2024: {"rating": "excellent", "titles": [CSTDCS]}})
    assert same_year.outcome == Outcome.NOT_ELIGIBLE
    assert failed(same_year) == [
        "Năm 2024 đã được tặng Chiến sĩ thi đua cơ sở: một thành tích chỉ khen thưởng một lần."
    ]


def _pm(**changes: dict[str, object]) -> dict[int, dict[str, object]]:
    history: dict[int, dict[str, object]] = {
        2019: {"rating": "excellent", "awards": [BK]},
        2020: {"rating": "good", "titles": [CSTDCS]},
        2021: {"rating": "good"},
        2022: {"rating": "excellent", "titles": [CSTDCS]},
        2023: {"rating": "good"},
        2024: {"rating": "excellent", "titles": [CSTDCS]},
    }
    for year, entry in changes.items():
        history[int(year.removeprefix("y"))] = entry
    return history


def test_prime_minister_certificate() -> None:
    # Bằng khen in 2019, then 2020–2024 good or better with CSTĐCS in 2020, 2022, 2024.
    assert judge("pm_certificate", _pm()).outcome == Outcome.ELIGIBLE


def test_prime_minister_certificate_fails_each_condition() -> None:
    two_titles = _pm(y2022={"rating": "excellent"})
    assert judge("pm_certificate", two_titles).outcome == Outcome.NOT_ELIGIBLE
    one_weak_year = _pm(y2021={"rating": "completed"})
    assert failed(judge("pm_certificate", one_weak_year)) == [
        "Cần 5 năm liên tục hoàn thành tốt nhiệm vụ trở lên; năm 2021 không đạt."
    ]
    no_certificate = _pm(y2019={"rating": "excellent"})
    assert judge("pm_certificate", no_certificate).outcome == Outcome.NOT_ELIGIBLE
    unknown_before = {y: e for y, e in _pm().items() if y != 2019}
    assert judge("pm_certificate", unknown_before).outcome == Outcome.CANNOT_TELL


def test_an_award_the_engine_does_not_judge_is_refused() -> None:
    rules = shipped_book()
    for award, kind in [
        ("collective_advanced", SubjectKind.INDIVIDUAL),
        ("advanced_worker", SubjectKind.COLLECTIVE),
        ("pm_certificate", SubjectKind.COLLECTIVE),
        ("no_such_award", SubjectKind.INDIVIDUAL),
    ]:
        case = case_read({"history": {}}, subject=kind, award=award, judged_on=dt.date(2025, 1, 1))
        with pytest.raises(NotJudged):
            eligibility(case, rules.on(case.judged_on), rules, shipped_catalogue())
