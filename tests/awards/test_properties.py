"""Properties of the eligibility engine over generated histories (hypothesis), for every award
and subject the engine judges: individuals and collectives."""

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.awards.cases import judge
from thidua.awards.engine.catalogue import SubjectKind
from thidua.rulebook.engine.types import Outcome

RATINGS = ["excellent", "good", "completed", "not_completed"]
CSTDCS = "base_emulation_fighter"
ON = dt.date(2025, 1, 15)
ONE, GROUP = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE


@st.composite
def person_year(draw: st.DrawFn) -> dict[str, Any]:
    initiatives = draw(st.integers(0, 3))
    return {
        "rating": draw(st.sampled_from(RATINGS)),
        "initiatives": initiatives,
        "initiatives_ministry": draw(st.integers(0, initiatives)),
        # Chiến sĩ thi đua cơ sở twice as often, so that runs of titles happen.
        "titles": draw(st.sampled_from([[], [CSTDCS], [CSTDCS], ["advanced_worker"]])),
    }


@st.composite
def unit_year(draw: st.DrawFn) -> dict[str, Any]:
    members = draw(st.integers(1, 12))
    return {
        "rating": draw(st.sampled_from(RATINGS)),
        "members": members,
        "members_completed": draw(st.integers(0, members)),
        "members_ldtt": draw(st.integers(0, members)),
        "members_cstdcs": draw(st.integers(0, members)),
        "leads_cluster": draw(st.booleans()),
    }


# Unrelated: no award of the kind judged, so it neither counts nor marks a reward.
unrelated_person = st.fixed_dictionaries(
    {"rating": st.sampled_from(RATINGS), "initiatives": st.integers(0, 3)}
)
unrelated_unit = st.fixed_dictionaries(
    {"rating": st.sampled_from(RATINGS), "members": st.integers(1, 12)}
)
INDIVIDUAL_AWARDS = [
    "advanced_worker",
    CSTDCS,
    "commission_emulation_fighter",
    "commission_certificate",
    "certificate_of_merit",
    "pm_certificate",
    "sector_medal",
]
COLLECTIVE_AWARDS = [
    "collective_advanced",
    "collective_excellent",
    "commission_certificate",
    "certificate_of_merit",
    "commission_flag",
    "government_flag",
]
cases = st.one_of(
    st.tuples(
        st.just(ONE),
        st.sampled_from(INDIVIDUAL_AWARDS),
        st.lists(person_year(), min_size=3, max_size=3),
    ),
    st.tuples(
        st.just(GROUP),
        st.sampled_from(COLLECTIVE_AWARDS),
        st.lists(unit_year(), min_size=3, max_size=3),
    ),
)


def _years(entries: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """2022, 2023, 2024: the longest window judged on 2025-01-15 that matters here (three
    consecutive titles) ends there."""
    return {2024 - i: entry for i, entry in enumerate(entries)}


@settings(max_examples=120, deadline=None)
@given(case=cases, early_person=unrelated_person, early_unit=unrelated_unit)
def test_an_earlier_unrelated_year_does_not_undo_eligibility(
    case: tuple[SubjectKind, str, list[dict[str, Any]]],
    early_person: dict[str, Any],
    early_unit: dict[str, Any],
) -> None:
    kind, award, entries = case
    history = _years(entries)
    before = judge(award, history, on=ON, kind=kind)
    if before.outcome == Outcome.ELIGIBLE:
        # 2015 is before every window counted on 2025-01-15 (three years at most here; the
        # Prime Minister's Bằng khen, five years, cannot qualify on three years of history).
        early = early_person if kind == ONE else early_unit
        after = judge(award, {2015: early, **history}, on=ON, kind=kind)
        assert after.outcome == Outcome.ELIGIBLE


@settings(max_examples=120, deadline=None)
@given(
    case=cases,
    pending=st.lists(
        st.sampled_from(["inspection", "complaint", "disciplinary_review"]), min_size=1
    ),
)
def test_a_pending_matter_never_makes_a_case_eligible(
    case: tuple[SubjectKind, str, list[dict[str, Any]]], pending: list[str]
) -> None:
    kind, award, entries = case
    history = _years(entries)
    with_pending = judge(award, history, on=ON, kind=kind, pending=pending)
    assert with_pending.outcome != Outcome.ELIGIBLE
    if judge(award, history, on=ON, kind=kind).outcome == Outcome.NOT_ELIGIBLE:
        assert with_pending.outcome == Outcome.NOT_ELIGIBLE


@settings(max_examples=120, deadline=None)
@given(
    kind_award=st.one_of(
        st.tuples(st.just(ONE), st.sampled_from(INDIVIDUAL_AWARDS)),
        st.tuples(st.just(GROUP), st.sampled_from(COLLECTIVE_AWARDS)),
    ),
    people=st.lists(person_year(), min_size=1, max_size=7),
    units=st.lists(unit_year(), min_size=1, max_size=7),
    order=st.randoms(use_true_random=False),
)
def test_the_order_of_the_years_does_not_matter(
    kind_award: tuple[SubjectKind, str],
    people: list[dict[str, Any]],
    units: list[dict[str, Any]],
    order: Any,
) -> None:
    kind, award = kind_award
    entries = people if kind == ONE else units
    years = [(2024 - i, entry) for i, entry in enumerate(entries)]
    shuffled = list(years)
    order.shuffle(shuffled)
    first = judge(award, dict(years), on=ON, kind=kind)
    second = judge(award, {str(y): e for y, e in shuffled}, on=ON, kind=kind)
    assert first.outcome == second.outcome
    assert [line.text() for line in first.lines] == [line.text() for line in second.lines]
