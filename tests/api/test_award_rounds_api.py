"""Nomination rounds and the registry over HTTP, as an integrator's program uses them: the whole
year from the published ranking to the decision and a revocation, the quota refusal with its
rule cited, and who may not (another cluster's officer, the observer, an outsider, the cluster
head deciding its own round)."""

from typing import Any

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.api.live import Answer, bearer, call
from tests.builders.assessments import published_plan
from tests.builders.clusters import boards_valid_in, cluster_term
from tests.builders.people import persona
from thidua.audit.models import AuditEvent
from thidua.awards.models import Grant, NominationRound, RoundStatus
from thidua.orgs.models import Unit
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db(transaction=True)
HEAD = "lanhdao.binhduong"  # the head of cluster 4 in 2018 (tests/builders)
DECISION = {
    "number": "127-QĐ/BTCTW",
    "decided_on": "2019-02-01",
    "issuer": "Ban Tổ chức Trung ương",
    "signer": "Nguyễn Văn A",
    "signer_title": "Phó Trưởng ban",
}


class Api:
    def __init__(self, url: str) -> None:
        self.url = f"{url}/api/v1"
        self.tokens: dict[str, str] = {}

    def __call__(self, who: str, method: str, path: str, body: Any = None, **h: str) -> Answer:
        if who not in self.tokens:
            self.tokens[who] = bearer(persona(who))
        return call(f"{self.url}{path}", method, body, Authorization=self.tokens[who], **h)


def _opened(api: Api) -> tuple[dict[str, Any], list[Unit]]:
    rulebook_load()
    plan, units = published_plan()
    body = {"level": "cluster", "year": 2018, "term_id": plan.term_id, "judged_on": "2019-01-10"}
    opened = api(HEAD, "POST", "/award-rounds", body)
    assert opened.status == 200, opened.body
    return opened.body, units


def test_a_year_from_the_ranking_to_the_decision_and_a_revocation(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    round_, (a, b, _c) = _opened(api)
    rid = round_["id"]
    assert round_["status"] == "draft"
    flag = next(c for c in round_["candidate_list"] if c["award"] == "commission_flag")
    assert (flag["unit_id"], flag["rank"], flag["source"]) == (a.pk, 1, "ranking")
    assert flag["explanation"], "a verdict comes with its reasons"
    assert any(line["citation"] for line in flag["explanation"])
    assert {"text", "met", "citation", "facts"} <= set(flag["explanation"][0])

    # B did not lead the cluster: not eligible for the flag, kept with a written reason.
    added = api(HEAD, "POST", f"/award-rounds/{rid}/candidates", {
        "award": "commission_flag", "unit_id": b.pk, "judged_on": "2019-01-10",
    })  # fmt: skip
    assert added.status == 200, added.body
    assert added.body["verdict"] == "not_eligible"
    unmet = [line for line in added.body["explanation"] if line["met"] is False]
    assert unmet
    assert unmet[0]["citation"]
    reasons = {"reason": "Thành tích đột xuất trong năm."}
    for candidate in api(HEAD, "GET", f"/award-rounds/{rid}").body["candidate_list"]:
        if candidate["verdict"] != "eligible":
            path = f"/award-rounds/{rid}/candidates/{candidate['id']}/keep"
            kept = api(HEAD, "POST", path, reasons)
            assert kept.status == 200, kept.body
            assert kept.body["kept_reason"] == reasons["reason"]

    listed = api(HEAD, "GET", f"/award-rounds/{rid}").body["candidate_list"]
    approvals = [{"candidate_id": c["id"], "approvals": 9} for c in listed]
    minutes = {"deliberated_on": "2019-01-12", "summoned": 10, "present": 10}
    deliberated = api(HEAD, "POST", f"/award-rounds/{rid}/deliberation", {
        **minutes, "approvals": approvals,
    })  # fmt: skip
    assert deliberated.status == 200, deliberated.body
    assert deliberated.body["status"] == "deliberated"
    assert deliberated.body["threshold"] == "1/2"
    assert all(c["proposed"] and c["approvals"] == 9 for c in deliberated.body["candidate_list"])

    path = f"/award-rounds/{rid}/submit"
    submitted = api(HEAD, "POST", path, {"submitted_on": "2019-01-15"}, Idempotency_Key="s-1")
    assert submitted.status == 200, submitted.body
    assert submitted.body["status"] == "submitted"
    again = api(HEAD, "POST", path, {"submitted_on": "2019-01-15"}, Idempotency_Key="s-1")
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.body == submitted.body

    decision = {**DECISION, "awardees": [flag["id"]]}
    # The head's own unit is in the round: it does not decide it.
    assert api(HEAD, "POST", f"/award-rounds/{rid}/decision", decision).status == 403
    decided = api("hoidong", "POST", f"/award-rounds/{rid}/decision", decision)
    assert decided.status == 200, decided.body
    assert decided.body["status"] == "decided"
    (grant,) = decided.body["decision"]["grants"]
    # Cờ thi đua cấp bộ: 8,0 × 1.390.000 đồng (72/2018/NĐ-CP, from 01/07/2018) = 11.120.000.
    assert (grant["unit_id"], grant["award"], grant["prize"]) == (
        a.pk,
        "commission_flag",
        "11120000",
    )
    assert grant["prize_basis"]["multiple"] == "8"
    assert grant["prize_basis"]["base_salary"] == 1_390_000
    assert "72/2018/NĐ-CP" in grant["prize_basis"]["salary_citation"]
    shown = api("theodoi", "GET", "/registry?q=127&year=2018&award=commission_flag")
    assert shown.status == 200, shown.body
    assert [g["id"] for g in shown.body["results"]] == [grant["id"]]
    assert shown.body["count"] == 1

    revocation = {
        "revoked_on": "2020-05-01",
        "ground": "false_declaration",
        "decision": "9-QĐ/BTCTW",
        "reason": "Kê khai sai số liệu.",
    }
    assert api(HEAD, "POST", f"/registry/{grant['id']}/revoke", revocation).status == 403
    assert not Grant.objects.get(pk=grant["id"]).revoked
    revoked = api("hoidong", "POST", f"/registry/{grant['id']}/revoke", revocation)
    assert revoked.status == 200, revoked.body
    assert revoked.body["revoked"] is True
    assert revoked.body["revocation_ground"] == "false_declaration"
    assert api("hoidong", "GET", f"/registry?unit={a.pk}").body["results"][0]["revoked"] is True
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"award_round.open", "award_round.deliberate", "award_round.decide"} <= actions
    assert "award.revoke" in actions


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai"])
def test_who_may_not_read_a_cluster_round_does_not_learn_it_exists(
    username: str, live_server: LiveServer
) -> None:
    api = Api(live_server.url)
    round_, (_a, b, _c) = _opened(api)
    rid = round_["id"]
    assert api(username, "GET", f"/award-rounds/{rid}").status == 404
    assert all(r["id"] != rid for r in api(username, "GET", "/award-rounds?year=2018").body)
    add = {"award": "commission_flag", "unit_id": b.pk}
    assert api(username, "POST", f"/award-rounds/{rid}/candidates", add).status == 404
    first = round_["candidate_list"][0]["id"]
    assert api(username, "DELETE", f"/award-rounds/{rid}/candidates/{first}").status == 404
    assert NominationRound.objects.get(pk=rid).candidates.count() == len(round_["candidate_list"])


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_only_the_cluster_head_and_the_secretariat_open_its_round(
    username: str, live_server: LiveServer
) -> None:
    api = Api(live_server.url)
    rulebook_load()
    plan, _units = published_plan()
    body = {"level": "cluster", "year": 2018, "term_id": plan.term_id}
    assert api(username, "POST", "/award-rounds", body).status == 403
    assert not NominationRound.objects.exists()


def test_the_council_reads_a_cluster_round_but_does_not_keep_its_list(
    live_server: LiveServer,
) -> None:
    api = Api(live_server.url)
    round_, (_a, b, _c) = _opened(api)
    rid = round_["id"]
    read = api("hoidong", "GET", f"/award-rounds/{rid}")
    assert read.status == 200
    assert read.body["may_manage"] is False
    assert read.body["may_decide"] is True
    add = {"award": "commission_flag", "unit_id": b.pk}
    assert api("hoidong", "POST", f"/award-rounds/{rid}/candidates", add).status == 403
    # Not yet submitted: the decision is refused for its status, with the reason.
    early = api("hoidong", "POST", f"/award-rounds/{rid}/decision", {**DECISION, "awardees": [1]})
    assert early.status == 400
    assert early.body["detail"]


def test_an_unknown_round_or_subject_is_told_plainly(live_server: LiveServer) -> None:
    api = Api(live_server.url)
    round_, _units = _opened(api)
    missing = api("thuongtruc", "GET", "/award-rounds/999999999")
    assert missing.status == 404
    assert missing.body["detail"] == "Không có đợt xét này."
    path = f"/award-rounds/{round_['id']}/candidates"
    unknown = api(HEAD, "POST", path, {"award": "commission_flag", "unit_id": 999_999_999})
    assert unknown.status == 400
    assert [e["field"] for e in unknown.body["errors"]] == ["unit_id"]
    wrong = api(
        HEAD, "POST", path, {"award": "khong-co", "unit_id": round_["candidate_list"][0]["unit_id"]}
    )
    assert wrong.status == 400
    assert "award" in {e["field"] for e in wrong.body["errors"]}


def test_the_government_flag_quota_refuses_a_fourth_of_fifteen_leaders_citing_the_rule(
    live_server: LiveServer,
) -> None:
    api = Api(live_server.url)
    rulebook_load()
    boards = boards_valid_in(2025, 30)
    for number in range(1, 16):
        pair = boards[2 * (number - 1) : 2 * number]
        cluster_term(number, 2025, pair, head=pair[0])
    opened = api("thuongtruc", "POST", "/award-rounds", {
        "level": "council", "year": 2025, "judged_on": "2026-01-10",
    })  # fmt: skip
    assert opened.status == 200, opened.body
    rid = opened.body["id"]
    ids = []
    for unit in [boards[2 * i] for i in range(4)]:
        added = api("thuongtruc", "POST", f"/award-rounds/{rid}/candidates", {
            "award": "government_flag", "unit_id": unit.pk, "judged_on": "2026-01-10",
        })  # fmt: skip
        assert added.status == 200, added.body
        ids.append(added.body["id"])
        if added.body["verdict"] == "not_eligible":
            path = f"/award-rounds/{rid}/candidates/{added.body['id']}/keep"
            assert api("thuongtruc", "POST", path, {"reason": "Hồ sơ kèm theo."}).status == 200
    minutes = {"deliberated_on": "2026-01-12", "summoned": 10, "present": 10}
    everyone = [{"candidate_id": i, "approvals": 10} for i in ids]
    path = f"/award-rounds/{rid}/deliberation"
    assert api("thuongtruc", "POST", path, {**minutes, "approvals": everyone}).status == 200
    refused = api(
        "thuongtruc", "POST", f"/award-rounds/{rid}/submit", {"submitted_on": "2026-01-15"}
    )
    assert refused.status == 400
    assert "vượt giới hạn 3" in refused.body["detail"]
    assert "5007/BNV-TĐKT" in refused.body["detail"]
    assert NominationRound.objects.get(pk=rid).status == RoundStatus.DELIBERATED
    # One fewer approved: three proposed, within the quota.
    fewer = [*everyone[:3], {"candidate_id": ids[3], "approvals": 0}]
    assert api("thuongtruc", "POST", path, {**minutes, "approvals": fewer}).status == 200
    accepted = api(
        "thuongtruc", "POST", f"/award-rounds/{rid}/submit", {"submitted_on": "2026-01-15"}
    )
    assert accepted.status == 200, accepted.body
    assert accepted.body["proposed"] == 3
