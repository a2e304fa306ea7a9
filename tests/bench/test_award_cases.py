"""The award benchmarks on a small scale: the sector's eligibility against its floor, and a
round's page read in the same number of queries at two sizes."""

import pytest

from bench.award_cases import eligibility_cases, judge_all, read_all, round_page_cases, sector_cases
from tests.builders.people import persona
from thidua.rulebook.selectors import rule_book
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db


def test_every_subject_is_judged_for_every_award_and_the_floor_reads_the_same_cases() -> None:
    rulebook_load()
    cases = sector_cases(people=40, units=6)
    # 7 individual awards a person (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, Chiến sĩ thi đua
    # of the Commission, the Commission's and the Prime Minister's Bằng khen, Giấy khen, the
    # medal) and 6 collective awards a unit (Tập thể lao động tiên tiến and xuất sắc, both
    # flags, the Commission's Bằng khen, Giấy khen).
    assert len(cases) == 40 * 7 + 6 * 6
    outcomes = judge_all(cases, rule_book())
    assert sum(outcomes.values()) == len(cases)
    assert outcomes["eligible"] > 0
    assert outcomes["not_eligible"] > 0
    assert read_all(cases) > 0


def test_the_eligibility_figure_reports_its_ratio_to_the_floor() -> None:
    engine, floor = eligibility_cases(2, people=30, units=5)
    assert "of the floor" in engine.notes
    assert engine.repetitions == floor.repetitions == 2
    assert engine.queries == floor.queries == 0  # the engine judges in memory


def test_a_round_page_reads_as_many_queries_at_twelve_candidates_as_at_two() -> None:
    persona("thuongtruc")
    results = round_page_cases(1, sizes=(2, 12))
    assert len(results) == 4
    view_small, api_small, view_large, api_large = results
    assert view_small.queries == view_large.queries > 0
    assert api_small.queries == api_large.queries
    assert "12 rows, 12 grants" in view_large.notes
    assert "HTTP 200" in api_large.notes
