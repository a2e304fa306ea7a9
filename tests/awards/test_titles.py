"""The emulation titles, condition by condition (Luật 06/2022/QH15 Điều 23, 24, 27; for
achievement before 2024 the 2003 Law's Điều 23). Expected answers written from the law."""

import datetime as dt

from tests.awards.cases import failed, judge
from thidua.awards.engine.catalogue import SubjectKind
from thidua.rulebook.engine.types import Outcome

CSTDCS = "base_emulation_fighter"
COLLECTIVE = SubjectKind.COLLECTIVE


def test_advanced_worker_needs_good_or_better() -> None:
    assert judge("advanced_worker", {2024: {"rating": "good"}}).outcome == Outcome.ELIGIBLE
    assert judge("advanced_worker", {2024: {"rating": "excellent"}}).outcome == Outcome.ELIGIBLE
    refused = judge("advanced_worker", {2024: {"rating": "completed"}})
    assert refused.outcome == Outcome.NOT_ELIGIBLE
    assert failed(refused) == [
        "Lao động tiên tiến: cần hoàn thành tốt nhiệm vụ trở lên; năm 2024: hoàn thành nhiệm vụ."
    ]
    line = next(line for line in refused.lines if line.met is False)
    assert line.citation is not None
    assert line.citation.text == "Điều 24 Luật 06/2022/QH15"


def test_a_missing_rating_cannot_be_judged() -> None:
    verdict = judge("advanced_worker", {2024: {"titles": []}})
    assert verdict.outcome == Outcome.CANNOT_TELL
    assert [line.met for line in verdict.lines][-1] is None


def test_no_year_at_all_cannot_be_judged() -> None:
    assert judge("advanced_worker", {}).outcome == Outcome.CANNOT_TELL


def test_base_fighter_from_2024_excellent_without_initiative() -> None:
    # Since 2024-01-01: Lao động tiên tiến and (excellent or an initiative).
    assert judge(CSTDCS, {2024: {"rating": "excellent", "initiatives": 0}}).outcome == (
        Outcome.ELIGIBLE
    )
    assert judge(CSTDCS, {2024: {"rating": "good", "initiatives": 1}}).outcome == Outcome.ELIGIBLE
    refused = judge(CSTDCS, {2024: {"rating": "good", "initiatives": 0}})
    assert refused.outcome == Outcome.NOT_ELIGIBLE


def test_base_fighter_for_2023_needed_an_initiative() -> None:
    # Achievement of 2023 falls under the 2003 Law (Điều 23): an initiative was required,
    # even when it is judged in 2024 or later.
    refused = judge(CSTDCS, {2023: {"rating": "excellent", "initiatives": 0}})
    assert refused.outcome == Outcome.NOT_ELIGIBLE
    line = next(line for line in refused.lines if line.met is False)
    assert "cần có sáng kiến" in line.text()
    assert line.citation is not None
    assert line.citation.text.startswith("Điều 23 Luật Thi đua, khen thưởng 2003")
    eligible = judge(CSTDCS, {2023: {"rating": "good", "initiatives": 1}})
    assert eligible.outcome == Outcome.ELIGIBLE


def test_base_fighter_initiative_unknown_before_2024_cannot_tell() -> None:
    assert judge(CSTDCS, {2023: {"rating": "excellent"}}).outcome == Outcome.CANNOT_TELL


def test_base_fighter_not_advanced_worker_is_not_eligible() -> None:
    refused = judge(CSTDCS, {2024: {"rating": "completed", "initiatives": 3}})
    assert refused.outcome == Outcome.NOT_ELIGIBLE


def _unit(**year: object) -> dict[int, dict[str, object]]:
    base: dict[str, object] = {
        "rating": "excellent",
        "members": 10,
        "members_completed": 10,
        "members_ldtt": 7,
        "members_cstdcs": 1,
    }
    return {2024: {**base, **year}}


def test_collective_excellent_all_conditions_met() -> None:
    # 100 % completed, 7/10 = 70 % Lao động tiên tiến, 1 Chiến sĩ thi đua cơ sở.
    verdict = judge("collective_excellent", _unit(), kind=COLLECTIVE)
    assert verdict.outcome == Outcome.ELIGIBLE
    assert all(line.met for line in verdict.lines)


def test_collective_excellent_each_condition_fails() -> None:
    cases = {
        "rating": _unit(rating="good"),
        "completed": _unit(members_completed=9),
        "ldtt": _unit(members_ldtt=6),
        "cstdcs": _unit(members_cstdcs=0),
    }
    for name, history in cases.items():
        verdict = judge("collective_excellent", history, kind=COLLECTIVE)
        assert verdict.outcome == Outcome.NOT_ELIGIBLE, name
        assert len(failed(verdict)) == 1, (name, failed(verdict))
    assert failed(judge("collective_excellent", _unit(members_ldtt=6), kind=COLLECTIVE)) == [
        "Ít nhất 70% cá nhân đạt Lao động tiên tiến: 6/10 năm 2024."
    ]


def test_collective_excellent_without_headcount_cannot_tell() -> None:
    history = {2024: {"rating": "excellent", "members_completed": 10, "members_ldtt": 7}}
    verdict = judge("collective_excellent", history, kind=COLLECTIVE)
    assert verdict.outcome == Outcome.CANNOT_TELL


def test_the_commission_flag_goes_to_the_cluster_leader() -> None:
    on = dt.date(2025, 1, 15)
    for award in ("commission_flag", "government_flag"):
        led = judge(award, {2024: {"leads_cluster": True}}, on=on, kind=COLLECTIVE)
        assert led.outcome == Outcome.ELIGIBLE
        other = judge(award, {2024: {"leads_cluster": False}}, on=on, kind=COLLECTIVE)
        assert other.outcome == Outcome.NOT_ELIGIBLE
        unknown = judge(award, {2024: {"rating": "excellent"}}, on=on, kind=COLLECTIVE)
        assert unknown.outcome == Outcome.CANNOT_TELL
    line = judge("commission_flag", {2024: {"leads_cluster": False}}, kind=COLLECTIVE).lines[-1]
    assert line.citation is not None
    assert line.citation.text == "Điều 26 Luật 06/2022/QH15"
