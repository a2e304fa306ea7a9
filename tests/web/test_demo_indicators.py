"""The demo's periodic reports (the seeds' figures, written through the report services) and its
good practices (published once through the service, one featured, each marked illustrative).

The module's ``demo`` fixture (tests/conftest.py) has written them; these tests read what it left.
"""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from tests.builders.clusters import board
from tests.web.demo_data import demo_client, demo_term, demo_user
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError
from thidua.core.models import StoredFile, Transition
from thidua.indicators.models import (
    GoodPractice,
    Indicator,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.indicators.selectors.rollup import rollup_for
from thidua.indicators.services.reports import report_save
from thidua.web.demo.indicators_demo import split_largest_remainder
from thidua.web.demo.loader import demo_load
from thidua.web.demo.practices_demo import PRACTICES, practices_demo_load

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
D = Decimal
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
LANG_SON, BRVT = "20-63", "77-63"
CLUSTER_3_2023_TOTALS = {  # seed 004
    "cadres_trained_or_retrained": D(1722),
    "personnel_moves": D(757),
    "dismissals_or_resignations": D(20),
    "new_party_members_admitted": D(20777),
}


def _indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def _period(year: int, kind: str) -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=year, kind=kind)


def test_cluster_3_roll_up_for_2023_equals_the_article_totals() -> None:
    cluster_3 = demo_term(3, 2023)
    for code, total in CLUSTER_3_2023_TOTALS.items():
        result = rollup_for(
            user=demo_user("canbo.daklak"),
            indicator=_indicator(code),
            year=2023,
            cluster_term=cluster_3,
        )
        assert result.value == total, code
        assert len(result.by_unit) == 12
        assert all(line.value and line.value > 0 for line in result.by_unit), code
    reports = Report.objects.filter(
        period=_period(2023, PeriodKind.YEAR),
        unit__in=[m.unit for m in cluster_3.memberships.all()],
    )
    assert reports.count() == 12
    assert all(r.illustrative and r.status == ReportStatus.ACCEPTED for r in reports)


def test_the_2023_period_is_as_of_30_november_and_its_deadline_has_passed() -> None:
    period = _period(2023, PeriodKind.YEAR)
    assert period.as_of == dt.date(2023, 11, 30)
    assert period.deadline == dt.datetime(2023, 12, 5, 17, tzinfo=LOCAL)


def test_lang_son_mid_2018_share_is_5_30_percent_against_10_percent_by_2021() -> None:
    share = _indicator("staff_streamlined_share")
    mid_2018 = _period(2018, PeriodKind.MID_YEAR)
    assert mid_2018.as_of == dt.date(2018, 6, 30)
    result = rollup_for(user=demo_user("thuongtruc"), indicator=share, period=mid_2018, sector=True)
    line = {line.unit.code: line for line in result.by_unit}[f"BTC-{LANG_SON}"]
    assert (line.x, line.y, line.value) == (D(61), D(1151), D("5.30"))
    assert (line.target, line.progress) == (D(10), D("53.00"))
    report = Report.objects.get(unit=board(LANG_SON), period=mid_2018)
    assert not report.illustrative  # the seed's own figures
    people = report.values.get(indicator__code="staff_streamlined")
    assert people.value == D(61)
    assert "suy ra" in report.values.get(indicator=share).note  # y is derived, and says so
    target = Target.objects.get(unit=board(LANG_SON), indicator=share)
    assert (target.start_year, target.end_year, target.value) == (2018, 2021, D(10))


def test_ba_ria_vung_tau_reports_the_2015_2020_term_at_the_end_of_2020() -> None:
    year_2020 = _period(2020, PeriodKind.YEAR)
    share = _indicator("staff_streamlined_share")
    result = rollup_for(user=demo_user("theodoi"), indicator=share, period=year_2020, sector=True)
    line = {line.unit.code: line for line in result.by_unit}[f"BTC-{BRVT}"]
    assert (line.x, line.y, line.value) == (D(2489), D(22345), D("11.14"))
    report = Report.objects.get(unit=board(BRVT), period=year_2020)
    figures = {v.indicator.code: (v.value, v.denominator) for v in report.values.all()}
    assert figures["job_position_schemes_approved"] == (D(24), D(24))
    assert figures["focal_points_reduced"] == (D(141), None)
    assert all("2015–2020" in v.note for v in report.values.all())
    assert report.status == ReportStatus.ACCEPTED
    assert report.submitted_by is not None
    assert report.submitted_by.username.startswith("lanhdao.")
    assert report.decided_by == demo_user("thuongtruc")


def test_the_reports_went_through_submission_and_acceptance() -> None:
    for report in Report.objects.filter(
        period__year__in=[2018, 2020, 2023], period__kind__in=[PeriodKind.MID_YEAR, PeriodKind.YEAR]
    ):
        moves = list(
            Transition.objects.filter(
                object_type="indicators.report",
                object_id=report.pk,
                to_status__in=["submitted", "accepted"],
            ).values_list("to_status", flat=True)
        )
        assert moves == ["submitted", "accepted"], report


def test_a_leader_cannot_add_figures_after_the_real_deadline() -> None:
    report = Report.objects.get(unit=board(LANG_SON), period=_period(2018, PeriodKind.MID_YEAR))
    before = ReportValue.objects.count()
    assert report.submitted_by is not None
    with pytest.raises(DomainError):
        report_save(
            actor=report.submitted_by,
            unit=report.unit,
            period=report.period,
            values={"staff_streamlined": (D(99), None)},
            results="",
            limitations="",
            directions="",
        )
    assert ReportValue.objects.count() == before


@pytest.mark.parametrize(
    ("total", "weights", "parts"),
    [
        (20, [8, 6, 9, 10, 11, 9, 11, 7, 9, 5, 9, 10], [1, 1, 2, 2, 2, 2, 2, 1, 2, 1, 2, 2]),
        (10, [1, 1, 1], [4, 3, 3]),  # ties go to the earlier member
        (0, [3, 4], [0, 0]),
    ],
)
def test_a_split_adds_up_to_the_total(total: int, weights: list[int], parts: list[int]) -> None:
    assert split_largest_remainder(total, weights) == parts
    assert sum(parts) == total


def test_loading_again_creates_nothing() -> None:
    def counts() -> tuple[int, ...]:
        return (
            ReportingPeriod.objects.count(),
            Report.objects.count(),
            ReportValue.objects.count(),
            Target.objects.count(),
            User.objects.count(),
            AuditEvent.objects.count(),
        )

    before = counts()
    demo_load()
    assert counts() == before


def _counts() -> tuple[int, int, int]:
    return GoodPractice.objects.count(), StoredFile.objects.count(), AuditEvent.objects.count()


def _status(username: str, practice: GoodPractice) -> int:
    url = reverse("indicators:practice", args=[practice.pk])
    return demo_client(username).get(url).status_code


def test_the_demo_practices_are_published_once_through_the_service() -> None:
    demo = GoodPractice.objects.filter(illustrative=True)
    assert demo.count() == len(PRACTICES)
    assert 4 <= len(PRACTICES) <= 6
    before = _counts()
    practices_demo_load()
    assert _counts() == before
    assert AuditEvent.objects.filter(
        action="good_practice.publish", object_id__in=[str(p.pk) for p in demo]
    ).count() == len(PRACTICES)
    featured = demo.get(featured=True)
    books = demo.get(title="Tủ sách chi bộ thôn, ấp, khu phố")  # Bà Rịa - Vũng Tàu, cluster 4
    assert _status("canbo.longan", books) == 200
    assert _status("canbo.daklak", books) == 404
    assert _status("canbo.daklak", featured) == 200
    page = demo_client("canbo.longan").get(reverse("indicators:practice", args=[books.pk]))
    assert 'data-testid="illustrative"' in page.content.decode()
