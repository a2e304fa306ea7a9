"""Paper votes over HTTP, as an integrator's program runs them: cluster 4's head sets up the
deliberation, the counting committee enters the minutes' figures (each impossible figure
refused under its field), two members confirm, and only then does anyone read the result.
Who may not: another cluster's officer, an outsider, the organiser counting without being on
the committee, a member confirming twice. Bad bodies are clear 4xx answers, never a 500."""

from typing import Any
from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import Answer, bearer, call
from tests.builders.clusters import term
from tests.builders.people import persona
from thidua.audit.models import AuditEvent
from thidua.rulebook.services.loader import rulebook_load
from thidua.voting.models import PaperCount, Vote

pytestmark = pytest.mark.django_db(transaction=True)
HEAD = "lanhdao.binhduong"  # the head of cluster 4 in 2018 (tests/builders)
COMMITTEE = ("canbo.binhduong", "canbo.longan")


class Api:
    def __init__(self, url: str) -> None:
        self.url = f"{url}/api/v1"
        self.tokens: dict[str, str] = {}

    def __call__(self, who: str, method: str, path: str, body: Any = None, **h: str) -> Answer:
        if who not in self.tokens:
            self.tokens[who] = bearer(persona(who))
        return call(f"{self.url}{path}", method, body, Authorization=self.tokens[who], **h)


def paper_setup(**changes: Any) -> dict[str, Any]:
    rulebook_load()
    return {
        "title": "Bình xét đề nghị Cờ thi đua năm 2017",
        "kind": "approval",
        "mode": "paper",
        "year": 2017,
        "held_on": "2018-01-05",
        "rule_prefix": "deliberation",
        "candidates": [
            {"name": "Ban Tổ chức Tỉnh ủy Bình Dương"},
            {"name": "Ban Tổ chức Tỉnh ủy Long An"},
            {"name": "Ban Tổ chức Tỉnh ủy Lâm Đồng"},
        ],
        "committee": [persona(name).pk for name in COMMITTEE],
        "summoned": 10,
        "organiser_term_id": term(4, 2018).pk,
        **changes,
    }


def _created(api: Api, **changes: Any) -> dict[str, Any]:
    made = api(HEAD, "POST", "/votes", paper_setup(**changes))
    assert made.status == 200, made.body
    body: dict[str, Any] = made.body
    return body


def _figures(
    vote: dict[str, Any], per_candidate: list[list[int]], **figures: int
) -> dict[str, Any]:
    counts = [
        {"candidate_id": c["id"], "counts": n}
        for c, n in zip(vote["candidates"], per_candidate, strict=True)
    ]
    return {
        "present": 9,
        "issued": 9,
        "received": 9,
        "valid": 8,
        "invalid": 1,
        "counts": counts,
        **figures,
    }


def _fields(answer: Answer) -> set[str]:
    assert answer.status == 400, answer.body
    return {e["field"] for e in answer.body.get("errors", [])}


def test_a_paper_deliberation_from_setup_to_its_confirmed_result(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    vote = _created(api)
    vid = vote["id"]
    assert (vote["status"], vote["mode"], vote["kind"], vote["summoned"]) == (
        "draft",
        "paper",
        "approval",
        10,
    )
    assert vote["rule"]["citation"], "the rule comes with its citation"
    assert vote["rule"]["share"] == "1/2"
    assert isinstance(vote["rule"]["is_parameter"], bool)
    assert vote["may_manage"] is True
    assert [m["is_chair"] for m in vote["committee"]] == [True, False]
    assert vote["result"] is None

    path = f"/votes/{vid}/paper-count"
    clerk, second = COMMITTEE
    # Each impossible figure is refused with its reason under its field.
    assert "received" in _fields(api(clerk, "POST", path, _figures(vote, [[8]] * 3, received=10)))
    assert "valid" in _fields(api(clerk, "POST", path, _figures(vote, [[8]] * 3, invalid=2)))
    first = vote["candidates"][0]["id"]
    too_many = api(clerk, "POST", path, _figures(vote, [[9], [1], [1]]))
    assert f"counts.{first}" in _fields(too_many)
    assert "nhiều hơn số phiếu hợp lệ" in too_many.body["errors"][0]["message"]
    assert not PaperCount.objects.filter(vote_id=vid).exists()
    # The organiser is not on the committee: not theirs to count.
    assert api(HEAD, "POST", path, _figures(vote, [[8], [5], [3]])).status == 403

    counted = api(clerk, "POST", path, _figures(vote, [[8], [5], [4]]))
    assert counted.status == 200, counted.body
    assert counted.body["status"] == "counted"
    # Counted but unconfirmed: nobody reads the result yet, the committee included.
    for who in (clerk, HEAD, "thuongtruc", "hoidong"):
        read = api(who, "GET", f"/votes/{vid}")
        assert read.status == 200, (who, read.body)
        assert read.body["result"] is None, who

    confirm = f"/votes/{vid}/paper-confirm"
    assert api(HEAD, "POST", confirm).status == 403
    assert api(clerk, "POST", confirm).status == 200
    again = api(clerk, "POST", confirm)
    assert again.status == 400
    assert again.body["detail"] == "Anh/chị đã xác nhận kết quả này."
    assert api(clerk, "GET", f"/votes/{vid}").body["result"] is None
    final = api(second, "POST", confirm)
    assert final.status == 200, final.body
    assert final.body["status"] == "final"
    result = api("hoidong", "GET", f"/votes/{vid}").body["result"]
    # Half of the ten summoned (the rule book's denominator for 2017: the roll) passes.
    rows = [(r["votes"], r["base"], r["share"], r["passed"]) for r in result["rows"]]
    assert rows == [(8, 10, "4/5", True), (5, 10, "1/2", True), (4, 10, "2/5", False)]
    assert result["rule"]["citation"]
    assert result["rule"]["is_parameter"] is True, "an unconfirmed rule says so"
    assert result["turnout"]["valid"] == 8
    # Confirmed: the count no longer changes.
    assert api(clerk, "POST", path, _figures(vote, [[1], [1], [1]])).status == 400
    listed = api(HEAD, "GET", "/votes?year=2017&kind=approval")
    assert [v["id"] for v in listed.body] == [vid]
    assert api(HEAD, "GET", "/votes?year=2017&kind=election").body == []
    assert {"vote.create", "vote.count_enter", "vote.count_confirm", "vote.finalise"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )


def test_a_paper_election_refuses_more_choices_than_seats(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    vote = _created(api, kind="election", seats=1, rule_prefix="officer_election")
    # 8 valid ballots electing one each: 8 + 5 marks say some ballots chose two.
    too_many = api(COMMITTEE[0], "POST", f"/votes/{vote['id']}/paper-count", _figures(
        vote, [[8], [5], [0]],
    ))  # fmt: skip
    assert "counts" in _fields(too_many)
    assert "chọn quá 1 người" in " ".join(e["message"] for e in too_many.body["errors"])


def test_a_paper_confidence_vote_gives_each_outcome_of_the_rule(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    setup = paper_setup(
        title="Lấy phiếu tín nhiệm năm 2023",
        kind="confidence",
        year=2023,
        held_on="2023-06-01",
        rule_prefix="confidence_vote",
        summoned=9,
        organiser_term_id=None,
    )
    made = api("thuongtruc", "POST", "/votes", setup)
    assert made.status == 200, made.body
    vote = made.body
    assert vote["rule"]["dismissal"] == "2/3"
    path = f"/votes/{vote['id']}/paper-count"
    nine = {"present": 9, "issued": 9, "received": 9, "valid": 9, "invalid": 0}
    over = api(
        COMMITTEE[0], "POST", path, _figures(vote, [[5, 5, 5], [3, 3, 3], [0, 3, 6]], **nine)
    )
    assert f"counts.{vote['candidates'][0]['id']}" in _fields(over)
    short = api(COMMITTEE[0], "POST", path, _figures(vote, [[2, 7], [3, 3, 3], [0, 3, 6]], **nine))
    assert f"counts.{vote['candidates'][0]['id']}" in _fields(short)
    counted = api(
        COMMITTEE[0], "POST", path, _figures(vote, [[2, 2, 5], [3, 3, 3], [0, 3, 6]], **nine)
    )
    assert counted.status == 200, counted.body
    api(COMMITTEE[0], "POST", f"/votes/{vote['id']}/paper-confirm")
    final = api(COMMITTEE[1], "POST", f"/votes/{vote['id']}/paper-confirm").body
    rows = final["result"]["rows"]
    # Low 5/9 (over ½, under ⅔), 3/9, 6/9 (⅔): Quy định 96-QĐ/TW's three outcomes.
    assert [r["outcome"] for r in rows] == ["removed_from_planning", "none", "dismissal"]
    assert rows[0]["levels"] == [2, 2, 5]
    assert final["result"]["quorum_met"] is True
    assert "96-QĐ/TW" in final["result"]["rule"]["citation"]


def test_a_correction_withdraws_the_confirmation_given(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    vote = _created(api)
    path, confirm = f"/votes/{vote['id']}/paper-count", f"/votes/{vote['id']}/paper-confirm"
    assert api(COMMITTEE[0], "POST", path, _figures(vote, [[8], [5], [3]])).status == 200
    assert api(COMMITTEE[1], "POST", confirm).status == 200
    assert api(COMMITTEE[0], "POST", path, _figures(vote, [[7], [5], [3]])).status == 200
    # The first confirmation was of the old figures: one more is not enough.
    assert api(COMMITTEE[0], "POST", confirm).body["status"] == "counted"
    assert api(COMMITTEE[1], "POST", confirm).body["status"] == "final"


@pytest.mark.parametrize("username", ["canbo.daklak", "nguoingoai", "theodoi"])
def test_who_is_not_involved_does_not_learn_the_vote_exists(
    username: str, live_server: LiveServer
) -> None:
    api = Api(live_server.url)
    vote = _created(api)
    vid = vote["id"]
    assert api(username, "GET", f"/votes/{vid}").status == 404
    assert all(v["id"] != vid for v in api(username, "GET", "/votes").body)
    for step in ("paper-confirm", "keys-start", "open", "close", "codes"):
        assert api(username, "POST", f"/votes/{vid}/{step}").status == 404, step
    assert api(username, "POST", f"/votes/{vid}/paper-count", _figures(
        vote, [[8], [5], [3]],
    )).status == 404  # fmt: skip
    assert api(username, "POST", f"/votes/{vid}", paper_setup(title="Đổi tên")).status == 404
    assert Vote.objects.get(pk=vid).title == vote["title"]


@pytest.mark.parametrize("username", ["canbo.daklak", "nguoingoai", "theodoi", "hoidong"])
def test_only_the_cluster_head_and_the_secretariat_set_up_its_vote(
    username: str, live_server: LiveServer
) -> None:
    api = Api(live_server.url)
    assert api(username, "POST", "/votes", paper_setup()).status == 403
    assert not Vote.objects.exists()
    assert api("thuongtruc", "POST", "/votes", paper_setup()).status == 200


def test_the_sector_reads_a_cluster_vote_but_does_not_count_it(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    vote = _created(api)
    read = api("hoidong", "GET", f"/votes/{vote['id']}")
    assert read.status == 200
    assert read.body["may_manage"] is False
    count = _figures(vote, [[8], [5], [3]])
    assert api("hoidong", "POST", f"/votes/{vote['id']}/paper-count", count).status == 403
    # A paper vote has no electronic steps: refused with the reason.
    refused = api(HEAD, "POST", f"/votes/{vote['id']}/keys-start")
    assert refused.status == 400
    assert refused.body["detail"] == "Đây là cuộc bỏ phiếu giấy."


def test_the_organiser_changes_a_draft_only(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    vote = _created(api)
    path = f"/votes/{vote['id']}"
    assert api("hoidong", "POST", path, paper_setup(title="Đổi tên")).status == 403
    changed = api(HEAD, "POST", path, paper_setup(title="Bình xét năm 2017 (sửa)", summoned=11))
    assert changed.status == 200, changed.body
    assert (changed.body["title"], changed.body["summoned"]) == ("Bình xét năm 2017 (sửa)", 11)
    count = _figures(changed.body, [[8], [5], [3]])
    assert api(COMMITTEE[0], "POST", f"{path}/paper-count", count).status == 200
    late = api(HEAD, "POST", path, paper_setup(title="Quá muộn"))
    assert late.status == 400
    assert late.body["detail"] == "Chỉ sửa được cuộc bỏ phiếu đang chuẩn bị."
    assert call(f"{api.url}/votes", "GET").status == 401
    assert call(f"{api.url}{path}", "GET").status == 401


def test_bad_setups_are_refused_under_their_fields(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    unknown = api(HEAD, "POST", "/votes", paper_setup(committee=[999_999_999], summoned=None))
    assert _fields(unknown) == {"committee"}
    twice = api(HEAD, "POST", "/votes", paper_setup(candidates=[{"name": "A"}, {"name": "A"}]))
    assert "candidates" in _fields(twice)
    no_seats = api(HEAD, "POST", "/votes", paper_setup(kind="election"))
    assert "seats" in _fields(no_seats)
    no_rule = api(HEAD, "POST", "/votes", paper_setup(rule_prefix="khong_co"))
    assert no_rule.status == 400
    assert no_rule.body["detail"]
    assert not Vote.objects.exists()


def _raw(url: str, body: bytes, token: str) -> tuple[int, Any]:
    request = Request(  # noqa: S310 (the live server's own http:// address)
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": token},
    )
    try:
        with urlopen(request, timeout=30) as answer:  # noqa: S310
            return answer.status, answer.read()
    except HTTPError as refused:
        return refused.code, refused.read()


def test_unreadable_bodies_are_clear_refusals(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    vote = _created(api)
    token = bearer(persona(COMMITTEE[0]))
    url = f"{api.url}/votes/{vote['id']}/paper-count"
    for body in (b"{not json", b'{"present": "\\u0000"}', b"[]", b'{"present": 1e400}'):
        status, text = _raw(url, body, token)
        assert status in (400, 422), (body, status, text)
        assert "detail" in text.decode()
    status, _text = _raw(url, b'{"x": "' + b"a" * 12_000_000 + b'"}', token)
    assert status == 413
