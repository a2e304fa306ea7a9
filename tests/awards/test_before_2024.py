"""Achievement years 2017–2023 judged under the rules in force before 2024: the 2003 Law (as
amended in 2005 and 2013) and Nghị định 91/2017/NĐ-CP, from 2017-10-01 to 2023-12-31.

Every award rule that starts on 2024-01-01 has an interval before it; a case judged in 2019
finds each of them with its old citation. The citations below are written by hand from the
rule book's sources, not read back from it.
"""

import datetime as dt

import pytest

from tests.awards.cases import failed, judge, shipped_book
from thidua.awards.engine.catalogue import SubjectKind
from thidua.rulebook.engine.types import Confidence, Outcome, RuleMissing

OLD_LAW = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"
OLD_DECREE = "Nghị định 91/2017/NĐ-CP"
ON_2019 = dt.date(2019, 1, 15)
COLLECTIVE = SubjectKind.COLLECTIVE
CSTDCS = "base_emulation_fighter"

# key → (its citation in 2019, its value in 2019), by hand.
OLD_RULES: dict[str, tuple[str, object]] = {
    "advanced_worker.min_rating": (f"Điều 24 {OLD_LAW}", "good"),
    "collective_excellent.requires_excellent_rating": (f"Điều 27 {OLD_LAW}", True),
    "collective_excellent.min_share_completed": (f"Điều 27 {OLD_LAW}", "1"),
    "collective_excellent.min_share_advanced_workers": (f"Điều 27 {OLD_LAW}", "0.70"),
    "collective_excellent.min_base_emulation_fighters": (f"Điều 27 {OLD_LAW}", 1),
    "ministry_certificate.consecutive_base_fighter_titles": (OLD_DECREE, 2),
    "ministry_certificate.consecutive_excellent_years": (OLD_DECREE, 2),
    "ministry_certificate.initiatives_in_excellent_years": (OLD_DECREE, 2),
    "ministry_certificate.collective_consecutive_excellent_years": (OLD_DECREE, 2),
    "pm_certificate.requires_ministry_certificate": (OLD_DECREE, True),
    "pm_certificate.consecutive_good_years": (OLD_DECREE, 5),
    "pm_certificate.base_fighter_titles_in_period": (OLD_DECREE, 3),
    "award.pending_matter_bars": (OLD_DECREE, True),
    "award.one_achievement_rewarded_once": (OLD_LAW, True),
    "award.achievement_counts_after_discipline": (OLD_DECREE, True),
    "government_flag.requires_cluster_lead": (f"Điều 25 {OLD_LAW}", True),
    "base_emulation_fighter.max_share_of_advanced_workers": (OLD_DECREE, "0.15"),
    "ministry_emulation_fighter.consecutive_base_fighter_titles": (f"Điều 22 {OLD_LAW}", 3),
    "ministry_emulation_fighter.ministry_level_initiatives": (f"Điều 22 {OLD_LAW}", 1),
    "collective_advanced.min_rating": (f"Điều 28 {OLD_LAW}", "good"),
    "collective_advanced.advanced_workers_above": (f"Điều 28 {OLD_LAW}", "0.50"),
    "certificate_of_merit.individual.min_rating": (OLD_DECREE, "good"),
    "certificate_of_merit.collective.min_rating": (OLD_DECREE, "good"),
    "sector_medal.min_years_of_service": (OLD_LAW, 20),
}


@pytest.mark.parametrize("key", sorted(OLD_RULES))
def test_each_award_rule_is_found_in_2019_with_its_old_citation(key: str) -> None:
    citation, value = OLD_RULES[key]
    found = shipped_book().on(ON_2019).get(key)
    assert found.citation.text == citation
    assert found.value == value
    # Not checked against the old text line by line: a parameter, never shipped as confirmed.
    assert found.confidence in {Confidence.UNCONFIRMED, Confidence.PARTLY}
    assert found.valid_from == dt.date(2017, 10, 1)
    assert found.valid_to == dt.date(2023, 12, 31)


@pytest.mark.parametrize("key", sorted(OLD_RULES))
def test_the_same_rule_changes_instrument_on_2024_01_01(key: str) -> None:
    book = shipped_book()
    last_old, first_new = book.on(dt.date(2023, 12, 31)).get(key), book.on(dt.date(2024, 1, 1))
    assert last_old.citation.text == OLD_RULES[key][0]
    assert first_new.get(key).citation.instrument not in {OLD_LAW, OLD_DECREE}


def test_the_government_flag_quota_starts_with_its_2024_letter() -> None:
    # Công văn 5007/BNV-TĐKT: no quota is known before it, so none is invented.
    assert "government_flag.max_share_of_cluster_leaders" not in shipped_book().on(ON_2019)


def test_before_the_2017_decree_the_book_cannot_judge() -> None:
    with pytest.raises(RuleMissing) as missing:
        judge("advanced_worker", {2017: {"rating": "good"}}, on=dt.date(2017, 9, 30))
    assert missing.value.key == "advanced_worker.min_rating"


def _cited(verdict_lines: object, fragment: str) -> set[str]:
    return {
        line.citation.text
        for line in verdict_lines  # type: ignore[attr-defined]
        if line.citation is not None and fragment in line.text()
    }


def test_titles_judged_in_2019() -> None:
    ldtt = judge("advanced_worker", {2018: {"rating": "good"}}, on=ON_2019)
    assert ldtt.outcome == Outcome.ELIGIBLE
    assert ldtt.citation is not None
    assert ldtt.citation.text == f"Điều 24 {OLD_LAW}"
    assert judge("advanced_worker", {2018: {"rating": "completed"}}, on=ON_2019).outcome == (
        Outcome.NOT_ELIGIBLE
    )
    # Before 2024 Chiến sĩ thi đua cơ sở needed an initiative, even for an excellent year.
    assert judge(CSTDCS, {2018: {"rating": "good", "initiatives": 1}}, on=ON_2019).outcome == (
        Outcome.ELIGIBLE
    )
    assert judge(CSTDCS, {2018: {"rating": "excellent", "initiatives": 0}}, on=ON_2019).outcome == (
        Outcome.NOT_ELIGIBLE
    )
    unit = {
        2018: {
            "rating": "excellent",
            "members": 20,
            "members_completed": 20,
            "members_ldtt": 14,
            "members_cstdcs": 2,
        }
    }
    txlds = judge("collective_excellent", unit, on=ON_2019, kind=COLLECTIVE)
    assert txlds.outcome == Outcome.ELIGIBLE
    assert _cited(txlds.lines, "Lao động tiên tiến") == {f"Điều 27 {OLD_LAW}"}


def test_certificates_judged_in_2019() -> None:
    # The worked example two years earlier: 2017 and 2018 excellent with one initiative each.
    history = {
        2017: {"rating": "excellent", "initiatives": 1},
        2018: {"rating": "excellent", "initiatives": 1},
    }
    verdict = judge("commission_certificate", history, on=ON_2019)
    assert verdict.outcome == Outcome.ELIGIBLE
    assert verdict.citation is not None
    assert verdict.citation.text == OLD_DECREE
    pm: dict[int, dict[str, object]] = {
        2013: {"rating": "excellent", "awards": ["commission_certificate"]},
        2014: {"rating": "good", "titles": [CSTDCS]},
        2015: {"rating": "good"},
        2016: {"rating": "excellent", "titles": [CSTDCS]},
        2017: {"rating": "good"},
        2018: {"rating": "excellent", "titles": [CSTDCS]},
    }
    assert judge("pm_certificate", pm, on=ON_2019).outcome == Outcome.ELIGIBLE


def test_the_2017_round_flag_for_the_cluster_leader() -> None:
    # The demo's 2017 round, judged early in 2018: the leader of cluster 4 is proposed.
    on = dt.date(2018, 1, 15)
    led = judge("commission_flag", {2017: {"leads_cluster": True}}, on=on, kind=COLLECTIVE)
    assert led.outcome == Outcome.ELIGIBLE
    gov = judge("government_flag", {2017: {"leads_cluster": False}}, on=on, kind=COLLECTIVE)
    assert gov.outcome == Outcome.NOT_ELIGIBLE
    assert gov.citation is not None
    assert gov.citation.text == f"Điều 25 {OLD_LAW}"


def test_bars_in_2019_cite_the_old_instruments() -> None:
    good = {2018: {"rating": "good"}}
    pending = judge("advanced_worker", good, on=ON_2019, pending=["complaint"])
    assert pending.outcome == Outcome.NOT_ELIGIBLE
    assert _cited(pending.lines, "Đang có vụ việc") == {OLD_DECREE}
    serving = judge("advanced_worker", good, on=ON_2019, discipline=[{"start": "2018-11-01"}])
    assert serving.outcome == Outcome.NOT_ELIGIBLE
    assert _cited(serving.lines, "Đang trong thời gian kỷ luật") == {OLD_DECREE}
    again = judge(
        "advanced_worker", {2018: {"rating": "good", "titles": ["advanced_worker"]}}, on=ON_2019
    )
    assert failed(again) == [
        "Năm 2018 đã được tặng Lao động tiên tiến: một thành tích chỉ khen thưởng một lần."
    ]
    assert _cited(again.lines, "một thành tích chỉ khen thưởng một lần") == {OLD_LAW}
    # No dissolved-unit bar before Thông tư 15/2025/TT-BNV (from 2025-07-01).
    flag = judge(
        "commission_flag",
        {2018: {"leads_cluster": True}},
        on=ON_2019,
        kind=COLLECTIVE,
        dissolved_on="2018-12-31",
    )
    assert flag.outcome == Outcome.ELIGIBLE
