"""Setting a vote up: its question, candidates, roll, counting committee and trustees, all in
one transaction, changeable only while it is a draft."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import ClusterTerm, Person, Unit
from thidua.voting import access
from thidua.voting.engine.layout import ballot_layout
from thidua.voting.models import (
    CommitteeMember,
    Trustee,
    Vote,
    VoteCandidate,
    VoteKind,
    VoteMode,
    VoterEntry,
    VoteStatus,
)
from thidua.voting.services.rules import rule_check

MIN_CONFIRMERS = 2  # two committee members confirm a paper count (the rule of method)


@dataclass(frozen=True, slots=True)
class CandidateSpec:
    name: str
    person: Person | None = None
    unit: Unit | None = None


@dataclass(frozen=True, slots=True)
class VoterSpec:
    name: str
    user: User | None = None
    unit: Unit | None = None


@dataclass(frozen=True, slots=True)
class VoteSpec:
    title: str
    kind: str
    mode: str
    year: int
    held_on: dt.date
    rule_prefix: str
    candidates: list[CandidateSpec]
    roll: list[VoterSpec]
    committee: list[User]
    trustees: list[User]
    seats: int | None = None
    summoned: int | None = None
    organiser_term: ClusterTerm | None = None
    organiser_unit: Unit | None = None
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None


def vote_snapshot(vote: Vote) -> dict[str, object]:
    """What the audit keeps of a vote: its setup and status, never a choice (there is none)."""
    return {
        "title": vote.title,
        "kind": vote.kind,
        "mode": vote.mode,
        "status": vote.status,
        "held_on": vote.held_on.isoformat(),
        "rule_prefix": vote.rule_prefix,
        "seats": vote.seats,
        "summoned": vote.summoned,
        "present": vote.present,
        "candidates": list(vote.candidates.values_list("name", flat=True)),
        "roll": vote.roll.count(),
        "committee": list(vote.committee.values_list("user_id", flat=True)),
        "trustees": list(vote.trustees.values_list("user_id", flat=True)),
    }


def _problems(spec: VoteSpec) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not spec.title.strip():
        problems["title"] = [_("Nhập tên cuộc bỏ phiếu.")]
    if spec.kind not in VoteKind.values:
        problems["kind"] = [_("Chọn loại phiếu.")]
    if spec.mode not in VoteMode.values:
        problems["mode"] = [_("Chọn hình thức bỏ phiếu.")]
    names = [c.name.strip() for c in spec.candidates]
    if not names or not all(names):
        problems["candidates"] = [_("Danh sách trên phiếu phải có ít nhất một tên.")]
    elif len(set(names)) != len(names):
        problems["candidates"] = [_("Một tên có hai lần trên phiếu.")]
    if spec.kind == VoteKind.MOTION and len(names) != 1:
        problems["candidates"] = [_("Phiếu biểu quyết có đúng một nội dung.")]
    if spec.kind == VoteKind.ELECTION and not (spec.seats and 1 <= spec.seats <= len(names)):
        problems["seats"] = [_("Số người cần bầu từ 1 đến số người trong danh sách.")]
    users = [v.user.pk for v in spec.roll if v.user is not None]
    if len(set(users)) != len(users):
        problems["roll"] = [_("Một người có hai lần trong danh sách cử tri.")]
    if spec.mode == VoteMode.ELECTRONIC and not spec.roll:
        problems["roll"] = [_("Bỏ phiếu điện tử cần danh sách cử tri.")]
    if spec.mode == VoteMode.PAPER and not (spec.roll or spec.summoned):
        problems["summoned"] = [_("Nhập số được triệu tập hoặc danh sách cử tri.")]
    if len(spec.committee) < MIN_CONFIRMERS and spec.mode == VoteMode.PAPER:
        problems["committee"] = [_("Ban kiểm phiếu cần ít nhất hai thành viên.")]
    if len({u.pk for u in spec.committee}) != len(spec.committee):
        problems["committee"] = [_("Một người có hai lần trong ban kiểm phiếu.")]
    if spec.mode == VoteMode.ELECTRONIC and not spec.trustees:
        problems["trustees"] = [_("Bỏ phiếu điện tử cần ít nhất một người giữ khóa.")]
    if len({u.pk for u in spec.trustees}) != len(spec.trustees):
        problems["trustees"] = [_("Một người có hai lần trong danh sách người giữ khóa.")]
    if spec.opens_at and spec.closes_at and spec.closes_at <= spec.opens_at:
        problems["closes_at"] = [_("Giờ kết thúc phải sau giờ mở.")]
    return problems


def _fill(vote: Vote, spec: VoteSpec) -> None:
    vote.candidates.all().delete()
    vote.roll.all().delete()
    vote.committee.all().delete()
    vote.trustees.all().delete()
    VoteCandidate.objects.bulk_create(
        VoteCandidate(vote=vote, position=i, name=c.name.strip(), person=c.person, unit=c.unit)
        for i, c in enumerate(spec.candidates, start=1)
    )
    VoterEntry.objects.bulk_create(
        VoterEntry(vote=vote, name=v.name.strip(), user=v.user, unit=v.unit) for v in spec.roll
    )
    CommitteeMember.objects.bulk_create(
        CommitteeMember(vote=vote, user=u, is_chair=i == 0) for i, u in enumerate(spec.committee)
    )
    Trustee.objects.bulk_create(
        Trustee(vote=vote, user=u, position=i) for i, u in enumerate(spec.trustees, start=1)
    )


def _apply(vote: Vote, spec: VoteSpec) -> None:
    for name in (
        "title",
        "kind",
        "mode",
        "year",
        "held_on",
        "rule_prefix",
        "seats",
        "organiser_term",
        "organiser_unit",
        "opens_at",
        "closes_at",
    ):
        setattr(vote, name, getattr(spec, name))
    vote.title = spec.title.strip()
    vote.summoned = spec.summoned if spec.summoned is not None else len(spec.roll)
    if vote.kind != VoteKind.ELECTION:
        vote.seats = None


def vote_create(*, actor: User, spec: VoteSpec) -> Vote:
    probe = Vote(organiser_term=spec.organiser_term, organiser_unit=spec.organiser_unit)
    access.require(access.may_organise(actor, probe))
    problems = _problems(spec)
    if problems:
        raise ValidationFailedError(_("Không tạo được cuộc bỏ phiếu."), problems)
    with transaction.atomic():
        vote = Vote(created_by=actor)
        _apply(vote, spec)
        ballot_layout(vote.kind, len(spec.candidates), vote.seats)
        rule_check(vote)
        vote.save()
        _fill(vote, spec)
        audit_record(
            actor=actor, action="vote.create", obj=vote, before=None, after=vote_snapshot(vote)
        )
    return vote


def vote_update(*, actor: User, vote: Vote, spec: VoteSpec) -> Vote:
    """Change a draft vote's setup (the organiser may not move it to another organiser)."""
    access.require(access.may_organise(actor, vote))
    problems = _problems(spec)
    if problems:
        raise ValidationFailedError(_("Không sửa được cuộc bỏ phiếu."), problems)
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status != VoteStatus.DRAFT:
            raise DomainError(_("Chỉ sửa được cuộc bỏ phiếu đang chuẩn bị."))
        before = vote_snapshot(vote)
        term, unit = vote.organiser_term, vote.organiser_unit
        _apply(vote, spec)
        vote.organiser_term, vote.organiser_unit = term, unit
        rule_check(vote)
        vote.save()
        _fill(vote, spec)
        audit_record(
            actor=actor, action="vote.update", obj=vote, before=before, after=vote_snapshot(vote)
        )
    return vote
