"""What the voting pages share: who may organise a vote for whom, the people a vote's roll,
committee and trustees are picked from, and a refusal of a service shown in its form.

Only reads the policy already allows are made here (the organisers a user may choose are
those ``access.may_organise`` accepts); every write goes through ``thidua.voting.services``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import STAFF_ROLES, Action, may, subject_of
from thidua.core.errors import DomainError, NotFoundError, ValidationFailedError
from thidua.orgs.models import ClusterTerm, Unit
from thidua.voting import access
from thidua.voting.models import OneTimeCode, Vote, VoteKind, VoteMode
from thidua.voting.services.casting import code_hash

SECTOR = "sector"


@dataclass(frozen=True)
class Organiser:
    """Who a vote is organised for: a cluster's term, a board, or the sector."""

    key: str
    label: str
    term: ClusterTerm | None = None
    unit: Unit | None = None


def organisers_for(user: User) -> list[Organiser]:
    """The organisers the user may set up a vote for: the sector for the secretariat, the
    cluster terms whose office they hold (every term for the secretariat; an old term's
    vote records a meeting held then), the boards where they are staff."""
    found: list[Organiser] = []
    if may(user, Action.ORGS_MANAGE):
        found.append(Organiser(SECTOR, _("Toàn ngành (Thường trực thi đua)")))
    terms = (
        ClusterTerm.objects.all()
        .select_related("cluster")
        .prefetch_related("memberships")
        .order_by("-year", "cluster__number")
    )
    found += [
        Organiser(f"term:{t.pk}", f"{t.cluster} · {t.year}", term=t)
        for t in terms
        if may(user, Action.TERM_MANAGE, t)
    ]
    units = Unit.objects.filter(pk__in=subject_of(user).units_with(STAFF_ROLES)).order_by("name")
    found += [Organiser(f"unit:{u.pk}", u.name, unit=u) for u in units]
    return found


def organiser_of(vote: Vote) -> Organiser:
    if vote.organiser_term is not None:
        term = vote.organiser_term
        return Organiser(f"term:{term.pk}", f"{term.cluster} · {term.year}", term=term)
    if vote.organiser_unit is not None:
        return Organiser(
            f"unit:{vote.organiser_unit.pk}", vote.organiser_unit.name, unit=vote.organiser_unit
        )
    return Organiser(SECTOR, _("Toàn ngành (Thường trực thi đua)"))


def people_of(organiser: Organiser, *, keep: QuerySet[User] | None = None) -> QuerySet[User]:
    """The accounts a vote's roll, committee and trustees are picked from: the staff of the
    cluster's member boards, of the board, or of the whole sector; ``keep`` adds those a
    vote already names (a vote being edited keeps its people)."""
    people = User.objects.filter(is_active=True)
    if organiser.term is not None:
        members = organiser.term.memberships.values("unit_id")
        scope = Q(unit__in=members)
    elif organiser.unit is not None:
        scope = Q(unit=organiser.unit) | Q(unit__parent=organiser.unit)
    else:
        scope = Q()
    if keep is not None:
        scope |= Q(pk__in=keep.values("pk"))
    return people.filter(scope).select_related("unit").order_by("unit__name", "username")


def show_problems(
    form: forms.Form, error: DomainError, where: Mapping[str, str | None] | None = None
) -> None:
    """A refusal shown in the form: the message above it, each problem beside its field
    (``where`` renames a service's key to the form's field; None: above the form)."""
    if not hasattr(form, "cleaned_data"):
        form.cleaned_data = {}
    form.add_error(None, error.message)
    problems = error.problems if isinstance(error, ValidationFailedError) else {}
    for key, messages in problems.items():
        target = (where or {}).get(key, key)
        field = target if target in form.fields else None
        for message in messages:
            form.add_error(field, message)


def on_roll(user: User, vote: Vote) -> bool:
    return vote.roll.filter(user=user).exists()


def kind_options(kind: str) -> list[str]:
    """The options of a candidate's line, as the paper count and the result name them."""
    if kind == VoteKind.CONFIDENCE:
        return [_("Tín nhiệm cao"), _("Tín nhiệm"), _("Tín nhiệm thấp")]
    if kind == VoteKind.MOTION:
        return [_("Tán thành"), _("Không tán thành")]
    if kind == VoteKind.ELECTION:
        return [_("Số phiếu bầu")]
    return [_("Số phiếu đồng ý")]


def public_vote(user: User, pk: int) -> Vote:
    """An electronic vote for a page every signed-in user may open (its public ballot list, the
    page where a delegate types a one-time code): 404 for a paper vote or none."""
    vote = Vote.objects.filter(pk=pk, mode=VoteMode.ELECTRONIC).first()
    if vote is None or not access.may_see_ballot_list(user, vote):
        raise NotFoundError(_("Không tìm thấy cuộc bỏ phiếu."))
    return vote


def code_usable(vote: Vote, code: str) -> bool:
    """Whether a typed one-time code is one of this vote's, still unused: asked before the
    delegate fills in a ballot; ``ballot_cast`` checks it again, under a lock, and uses it."""
    return OneTimeCode.objects.filter(
        voter__vote=vote, code_hash=code_hash(code), used_at__isnull=True
    ).exists()
