"""An electronic vote run through the services as its people would, for the tests that need
one with ballots in its box: the test plays every trustee (it holds their secrets, which the
server never sees) and every voter's browser (``ballot_encrypt``)."""

import datetime as dt
from dataclasses import dataclass, field

from tests.builders.clusters import term
from tests.builders.people import account, persona
from thidua.accounts.models import User
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting import protocol, services
from thidua.voting.models import Vote
from thidua.voting.services.ceremony import encrypted_tally, questions_of

HEAD = "lanhdao.binhduong"  # organises cluster 4's votes in 2018 (tests/builders)
TRUSTEES = ("thuongtruc", "hoidong")


@dataclass
class Ceremony:
    vote: Vote
    secrets: dict[int, bytes] = field(default_factory=dict)  # trustee user id → secret share
    keys: dict[int, protocol.TrusteeKey] = field(default_factory=dict)

    @property
    def questions(self) -> list[protocol.Question]:
        return questions_of(self.vote)

    def ballot(self, answers: list[list[int]]) -> dict[str, object]:
        public = bytes.fromhex(Vote.objects.get(pk=self.vote.pk).public_key)
        made = protocol.ballot_encrypt(public, answers, self.questions, self.vote.context)
        return made.to_json()

    def partial(self, trustee: User) -> dict[str, object]:
        tally = encrypted_tally(self.vote)
        secret, key = self.secrets[trustee.pk], self.keys[trustee.pk]
        return protocol.partial_decrypt(secret, key, tally, self.vote.context).to_json()


def voters(count: int) -> list[User]:
    """``count`` accounts of Bình Dương's board, made for the roll."""

    board = persona("canbo.binhduong").unit
    return [account(f"cutri.{i}", unit=board, full_name=f"Cử tri số {i}") for i in range(count)]


def electronic_vote(
    roll: list[User],
    *,
    kind: str = "election",
    candidates: tuple[str, ...] = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Dung"),
    seats: int | None = 2,
    code_holders: tuple[str, ...] = (),
    open_it: bool = True,
) -> Ceremony:
    """An electronic vote of cluster 4 (2018) set up by its head, keys made by two trustees,
    open for casting unless ``open_it`` is False."""
    rulebook_load()
    head = persona(HEAD)
    prefix = {"election": "officer_election", "confidence": "confidence_vote"}.get(
        kind, "deliberation"
    )
    spec = services.VoteSpec(
        title="Bầu cụm trưởng, cụm phó năm 2019",
        kind=kind,
        mode="electronic",
        year=2018,
        held_on=dt.date(2018, 12, 20),
        rule_prefix=prefix,
        candidates=[services.CandidateSpec(name=n) for n in candidates],
        roll=[services.VoterSpec(name=u.get_full_name(), user=u) for u in roll]
        + [services.VoterSpec(name=n) for n in code_holders],
        committee=[],
        trustees=[persona(t) for t in TRUSTEES],
        seats=seats if kind == "election" else None,
        organiser_term=term(4, 2018),
    )
    vote = services.vote_create(actor=head, spec=spec)
    vote = services.vote_keys_start(actor=head, vote=vote)
    ceremony = Ceremony(vote)
    for name in TRUSTEES:
        trustee = persona(name)
        secret, key = protocol.trustee_keygen(vote.context)
        ceremony.secrets[trustee.pk], ceremony.keys[trustee.pk] = secret, key
        services.trustee_key_submit(actor=trustee, vote=vote, key=key.to_json())
    if open_it:
        ceremony.vote = services.vote_open(actor=head, vote=vote)
    return ceremony
