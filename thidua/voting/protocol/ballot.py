"""A ballot, as in Helios: one answer per question; an answer is one ciphertext per option,
each proven to hold 0 or 1, and their sum proven to hold between the question's ``min`` and
``max``. Its tracker is the hash the voter keeps and finds again on the vote's ballot list.

How the vote kinds map onto questions: a deliberation is one question per candidate with one
option (min 0, max 1); an election choosing at most N is one question of n options (min 0,
max N); a vote of confidence is one question per person with three options (high, confidence,
low; min 1, max 1); a yes/no motion is one question of two options (min 1, max 1).
"""

from __future__ import annotations

from dataclasses import dataclass

from thidua.voting.protocol.elgamal import Ciphertext, ciphertext_sum, encrypt
from thidua.voting.protocol.encoding import exact_keys, field, integer, list_of, sha256_hex
from thidua.voting.protocol.errors import ProtocolError
from thidua.voting.protocol.group import (
    ZERO,
    is_valid_point,
    random_scalar,
    scalar_add,
)
from thidua.voting.protocol.proofs import (
    ANSWER_DOMAIN,
    CHOICE_DOMAIN,
    Proof,
    range_check,
    range_prove,
)


@dataclass(frozen=True, slots=True)
class Question:
    """``options`` choices of 0 or 1, of which between ``min`` and ``max`` are chosen."""

    options: int
    min: int
    max: int

    def __post_init__(self) -> None:
        if not (self.options >= 1 and 0 <= self.min <= self.max <= self.options):
            raise ProtocolError(
                f"a question of {self.options} options cannot allow {self.min}..{self.max}"
            )

    def to_json(self) -> dict[str, int]:
        return {"options": self.options, "min": self.min, "max": self.max}

    @classmethod
    def from_json(cls, obj: object) -> Question:
        return cls(
            integer(field(obj, "options", "a question"), "a question's options"),
            integer(field(obj, "min", "a question"), "a question's min"),
            integer(field(obj, "max", "a question"), "a question's max"),
        )


def _proofs_json(proofs: tuple[Proof, ...]) -> list[dict[str, str]]:
    return [proof.to_json() for proof in proofs]


def _proofs_from_json(value: object, what: str) -> tuple[Proof, ...]:
    items = list_of(value, what)
    return tuple(Proof.from_json(item, f"{what} {i}") for i, item in enumerate(items))


@dataclass(frozen=True, slots=True)
class Answer:
    choices: tuple[Ciphertext, ...]
    choice_proofs: tuple[tuple[Proof, ...], ...]
    overall_proof: tuple[Proof, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "choices": [choice.to_json() for choice in self.choices],
            "choice_proofs": [_proofs_json(proofs) for proofs in self.choice_proofs],
            "overall_proof": _proofs_json(self.overall_proof),
        }

    @classmethod
    def from_json(cls, obj: object, what: str) -> Answer:
        exact_keys(obj, ("choices", "choice_proofs", "overall_proof"), what)
        choices = list_of(field(obj, "choices", what), f"{what}: choices")
        proofs = list_of(field(obj, "choice_proofs", what), f"{what}: proofs", len(choices))
        return cls(
            tuple(Ciphertext.from_json(c, f"{what}: choice {i}") for i, c in enumerate(choices)),
            tuple(
                _proofs_from_json(p, f"{what}: proof of choice {i}") for i, p in enumerate(proofs)
            ),
            _proofs_from_json(field(obj, "overall_proof", what), f"{what}: overall proof"),
        )


def tracker_of(content: dict[str, object]) -> str:
    """The tracker of a ballot given as its JSON (``Ballot.to_json``), for a caller that needs
    the JSON as well and so serialises the ballot once."""
    return sha256_hex(content)


@dataclass(frozen=True, slots=True)
class Ballot:
    answers: tuple[Answer, ...]

    def to_json(self) -> dict[str, object]:
        return {"answers": [answer.to_json() for answer in self.answers]}

    @classmethod
    def from_json(cls, obj: object) -> Ballot:
        """Read a ballot; ProtocolError if it is malformed (its proofs are checked apart). Its
        parts hold exactly their keys, so the tracker covers every byte that was sent."""
        exact_keys(obj, ("answers",), "the ballot")
        answers = list_of(field(obj, "answers", "the ballot"), "the ballot's answers")
        return cls(tuple(Answer.from_json(a, f"answer {i}") for i, a in enumerate(answers)))

    def tracker(self) -> str:
        """The ballot's fingerprint: SHA-256 of its canonical JSON, in hexadecimal."""
        return tracker_of(self.to_json())

    def alphas(self) -> list[bytes]:
        """Every ciphertext's first part: fresh randomness, so two ballots never share one
        unless one copies the other (the replay that can reveal a voter's choice)."""
        return [choice.alpha for answer in self.answers for choice in answer.choices]


def _check_shape(answers: list[list[int]], questions: list[Question]) -> None:
    if len(answers) != len(questions):
        raise ProtocolError(f"{len(answers)} answers for {len(questions)} questions")
    for i, (answer, question) in enumerate(zip(answers, questions, strict=True)):
        if len(answer) != question.options:
            raise ProtocolError(f"answer {i} has {len(answer)} choices, not {question.options}")
        if any(choice not in (0, 1) for choice in answer):
            raise ProtocolError(f"answer {i}: each choice is 0 or 1; it cannot be proven")
        if not question.min <= sum(answer) <= question.max:
            raise ProtocolError(
                f"answer {i} chooses {sum(answer)}, not {question.min}..{question.max}:"
                " it cannot be proven"
            )


def ballot_encrypt(
    public_key: bytes, answers: list[list[int]], questions: list[Question], context: str
) -> Ballot:
    """What the voter's browser does (and a test): encrypt each 0/1 and prove every range."""
    _check_shape(answers, questions)
    if not is_valid_point(public_key):
        raise ProtocolError("the vote's public key is not a group element")
    encrypted = []
    for answer, question in zip(answers, questions, strict=True):
        randomness = [random_scalar() for _ in answer]
        choices = tuple(encrypt(public_key, m, r) for m, r in zip(answer, randomness, strict=True))
        proofs = tuple(
            range_prove(CHOICE_DOMAIN, context, public_key, ct, m, r, 0, 1)
            for ct, m, r in zip(choices, answer, randomness, strict=True)
        )
        total_r = ZERO
        for r in randomness:
            total_r = scalar_add(total_r, r)
        overall = range_prove(
            ANSWER_DOMAIN,
            context,
            public_key,
            ciphertext_sum(choices),
            sum(answer),
            total_r,
            question.min,
            question.max,
        )
        encrypted.append(Answer(choices, proofs, overall))
    return Ballot(tuple(encrypted))


def ballot_verify(
    public_key: bytes, ballot: Ballot, questions: list[Question], context: str
) -> bool:
    """Every ciphertext is fresh and every proof holds: each choice is 0 or 1, and each
    answer's number of choices is within its question's range, for this vote and key."""
    if not is_valid_point(public_key) or len(ballot.answers) != len(questions):
        return False
    for answer, question in zip(ballot.answers, questions, strict=True):
        if len(answer.choices) != question.options:
            return False
        if len(answer.choice_proofs) != question.options:
            return False
        for ct, proofs in zip(answer.choices, answer.choice_proofs, strict=True):
            if not ct.is_fresh():
                return False
            if not range_check(CHOICE_DOMAIN, context, public_key, ct, proofs, 0, 1):
                return False
        total = ciphertext_sum(answer.choices)
        if not range_check(
            ANSWER_DOMAIN,
            context,
            public_key,
            total,
            answer.overall_proof,
            question.min,
            question.max,
        ):
            return False
    return True
