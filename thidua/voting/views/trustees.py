"""A trustee's page: make their part of the key in the browser, and later decrypt the sum of the
whole closed ballot box with it.

The secret part never reaches the server: the page's script draws it, offers it as a key file
to download, and sends only the public part with its proof. To decrypt, the trustee loads the
key file into the page (the file box has no ``name``, so even a form sent without the script
carries no secret); the script fetches every ballot of the box from the election record,
adds them up itself and refuses when their number is not the one this page states, so that a
server that hides or adds ballots is caught before anything is decrypted. A trustee may also
do both steps on their own machine with ``manage.py vote_trustee``.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.voting import selectors, services
from thidua.voting.models import Trustee, Vote, VoteMode, VoteStatus
from thidua.voting.services.ceremony import questions_of

MAX_JSON_BYTES = 2_000_000


def _trustee(request: AuthenticatedHttpRequest, vote_pk: int) -> tuple[Vote, Trustee]:
    vote = selectors.vote_get_for(user=request.user, pk=vote_pk)
    trustee = vote.trustees.filter(user=request.user).first()
    if vote.mode != VoteMode.ELECTRONIC or trustee is None:
        raise PermissionDeniedError(_("Trang này dành cho người giữ khóa của cuộc bỏ phiếu."))
    return vote, trustee


def _page(
    request: AuthenticatedHttpRequest,
    vote: Vote,
    trustee: Trustee,
    *,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "vote": vote,
        "trustee": trustee,
        "statuses": VoteStatus,
        "errors": errors or [],
        "ballots": vote.ballots.count(),
        "questions": json.dumps([q.to_json() for q in questions_of(vote)]),
    }
    return render(request, "voting/trustee.html", context, status=status)


@require_GET
@login_required
def trustee_page(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    vote, trustee = _trustee(request, vote_pk)
    return _page(request, vote, trustee)


def _posted_json(request: AuthenticatedHttpRequest, field: str) -> object:
    raw = request.POST.get(field, "")
    if not raw or len(raw) > MAX_JSON_BYTES:
        raise DomainError(
            _("Không nhận được dữ liệu do trình duyệt tính. Trang này cần JavaScript.")
        )
    try:
        return json.loads(raw)
    except ValueError as bad:
        raise DomainError(_("Dữ liệu gửi lên không đúng định dạng.")) from bad


@require_POST
@login_required
def trustee_key(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    vote, trustee = _trustee(request, vote_pk)
    try:
        services.trustee_key_submit(actor=request.user, vote=vote, key=_posted_json(request, "key"))
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return _page(request, vote, trustee, errors=[error.message], status=400)
    messages.success(request, _("Đã gửi khóa công khai. Hãy giữ tệp khóa cẩn thận."))
    return redirect("voting:trustee", vote_pk=vote.pk)


@require_POST
@login_required
def trustee_partial(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    vote, trustee = _trustee(request, vote_pk)
    try:
        vote = services.partial_submit(
            actor=request.user, vote=vote, partial=_posted_json(request, "partial")
        )
    except PermissionDeniedError:
        raise
    except DomainError as error:
        return _page(request, vote, trustee, errors=[error.message], status=400)
    if vote.status == VoteStatus.FINAL:
        messages.success(request, _("Đã giải mã tổng phiếu: cuộc bỏ phiếu đã có kết quả."))
        return redirect("voting:detail", vote_pk=vote.pk)
    messages.success(request, _("Đã gửi phần giải mã; chờ những người giữ khóa còn lại."))
    return redirect("voting:trustee", vote_pk=vote.pk)
