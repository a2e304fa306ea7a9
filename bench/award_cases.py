"""Award benchmarks: the eligibility engine over the whole synthetic sector, as a ratio to a
plain loop that only reads the same histories, and a nomination round's page at a fixed number
of queries whatever its size.

- **Eligibility** (pure, no database in the timer): ``people`` persons and ``units`` units, each
  with ten years of history (2016–2025) built in memory as the engine's ``YearRecord`` and
  ``Case`` objects from a seeded generator — ratings, titles, awards, initiatives, a
  collective's counts, whether it led its cluster, a few pending matters and disciplines —
  judged on one day for every award the engine judges (each person for every individual award,
  each unit for every collective one). The floor, timed in the same run on the same cases, is
  a loop that reads every fact the engine could read (every year's record, the pending matters,
  the discipline) and does nothing with it. The ratio says what the reasoning and its
  explanation cost over merely touching the data.
- **Round page**: a board's round with 10 and with 100 candidates (persons with ten years of
  records), deliberated, submitted and decided, read by the secretariat through ``round_view``
  and through ``GET /api/v1/award-rounds/{id}``. The query count of 100 must equal that of 10;
  the run stops if it does not.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import timezone

from bench.generate_indicators import secretariat
from bench.signin import signed_in_client
from bench.timing import Result, measure
from thidua.accounts.models import User
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.eligibility import AWARD_RULES, NotJudged, eligibility
from thidua.awards.engine.history import Case, Discipline, Rating, YearRecord
from thidua.awards.models import AchievementYear, NominationRound, RecordSource
from thidua.awards.selectors.judging import catalogue
from thidua.awards.selectors.rounds import RoundView, round_view
from thidua.awards.services.decisions import round_decide
from thidua.awards.services.rounds import candidate_add, candidate_keep, round_open
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.orgs.models import Person, Unit, UnitKind
from thidua.rulebook.engine.types import RuleBook, RuleMissing
from thidua.rulebook.selectors import rule_book
from thidua.rulebook.services.loader import rulebook_load

SEED = 20_513
PEOPLE, UNITS = 50_000, 3_400
YEARS = tuple(range(2016, 2026))
JUDGED_ON = dt.date(2026, 3, 2)
MAX_REPETITIONS = 2  # one repetition already judges the whole sector (about a minute)
ROUND_SIZES = (10, 100)
RATINGS = (Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED)
RATING_WEIGHTS = (25, 55, 17, 3)
PENDING_SHARE, DISCIPLINE_SHARE = 0.01, 0.01


def judged_awards(subject: SubjectKind) -> tuple[str, ...]:
    return tuple(code for code, by_subject in AWARD_RULES.items() if subject in by_subject)


def person_history(rng: random.Random) -> dict[int, YearRecord]:
    history = {}
    for year in YEARS:
        rating = rng.choices(RATINGS, RATING_WEIGHTS)[0]
        titles: set[str] = set()
        if rating in (Rating.EXCELLENT, Rating.GOOD):
            titles.add("advanced_worker")
            if rating is Rating.EXCELLENT and rng.random() < 0.5:
                titles.add("base_emulation_fighter")
        awards = {"commission_certificate"} if rng.random() < 0.03 else set()
        history[year] = YearRecord(
            year=year,
            rating=rating,
            titles=frozenset(titles),
            awards=frozenset(awards),
            initiatives=rng.choices((0, 1, 2), (60, 30, 10))[0],
        )
    return history


def unit_history(rng: random.Random) -> dict[int, YearRecord]:
    history = {}
    for year in YEARS:
        members = rng.randint(12, 60)
        completed = members if rng.random() < 0.8 else members - 1
        history[year] = YearRecord(
            year=year,
            rating=rng.choices(RATINGS, RATING_WEIGHTS)[0],
            members=members,
            members_completed=completed,
            members_ldtt=rng.randint(members // 2, completed),
            members_cstdcs=rng.randint(0, members // 5),
            leads_cluster=rng.random() < 0.1,
            awards=frozenset({"commission_flag"}) if rng.random() < 0.05 else frozenset(),
        )
    return history


def _bars(rng: random.Random) -> tuple[tuple[str, ...], tuple[Discipline, ...]]:
    pending = ("inspection",) if rng.random() < PENDING_SHARE else ()
    discipline: tuple[Discipline, ...] = ()
    if rng.random() < DISCIPLINE_SHARE:
        start = dt.date(rng.choice(YEARS), 3, 1)
        discipline = (Discipline(start, start + dt.timedelta(days=365)),)
    return pending, discipline


def sector_cases(people: int = PEOPLE, units: int = UNITS) -> list[Case]:
    """Every subject for every award it can be judged for, built before any timer starts."""
    rng = random.Random(SEED)
    cases: list[Case] = []
    for subject, count, history_of in (
        (SubjectKind.INDIVIDUAL, people, person_history),
        (SubjectKind.COLLECTIVE, units, unit_history),
    ):
        awards = judged_awards(subject)
        for _ in range(count):
            history = history_of(rng)
            pending, discipline = _bars(rng)
            cases += [
                Case(subject, award, JUDGED_ON, history, pending, discipline) for award in awards
            ]
    return cases


def judge_all(cases: Sequence[Case], book: RuleBook) -> Counter[str]:
    """The engine on every case, with the rules in force on the judging day (the book is read
    from the database once, before the timer)."""
    rules = book.on(JUDGED_ON)
    awards = catalogue()
    outcomes: Counter[str] = Counter()
    for case in cases:
        try:
            outcomes[eligibility(case, rules, book, awards).outcome.value] += 1
        except (NotJudged, RuleMissing):
            outcomes["not judged"] += 1
    return outcomes


def read_all(cases: Sequence[Case]) -> int:
    """The floor: every fact of every case read once, nothing judged."""
    seen = 0
    for case in cases:
        for record in case.history.values():
            seen += record.year + (record.rating is not None) + len(record.titles)
            seen += len(record.awards) + (record.initiatives or 0) + (record.members or 0)
            seen += (record.members_completed or 0) + (record.members_ldtt or 0)
            seen += (record.members_cstdcs or 0) + bool(record.leads_cluster)
        seen += len(case.pending) + len(case.discipline)
    return seen


def eligibility_cases(
    repetitions: int, *, people: int = PEOPLE, units: int = UNITS
) -> list[Result]:
    rulebook_load()
    book = rule_book()
    cases = sector_cases(people, units)
    reps = min(repetitions, MAX_REPETITIONS)
    subjects = f"{people:,} people and {units:,} units × {len(YEARS)} years"
    floor = measure(
        f"eligibility floor: read {len(cases):,} cases' histories",
        lambda: read_all(cases),
        repetitions=reps,
        warmup=0,
        notes=lambda _: f"{subjects}; a plain loop over every fact",
    )
    engine = measure(
        f"eligibility of the sector: {len(cases):,} cases",
        lambda: judge_all(cases, book),
        repetitions=reps,
        warmup=0,
        notes=lambda outcomes: ", ".join(f"{k} {v:,}" for k, v in sorted(outcomes.items())),
    )
    per_case_us = engine.median_ms * 1000 / len(cases)
    ratio = (
        f"×{engine.median_ms / floor.median_ms:.1f} of the floor (median),"
        f" ×{engine.p95_ms / floor.p95_ms:.1f} (p95); {per_case_us:.1f} µs a case"
    )
    individual = ", ".join(judged_awards(SubjectKind.INDIVIDUAL))
    notes = f"{subjects}; awards: {individual} + collective; {ratio}; {engine.notes}"
    return [dataclasses.replace(engine, notes=notes), floor]


@dataclass(frozen=True)
class RoundFixture:
    round: NominationRound
    size: int


def _persons(count: int, unit: Unit, tag: str) -> list[Person]:
    people = Person.objects.bulk_create(
        Person(full_name=f"Cán bộ {tag} {i:03d}", search_key=f"can bo {tag} {i:03d}")
        for i in range(count)
    )
    rng = random.Random(f"{SEED}-{tag}")
    AchievementYear.objects.bulk_create(
        AchievementYear(
            person=person,
            unit=unit,
            year=year,
            rating=rng.choices(RATINGS, RATING_WEIGHTS)[0].value,
            source=RecordSource.DEMO,
            note="bench",
        )
        for person in people
        for year in YEARS
    )
    return people


def round_of(size: int, board: Unit, manager: User) -> RoundFixture:
    """A board's 2025 round of ``size`` persons, taken through to its decision by the
    secretariat (which keeps and decides a board's round as well as its leader)."""
    year, today = YEARS[-1], timezone.localdate()
    round_ = round_open(actor=manager, level="board", year=year, unit=board, judged_on=today)
    for person in _persons(size, board, f"{board.code}-{size}"):
        candidate_add(
            actor=manager,
            round_=round_,
            award="commission_certificate",
            person=person,
            unit=board,
            judged_on=today,
        )
    for candidate in round_.candidates.filter(verdict="not_eligible"):
        candidate_keep(actor=manager, candidate=candidate, reason="Thành tích đột xuất.")
    ids = list(round_.candidates.values_list("pk", flat=True))
    round_deliberate(
        actor=manager,
        round_=round_,
        deliberated_on=today,
        summoned=size,
        present=size,
        approvals=dict.fromkeys(ids, size),
    )
    round_submit(actor=manager, round_=round_, submitted_on=today)
    round_decide(
        actor=manager,
        round_=round_,
        number=f"{board.code}-{size}/QĐ",
        decided_on=today,
        issuer=board.name,
        signer="Bench",
        signer_title="Trưởng ban",
        awardees=ids,
    )
    return RoundFixture(round=NominationRound.objects.get(pk=round_.pk), size=size)


def _boards(count: int) -> list[Unit]:
    taken = NominationRound.objects.filter(unit__isnull=False).values("unit_id")
    boards = Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD, valid_to__isnull=True)
    return list(boards.exclude(pk__in=taken).order_by("code")[:count])


def round_page_cases(repetitions: int, sizes: Sequence[int] = ROUND_SIZES) -> list[Result]:
    rulebook_load()
    manager = secretariat()
    fixtures = [
        round_of(size, board, manager)
        for size, board in zip(sizes, _boards(len(sizes)), strict=True)
    ]
    client = signed_in_client(manager)
    results: list[Result] = []
    for fixture in fixtures:
        pk = fixture.round.pk
        results.append(
            measure(
                f"round_view, {fixture.size} candidates (decided)",
                lambda pk=pk: round_view(user=manager, round_id=pk),  # type: ignore[misc]
                repetitions=repetitions,
                notes=lambda view: f"{len(view.rows)} rows, {_grants(view)} grants",
            )
        )
        results.append(
            measure(
                f"GET /api/v1/award-rounds/<id>, {fixture.size} candidates",
                lambda pk=pk: client.get(f"/api/v1/award-rounds/{pk}"),  # type: ignore[misc]
                repetitions=repetitions,
                notes=lambda answer: f"HTTP {answer.status_code}, {len(answer.content):,} bytes",
            )
        )
    _same_queries(results, sizes)
    return results


def _grants(view: RoundView) -> int:
    return sum(1 for row in view.rows if row.grant is not None)


def _same_queries(results: list[Result], sizes: Sequence[int]) -> None:
    """The page of the largest round reads as many queries as that of the smallest."""
    by_kind: dict[str, set[int]] = {}
    for result in results:
        by_kind.setdefault(result.name.split(",")[0], set()).add(result.queries)
    for kind, counts in by_kind.items():
        if len(counts) != 1:
            raise AssertionError(f"{kind}: queries differ between {sizes} candidates: {counts}")


def award_cases(repetitions: int) -> list[Result]:
    results = eligibility_cases(repetitions)
    results += round_page_cases(repetitions)
    return results
