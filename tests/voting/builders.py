"""Votes for the voting tests, made through the services. For an electronic vote the test
plays every trustee (it holds their secrets, which the server never sees) and every voter's
browser (``ballot_encrypt``)."""

import datetime as dt

from tests.builders.people import account, persona
from thidua.accounts.models import User
from thidua.orgs.models import ClusterTerm
from thidua.voting import protocol
from thidua.voting.models import Vote
from thidua.voting.services import (
    CandidateSpec,
    VoterSpec,
    VoteSpec,
    partial_submit,
    trustee_key_submit,
    vote_create,
    vote_keys_start,
    vote_open,
)
from thidua.voting.services.ceremony import encrypted_tally, questions_of

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


def people(prefix: str, n: int) -> list[User]:
    return [account(f"{prefix}.{i}", full_name=f"{prefix.title()} {i}") for i in range(1, n + 1)]


def opened_vote(
    voters: list[User], trustees: list[User], **kwargs: object
) -> tuple[Vote, list[bytes]]:
    """An electronic vote open for casting, set up by the secretariat; each trustee's secret,
    in the trustees' order."""
    vote = electronic_vote(voters=voters, trustees=trustees, **kwargs)  # type: ignore[arg-type]
    organiser = persona("thuongtruc")
    vote_keys_start(actor=organiser, vote=vote)
    secrets = []
    for trustee in trustees:
        secret, key = protocol.trustee_keygen(vote.context)
        trustee_key_submit(actor=trustee, vote=vote, key=key.to_json())
        secrets.append(secret)
    return vote_open(actor=organiser, vote=vote), secrets


def ballot_for(vote: Vote, answers: list[list[int]]) -> dict[str, object]:
    """A voter's encrypted ballot, as their browser sends it."""
    public_key = bytes.fromhex(vote.public_key)
    return protocol.ballot_encrypt(public_key, answers, questions_of(vote), vote.context).to_json()


def partial_for(vote: Vote, trustee: User, secret: bytes) -> dict[str, object]:
    """A trustee's decryption of the whole box, as their browser sends it."""
    key = protocol.TrusteeKey.from_json(vote.trustees.get(user=trustee).public_key)
    return protocol.partial_decrypt(secret, key, encrypted_tally(vote), vote.context).to_json()


def decrypted(vote: Vote, trustees: list[User], secrets: list[bytes]) -> Vote:
    """A closed vote after every trustee's decryption: final."""
    for trustee, secret in zip(trustees, secrets, strict=True):
        vote = partial_submit(actor=trustee, vote=vote, partial=partial_for(vote, trustee, secret))
    return vote
