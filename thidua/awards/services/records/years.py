"""A person's or a unit's achievement year (rating, a collective's counts, whether it led its
cluster, a note), and the initiatives recognised."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.awards.models import AchievementYear, Initiative, InitiativeLevel, Rating, RecordSource
from thidua.awards.services.records.subject import (
    date_problems,
    own_rows,
    refused,
    subject_check,
    text_problems,
    year_problems,
)
from thidua.orgs.models import Person, Unit

MAX_NOTE = 300
MAX_TITLE = 400
MAX_DECISION = 120
COUNTS = ("members", "members_completed", "members_ldtt", "members_cstdcs")


@dataclass(frozen=True)
class YearFacts:
    """What a year's record says; a collective's counts and lead are empty for a person."""

    rating: str = ""
    members: int | None = None
    members_completed: int | None = None
    members_ldtt: int | None = None
    members_cstdcs: int | None = None
    leads_cluster: bool | None = None
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "rating": self.rating,
            **{name: getattr(self, name) for name in COUNTS},
            "leads_cluster": self.leads_cluster,
            "note": self.note,
        }


def _problems(year: int, facts: YearFacts, *, individual: bool) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    year_problems(year, problems)
    if facts.rating and facts.rating not in Rating.values:
        problems["rating"] = [_("Xếp loại không đúng một trong bốn mức.")]
    text_problems(facts.note, problems, field="note", limit=MAX_NOTE)
    counts = {name: getattr(facts, name) for name in COUNTS}
    if individual:
        for name, value in [*counts.items(), ("leads_cluster", facts.leads_cluster)]:
            if value is not None:
                problems[name] = [_("Chỉ tập thể mới có thông tin này.")]
        return problems
    for name, value in counts.items():
        if value is not None and value < 0:
            problems[name] = [_("Số lượng không được âm.")]
    members = facts.members
    for name in COUNTS[1:]:
        value = counts[name]
        if members is not None and value is not None and value > members:
            problems.setdefault(name, []).append(
                _("Không được lớn hơn số thành viên (%(n)s).") % {"n": members}
            )
    return problems


def achievement_year_set(
    *,
    actor: User,
    year: int,
    facts: YearFacts,
    person: Person | None = None,
    unit: Unit | None = None,
    source: str = RecordSource.ENTERED,
) -> tuple[AchievementYear, bool]:
    """Record or change a year; the row and whether anything changed (the same facts again
    change nothing and write no audit row). ``unit`` is, for a person, the unit they worked in
    that year (kept as it was when not given)."""
    subject_check(actor, person=person, unit=unit)
    problems = _problems(year, facts, individual=person is not None)
    if problems:
        raise refused(problems)
    with transaction.atomic():
        row = (
            AchievementYear.objects.select_for_update()
            .filter(**own_rows(person, unit), year=year)
            .first()
        )
        before = None if row is None else _facts_of(row).as_dict()
        if row is None:
            row = AchievementYear(person=person, unit=unit, year=year)
        elif before == facts.as_dict() and (unit is None or row.unit_id == unit.pk):
            return row, False
        for name, value in facts.as_dict().items():
            setattr(row, name, value)
        if unit is not None:
            row.unit = unit
        row.source = source
        row.recorded_by = actor
        row.save()
        audit_record(
            actor=actor,
            action="achievement_year.set",
            obj=row,
            before=before,
            after={**facts.as_dict(), "year": year, "source": source},
        )
    return row, True


def _facts_of(row: AchievementYear) -> YearFacts:
    return YearFacts(
        rating=row.rating,
        members=row.members,
        members_completed=row.members_completed,
        members_ldtt=row.members_ldtt,
        members_cstdcs=row.members_cstdcs,
        leads_cluster=row.leads_cluster,
        note=row.note,
    )


def initiative_add(
    *,
    actor: User,
    year: int,
    title: str,
    level: str,
    person: Person | None = None,
    unit: Unit | None = None,
    decision: str = "",
    decided_on: dt.date | None = None,
) -> Initiative:
    """An initiative or a piece of research recognised, with the decision recognising it."""
    subject_check(actor, person=person, unit=unit)
    problems: dict[str, list[str]] = {}
    year_problems(year, problems)
    text_problems(title, problems, field="title", limit=MAX_TITLE, required=True)
    text_problems(decision, problems, field="decision", limit=MAX_DECISION)
    if level not in InitiativeLevel.values:
        problems["level"] = [_("Cấp công nhận không đúng.")]
    date_problems(decided_on, problems, field="decided_on", required=False)
    if decided_on is not None and decided_on.year < year:
        problems.setdefault("decided_on", []).append(
            _("Ngày công nhận không được trước năm của sáng kiến.")
        )
    if problems:
        raise refused(problems)
    with transaction.atomic():
        initiative = Initiative.objects.create(
            person=person,
            unit=unit,
            year=year,
            title=title.strip(),
            level=level,
            decision=decision.strip(),
            decided_on=decided_on,
        )
        audit_record(
            actor=actor,
            action="initiative.add",
            obj=initiative,
            after={
                "year": year,
                "title": initiative.title,
                "level": level,
                "decision": initiative.decision,
                "decided_on": decided_on,
            },
        )
    return initiative
