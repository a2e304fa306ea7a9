"""The rounds of a year ("Đợt xét khen thưởng") and the buttons that open the ones the user may
open: a cluster head their term's round (from its published ranking), the secretariat the
council's, a board its own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.awards.forms.rounds import RoundOpenForm
from thidua.awards.models import NominationRound
from thidua.awards.selectors.opening import Opening, rounds_openable
from thidua.awards.selectors.rounds import judging_day, rounds_for
from thidua.awards.services.rounds import round_open
from thidua.core.errors import DomainError, PermissionDeniedError

FIRST_YEAR = 2000


def _year(raw: str | None) -> int:
    """The year asked for in ``?nam=``, else the current one (a bad value: the current one)."""
    today = timezone.localdate().year
    if raw and raw.isdigit() and FIRST_YEAR <= int(raw) <= today + 1:
        return int(raw)
    return today


def _page(
    request: HttpRequest, year: int, *, errors: list[str] | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    openings: list[Opening] = rounds_openable(user=user, year=year)
    context = {
        "year": year,
        "years": list(range(timezone.localdate().year, FIRST_YEAR + 14, -1)),
        "rounds": rounds_for(user=user, year=year),
        "openings": openings,
        "errors": errors or [],
    }
    return render(request, "awards/round_list.html", context, status=status)


@require_GET
@login_required
def round_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _page(request, _year(request.GET.get("nam")))


@require_POST
@login_required
def round_open_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RoundOpenForm(request.POST)
    if not form.is_valid():
        return _page(
            request,
            _year(request.POST.get("year")),
            errors=[_("Không mở được đợt xét: chọn lại đợt cần mở.")],
            status=400,
        )
    data = form.cleaned_data
    wanted = next(
        (
            o
            for o in rounds_openable(user=request.user, year=data["year"])
            if o.level == data["level"]
            and (o.term.pk if o.term else None) == data["term"]
            and (o.unit.pk if o.unit else None) == data["unit"]
        ),
        None,
    )
    if wanted is None:
        twin = NominationRound.objects.filter(
            year=data["year"], level=data["level"], term_id=data["term"], unit_id=data["unit"]
        )
        if twin.exists():
            return _page(request, data["year"], errors=[_("Đợt xét này đã được mở.")], status=400)
        raise PermissionDeniedError(_("Bạn không mở được đợt xét này."))
    # An old year's round is judged as it would have been by the end of the following year.
    judged_on = judging_day(NominationRound(year=wanted.year))
    try:
        round_ = round_open(
            actor=request.user,
            level=wanted.level,
            year=wanted.year,
            term=wanted.term,
            unit=wanted.unit,
            judged_on=judged_on,
        )
    except DomainError as error:
        return _page(request, data["year"], errors=[error.message], status=400)
    messages.success(request, _("Đã mở đợt xét: %(title)s.") % {"title": round_.title})
    return redirect("awards:round_detail", round_pk=round_.pk)
