"""Nomination rounds: opening one from the year's data, keeping its list of candidates, and
recording its deliberation. Submission and decision are in ``submission.py`` and
``decisions.py``.

Candidates come from the data: a cluster's published ranking (first place → the Commission's
flag) and its members' registrations (the Commission's certificate); a board's internal
emulation list (its staff's titles). Each is judged by the engine from its stored records when
added; the list may be changed only while the round is a draft.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.awards import access
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.models import (
    Candidate,
    CandidateSource,
    NominationRound,
    RoundLevel,
    RoundStatus,
    Verdict,
)
from thidua.awards.selectors.judging import catalogue
from thidua.awards.services.judge import candidates_judge
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import ClusterTerm, Person, Unit
from thidua.plans.models import AimedTitle, Plan, UnitEmulationEntry
from thidua.scoring.models import Publication

# What a registered aim proposes, by the round's level (the award codes of the catalogue).
CLUSTER_AIMS = {AimedTitle.MERIT_CERTIFICATE: "commission_certificate"}
BOARD_AIMS = {
    AimedTitle.EMULATION_SOLDIER: "base_emulation_fighter",
    AimedTitle.ADVANCED_WORKER: "advanced_worker",
    AimedTitle.MERIT_CERTIFICATE: "commission_certificate",
}
LEADING_UNIT_AWARD = "commission_flag"


def round_snapshot(round_: NominationRound) -> dict[str, object]:
    return {
        "year": round_.year,
        "level": round_.level,
        "status": round_.status,
        "title": round_.title,
        "candidates": [
            {
                "person": c.person_id,
                "unit": c.unit_id,
                "award": c.award,
                "verdict": c.verdict,
                "proposed": c.proposed,
                "kept_reason": c.kept_reason,
                "approvals": c.approvals,
            }
            for c in round_.candidates.order_by("position", "id")
        ],
    }


def _default_title(level: str, year: int, term: ClusterTerm | None, unit: Unit | None) -> str:
    if level == RoundLevel.CLUSTER and term is not None:
        return _("Bình xét khen thưởng năm %(year)s — %(cluster)s") % {
            "year": year,
            "cluster": term.cluster,
        }
    if level == RoundLevel.BOARD and unit is not None:
        return _("Xét khen thưởng năm %(year)s — %(unit)s") % {"year": year, "unit": unit}
    return _("Hội đồng thi đua, khen thưởng xét năm %(year)s") % {"year": year}


def _published_plan(term: ClusterTerm) -> Plan | None:
    return (
        Plan.objects.filter(term=term, publication__isnull=False)
        .select_related("publication")
        .order_by("-id")
        .first()
    )


def _cluster_candidates(round_: NominationRound, term: ClusterTerm) -> list[Candidate]:
    plan = _published_plan(term)
    if plan is None:
        raise DomainError(
            _("Cụm chưa công bố kết quả chấm điểm năm %(year)s: chưa lập được danh sách.")
            % {"year": round_.year}
        )
    publication: Publication = plan.publication
    found: list[Candidate] = []
    for row in publication.rows.filter(rank=1).select_related("unit"):
        found.append(
            Candidate(
                round=round_,
                unit=row.unit,
                award=LEADING_UNIT_AWARD,
                source=CandidateSource.RANKING,
                rank=row.rank,
            )
        )
    ranks = dict(publication.rows.values_list("unit_id", "rank"))
    for registration in plan.registrations.select_related("unit").order_by("unit__sort_key"):
        for aim in registration.titles:
            award = CLUSTER_AIMS.get(aim)
            if award is not None:
                found.append(
                    Candidate(
                        round=round_,
                        unit=registration.unit,
                        award=award,
                        source=CandidateSource.REGISTRATION,
                        rank=ranks.get(registration.unit_id),
                    )
                )
    return found


def _board_candidates(round_: NominationRound) -> list[Candidate]:
    entries = UnitEmulationEntry.objects.filter(
        emulation_list__unit=round_.unit, emulation_list__year=round_.year, person__isnull=False
    ).select_related("person")
    return [
        Candidate(
            round=round_,
            person=entry.person,
            unit=round_.unit,
            award=BOARD_AIMS[AimedTitle(entry.title)],
            source=CandidateSource.REGISTRATION,
        )
        for entry in entries
        if entry.title in BOARD_AIMS
    ]


def _place(round_: NominationRound, candidates: list[Candidate], on: dt.date) -> None:
    """Judge, number and save new candidates, skipping one already on the list."""
    existing = {(c.person_id, c.unit_id, c.award) for c in round_.candidates.all()}
    fresh: list[Candidate] = []
    for candidate in candidates:
        key = (candidate.person_id, candidate.unit_id, candidate.award)
        if key not in existing:
            existing.add(key)
            fresh.append(candidate)
    candidates_judge(fresh, year=round_.year, on=on)
    start = round_.candidates.count()
    for offset, candidate in enumerate(fresh):
        candidate.position = start + offset
    Candidate.objects.bulk_create(fresh)


def round_open(
    *,
    actor: User,
    level: str,
    year: int,
    term: ClusterTerm | None = None,
    unit: Unit | None = None,
    title: str = "",
    judged_on: dt.date | None = None,
) -> NominationRound:
    """Open the year's round of a cluster, a board or the council, with the candidates the data
    proposes. One round per cluster term, per board and year, per council year."""
    if level == RoundLevel.CLUSTER and (term is None or term.year != year):
        raise ValidationFailedError(
            _("Không mở được đợt xét."), {"term": [_("Chọn cụm thi đua của năm này.")]}
        )
    if level == RoundLevel.BOARD and unit is None:
        raise ValidationFailedError(_("Không mở được đợt xét."), {"unit": [_("Chọn ban tổ chức.")]})
    round_ = NominationRound(
        year=year,
        level=level,
        term=term if level == RoundLevel.CLUSTER else None,
        unit=unit if level == RoundLevel.BOARD else None,
    )
    access.require(access.may_manage_round(actor, round_))
    on = judged_on or timezone.localdate()
    with transaction.atomic():
        twin = NominationRound.objects.select_for_update().filter(
            year=year, level=level, term=round_.term, unit=round_.unit
        )
        if twin.exists():
            raise DomainError(_("Đợt xét này đã được mở; mở lại đợt đã có."))
        round_.title = title.strip() or _default_title(level, year, round_.term, round_.unit)
        round_.created_by = actor
        round_.save()
        if level == RoundLevel.CLUSTER and term is not None:
            _place(round_, _cluster_candidates(round_, term), on)
        elif level == RoundLevel.BOARD:
            _place(round_, _board_candidates(round_), on)
        audit_record(
            actor=actor, action="award_round.open", obj=round_, after=round_snapshot(round_)
        )
    return round_


def _require_draft(round_: NominationRound) -> None:
    if round_.status != RoundStatus.DRAFT:
        raise DomainError(
            _("Danh sách chỉ thay đổi được khi đợt xét đang lập danh sách (chưa bình xét).")
        )


def _require_no_vote(round_: NominationRound) -> None:
    """The ballot's lines are the list: once the vote is set up the list stays as it is."""
    if round_.vote_id is not None:
        raise DomainError(
            _("Đợt xét đã lập cuộc bỏ phiếu bình xét: danh sách trên phiếu không thay đổi được.")
        )


def candidate_add(
    *,
    actor: User,
    round_: NominationRound,
    award: str,
    person: Person | None = None,
    unit: Unit | None = None,
    judged_on: dt.date | None = None,
) -> Candidate:
    """Add a person (with the unit they serve in) or a collective (``unit`` alone)."""
    access.require(access.may_manage_round(actor, round_))
    entry = catalogue().get(award)
    kind = SubjectKind.INDIVIDUAL if person is not None else SubjectKind.COLLECTIVE
    problems: dict[str, list[str]] = {}
    if entry is None:
        problems["award"] = [_("Không có danh hiệu, hình thức khen này.")]
    elif not entry.goes_to(kind):
        problems["award"] = [
            _("“%(award)s” không xét cho %(kind)s.")
            % {"award": entry.name, "kind": _(kind.label).lower()}
        ]
    if person is None and unit is None:
        problems["subject"] = [_("Chọn cá nhân hoặc tập thể.")]
    if problems:
        raise ValidationFailedError(_("Không thêm được vào danh sách."), problems)
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        _require_draft(round_)
        _require_no_vote(round_)
        if round_.candidates.filter(person=person, unit=unit, award=award).exists():
            raise DomainError(_("Người, tập thể này đã có trong danh sách với hình thức khen này."))
        before = round_snapshot(round_)
        candidate = Candidate(
            round=round_, person=person, unit=unit, award=award, source=CandidateSource.ADDED
        )
        _place(round_, [candidate], judged_on or timezone.localdate())
        audit_record(
            actor=actor,
            action="award_round.candidate_add",
            obj=round_,
            before=before,
            after=round_snapshot(round_),
        )
    return candidate


def candidate_remove(*, actor: User, candidate: Candidate) -> None:
    round_ = candidate.round
    access.require(access.may_manage_round(actor, round_))
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        _require_draft(round_)
        _require_no_vote(round_)
        before = round_snapshot(round_)
        Candidate.objects.filter(pk=candidate.pk).delete()
        audit_record(
            actor=actor,
            action="award_round.candidate_remove",
            obj=round_,
            before=before,
            after=round_snapshot(round_),
        )


def candidate_keep(*, actor: User, candidate: Candidate, reason: str) -> Candidate:
    """Keep a candidate the engine finds ineligible, with the written reason the council reads;
    an empty reason withdraws the exception."""
    access.require(access.may_manage_round(actor, candidate.round))
    reason = reason.strip()
    if reason and candidate.verdict == Verdict.ELIGIBLE:
        raise ValidationFailedError(
            _("Không cần lý do."),
            {
                "reason": [
                    _("Người, tập thể này đủ điều kiện; lý do chỉ ghi cho trường hợp chưa đủ.")
                ]
            },
        )
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=candidate.round_id)
        _require_draft(round_)
        before = round_snapshot(round_)
        candidate.kept_reason = reason
        candidate.save(update_fields=["kept_reason"])
        audit_record(
            actor=actor,
            action="award_round.candidate_keep",
            obj=round_,
            before=before,
            after=round_snapshot(round_),
        )
    return candidate


def round_rejudge(*, actor: User, round_: NominationRound, on: dt.date | None = None) -> None:
    """Judge every candidate again (records changed since), while the list is a draft."""
    access.require(access.may_manage_round(actor, round_))
    with transaction.atomic():
        round_ = NominationRound.objects.select_for_update().get(pk=round_.pk)
        _require_draft(round_)
        before = round_snapshot(round_)
        candidates = list(round_.candidates.all())
        candidates_judge(candidates, year=round_.year, on=on or timezone.localdate())
        Candidate.objects.bulk_update(candidates, ["verdict", "explanation", "judged_on"])
        audit_record(
            actor=actor,
            action="award_round.rejudge",
            obj=round_,
            before=before,
            after=round_snapshot(round_),
        )
