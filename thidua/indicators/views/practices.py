"""The good-practice library (mô hình hay, cách làm mới): the list with its search, one practice
with its files, the publish form of a unit's staff and the secretariat's featuring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, may
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.core.files import attachment
from thidua.core.htmx import vary_on_htmx_history
from thidua.indicators.forms.practices import PracticeFilterForm, PracticeForm
from thidua.indicators.models import Indicator
from thidua.indicators.selectors.practices import (
    good_practice_file_get_for,
    good_practice_get_for,
    good_practice_list_for,
    good_practice_page_for,
    may_publish_practice,
    practice_filters_for,
    publishing_units_for,
)
from thidua.indicators.services.practices import good_practice_feature, good_practice_publish

PER_PAGE = 20


@vary_on_htmx_history
@require_GET
@login_required
def practices(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The list; with HTMX the search box asks for the results alone as the user types."""
    choices = practice_filters_for(user=request.user)
    filters = PracticeFilterForm(request.GET or None, areas=choices.areas, years=choices.years)
    found = good_practice_list_for(
        user=request.user,
        q=filters.value("q") or "",
        area=filters.value("area") or "",
        year=filters.value("year"),
        featured_only=bool(filters.value("featured")),
    )
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "may_publish": may_publish_practice(request.user),
    }
    # A history restore asks for the whole page although it comes from HTMX.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "indicators/practice_results.html" if partial else "indicators/practices.html"
    return render(request, template, context)


@require_GET
@login_required
def practice(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    page = good_practice_page_for(user=request.user, pk=pk)
    context = {
        "page": page,
        "p": page.practice,
        "may_feature": may(request.user, Action.ORGS_MANAGE),
    }
    return render(request, "indicators/practice.html", context)


@require_GET
@login_required
def practice_file(request: AuthenticatedHttpRequest, pk: int, file_pk: int) -> FileResponse:
    return attachment(good_practice_file_get_for(user=request.user, pk=pk, file_pk=file_pk))


@require_http_methods(["GET", "POST"])
@login_required
def practice_publish(request: AuthenticatedHttpRequest) -> HttpResponse:
    units = publishing_units_for(user=request.user)
    if not units:
        raise PermissionDeniedError(
            _("Chỉ cán bộ, lãnh đạo của một đơn vị mới đăng được mô hình, cách làm.")
        )
    indicators = list(Indicator.objects.filter(active=True))
    if request.method == "GET":
        form = PracticeForm(units=units, indicators=indicators)
        return _publish_page(request, form)
    form = PracticeForm(request.POST, request.FILES, units=units, indicators=indicators)
    if form.is_valid():
        data = form.cleaned_data
        try:
            published = good_practice_publish(
                actor=request.user,
                unit=form.chosen_unit(),
                year=data["year"],
                title=data["title"],
                area=data["area"],
                what_was_done=data["what_was_done"],
                results=data["results"],
                indicator_codes=data["indicators"],
                files=form.file_contents(),
            )
        except PermissionDeniedError:
            raise
        except DomainError as error:
            form.show(error)
        else:
            messages.success(request, _("Đã đăng mô hình, cách làm."))
            return redirect("indicators:practice", pk=published.pk)
    return _publish_page(request, form)


def _publish_page(request: HttpRequest, form: PracticeForm) -> HttpResponse:
    context = {"form": form, "areas": practice_filters_for(user=request.user).areas}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "indicators/practice_form.html", context, status=status)


@require_POST
@login_required
def practice_feature(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Set (not flip) the featured state; only the secretariat may, the service checks."""
    found = good_practice_get_for(user=request.user, pk=pk)
    featured = request.POST.get("featured") == "1"
    good_practice_feature(actor=request.user, practice=found, featured=featured)
    if featured:
        messages.success(request, _("Đã giới thiệu mô hình, cách làm cho toàn ngành."))
    else:
        messages.success(request, _("Đã thôi giới thiệu mô hình, cách làm cho toàn ngành."))
    return redirect("indicators:practice", pk=found.pk)
