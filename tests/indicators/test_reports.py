"""A unit's periodic report: prepared by its staff, submitted by its leader, returned or accepted
by the cluster head; corrected after acceptance with its history; bad input refused whole."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.builders.people import persona, staff_of
from tests.builders.reports import (
    binh_duong,
    figures,
    long_an,
    open_period,
    reporting_setting,
    save,
)
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.core.errors import (
    DomainError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from thidua.core.models import StoredFile, Transition
from thidua.indicators import access
from thidua.indicators.models import (
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    ReportValueChange,
)
from thidua.indicators.selectors.reports import report_get_for
from thidua.indicators.services.periods import period_create, period_deadline_set
from thidua.indicators.services.reports import (
    report_accept,
    report_correct,
    report_file_attach,
    report_return,
    report_submit,
)

pytestmark = pytest.mark.django_db
D = Decimal
PDF = b"%PDF-1.4 bao cao so ket"


@pytest.fixture(scope="module", autouse=True)
def _setting(module_db: None) -> None:
    reporting_setting()


@pytest.fixture
def period() -> ReportingPeriod:
    return open_period()


@pytest.fixture
def officer() -> User:
    return persona("canbo.longan")


@pytest.fixture
def leader() -> User:
    return staff_of(long_an())


def _draft(period: ReportingPeriod, actor: User | None = None, **values: object) -> Report:
    """Long An's draft, saved by its officer unless another ``actor`` is named."""
    figures_ = figures(**(values or {"staff_streamlined": 61}))
    return save(actor or persona("canbo.longan"), long_an(), period, figures_)


def _counts() -> tuple[int, int, int, int]:
    return (
        Report.objects.count(),
        ReportValue.objects.count(),
        ReportValueChange.objects.count(),
        StoredFile.objects.count(),
    )


def test_draft_returned_by_the_cluster_head_then_corrected_and_accepted(
    period: ReportingPeriod, officer: User, leader: User
) -> None:
    report = _draft(period, staff_streamlined=61, staff_streamlined_share=(61, 1150))
    report_file_attach(actor=officer, report=report, name="bao-cao.pdf", content=PDF)
    with pytest.raises(PermissionDeniedError):
        report_submit(actor=officer, report=report)  # an officer prepares; the leader submits
    report = report_submit(actor=leader, report=report)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == leader

    head = persona("canbo.binhduong")
    with pytest.raises(DomainError):
        report_return(actor=head, report=report, reason="  ")
    report = report_return(actor=head, report=report, reason="Thiếu số liệu đề án vị trí việc làm")
    assert report.status == ReportStatus.RETURNED
    assert report.return_reason == "Thiếu số liệu đề án vị trí việc làm"

    report = _draft(
        period,
        staff_streamlined=61,
        staff_streamlined_share=(61, 1150),
        job_position_schemes_approved=(24, 24),
    )
    report = report_submit(actor=leader, report=report)
    report = report_accept(actor=head, report=report)
    assert report.status == ReportStatus.ACCEPTED
    assert report.decided_by == head
    assert report.return_reason == ""
    moves = Transition.objects.filter(object_type="indicators.report", object_id=report.pk)
    assert [(t.from_status, t.to_status) for t in moves] == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "submitted"),
        ("submitted", "accepted"),
    ]
    assert moves.get(to_status="returned").reason.startswith("Thiếu số liệu")
    assert report.files.count() == 1
    assert AuditEvent.objects.filter(action="report.accept", object_id=str(report.pk)).exists()


def test_a_correction_after_acceptance_keeps_the_old_values(
    period: ReportingPeriod, leader: User
) -> None:
    report = _draft(period, staff_streamlined=61, staff_streamlined_share=(61, 1150))
    report_submit(actor=leader, report=report)
    report = report_accept(actor=persona("canbo.binhduong"), report=report)
    with pytest.raises(DomainError):
        report_correct(actor=leader, report=report, values=figures(staff_streamlined=63), reason="")
    report = report_correct(
        actor=leader,
        report=report,
        values=figures(staff_streamlined=63, focal_points_reduced=4),
        reason="Bổ sung 2 trường hợp nghỉ hưu trước tuổi",
    )
    assert report.status == ReportStatus.ACCEPTED
    assert report.revision == 2
    history = {c.indicator.code: c for c in report.corrections.select_related("indicator")}
    assert (history["staff_streamlined"].old_value, history["staff_streamlined"].new_value) == (
        D(61),
        D(63),
    )
    assert history["focal_points_reduced"].old_value is None
    assert history["staff_streamlined"].changed_by == leader
    assert report.values.get(indicator__code="staff_streamlined").value == D(63)

    # The accepter may correct too; a change to the same value is no change.
    head = persona("canbo.binhduong")
    report = report_correct(
        actor=head,
        report=report,
        values=figures(staff_streamlined_share=(63, 1150)),
        reason="Khớp số liệu tinh giản",
    )
    assert report.revision == 3
    before = _counts()
    with pytest.raises(DomainError, match="Không có số liệu nào thay đổi"):
        report_correct(actor=head, report=report, values=figures(staff_streamlined=63), reason="x")
    with pytest.raises(PermissionDeniedError):
        report_correct(
            actor=persona("canbo.daklak"),
            report=report,
            values=figures(staff_streamlined=1),
            reason="x",
        )
    assert _counts() == before


def test_an_accepted_report_is_not_reopened_or_saved_again(
    period: ReportingPeriod, leader: User
) -> None:
    report = _draft(period)
    report_submit(actor=leader, report=report)
    report = report_accept(actor=persona("canbo.binhduong"), report=report)
    with pytest.raises(DomainError):
        report_return(actor=persona("canbo.binhduong"), report=report, reason="Mở lại")
    with pytest.raises(DomainError):
        _draft(period, staff_streamlined=1)
    with pytest.raises(DomainError):
        report_file_attach(actor=leader, report=report, name="them.pdf", content=PDF)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.values.get().value == D(61)


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        ({"staff_streamlined_share": (2489, 245)}, "không được lớn hơn mẫu số"),
        ({"staff_streamlined": -3}, "không được âm"),
        ({"staff_streamlined_share": 2489}, "cần cả x"),
        ({"staff_streamlined": "61.5"}, "số nguyên"),
        ({"work_programme_completion": 101}, "từ 0 đến 100"),
        ({"emulation_plan_issued": 2}, "0 (không) hoặc 1 (có)"),
        ({"focal_points_reduced": (3, 5)}, "không có mẫu số"),
        ({"no_such_indicator": 1}, "Không có chỉ tiêu"),
        ({"staff_streamlined": "1.234"}, "hai chữ số thập phân"),
    ],
)
def test_bad_figures_are_refused_with_nothing_saved(
    period: ReportingPeriod, values: dict[str, object], reason: str
) -> None:
    report = _draft(period, staff_streamlined=61)
    before = _counts()
    bad = figures(new_party_members_admitted=120) | {
        code: (D(str(v[0])), D(str(v[1]))) if isinstance(v, tuple) else (D(str(v)), None)
        for code, v in values.items()
    }
    with pytest.raises(ValidationFailedError) as refused:
        save(persona("canbo.longan"), long_an(), period, bad)
    messages = [m for ms in refused.value.problems.values() for m in ms]
    assert any(reason in m for m in messages), messages
    assert _counts() == before
    assert report.values.get().indicator.code == "staff_streamlined"


def test_every_bad_figure_is_reported_at_once(period: ReportingPeriod) -> None:
    with pytest.raises(ValidationFailedError) as refused:
        _draft(period, staff_streamlined=-1, job_position_schemes_approved=(25, 24))
    assert set(refused.value.problems) == {
        "values.staff_streamlined",
        "values.job_position_schemes_approved",
    }
    assert not Report.objects.filter(period=period).exists()


def test_a_unit_outside_the_actors_scope_is_refused(period: ReportingPeriod) -> None:
    before = _counts()
    for actor in (persona("canbo.daklak"), persona("canbo.binhduong"), persona("hoidong")):
        with pytest.raises(PermissionDeniedError):
            _draft(period, actor=actor)
    assert _counts() == before


def test_a_draft_past_its_deadline_is_refused(officer: User, leader: User) -> None:
    late = open_period(title="Báo cáo nhanh đã hết hạn", days_left=-1)
    before = _counts()
    with pytest.raises(DomainError, match="quá hạn"):
        _draft(late)
    assert _counts() == before


def test_a_report_returned_after_the_deadline_may_still_be_reworked(
    period: ReportingPeriod, leader: User
) -> None:
    report = report_submit(actor=leader, report=_draft(period))
    report_return(actor=persona("canbo.binhduong"), report=report, reason="Sai số liệu")
    period_deadline_set(
        actor=persona("thuongtruc"), period=period, deadline=timezone.now() - dt.timedelta(hours=1)
    )
    report = _draft(ReportingPeriod.objects.get(pk=period.pk), staff_streamlined=60)
    assert report_submit(actor=leader, report=report).status == ReportStatus.SUBMITTED


def test_a_report_needs_one_figure_before_it_is_submitted(
    period: ReportingPeriod, leader: User
) -> None:
    report = save(leader, long_an(), period, {})
    with pytest.raises(DomainError, match="chưa có số liệu"):
        report_submit(actor=leader, report=report)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT


def test_evidence_of_a_forbidden_type_or_too_large_is_refused(
    period: ReportingPeriod, officer: User, settings: object
) -> None:
    report = _draft(period)
    before = _counts()
    with pytest.raises(DomainError, match="không đúng loại"):
        report_file_attach(actor=officer, report=report, name="chay-thu.exe", content=b"MZ\x90")
    with pytest.raises(DomainError, match="không khớp"):
        report_file_attach(actor=officer, report=report, name="doi-ten.pdf", content=b"MZ\x90")
    settings.EVIDENCE_MAX_BYTES = 16  # type: ignore[attr-defined]
    with pytest.raises(DomainError, match="vượt quá dung lượng"):
        report_file_attach(actor=officer, report=report, name="lon.pdf", content=PDF * 2)
    assert _counts() == before
    assert report.files.count() == 0


def test_evidence_is_refused_once_the_report_is_submitted(
    period: ReportingPeriod, officer: User, leader: User
) -> None:
    report = report_submit(actor=leader, report=_draft(period))
    before = _counts()
    with pytest.raises(DomainError):
        report_file_attach(actor=officer, report=report, name="muon.pdf", content=PDF)
    assert _counts() == before


def test_a_draft_is_read_only_inside_the_unit(period: ReportingPeriod, leader: User) -> None:
    report = _draft(period)
    insiders = [persona("canbo.longan"), leader, persona("thuongtruc")]
    outsiders = ["canbo.daklak", "canbo.binhduong", "hoidong", "theodoi"]
    assert all(access.may_read(u, report) for u in insiders)
    for username in outsiders:
        assert not access.may_read(persona(username), report), username
        with pytest.raises(NotFoundError):
            report_get_for(user=persona(username), pk=report.pk)


def test_a_submitted_report_is_read_by_the_cluster_council_and_department_only(
    period: ReportingPeriod, leader: User
) -> None:
    report = report_submit(actor=leader, report=_draft(period))
    for username in ("canbo.binhduong", "hoidong", "theodoi", "thuongtruc"):
        assert report_get_for(user=persona(username), pk=report.pk) == report
    assert not access.may_read(persona("canbo.daklak"), report)


def test_only_the_head_deputies_and_secretariat_decide_and_never_on_their_own_report(
    period: ReportingPeriod,
) -> None:
    head_board = binh_duong()
    report = save(
        persona("canbo.binhduong"), head_board, period, figures(new_party_members_admitted=900)
    )
    report = report_submit(actor=persona("lanhdao.binhduong"), report=report)
    for username in ("canbo.binhduong", "lanhdao.binhduong", "canbo.daklak", "hoidong", "theodoi"):
        with pytest.raises(PermissionDeniedError):
            report_accept(actor=persona(username), report=report)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    # Long An is a deputy of cluster 4 in 2018; the secretariat decides anywhere.
    assert access.may_decide(persona("canbo.longan"), report)
    assert report_accept(actor=persona("thuongtruc"), report=report).status == "accepted"


def test_the_cluster_head_has_no_power_over_a_year_it_does_not_lead(leader: User) -> None:
    other_year = open_period(year=2016, title="Báo cáo đột xuất năm 2016")
    report = report_submit(actor=leader, report=_draft(other_year))
    assert not access.may_decide(persona("canbo.binhduong"), report)


def test_periods_are_opened_by_the_secretariat_once_per_kind_and_year() -> None:
    secretariat = persona("thuongtruc")
    as_of, deadline = dt.date(2099, 6, 30), dt.datetime(2099, 7, 15, 17, tzinfo=dt.UTC)

    def mid_year(actor: User, title: str) -> ReportingPeriod:
        return period_create(
            actor=actor, year=2099, kind="mid_year", title=title, as_of=as_of, deadline=deadline
        )

    mid_year(secretariat, "Sơ kết 6 tháng")
    with pytest.raises(DomainError, match="Đã có kỳ"):
        mid_year(secretariat, "Lần hai")
    with pytest.raises(ValidationFailedError) as refused:
        period_create(
            actor=secretariat,
            kind="year",
            title="",
            year=2099,
            as_of=dt.date(2098, 12, 31),
            deadline=dt.datetime(2098, 1, 1, tzinfo=dt.UTC),
        )
    assert set(refused.value.problems) == {"title", "as_of", "deadline"}
    for username in ("canbo.binhduong", "lanhdao.binhduong", "hoidong"):
        with pytest.raises(PermissionDeniedError):
            mid_year(persona(username), "Sơ kết")
    assert ReportingPeriod.objects.filter(year=2099).count() == 1
