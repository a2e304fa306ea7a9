"""What the year's documents share: who issues them (the cluster, or one board), who signs for
the cluster, and the Vietnamese way of writing their numbers and dates.

A document is Vietnamese whatever language the asking user reads the site in: its numbers are
written with the Vietnamese separators (1.722; 5,30 %) and the labels of the models' choices
read under ``in_vietnamese``; a refusal (NotFoundError…) stays in the user's own language,
since it is shown on the page, not printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Q
from django.utils import translation

from thidua.core.numbers import number_text
from thidua.documents.builders.issuers import (
    BLANK_NAME,
    cluster_title,
    head_of,
)
from thidua.documents.content import Signature
from thidua.documents.dates import date_in_words
from thidua.documents.numbers import percent_vi
from thidua.indicators.models import Indicator, IndicatorKind
from thidua.orgs.models import ClusterTerm, Position, Unit

# A board's leader is the one whose position reads so (not a deputy: "Phó Trưởng ban").
LEADER_TITLE = "trưởng ban"
PERCENT_KINDS = frozenset({IndicatorKind.SHARE, IndicatorKind.PERCENTAGE})


def in_vietnamese() -> translation.override:
    """The labels of the models' choices (stages, titles) as the document prints them."""
    return translation.override("vi")


def num(value: Decimal | int | None, places: int | None = None) -> str:
    """A number the Vietnamese way (1.722; 85,67); a dash where there is none."""
    return "-" if value is None else number_text(value, places, language="vi")


def pct(value: Decimal | None) -> str:
    """A percentage with two decimals (5,30 %, the space non-breaking); a dash where there is
    none."""
    return "-" if value is None else percent_vi(value, 2)


def figure(indicator: Indicator, value: Decimal | None) -> str:
    """An indicator's figure as it reads: a percentage for a share, else the number."""
    if value is None:
        return "-"
    if indicator.kind in PERCENT_KINDS:
        return pct(value)
    if indicator.kind == IndicatorKind.YES_NO:
        return "Có" if value else "Không"
    return num(value)


def signed(value: Decimal | None, *, percent: bool) -> str:
    """A change with its sign: "+120", "-1,50 %"."""
    if value is None:
        return "-"
    text = pct(abs(value)) if percent else num(abs(value))
    return ("+" if value > 0 else "-" if value < 0 else "") + text


def date_words(day: dt.date) -> str:
    """ "ngày 05 tháng 01 năm 2018", as the party's format writes a date (the renderer's
    own rule, so the body and the header never write a date two ways)."""
    return date_in_words(day)


def members(term: ClusterTerm) -> list[Unit]:
    return [m.unit for m in term.memberships.all()]


def leader_names(units: Iterable[Unit], year: int) -> dict[int, str]:
    """Each board's head (Trưởng ban) in office during ``year``, where the records know one:
    one query for all the boards."""
    ids = [u.pk for u in units]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    positions = (
        Position.objects.filter(unit_id__in=ids, title__iexact=LEADER_TITLE)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .select_related("person")
        .order_by("unit_id", "-valid_from")
    )
    found: dict[int, str] = {}
    for position in positions:
        found.setdefault(position.unit_id, position.person.full_name)
    return found


def cluster_signature(term: ClusterTerm) -> Signature:
    """The head signs on the cluster's behalf; the name is left blank when unknown."""
    head = head_of(term)
    name = leader_names([head], term.year).get(head.pk, "") if head is not None else ""
    return Signature(
        authority=f"T/M {cluster_title(term)}",
        title="CỤM TRƯỞNG",
        signer=name or BLANK_NAME,
    )


def board_signature(unit: Unit, year: int) -> Signature:
    name = leader_names([unit], year).get(unit.pk, "")
    return Signature(title="TRƯỞNG BAN", signer=name or BLANK_NAME)


def cluster_recipients(term: ClusterTerm) -> list[str]:
    """The cluster's papers go to the Commission, the supervising department and the members."""
    lines = ["- Ban Tổ chức Trung ương (để báo cáo),"]
    if term.supervising_department is not None:
        lines.append(f"- {term.supervising_department.name} (để theo dõi),")
    lines += ["- Các thành viên Cụm thi đua,", "- Lưu Cụm."]
    return lines
