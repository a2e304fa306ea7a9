"""Casting an electronic ballot, and the public ballot list where a voter finds their receipt.

The ballot page's choice boxes have no ``name``: a form sent without the page's script can
never carry a choice. The script encrypts the choices with the vote's public key in the
browser and sends only the ballot (ciphertexts and proofs); the answer is its tracker. A
delegate without an account types the one-time code handed out in the room; the code travels
in the form's body only, never in an address (addresses end up in logs and histories).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.core.errors import DomainError, PermissionDeniedError
from thidua.voting import access, selectors, services
from thidua.voting.forms import CodeForm
from thidua.voting.models import Vote, VoteKind, VoteMode, VoteStatus
from thidua.voting.services.ceremony import questions_of
from thidua.voting.views.common import code_usable, kind_options, on_roll, public_vote

MAX_BALLOT_BYTES = 2_000_000


def ballot_rows(vote: Vote) -> list[dict[str, Any]]:
    """The ballot's lines: for each candidate, its boxes as (question, option, label); the
    radio boxes of one question exclude each other through the script (they have no name)."""
    candidates = list(vote.candidates.order_by("position"))
    options = kind_options(vote.kind)
    rows = []
    for i, candidate in enumerate(candidates):
        if vote.kind == VoteKind.APPROVAL:
            boxes = [(i, 0, _("Đồng ý"))]
        elif vote.kind == VoteKind.ELECTION:
            boxes = [(0, i, _("Bầu"))]
        else:
            boxes = [
                (i if vote.kind == VoteKind.CONFIDENCE else 0, o, options[o])
                for o in range(len(options))
            ]
        rows.append({"candidate": candidate, "boxes": boxes})
    return rows


def _ballot_context(vote: Vote) -> dict[str, Any]:
    return {
        "vote": vote,
        "rows": ballot_rows(vote),
        "radio": vote.kind in (VoteKind.CONFIDENCE, VoteKind.MOTION),
        "questions": json.dumps([q.to_json() for q in questions_of(vote)]),
        "kinds": VoteKind,
    }


def _ballot_json(request: AuthenticatedHttpRequest) -> object:
    raw = request.POST.get("ballot", "")
    if not raw or len(raw) > MAX_BALLOT_BYTES:
        raise DomainError(_("Không nhận được lá phiếu đã mã hóa. Trang bỏ phiếu cần JavaScript."))
    try:
        return json.loads(raw)
    except ValueError as bad:
        raise DomainError(_("Lá phiếu không đúng định dạng.")) from bad


def _electronic_voter(request: AuthenticatedHttpRequest, vote_pk: int) -> Vote:
    """The vote, for someone on its roll: anyone else, the organiser included, is refused."""
    vote = selectors.vote_get_for(user=request.user, pk=vote_pk)
    if vote.mode != VoteMode.ELECTRONIC or not on_roll(request.user, vote):
        raise PermissionDeniedError(
            _("Anh/chị không có tên trong danh sách cử tri của cuộc bỏ phiếu này.")
        )
    return vote


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def ballot_page(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    vote = _electronic_voter(request, vote_pk)
    receipt = selectors.receipt_for(user=request.user, vote=vote)
    if receipt is not None:
        return render(request, "voting/receipt.html", {"vote": vote, "tracker": receipt})
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        try:
            tracker = services.ballot_cast(
                actor=request.user, vote=vote, ballot=_ballot_json(request)
            )
        except PermissionDeniedError:
            raise
        except DomainError as error:
            errors, status = [error.message], 400
        else:
            messages.success(request, _("Lá phiếu của anh/chị đã vào hòm phiếu."))
            return render(request, "voting/receipt.html", {"vote": vote, "tracker": tracker})
    context = _ballot_context(vote) | {"errors": errors, "open": vote.status == VoteStatus.OPEN}
    return render(request, "voting/ballot.html", context, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def code_page(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    """A delegate's one-time code, then the ballot for it (the code kept in the form)."""
    vote = public_vote(request.user, vote_pk)
    is_open = vote.status == VoteStatus.OPEN
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "GET" or not form.is_valid() or not is_open:
        status = 400 if request.method == "POST" else 200
        return render(
            request,
            "voting/code.html",
            {"vote": vote, "form": form, "open": is_open},
            status=status,
        )
    code = form.cleaned_data["code"]
    if "ballot" not in request.POST:
        if not code_usable(vote, code):
            form.add_error("code", _("Mã bỏ phiếu không đúng hoặc đã được dùng."))
            return render(
                request, "voting/code.html", {"vote": vote, "form": form, "open": True}, status=400
            )
        context = _ballot_context(vote) | {"errors": [], "open": True, "code": code}
        return render(request, "voting/ballot.html", context)
    try:
        tracker = services.ballot_cast(
            actor=request.user, vote=vote, ballot=_ballot_json(request), code=code
        )
    except DomainError as error:
        context = _ballot_context(vote) | {"errors": [error.message], "open": True, "code": code}
        return render(request, "voting/ballot.html", context, status=400)
    return render(request, "voting/receipt.html", {"vote": vote, "tracker": tracker})


@require_GET
@login_required
def ballot_box(request: AuthenticatedHttpRequest, vote_pk: int) -> HttpResponse:
    """The public list of trackers and times (never who cast which); the user's own receipt
    stands out, and a search finds a tracker by its first characters."""
    vote = public_vote(request.user, vote_pk)
    wanted = "".join(
        ch for ch in request.GET.get("tim", "").strip().lower() if ch in "0123456789abcdef"
    )
    ballots = selectors.ballot_list(vote)
    if wanted:
        ballots = ballots.filter(tracker__startswith=wanted)
    context = {
        "vote": vote,
        "ballots": ballots,
        "total": selectors.ballot_list(vote).count(),
        "wanted": wanted,
        "receipt": selectors.receipt_for(user=request.user, vote=vote),
        "readable": access.may_read(request.user, vote),
    }
    return render(request, "voting/ballot_box.html", context)
