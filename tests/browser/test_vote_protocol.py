"""The browser's half of the ballot protocol in real Chromium, checked by the server's half:
vote-protocol.js on the vendored @noble/curves bundle, loaded into a blank page (no server).

Ballots encrypted in the browser verify in Python with the same tracker; a key share drawn in
the browser verifies; a partial decryption made in the browser verifies and, with a share made
in Python, decrypts the right counts; a browser ballot with one byte changed is refused; and
the browser verifies Python's ballots before adding up the box for a trustee."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS
from tests.voting.protocol_world import CONTEXT, OTHER_CONTEXT, flip_hex
from thidua.voting.protocol import (
    Ballot,
    PartialDecryption,
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
    trustee_keygen,
)

STATIC = Path(__file__).resolve().parents[2] / "thidua" / "web" / "static"
SCRIPTS = [
    *sorted((STATIC / "vendor").glob("noble-curves-*.js")),
    STATIC / "web" / "js" / "vote-protocol.js",
]
QUESTIONS = [Question(1, 0, 1), Question(1, 0, 1), Question(15, 0, 3), Question(3, 1, 1)]
CAST = [
    [[1], [0], [1, 0, 1] + [0] * 11 + [1], [0, 0, 1]],
    [[1], [1], [0] * 15, [1, 0, 0]],
    [[0], [1], [0, 1] + [0] * 13, [1, 0, 0]],
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def blank_page() -> Iterator[Page]:
    """Chromium on about:blank with the noble bundle and the protocol script loaded."""
    assert len(SCRIPTS) == 2, "exactly one vendored noble-curves bundle"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(TIMEOUT_MS)
            page.goto("about:blank")
            for script in SCRIPTS:
                page.add_script_tag(path=str(script))
            yield page
        finally:
            browser.close()


def _questions_json() -> list[dict[str, int]]:
    return [q.to_json() for q in QUESTIONS]


def _js(page: Page, call: str, *args: Any) -> Any:
    return page.evaluate(f"(args) => window.ThiduaVote.{call}(...args)", list(args))


def test_browser_ballots_and_keys_verify_in_python_and_decrypt_right(blank_page: Page) -> None:
    browser_share = _js(blank_page, "trusteeKeygen", CONTEXT)
    browser_key = TrusteeKey.from_json(browser_share["key"])
    assert trustee_key_verify(browser_key, CONTEXT)
    assert not trustee_key_verify(browser_key, OTHER_CONTEXT)
    server_secret, server_key = trustee_keygen(CONTEXT)
    public = public_key_combine([browser_key, server_key])

    ballots = []
    for answers in CAST:
        made = _js(blank_page, "ballotEncrypt", public.hex(), answers, _questions_json(), CONTEXT)
        ballot = Ballot.from_json(made)
        assert ballot_verify(public, ballot, QUESTIONS, CONTEXT)
        assert not ballot_verify(public, ballot, QUESTIONS, OTHER_CONTEXT)
        assert _js(blank_page, "ballotTracker", made) == ballot.tracker()
        ballots.append(ballot)

    tally = tally_encrypted(ballots, QUESTIONS)
    ballots_json = [b.to_json() for b in ballots]
    assert _js(blank_page, "tallyFromBallots", ballots_json, _questions_json()) == tally.to_json()
    made = _js(
        blank_page,
        "partialDecrypt",
        browser_share["secret"],
        browser_share["key"],
        tally.to_json(),
        CONTEXT,
    )
    browser_partial = PartialDecryption.from_json(made)
    assert partial_verify(browser_key, tally, browser_partial, CONTEXT)
    assert not partial_verify(browser_key, tally, browser_partial, OTHER_CONTEXT)
    server_partial = partial_decrypt(server_secret, server_key, tally, CONTEXT)
    counts = tally_decrypt(tally, [browser_partial, server_partial], len(ballots))
    assert counts == [
        [sum(a[i][j] for a in CAST) for j in range(q.options)] for i, q in enumerate(QUESTIONS)
    ]


def test_a_browser_ballot_with_one_byte_changed_is_refused(blank_page: Page) -> None:
    _secret, key = trustee_keygen(CONTEXT)
    made = _js(blank_page, "ballotEncrypt", key.public.hex(), CAST[0], _questions_json(), CONTEXT)
    assert ballot_verify(key.public, Ballot.from_json(made), QUESTIONS, CONTEXT)
    tracker = _js(blank_page, "ballotTracker", made)
    answer = made["answers"][2]
    for part, holder, name in (
        ("ciphertext", answer["choices"][4], "beta"),
        ("choice proof", answer["choice_proofs"][7][1], "response"),
        ("overall proof", answer["overall_proof"][2], "challenge"),
    ):
        original = holder[name]
        holder[name] = flip_hex(original, 5)
        try:
            ballot = Ballot.from_json(made)
        except ValueError:
            ballot = None
        assert ballot is None or not ballot_verify(key.public, ballot, QUESTIONS, CONTEXT), part
        assert _js(blank_page, "ballotTracker", made) != tracker
        holder[name] = original


def test_the_browser_refuses_to_prove_a_choice_outside_the_rules(blank_page: Page) -> None:
    _secret, key = trustee_keygen(CONTEXT)
    too_many = [[1], [0], [1, 1, 1, 1] + [0] * 11, [0, 0, 1]]
    refused = blank_page.evaluate(
        """(args) => {
            try { window.ThiduaVote.ballotEncrypt(...args); return null; }
            catch (error) { return error.message; }
        }""",
        [key.public.hex(), too_many, _questions_json(), CONTEXT],
    )
    assert refused == "answer 2 chooses 4, not 0..3"


def test_the_browser_refuses_a_secret_that_is_not_the_keys(blank_page: Page) -> None:
    first = _js(blank_page, "trusteeKeygen", CONTEXT)
    second = _js(blank_page, "trusteeKeygen", CONTEXT)
    empty = tally_encrypted([], QUESTIONS).to_json()
    refused = blank_page.evaluate(
        """(args) => {
            try { window.ThiduaVote.partialDecrypt(...args); return null; }
            catch (error) { return error.message; }
        }""",
        [first["secret"], second["key"], empty, CONTEXT],
    )
    assert refused == "this secret is not the one of this trustee key"
    made = _js(blank_page, "partialDecrypt", first["secret"], first["key"], empty, CONTEXT)
    key = TrusteeKey.from_json(first["key"])
    assert partial_verify(
        key, tally_encrypted([], QUESTIONS), PartialDecryption.from_json(made), CONTEXT
    )


def test_the_browser_verifies_python_ballots_and_refuses_a_changed_one(blank_page: Page) -> None:
    """What the trustee's page does before adding up the box: every ballot verified, no copy."""
    _secret, key = trustee_keygen(CONTEXT)
    questions = [*QUESTIONS[:2], Question(4, 1, 1)]
    answers = [[[1], [0], [0, 0, 1, 0]], [[0], [0], [1, 0, 0, 0]]]
    ballots = [ballot_encrypt(key.public, a, questions, CONTEXT).to_json() for a in answers]
    questions_json = [q.to_json() for q in questions]
    public = key.public.hex()
    assert _js(blank_page, "ballotVerify", public, ballots[0], questions_json, CONTEXT) is True
    assert not _js(blank_page, "ballotVerify", public, ballots[0], questions_json, OTHER_CONTEXT)
    changed: Any = copy.deepcopy(ballots[0])
    proof = changed["answers"][2]["choice_proofs"][3][1]
    proof["response"] = flip_hex(proof["response"], 20)
    assert not _js(blank_page, "ballotVerify", public, changed, questions_json, CONTEXT)
    check = {"publicKey": public, "context": CONTEXT}
    tally = _js(blank_page, "tallyFromBallots", ballots, questions_json, check)
    python_tally = tally_encrypted([Ballot.from_json(b) for b in ballots], questions)
    assert tally == python_tally.to_json()
    refused = blank_page.evaluate(
        """(args) => {
            try { window.ThiduaVote.tallyFromBallots(...args); return null; }
            catch (error) { return error.message; }
        }""",
        [[ballots[0], changed], questions_json, check],
    )
    assert refused == "ballot 2 does not verify"
