"""An electronic vote over HTTP from setup to the verified record: the head sets it up, the two
trustees send their key parts (made here, as their browsers would: the secrets never leave the
test), voters cast encrypted ballots from their accounts and a delegate with a one-time code
and no account, the head closes the box, the trustees decrypt its sum. Who may not: a voter
twice, someone not on the roll, the organiser for others, a stranger with a guessed code, a
non-trustee with a key or a decryption, a trustee decrypting a subset of the box; and nobody
reads a result before the last decryption."""

from typing import Any

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import call
from tests.api.test_votes_api import HEAD, Api
from tests.builders.clusters import term
from tests.builders.people import persona
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting import protocol
from thidua.voting.models import Ballot

pytestmark = pytest.mark.django_db(transaction=True)
VOTERS = ("canbo.binhduong", "canbo.longan", "canbo.daklak")
TRUSTEES = ("thuongtruc", "hoidong")
DELEGATE = "Đại biểu khách mời"


def _setup() -> dict[str, Any]:
    rulebook_load()
    return {
        "title": "Bầu cụm trưởng năm 2019",
        "kind": "election",
        "mode": "electronic",
        "year": 2018,
        "held_on": "2018-12-20",
        "rule_prefix": "officer_election",
        "seats": 1,
        "candidates": [{"name": "Bình Dương"}, {"name": "Long An"}, {"name": "Lâm Đồng"}],
        "roll": [{"name": persona(v).get_full_name(), "user_id": persona(v).pk} for v in VOTERS]
        + [{"name": DELEGATE}],
        "trustees": [persona(t).pk for t in TRUSTEES],
        "organiser_term_id": term(4, 2018).pk,
    }


class Box:
    """The test's side: the trustees' secrets and the voters' browsers."""

    def __init__(self, api: Api, vote: dict[str, Any]) -> None:
        self.api, self.id, self.context = api, vote["id"], vote["context"]
        self.questions = [protocol.Question(**q) for q in vote["questions"]]
        self.secrets: dict[str, tuple[bytes, protocol.TrusteeKey]] = {}

    def path(self, step: str = "") -> str:
        return f"/votes/{self.id}{'/' + step if step else ''}"

    def ballot(self, answers: list[list[int]]) -> dict[str, Any]:
        public = bytes.fromhex(self.api(HEAD, "GET", self.path()).body["public_key"])
        made = protocol.ballot_encrypt(public, answers, self.questions, self.context)
        return made.to_json()

    def partial(self, trustee: str, tally: dict[str, Any]) -> dict[str, Any]:
        secret, key = self.secrets[trustee]
        parsed = protocol.EncryptedTally.from_json(tally)
        made = protocol.partial_decrypt(secret, key, parsed, self.context)
        return made.to_json()


def _opened(api: Api) -> Box:
    made = api(HEAD, "POST", "/votes", _setup())
    assert made.status == 200, made.body
    box = Box(api, made.body)
    assert api(HEAD, "POST", box.path("keys-start")).status == 200
    for name in TRUSTEES:
        secret, key = protocol.trustee_keygen(box.context)
        box.secrets[name] = (secret, key)
        sent = api(name, "POST", box.path("trustee-key"), {"key": key.to_json()})
        assert sent.status == 200, sent.body
    opened = api(HEAD, "POST", box.path("open"))
    assert opened.status == 200, opened.body
    assert opened.body["status"] == "open"
    assert all(t["key_sent"] and not t["decryption_sent"] for t in opened.body["trustees"])
    return box


def test_an_electronic_election_from_keys_to_a_verified_record(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    box = _opened(api)
    cast = box.path("cast")
    first = api(VOTERS[0], "POST", cast, {"ballot": box.ballot([[1, 0, 0]])})
    assert first.status == 200, first.body
    twice = api(VOTERS[0], "POST", cast, {"ballot": box.ballot([[0, 1, 0]])})
    assert twice.status == 400
    assert twice.body["detail"] == "Anh/chị đã bỏ phiếu; mỗi người chỉ bỏ một lần."
    assert api(VOTERS[0], "GET", box.path("receipt")).body == first.body
    assert api(VOTERS[1], "GET", box.path("receipt")).status == 404
    second = api(VOTERS[1], "POST", cast, {"ballot": box.ballot([[1, 0, 0]])})
    assert second.status == 200, second.body

    # The delegate without an account: the code is the credential, once.
    codes = api(HEAD, "POST", box.path("codes"))
    assert codes.status == 200, codes.body
    ((name, code),) = [(c["name"], c["code"]) for c in codes.body["codes"]]
    assert name == DELEGATE
    url = f"{api.url}{cast}"
    by_code = call(url, "POST", {"ballot": box.ballot([[0, 0, 1]]), "code": code})
    assert by_code.status == 200, by_code.body
    reused = call(url, "POST", {"ballot": box.ballot([[0, 1, 0]]), "code": code})
    assert reused.status == 400
    assert reused.body["detail"] == "Mã bỏ phiếu không đúng hoặc đã được dùng."
    assert api(HEAD, "POST", box.path("codes")).body["codes"] == [], "shown once"

    listed = api("nguoingoai", "GET", box.path("ballots"))
    assert listed.status == 200, "the bulletin board is public to anyone signed in"
    trackers = [b["tracker"] for b in listed.body["results"]]
    assert sorted(trackers) == sorted(
        [first.body["tracker"], second.body["tracker"], by_code.body["tracker"]]
    )
    page = api(VOTERS[2], "GET", box.path("ballots") + "?limit=2&offset=2").body
    assert (page["count"], [b["tracker"] for b in page["results"]]) == (3, trackers[2:])
    for who in (HEAD, "thuongtruc", VOTERS[0]):
        read = api(who, "GET", box.path()).body
        assert (read["result"], read["voted"], read["roll"]) == (None, 3, 4)

    early = api(VOTERS[2], "GET", box.path("record"))
    assert early.status == 200, early.body
    assert early.body["result"] is None
    assert early.body["partials"] == []
    assert api(VOTERS[2], "GET", box.path("tally")).status == 404, "no tally while open"
    assert api(VOTERS[2], "POST", box.path("close")).status == 403
    closed = api(HEAD, "POST", box.path("close"))
    assert closed.body["status"] == "closed"
    late = api(VOTERS[2], "POST", cast, {"ballot": box.ballot([[0, 1, 0]])})
    assert late.status == 400
    tally = api(TRUSTEES[0], "GET", box.path("tally"))
    assert tally.status == 200, tally.body

    # A decryption of a subset of the box (here: all but the delegate's ballot) is refused.
    contents = Ballot.objects.filter(vote_id=box.id).exclude(tracker=by_code.body["tracker"])
    subset = protocol.tally_encrypted(
        [protocol.Ballot.from_json(b) for b in contents.values_list("content", flat=True)],
        box.questions,
    )
    cheat = box.partial(TRUSTEES[0], subset.to_json())
    refused = api(TRUSTEES[0], "POST", box.path("partial"), {"partial": cheat})
    assert refused.status == 400
    assert "toàn bộ phiếu" in refused.body["detail"]
    partial = box.partial(TRUSTEES[0], tally.body)
    assert api(VOTERS[0], "POST", box.path("partial"), {"partial": partial}).status == 403
    half = api(TRUSTEES[0], "POST", box.path("partial"), {"partial": partial})
    assert half.status == 200, half.body
    assert half.body["result"] is None, "one decryption of two opens nothing"
    last = api(
        TRUSTEES[1], "POST", box.path("partial"), {"partial": box.partial(TRUSTEES[1], tally.body)}
    )
    assert last.status == 200, last.body
    assert last.body["status"] == "final"
    assert [r["votes"] for r in last.body["result"]["rows"]] == [2, 0, 1]
    assert [r["elected"] for r in last.body["result"]["rows"]] == [True, False, False]

    record = api("hoidong", "GET", box.path("record"))
    assert record.status == 200, record.body
    assert protocol.record_verify(record.body) == []


def test_who_may_not_cast_and_who_may_not_hold_a_key(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    rulebook_load()
    made = api(HEAD, "POST", "/votes", _setup())
    box = Box(api, made.body)
    assert api(HEAD, "POST", box.path("keys-start")).status == 200
    _secret, stranger_key = protocol.trustee_keygen(box.context)
    assert (
        api(VOTERS[0], "POST", box.path("trustee-key"), {"key": stranger_key.to_json()}).status
        == 403
    )
    bad = api(TRUSTEES[0], "POST", box.path("trustee-key"), {"key": {"public": "00"}})
    assert bad.status == 400
    # The trustee's proof is bound to this vote: a key made for another one is refused.
    _s, elsewhere = protocol.trustee_keygen("thidua/vote/another")
    replay = api(TRUSTEES[0], "POST", box.path("trustee-key"), {"key": elsewhere.to_json()})
    assert replay.status == 400
    not_yet = api(HEAD, "POST", box.path("open"))
    assert not_yet.status == 400
    for name in TRUSTEES:
        secret, key = protocol.trustee_keygen(box.context)
        box.secrets[name] = (secret, key)
        if name == TRUSTEES[1]:
            # A copy of the first trustee's part would give the first trustee the whole key.
            first = box.secrets[TRUSTEES[0]][1].to_json()
            copied = api(name, "POST", box.path("trustee-key"), {"key": first})
            assert copied.status == 400
            assert "trùng" in copied.body["detail"]
        assert api(name, "POST", box.path("trustee-key"), {"key": key.to_json()}).status == 200
    assert api(VOTERS[2], "POST", box.path("open")).status == 403
    assert api(HEAD, "POST", box.path("open")).status == 200
    ballot = {"ballot": box.ballot([[0, 1, 0]])}
    # The organiser and the secretariat read the vote but are not on its roll.
    for who in (HEAD, "thuongtruc"):
        refused = api(who, "POST", box.path("cast"), ballot)
        assert refused.status == 400, who
        assert "không có tên trong danh sách cử tri" in refused.body["detail"]
    assert api("nguoingoai", "POST", box.path("cast"), ballot).status == 404
    url = f"{api.url}{box.path('cast')}"
    assert call(url, "POST", ballot).status == 401
    assert call(url, "POST", {**ballot, "code": "AAAAA-BBBBB"}).status == 401
    assert call(f"{api.url}/votes/999999/cast", "POST", ballot).status == 401
    # Two ballots of two candidates, or an answer of two among three for one seat: refused.
    assert api(VOTERS[0], "POST", box.path("cast"), {"ballot": {"answers": []}}).status == 400
    malformed = api(VOTERS[0], "POST", box.path("cast"), {"ballot": {"answers": "x"}})
    assert malformed.status == 400
    assert malformed.body["detail"] == "Lá phiếu không đúng định dạng."
    assert not Ballot.objects.exists()
    # A ballot made for one voter's answers of the right shape, but tampered with: refused.
    tampered = box.ballot([[1, 0, 0]])
    choice = tampered["answers"][0]["choices"][0]
    choice["beta"], choice["alpha"] = choice["alpha"], choice["beta"]
    assert api(VOTERS[0], "POST", box.path("cast"), {"ballot": tampered}).status == 400
    assert api(VOTERS[0], "POST", box.path("cast"), ballot).status == 200
    assert Ballot.objects.count() == 1
