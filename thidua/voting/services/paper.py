"""A paper vote: the counting committee enters the figures of its minutes, the system refuses
figures that cannot be, and two committee members confirm before the result stands. A new
entry (a corrected count) withdraws the confirmations given to the old one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.voting import access
from thidua.voting.engine.layout import options_per_candidate
from thidua.voting.engine.result import Turnout
from thidua.voting.models import (
    Count,
    PaperConfirmation,
    PaperCount,
    Vote,
    VoteKind,
    VoteMode,
    VoteStatus,
)
from thidua.voting.services.moves import vote_move
from thidua.voting.services.results import result_store
from thidua.voting.services.setup import MIN_CONFIRMERS, vote_snapshot


@dataclass(frozen=True, slots=True)
class PaperFigures:
    present: int
    issued: int
    received: int
    valid: int
    invalid: int
    written: int = 0


def _figure_problems(vote: Vote, f: PaperFigures) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    summoned = vote.summoned or 0
    for name in ("present", "issued", "received", "valid", "invalid", "written"):
        if getattr(f, name) < 0:
            problems[name] = [_("Số phiếu không thể âm.")]
    if problems:
        return problems
    if f.present > summoned:
        problems["present"] = [
            _("Số có mặt (%(present)s) nhiều hơn số được triệu tập (%(summoned)s).")
            % {"present": f.present, "summoned": summoned}
        ]
    if f.issued > summoned:
        problems["issued"] = [_("Số phiếu phát ra nhiều hơn số được triệu tập.")]
    if f.received > f.issued:
        problems["received"] = [
            _("Số phiếu thu vào (%(received)s) nhiều hơn số phiếu phát ra (%(issued)s).")
            % {"received": f.received, "issued": f.issued}
        ]
    if f.valid + f.invalid != f.received:
        problems["valid"] = [
            _(
                "Số phiếu hợp lệ (%(valid)s) cộng số phiếu không hợp lệ (%(invalid)s) phải bằng "
                "số phiếu thu vào (%(received)s)."
            )
            % {"valid": f.valid, "invalid": f.invalid, "received": f.received}
        ]
    if f.written > f.valid:
        problems["written"] = [_("Số phiếu gửi bằng văn bản nhiều hơn số phiếu hợp lệ.")]
    if f.received > f.present + f.written and "received" not in problems:
        # A ballot comes from someone in the room or, written, from an absent member.
        problems["received"] = [
            _(
                "Số phiếu thu vào (%(received)s) nhiều hơn số người có mặt (%(present)s) cộng "
                "số phiếu gửi bằng văn bản (%(written)s)."
            )
            % {"received": f.received, "present": f.present, "written": f.written}
        ]
    if vote.kind == VoteKind.CONFIDENCE and f.written:
        # The confidence rule counts those who took part in the room (no absentee ballots):
        # counted, they could put more "low" ballots than the rule's denominator.
        problems["written"] = [
            _("Lấy phiếu tín nhiệm không có phiếu gửi bằng văn bản của người vắng mặt.")
        ]
    return problems


def _count_problems(
    vote: Vote, valid: int, counts: Mapping[int, list[int]]
) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    width = options_per_candidate(vote.kind)
    total = 0
    for candidate in vote.candidates.order_by("position"):
        where = f"counts.{candidate.pk}"
        figures = counts.get(candidate.pk)
        if figures is None or len(figures) != width:
            problems[where] = [_("Nhập đủ số phiếu của %(name)s.") % {"name": candidate.name}]
            continue
        if any(n < 0 for n in figures):
            problems[where] = [_("Số phiếu không thể âm.")]
        elif any(n > valid for n in figures):
            problems[where] = [
                _("Số phiếu của %(name)s nhiều hơn số phiếu hợp lệ (%(valid)s).")
                % {"name": candidate.name, "valid": valid}
            ]
        elif sum(figures) > valid and width > 1:
            problems[where] = [
                _("Tổng các mức của %(name)s nhiều hơn số phiếu hợp lệ.") % {"name": candidate.name}
            ]
        total += sum(figures)
    if vote.kind == VoteKind.ELECTION and vote.seats and total > valid * vote.seats:
        problems["counts"] = [
            _(
                "Tổng số phiếu bầu (%(total)s) nhiều hơn số phiếu hợp lệ nhân số người cần bầu "
                "(%(most)s): có phiếu chọn quá %(seats)s người, phiếu đó không hợp lệ."
            )
            % {"total": total, "most": valid * vote.seats, "seats": vote.seats}
        ]
    unknown = set(counts) - set(vote.candidates.values_list("pk", flat=True))
    if unknown:
        problems["counts"] = [_("Có số phiếu của người không có trên phiếu.")]
    return problems


def paper_count_enter(
    *, actor: User, vote: Vote, figures: PaperFigures, counts: Mapping[int, list[int]]
) -> Vote:
    """Enter (or correct, until confirmed) the figures of the counting committee's minutes."""
    if access.committee_member_of(actor, vote) is None:
        raise access.forbidden()
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.mode != VoteMode.PAPER:
            raise DomainError(_("Cuộc bỏ phiếu điện tử không nhập số phiếu bằng tay."))
        if vote.status not in (VoteStatus.DRAFT, VoteStatus.COUNTED):
            raise DomainError(_("Kết quả đã được xác nhận, không nhập lại được."))
        problems = _figure_problems(vote, figures) or _count_problems(vote, figures.valid, counts)
        if problems:
            raise ValidationFailedError(_("Số liệu kiểm phiếu không khớp."), problems)
        before = vote_snapshot(vote)
        PaperCount.objects.update_or_create(
            vote=vote,
            defaults={
                "issued": figures.issued,
                "received": figures.received,
                "valid": figures.valid,
                "invalid": figures.invalid,
                "written": figures.written,
                "entered_by": actor,
            },
        )
        Count.objects.filter(vote=vote).delete()
        Count.objects.bulk_create(
            Count(vote=vote, candidate_id=pk, option=option, count=n)
            for pk, figures_of in counts.items()
            for option, n in enumerate(figures_of)
        )
        PaperConfirmation.objects.filter(vote=vote).delete()
        vote.present = figures.present
        vote.result = None
        result_store(vote, paper_turnout(vote))
        vote_move(vote, VoteStatus.COUNTED, actor=actor, action="vote.count_enter", before=before)
    return vote


def paper_turnout(vote: Vote) -> Turnout:
    paper = PaperCount.objects.get(vote=vote)
    return Turnout(
        roll=vote.summoned or 0,
        present=vote.present or 0,
        cast=paper.received,
        valid=paper.valid,
        written=paper.written,
    )


def paper_confirm(*, actor: User, vote: Vote) -> Vote:
    """A committee member confirms the entered count; the second confirmation makes it final."""
    member = access.committee_member_of(actor, vote)
    if member is None:
        raise access.forbidden()
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status != VoteStatus.COUNTED:
            raise DomainError(_("Chưa có số liệu kiểm phiếu để xác nhận."))
        if PaperConfirmation.objects.filter(vote=vote, member_id=member).exists():
            raise DomainError(_("Anh/chị đã xác nhận kết quả này."))
        PaperConfirmation.objects.create(vote=vote, member_id=member)
        audit_record(actor=actor, action="vote.count_confirm", obj=vote, before=None, after={})
        if PaperConfirmation.objects.filter(vote=vote).count() >= MIN_CONFIRMERS:
            before = vote_snapshot(vote)
            result_store(vote, paper_turnout(vote))
            vote_move(vote, VoteStatus.FINAL, actor=actor, action="vote.finalise", before=before)
    return vote
