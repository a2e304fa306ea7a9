"""The ballot protocol on its own (no database): keys, ballots and their proofs, the tally,
partial decryptions, and what each refuses. Property tests draw random questions, answers and
tamperings; the example counts stay modest (every ballot costs milliseconds of group work)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.voting.protocol_world import (
    CONFIDENCE,
    CONTEXT,
    DELIBERATION,
    ELECTION,
    MOTION,
    OTHER_CONTEXT,
    first_valid_answers,
    hex_paths,
    trustees,
    with_changed,
)
from thidua.voting.protocol import (
    Answer,
    Ballot,
    EncryptedTally,
    PartialDecryption,
    ProtocolError,
    Question,
    TrusteeKey,
    ballot_encrypt,
    ballot_verify,
    partial_decrypt,
    partial_verify,
    public_key_combine,
    tally_decrypt,
    tally_encrypted,
    trustee_key_verify,
)
from thidua.voting.protocol.elgamal import Ciphertext, encrypt
from thidua.voting.protocol.group import BASE, IDENTITY, add, is_valid_point, random_scalar, sub
from thidua.voting.protocol.proofs import CHOICE_DOMAIN, range_prove

BOARD = trustees(2)
FEW = settings(max_examples=20, deadline=None)


@st.composite
def questions_and_answers(draw: st.DrawFn) -> tuple[list[Question], list[list[list[int]]]]:
    """A few questions of 1–4 options with any allowed range, and 0–4 ballots answering them."""
    questions = []
    for _ in range(draw(st.integers(1, 3))):
        options = draw(st.integers(1, 4))
        high = draw(st.integers(0, options))
        questions.append(Question(options, draw(st.integers(0, high)), high))
    ballots = []
    for _ in range(draw(st.integers(0, 4))):
        answers = []
        for q in questions:
            chosen = draw(st.sets(st.integers(0, q.options - 1), min_size=q.min, max_size=q.max))
            answers.append([int(i in chosen) for i in range(q.options)])
        ballots.append(answers)
    return questions, ballots


@FEW
@given(questions_and_answers())
def test_the_tally_is_the_sum_of_the_plaintexts(
    drawn: tuple[list[Question], list[list[list[int]]]],
) -> None:
    questions, answers = drawn
    ballots = [ballot_encrypt(BOARD.public_key, a, questions, CONTEXT) for a in answers]
    assert all(ballot_verify(BOARD.public_key, b, questions, CONTEXT) for b in ballots)
    tally = tally_encrypted(ballots, questions)
    partials = BOARD.decrypt(ballots, questions)
    assert all(
        partial_verify(key, tally, partial, CONTEXT)
        for key, partial in zip(BOARD.keys, partials, strict=True)
    )
    expected = [
        [sum(a[i][j] for a in answers) for j in range(q.options)] for i, q in enumerate(questions)
    ]
    assert tally_decrypt(tally, partials, len(ballots)) == expected


@pytest.mark.parametrize("questions", [DELIBERATION, ELECTION, CONFIDENCE, MOTION])
def test_every_vote_kind_round_trips_through_json(questions: list[Question]) -> None:
    ballot = ballot_encrypt(BOARD.public_key, first_valid_answers(questions), questions, CONTEXT)
    again = Ballot.from_json(ballot.to_json())
    assert again == ballot
    assert again.tracker() == ballot.tracker()
    assert len(ballot.tracker()) == 64
    assert ballot_verify(BOARD.public_key, again, questions, CONTEXT)


def _refused_ballot(obj: object, questions: list[Question], context: str = CONTEXT) -> bool:
    try:
        ballot = Ballot.from_json(obj)
    except ProtocolError:
        return True
    return not ballot_verify(BOARD.public_key, ballot, questions, context)


MOTION_BALLOT = ballot_encrypt(BOARD.public_key, [[0, 1]], MOTION, CONTEXT).to_json()
MOTION_PATHS = hex_paths(MOTION_BALLOT)


@FEW
@given(st.sampled_from(MOTION_PATHS), st.integers(0, 63))
def test_a_tampered_ciphertext_or_proof_is_always_refused(path: list[object], at: int) -> None:
    assert _refused_ballot(with_changed(MOTION_BALLOT, path, at), MOTION)


@pytest.mark.parametrize("part", ["alpha", "beta"])
def test_every_tampered_part_kind_is_refused_somewhere(part: str) -> None:
    """Beyond the random draws: a change in the first, middle and last byte of each kind."""
    for path in MOTION_PATHS:
        if path[-1] in (part, "challenge", "response"):
            for at in (0, 31, 63):
                assert _refused_ballot(with_changed(MOTION_BALLOT, path, at), MOTION), path


def test_a_ballot_of_one_vote_does_not_verify_in_another() -> None:
    ballot = Ballot.from_json(MOTION_BALLOT)
    assert ballot_verify(BOARD.public_key, ballot, MOTION, CONTEXT)
    assert not ballot_verify(BOARD.public_key, ballot, MOTION, OTHER_CONTEXT)
    other_board = trustees(2)
    assert not ballot_verify(other_board.public_key, ballot, MOTION, CONTEXT)
    assert not ballot_verify(BOARD.public_key, ballot, [Question(2, 0, 2)], CONTEXT)


@pytest.mark.parametrize(
    ("questions", "answers"),
    [
        (ELECTION, [[1, 1, 1, 0, 0]]),  # three chosen where at most two are allowed
        (MOTION, [[0, 0]]),  # a motion needs yes or no
        (MOTION, [[0, 2]]),  # a choice is 0 or 1
        (DELIBERATION, [[1], [1], [-1], [0]]),
        (CONFIDENCE, [[1, 0, 0], [1, 1, 0]]),
    ],
)
def test_a_choice_outside_the_rules_cannot_be_proven(
    questions: list[Question], answers: list[list[int]]
) -> None:
    with pytest.raises(ProtocolError, match="cannot be proven"):
        ballot_encrypt(BOARD.public_key, answers, questions, CONTEXT)


def test_a_value_two_cannot_be_proven_in_zero_or_one() -> None:
    r = random_scalar()
    two = encrypt(BOARD.public_key, 2, r)
    with pytest.raises(ProtocolError, match=r"outside 0\.\.1"):
        range_prove(CHOICE_DOMAIN, CONTEXT, BOARD.public_key, two, 2, r, 0, 1)


def test_a_ballot_with_a_choice_shifted_to_two_is_refused() -> None:
    ballot = Ballot.from_json(MOTION_BALLOT)
    answer = ballot.answers[0]
    yes = answer.choices[1]
    shifted = Ciphertext(yes.alpha, add(yes.beta, BASE))  # encrypts 2, proofs unchanged
    forged = Answer((answer.choices[0], shifted), answer.choice_proofs, answer.overall_proof)
    assert not ballot_verify(BOARD.public_key, Ballot((forged,)), MOTION, CONTEXT)


def test_choices_spliced_from_two_ballots_exceed_the_maximum_and_are_refused() -> None:
    """Each choice's own proof holds, but the answer's sum (2) is outside 1..1."""
    first = ballot_encrypt(BOARD.public_key, [[1, 0]], MOTION, CONTEXT).answers[0]
    second = ballot_encrypt(BOARD.public_key, [[0, 1]], MOTION, CONTEXT).answers[0]
    spliced = Answer(
        (first.choices[0], second.choices[1]),
        (first.choice_proofs[0], second.choice_proofs[1]),
        first.overall_proof,
    )
    assert not ballot_verify(BOARD.public_key, Ballot((spliced,)), MOTION, CONTEXT)


def test_a_trustee_key_proves_its_secret_for_its_vote_only() -> None:
    key = BOARD.keys[0]
    assert trustee_key_verify(key, CONTEXT)
    assert not trustee_key_verify(key, OTHER_CONTEXT)
    assert TrusteeKey.from_json(key.to_json()) == key


@FEW
@given(st.sampled_from(["public", "challenge", "response"]), st.integers(0, 63))
def test_a_tampered_key_proof_is_always_refused(part: str, at: int) -> None:
    obj = BOARD.keys[0].to_json()
    path = ["public"] if part == "public" else ["proof", part]
    try:
        key = TrusteeKey.from_json(with_changed(obj, path, at))
    except ProtocolError:
        return
    assert not trustee_key_verify(key, CONTEXT)


def test_a_share_cancelling_the_others_has_no_valid_proof() -> None:
    """The rogue-key attack: a last trustee cannot publish a share derived from the others'."""
    honest = BOARD.keys[0]
    rogue_public = public_key_combine([trustees(1).keys[0]])
    forged = TrusteeKey(sub(rogue_public, honest.public), honest.proof)
    assert not trustee_key_verify(forged, CONTEXT)


DECRYPTED = [ballot_encrypt(BOARD.public_key, [[1, 0]], MOTION, CONTEXT) for _ in range(2)]
TALLY = tally_encrypted(DECRYPTED, MOTION)
PARTIAL = partial_decrypt(BOARD.secrets[0], BOARD.keys[0], TALLY, CONTEXT).to_json()


@FEW
@given(st.sampled_from(hex_paths(PARTIAL)), st.integers(0, 63))
def test_a_tampered_partial_decryption_is_always_refused(path: list[object], at: int) -> None:
    try:
        partial = PartialDecryption.from_json(with_changed(PARTIAL, path, at))
    except ProtocolError:
        return
    assert not partial_verify(BOARD.keys[0], TALLY, partial, CONTEXT)


def test_a_partial_decryption_holds_for_its_own_tally_vote_and_trustee_only() -> None:
    partial = PartialDecryption.from_json(PARTIAL)
    assert partial_verify(BOARD.keys[0], TALLY, partial, CONTEXT)
    assert not partial_verify(BOARD.keys[0], TALLY, partial, OTHER_CONTEXT)
    assert not partial_verify(BOARD.keys[1], TALLY, partial, CONTEXT)
    subset = tally_encrypted(DECRYPTED[:1], MOTION)
    assert not partial_verify(BOARD.keys[0], subset, partial, CONTEXT)


def test_the_wrong_secret_cannot_decrypt_for_a_key() -> None:
    with pytest.raises(ProtocolError, match="not the one of this trustee key"):
        partial_decrypt(BOARD.secrets[1], BOARD.keys[0], TALLY, CONTEXT)


def test_every_trustee_is_needed_and_a_missing_one_yields_no_count() -> None:
    partials = BOARD.decrypt(DECRYPTED, MOTION)
    assert tally_decrypt(TALLY, partials, 2) == [[2, 0]]
    with pytest.raises(ProtocolError, match="does not decrypt"):
        tally_decrypt(TALLY, partials[:1], 2)


def test_an_empty_box_decrypts_to_zero_with_identity_ciphertexts() -> None:
    empty = tally_encrypted([], ELECTION)
    assert all(ct.alpha == IDENTITY == ct.beta for ct in empty.answers[0])
    assert not is_valid_point(IDENTITY)  # libsodium's check refuses it; the tally admits it
    again = EncryptedTally.from_json(empty.to_json())
    partials = BOARD.decrypt([], ELECTION)
    assert all(
        partial_verify(k, again, p, CONTEXT) for k, p in zip(BOARD.keys, partials, strict=True)
    )
    assert tally_decrypt(again, partials, 0) == [[0] * 5]


def test_a_ballot_may_not_carry_the_identity_or_a_small_order_point() -> None:
    ballot = MOTION_BALLOT["answers"][0]["choices"][0]  # type: ignore[index]
    small_order = "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"
    for bad in (IDENTITY.hex(), small_order, "00" * 32):
        with pytest.raises(ProtocolError):
            Ciphertext.from_json({**ballot, "alpha": bad}, "a choice")


@pytest.mark.parametrize(
    "obj",
    [
        None,
        {},
        {"answers": "x"},
        {"answers": [{"choices": [], "choice_proofs": [], "overall_proof": [1]}]},
        {"answers": [{"choices": [{"alpha": "AB" * 32, "beta": "00"}]}]},
    ],
)
def test_malformed_ballots_raise_the_protocol_error(obj: object) -> None:
    with pytest.raises(ProtocolError):
        Ballot.from_json(obj)


def test_a_scalar_not_below_the_group_order_is_malformed() -> None:
    order = (2**252 + 27742317777372353535851937790883648493).to_bytes(32, "little").hex()
    obj = BOARD.keys[0].to_json()
    obj["proof"]["response"] = order  # type: ignore[index]
    with pytest.raises(ProtocolError, match="below the group order"):
        TrusteeKey.from_json(obj)
