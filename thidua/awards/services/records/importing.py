"""The Excel import of a year's ratings and titles for a unit's staff.

``import_plan`` reads and checks the whole file and says, row by row, what would be written
(the preview); ``import_apply`` does it, in one transaction, after checking the file again.
Nothing is written unless every cell of the file is valid. The same file imported twice
changes nothing the second time: a person is matched to the unit's staff by their name (without
diacritics) and birth year, a year already rated the same is left, a grant already kept under
the same decision is not added again, and initiatives are only added up to the number given.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.access import may_keep_unit_records, require
from thidua.awards.excel.read import SheetRow, sheet_read
from thidua.awards.models import (
    AchievementYear,
    Grant,
    GrantSource,
    Initiative,
    InitiativeLevel,
    Rating,
    RecordSource,
)
from thidua.awards.services.records.grants import grant_enter
from thidua.awards.services.records.subject import refused, year_problems
from thidua.awards.services.records.years import YearFacts, achievement_year_set, initiative_add
from thidua.core.errors import ValidationFailedError
from thidua.core.text import fold
from thidua.orgs.models import Person, Position, Unit
from thidua.orgs.services import person_create, position_add


@dataclass(frozen=True)
class PlannedRow:
    """One row of the file and what importing it writes."""

    sheet: SheetRow
    person: Person | None  # None: a new person, created with a position in the unit
    rating_before: str  # "" when the year has no rating yet
    grant_new: bool
    initiatives_new: int

    @property
    def rating_label(self) -> str:
        return str(Rating(self.sheet.rating).label)

    @property
    def rating_changes(self) -> bool:
        return self.sheet.rating != self.rating_before

    @property
    def writes(self) -> bool:
        return (
            self.person is None or self.rating_changes or self.grant_new or self.initiatives_new > 0
        )


@dataclass(frozen=True)
class ImportPlan:
    unit: Unit
    year: int
    rows: list[PlannedRow]

    @property
    def new_people(self) -> int:
        return sum(1 for r in self.rows if r.person is None)

    @property
    def ratings(self) -> int:
        return sum(1 for r in self.rows if r.rating_changes)

    @property
    def grants(self) -> int:
        return sum(1 for r in self.rows if r.grant_new)

    @property
    def initiatives(self) -> int:
        return sum(r.initiatives_new for r in self.rows)

    @property
    def writes(self) -> bool:
        return any(r.writes for r in self.rows)


def _staff(unit: Unit) -> dict[tuple[str, int | None], list[Person]]:
    """The people who hold or held a position in the unit, by folded name and birth year."""
    found: dict[tuple[str, int | None], list[Person]] = defaultdict(list)
    ids = set(Position.objects.filter(unit=unit).values_list("person_id", flat=True))
    for person in Person.objects.filter(pk__in=ids):
        found[(person.search_key or fold(person.full_name), person.birth_year)].append(person)
    return found


def import_plan(*, actor: User, unit: Unit, year: int, content: bytes) -> ImportPlan:
    """Read and check the whole file; what importing it would write. Refuses a file with any
    bad cell (``ValidationFailedError``, every problem under its row and column)."""
    require(may_keep_unit_records(actor, unit))
    problems: dict[str, list[str]] = {}
    year_problems(year, problems)
    if problems:
        raise refused(problems)
    sheet = sheet_read(content, unit_code=unit.code, year=year)
    staff = _staff(unit)
    matched: dict[int, Person] = {}
    for row in sheet:
        people = staff.get(row.key, [])
        if len(people) > 1:
            problems[_("Dòng %(row)s") % {"row": row.row}] = [
                _("Đơn vị có %(n)s người cùng họ tên và năm sinh này; hãy nhập tay cho người này.")
                % {"n": len(people)}
            ]
        elif people:
            matched[row.row] = people[0]
    if problems:
        raise ValidationFailedError(_("Tệp Excel có lỗi, chưa lưu gì."), problems)
    ids = [p.pk for p in matched.values()]
    ratings = dict(
        AchievementYear.objects.filter(person_id__in=ids, year=year).values_list(
            "person_id", "rating"
        )
    )
    grants = set(
        Grant.objects.filter(person_id__in=ids, year=year).values_list(
            "person_id", "award", "decision_number"
        )
    )
    initiatives = Counter(
        Initiative.objects.filter(person_id__in=ids, year=year).values_list("person_id", flat=True)
    )
    planned = []
    for row in sheet:
        person = matched.get(row.row)
        pk = person.pk if person is not None else None
        planned.append(
            PlannedRow(
                sheet=row,
                person=person,
                rating_before=ratings.get(pk, "") if pk else "",
                grant_new=bool(row.award) and (pk, row.award, row.decision_number) not in grants,
                initiatives_new=max(0, row.initiatives - (initiatives[pk] if pk else 0)),
            )
        )
    return ImportPlan(unit=unit, year=year, rows=planned)


def _facts(person: Person, year: int, rating: str) -> YearFacts:
    """The year's facts with the new rating; a note already kept stays."""
    kept = AchievementYear.objects.filter(person=person, year=year).first()
    return YearFacts(rating=rating, note=kept.note if kept is not None else "")


def import_apply(*, actor: User, unit: Unit, year: int, content: bytes) -> ImportPlan:
    """Check the whole file again and write what it holds, all or nothing; the plan written."""
    with transaction.atomic():
        plan = import_plan(actor=actor, unit=unit, year=year, content=content)
        for planned in plan.rows:
            row = planned.sheet
            person = planned.person
            if person is None:
                person = person_create(actor=actor, full_name=row.name, birth_year=row.birth_year)
                position_add(actor=actor, person=person, unit=unit, title=row.title)
            if planned.person is None or planned.rating_changes:
                achievement_year_set(
                    actor=actor,
                    person=person,
                    unit=unit,
                    year=year,
                    facts=_facts(person, year, row.rating),
                    source=RecordSource.IMPORTED,
                )
            if planned.grant_new:
                grant_enter(
                    actor=actor,
                    person=person,
                    award=row.award,
                    year=year,
                    decision_number=row.decision_number,
                    decided_on=row.decided_on,
                    issuer=unit.name,
                    source=GrantSource.IMPORTED,
                )
            for _index in range(planned.initiatives_new):
                initiative_add(
                    actor=actor,
                    person=person,
                    year=year,
                    title=_("Sáng kiến được công nhận năm %(year)s (nhập từ Excel)")
                    % {"year": year},
                    level=InitiativeLevel.BASE,
                )
    return plan
