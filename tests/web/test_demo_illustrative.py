"""The demo's illustrative reports: every board in office has plausible figures for 2022–2025,
each flagged and labelled as illustrative, while the seeds' own figures stay as they are.

The module's ``demo`` fixture (tests/conftest.py) has written them; these tests read what it left.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from tests.builders.clusters import board
from tests.web.demo_data import demo_client, demo_term, demo_user
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDeniedError, ValidationFailedError
from thidua.core.models import Transition
from thidua.indicators import access
from thidua.indicators.models import (
    Indicator,
    IndicatorKind,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.indicators.selectors.rollup import rollup_for
from thidua.orgs.models import Unit, UnitKind
from thidua.web.demo import indicators_illustrative
from thidua.web.demo.indicators_demo import demo_spec
from thidua.web.demo.indicators_illustrative import (
    NOTE,
    board_sizes,
    indicators_illustrative_load,
)
from thidua.web.demo.loader import DEMO_PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
D = Decimal
LANG_SON, BRVT, THANH_HOA, LAI_CHAU = "20-63", "77-63", "38-63", "12-63"
ILLUSTRATIVE_PERIODS = [
    (2022, PeriodKind.YEAR),
    (2023, PeriodKind.YEAR),
    (2024, PeriodKind.YEAR),
    (2025, PeriodKind.MID_YEAR),
    (2025, PeriodKind.YEAR),
]
# Cluster 4's members, whose 2017 year-end reports thidua/web/demo/year_2017_reports.py writes.
CLUSTER_4_2017 = 11
MAIN_INDICATORS = {
    "new_party_members_admitted",
    "cadres_trained_or_retrained",
    "personnel_moves",
    "dismissals_or_resignations",
    "staff_streamlined",
    "staff_streamlined_share",
    "job_position_schemes_approved",
    "weak_grassroots_orgs_consolidated",
    "good_practices_published",
}


def _indicator(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def _period(year: int, kind: str) -> ReportingPeriod:
    return ReportingPeriod.objects.get(year=year, kind=kind)


def _boards_in_office(on: dt.date) -> set[int]:
    return {
        u.pk for u in Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD) if u.is_valid_on(on)
    }


def _figures(report: Report) -> dict[str, tuple[Decimal, Decimal | None]]:
    return {v.indicator.code: (v.value, v.denominator) for v in report.values.all()}


def _counts() -> tuple[int, ...]:
    return (
        Report.objects.count(),
        ReportValue.objects.count(),
        Transition.objects.count(),
        Target.objects.count(),
        AuditEvent.objects.count(),
    )


def test_every_board_in_office_has_an_accepted_report_for_each_period() -> None:
    for year, kind in ILLUSTRATIVE_PERIODS:
        period = _period(year, kind)
        reports = Report.objects.filter(period=period)
        assert set(reports.values_list("unit_id", flat=True)) == _boards_in_office(period.as_of)
        assert all(r.status == ReportStatus.ACCEPTED for r in reports), period
    assert Report.objects.filter(period=_period(2024, PeriodKind.YEAR)).count() == 63
    # The 2025 mid-year is as of 15 June, before the merger: the 63 boards report it.
    assert Report.objects.filter(period=_period(2025, PeriodKind.MID_YEAR)).count() == 63


def test_the_34_new_boards_have_2025_year_figures() -> None:
    period = _period(2025, PeriodKind.YEAR)
    reports = Report.objects.filter(period=period).select_related("unit")
    assert reports.count() == 34
    assert {r.unit.valid_from for r in reports} == {dt.date(2025, 7, 1)}
    result = rollup_for(
        user=demo_user("theodoi"),
        indicator=_indicator("new_party_members_admitted"),
        period=period,
        sector=True,
    )
    assert len(result.by_unit) == 34
    assert all(line.value and line.value > 0 for line in result.by_unit)


def test_every_illustrative_report_is_flagged_and_says_so() -> None:
    seeds = Report.objects.filter(illustrative=False).select_related("unit", "period")
    assert {(r.unit.code, r.period.year, r.period.kind) for r in seeds} == {
        (f"BTC-{LANG_SON}", 2018, PeriodKind.MID_YEAR),
        (f"BTC-{BRVT}", 2020, PeriodKind.YEAR),
    }
    added = Report.objects.filter(values__note=NOTE).distinct()
    # Cluster 3 already had 2023 from the seed; cluster 4's 11 members report 2017.
    assert added.count() == 63 * 4 - 12 + 34 + CLUSTER_4_2017
    assert not added.filter(illustrative=False).exists()
    for report in added.prefetch_related("values"):
        assert "Số liệu minh họa" in report.results
        assert {v.note for v in report.values.all()} == {NOTE}
        assert {v.indicator.code for v in report.values.all()} == MAIN_INDICATORS
    for year, kind in ILLUSTRATIVE_PERIODS:
        if year != 2023:  # the seeds' period keeps its title
            assert "số liệu minh họa" in _period(year, kind).title


def test_shares_have_a_denominator_at_least_their_numerator() -> None:
    shares = ReportValue.objects.filter(
        report__illustrative=True, indicator__kind=IndicatorKind.SHARE
    )
    assert shares.count() >= 2 * (63 * 4 - 12 + 34)
    for value in shares:
        assert value.denominator is not None
        assert 0 <= value.value <= value.denominator
        assert value.denominator > 0
    people = ReportValue.objects.filter(note=NOTE, indicator__code="staff_streamlined")
    share_x = dict(
        ReportValue.objects.filter(
            note=NOTE, indicator__code="staff_streamlined_share"
        ).values_list("report_id", "value")
    )
    assert all(v.value == share_x[v.report_id] for v in people)  # the same people, twice


def test_the_seeds_figures_are_untouched() -> None:
    spec = demo_spec()
    lang_son = Report.objects.get(unit=board(LANG_SON), period=_period(2018, PeriodKind.MID_YEAR))
    brvt = Report.objects.get(unit=board(BRVT), period=_period(2020, PeriodKind.YEAR))
    for report, entry in zip((lang_son, brvt), spec["reports"], strict=True):
        expected = {
            code: (D(raw[0]), D(raw[1])) if isinstance(raw, list) else (D(raw), None)
            for code, raw in entry["values"].items()
        }
        assert _figures(report) == expected
        assert NOTE not in {v.note for v in report.values.all()}
    assert _figures(lang_son)["staff_streamlined_share"] == (D(61), D(1151))
    assert _figures(brvt)["staff_streamlined_share"] == (D(2489), D(22345))
    seed_target = Target.objects.get(
        unit=board(LANG_SON), indicator__code="staff_streamlined_share"
    )
    assert (seed_target.end_year, seed_target.value) == (2021, D(10))


# The seed's 2023 totals split over cluster 3's members by the demo's weights (8, 6, 9, 10, 11,
# 9, 11, 7, 9, 5, 9, 10: 104 in all), worked out by hand: each member's exact share rounded
# down, then one more to the largest remainders, the earlier member first on a tie. E.g.
# 1722 x 8 / 104 = 132.46 → 132; the floors add up to 1718, and the 4 left go to Phú Yên
# (.90), Kon Tum (.79), Đà Nẵng (.58) and Đắk Lắk (.58).
CLUSTER_3_MEMBERS = (
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Đà Nẵng",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Kon Tum",
    "Gia Lai",
    "Đắk Lắk",
)
CLUSTER_3_PARTS = {
    "cadres_trained_or_retrained": (132, 99, 149, 166, 182, 149, 182, 116, 149, 83, 149, 166),
    "personnel_moves": (58, 44, 66, 73, 80, 66, 80, 51, 65, 36, 65, 73),
    "dismissals_or_resignations": (1, 1, 2, 2, 2, 2, 2, 1, 2, 1, 2, 2),
    "new_party_members_admitted": (
        1598,
        1199,
        1798,
        1998,
        2198,
        1798,
        2197,
        1398,
        1798,
        999,
        1798,
        1998,
    ),
}


def test_cluster_3_keeps_the_articles_2023_totals_split_as_before() -> None:
    entry = demo_spec()["cluster_3_2023"]
    cluster_3 = demo_term(3, 2023)
    period = _period(2023, PeriodKind.YEAR)
    assert set(entry["totals"]) == set(CLUSTER_3_PARTS)
    for code, parts in CLUSTER_3_PARTS.items():
        result = rollup_for(
            user=demo_user("canbo.daklak"),
            indicator=_indicator(code),
            year=2023,
            cluster_term=cluster_3,
        )
        assert result.value == D(entry["totals"][code]) == sum(parts), code
        lines = {line.unit.short_name: line.value for line in result.by_unit}
        assert lines == {name: D(p) for name, p in zip(CLUSTER_3_MEMBERS, parts, strict=True)}
    members = [m.unit_id for m in cluster_3.memberships.all()]
    for report in Report.objects.filter(period=period, unit_id__in=members):
        assert set(_figures(report)) == set(entry["totals"])  # nothing added to them


def test_figures_follow_the_size_of_the_province() -> None:
    """(That they are reproducible is shown by writing a deleted report again, below.)"""
    period = _period(2024, PeriodKind.YEAR)
    big, small = board(THANH_HOA), board(LAI_CHAU)
    sizes = board_sizes([big, small])
    assert sizes[big.pk] > 4 * sizes[small.pk]  # 166 communes, 38 communes
    stored = {
        unit.code: _figures(Report.objects.get(unit=unit, period=period)) for unit in (big, small)
    }
    code = "new_party_members_admitted"
    assert stored[big.code][code][0] > stored[small.code][code][0]
    yearly = [
        v.value
        for v in ReportValue.objects.filter(
            note=NOTE, indicator__code=code, report__period__kind=PeriodKind.YEAR
        )
    ]
    assert min(yearly) >= 300
    assert max(yearly) <= 4_000


def test_each_report_went_through_submission_and_acceptance_by_allowed_users() -> None:
    manager = demo_user(demo_spec()["manager"])
    reports = list(
        Report.objects.filter(values__note=NOTE).distinct().select_related("unit", "submitted_by")
    )
    moves: dict[int, list[str]] = {}
    for object_id, to_status in Transition.objects.filter(
        object_type="indicators.report", object_id__in=[r.pk for r in reports]
    ).values_list("object_id", "to_status"):
        moves.setdefault(object_id, []).append(to_status)
    leaders: dict[int | None, User | None] = {}
    for report in reports:
        assert moves[report.pk] == ["submitted", "accepted"]
        assert report.decided_by_id == manager.pk
        leader = leaders.setdefault(report.submitted_by_id, report.submitted_by)
        assert leader is not None
        assert leader.username.startswith("lanhdao.")
        assert access.may_submit(leader, report.unit), report.unit


def test_one_audit_event_per_batch() -> None:
    events = AuditEvent.objects.filter(action="report.demo_load")
    assert events.count() == len(ILLUSTRATIVE_PERIODS) + 1  # and cluster 4's 2017
    assert sum((e.after or {})["reports"] for e in events) == 63 * 4 - 12 + 34 + CLUSTER_4_2017
    assert AuditEvent.objects.filter(action="target.demo_load").count() == 2


def test_multi_year_targets_show_progress() -> None:
    share = _indicator("staff_streamlined_share")
    result = rollup_for(
        user=demo_user("theodoi"),
        indicator=share,
        period=_period(2024, PeriodKind.YEAR),
        sector=True,
    )
    assert len(result.by_unit) == 63
    lines = {line.unit.code: line for line in result.by_unit}
    # Lạng Sơn keeps only the seed's own target (10 % by 2021), none for 2024.
    assert lines.pop(f"BTC-{LANG_SON}").target is None
    assert all(line.target == D(5) and line.progress is not None for line in lines.values())
    new_board = Report.objects.filter(period=_period(2025, PeriodKind.YEAR)).first()
    assert new_board is not None
    spans = set(
        Target.objects.filter(unit=new_board.unit).values_list(
            "indicator__code", "start_year", "end_year"
        )
    )
    assert spans == {
        ("staff_streamlined_share", 2025, 2030),
        ("new_party_members_admitted", 2025, 2025),
    }


def test_loading_again_writes_nothing_and_keeps_a_changed_figure() -> None:
    report = Report.objects.filter(values__note=NOTE, period__year=2024).first()
    assert report is not None
    value = report.values.get(indicator__code="personnel_moves")
    ReportValue.objects.filter(pk=value.pk).update(value=D(7))
    before = _counts()
    indicators_illustrative_load(password=DEMO_PASSWORD)
    assert _counts() == before
    assert ReportValue.objects.get(pk=value.pk).value == D(7)


def test_a_missing_report_is_written_again_with_the_same_figures() -> None:
    report = Report.objects.get(unit=board(THANH_HOA), period=_period(2024, PeriodKind.YEAR))
    figures_before = _figures(report)
    report.delete()
    events = AuditEvent.objects.count()
    indicators_illustrative_load(password=DEMO_PASSWORD)
    again = Report.objects.get(unit=board(THANH_HOA), period=_period(2024, PeriodKind.YEAR))
    assert again.illustrative
    assert _figures(again) == figures_before
    assert AuditEvent.objects.count() == events + 1  # one event for the batch


def test_a_figure_breaking_a_rule_is_refused_and_nothing_written(monkeypatch: Any) -> None:
    Report.objects.get(unit=board(THANH_HOA), period=_period(2024, PeriodKind.YEAR)).delete()
    Report.objects.get(unit=board(LAI_CHAU), period=_period(2024, PeriodKind.YEAR)).delete()
    before = _counts()

    def y_below_x(*_args: Any) -> dict[str, tuple[Decimal, Decimal | None]]:
        return {"staff_streamlined_share": (D(50), D(40))}

    monkeypatch.setattr(indicators_illustrative, "figures", y_below_x)
    with pytest.raises(ValidationFailedError) as refused:
        indicators_illustrative_load(password=DEMO_PASSWORD)
    assert "không được lớn hơn mẫu số y" in str(refused.value.problems)
    assert _counts() == before


def test_an_acting_user_who_may_not_accept_is_refused(monkeypatch: Any) -> None:
    Report.objects.get(unit=board(THANH_HOA), period=_period(2024, PeriodKind.YEAR)).delete()
    before = _counts()
    spec = demo_spec() | {"manager": "canbo.daklak"}
    monkeypatch.setattr(indicators_illustrative, "demo_spec", lambda: spec)
    with pytest.raises(PermissionDeniedError):
        indicators_illustrative_load(password=DEMO_PASSWORD)
    assert _counts() == before


def test_the_report_page_says_when_figures_are_illustrative() -> None:
    secretariat = demo_client("thuongtruc")

    def page(unit: Unit, period: ReportingPeriod) -> str:
        address = reverse("indicators:report", args=[period.pk, unit.pk])
        response = secretariat.get(address)
        assert response.status_code == 200
        return response.content.decode()

    assert 'data-testid="illustrative"' in page(board(THANH_HOA), _period(2024, PeriodKind.YEAR))
    seed = page(board(BRVT), _period(2020, PeriodKind.YEAR))
    assert 'data-testid="illustrative"' not in seed
