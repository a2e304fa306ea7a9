"""A grant received before the system, entered from the paper archive: the award (from the
catalogue, and one it gives to this kind of subject), the achievement year and the decision."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.awards.models import Grant, GrantSource
from thidua.awards.selectors.judging import catalogue
from thidua.awards.services.records.subject import (
    date_problems,
    own_rows,
    refused,
    subject_check,
    subject_kind,
    text_problems,
    year_problems,
)
from thidua.orgs.models import Person, Unit

MAX_NUMBER = 60
MAX_ISSUER = 200


def grant_problems(
    *,
    award: str,
    year: int,
    decision_number: str,
    decided_on: dt.date | None,
    issuer: str,
    person: Person | None,
) -> dict[str, list[str]]:
    """Every problem of a grant's particulars, under its field."""
    problems: dict[str, list[str]] = {}
    entry = catalogue().get(award)
    if entry is None:
        problems["award"] = [_("Không có danh hiệu, hình thức khen thưởng này.")]
    elif not entry.goes_to(subject_kind(person)):
        problems["award"] = [
            _("“%(award)s” không tặng cho cá nhân.") % {"award": entry.name}
            if person is not None
            else _("“%(award)s” không tặng cho tập thể.") % {"award": entry.name}
        ]
    year_problems(year, problems)
    text_problems(
        decision_number, problems, field="decision_number", limit=MAX_NUMBER, required=True
    )
    text_problems(issuer, problems, field="issuer", limit=MAX_ISSUER, required=True)
    date_problems(decided_on, problems, field="decided_on")
    if decided_on is not None and decided_on.year < year:
        problems.setdefault("decided_on", []).append(
            _("Ngày quyết định không được trước năm thành tích.")
        )
    return problems


def grant_enter(
    *,
    actor: User,
    award: str,
    year: int,
    decision_number: str,
    decided_on: dt.date | None,
    issuer: str,
    person: Person | None = None,
    unit: Unit | None = None,
    source: str = GrantSource.ENTERED,
) -> tuple[Grant, bool]:
    """Enter a grant; the row and whether it is new. The same award for the same year under the
    same decision number is the grant already kept: entering it again changes nothing."""
    subject_check(actor, person=person, unit=unit)
    problems = grant_problems(
        award=award,
        year=year,
        decision_number=decision_number,
        decided_on=decided_on,
        issuer=issuer,
        person=person,
    )
    if problems:
        raise refused(problems)
    assert decided_on is not None  # noqa: S101 (grant_problems refuses an empty date)
    number = decision_number.strip()
    with transaction.atomic():
        kept = Grant.objects.filter(
            **own_rows(person, unit), award=award, year=year, decision_number=number
        ).first()
        if kept is not None:
            return kept, False
        grant = Grant.objects.create(
            person=person,
            unit=unit,
            award=award,
            year=year,
            source=source,
            decision_number=number,
            decided_on=decided_on,
            issuer=issuer.strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="grant.enter",
            obj=grant,
            after={
                "award": award,
                "year": year,
                "decision_number": number,
                "decided_on": decided_on,
                "issuer": grant.issuer,
                "source": source,
            },
        )
    return grant, True
