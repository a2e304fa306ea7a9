"""Demo: two nomination rounds played through the services to their decision with prize money,
and the achievement records of a board's staff.

- Cluster 4, 2017: opened by the secretariat (the seeds name no 2017 head) from the published
  ranking of the demo's 2017 plan — its leader proposed for the Commission's flag — and the
  members' registrations for the Commission's certificate; deliberated by a paper vote at the
  summary conference of 5 January 2018 (its figures illustrative), submitted and decided in
  January 2018.
- Cluster 3, 2023 (seed 004): the flag for Khánh Hòa, the certificate for 5 boards and 13
  individuals, kept by the Commission's council (the cluster's 2023 ranking is not in the
  system) and decided before the conference of 8 December 2023.
- Two staff of the Đắk Lắk board whose 2024–2025 records meet Art. 74.1.d, one by each branch.

What the sources do not give is in ``awards_demo.yaml``, marked illustrative; the records are
written with the source "demo" and say so in their note. The services stamp each step with the
moment it runs; the round's own dates (opened, deliberated, submitted, decided) are then moved
into its year, as ``timeline`` does for the plan. The audit events keep their real time.
Running it again changes nothing.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from thidua.accounts.models import User
from thidua.awards.models import (
    AchievementYear,
    Decision,
    Grant,
    GrantSource,
    Initiative,
    InitiativeLevel,
    NominationRound,
    Rating,
    RecordSource,
    RoundLevel,
)
from thidua.awards.services.decisions import round_decide
from thidua.awards.services.deliberation import (
    default_roll,
    round_vote_apply,
    round_vote_create,
)
from thidua.awards.services.rounds import candidate_add, round_open
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.core.models import Transition
from thidua.orgs.models import ClusterTerm, Person, Unit
from thidua.orgs.services import person_create, position_add
from thidua.plans.models import Plan
from thidua.voting.models import VoteMode
from thidua.voting.services import PaperFigures, paper_confirm, paper_count_enter
from thidua.web.demo.timeline import LOCAL
from thidua.web.demo.votes_time import vote_in_its_own_time

HERE = Path(__file__).parent
SECRETARIAT, COUNCIL = "thuongtruc", "hoidong"
NOTE = "Dữ liệu minh họa"
BASE_FIGHTER, CERTIFICATE, FLAG = (
    "base_emulation_fighter",
    "commission_certificate",
    "commission_flag",
)
BoardFor = Callable[[str, int], Unit]


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(9), tzinfo=LOCAL)


def _spec() -> dict[str, Any]:
    with (HERE / "awards_demo.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def _in_its_own_time(round_: NominationRound, spec: dict[str, Any]) -> None:
    """Date the round's steps on the days of its year (the audit events keep theirs)."""
    NominationRound.objects.filter(pk=round_.pk).update(created_at=_at(spec["judged_on"]))
    days = {
        "deliberated": spec["deliberated_on"],
        "submitted": spec["submitted_on"],
        "decided": spec["decision"]["decided_on"],
    }
    for status, day in days.items():
        Transition.objects.filter(
            object_type=round_._meta.label_lower, object_id=round_.pk, to_status=status
        ).update(at=_at(day))
    decided = _at(spec["decision"]["decided_on"])
    Decision.objects.filter(round=round_).update(recorded_at=decided)
    Grant.objects.filter(decision__round=round_).update(recorded_at=decided)


def _submit_decide(round_: NominationRound, spec: dict[str, Any], manager: User) -> None:
    round_submit(actor=manager, round_=round_, submitted_on=spec["submitted_on"])
    proposed = round_.candidates.filter(proposed=True).values_list("pk", flat=True)
    decision = spec["decision"]
    round_decide(
        actor=User.objects.get(username=COUNCIL),
        round_=round_,
        number=decision["number"],
        decided_on=decision["decided_on"],
        issuer=decision["issuer"],
        signer=decision["signer"],
        signer_title=decision["signer_title"],
        awardees=list(proposed),
    )
    _in_its_own_time(round_, spec)


def _deliberate_submit_decide(
    round_: NominationRound, spec: dict[str, Any], manager: User, approvals: dict[int, int]
) -> None:
    """A round deliberated from the minutes (the council's 2023 round)."""
    round_deliberate(
        actor=manager,
        round_=round_,
        deliberated_on=spec["deliberated_on"],
        summoned=spec["summoned"],
        present=spec["present"],
        approvals=approvals,
        minutes_note=" ".join(spec["minutes_note"].split()),
    )
    _submit_decide(round_, spec, manager)


def _paper_vote(round_: NominationRound, spec: dict[str, Any], manager: User) -> None:
    """The cluster's deliberation as a paper vote: one delegate per member board (the boards'
    leaders), two of them on the counting committee, the minutes' figures entered and
    confirmed, the result recorded as the round's deliberation."""
    day = spec["deliberated_on"]
    delegates = [line.user for line in default_roll(round_, day) if line.user is not None]
    committee = delegates[:2]
    vote = round_vote_create(
        actor=manager, round_=round_, mode=VoteMode.PAPER, held_on=day, committee=committee
    )
    votes = spec["approvals"]
    candidates = list(round_.candidates.order_by("position", "id"))
    lines = list(vote.candidates.order_by("position"))
    present = spec["present"]
    paper_count_enter(
        actor=committee[0],
        vote=vote,
        figures=PaperFigures(
            present=present, issued=present, received=present, valid=present, invalid=0
        ),
        counts={line.pk: [votes[c.award]] for line, c in zip(lines, candidates, strict=True)},
    )
    for member in committee:
        paper_confirm(actor=member, vote=vote)
    round_vote_apply(actor=manager, round_=round_)
    vote_in_its_own_time(vote, day)


def cluster_4_2017_load(spec: dict[str, Any]) -> NominationRound | None:
    term = ClusterTerm.objects.filter(cluster__number=4, year=2017).first()
    if not Plan.objects.filter(term=term, publication__isnull=False).exists():
        return None
    if NominationRound.objects.filter(level=RoundLevel.CLUSTER, term=term).exists():
        return None
    manager = User.objects.get(username=SECRETARIAT)
    round_ = round_open(
        actor=manager,
        level=RoundLevel.CLUSTER,
        year=2017,
        term=term,
        title=spec["title"],
        judged_on=spec["judged_on"],
    )
    _paper_vote(round_, spec, manager)
    _submit_decide(round_, spec, manager)
    return round_


def _person(name: str, title: str, units: list[Unit]) -> Person:
    """A person with their position in each board they served, one after the other (a board
    merged in 2025 hands over to its successor the next day)."""
    person = person_create(actor=None, full_name=name)
    since = dt.date(2015, 1, 1)
    for unit in units:
        position_add(
            actor=None,
            person=person,
            unit=unit,
            title=title,
            valid_from=max(since, unit.valid_from or since),
            valid_to=unit.valid_to,
        )
        if unit.valid_to is not None:
            since = unit.valid_to + dt.timedelta(days=1)
    return person


def _records(person: Person, units: dict[int, Unit], branch: int) -> None:
    """Excellent years; branch 1 adds the base fighter title of each year (decided by the board
    in December), branch 2 one initiative recognised each year."""
    for year, unit in units.items():
        AchievementYear.objects.create(
            person=person, unit=unit, year=year, rating=Rating.EXCELLENT,
            source=RecordSource.DEMO, note=NOTE,
        )  # fmt: skip
        if branch == 1:
            decided = dt.date(year, 11, 20) if year == 2023 else dt.date(year, 12, 19)
            Grant.objects.create(
                person=person,
                unit=unit,
                award=BASE_FIGHTER,
                year=year,
                source=GrantSource.DEMO,
                decision_number=f"{year % 100}-QĐ/BTCTU (minh họa)",
                decided_on=decided,
                issuer=unit.name,
            )
        else:
            Initiative.objects.create(
                person=person,
                unit=unit,
                year=year,
                title=f"Sáng kiến cải tiến quy trình công tác tổ chức năm {year} (minh họa)",
                level=InitiativeLevel.BASE,
                decision=f"{year % 100}-QĐ/HĐSK (minh họa)",
                decided_on=dt.date(year, 10, 15),
            )


def cluster_3_2023_load(spec: dict[str, Any], board_for: BoardFor) -> NominationRound | None:
    if NominationRound.objects.filter(level=RoundLevel.COUNCIL, year=2023).exists():
        return None
    if not ClusterTerm.objects.filter(cluster__number=3, year=2023).exists():
        return None
    manager = User.objects.get(username=SECRETARIAT)
    day = spec["judged_on"]
    leader = board_for(spec["flag"], 2023)
    AchievementYear.objects.create(
        unit=leader, year=2023, rating=Rating.EXCELLENT, leads_cluster=True,
        source=RecordSource.DEMO, note=f"{NOTE}: dẫn đầu Cụm thi đua số 3 (bài viết, seed 004)",
    )  # fmt: skip
    round_ = round_open(
        actor=manager, level=RoundLevel.COUNCIL, year=2023, title=spec["title"], judged_on=day
    )
    candidate_add(actor=manager, round_=round_, award=FLAG, unit=leader, judged_on=day)
    for name in spec["collectives"]:
        unit = board_for(name, 2023)
        # The years the council reads (Art. 74.2: consecutive excellent years), so that the
        # list and its submission give each board its grounds rather than "cannot tell".
        for year in (2022, 2023):
            AchievementYear.objects.create(
                unit=unit, year=year, rating=Rating.EXCELLENT, source=RecordSource.DEMO,
                note=NOTE,
            )  # fmt: skip
        candidate_add(actor=manager, round_=round_, award=CERTIFICATE, unit=unit, judged_on=day)
    for entry in spec["individuals"]:
        unit = board_for(entry["province"], 2023)
        person = _person(entry["name"], entry["title"], [unit])
        _records(person, {2022: unit, 2023: unit}, entry["branch"])
        candidate_add(
            actor=manager, round_=round_, award=CERTIFICATE, person=person, unit=unit, judged_on=day
        )
    everyone = {c.pk: spec["present"] for c in round_.candidates.all()}
    _deliberate_submit_decide(round_, spec, manager, everyone)
    return round_


def board_staff_load(spec: dict[str, Any], board_for: BoardFor) -> list[Person]:
    people = []
    for entry in spec["people"]:
        units = {year: board_for(spec["province"], year) for year in entry["years"]}
        if Person.objects.filter(
            full_name=entry["name"], positions__unit=units[min(units)]
        ).exists():
            continue
        boards = list(dict.fromkeys(units.values()))
        person = _person(entry["name"], entry["title"], boards)
        _records(person, units, entry["branch"])
        people.append(person)
    return people


def awards_demo_load(*, board_for: BoardFor) -> None:
    """After the rule book and the 2017 plan."""
    spec = _spec()
    with transaction.atomic():
        cluster_4_2017_load(spec["cluster_4_2017"])
        cluster_3_2023_load(spec["cluster_3_2023"], board_for)
        board_staff_load(spec["board_staff"], board_for)
