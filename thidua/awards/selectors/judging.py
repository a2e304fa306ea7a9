"""Reads of the awards: the catalogue (from ``data/catalogue.yaml``) and the eligibility of a
submitted case, judged by the pure engine with the rules in force.

Who may ask: every signed-in user. The engine judges the facts it is given, it discloses
nothing stored; the one stored fact it reads is whether a named unit is dissolved (public).
"""

import datetime as dt
import functools
from pathlib import Path

import yaml
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.awards.engine.catalogue import Catalogue, SubjectKind, catalogue_parse
from thidua.awards.engine.eligibility import NotJudged, eligibility
from thidua.awards.engine.evaluators import award_evaluators
from thidua.awards.engine.history import case_read
from thidua.core.access import require_signed_in
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import Unit
from thidua.rulebook.engine.facts import FactsInvalid
from thidua.rulebook.engine.registry import Evaluator
from thidua.rulebook.engine.types import Message, RuleMissing, RuleValueInvalid, Verdict
from thidua.rulebook.selectors import rule_book

CATALOGUE_PATH = Path(__file__).parent.parent / "data" / "catalogue.yaml"


def say(message: Message) -> str:
    return message.render(_)


@functools.cache
def catalogue() -> Catalogue:
    """The catalogue, read once per process (a bad file fails at start-up, in ``ready``)."""
    return catalogue_parse(yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8")))


@functools.cache
def award_rules() -> tuple[Evaluator, ...]:
    """The award evaluators for the rule book's registry, built once (registering the same
    ones again changes nothing)."""
    return tuple(award_evaluators(catalogue(), rule_book))


def catalogue_for(*, user: AbstractBaseUser | AnonymousUser) -> Catalogue:
    require_signed_in(user)
    return catalogue()


def _dissolved_on(unit_id: int) -> dt.date | None:
    """The day after a unit's last valid day: from then on it no longer exists."""
    unit = Unit.objects.filter(pk=unit_id).only("valid_to").first()
    if unit is None:
        raise ValidationFailedError(
            _("Không xét được trường hợp này."),
            {"subject.unit_id": [_("Không có đơn vị này.")]},
        )
    return unit.valid_to + dt.timedelta(days=1) if unit.valid_to else None


def eligibility_for(
    *,
    user: AbstractBaseUser | AnonymousUser,
    subject: SubjectKind,
    facts: dict[str, object],
    award: str,
    judged_on: dt.date,
    unit_id: int | None = None,
) -> Verdict:
    """The verdict on a submitted case. A ``unit_id`` of a dissolved unit is judged as that
    unit: dissolved, so it cannot be proposed. Bad facts, an award the engine cannot judge and
    a date with no rule in force are refused with ``ValidationFailedError``."""
    require_signed_in(user)
    refused = _("Không xét được trường hợp này.")
    if unit_id is not None and subject == SubjectKind.COLLECTIVE:
        dissolved = _dissolved_on(unit_id)
        if dissolved is not None:
            facts = {**facts, "dissolved_on": dissolved.isoformat()}
    try:
        case = case_read(facts, subject=subject, award=award, judged_on=judged_on)
        book = rule_book()
        return eligibility(case, book.on(judged_on), book, catalogue())
    except FactsInvalid as bad:
        problems = {
            name or "history": [say(m) for m in messages] for name, messages in bad.problems.items()
        }
        raise ValidationFailedError(refused, problems) from bad
    except NotJudged as unknown:
        raise ValidationFailedError(refused, {"award": [say(unknown.message)]}) from unknown
    except RuleMissing as missing:
        raise ValidationFailedError(refused, {"judged_on": [say(missing.message)]}) from missing
    except RuleValueInvalid as broken:
        raise DomainError(
            _("Giá trị của quy định “%(key)s” trong hệ thống không đúng kiểu; báo Thường trực.")
            % {"key": broken.key}
        ) from broken
