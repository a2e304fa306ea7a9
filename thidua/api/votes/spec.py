"""A vote's setup as the API receives it (ids), turned into the service's ``VoteSpec``
(objects). An id that names nothing is a 400 under its field, every one found at once."""

from collections.abc import Sequence
from typing import TypeVar

from django.db.models import Model
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.api.schemas.votes import VoteIn
from thidua.core.errors import ValidationFailedError
from thidua.orgs.models import ClusterTerm, Person, Unit
from thidua.voting.services import CandidateSpec, VoterSpec, VoteSpec

M = TypeVar("M", bound=Model)


class _Lookup:
    def __init__(self) -> None:
        self.problems: dict[str, list[str]] = {}

    def one(self, model: type[M], pk: int | None, field: str) -> M | None:
        if pk is None:
            return None
        found = model._default_manager.filter(pk=pk).first()
        if found is None:
            self.problems[field] = [_("Không có mục này.")]
        return found

    def users(self, pks: Sequence[int], field: str) -> list[User]:
        found = {u.pk: u for u in User.objects.filter(pk__in=pks, is_active=True)}
        if any(pk not in found for pk in pks):
            self.problems[field] = [_("Có tài khoản không tồn tại hoặc đã bị khóa.")]
        return [found[pk] for pk in pks if pk in found]


def vote_spec(payload: VoteIn) -> VoteSpec:
    look = _Lookup()
    candidates = [
        CandidateSpec(
            name=c.name,
            person=look.one(Person, c.person_id, f"candidates.{i}.person_id"),
            unit=look.one(Unit, c.unit_id, f"candidates.{i}.unit_id"),
        )
        for i, c in enumerate(payload.candidates)
    ]
    roll_users = look.users([v.user_id for v in payload.roll if v.user_id is not None], "roll")
    by_pk = {u.pk: u for u in roll_users}
    roll = [
        VoterSpec(
            name=v.name,
            user=by_pk.get(v.user_id) if v.user_id is not None else None,
            unit=look.one(Unit, v.unit_id, f"roll.{i}.unit_id"),
        )
        for i, v in enumerate(payload.roll)
    ]
    spec = VoteSpec(
        title=payload.title,
        kind=payload.kind,
        mode=payload.mode,
        year=payload.year,
        held_on=payload.held_on,
        rule_prefix=payload.rule_prefix,
        candidates=candidates,
        roll=roll,
        committee=look.users(payload.committee, "committee"),
        trustees=look.users(payload.trustees, "trustees"),
        seats=payload.seats,
        summoned=payload.summoned,
        organiser_term=look.one(ClusterTerm, payload.organiser_term_id, "organiser_term_id"),
        organiser_unit=look.one(Unit, payload.organiser_unit_id, "organiser_unit_id"),
        opens_at=payload.opens_at,
        closes_at=payload.closes_at,
    )
    if look.problems:
        raise ValidationFailedError(_("Không lưu được cuộc bỏ phiếu."), look.problems)
    return spec
