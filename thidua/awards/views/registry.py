"""The registry ("Sổ khen thưởng"): every award received, searched without regard to
diacritics, by year and award, a page at a time; revoked awards marked; the revocation form for
the deciding level; and a unit's awards following its lineage."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.awards.forms.deciding import RevokeForm
from thidua.awards.forms.registry import RegistrySearchForm
from thidua.awards.models import Grant
from thidua.awards.selectors.judging import catalogue
from thidua.awards.selectors.registry import PAGE_SIZE, registry_search, unit_grants
from thidua.awards.services.decisions import grant_revoke, may_revoke
from thidua.core.access import require_signed_in
from thidua.core.errors import DomainError, NotFoundError, PermissionDeniedError
from thidua.core.forms import apply_domain_error
from thidua.orgs.models import Unit


@require_GET
@login_required
def registry(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = RegistrySearchForm(request.GET or None, catalogue=catalogue())
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = registry_search(
        user=request.user,
        text=data.get("q") or "",
        year=data.get("nam"),
        award=data.get("khen") or "",
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    grants = list(page)
    # What the revocation check reads, for the whole page at once.
    prefetch_related_objects(
        grants,
        "decision__round__term__memberships",
        "decision__round__unit",
        "decision__round__candidates",
    )
    revocable = {g.pk for g in grants if g.revoked_on is None and may_revoke(request.user, g)}
    context = {"form": form, "page": page, "query": query.urlencode(), "revocable": revocable}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "awards/registry.html", context, status=status)


def _grant(pk: int) -> Grant:
    grant = (
        Grant.objects.select_related(
            "person", "unit", "decision__round__term", "decision__round__unit"
        )
        .filter(pk=pk)
        .first()
    )
    if grant is None:
        raise NotFoundError(_("Không có khen thưởng này trong sổ."))
    return grant


@require_http_methods(["GET", "POST"])
@login_required
def grant_revoke_view(request: AuthenticatedHttpRequest, grant_pk: int) -> HttpResponse:
    """The deciding level revokes an award: it stays in the registry, marked."""
    require_signed_in(request.user)
    grant = _grant(grant_pk)
    if not may_revoke(request.user, grant):
        raise PermissionDeniedError(_("Bạn không thu hồi được khen thưởng này."))
    form = RevokeForm(request.POST or None, initial={"revoked_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            grant_revoke(
                actor=request.user,
                grant=grant,
                revoked_on=data["revoked_on"],
                ground=data["ground"],
                decision=data["decision"],
                reason=data["reason"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã thu hồi khen thưởng; sổ vẫn giữ và đánh dấu."))
            return redirect("awards:registry")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "awards/grant_revoke.html", {"grant": grant, "form": form}, status=status
    )


@require_GET
@login_required
def registry_unit(request: AuthenticatedHttpRequest, unit_pk: int) -> HttpResponse:
    """A unit's awards as a collective, with those of the units it succeeded."""
    unit = Unit.objects.filter(pk=unit_pk).first()
    if unit is None:
        raise NotFoundError(_("Không có đơn vị này."))
    grants = unit_grants(user=request.user, unit=unit)
    return render(request, "awards/unit_grants.html", {"unit": unit, "unit_grants": grants})
