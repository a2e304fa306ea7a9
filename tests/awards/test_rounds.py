"""Nomination rounds: opened from the published ranking, judged from the records, deliberated,
submitted within the quota, decided with prize money, revoked; and who may not."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.builders.assessments import published_plan
from tests.builders.clusters import boards_valid_in, cluster_term, head_of
from tests.builders.people import account, persona, staff_of
from thidua.accounts.models import Role, User
from thidua.audit.models import AuditEvent
from thidua.awards.models import Candidate, Grant, NominationRound, RoundStatus, Verdict
from thidua.awards.selectors.history import unit_histories
from thidua.awards.services.decisions import grant_revoke, round_decide
from thidua.awards.services.rounds import candidate_add, candidate_keep, round_open
from thidua.awards.services.submission import round_deliberate, round_submit
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.orgs.models import Unit

D = dt.date
pytestmark = pytest.mark.usefixtures("rulebook")


def _cluster_round() -> tuple[NominationRound, list[Unit]]:
    plan, (a, b, c) = published_plan()
    head = persona("lanhdao.binhduong")
    round_ = round_open(
        actor=head, level="cluster", year=2018, term=plan.term, judged_on=D(2019, 1, 10)
    )
    return round_, [a, b, c]


def _deliberated(round_: NominationRound, *, yes: int = 9) -> NominationRound:
    approvals = {c.pk: yes for c in round_.candidates.all()}
    return round_deliberate(
        actor=persona("lanhdao.binhduong"),
        round_=round_,
        deliberated_on=D(2019, 1, 12),
        summoned=10,
        present=10,
        approvals=approvals,
    )


def test_the_leading_unit_is_proposed_for_the_flag_from_the_published_ranking() -> None:
    round_, (a, _b, _c) = _cluster_round()
    flag = round_.candidates.get(award="commission_flag")
    assert flag.unit == a
    assert flag.rank == 1
    assert flag.source == "ranking"
    assert round_.status == RoundStatus.DRAFT
    assert AuditEvent.objects.filter(action="award_round.open", object_id=str(round_.pk)).exists()


def test_a_cluster_without_a_published_ranking_cannot_open_its_round() -> None:
    members = boards_valid_in(2019, 3)
    term = cluster_term(7, 2019, members, head=members[0])
    with pytest.raises(DomainError, match="chưa công bố"):
        round_open(actor=staff_of(members[0]), level="cluster", year=2019, term=term)
    assert not NominationRound.objects.exists()


def test_a_round_is_opened_once() -> None:
    round_, _ = _cluster_round()
    with pytest.raises(DomainError, match="đã được mở"):
        round_open(actor=persona("thuongtruc"), level="cluster", year=2018, term=round_.term)


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_only_the_cluster_head_and_the_secretariat_open_its_round(username: str) -> None:
    plan, _ = published_plan()
    with pytest.raises(PermissionDeniedError):
        round_open(actor=persona(username), level="cluster", year=2018, term=plan.term)
    assert not NominationRound.objects.exists()


def test_the_flag_candidate_is_judged_on_the_cluster_lead_with_its_reasons() -> None:
    round_, _ = _cluster_round()
    flag = round_.candidates.get(award="commission_flag")
    texts = [line["msgid"] for line in flag.explanation]
    assert flag.verdict in {Verdict.ELIGIBLE, Verdict.NOT_ELIGIBLE, Verdict.CANNOT_TELL}
    assert flag.explanation, "a verdict comes with its reasons"
    assert any(line.get("citation") for line in flag.explanation)
    assert texts


def test_an_ineligible_candidate_cannot_be_submitted_without_a_written_reason() -> None:
    round_, (_a, b, _c) = _cluster_round()
    # B did not lead the cluster: not eligible for the flag.
    candidate = candidate_add(
        actor=persona("lanhdao.binhduong"),
        round_=round_,
        award="commission_flag",
        unit=b,
        judged_on=D(2019, 1, 10),
    )
    assert candidate.verdict == Verdict.NOT_ELIGIBLE
    _deliberated(round_)
    with pytest.raises(DomainError, match="chưa ghi lý do"):
        round_submit(actor=persona("lanhdao.binhduong"), round_=round_, submitted_on=D(2019, 1, 15))
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DELIBERATED


def test_a_reason_keeps_an_ineligible_candidate_and_the_list_then_goes_up() -> None:
    round_, (_a, b, _c) = _cluster_round()
    head = persona("lanhdao.binhduong")
    candidate = candidate_add(
        actor=head, round_=round_, award="commission_flag", unit=b, judged_on=D(2019, 1, 10)
    )
    candidate_keep(actor=head, candidate=candidate, reason="Thành tích đột xuất trong năm.")
    _deliberated(round_)
    round_submit(actor=head, round_=round_, submitted_on=D(2019, 1, 15))
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.SUBMITTED


def test_the_deliberation_proposes_only_those_reaching_the_threshold() -> None:
    round_, _ = _cluster_round()
    # Half of the ten summoned (the rule book's 1/2 before 2024): 5 passes, 4 does not.
    flag = round_.candidates.get(award="commission_flag")
    round_deliberate(
        actor=persona("lanhdao.binhduong"),
        round_=round_,
        deliberated_on=D(2019, 1, 12),
        summoned=10,
        present=9,
        approvals={c.pk: 4 for c in round_.candidates.all()} | {flag.pk: 5},
    )
    proposed = set(round_.candidates.filter(proposed=True).values_list("pk", flat=True))
    assert proposed == {flag.pk}


@pytest.mark.parametrize(
    ("summoned", "present", "yes", "field"),
    [(10, 11, 5, "present"), (10, 8, 9, "approvals"), (0, 0, 0, "summoned")],
)
def test_inconsistent_minutes_are_refused_and_nothing_changes(
    summoned: int, present: int, yes: int, field: str
) -> None:
    round_, _ = _cluster_round()
    with pytest.raises(ValidationFailedError) as refused:
        round_deliberate(
            actor=persona("lanhdao.binhduong"),
            round_=round_,
            deliberated_on=D(2019, 1, 12),
            summoned=summoned,
            present=present,
            approvals={c.pk: yes for c in round_.candidates.all()},
        )
    assert any(name.startswith(field) for name in refused.value.problems)
    fresh = NominationRound.objects.get(pk=round_.pk)
    assert fresh.status == RoundStatus.DRAFT
    assert fresh.summoned is None


def _submitted() -> tuple[NominationRound, list[Unit]]:
    round_, units = _cluster_round()
    for candidate in round_.candidates.exclude(verdict=Verdict.ELIGIBLE):
        candidate_keep(
            actor=persona("lanhdao.binhduong"), candidate=candidate, reason="Đề nghị Hội đồng xét."
        )
    _deliberated(round_)
    round_submit(actor=persona("lanhdao.binhduong"), round_=round_, submitted_on=D(2019, 1, 15))
    return NominationRound.objects.get(pk=round_.pk), units


def test_the_decision_grants_the_flag_with_prize_money_from_the_base_salary_of_its_day() -> None:
    round_, (a, _b, _c) = _submitted()
    flag = round_.candidates.get(award="commission_flag")
    decision = round_decide(
        actor=persona("hoidong"),
        round_=round_,
        number="127-QĐ/BTCTW",
        decided_on=D(2019, 2, 1),
        issuer="Ban Tổ chức Trung ương",
        signer="Nguyễn Văn A",
        signer_title="Phó Trưởng ban",
        awardees=[flag.pk],
    )
    grant = Grant.objects.get(decision=decision)
    assert grant.unit == a
    assert grant.award == "commission_flag"
    # Cờ thi đua cấp bộ: 8,0 lần mức lương cơ sở; 1.390.000 đồng from 01/07/2018.
    assert grant.prize == Decimal("11120000")
    assert grant.prize_basis["base_salary"] == 1_390_000
    assert grant.prize_basis["multiple"] == "8"
    assert "72/2018/NĐ-CP" in grant.prize_basis["salary_citation"]
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DECIDED
    # The engine counts it from then on.
    history = unit_histories([a.pk], on=D(2019, 3, 1))[a.pk]
    assert "commission_flag" in history.years[2018].awards


def test_only_proposed_candidates_can_be_awarded() -> None:
    round_, _units = _submitted()
    stranger = Candidate.objects.exclude(round=round_).first()
    with pytest.raises(ValidationFailedError) as refused:
        round_decide(
            actor=persona("hoidong"),
            round_=round_,
            number="1-QĐ/BTCTW",
            decided_on=D(2019, 2, 1),
            issuer="Ban Tổ chức Trung ương",
            signer="A",
            signer_title="B",
            awardees=[stranger.pk if stranger else 999_999],
        )
    assert "awardees" in refused.value.problems
    assert not Grant.objects.exists()


@pytest.mark.parametrize("username", ["lanhdao.binhduong", "canbo.longan", "theodoi", "nguoingoai"])
def test_the_cluster_does_not_decide_its_own_round(username: str) -> None:
    round_, _ = _submitted()
    with pytest.raises(PermissionDeniedError):
        round_decide(
            actor=persona(username),
            round_=round_,
            number="2-QĐ/BTCTW",
            decided_on=D(2019, 2, 1),
            issuer="Ban Tổ chức Trung ương",
            signer="A",
            signer_title="B",
            awardees=list(round_.candidates.values_list("pk", flat=True)),
        )
    assert not Grant.objects.exists()


def test_a_council_member_whose_unit_is_in_the_round_does_not_decide_it() -> None:
    round_, (a, _b, _c) = _submitted()
    member = account("hoidong.a", unit=a, role=Role.COUNCIL_MEMBER, scoped=False)
    with pytest.raises(PermissionDeniedError):
        round_decide(
            actor=member,
            round_=round_,
            number="3-QĐ/BTCTW",
            decided_on=D(2019, 2, 1),
            issuer="Ban Tổ chức Trung ương",
            signer="A",
            signer_title="B",
            awardees=list(round_.candidates.values_list("pk", flat=True)),
        )


def test_the_government_flag_quota_refuses_a_fourth_proposal_of_fifteen_leaders() -> None:
    boards = boards_valid_in(2025, 30)
    for number in range(1, 16):
        pair = boards[2 * (number - 1) : 2 * number]
        cluster_term(number, 2025, pair, head=pair[0])
    secretariat = persona("thuongtruc")
    round_ = round_open(actor=secretariat, level="council", year=2025, judged_on=D(2026, 1, 10))
    leaders = [boards[2 * i] for i in range(4)]
    for unit in leaders:
        candidate = candidate_add(
            actor=secretariat,
            round_=round_,
            award="government_flag",
            unit=unit,
            judged_on=D(2026, 1, 10),
        )
        if candidate.verdict == Verdict.NOT_ELIGIBLE:
            candidate_keep(actor=secretariat, candidate=candidate, reason="Hồ sơ kèm theo.")
    everyone = {c.pk: 10 for c in round_.candidates.all()}
    round_deliberate(
        actor=secretariat,
        round_=round_,
        deliberated_on=D(2026, 1, 12),
        summoned=10,
        present=10,
        approvals=everyone,
    )
    with pytest.raises(DomainError) as refused:
        round_submit(actor=secretariat, round_=round_, submitted_on=D(2026, 1, 15))
    assert "vượt giới hạn 3" in refused.value.message
    assert "5007/BNV-TĐKT" in refused.value.message
    # One fewer approved → three proposed: within the quota.
    dropped = round_.candidates.order_by("-id").first()
    assert dropped is not None
    round_deliberate(
        actor=secretariat,
        round_=round_,
        deliberated_on=D(2026, 1, 12),
        summoned=10,
        present=10,
        approvals=everyone | {dropped.pk: 0},
    )
    round_submit(actor=secretariat, round_=round_, submitted_on=D(2026, 1, 15))
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.SUBMITTED


def test_a_revoked_award_stays_marked_and_no_longer_counts() -> None:
    round_, (a, _b, _c) = _submitted()
    flag = round_.candidates.get(award="commission_flag")
    round_decide(
        actor=persona("hoidong"),
        round_=round_,
        number="127-QĐ/BTCTW",
        decided_on=D(2019, 2, 1),
        issuer="Ban Tổ chức Trung ương",
        signer="A",
        signer_title="B",
        awardees=[flag.pk],
    )
    grant = Grant.objects.get(candidate=flag)
    with pytest.raises(PermissionDeniedError):
        grant_revoke(
            actor=head_staff(round_),
            grant=grant,
            revoked_on=D(2020, 5, 1),
            ground="false_declaration",
            decision="9-QĐ/BTCTW",
            reason="Kê khai sai số liệu.",
        )
    grant_revoke(
        actor=persona("hoidong"),
        grant=grant,
        revoked_on=D(2020, 5, 1),
        ground="false_declaration",
        decision="9-QĐ/BTCTW",
        reason="Kê khai sai số liệu.",
    )
    grant.refresh_from_db()
    assert grant.revoked
    assert Grant.objects.filter(pk=grant.pk).exists()
    assert "commission_flag" in unit_histories([a.pk], on=D(2020, 4, 30))[a.pk].years[2018].awards
    after = unit_histories([a.pk], on=D(2020, 5, 2))[a.pk].years.get(2018)
    assert after is None or "commission_flag" not in after.awards
    assert AuditEvent.objects.filter(action="award.revoke", object_id=str(grant.pk)).exists()


def head_staff(round_: NominationRound) -> User:
    return staff_of(head_of(round_.term))
