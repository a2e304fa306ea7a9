"""A round's deliberation entered from the minutes (a round with no vote: older years; a round
deliberated by secret ballot takes its result from ``deliberation``) and its submission,
where the quotas of the rule book are checked; a round with a vote is submitted only once the
vote is final.

The deliberation's threshold is the rule book's (``deliberation.approval_share`` for a cluster
or a board, ``council_vote.approval_share`` for the council), in force on the meeting's date,
over everyone summoned (or those present, where the council's denominator rule says so).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.awards import access
from thidua.awards.models import Candidate, NominationRound, RoundLevel, RoundStatus, Verdict
from thidua.awards.services.rounds import round_snapshot
from thidua.awards.workflow import ROUND_LABELS, ROUND_MOVES, approval_rule
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.workflow import transition_check, transition_record
from thidua.orgs.models import ClusterTerm
from thidua.rulebook.engine.facts import FactsInvalid
from thidua.rulebook.engine.quotas import GOVERNMENT_FLAG_QUOTA
from thidua.rulebook.engine.types import Outcome, RuleMissing, RuleSet
from thidua.rulebook.evaluation import say
from thidua.rulebook.selectors import rule_set_on
from thidua.voting.models import Vote, VoteStatus

GOVERNMENT_FLAG = "government_flag"


def approval_base(round_: NominationRound, rules: RuleSet) -> int:
    """Over whom the approval share is counted: everyone summoned, or those present where the
    council's rule says so."""
    denominator = "council_vote.denominator"
    council = round_.level == RoundLevel.COUNCIL and denominator in rules
    if council and rules.text(denominator) == "present":
        return round_.present or 0
    return round_.summoned or 0


def approval_share(round_: NominationRound, on: dt.date) -> tuple[Fraction, RuleSet]:
    rules = rule_set_on(on)
    try:
        return rules.ratio(approval_rule(round_.level)), rules
    except RuleMissing as missing:
        raise ValidationFailedError(
            _("Không ghi được kết quả bình xét."), {"deliberated_on": [say(missing.message)]}
        ) from missing


def round_deliberate(
    *,
    actor: User,
    round_: NominationRound,
    deliberated_on: dt.date,
    summoned: int,
    present: int,
    approvals: Mapping[int, int],
    minutes_note: str = "",
) -> NominationRound:
    """Record the meeting's result: who was summoned and present, each candidate's approvals.
    A candidate is proposed when its approvals reach the threshold of the rule book."""
    access.require(access.may_manage_round(actor, round_))
    problems: dict[str, list[str]] = {}
    if summoned <= 0:
        problems["summoned"] = [_("Số được triệu tập phải lớn hơn 0.")]
    if present < 0 or present > summoned:
        problems["present"] = [_("Số có mặt không thể nhiều hơn số được triệu tập.")]
    if deliberated_on > timezone.localdate():
        problems["deliberated_on"] = [_("Ngày họp không thể sau hôm nay.")]
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        if round_.vote_id is not None:
            raise DomainError(
                _("Đợt xét này bình xét bằng bỏ phiếu kín: kết quả lấy từ cuộc bỏ phiếu.")
            )
        transition_check(ROUND_MOVES, round_.status, RoundStatus.DELIBERATED, labels=ROUND_LABELS)
        candidates = list(round_.candidates.select_related("person", "unit"))
        if not candidates:
            raise DomainError(_("Danh sách chưa có ai để bình xét."))
        for candidate in candidates:
            count = approvals.get(candidate.pk)
            where = f"approvals.{candidate.pk}"
            if count is None:
                problems[where] = [
                    _("Nhập số phiếu đồng ý của %(name)s.") % {"name": candidate.subject_name}
                ]
            elif count < 0 or count > present:
                problems[where] = [_("Số phiếu đồng ý không thể nhiều hơn số có mặt.")]
        if problems:
            raise ValidationFailedError(_("Không ghi được kết quả bình xét."), problems)
        before = round_snapshot(round_)
        round_.deliberated_on = deliberated_on
        round_.summoned = summoned
        round_.present = present
        round_.minutes_note = minutes_note.strip()
        share, rules = approval_share(round_, deliberated_on)
        base = approval_base(round_, rules)
        for candidate in candidates:
            candidate.approvals = approvals[candidate.pk]
            candidate.proposed = candidate.approvals >= share * base
        Candidate.objects.bulk_update(candidates, ["approvals", "proposed"])
        from_status = round_.status
        round_.status = RoundStatus.DELIBERATED
        round_.save()
        transition_record(obj=round_, from_status=from_status, to_status=round_.status, by=actor)
        audit_record(
            actor=actor,
            action="award_round.deliberate",
            obj=round_,
            before=before,
            after=round_snapshot(round_),
        )
    return round_


def cluster_leaders(round_: NominationRound) -> int:
    """How many units led a cluster that year, in the round's scope: every cluster of the year
    for the council, its own leader for a cluster, none for a board."""
    if round_.level == RoundLevel.COUNCIL:
        return ClusterTerm.objects.filter(year=round_.year).count()
    return 1 if round_.level == RoundLevel.CLUSTER else 0


def quota_problems(round_: NominationRound, on: dt.date) -> list[str]:
    """Every quota of the rule book the round's proposals break, each with its citation."""
    proposals = round_.candidates.filter(proposed=True, award=GOVERNMENT_FLAG).count()
    if not proposals:
        return []
    rules = rule_set_on(on)
    facts = {"cluster_leaders": cluster_leaders(round_), "proposals": proposals}
    try:
        verdict = GOVERNMENT_FLAG_QUOTA.evaluate(facts, rules)
    except RuleMissing:
        return []  # no quota in force on that day (before 2024)
    except FactsInvalid as bad:
        return [say(m) for messages in bad.problems.values() for m in messages]
    if verdict.outcome == Outcome.ALLOWED:
        return []
    cited = f" ({verdict.citation.text})" if verdict.citation else ""
    return [say(line.message) + cited for line in verdict.lines if line.met is False]


def round_submit(
    *, actor: User, round_: NominationRound, submitted_on: dt.date | None = None
) -> NominationRound:
    """Send the proposed list up. Refused, with every reason at once, when nothing is proposed,
    an ineligible candidate has no written reason, or a quota is exceeded."""
    access.require(access.may_submit_round(actor, round_))
    on = submitted_on or timezone.localdate()
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        vote = Vote.objects.filter(nomination_round=round_).values_list("status", flat=True)
        if round_.vote_id is not None and vote.first() != VoteStatus.FINAL:
            raise DomainError(
                _("Chưa trình được: cuộc bỏ phiếu bình xét của đợt xét chưa có kết quả cuối cùng.")
            )
        transition_check(ROUND_MOVES, round_.status, RoundStatus.SUBMITTED, labels=ROUND_LABELS)
        proposed = list(round_.candidates.filter(proposed=True).select_related("person", "unit"))
        reasons: list[str] = []
        if not proposed:
            reasons.append(_("Không có ai được đề nghị sau bình xét."))
        for candidate in proposed:
            if candidate.verdict == Verdict.NOT_ELIGIBLE and not candidate.kept_reason:
                reasons.append(
                    _("%(name)s chưa đủ điều kiện mà chưa ghi lý do vẫn đề nghị.")
                    % {"name": candidate.subject_name}
                )
        reasons += quota_problems(round_, on)
        if reasons:
            raise DomainError(_("Chưa trình được: %(reasons)s") % {"reasons": " ".join(reasons)})
        before = round_snapshot(round_)
        round_.status = RoundStatus.SUBMITTED
        round_.submitted_on = on
        round_.save(update_fields=["status", "submitted_on"])
        transition_record(
            obj=round_, from_status=RoundStatus.DELIBERATED, to_status=round_.status, by=actor
        )
        audit_record(
            actor=actor,
            action="award_round.submit",
            obj=round_,
            before=before,
            after=round_snapshot(round_),
        )
    return round_
