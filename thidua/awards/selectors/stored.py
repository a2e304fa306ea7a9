"""The eligibility of a stored person or unit: their records as of the judging date
(``history``), judged by the pure engine with the rules in force, like a submitted case.

Who may ask: whoever may read the subject's records (``awards.access``). An award the engine
cannot judge for this subject, or a date with no rule in force, is refused with
``ValidationFailedError`` under ``award`` or ``on``.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.access import may_read_person_records, may_read_unit_records, require
from thidua.awards.engine.catalogue import Award, SubjectKind
from thidua.awards.engine.eligibility import NotJudged, eligibility
from thidua.awards.selectors.history import StoredHistory, people_histories, unit_histories
from thidua.awards.selectors.judging import catalogue, say
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import Person, Unit
from thidua.rulebook.engine.types import RuleMissing, RuleValueInvalid, Verdict
from thidua.rulebook.selectors import rule_book


def _judge(history: StoredHistory, subject: SubjectKind, award: str, on: dt.date) -> Verdict:
    refused = _("Không xét được trường hợp này.")
    try:
        case = history.case(subject=subject, award=award, judged_on=on)
        book = rule_book()
        return eligibility(case, book.on(on), book, catalogue())
    except NotJudged as unknown:
        raise ValidationFailedError(refused, {"award": [say(unknown.message)]}) from unknown
    except RuleMissing as missing:
        raise ValidationFailedError(refused, {"on": [say(missing.message)]}) from missing
    except RuleValueInvalid as broken:
        raise DomainError(
            _("Giá trị của quy định “%(key)s” trong hệ thống không đúng kiểu; báo Thường trực.")
            % {"key": broken.key}
        ) from broken


def person_eligibility_for(
    *, user: User | AnonymousUser, person: Person, award: str, on: dt.date
) -> Verdict:
    require(may_read_person_records(user, person))
    history = people_histories([person.pk], on=on)[person.pk]
    return _judge(history, SubjectKind.INDIVIDUAL, award, on)


def unit_eligibility_for(
    *, user: User | AnonymousUser, unit: Unit, award: str, on: dt.date
) -> Verdict:
    require(may_read_unit_records(user, unit))
    history = unit_histories([unit.pk], on=on)[unit.pk]
    return _judge(history, SubjectKind.COLLECTIVE, award, on)


@dataclass(frozen=True)
class PanelEntry:
    """One award of the catalogue for this subject: its verdict with each line in the reader's
    language, or why it cannot be judged."""

    award: Award
    verdict: Verdict | None
    lines: list[tuple[object, str]]
    refusal: str = ""


def eligibility_panel(
    *,
    user: User | AnonymousUser,
    person: Person | None = None,
    unit: Unit | None = None,
    on: dt.date,
) -> list[PanelEntry]:
    """Every award of the catalogue for this kind of subject, judged on ``on``: the stored
    history is read once for them all."""
    if person is not None:
        require(may_read_person_records(user, person))
        subject, history = SubjectKind.INDIVIDUAL, people_histories([person.pk], on=on)[person.pk]
    elif unit is not None:
        require(may_read_unit_records(user, unit))
        subject, history = SubjectKind.COLLECTIVE, unit_histories([unit.pk], on=on)[unit.pk]
    else:
        return []
    entries = []
    for award in catalogue():
        if not award.goes_to(subject):
            continue
        try:
            verdict = _judge(history, subject, award.code, on)
        except ValidationFailedError as refused:
            reason = " ".join(m for found in refused.problems.values() for m in found)
            entries.append(PanelEntry(award, None, [], reason or refused.message))
            continue
        lines: list[tuple[object, str]] = [(line, say(line.message)) for line in verdict.lines]
        entries.append(PanelEntry(award, verdict, lines))
    return entries
