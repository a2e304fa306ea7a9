"""Reads of the good-practice library, scoped to the user.

The list applies the rule of ``access.may_read_practice`` to every row in SQL: the units the
user reads (and the units below them), the cluster terms the user may open, the sector-wide
roles and featured practices are worked out once per request, so the list costs the same few
queries whatever the number of practices.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.models import SECTOR_WIDE_ROLES, User
from thidua.accounts.policy import READER_ROLES, STAFF_ROLES, subject_of
from thidua.core.access import signed_in
from thidua.core.errors import NotFoundError
from thidua.core.models import StoredFile
from thidua.core.text import fold, sort_key
from thidua.indicators import access
from thidua.indicators.models import GoodPractice, Indicator
from thidua.orgs.models import ClusterMembership, ClusterTerm, Sector, Unit

# Enough words for any honest search; more would only lengthen the SQL.
MAX_QUERY_WORDS = 12


def _with_descendants(unit_ids: Iterable[int]) -> set[int]:
    """The units and every unit below them: a grant on a unit covers its subtree. One query
    per level of the tree, however many practices there are."""
    covered = set(unit_ids)
    frontier = set(covered)
    while frontier:
        children = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = children - covered
        covered |= frontier
    return covered


def _readable(user: User | AnonymousUser) -> Q:
    """Which practices ``user`` may read, as one condition (see ``may_read_practice``); worked
    out once per user object, that is once per request."""
    if not signed_in(user):
        return Q(pk__in=[])
    cached: dict[str, Q] = user.__dict__.setdefault("_thidua_practices", {})
    if "readable" not in cached:
        cached["readable"] = _readable_condition(user)
    return cached["readable"]


def _readable_condition(user: User | AnonymousUser) -> Q:
    subject = subject_of(user)
    if subject.sector_roles & SECTOR_WIDE_ROLES:
        return Q()
    granted = subject.units_with(READER_ROLES)
    covered = _with_descendants(granted)
    terms = ClusterTerm.objects.filter(
        Q(pk__in=set(subject.term_roles))
        | Q(supervising_department_id__in=granted)
        | Q(memberships__unit_id__in=covered)
    ).values("pk")
    # The practice's cluster is the term its unit belonged to in the practice's year.
    in_readable_term = ClusterMembership.objects.filter(
        sector=Sector.ORGANIZATION,
        term_id__in=terms,
        unit_id=OuterRef("unit_id"),
        year=OuterRef("year"),
    )
    return Q(featured=True) | Q(unit_id__in=covered) | Q(Exists(in_readable_term))


def _readable_practices(user: User | AnonymousUser) -> QuerySet[GoodPractice]:
    return GoodPractice.objects.filter(_readable(user))


def query_words(q: str) -> list[str]:
    """The folded words of a search: "Dân VẬN" and "dan van" ask the same thing."""
    return fold(q).split()[:MAX_QUERY_WORDS]


def good_practice_list_for(
    *,
    user: User | AnonymousUser,
    q: str = "",
    area: str = "",
    year: int | None = None,
    featured_only: bool = False,
) -> QuerySet[GoodPractice]:
    """The practices ``user`` may read, newest year first; every word of ``q`` must appear in
    the title, the area or what was done, diacritics and case aside."""
    practices = _readable_practices(user).select_related("unit")
    for word in query_words(q):
        practices = practices.filter(search_key__contains=word)
    if area:
        practices = practices.filter(area=area)
    if year is not None:
        practices = practices.filter(year=year)
    if featured_only:
        practices = practices.filter(featured=True)
    return practices.order_by("-year", "-published_at", "-pk")


@dataclass(frozen=True)
class PracticeFilters:
    """What the filter of the list offers: the areas and years among readable practices."""

    areas: list[str]
    years: list[int]


def practice_filters_for(*, user: User | AnonymousUser) -> PracticeFilters:
    pairs = set(_readable_practices(user).order_by().values_list("area", "year").distinct())
    areas = sorted({area for area, _year in pairs}, key=sort_key)
    years = sorted({year for _area, year in pairs}, reverse=True)
    return PracticeFilters(areas=areas, years=years)


@dataclass(frozen=True)
class PracticePage:
    practice: GoodPractice
    indicators: list[Indicator]
    files: list[StoredFile]


def good_practice_page_for(*, user: User | AnonymousUser, pk: int) -> PracticePage:
    """One practice with its indicators and files, or NotFoundError if ``user`` may not read it."""
    practice = good_practice_get_for(user=user, pk=pk)
    return PracticePage(
        practice=practice,
        indicators=list(practice.indicators.order_by("position", "code")),
        files=list(practice.files.order_by("pk")),
    )


def good_practice_file_get_for(*, user: User | AnonymousUser, pk: int, file_pk: int) -> StoredFile:
    """A file of a practice ``user`` may read; another practice's file is not found here."""
    practice = good_practice_get_for(user=user, pk=pk)
    stored = practice.files.filter(pk=file_pk).first()
    if stored is None:
        raise NotFoundError(_("Tệp không thuộc mô hình, cách làm này."))
    return stored


def may_publish_practice(user: User | AnonymousUser) -> bool:
    """Whether ``user`` is on the staff of some unit, without a query."""
    if not signed_in(user):
        return False
    return bool(subject_of(user).units_with(STAFF_ROLES))


def publishing_units_for(*, user: User | AnonymousUser) -> list[Unit]:
    """The units whose staff ``user`` is: the ones a practice may be published for."""
    if not signed_in(user):
        return []
    return list(Unit.objects.filter(pk__in=subject_of(user).units_with(STAFF_ROLES)))


def good_practice_get_for(*, user: User | AnonymousUser, pk: int) -> GoodPractice:
    practice = GoodPractice.objects.select_related("unit").filter(pk=pk).first()
    if practice is None or not access.may_read_practice(user, practice):
        raise NotFoundError(_("Không tìm thấy mô hình, cách làm."))
    return practice
