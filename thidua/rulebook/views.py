"""The rule book's pages: the instruments and their rules, the secretariat's parameter form,
and "Thử áp dụng", a rule tried on a case (a read: a GET form, no record is kept)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.policy import Action, may, require
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.core.forms import apply_domain_error
from thidua.rulebook.evaluation import evaluators, rule_evaluate_for, say
from thidua.rulebook.forms import ParameterForm, TryForm
from thidua.rulebook.models import Instrument
from thidua.rulebook.selectors import instruments_for, parameter_get_for
from thidua.rulebook.services.parameters import parameter_set


@require_GET
@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    context = {
        "instruments": instruments_for(user=request.user),
        "today": timezone.localdate(),
        "may_set": may(request.user, Action.RULEBOOK_SET_PARAMETER),
    }
    return render(request, "rulebook/index.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def parameter(request: AuthenticatedHttpRequest, key: str) -> HttpResponse:
    require(request.user, Action.RULEBOOK_SET_PARAMETER)
    page = parameter_get_for(user=request.user, key=key)
    instruments = list(Instrument.objects.all())
    initial = {"instrument": page.current.instrument.number}
    form = ParameterForm(request.POST or None, initial=initial, instruments=instruments)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            parameter_set(
                actor=request.user,
                key=key,
                value=data["value"],
                valid_from=data["valid_from"],
                citation_article=data["citation_article"],
                reason=data["reason"],
                instrument_number=data["instrument"],
            )
        except PermissionDeniedError:
            raise
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _("Đã đặt giá trị mới cho tham số."))
            return redirect("rulebook:parameter", key=key)
    status = 400 if form.is_bound and form.errors else 200
    context = {"page": page, "form": form}
    return render(request, "rulebook/parameter.html", context, status=status)


@require_GET
@login_required
def try_rule(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Without facts in the query, the form of the chosen rule; with them, its verdict too."""
    choices = evaluators()
    by_name = {e.name: e for e in choices}
    chosen = by_name.get(request.GET.get("rule", ""), choices[0])
    # "Chọn quy tắc" only swaps the fact boxes for the chosen rule's.
    asked = "chon" not in request.GET and any(n.startswith("fact_") for n in request.GET)
    data = request.GET if asked else None
    initial = {"rule": chosen.name, "on": timezone.localdate()}
    form = TryForm(data, initial=initial, evaluators=choices, chosen=chosen)
    verdict = None
    if asked and form.is_valid():
        try:
            verdict = rule_evaluate_for(
                user=request.user,
                rule=chosen.name,
                facts=form.facts(),
                on=form.cleaned_data["on"],
            )
        except ValidationFailedError as refused:
            problems = {
                name.replace("facts.", "fact_"): found for name, found in refused.problems.items()
            }
            apply_domain_error(form, ValidationFailedError(refused.message, problems))
    lines = [(line, say(line.message)) for line in verdict.lines] if verdict else []
    context = {"form": form, "chosen": chosen, "verdict": verdict, "lines": lines}
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "rulebook/try.html", context, status=status)
