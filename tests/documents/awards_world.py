"""What the tests of the award and vote documents build, through the services: a paper vote
counted and confirmed, cluster 4's 2018 round deliberated, submitted and decided (the
Commission's flag), and Bình Dương's 2019 board round of four people decided with prize money.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from tests.awards.records_world import staff_member
from tests.builders.assessments import published_plan
from tests.builders.clusters import board
from tests.builders.people import persona
from tests.documents.texts import plain, plain_table
from tests.voting.builders import counters, paper_vote
from thidua.awards.models import Grant, NominationRound, Verdict
from thidua.awards.services.decisions import round_decide
from thidua.awards.services.rounds import candidate_add, candidate_keep, round_open
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.documents.content import DocumentContent, Table
from thidua.orgs.models import Person, Unit
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting.models import Vote
from thidua.voting.services import PaperFigures, paper_confirm, paper_count_enter

D = dt.date
# 15 summoned, 14 present and handed a ballot, 14 back, one spoilt.
FIGURES = PaperFigures(present=14, issued=14, received=14, valid=13, invalid=1)


def counted_vote(
    counts: Sequence[list[int]],
    *,
    kind: str = "approval",
    candidates: tuple[str, ...] = ("Ban Tổ chức Tỉnh ủy Bình Dương", "Ban Tổ chức Tỉnh ủy Long An"),
    seats: int | None = None,
    rule_prefix: str = "deliberation",
    confirmations: int = 2,
) -> Vote:
    """A paper vote of the sector held on 10/01/2025, its count entered by the committee's
    chair and confirmed by ``confirmations`` members (two make it final)."""
    rulebook_load()
    vote = paper_vote(kind=kind, candidates=candidates, seats=seats, rule_prefix=rule_prefix)
    ids = list(vote.candidates.order_by("position").values_list("pk", flat=True))
    members = counters()
    paper_count_enter(
        actor=members[0], vote=vote, figures=FIGURES, counts=dict(zip(ids, counts, strict=True))
    )
    for member in members[:confirmations]:
        vote = paper_confirm(actor=member, vote=vote)
    return vote


@dataclass
class ClusterRound:
    round: NominationRound
    units: list[Unit]  # A (the cluster's first, the flag), B, C


def cluster_round(*, submit: bool = False, decide: bool = False) -> ClusterRound:
    """Cluster 4's 2018 round: the flag for A and the Commission's certificate for A, B and C
    (their registrations). Deliberated on 12/01/2019, 10 summoned and 9 present: the flag 5
    approvals, the certificates 4 (below half of 10). Submitted on 15/01/2019; decided on
    01/02/2019 by the council member, 127-QĐ/BTCTW, the flag to A."""
    rulebook_load()
    plan, units = published_plan()
    head = persona("lanhdao.binhduong")
    round_ = round_open(
        actor=head, level="cluster", year=2018, term=plan.term, judged_on=D(2019, 1, 10)
    )
    flag = round_.candidates.get(award="commission_flag")
    if flag.verdict != Verdict.ELIGIBLE:
        candidate_keep(actor=head, candidate=flag, reason="Dẫn đầu Cụm thi đua số 4 năm 2018.")
    round_deliberate(
        actor=head,
        round_=round_,
        deliberated_on=D(2019, 1, 12),
        summoned=10,
        present=9,
        approvals={c.pk: 4 for c in round_.candidates.all()} | {flag.pk: 5},
    )
    if submit or decide:
        round_submit(actor=head, round_=round_, submitted_on=D(2019, 1, 15))
    if decide:
        round_decide(
            actor=persona("hoidong"),
            round_=NominationRound.objects.get(pk=round_.pk),
            number="127-QĐ/BTCTW",
            decided_on=D(2019, 2, 1),
            issuer="Ban Tổ chức Trung ương",
            signer="Nguyễn Văn A",
            signer_title="Phó Trưởng ban",
            awardees=[flag.pk],
        )
    return ClusterRound(NominationRound.objects.get(pk=round_.pk), units)


STAFF = ("Trần Văn Bình", "Lê Thị Cúc", "Phạm Minh Đức", "Võ Thị Hà")


@dataclass
class BoardRound:
    round: NominationRound
    people: list[Person]


def board_round(*, decide: bool = True) -> BoardRound:
    """Bình Dương's board, 2019: four of its staff proposed for Chiến sĩ thi đua cơ sở,
    deliberated (10 summoned, all present, 9 approvals each), submitted on 15/01/2020 and decided
    by the board's leader on 03/02/2020 (12-QĐ/BTCTU): 1,0 x 1.490.000 đồng each."""
    rulebook_load()
    leader = persona("lanhdao.binhduong")
    binh_duong = board("74-63")
    people = [
        staff_member(binh_duong, name=name, birth_year=1980 + i) for i, name in enumerate(STAFF)
    ]
    round_ = round_open(
        actor=leader, level="board", year=2019, unit=binh_duong, judged_on=D(2020, 1, 10)
    )
    for person in people:
        candidate = candidate_add(
            actor=leader,
            round_=round_,
            award="base_emulation_fighter",
            person=person,
            unit=binh_duong,
            judged_on=D(2020, 1, 10),
        )
        if candidate.verdict != Verdict.ELIGIBLE:
            candidate_keep(actor=leader, candidate=candidate, reason="Hồ sơ bổ sung kèm theo.")
    round_deliberate(
        actor=leader,
        round_=round_,
        deliberated_on=D(2020, 1, 12),
        summoned=10,
        present=10,
        approvals={c.pk: 9 for c in round_.candidates.all()},
    )
    round_submit(actor=leader, round_=round_, submitted_on=D(2020, 1, 15))
    if decide:
        round_decide(
            actor=leader,
            round_=NominationRound.objects.get(pk=round_.pk),
            number="12-QĐ/BTCTU",
            decided_on=D(2020, 2, 3),
            issuer="Ban Tổ chức Tỉnh ủy Bình Dương",
            signer="Nguyễn Thị Lan",
            signer_title="Trưởng ban",
            awardees=list(round_.candidates.values_list("pk", flat=True)),
        )
    return BoardRound(NominationRound.objects.get(pk=round_.pk), people)


def flag_grant(world: ClusterRound) -> Grant:
    return Grant.objects.get(candidate__round=world.round, award="commission_flag")


def words(content: DocumentContent) -> str:
    """Every text of the body (paragraphs, headings, placeholders, table cells), one a line."""
    found: list[str] = []
    for block in content.body:
        if isinstance(block, Table):
            found += [block.caption, " | ".join(block.columns)]
            found += [" | ".join(row) for row in block.rows]
        else:
            found.append(block.text)
    return plain("\n".join(found))


def tables(content: DocumentContent) -> list[Table]:
    return [plain_table(block) for block in content.body if isinstance(block, Table)]
