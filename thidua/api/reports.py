"""Reporting periods and the units' periodic reports.

Reads go through the indicator selectors and writes through the report services, so the API
answers as the pages do: a report the user may not read is not found (a draft is the unit's
own until it is submitted), a step the user may not take is refused with 403, and bad figures
are refused together, each at its place in the request, with nothing saved.
"""

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.api.schemas.errors import READ_REFUSALS, WRITE_REFUSALS
from thidua.api.schemas.reports import (
    CorrectionIn,
    FigureIn,
    FileOut,
    PeriodOut,
    ReasonIn,
    ReportDetailOut,
    ReportIn,
    ReportOut,
    ReportQuery,
    ValueIn,
    file_out,
    period_out,
    report_detail,
    report_out,
)
from thidua.api.schemas.types import IsoDate, IsoDateTime
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.indicators import access
from thidua.indicators.models import PeriodKind, PeriodScope, Report
from thidua.indicators.selectors.reports import (
    period_get_for,
    periods_for,
    report_get_for,
    report_list_for,
    report_values,
)
from thidua.indicators.services.periods import period_create
from thidua.indicators.services.reports import (
    report_accept,
    report_correct,
    report_file_attach,
    report_require_writable,
    report_return,
    report_save,
    report_submit,
)
from thidua.orgs.models import ClusterTerm, Unit
from thidua.orgs.selectors import unit_get_for

router = Router(tags=["reports"])


MAX_ID = 2**31 - 1


class PeriodIn(Schema):
    year: int = Field(ge=2000, le=2100)
    kind: PeriodKind = Field(description="mid_year, year hoặc ad_hoc.")
    title: str = Field(min_length=1, max_length=200)
    as_of: IsoDate = Field(description="Số liệu tính đến ngày (YYYY-MM-DD).")
    deadline: IsoDateTime = Field(description="Hạn nộp, kèm múi giờ (RFC 3339).")
    scope: PeriodScope = Field(
        default=PeriodScope.SECTOR,
        description="sector (toàn ngành, mặc định), cluster (một cụm: term_id) hoặc department "
        "(các cụm một vụ theo dõi: department_id).",
    )
    term_id: int | None = Field(default=None, ge=1, le=MAX_ID, description="Nhiệm kỳ cụm.")
    department_id: int | None = Field(
        default=None, ge=1, le=MAX_ID, description="Vụ theo dõi các cụm."
    )


S = TypeVar("S", bound=Schema)
Problems = dict[str, list[str]]
Figures = dict[str, tuple[Decimal, Decimal | None]]


def _exact(request: HttpRequest, schema: type[S]) -> S:
    """The body read again with its JSON numbers as Decimal. The API's parser reads them as
    binary floats, which cannot hold every figure (99999999999999.99 comes back .98)."""
    return schema.model_validate(json.loads(request.body, parse_float=Decimal))


def _number(raw: Decimal | str) -> Decimal:
    """A figure, or ValueError with the reason in Vietnamese."""
    if isinstance(raw, str):
        text = raw.strip().replace(",", ".")
        if not text:
            raise ValueError(_("Chưa nhập số liệu."))
        try:
            raw = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(_("“%(raw)s” không phải là số.") % {"raw": raw}) from exc
    if not raw.is_finite():
        raise ValueError(_("“%(raw)s” không phải là số hợp lệ.") % {"raw": raw})
    return raw


def _read(
    raw: Decimal | str | None, path: str, unreadable: Problems, *, blank_is_none: bool = False
) -> Decimal | None:
    """The number at ``path``; what cannot be read is noted in ``unreadable``."""
    if raw is None or (blank_is_none and isinstance(raw, str) and not raw.strip()):
        return None
    try:
        return _number(raw)
    except ValueError as exc:
        unreadable[path] = [str(exc)]
        return None


def _figures_in(
    items: Sequence[FigureIn],
) -> tuple[Figures, dict[str, str], Problems, dict[str, str]]:
    """The readable figures by code, their notes, what could not be read (by path), and the
    path of each code so the services' problems can be put back in their place."""
    figures: Figures = {}
    notes: dict[str, str] = {}
    unreadable: Problems = {}
    paths: dict[str, str] = {}
    for index, item in enumerate(items):
        path, code = f"values[{index}]", item.indicator.strip()
        if not code:
            unreadable[f"{path}.indicator"] = [_("Chưa nhập mã chỉ tiêu.")]
            continue
        if code in paths:
            unreadable[f"{path}.indicator"] = [
                _("Chỉ tiêu “%(code)s” đã có ở %(first)s; mỗi chỉ tiêu chỉ nhập một lần.")
                % {"code": code, "first": paths[code]}
            ]
            continue
        paths[code] = path
        x = _read(item.value, f"{path}.value", unreadable)
        y = _read(item.denominator, f"{path}.denominator", unreadable, blank_is_none=True)
        if x is not None and f"{path}.denominator" not in unreadable:
            figures[code] = (x, y)
            if isinstance(item, ValueIn):
                notes[code] = item.note
    return figures, notes, unreadable, paths


def _in_order(problems: Mapping[str, list[str]]) -> Problems:
    """Problems in the order of the request: the items by index, then the other fields."""

    def position(path: str) -> tuple[int, int, str]:
        found = re.match(r"\w+\[(\d+)\]", path)
        return (0, int(found.group(1)), path) if found else (1, 0, path)

    return {path: list(problems[path]) for path in sorted(problems, key=position)}


def _placed(refused: ValidationFailedError, paths: Mapping[str, str], extra: Problems) -> Problems:
    """The service's problems, keyed ``values.<code>``, moved to the item that sent the code."""
    moved: Problems = {}
    for key, messages in refused.problems.items():
        code = key.removeprefix("values.")
        moved.setdefault(paths.get(code, key) if key.startswith("values.") else key, []).extend(
            messages
        )
    return _in_order({**moved, **extra})


@contextmanager
def _all_or_nothing(unreadable: Problems, paths: Mapping[str, str], message: str) -> Iterator[None]:
    """Run a service on the readable figures in one transaction: its refusals come back with
    the unreadable figures, each at its place, and an unreadable figure alone undoes what the
    service saved."""
    with transaction.atomic():
        try:
            yield
        except ValidationFailedError as refused:
            raise ValidationFailedError(
                refused.message, _placed(refused, paths, unreadable)
            ) from refused
        if unreadable:
            raise ValidationFailedError(message, _in_order(unreadable))


def _text(given: str | None, existing: Report | None, name: str) -> str:
    """A narrative section as sent; one left out (null) keeps what the report holds."""
    if given is not None:
        return given
    return str(getattr(existing, name)) if existing is not None else ""


@router.post("/periods", response={200: PeriodOut, **WRITE_REFUSALS}, summary="Mở kỳ báo cáo")
def periods_create(request: AuthenticatedHttpRequest, payload: PeriodIn) -> PeriodOut:
    """The secretariat opens a period, as on the periods page (one mid-year and one year-end
    period a year for each unit, any number of ad hoc ones), for the sector, one cluster's term
    or the clusters a department supervises."""
    term = department = None
    problems: Problems = {}
    if payload.term_id is not None:
        term = ClusterTerm.objects.filter(pk=payload.term_id).first()
        if term is None:
            problems["term_id"] = [_("Không tìm thấy cụm thi đua đã chọn.")]
    if payload.department_id is not None:
        department = Unit.objects.filter(pk=payload.department_id).first()
        if department is None:
            problems["department_id"] = [_("Không tìm thấy vụ đã chọn.")]
    if problems:
        raise ValidationFailedError(_("Kỳ báo cáo chưa hợp lệ."), problems)
    try:
        period = period_create(
            actor=request.user,
            year=payload.year,
            kind=payload.kind,
            title=payload.title,
            as_of=payload.as_of,
            deadline=payload.deadline,
            scope=payload.scope,
            term=term,
            department=department,
        )
    except ValidationFailedError as error:
        # The service names the targets as the page's fields; the request names their ids.
        renamed = {"term": "term_id", "department": "department_id"}
        raise ValidationFailedError(
            error.message, {renamed.get(k, k): v for k, v in error.problems.items()}
        ) from error
    return period_out(period)


@router.get(
    "/periods",
    response={200: list[PeriodOut], **READ_REFUSALS},
    summary="Danh sách kỳ báo cáo",
    description="Các kỳ báo cáo (sơ kết 6 tháng, tổng kết năm, đột xuất), mới nhất trước, "
    "với ngày chốt số liệu và hạn nộp.",
)
def list_periods(request: HttpRequest) -> list[PeriodOut]:
    return [period_out(p) for p in periods_for(user=request.user)]


@router.get(
    "/reports",
    response={200: list[ReportOut], **READ_REFUSALS},
    summary="Danh sách báo cáo được xem",
    description="Các báo cáo người dùng được xem: báo cáo đang soạn hoặc bị trả lại chỉ đơn vị "
    "mình thấy; báo cáo đã gửi, đã tiếp nhận thì cụm trưởng, cụm phó, vụ theo dõi cụm, Hội "
    "đồng và Thường trực cũng thấy. Lọc theo kỳ, đơn vị, trạng thái.",
)
def list_reports(request: HttpRequest, params: Query[ReportQuery]) -> list[ReportOut]:
    rows = report_list_for(
        user=request.user, period=params.period, unit=params.unit, status=params.status
    )
    return [report_out(r) for r in rows]


@router.get(
    "/reports/{int:report_id}",
    response={200: ReportDetailOut, **READ_REFUSALS},
    summary="Chi tiết báo cáo",
    description="Số liệu (x, y và tỷ lệ phần trăm với chỉ tiêu tỷ lệ), các phần nội dung, "
    "trạng thái, lần điều chỉnh, tệp minh chứng và lịch sử điều chỉnh số liệu.",
)
def report_get(request: HttpRequest, report_id: int) -> ReportDetailOut:
    return report_detail(report_get_for(user=request.user, pk=report_id))


@router.put(
    "/periods/{int:period_id}/units/{int:unit_id}/report",
    response={200: ReportDetailOut, 201: ReportDetailOut, **WRITE_REFUSALS},
    summary="Lưu bản nháp báo cáo",
    description="Cán bộ, lãnh đạo đơn vị lưu số liệu và nội dung báo cáo của kỳ (tạo bản nháp "
    "nếu chưa có: 201). Toàn bộ yêu cầu được kiểm tra trước; có lỗi thì liệt kê mọi lỗi theo "
    "vị trí (values[i]…) và không lưu gì. Bản nháp chỉ sửa được trước hạn nộp; báo cáo bị trả "
    "lại sửa được cả sau hạn.",
)
def report_put(
    request: AuthenticatedHttpRequest, period_id: int, unit_id: int, payload: ReportIn
) -> Status[ReportDetailOut]:
    period = period_get_for(user=request.user, pk=period_id)
    unit = unit_get_for(user=request.user, pk=unit_id)
    # Refuse an outsider before telling it anything about the figures it sent.
    access.require_prepare(request.user, unit)
    payload = _exact(request, ReportIn)
    existing = Report.objects.filter(unit=unit, period=period).first()
    notes: dict[str, str] | None = None
    unreadable: Problems = {}
    paths: dict[str, str] = {}
    if payload.values is None:
        figures: Figures = dict(report_values(existing))
    else:
        figures, notes, unreadable, paths = _figures_in(payload.values)
    texts = {
        name: _text(getattr(payload, name), existing, name)
        for name in ("results", "limitations", "directions")
    }
    # The service checks the right, the deadline and every readable figure.
    with _all_or_nothing(unreadable, paths, _("Số liệu báo cáo chưa hợp lệ, chưa lưu gì.")):
        report = report_save(
            actor=request.user, unit=unit, period=period, values=figures, notes=notes, **texts
        )
    detail = report_detail(report_get_for(user=request.user, pk=report.pk))
    return Status(200 if existing else 201, detail)


@router.post(
    "/reports/{int:report_id}/submit",
    response={200: ReportDetailOut, **WRITE_REFUSALS},
    summary="Gửi báo cáo",
    description="Lãnh đạo đơn vị gửi báo cáo (cán bộ chỉ soạn, không gửi được) tới cụm trưởng "
    "và Thường trực; báo cáo cần ít nhất một số liệu và còn trong hạn.",
)
def report_submit_api(request: AuthenticatedHttpRequest, report_id: int) -> ReportDetailOut:
    report = report_get_for(user=request.user, pk=report_id)
    return report_detail(report_submit(actor=request.user, report=report))


@router.post(
    "/reports/{int:report_id}/accept",
    response={200: ReportDetailOut, **WRITE_REFUSALS},
    summary="Tiếp nhận báo cáo",
    description="Cụm trưởng, cụm phó của năm báo cáo hoặc Thường trực tiếp nhận báo cáo đã "
    "gửi; không đơn vị nào tự tiếp nhận báo cáo của mình.",
)
def report_accept_api(request: AuthenticatedHttpRequest, report_id: int) -> ReportDetailOut:
    report = report_get_for(user=request.user, pk=report_id)
    return report_detail(report_accept(actor=request.user, report=report))


@router.post(
    "/reports/{int:report_id}/return",
    response={200: ReportDetailOut, **WRITE_REFUSALS},
    summary="Trả lại báo cáo",
    description="Người tiếp nhận trả lại báo cáo đã gửi, bắt buộc ghi lý do; đơn vị sửa và "
    "gửi lại.",
)
def report_return_api(
    request: AuthenticatedHttpRequest, report_id: int, payload: ReasonIn
) -> ReportDetailOut:
    report = report_get_for(user=request.user, pk=report_id)
    return report_detail(report_return(actor=request.user, report=report, reason=payload.reason))


@router.post(
    "/reports/{int:report_id}/correct",
    response={200: ReportDetailOut, **WRITE_REFUSALS},
    summary="Điều chỉnh số liệu đã tiếp nhận",
    description="Lãnh đạo đơn vị hoặc người tiếp nhận điều chỉnh số liệu của báo cáo đã tiếp "
    "nhận, kèm lý do; giá trị cũ được lưu trong lịch sử và lần điều chỉnh tăng một. Chỉ gửi "
    "các số liệu thay đổi.",
)
def report_correct_api(
    request: AuthenticatedHttpRequest, report_id: int, payload: CorrectionIn
) -> ReportDetailOut:
    report = report_get_for(user=request.user, pk=report_id)
    access.require_correct(request.user, report)
    payload = _exact(request, CorrectionIn)
    figures, _notes, unreadable, paths = _figures_in(payload.values)
    refused = _("Số liệu điều chỉnh chưa hợp lệ, chưa lưu gì.")
    if unreadable and not figures:
        # Nothing readable would change; say why rather than "no figure changes".
        raise ValidationFailedError(refused, _in_order(unreadable))
    with _all_or_nothing(unreadable, paths, refused):
        report = report_correct(
            actor=request.user, report=report, values=figures, reason=payload.reason
        )
    return report_detail(report)


@router.post(
    "/reports/{int:report_id}/files",
    response={201: FileOut, **WRITE_REFUSALS},
    summary="Đính kèm tệp minh chứng",
    description="Cán bộ đơn vị đính kèm tệp minh chứng (multipart, trường “file”) vào báo cáo "
    "đang soạn hoặc bị trả lại; loại tệp, dung lượng và nội dung được kiểm tra.",
)
def report_file_post(
    request: AuthenticatedHttpRequest, report_id: int, file: File[UploadedFile]
) -> Status[FileOut]:
    report = report_get_for(user=request.user, pk=report_id)
    # Refuse before reading the upload what the service would refuse after.
    report_require_writable(request.user, report)
    if file.size is not None and file.size > settings.EVIDENCE_MAX_BYTES:
        raise DomainError(
            _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(limit)s MB).")
            % {"name": file.name, "limit": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)},
            field="file",
        )
    stored = report_file_attach(
        actor=request.user, report=report, name=file.name or "", content=file.read()
    )
    return Status(201, file_out(stored))
