"""Votes for the voting tests, made through the services."""

import datetime as dt

from tests.builders.people import account, persona
from thidua.accounts.models import User
from thidua.orgs.models import ClusterTerm
from thidua.voting.models import Vote
from thidua.voting.services import CandidateSpec, VoterSpec, VoteSpec, vote_create

HELD_ON = dt.date(2025, 1, 10)


def counters() -> list[User]:
    return [
        account(f"kiemphieu.{i}", full_name=f"Thành viên ban kiểm phiếu {i}") for i in (1, 2, 3)
    ]


def paper_vote(
    *,
    kind: str = "approval",
    candidates: tuple[str, ...] = ("Ban Tổ chức Tỉnh ủy Bình Dương", "Ban Tổ chức Tỉnh ủy Long An"),
    summoned: int = 15,
    seats: int | None = None,
    rule_prefix: str = "deliberation",
    held_on: dt.date = HELD_ON,
    organiser_term: ClusterTerm | None = None,
    actor: User | None = None,
) -> Vote:
    return vote_create(
        actor=actor or persona("thuongtruc"),
        spec=VoteSpec(
            title="Bình xét đề nghị khen thưởng",
            kind=kind,
            mode="paper",
            year=held_on.year - 1,
            held_on=held_on,
            rule_prefix=rule_prefix,
            candidates=[CandidateSpec(name) for name in candidates],
            roll=[],
            committee=counters()[:3],
            trustees=[],
            seats=seats,
            summoned=summoned,
            organiser_term=organiser_term,
        ),
    )


def electronic_vote(
    *,
    voters: list[User],
    trustees: list[User],
    kind: str = "approval",
    candidates: tuple[str, ...] = ("Ứng viên A", "Ứng viên B", "Ứng viên C"),
    seats: int | None = None,
    rule_prefix: str = "deliberation",
    extra_names: tuple[str, ...] = (),
) -> Vote:
    return vote_create(
        actor=persona("thuongtruc"),
        spec=VoteSpec(
            title="Bỏ phiếu điện tử",
            kind=kind,
            mode="electronic",
            year=HELD_ON.year - 1,
            held_on=HELD_ON,
            rule_prefix=rule_prefix,
            candidates=[CandidateSpec(name) for name in candidates],
            roll=[VoterSpec(u.get_full_name() or u.username, user=u) for u in voters]
            + [VoterSpec(name) for name in extra_names],
            committee=[],
            trustees=trustees,
            seats=seats,
        ),
    )
