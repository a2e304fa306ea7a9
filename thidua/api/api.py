"""API v1: the routers of the apps, one policy with the pages, errors in Vietnamese."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from thidua.api.auth import API_AUTH
from thidua.api.awards import router as awards_router
from thidua.api.indicators import router as indicators_router
from thidua.api.orgs import router as orgs_router
from thidua.api.plans import router as plans_router
from thidua.api.reports import router as reports_router
from thidua.api.rulebook import router as rulebook_router
from thidua.api.scoring import router as scoring_router
from thidua.core.errors import (
    DomainError,
    NotFoundError,
    PermissionDeniedError,
    ValidationFailedError,
)

api = NinjaAPI(
    title="thidua API",
    version="1",
    description="Thi đua, khen thưởng ngành Tổ chức xây dựng Đảng",
    auth=API_AUTH,
    urls_namespace="api",
)
api.add_router("/", orgs_router)
api.add_router("/", plans_router)
api.add_router("/", scoring_router)
api.add_router("/", indicators_router)
api.add_router("/", reports_router)
api.add_router("/", rulebook_router)
api.add_router("/", awards_router)


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
