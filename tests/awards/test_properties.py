"""Properties of the eligibility engine over generated histories (hypothesis)."""

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.awards.cases import judge
from thidua.rulebook.engine.types import Outcome

RATINGS = ["excellent", "good", "completed", "not_completed"]
CSTDCS = "base_emulation_fighter"
ON = dt.date(2025, 1, 15)

year_entry = st.fixed_dictionaries(
    {
        "rating": st.sampled_from(RATINGS),
        "initiatives": st.integers(0, 3),
        "titles": st.sampled_from([[], [CSTDCS], ["advanced_worker"]]),
    }
)
# Unrelated: no award of the kind judged, so it neither counts nor marks a reward.
unrelated_entry = st.fixed_dictionaries(
    {"rating": st.sampled_from(RATINGS), "initiatives": st.integers(0, 3)}
)
awards = st.sampled_from(["advanced_worker", CSTDCS, "commission_certificate"])


@settings(max_examples=60, deadline=None)
@given(award=awards, y2023=year_entry, y2024=year_entry, early=unrelated_entry)
def test_an_earlier_unrelated_year_does_not_undo_eligibility(
    award: str, y2023: dict[str, Any], y2024: dict[str, Any], early: dict[str, Any]
) -> None:
    history = {2023: y2023, 2024: y2024}
    before = judge(award, history, on=ON)
    if before.outcome == Outcome.ELIGIBLE:
        # 2015 is before every window counted on 2025-01-15 (two years at most here).
        assert judge(award, {2015: early, **history}, on=ON).outcome == Outcome.ELIGIBLE


@settings(max_examples=60, deadline=None)
@given(
    award=awards,
    y2023=year_entry,
    y2024=year_entry,
    pending=st.lists(
        st.sampled_from(["inspection", "complaint", "disciplinary_review"]), min_size=1
    ),
)
def test_a_pending_matter_never_makes_a_case_eligible(
    award: str, y2023: dict[str, Any], y2024: dict[str, Any], pending: list[str]
) -> None:
    history = {2023: y2023, 2024: y2024}
    with_pending = judge(award, history, on=ON, pending=pending)
    assert with_pending.outcome != Outcome.ELIGIBLE
    if judge(award, history, on=ON).outcome == Outcome.NOT_ELIGIBLE:
        assert with_pending.outcome == Outcome.NOT_ELIGIBLE


@settings(max_examples=60, deadline=None)
@given(
    award=awards,
    entries=st.lists(year_entry, min_size=1, max_size=6),
    order=st.randoms(use_true_random=False),
)
def test_the_order_of_the_years_does_not_matter(
    award: str, entries: list[dict[str, Any]], order: Any
) -> None:
    years = [(2024 - i, entry) for i, entry in enumerate(entries)]
    shuffled = list(years)
    order.shuffle(shuffled)
    first = judge(award, dict(years), on=ON)
    second = judge(award, {str(y): e for y, e in shuffled}, on=ON)
    assert first.outcome == second.outcome
    assert [line.text() for line in first.lines] == [line.text() for line in second.lines]
