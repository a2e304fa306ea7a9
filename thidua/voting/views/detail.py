"""A vote's page and the organiser's and counting committee's steps on it.

The organiser moves an electronic vote along (fix the roll and ask for keys, open, hand out
one-time codes, close); the counting committee enters a paper count and two of its members
confirm it. Every step first reads the vote as the user may (404 otherwise), then lets the
service refuse what the user may not do (403) or what cannot be done now (a message).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, PermissionDeniedError, ValidationFailedError
from thidua.voting import access, selectors, services
from thidua.voting.forms import PaperForm, count_field
from thidua.voting.models import PaperConfirmation, PaperCount, Vote, VoteMode, VoteStatus
from thidua.voting.views.common import kind_options, on_roll, organiser_of, show_problems
from thidua.voting.views.showing import (
    people_view,
    result_view,
    result_visible,
    rule_view,
)

PAPER_FIELDS = {"counts": None}


def paper_form(vote: Vote, data: Any = None) -> PaperForm:
    """The committee's form, filled with the figures already entered (while unconfirmed)."""
    initial: dict[str, Any] = {"present": vote.present, "written": 0}
    paper = PaperCount.objects.filter(vote=vote).first()
    if paper is not None:
        initial.update(
            issued=paper.issued,
            received=paper.received,
            valid=paper.valid,
            invalid=paper.invalid,
            written=paper.written,
        )
        for count in vote.counts.all():
            initial[count_field(count.candidate_id, count.option)] = count.count
    return PaperForm(
        data,
        candidates=list(vote.candidates.order_by("position")),
        options=kind_options(vote.kind),
        initial=initial,
    )


def vote_page(
    request: AuthenticatedHttpRequest,
    vote: Vote,
    *,
    status: int = 200,
    errors: list[str] | None = None,
    form: PaperForm | None = None,
) -> HttpResponse:
    user = request.user
    member = access.committee_member_of(user, vote)
    organiser = access.may_organise(user, vote)
    electronic = vote.mode == VoteMode.ELECTRONIC
    context: dict[str, Any] = {
        "vote": vote,
        "errors": errors or [],
        "rule": rule_view(vote),
        "people": people_view(vote),
        "organiser": organiser,
        "electronic": electronic,
        "statuses": VoteStatus,
        "options": kind_options(vote.kind),
        "on_roll": on_roll(user, vote),
        "receipt": selectors.receipt_for(user=user, vote=vote),
        "is_trustee": vote.trustees.filter(user=user).exists(),
        "result": result_view(vote) if result_visible(user, vote) else None,
        "member": member is not None,
        "organiser_label": organiser_of(vote).label,
        "candidates": list(vote.candidates.order_by("position")),
    }
    if not electronic and member is not None:
        if vote.status in (VoteStatus.DRAFT, VoteStatus.COUNTED):
            context["paper_form"] = form or paper_form(vote)
        confirmed = PaperConfirmation.objects.filter(vote=vote)
        context["confirmations"] = confirmed.count()
        context["confirmed_by_me"] = confirmed.filter(member_id=member).exists()
    return render(request, "voting/vote_detail.html", context, status=status)


@require_GET
@login_required
def vote_detail(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    return vote_page(request, selectors.vote_get_for(user=request.user, pk=vote_pk))


# The organiser's moves of an electronic vote, by the last part of their address.
STEPS = {
    "chot-danh-sach": services.vote_keys_start,
    "mo": services.vote_open,
    "ket-thuc": services.vote_close,
}


def _step_message(step: str) -> str:
    return {
        "chot-danh-sach": _("Đã chốt danh sách; người giữ khóa được mời tạo khóa."),
        "mo": _("Đã mở bỏ phiếu."),
        "ket-thuc": _("Đã kết thúc bỏ phiếu; chờ người giữ khóa giải mã tổng phiếu."),
    }[step]


@require_POST
@login_required
def vote_step(request: AuthenticatedHttpRequest, vote_pk: int, step: str) -> HttpResponse:
    """An organiser's move of an electronic vote."""
    vote = selectors.vote_get_for(user=request.user, pk=vote_pk)
    if step not in STEPS:
        raise Http404
    access.require(access.may_organise(request.user, vote))
    move = STEPS[step]
    try:
        move(actor=request.user, vote=vote)
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return vote_page(request, vote, status=400, errors=[error.message])
    messages.success(request, _step_message(step))
    return redirect("voting:detail", vote_pk=vote.pk)


@require_POST
@login_required
@never_cache
def codes_issue_view(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    """The one-time codes, shown once on a page made to be printed and cut into slips."""
    vote = selectors.vote_get_for(user=request.user, pk=vote_pk)
    access.require(access.may_organise(request.user, vote))
    try:
        codes = services.codes_issue(actor=request.user, vote=vote)
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return vote_page(request, vote, status=400, errors=[error.message])
    return render(request, "voting/codes.html", {"vote": vote, "codes": codes})


@require_GET
@login_required
def record_download(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    """The election record (public key, ballots with their proofs, the trustees' decryptions,
    the result) as a file anyone can check with ``manage.py vote_verify --record``."""
    vote = selectors.vote_get_for(user=request.user, pk=vote_pk)
    record = selectors.record_for(vote)  # NotFoundError (404) for a paper vote or a draft
    response = JsonResponse(record, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="ho-so-bo-phieu-{vote.pk}.json"'
    return response


def _committee_vote(request: HttpRequest, vote_pk: int) -> Vote:
    vote = selectors.vote_get_for(user=request.user, pk=vote_pk)
    if vote.mode != VoteMode.PAPER or access.committee_member_of(request.user, vote) is None:
        raise access.forbidden()
    return vote


@require_POST
@login_required
def paper_enter(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    vote = _committee_vote(request, vote_pk)
    form = paper_form(vote, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        figures = services.PaperFigures(
            present=data["present"],
            issued=data["issued"],
            received=data["received"],
            valid=data["valid"],
            invalid=data["invalid"],
            written=data["written"] or 0,
        )
        try:
            services.paper_count_enter(
                actor=request.user, vote=vote, figures=figures, counts=form.counts()
            )
        except PermissionDeniedError:
            raise
        except ValidationFailedError as error:
            where: dict[str, str | None] = dict(PAPER_FIELDS)
            where.update({f"counts.{c.pk}": count_field(c.pk, 0) for c in form.candidates})
            show_problems(form, error, where)
        except DomainError as error:  # a count that can no longer be entered (confirmed)
            return vote_page(request, vote, status=400, errors=[error.message])
        else:
            messages.success(
                request, _("Đã ghi kết quả kiểm phiếu; chờ hai thành viên ban kiểm phiếu xác nhận.")
            )
            return redirect("voting:detail", vote_pk=vote.pk)
    return vote_page(request, vote, status=400, form=form)


@require_POST
@login_required
def paper_confirm_view(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    vote = _committee_vote(request, vote_pk)
    try:
        vote = services.paper_confirm(actor=request.user, vote=vote)
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return vote_page(request, vote, status=400, errors=[error.message])
    if vote.status == VoteStatus.FINAL:
        messages.success(request, _("Kết quả đã được hai thành viên xác nhận và có hiệu lực."))
    else:
        messages.success(
            request, _("Đã xác nhận; cần thêm một thành viên ban kiểm phiếu xác nhận.")
        )
    return redirect("voting:detail", vote_pk=vote.pk)
