"""Setting up a vote of confidence: the board, the day, the persons rated with their posts, the
roll and the counting committee; the ballot itself is a ``voting`` vote of kind confidence
under the rule book's ``confidence_vote`` rules, organised by the board."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import ValidationFailedError
from thidua.orgs.models import Person, Unit
from thidua.reviews import access
from thidua.reviews.models import ConfidenceSession, RatedPerson
from thidua.voting.models import VoteKind
from thidua.voting.services import CandidateSpec, VoterSpec, VoteSpec, vote_create

RULE_PREFIX = "confidence_vote"  # the rule book's keys confidence_vote.* (Quy định 96-QĐ/TW)


@dataclass(frozen=True, slots=True)
class RatedSpec:
    person: Person
    title: str  # the post held, as the ballot names it


def _voter(entry: User | str, unit: Unit) -> VoterSpec:
    if isinstance(entry, User):
        name = entry.get_full_name() or entry.username
        return VoterSpec(name=name, user=entry, unit=entry.unit or unit)
    return VoterSpec(name=entry, unit=unit)


def _problems(persons: Sequence[RatedSpec], roll: Sequence[User | str]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if not persons:
        problems["persons"] = [_("Chọn ít nhất một người được lấy phiếu tín nhiệm.")]
    elif len({p.person.pk for p in persons}) != len(persons):
        problems["persons"] = [_("Một người có hai lần trong danh sách lấy phiếu.")]
    elif not all(p.title.strip() for p in persons):
        problems["persons"] = [_("Nhập chức vụ của từng người được lấy phiếu.")]
    names = [r.strip() for r in roll if isinstance(r, str)]
    if not all(names):
        problems["roll"] = [_("Tên trong danh sách cử tri không được để trống.")]
    return problems


def session_snapshot(session: ConfidenceSession) -> dict[str, object]:
    return {
        "unit": session.unit_id,
        "year": session.year,
        "held_on": session.held_on.isoformat(),
        "vote": session.vote_id,
        "rated": [f"{r.person.full_name} — {r.title}" for r in session.rated.all()],
    }


def confidence_session_create(
    *,
    actor: User,
    unit: Unit,
    held_on: dt.date,
    persons: Sequence[RatedSpec],
    roll: Sequence[User | str],
    committee: Sequence[User],
    mode: str,
    summoned: int | None = None,
    trustees: Sequence[User] = (),
    title: str = "",
) -> ConfidenceSession:
    """A board's vote of confidence and its ballot (a draft vote, ready for counting on paper
    or for the trustees' keys electronically). ``roll``: accounts, or names of those without
    one; ``summoned`` defaults to the roll's length."""
    access.require(access.may_organise(actor, unit))
    problems = _problems(persons, roll)
    if problems:
        raise ValidationFailedError(_("Không tạo được đợt lấy phiếu tín nhiệm."), problems)
    default_title = _("Lấy phiếu tín nhiệm năm %(year)s — %(unit)s") % {
        "year": held_on.year,
        "unit": unit.name,
    }
    spec = VoteSpec(
        title=title.strip() or default_title,
        kind=VoteKind.CONFIDENCE,
        mode=mode,
        year=held_on.year,
        held_on=held_on,
        rule_prefix=RULE_PREFIX,
        candidates=[
            CandidateSpec(name=f"{p.person.full_name} — {p.title.strip()}", person=p.person)
            for p in persons
        ],
        roll=[_voter(r, unit) for r in roll],
        committee=list(committee),
        trustees=list(trustees),
        summoned=summoned,
        organiser_unit=unit,
    )
    with transaction.atomic():
        vote = vote_create(actor=actor, spec=spec)
        session = ConfidenceSession.objects.create(
            unit=unit, year=held_on.year, held_on=held_on, vote=vote, created_by=actor
        )
        RatedPerson.objects.bulk_create(
            RatedPerson(session=session, position=i, person=p.person, title=p.title.strip())
            for i, p in enumerate(persons, start=1)
        )
        audit_record(
            actor=actor,
            action="confidence_session.create",
            obj=session,
            before=None,
            after=session_snapshot(session),
        )
    return session
