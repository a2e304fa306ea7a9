"""A period for one cluster or for the clusters a department supervises asks only their members,
and a unit keeps one mid-year and one year-end period a year.

The world: cluster 4 in 2018 (Bình Dương head, Long An deputy, supervised by Vụ Địa phương III)
and a small cluster 3 of Đắk Lắk alone, supervised by nobody.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.builders.clusters import board, boards_valid_in, cluster_term, term, unit
from tests.builders.people import client_for, persona, secretariat
from tests.builders.reports import DAK_LAK, catalogue, figures, indicator, long_an
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.inbox import InboxKind
from thidua.indicators.models import PeriodKind, PeriodScope, ReportingPeriod
from thidua.indicators.selectors.periods import period_units
from thidua.indicators.services.periods import period_create
from thidua.indicators.services.reports import report_save
from thidua.orgs.models import ClusterTerm, Unit
from thidua.web.selectors.inbox import inbox_for

pytestmark = pytest.mark.django_db
VDP3 = "BTCTW-VDP3"


def _open(
    scope: str = PeriodScope.SECTOR,
    *,
    term_: ClusterTerm | None = None,
    department: Unit | None = None,
    kind: str = PeriodKind.YEAR,
    year: int = 2018,
    title: str = "Tổng kết năm 2018",
) -> ReportingPeriod:
    return period_create(
        actor=secretariat(),
        year=year,
        kind=kind,
        title=title,
        as_of=dt.date(year, 11, 30),
        deadline=timezone.now() + dt.timedelta(days=20),
        scope=scope,
        term=term_,
        department=department,
    )


def _cluster_3() -> ClusterTerm:
    return cluster_term(3, 2018, [board(DAK_LAK)])


def _report_kinds(username: str) -> list[InboxKind]:
    return [e.item.kind for e in inbox_for(user=persona(username))]


def test_a_cluster_period_asks_only_its_members() -> None:
    cluster_4 = term(4, 2018)
    cluster_3 = _cluster_3()
    reporting = _open(PeriodScope.CLUSTER, term_=cluster_3, title="Tổng kết năm 2018 cụm 3")
    assert list(period_units(reporting)) == [board(DAK_LAK)]
    assert reporting.scope_text == "Cụm thi đua số 3 năm 2018"
    # The inbox: Đắk Lắk is asked, Long An (cluster 4) is not.
    assert _report_kinds("canbo.daklak") == [InboxKind.REPORT]
    assert _report_kinds("canbo.longan") == []
    # The board page: Đắk Lắk sees its own row; Bình Dương, head of cluster 4, sees nothing.
    url = reverse("indicators:period", args=[reporting.pk])
    own = client_for("canbo.daklak").get(url).content.decode()
    assert 'data-testid="own-reports"' in own
    assert "Cụm thi đua số 3 năm 2018" in own
    head = client_for("lanhdao.binhduong").get(url).content.decode()
    assert 'data-testid="own-reports"' not in head
    assert f'data-testid="term-{cluster_4.pk}"' not in head
    # The report service refuses an outsider, and writes nothing.
    catalogue()
    with pytest.raises(DomainError, match="không yêu cầu"):
        report_save(
            actor=persona("canbo.longan"),
            unit=long_an(),
            period=reporting,
            values=figures(new_party_members_admitted=3),
            results="",
            limitations="",
            directions="",
        )
    assert not reporting.reports.exists()
    indicator("new_party_members_admitted")


def test_a_department_period_asks_the_members_of_the_clusters_it_supervises() -> None:
    cluster_4 = term(4, 2018)
    _cluster_3()
    reporting = _open(PeriodScope.DEPARTMENT, department=unit(VDP3))
    members = {m.unit_id for m in cluster_4.memberships.all()}
    assert {u.pk for u in period_units(reporting)} == members
    assert _report_kinds("canbo.longan") == [InboxKind.REPORT]
    assert _report_kinds("canbo.daklak") == []
    url = reverse("indicators:period", args=[reporting.pk])
    head = client_for("lanhdao.binhduong").get(url).content.decode()
    assert f'data-testid="term-{cluster_4.pk}"' in head
    assert reporting.scope_text == unit(VDP3).name


def test_a_sector_period_then_a_cluster_one_of_the_same_kind_is_refused() -> None:
    term(4, 2018)
    cluster_3 = _cluster_3()
    _open(title="Tổng kết năm 2018 toàn ngành")
    with pytest.raises(DomainError, match="Tổng kết năm 2018 toàn ngành") as refused:
        _open(PeriodScope.CLUSTER, term_=cluster_3, title="Tổng kết cụm 3")
    assert "Toàn ngành" in refused.value.message
    assert ReportingPeriod.objects.filter(year=2018).count() == 1
    # Another kind, or an ad hoc period, is not a second year-end report.
    _open(PeriodScope.CLUSTER, term_=cluster_3, kind=PeriodKind.MID_YEAR, title="Sơ kết cụm 3")
    _open(PeriodScope.CLUSTER, term_=cluster_3, kind=PeriodKind.AD_HOC, title="Đột xuất cụm 3")


def test_cluster_4_twice_or_its_department_after_it_is_refused_but_another_cluster_is_not() -> None:
    cluster_4 = term(4, 2018)
    cluster_3 = _cluster_3()
    _open(PeriodScope.CLUSTER, term_=cluster_4, title="Tổng kết cụm 4")
    with pytest.raises(DomainError, match="Tổng kết cụm 4"):
        _open(PeriodScope.CLUSTER, term_=cluster_4, title="Tổng kết cụm 4 lần hai")
    with pytest.raises(DomainError, match="Cụm thi đua số 4 năm 2018"):
        _open(PeriodScope.DEPARTMENT, department=unit(VDP3), title="Tổng kết các cụm Vụ III")
    with pytest.raises(DomainError, match="Tổng kết cụm 4"):
        _open(title="Tổng kết toàn ngành")
    _open(PeriodScope.CLUSTER, term_=cluster_3, title="Tổng kết cụm 3")
    assert ReportingPeriod.objects.filter(year=2018).count() == 2


@pytest.mark.parametrize(
    ("case", "field", "message"),
    [
        ("other_year", "term", "năm 2017"),
        ("no_term", "term", "Chọn cụm"),
        ("no_department", "department", "Chọn vụ"),
        ("idle_department", "department", "không theo dõi cụm thi đua nào năm 2019"),
        ("term_on_sector", "term", "Chỉ chọn cụm"),
    ],
)
def test_a_bad_target_is_refused_in_vietnamese_and_nothing_is_written(
    case: str, field: str, message: str
) -> None:
    args: dict[str, object] = {  # type: ignore[assignment]
        "other_year": {"scope": PeriodScope.CLUSTER, "term_": term(4, 2017)},
        "no_term": {"scope": PeriodScope.CLUSTER},
        "no_department": {"scope": PeriodScope.DEPARTMENT},
        "idle_department": {"scope": PeriodScope.DEPARTMENT, "department": unit(VDP3)},
        "term_on_sector": {"term_": term(4, 2018)},
    }[case]
    year = 2019 if case == "idle_department" else 2018
    with pytest.raises(ValidationFailedError) as refused:
        _open(year=year, **args)  # type: ignore[arg-type]
    assert message in " ".join(refused.value.problems[field])
    assert not ReportingPeriod.objects.exists()
    assert not AuditEvent.objects.filter(action="reporting_period.create").exists()


def test_the_secretariat_opens_a_cluster_period_from_the_page() -> None:
    year = timezone.localdate().year
    members = boards_valid_in(year, 2)
    cluster_4 = cluster_term(4, year, members, department=unit(VDP3))
    url = reverse("indicators:periods")
    client = client_for("thuongtruc")
    form = client.get(url).content.decode()
    assert f'value="{cluster_4.pk}"' in form
    assert f"Cụm thi đua số 4 năm {year}" in form
    body = {
        "year": str(year),
        "kind": PeriodKind.YEAR,
        "title": f"Tổng kết năm {year} cụm 4",
        "as_of": f"{year}-11-30",
        "deadline": f"{year}-12-31T17:00",
        "scope": PeriodScope.CLUSTER,
        "term": str(cluster_4.pk),
        # The department select is on the page too; a cluster's period ignores it.
        "department": str(unit(VDP3).pk),
    }
    assert client.post(url, body).status_code == 302
    opened = ReportingPeriod.objects.get(year=year)
    assert (opened.scope, opened.term, opened.department) == (PeriodScope.CLUSTER, cluster_4, None)
    listing = client.get(url).content.decode()
    assert f"Cụm thi đua số 4 năm {year}" in listing
    again = client.post(url, {**body, "scope": PeriodScope.DEPARTMENT})
    assert again.status_code == 400
    assert "Đã có kỳ" in again.content.decode()
    missing = client.post(url, {**body, "kind": PeriodKind.MID_YEAR, "term": ""})
    assert missing.status_code == 400
    assert "Chọn cụm thi đua" in missing.content.decode()
    assert ReportingPeriod.objects.filter(year=year).count() == 1
