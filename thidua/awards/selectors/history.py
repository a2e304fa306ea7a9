"""The stored history of people and units, as the engine's cases: achievement years, the
initiatives recognised, the registry's grants (titles and forms of award, revoked ones left
out), discipline, pending matters, the day a unit was dissolved, and whether it led its cluster
(the published ranking's first place, when the record does not say).

Everything is read as of the judging date: a grant decided later, a matter opened later, a
revocation made later are not yet known on that day. One query per kind of record for any
number of subjects, so judging a whole round or the sector costs the same few queries.

A unit is judged on its own records only: a successor does not inherit its predecessors'
achievements for eligibility (the law does not say it does); the registry shows them under the
successor all the same (``registry.grants_following_lineage``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db.models import Q

from thidua.awards.engine.catalogue import AwardKind, SubjectKind
from thidua.awards.engine.history import Case, Discipline, Rating, YearRecord
from thidua.awards.models import (
    AchievementYear,
    Grant,
    Initiative,
    InitiativeLevel,
    PendingMatter,
)
from thidua.awards.models import Discipline as DisciplineRow
from thidua.awards.selectors.judging import catalogue
from thidua.orgs.models import Unit
from thidua.scoring.models import RankingRow


@dataclass
class StoredHistory:
    """What the records say of one subject as of a day, ready to judge any award."""

    years: dict[int, YearRecord] = field(default_factory=dict)
    pending: tuple[str, ...] = ()
    discipline: tuple[Discipline, ...] = ()
    dissolved_on: dt.date | None = None

    def case(
        self, *, subject: SubjectKind, award: str, judged_on: dt.date, year: int | None = None
    ) -> Case:
        return Case(
            subject=subject,
            award=award,
            judged_on=judged_on,
            history={y: r for y, r in self.years.items() if y <= judged_on.year},
            pending=self.pending,
            discipline=self.discipline,
            dissolved_on=self.dissolved_on,
            year=year,
        )


@dataclass
class _Year:
    rating: Rating | None = None
    initiatives: int = 0
    initiatives_ministry: int = 0  # of them, recognised at ministry level or above
    recorded: bool = False
    titles: set[str] = field(default_factory=set)
    awards: set[str] = field(default_factory=set)
    counts: dict[str, int | None] = field(default_factory=dict)
    leads_cluster: bool | None = None

    def record(self, year: int) -> YearRecord:
        return YearRecord(
            year=year,
            rating=self.rating,
            titles=frozenset(self.titles),
            awards=frozenset(self.awards),
            # A year with a record knows its initiatives (none is zero); a year known only from a
            # grant does not.
            initiatives=self.initiatives if self.recorded or self.initiatives else None,
            initiatives_ministry=(
                self.initiatives_ministry if self.recorded or self.initiatives else None
            ),
            leads_cluster=self.leads_cluster,
            **self.counts,
        )


# Initiative levels that count as recognised at ministry level or above (Luật 06/2022/QH15
# Điều 22: Chiến sĩ thi đua of a ministry).
MINISTRY_OR_ABOVE = {InitiativeLevel.MINISTRY, InitiativeLevel.NATIONAL}
_COUNTS = ("members", "members_completed", "members_ldtt", "members_cstdcs")


def _title_codes() -> set[str]:
    return {a.code for a in catalogue().awards if a.kind == AwardKind.TITLE}


def _read(key: str, ids: list[int], on: dt.date, *, collective: bool) -> dict[int, StoredHistory]:
    """``key`` is ``person_id`` or ``unit_id``; for units only collective records count."""
    own = Q(**{f"{key}__in": ids})
    if collective:
        own &= Q(person__isnull=True)
    years: dict[int, dict[int, _Year]] = defaultdict(lambda: defaultdict(_Year))
    for row in AchievementYear.objects.filter(own, year__lte=on.year).values(
        key, "year", "rating", "leads_cluster", *_COUNTS
    ):
        entry = years[row[key]][row["year"]]
        entry.recorded = True
        entry.rating = Rating(row["rating"]) if row["rating"] else None
        entry.leads_cluster = row["leads_cluster"]
        entry.counts = {name: row[name] for name in _COUNTS}
    for row in (
        Initiative.objects.filter(own, year__lte=on.year)
        .filter(Q(decided_on__isnull=True) | Q(decided_on__lte=on))
        .values(key, "year", "level")
    ):
        entry = years[row[key]][row["year"]]
        entry.initiatives += 1
        if row["level"] in MINISTRY_OR_ABOVE:
            entry.initiatives_ministry += 1
    titles = _title_codes()
    for row in (
        Grant.objects.filter(own, decided_on__lte=on)
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=on))
        .values(key, "year", "award")
    ):
        entry = years[row[key]][row["year"]]
        (entry.titles if row["award"] in titles else entry.awards).add(row["award"])
    pending: dict[int, list[str]] = defaultdict(list)
    for row in (
        PendingMatter.objects.filter(own, opened_on__lte=on)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=on))
        .values(key, "kind")
    ):
        pending[row[key]].append(row["kind"])
    served: dict[int, list[Discipline]] = defaultdict(list)
    for row in DisciplineRow.objects.filter(own, start__lte=on).values(key, "start", "end"):
        served[row[key]].append(Discipline(row["start"], row["end"]))
    histories = {}
    for subject_id in ids:
        histories[subject_id] = StoredHistory(
            years={y: e.record(y) for y, e in years[subject_id].items()},
            pending=tuple(sorted(set(pending[subject_id]))),
            discipline=tuple(sorted(served[subject_id], key=lambda d: d.start)),
        )
    return histories


def people_histories(person_ids: Iterable[int], *, on: dt.date) -> dict[int, StoredHistory]:
    return _read("person_id", sorted(set(person_ids)), on, collective=False)


def _cluster_places(unit_ids: list[int]) -> dict[tuple[int, int], bool]:
    """(unit, year) → whether the unit ranked first in its cluster's ranking of that year, for
    every unit ranked in its cluster's published ranking: a unit ranked lower did not lead.
    The ranking is the year's result whenever it was published (a year's data entered late
    still tells who led), so it is not dated like the records."""
    rows = RankingRow.objects.filter(
        unit_id__in=unit_ids,
        publication__plan__term__isnull=False,
    ).values_list("unit_id", "publication__plan__term__year", "rank")
    places: dict[tuple[int, int], bool] = {}
    for unit_id, year, rank in rows:
        places[(unit_id, year)] = places.get((unit_id, year), False) or rank == 1
    return places


def unit_histories(unit_ids: Iterable[int], *, on: dt.date) -> dict[int, StoredHistory]:
    ids = sorted(set(unit_ids))
    histories = _read("unit_id", ids, on, collective=True)
    for (unit_id, year), led in _cluster_places(ids).items():
        if year > on.year:
            continue
        history = histories[unit_id]
        record = history.years.get(year)
        if record is None:
            history.years[year] = YearRecord(year=year, leads_cluster=led)
        elif record.leads_cluster is None:
            history.years[year] = replace(record, leads_cluster=led)
    ended = Unit.objects.filter(pk__in=ids, valid_to__isnull=False).values_list("pk", "valid_to")
    for unit_id, valid_to in ended:
        if valid_to is not None:
            # The day after a unit's last valid day: from then on it no longer exists.
            histories[unit_id].dissolved_on = valid_to + dt.timedelta(days=1)
    return histories
