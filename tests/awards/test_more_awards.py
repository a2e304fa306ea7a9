"""The awards judged since the engine's second part, condition by condition: Chiến sĩ thi đua
of the Commission (Điều 22), Tập thể lao động tiên tiến (Điều 28), Giấy khen (Điều 75), the
collective Bằng khen (Điều 74 khoản 2) — Luật 06/2022/QH15 — and the sector medal. Expected
answers written from the law and the rule book's shipped parameters."""

import dataclasses
import datetime as dt

import pytest

from tests.awards.cases import failed, judge, shipped_book, shipped_catalogue, texts
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.eligibility import NotJudged
from thidua.awards.engine.evaluators import award_evaluators
from thidua.awards.engine.history import case_read
from thidua.rulebook.engine.facts import FactsInvalid
from thidua.rulebook.engine.types import Outcome, RuleBook, Verdict

CSTDCS = "base_emulation_fighter"
CSTD_BO = "commission_emulation_fighter"
COLLECTIVE = SubjectKind.COLLECTIVE
NEW_LAW = "Luật 06/2022/QH15"
OLD_LAW = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
JAN_2025 = dt.date(2025, 1, 15)


def _unchecked(verdict: Verdict) -> list[str]:
    return [line.text() for line in verdict.lines if line.met is None]


# Chiến sĩ thi đua of the Commission ---
def _fighter(**changes: dict[str, object]) -> dict[int, dict[str, object]]:
    history: dict[int, dict[str, object]] = {
        2022: {
            "rating": "excellent",
            "titles": [CSTDCS],
            "initiatives": 1,
            "initiatives_ministry": 0,
        },
        2023: {
            "rating": "excellent",
            "titles": [CSTDCS],
            "initiatives": 1,
            "initiatives_ministry": 1,
        },
        2024: {"rating": "good", "titles": [CSTDCS], "initiatives": 1, "initiatives_ministry": 0},
    }
    for year, entry in changes.items():
        history[int(year.removeprefix("y"))] = entry
    return history


def test_ministry_fighter_three_base_titles_and_a_ministry_initiative() -> None:
    verdict = judge(CSTD_BO, _fighter())
    assert verdict.outcome == Outcome.ELIGIBLE
    assert "3 lần liên tục Chiến sĩ thi đua cơ sở (năm 2022, 2023, 2024): đạt." in texts(verdict)
    assert (
        "Cần 1 sáng kiến, đề tài được công nhận cấp bộ, ban, ngành trở lên trong các năm 2022, "
        "2023, 2024; có 1." in texts(verdict)
    )
    assert verdict.citation is not None
    assert verdict.citation.text == f"Điều 22 {NEW_LAW}"
    # "Outstanding among those who qualify" is the council's: stated, not judged.
    assert _unchecked(verdict) == [
        "Thành tích tiêu biểu xuất sắc trong số những cá nhân đủ điều kiện: Hội đồng bình xét, "
        "không có trong dữ liệu thành tích."
    ]


def test_ministry_fighter_fails_each_condition() -> None:
    broken = _fighter(y2023={"rating": "excellent", "initiatives": 1, "initiatives_ministry": 1})
    assert judge(CSTD_BO, broken).outcome == Outcome.NOT_ELIGIBLE
    assert failed(judge(CSTD_BO, broken)) == [
        "Cần 3 lần liên tục Chiến sĩ thi đua cơ sở; năm 2023 không đạt."
    ]
    base_only = _fighter(
        y2023={
            "rating": "excellent",
            "titles": [CSTDCS],
            "initiatives": 1,
            "initiatives_ministry": 0,
        }
    )
    assert failed(judge(CSTD_BO, base_only)) == [
        "Cần 1 sáng kiến, đề tài được công nhận cấp bộ, ban, ngành trở lên trong các năm 2022, "
        "2023, 2024; có 0."
    ]


def test_ministry_fighter_without_the_level_of_initiatives_cannot_tell() -> None:
    unknown = _fighter(y2022={"rating": "excellent", "titles": [CSTDCS], "initiatives": 2})
    unknown[2023] = {"rating": "excellent", "titles": [CSTDCS], "initiatives_ministry": 0}
    verdict = judge(CSTD_BO, unknown)
    assert verdict.outcome == Outcome.CANNOT_TELL
    assert (
        "Cần 1 sáng kiến, đề tài được công nhận cấp bộ, ban, ngành trở lên trong các năm 2022, "
        "2023, 2024; chưa có dữ liệu năm 2022." in texts(verdict)
    )
    two_years = {y: e for y, e in _fighter().items() if y != 2022}
    assert judge(CSTD_BO, two_years).outcome == Outcome.CANNOT_TELL


def test_ministry_fighter_is_rewarded_once_for_the_same_titles() -> None:
    history = _fighter(
        y2024={
            "rating": "good",
            "titles": [CSTDCS, CSTD_BO],
            "initiatives": 0,
            "initiatives_ministry": 0,
        },
        y2025={"rating": "good", "titles": [CSTDCS], "initiatives": 1, "initiatives_ministry": 1},
    )
    verdict = judge(CSTD_BO, history, on=dt.date(2026, 1, 15))
    assert verdict.outcome == Outcome.NOT_ELIGIBLE
    assert "Cần 3 lần liên tục Chiến sĩ thi đua cơ sở; năm 2023, 2024 không đạt." in failed(verdict)


def test_ministry_fighter_on_both_sides_of_2024() -> None:
    history = {y - 1: e for y, e in _fighter().items()}  # 2021–2023
    before = judge(CSTD_BO, history, on=dt.date(2023, 12, 31))
    after = judge(CSTD_BO, history, on=dt.date(2024, 1, 1))
    assert before.outcome == after.outcome == Outcome.ELIGIBLE
    assert before.citation is not None
    assert after.citation is not None
    assert before.citation.text == f"Điều 22 {OLD_LAW}"
    assert after.citation.text == f"Điều 22 {NEW_LAW}"


def test_more_ministry_initiatives_than_initiatives_is_refused() -> None:
    with pytest.raises(FactsInvalid) as refused:
        case_read(
            {"history": {"2024": {"initiatives": 1, "initiatives_ministry": 2}}},
            subject=SubjectKind.INDIVIDUAL,
            award=CSTD_BO,
            judged_on=JAN_2025,
        )
    assert set(refused.value.problems) == {"history.2024.initiatives_ministry"}


# Tập thể lao động tiên tiến ---
def _unit(**year: object) -> dict[int, dict[str, object]]:
    return {2024: {"rating": "good", "members": 10, "members_ldtt": 6, **year}}


def test_collective_advanced_good_and_more_than_half_advanced_workers() -> None:
    verdict = judge("collective_advanced", _unit(), kind=COLLECTIVE)
    assert verdict.outcome == Outcome.ELIGIBLE
    assert verdict.citation is not None
    assert verdict.citation.text == f"Điều 28 {NEW_LAW}"
    assert len(_unchecked(verdict)) == 1


def test_collective_advanced_fails_each_condition() -> None:
    # "Trên 50 %": exactly half is not enough.
    half = judge("collective_advanced", _unit(members_ldtt=5), kind=COLLECTIVE)
    assert half.outcome == Outcome.NOT_ELIGIBLE
    assert failed(half) == ["Trên 50% cá nhân đạt Lao động tiên tiến: 5/10 năm 2024."]
    completed = judge("collective_advanced", _unit(rating="completed"), kind=COLLECTIVE)
    assert failed(completed) == [
        "Tập thể lao động tiên tiến: cần hoàn thành tốt nhiệm vụ trở lên; năm 2024: hoàn thành "
        "nhiệm vụ."
    ]
    assert judge("collective_advanced", _unit(rating="excellent"), kind=COLLECTIVE).outcome == (
        Outcome.ELIGIBLE
    )


def test_collective_advanced_without_counts_cannot_tell() -> None:
    history = {2024: {"rating": "good", "members_ldtt": 6}}
    verdict = judge("collective_advanced", history, kind=COLLECTIVE)
    assert verdict.outcome == Outcome.CANNOT_TELL
    assert "Trên 50% cá nhân đạt Lao động tiên tiến: 6/? năm 2024." in texts(verdict)
    no_rating = judge(
        "collective_advanced", {2024: {"members": 10, "members_ldtt": 6}}, kind=COLLECTIVE
    )
    assert no_rating.outcome == Outcome.CANNOT_TELL


def test_collective_advanced_dissolved_on_both_sides_of_2025_07_01() -> None:
    gone = "2025-07-01"
    history = {2024: _unit()[2024]}
    before = judge(
        "collective_advanced", history, on=dt.date(2025, 6, 30), kind=COLLECTIVE, dissolved_on=gone
    )
    after = judge(
        "collective_advanced", history, on=dt.date(2025, 7, 1), kind=COLLECTIVE, dissolved_on=gone
    )
    assert before.outcome == Outcome.ELIGIBLE
    assert after.outcome == Outcome.NOT_ELIGIBLE
    assert failed(after) == [
        "Đơn vị đã giải thể từ ngày 01/07/2025: không được đề nghị khen thưởng."
    ]


# Giấy khen ---
@pytest.mark.parametrize("kind", list(SubjectKind))
def test_certificate_of_merit_needs_a_good_year(kind: SubjectKind) -> None:
    good = judge("certificate_of_merit", {2024: {"rating": "good"}}, kind=kind)
    assert good.outcome == Outcome.ELIGIBLE
    assert good.citation is not None
    assert good.citation.text == f"Điều 75 {NEW_LAW}"
    completed = judge("certificate_of_merit", {2024: {"rating": "completed"}}, kind=kind)
    assert failed(completed) == [
        "Giấy khen: cần hoàn thành tốt nhiệm vụ trở lên; năm 2024: hoàn thành nhiệm vụ."
    ]
    unknown = judge("certificate_of_merit", {2024: {"initiatives": 1}}, kind=kind)
    assert unknown.outcome == Outcome.CANNOT_TELL
    assert texts(unknown)[-1] == (
        "Giấy khen: cần hoàn thành tốt nhiệm vụ trở lên; chưa có xếp loại năm 2024."
    )
    old = judge(
        "certificate_of_merit", {2023: {"rating": "good"}}, on=dt.date(2023, 12, 31), kind=kind
    )
    assert old.outcome == Outcome.ELIGIBLE
    assert old.citation is not None
    assert old.citation.text == "Nghị định 91/2017/NĐ-CP"


def test_certificate_of_merit_rating_is_the_secretariats_parameter() -> None:
    # The secretariat sets "completed" for individuals: a completed year then qualifies, and
    # the collective's own parameter is untouched.
    shipped = shipped_book()
    key = "certificate_of_merit.individual.min_rating"
    book = RuleBook(
        tuple(
            dataclasses.replace(v, value="completed") if v.key == key else v for v in shipped.values
        )
    )
    history = {2024: {"rating": "completed"}}
    assert judge("certificate_of_merit", history, book=book).outcome == Outcome.ELIGIBLE
    assert judge("certificate_of_merit", history, book=book, kind=COLLECTIVE).outcome == (
        Outcome.NOT_ELIGIBLE
    )


# The collective Bằng khen of the Commission ---
def test_collective_certificate_two_excellent_years() -> None:
    history = {2023: {"rating": "excellent"}, 2024: {"rating": "excellent"}}
    verdict = judge("commission_certificate", history, kind=COLLECTIVE)
    assert verdict.outcome == Outcome.ELIGIBLE
    assert verdict.citation is not None
    assert verdict.citation.text == f"Điều 74 khoản 2 {NEW_LAW}"
    assert "2 năm liên tục hoàn thành xuất sắc nhiệm vụ (năm 2023, 2024): đạt." in texts(verdict)
    assert _unchecked(verdict) == [
        "Nội bộ đoàn kết, thực hiện tốt dân chủ ở cơ sở, tổ chức tốt phong trào thi đua, chăm lo "
        "đời sống thành viên: không có trong dữ liệu thành tích, Hội đồng xem xét theo hồ sơ."
    ]


def test_collective_certificate_fails_and_cannot_tell() -> None:
    weak = {2023: {"rating": "good"}, 2024: {"rating": "excellent"}}
    assert failed(judge("commission_certificate", weak, kind=COLLECTIVE)) == [
        "Cần 2 năm liên tục hoàn thành xuất sắc nhiệm vụ; năm 2023 không đạt."
    ]
    alone = judge("commission_certificate", {2024: {"rating": "excellent"}}, kind=COLLECTIVE)
    assert alone.outcome == Outcome.CANNOT_TELL
    assert "Cần 2 năm liên tục hoàn thành xuất sắc nhiệm vụ; chưa có xếp loại năm 2023." in (
        texts(alone)
    )


def test_collective_certificate_on_both_sides_of_2024() -> None:
    history = {2022: {"rating": "excellent"}, 2023: {"rating": "excellent"}}
    before = judge("commission_certificate", history, on=dt.date(2023, 12, 31), kind=COLLECTIVE)
    after = judge("commission_certificate", history, on=dt.date(2024, 1, 1), kind=COLLECTIVE)
    assert before.outcome == after.outcome == Outcome.ELIGIBLE
    assert before.citation is not None
    assert after.citation is not None
    assert before.citation.text == "Nghị định 91/2017/NĐ-CP"
    assert after.citation.text == f"Điều 74 khoản 2 {NEW_LAW}"


# The sector medal ---
def test_the_medal_cannot_tell_without_years_of_service() -> None:
    history = {y: {"rating": "excellent"} for y in range(2005, 2025)}
    verdict = judge("sector_medal", history)
    assert verdict.outcome == Outcome.CANNOT_TELL
    assert texts(verdict)[-1] == (
        "Cần ít nhất 20 năm công tác trong ngành; dữ liệu thành tích không ghi số năm công tác "
        "nên chưa kết luận được."
    )
    # A bar still answers: a pending matter makes it "not eligible", whatever the service.
    assert judge("sector_medal", history, pending=["inspection"]).outcome == Outcome.NOT_ELIGIBLE


def test_subjects_an_award_does_not_go_to_are_refused() -> None:
    for award, kind in [
        ("sector_medal", COLLECTIVE),
        (CSTD_BO, COLLECTIVE),
        ("collective_advanced", SubjectKind.INDIVIDUAL),
    ]:
        with pytest.raises(NotJudged):
            judge(award, {2024: {"rating": "good"}}, kind=kind)


def test_every_judged_award_and_subject_is_a_rule_book_evaluator() -> None:
    names = {e.name for e in award_evaluators(shipped_catalogue(), shipped_book)}
    assert names == {
        "qualifies.advanced_worker",
        "qualifies.base_emulation_fighter",
        "qualifies.commission_emulation_fighter",
        "qualifies.collective_advanced",
        "qualifies.collective_excellent",
        "qualifies.commission_flag",
        "qualifies.commission_certificate",
        "qualifies.commission_certificate.collective",
        "qualifies.certificate_of_merit",
        "qualifies.certificate_of_merit.collective",
        "qualifies.pm_certificate",
        "qualifies.government_flag",
        "qualifies.sector_medal",
    }
    evaluator = next(
        e
        for e in award_evaluators(shipped_catalogue(), shipped_book)
        if e.name == "qualifies.commission_certificate.collective"
    )
    verdict = evaluator.evaluate(
        {"history": {"2023": {"rating": "excellent"}, "2024": {"rating": "good"}}},
        shipped_book().on(JAN_2025),
    )
    assert verdict.outcome == Outcome.NOT_ELIGIBLE
    assert {f.name for f in evaluator.facts} == {"history", "pending", "discipline", "dissolved_on"}


@pytest.mark.parametrize(
    ("award", "kind", "history"),
    [
        (CSTD_BO, SubjectKind.INDIVIDUAL, _fighter()),
        ("collective_advanced", COLLECTIVE, _unit()),
        ("certificate_of_merit", SubjectKind.INDIVIDUAL, {2024: {"rating": "good"}}),
        ("certificate_of_merit", COLLECTIVE, {2024: {"rating": "good"}}),
        (
            "commission_certificate",
            COLLECTIVE,
            {2023: {"rating": "excellent"}, 2024: {"rating": "excellent"}},
        ),
    ],
)
def test_a_pending_matter_bars_each_new_award_on_both_sides_of_2025_07_01(
    award: str, kind: SubjectKind, history: dict[int, dict[str, object]]
) -> None:
    assert judge(award, history, on=dt.date(2025, 6, 30), kind=kind).outcome == Outcome.ELIGIBLE
    for day, decree in [
        (dt.date(2025, 6, 30), "Nghị định 98/2023/NĐ-CP"),
        (dt.date(2025, 7, 1), "Nghị định 152/2025/NĐ-CP"),
    ]:
        barred = judge(award, history, on=day, kind=kind, pending=["disciplinary_review"])
        assert barred.outcome == Outcome.NOT_ELIGIBLE
        lines = [line for line in barred.lines if line.met is False]
        assert [line.text() for line in lines] == [
            "Đang có vụ việc chưa giải quyết xong (đang xem xét kỷ luật): chưa khen thưởng."
        ]
        assert lines[0].citation is not None
        assert lines[0].citation.text == decree
