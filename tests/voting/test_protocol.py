"""The ballot protocol on its own (no database): exponential ElGamal with trustees' key shares,
proofs that ballots are well formed and decryptions honest, and a homomorphic tally.

The expected counts are written by hand from the choices the test casts."""

import dataclasses

import pytest

from thidua.voting.protocol.ballot import (
    Ballot,
    ballot_encrypt,
    ballot_verify,
    tally_ciphertexts,
)
from thidua.voting.protocol.elgamal import (
    TallyTooLarge,
    decrypt_with_factors,
    encrypt,
    joint_public_key,
)
from thidua.voting.protocol.group import GROUP, Group
from thidua.voting.protocol.proofs import (
    decryption_factor,
    decryption_verify,
    key_prove,
    key_verify,
    range_prove,
)

CONTEXT = "vote:7:bầu cụm trưởng 2026"


def test_the_group_is_what_it_claims() -> None:
    assert GROUP.check() == []
    assert GROUP.q.bit_length() == 256
    assert GROUP.p.bit_length() == 2048


@pytest.mark.parametrize(
    "broken",
    [
        Group(p=GROUP.p + 2, q=GROUP.q, g=GROUP.g),
        Group(p=GROUP.p, q=GROUP.q + 2, g=GROUP.g),
        Group(p=GROUP.p, q=GROUP.q, g=GROUP.p - 1),  # order 2, not q
    ],
)
def test_broken_parameters_are_named(broken: Group) -> None:
    assert broken.check()


def _trustees(n: int) -> tuple[list[int], int]:
    secrets = [GROUP.random_exponent() for _ in range(n)]
    publics = [pow(GROUP.g, x, GROUP.p) for x in secrets]
    for x, y in zip(secrets, publics, strict=True):
        assert key_verify(GROUP, y, key_prove(GROUP, x, CONTEXT), CONTEXT)
    return secrets, joint_public_key(GROUP, publics)


def test_a_key_proof_for_another_secret_fails() -> None:
    x, other = GROUP.random_exponent(), GROUP.random_exponent()
    y = pow(GROUP.g, x, GROUP.p)
    assert not key_verify(GROUP, y, key_prove(GROUP, other, CONTEXT), CONTEXT)
    assert not key_verify(GROUP, y, key_prove(GROUP, x, CONTEXT), "vote:8")


def test_seven_voters_choose_at_most_two_of_four_and_only_the_sum_is_decrypted() -> None:
    secrets, public_key = _trustees(3)
    cast = [
        [1, 0, 0, 0],
        [1, 1, 0, 0],
        [0, 1, 0, 0],
        [1, 0, 0, 1],
        [0, 0, 0, 0],  # a blank ballot is valid: at most two
        [1, 0, 1, 0],
        [0, 1, 0, 1],
    ]
    ballots = [
        ballot_encrypt(GROUP, public_key, c, min_choices=0, max_choices=2, context=CONTEXT)
        for c in cast
    ]
    for ballot in ballots:
        assert ballot_verify(
            GROUP, public_key, ballot, candidates=4, min_choices=0, max_choices=2, context=CONTEXT
        )
    totals = tally_ciphertexts(GROUP, ballots, 4)
    counts = []
    for total in totals:
        factors = []
        for x in secrets:
            factor, proof = decryption_factor(GROUP, x, total, CONTEXT)
            assert decryption_verify(GROUP, pow(GROUP.g, x, GROUP.p), total, factor, proof, CONTEXT)
            factors.append(factor)
        counts.append(decrypt_with_factors(GROUP, total, factors, bound=len(ballots)))
    assert counts == [4, 3, 1, 2]


def test_a_ballot_choosing_three_of_at_most_two_is_refused() -> None:
    _secrets, public_key = _trustees(2)
    ballot = ballot_encrypt(
        GROUP, public_key, [1, 1, 1, 0], min_choices=0, max_choices=3, context=CONTEXT
    )
    assert not ballot_verify(
        GROUP, public_key, ballot, candidates=4, min_choices=0, max_choices=2, context=CONTEXT
    )


def test_a_choice_worth_two_votes_is_refused() -> None:
    _secrets, public_key = _trustees(2)
    honest = ballot_encrypt(
        GROUP, public_key, [1, 0, 0], min_choices=0, max_choices=2, context=CONTEXT
    )
    # The first choice replaced by an encryption of 2, keeping the proofs it came with.
    stuffed = encrypt(GROUP, public_key, 2, GROUP.random_exponent())
    forged = Ballot((stuffed, *honest.choices[1:]), honest.choice_proofs, honest.overall_proof)
    assert not ballot_verify(
        GROUP, public_key, forged, candidates=3, min_choices=0, max_choices=2, context=CONTEXT
    )
    with pytest.raises(ValueError, match="outside the range"):
        range_prove(GROUP, public_key, stuffed, 2, 1, 0, 1, CONTEXT)


def test_a_ballot_from_another_vote_does_not_verify_here() -> None:
    _secrets, public_key = _trustees(2)
    ballot = ballot_encrypt(
        GROUP, public_key, [0, 1], min_choices=0, max_choices=1, context="vote:8"
    )
    assert not ballot_verify(
        GROUP, public_key, ballot, candidates=2, min_choices=0, max_choices=1, context=CONTEXT
    )


def test_a_tampered_proof_is_refused() -> None:
    _secrets, public_key = _trustees(2)
    ballot = ballot_encrypt(
        GROUP, public_key, [0, 1], min_choices=0, max_choices=1, context=CONTEXT
    )
    branch = ballot.choice_proofs[0].branches[0]
    bent = dataclasses.replace(branch, response=(branch.response + 1) % GROUP.q)
    proof = dataclasses.replace(
        ballot.choice_proofs[0], branches=(bent, *ballot.choice_proofs[0].branches[1:])
    )
    forged = Ballot(ballot.choices, (proof, *ballot.choice_proofs[1:]), ballot.overall_proof)
    assert not ballot_verify(
        GROUP, public_key, forged, candidates=2, min_choices=0, max_choices=1, context=CONTEXT
    )


def test_a_factor_made_with_another_secret_is_caught_and_one_missing_cannot_decrypt() -> None:
    secrets, public_key = _trustees(3)
    ballots = [
        ballot_encrypt(GROUP, public_key, [1], min_choices=0, max_choices=1, context=CONTEXT)
        for _ in range(3)
    ]
    (total,) = tally_ciphertexts(GROUP, ballots, 1)
    liar = GROUP.random_exponent()
    factor, proof = decryption_factor(GROUP, liar, total, CONTEXT)
    assert not decryption_verify(
        GROUP, pow(GROUP.g, secrets[0], GROUP.p), total, factor, proof, CONTEXT
    )
    two_of_three = [decryption_factor(GROUP, x, total, CONTEXT)[0] for x in secrets[:2]]
    with pytest.raises(TallyTooLarge):
        decrypt_with_factors(GROUP, total, two_of_three, bound=len(ballots))


def test_the_tracker_changes_with_any_bit_of_the_ballot() -> None:
    _secrets, public_key = _trustees(1)
    ballot = ballot_encrypt(
        GROUP, public_key, [1, 0], min_choices=0, max_choices=1, context=CONTEXT
    )
    again = ballot_encrypt(GROUP, public_key, [1, 0], min_choices=0, max_choices=1, context=CONTEXT)
    assert len(ballot.tracker()) == 64
    assert ballot.tracker() != again.tracker()  # fresh randomness: same choice, new ballot
    assert (
        ballot.tracker()
        == Ballot(ballot.choices, ballot.choice_proofs, ballot.overall_proof).tracker()
    )
