"""The deciding level's decision on a submitted round, the prize money it carries, and the
revocation of an award.

Each awardee becomes a grant in the registry, with the prize computed from the rule book on the
decision date (a multiple of the base salary in force that day) and the computation kept
beside the amount. A day with no multiple or no salary in force records no amount and says why,
rather than guessing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.awards import access
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.prize import prize_for
from thidua.awards.models import (
    Candidate,
    Decision,
    Grant,
    GrantSource,
    NominationRound,
    RevocationGround,
    RoundStatus,
)
from thidua.awards.selectors.judging import catalogue
from thidua.awards.services.rounds import round_snapshot
from thidua.awards.workflow import ROUND_LABELS, ROUND_MOVES
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.workflow import transition_check, transition_record
from thidua.rulebook.engine.types import RuleMissing, RuleSet, RuleValueInvalid
from thidua.rulebook.selectors import rule_set_on


def _prize(candidate: Candidate, rules: RuleSet) -> tuple[Decimal | None, dict[str, object]]:
    award = catalogue().get(candidate.award)
    if award is None:
        return None, {}
    kind = SubjectKind.INDIVIDUAL if candidate.person_id else SubjectKind.COLLECTIVE
    try:
        prize = prize_for(award, kind, rules)
    except (RuleMissing, RuleValueInvalid) as missing:
        return None, {"missing": missing.key, "on": rules.on.isoformat()}
    if prize is None:
        return None, {}
    return prize.amount, dict(prize.basis())


def _clean(text: str, field: str, problems: dict[str, list[str]], message: str) -> str:
    value = text.strip()
    if not value:
        problems[field] = [message]
    return value


def round_decide(
    *,
    actor: User,
    round_: NominationRound,
    number: str,
    decided_on: dt.date,
    issuer: str,
    signer: str,
    signer_title: str,
    awardees: Collection[int],
) -> Decision:
    """Record the decision: its particulars and the awardees, a subset of those proposed."""
    access.require(access.may_decide_round(actor, round_))
    problems: dict[str, list[str]] = {}
    number = _clean(number, "number", problems, _("Nhập số quyết định."))
    issuer = _clean(issuer, "issuer", problems, _("Nhập cơ quan quyết định."))
    signer = _clean(signer, "signer", problems, _("Nhập người ký."))
    signer_title = _clean(signer_title, "signer_title", problems, _("Nhập chức vụ người ký."))
    if decided_on > timezone.localdate():
        problems["decided_on"] = [_("Ngày quyết định không thể sau hôm nay.")]
    if not awardees:
        problems["awardees"] = [_("Chọn ít nhất một người, tập thể được khen thưởng.")]
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        transition_check(ROUND_MOVES, round_.status, RoundStatus.DECIDED, labels=ROUND_LABELS)
        proposed = {c.pk: c for c in round_.candidates.filter(proposed=True)}
        strangers = set(awardees) - set(proposed)
        if strangers:
            problems["awardees"] = [
                _("Chỉ khen thưởng được người, tập thể có trong danh sách đã trình.")
            ]
        if round_.submitted_on and decided_on < round_.submitted_on:
            problems["decided_on"] = [_("Ngày quyết định không thể trước ngày trình.")]
        if Decision.objects.filter(
            issuer=issuer, number=number, decided_on__year=decided_on.year
        ).exists():
            problems["number"] = [_("Số quyết định này đã được dùng trong năm.")]
        if problems:
            raise ValidationFailedError(_("Không ghi được quyết định."), problems)
        before = round_snapshot(round_)
        decision = Decision.objects.create(
            round=round_,
            number=number,
            decided_on=decided_on,
            issuer=issuer,
            signer=signer,
            signer_title=signer_title,
            recorded_by=actor,
        )
        # The rules of the decision date, read once for every awardee.
        rules = rule_set_on(decided_on)
        grants = []
        for candidate_id in sorted(awardees):
            candidate = proposed[candidate_id]
            amount, basis = _prize(candidate, rules)
            grants.append(
                Grant(
                    person_id=candidate.person_id,
                    unit_id=candidate.unit_id,
                    award=candidate.award,
                    year=round_.year,
                    source=GrantSource.DECISION,
                    decision=decision,
                    candidate=candidate,
                    decision_number=number,
                    decided_on=decided_on,
                    issuer=issuer,
                    prize=amount,
                    prize_basis=basis,
                    recorded_by=actor,
                )
            )
        Grant.objects.bulk_create(grants)
        round_.status = RoundStatus.DECIDED
        round_.save(update_fields=["status"])
        transition_record(
            obj=round_, from_status=RoundStatus.SUBMITTED, to_status=round_.status, by=actor
        )
        after = round_snapshot(round_) | {
            "decision": {"number": number, "decided_on": decided_on.isoformat(), "issuer": issuer},
            "awardees": sorted(awardees),
        }
        audit_record(
            actor=actor, action="award_round.decide", obj=round_, before=before, after=after
        )
    return decision


def may_revoke(user: User, grant: Grant) -> bool:
    """The deciding level revokes: for a grant decided here, whoever may decide its round; for
    one entered from the archive, the secretariat."""
    if grant.decision is not None:
        return access.may_decide_round(user, grant.decision.round)
    return access.secretariat(user)


def grant_revoke(
    *,
    actor: User,
    grant: Grant,
    revoked_on: dt.date,
    ground: str,
    decision: str,
    reason: str,
) -> Grant:
    """Revoke an award: it stays in the registry, marked, and the engine no longer counts it."""
    access.require(may_revoke(actor, grant))
    problems: dict[str, list[str]] = {}
    if ground not in RevocationGround.values:
        problems["ground"] = [_("Chọn căn cứ thu hồi.")]
    decision = _clean(decision, "decision", problems, _("Nhập số quyết định thu hồi."))
    reason = _clean(reason, "reason", problems, _("Nhập lý do thu hồi."))
    if revoked_on > timezone.localdate():
        problems["revoked_on"] = [_("Ngày thu hồi không thể sau hôm nay.")]
    elif revoked_on < grant.decided_on:
        problems["revoked_on"] = [_("Ngày thu hồi không thể trước ngày quyết định khen thưởng.")]
    if problems:
        raise ValidationFailedError(_("Không thu hồi được."), problems)
    with transaction.atomic():
        grant = Grant.objects.select_for_update().get(pk=grant.pk)
        if grant.revoked_on is not None:
            raise DomainError(_("Khen thưởng này đã bị thu hồi."))
        grant.revoked_on = revoked_on
        grant.revocation_ground = ground
        grant.revocation_decision = decision
        grant.revocation_reason = reason
        grant.revoked_by = actor
        grant.save()
        audit_record(
            actor=actor,
            action="award.revoke",
            obj=grant,
            before={"revoked_on": None},
            after={
                "revoked_on": revoked_on.isoformat(),
                "ground": ground,
                "decision": decision,
                "reason": reason,
            },
        )
    return grant
