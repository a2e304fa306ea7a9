"""API v1: the routers of the apps, one policy with the pages, errors in Vietnamese."""

from http import HTTPStatus
from typing import Any

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, Throttled, ValidationError
from ninja.openapi.schema import OpenAPISchema

from thidua.api.auth import API_AUTH
from thidua.api.award_rounds import router as award_rounds_router
from thidua.api.awards import router as awards_router
from thidua.api.documents import router as documents_router
from thidua.api.idempotency import in_one_transaction, replay_or_claim
from thidua.api.indicators import router as indicators_router
from thidua.api.orgs import router as orgs_router
from thidua.api.plans import router as plans_router
from thidua.api.reports import router as reports_router
from thidua.api.rulebook import router as rulebook_router
from thidua.api.schemas.errors import READS, WRITES
from thidua.api.scoring import router as scoring_router
from thidua.api.throttles import PerAddressRate, PerTokenRate
from thidua.api.votes import router as votes_router
from thidua.api.year_setup import router as year_setup_router
from thidua.core.errors import (
    DomainError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)
from thidua.web.middleware import outage_response


class ThiduaAPI(NinjaAPI):
    """The document declares, on every operation, the refusals any of them may answer
    (``schemas.errors``: the routers declare them too; this also covers a router that forgets)
    and the headers they carry: ``Retry-After`` on a 503 (always) and on a 429 (when the limit
    knows the wait)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        body = {"application/json": {"schema": {"$ref": "#/components/schemas/ProblemsOut"}}}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                answers = operation.setdefault("responses", {})
                for status in READS if method == "get" else WRITES:
                    if status not in answers and str(status) not in answers:
                        answers[status] = {
                            "description": HTTPStatus(status).phrase,
                            "content": body,
                        }
                for status, required in ((429, False), (503, True)):
                    answer = answers.get(status)
                    if answer is not None:
                        answer["headers"] = {"Retry-After": {**RETRY_AFTER, "required": required}}
        return schema


RETRY_AFTER = {
    "description": "Số giây nên chờ trước khi thử lại.",
    "schema": {"type": "integer", "minimum": 0},
}

api = ThiduaAPI(
    title="thidua API",
    version="1",
    description=(
        "Thi đua, khen thưởng ngành Tổ chức xây dựng Đảng.\n\n"
        'Mọi lỗi trả về JSON `{"detail": ..., "errors": [{"field", "message"}]}` '
        "bằng tiếng Việt. 429: vượt giới hạn số yêu cầu theo địa chỉ và theo mã truy cập; "
        "503: cơ sở dữ liệu tạm thời không truy cập được. Cả hai kèm `Retry-After` (giây).\n\n"
        "Các thao tác ghi (POST, PUT) nhận tiêu đề `Idempotency-Key`: gửi lại cùng khóa với cùng "
        "nội dung thì nhận lại câu trả lời đầu tiên (kèm `Idempotent-Replayed: true`) mà không "
        "thực hiện lần hai; cùng khóa với nội dung khác: 422; khi yêu cầu đầu còn đang xử lý: "
        "409. Khóa được giữ 24 giờ."
    ),
    auth=API_AUTH,
    urls_namespace="api",
    throttle=[PerAddressRate(), PerTokenRate()],
)
api.add_decorator(in_one_transaction, mode="view")
api.add_decorator(replay_or_claim, mode="operation")
api.add_router("/", orgs_router)
api.add_router("/", plans_router)
api.add_router("/", scoring_router)
api.add_router("/", indicators_router)
api.add_router("/", reports_router)
api.add_router("/", rulebook_router)
api.add_router("/", awards_router)
api.add_router("/", award_rounds_router)
api.add_router("/", year_setup_router)
api.add_router("/", votes_router)
api.add_router("/", documents_router)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": _("Vui lòng đăng nhập.")}, status=401)


@api.exception_handler(NotFoundError)
def on_not_found(request: HttpRequest, exc: NotFoundError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=404)


@api.exception_handler(PermissionDeniedError)
def on_forbidden(request: HttpRequest, exc: PermissionDeniedError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=403)


@api.exception_handler(DomainError)
def on_refused(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(ValidationFailedError)
def on_problems(request: HttpRequest, exc: ValidationFailedError) -> HttpResponse:
    """Every problem found, each with its place (a criterion code, a document path)."""
    problems = [
        {"field": field, "message": message}
        for field, messages in exc.problems.items()
        for message in messages
    ]
    return api.create_response(request, {"detail": exc.message, "errors": problems}, status=400)


@api.exception_handler(ValidationError)
def on_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Bad parameters: one Vietnamese line per field, with the field's name."""
    fields = [
        ".".join(str(part) for part in error.get("loc", ())[1:]) or "?" for error in exc.errors
    ]
    problems = [
        {"field": field, "message": _("“%(field)s” có giá trị không hợp lệ.") % {"field": field}}
        for field in fields
    ]
    return api.create_response(
        request, {"detail": _("Tham số không hợp lệ."), "errors": problems}, status=422
    )


@api.exception_handler(Throttled)
def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
    """django-ninja adds ``Retry-After`` when it knows the wait."""
    return api.create_response(
        request,
        {"detail": _("Quá nhiều yêu cầu trong thời gian ngắn; vui lòng thử lại sau.")},
        status=429,
    )


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def on_outage(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The database cannot be reached: a JSON 503 with ``Retry-After``, logged once."""
    return outage_response(request, exc)
