"""Votes for the page tests, made through the services: cluster 4's 2018 term organises them
(Bình Dương is its head, so ``lanhdao.binhduong`` is the organiser), read on the day of its
summary conference, when the rule book's deliberation rule is in force. Electronic steps use
the protocol's Python half in place of the browser (the browser test uses the real one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from tests.builders.clusters import term
from tests.builders.people import persona
from thidua.accounts.models import User
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting import protocol, services
from thidua.voting.models import Trustee, Vote
from thidua.voting.services.ceremony import encrypted_tally, questions_of

MEETING = dt.date(2018, 1, 5)
CANDIDATES = ("Ban Tổ chức Tỉnh ủy Bình Dương", "Ban Tổ chức Tỉnh ủy Long An")


def organiser() -> User:
    return persona("lanhdao.binhduong")


def paper_vote(*, committee: Sequence[User], summoned: int = 11) -> Vote:
    rulebook_load()
    return services.vote_create(
        actor=organiser(),
        spec=services.VoteSpec(
            title="Bình xét khen thưởng năm 2017",
            kind="approval",
            mode="paper",
            year=2017,
            held_on=MEETING,
            rule_prefix="deliberation",
            candidates=[services.CandidateSpec(name) for name in CANDIDATES],
            roll=[],
            committee=list(committee),
            trustees=[],
            summoned=summoned,
            organiser_term=term(4, 2018),
        ),
    )


def electronic_vote(
    *,
    voters: Sequence[User],
    trustees: Sequence[User],
    names: Sequence[str] = (),
    candidates: Sequence[str] = CANDIDATES,
) -> Vote:
    rulebook_load()
    roll = [services.VoterSpec(name=u.get_full_name() or u.username, user=u) for u in voters]
    return services.vote_create(
        actor=organiser(),
        spec=services.VoteSpec(
            title="Bình xét khen thưởng điện tử",
            kind="approval",
            mode="electronic",
            year=2017,
            held_on=MEETING,
            rule_prefix="deliberation",
            candidates=[services.CandidateSpec(name) for name in candidates],
            roll=roll + [services.VoterSpec(name=n) for n in names],
            committee=[],
            trustees=list(trustees),
            organiser_term=term(4, 2018),
        ),
    )


def opened(vote: Vote) -> dict[int, bytes]:
    """Keys made by every trustee (their secrets by user), then the vote opened."""
    services.vote_keys_start(actor=organiser(), vote=vote)
    secrets: dict[int, bytes] = {}
    for trustee in vote.trustees.select_related("user"):
        secret, key = protocol.trustee_keygen(vote.context)
        services.trustee_key_submit(actor=trustee.user, vote=vote, key=key.to_json())
        secrets[trustee.user_id] = secret
    services.vote_open(actor=organiser(), vote=vote)
    vote.refresh_from_db()
    return secrets


def ballot_for(vote: Vote, answers: list[list[int]]) -> dict[str, object]:
    ballot = protocol.ballot_encrypt(
        bytes.fromhex(vote.public_key), answers, questions_of(vote), vote.context
    )
    return ballot.to_json()


def cast(vote: Vote, voter: User, answers: list[list[int]]) -> str:
    return services.ballot_cast(actor=voter, vote=vote, ballot=ballot_for(vote, answers))


def partial_of(vote: Vote, trustee: Trustee, secret: bytes) -> dict[str, object]:
    key = protocol.TrusteeKey.from_json(trustee.public_key)
    return protocol.partial_decrypt(secret, key, encrypted_tally(vote), vote.context).to_json()


def finalised(vote: Vote, secrets: dict[int, bytes]) -> Vote:
    services.vote_close(actor=organiser(), vote=vote)
    for trustee in vote.trustees.select_related("user"):
        partial = partial_of(vote, trustee, secrets[trustee.user_id])
        services.partial_submit(actor=trustee.user, vote=vote, partial=partial)
    vote.refresh_from_db()
    return vote


def vote_of(
    kind: str,
    *,
    rule_prefix: str,
    candidates: Sequence[str],
    held_on: dt.date = MEETING,
    mode: str = "paper",
    seats: int | None = None,
    committee: Sequence[User] = (),
    voters: Sequence[User] = (),
    trustees: Sequence[User] = (),
    summoned: int | None = 9,
) -> Vote:
    """Any kind of vote of cluster 4's 2018 term."""
    rulebook_load()
    return services.vote_create(
        actor=organiser(),
        spec=services.VoteSpec(
            title=f"Bỏ phiếu ({kind})",
            kind=kind,
            mode=mode,
            year=held_on.year,
            held_on=held_on,
            rule_prefix=rule_prefix,
            candidates=[services.CandidateSpec(name) for name in candidates],
            roll=[services.VoterSpec(name=u.username, user=u) for u in voters],
            committee=list(committee),
            trustees=list(trustees),
            seats=seats,
            summoned=summoned if mode == "paper" else None,
            organiser_term=term(4, 2018),
        ),
    )
