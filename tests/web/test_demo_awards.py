"""The demo's awards (thidua/web/demo/awards_demo.py): cluster 4's 2017 round from its published
ranking and cluster 3's 2023 round of seed 004, both decided with prize money worked out here
by hand, and two staff of the Đắk Lắk board eligible for the Commission's certificate by each
branch of Art. 74.1.d.

The module's ``demo`` fixture (tests/conftest.py) has built it; these tests read what it left.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.web.demo_data import demo_term
from thidua.audit.models import AuditEvent
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.eligibility import eligibility
from thidua.awards.models import (
    AchievementYear,
    Candidate,
    Grant,
    NominationRound,
    RecordSource,
    RoundLevel,
    RoundStatus,
)
from thidua.awards.selectors.history import people_histories
from thidua.awards.selectors.judging import catalogue
from thidua.core.models import Transition
from thidua.orgs.models import Person
from thidua.rulebook.models import Rule
from thidua.rulebook.selectors import rule_book
from thidua.web.demo.awards_demo import awards_demo_load
from thidua.web.demo.loader import board_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
D = dt.date


def _round_2017() -> NominationRound:
    return NominationRound.objects.get(level=RoundLevel.CLUSTER, term=demo_term(4, 2017))


def _round_2023() -> NominationRound:
    return NominationRound.objects.get(level=RoundLevel.COUNCIL, year=2023)


def _prizes(round_: NominationRound) -> dict[tuple[str, bool], list[Decimal]]:
    found: dict[tuple[str, bool], list[Decimal]] = {}
    for grant in Grant.objects.filter(decision__round=round_):
        assert grant.prize is not None, grant.prize_basis
        found.setdefault((grant.award, grant.person_id is not None), []).append(grant.prize)
    return found


def test_the_rule_book_and_the_catalogue_are_there() -> None:
    assert Rule.objects.filter(key="base_salary").count() >= 5
    assert Rule.objects.filter(key="prize.ministry_flag").exists()
    assert {"commission_flag", "commission_certificate"} <= {a.code for a in catalogue().awards}


def test_the_2017_round_proposes_the_leader_of_the_ranking_for_the_flag() -> None:
    round_ = _round_2017()
    flag = round_.candidates.get(award="commission_flag")
    assert flag.unit == board_for("Bình Dương", 2017)
    assert (flag.rank, flag.source) == (1, "ranking")
    assert flag.verdict == "eligible"
    certificates = round_.candidates.filter(award="commission_certificate")
    # The members that registered for the Commission's certificate (plan_2017.yaml).
    expected = {board_for(p, 2017) for p in ("Long An", "Đồng Nai", "Lâm Đồng")}
    assert {c.unit for c in certificates} == expected
    assert "minh họa" in round_.title


def test_the_2017_round_is_decided_in_early_2018_with_its_prize_money() -> None:
    round_ = _round_2017()
    assert round_.status == RoundStatus.DECIDED
    assert round_.deliberated_on == D(2018, 1, 5)  # the summary conference (seed 000)
    assert round_.submitted_on == D(2018, 1, 10)
    assert round_.decision.decided_on == D(2018, 1, 26)
    # Base salary 1.300.000 đồng (47/2017/NĐ-CP, 07/2017–06/2018); multiples of 91/2017/NĐ-CP:
    # the flag 8,0 → 10.400.000; a collective's certificate 2,0 → 2.600.000.
    assert _prizes(round_) == {
        ("commission_flag", False): [Decimal(10_400_000)],
        ("commission_certificate", False): [Decimal(2_600_000)] * 3,
    }
    flag = Grant.objects.get(decision__round=round_, award="commission_flag")
    assert flag.prize_basis["base_salary"] == 1_300_000
    assert "47/2017/NĐ-CP" in flag.prize_basis["salary_citation"]
    assert "91/2017/NĐ-CP" in flag.prize_basis["multiple_citation"]


def test_the_2023_round_matches_seed_004() -> None:
    round_ = _round_2023()
    assert round_.status == RoundStatus.DECIDED
    grants = Grant.objects.filter(decision__round=round_)
    flags = grants.filter(award="commission_flag")
    assert [g.unit for g in flags] == [board_for("Khánh Hòa", 2023)]
    flag = Candidate.objects.get(grant__in=flags)
    assert flag.verdict == "eligible"  # it led the cluster (its 2023 record)
    certificates = grants.filter(award="commission_certificate")
    assert certificates.filter(person__isnull=True).count() == 5
    assert certificates.filter(person__isnull=False).count() == 13
    assert round_.decision.decided_on < D(2023, 12, 8)  # announced at the conference
    assert "minh họa" in round_.minutes_note


def test_the_2023_prizes_are_multiples_of_the_salary_of_december_2023() -> None:
    # 1.800.000 đồng (24/2023/NĐ-CP, from 07/2023); 91/2017's multiples until 31/12/2023:
    # flag 8,0 → 14.400.000; collective 2,0 → 3.600.000; individual 1,0 → 1.800.000.
    prizes = _prizes(_round_2023())
    assert prizes == {
        ("commission_flag", False): [Decimal(14_400_000)],
        ("commission_certificate", False): [Decimal(3_600_000)] * 5,
        ("commission_certificate", True): [Decimal(1_800_000)] * 13,
    }
    total = sum((sum(v) for v in prizes.values()), Decimal(0))
    assert total == Decimal(55_800_000)


def test_the_individuals_and_their_records_say_they_are_illustrative() -> None:
    people = Candidate.objects.filter(round=_round_2023(), person__isnull=False)
    records = AchievementYear.objects.filter(person__in=people.values("person"))
    assert records.count() == 13 * 2
    assert set(records.values_list("source", flat=True)) == {RecordSource.DEMO}
    assert all("minh họa" in note for note in records.values_list("note", flat=True))
    assert not Grant.objects.filter(source="demo").exclude(decision_number__contains="minh họa")


def test_the_rounds_steps_are_dated_in_their_year_and_the_audit_in_real_time() -> None:
    for round_ in (_round_2017(), _round_2023()):
        moves = Transition.objects.filter(object_type="awards.nominationround", object_id=round_.pk)
        assert {m.to_status for m in moves} == {"deliberated", "submitted", "decided"}
        # 2017's steps in January 2018; 2023's within December 2023.
        assert {timezone.localtime(m.at).year for m in moves} == {2017: {2018}, 2023: {2023}}[
            round_.year
        ]
        assert timezone.localtime(round_.created_at).date() < D(round_.year + 1, 2, 1)
        decided = AuditEvent.objects.get(action="award_round.decide", object_id=str(round_.pk))
        assert decided.at.date() >= D(2025, 1, 1)


@pytest.mark.parametrize(
    ("name", "branch"), [("Trần Thị Hồng Nhung", "Nhánh 1"), ("Phạm Văn Khôi", "Nhánh 2")]
)
def test_a_board_s_staff_are_eligible_for_the_certificate_by_each_branch(
    name: str, branch: str
) -> None:
    person = Person.objects.get(full_name=name)
    today = timezone.localdate()
    history = people_histories([person.pk], on=today)[person.pk]
    assert sorted(history.years) == [2024, 2025]
    case = history.case(
        subject=SubjectKind.INDIVIDUAL, award="commission_certificate", judged_on=today
    )
    book = rule_book()
    verdict = eligibility(case, book.on(today), book, catalogue())
    assert verdict.outcome.value == "eligible"
    met = [line.message.msgid for line in verdict.lines if line.met]
    assert any(msgid.startswith(branch) for msgid in met)
    units = {p.unit for p in person.positions.all()}
    assert board_for("Đắk Lắk", 2024) in units


def test_loading_again_changes_nothing() -> None:
    counts = (NominationRound.objects.count(), Grant.objects.count(), Person.objects.count())
    awards_demo_load(board_for=board_for)
    assert (NominationRound.objects.count(), Grant.objects.count(), Person.objects.count()) == (
        counts
    )
