"""Secret votes through the API, as the pages run them: set a vote up, and then either count its
paper ballots (the counting committee enters the minutes' figures, two members confirm) or run
it electronically (trustees send their key parts, voters cast encrypted ballots, trustees
decrypt the sum of the whole closed box).

A vote the user may not read is not found (404), its existence untold; a step the user may not
take on a vote they read is refused (403); a step the stored state refuses is a 400 with its
reason and, where it has places, every problem under its field. The result is given out only
once the vote is final, to everyone alike.

Delegates without an account vote with a one-time code handed out in the room. The code is
their credential: ``POST /votes/{id}/cast`` is the one route that answers a caller without an
account, and only when the body carries a code issued for that vote (any other anonymous call
is a 401, whether the vote exists or not). Wrong codes count against the caller's address like
wrong passwords (the sign-in lockout), besides the API's rate limits.
"""

import json
from typing import Any

from django.db.models import Count as Counted
from django.db.models import Q
from django.http import HttpRequest
from django.http.request import RawPostDataException
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from thidua.accounts import lockout
from thidua.accounts.http import AuthenticatedHttpRequest
from thidua.accounts.models import User
from thidua.api.auth import API_AUTH
from thidua.api.schemas.errors import READ_REFUSALS, WRITE_REFUSALS
from thidua.api.schemas.votes import (
    BallotOut,
    BallotPageOut,
    CastIn,
    CodeOut,
    CodesOut,
    PageQuery,
    PaperCountIn,
    PartialIn,
    ReceiptOut,
    TrusteeKeyIn,
    VoteDetailOut,
    VoteIn,
    VoteOut,
    VotesQuery,
)
from thidua.api.votes.reads import vote_detail, vote_fields
from thidua.api.votes.spec import vote_spec
from thidua.core.errors import NotFoundError, ValidationFailedError
from thidua.voting import access, selectors, services
from thidua.voting.models import OneTimeCode, Vote, VoterEntry, VoteStatus
from thidua.voting.services.casting import code_hash
from thidua.voting.services.ceremony import encrypted_tally

router = Router(tags=["votes"])


def _readable(request: HttpRequest, vote_id: int) -> Vote:
    return selectors.vote_get_for(user=request.user, pk=vote_id)


@router.get("/votes", response={200: list[VoteOut], **READ_REFUSALS})
def list_votes(request: HttpRequest, params: Query[VotesQuery]) -> list[VoteOut]:
    """The votes the user may read: all to the sector's readers (secretariat, council, system
    administrators); otherwise those they organise or take part in (on the roll, the counting
    committee, a trustee)."""
    votes = list(selectors.vote_list_for(user=request.user, year=params.year, kind=params.kind))
    figures = {
        row.pop("vote"): row
        for row in VoterEntry.objects.filter(vote__in=votes)
        .values("vote")
        .annotate(roll=Counted("id"), voted=Counted("id", filter=Q(voted_at__isnull=False)))
    }
    empty = {"roll": 0, "voted": 0}
    return [VoteOut(**vote_fields(v, **figures.get(v.pk, empty))) for v in votes]


@router.get("/votes/{vote_id}", response={200: VoteDetailOut, **READ_REFUSALS})
def get_vote(request: HttpRequest, vote_id: int) -> VoteDetailOut:
    """A vote: its ballot (candidates, questions), its roll's size and how many have voted, the
    rule with its citation (and whether it is a parameter the secretariat set), the counting
    committee, the trustees' progress; the result per candidate once final, never before."""
    return vote_detail(request.user, _readable(request, vote_id))


@router.get("/votes/{vote_id}/record", response={200: dict[str, Any], **READ_REFUSALS})
def get_record(request: HttpRequest, vote_id: int) -> dict[str, Any]:
    """The election record of an electronic vote (public key, trustees' keys, every ballot with
    its proofs, the partial decryptions, the result): ``manage.py vote_verify --record FILE``
    checks it with no database."""
    return selectors.record_for(_readable(request, vote_id))


@router.get("/votes/{vote_id}/tally", response={200: dict[str, Any], **READ_REFUSALS})
def get_tally(request: HttpRequest, vote_id: int) -> dict[str, Any]:
    """The encrypted sum of every accepted ballot of a closed vote: what each trustee decrypts
    (and the only thing the server accepts a decryption of)."""
    vote = _readable(request, vote_id)
    if vote.status not in (VoteStatus.CLOSED, VoteStatus.FINAL) or vote.mode != "electronic":
        raise NotFoundError(_("Cuộc bỏ phiếu chưa kết thúc: chưa có tổng phiếu để giải mã."))
    return encrypted_tally(vote).to_json()


@router.get("/votes/{vote_id}/ballots", response={200: BallotPageOut, **READ_REFUSALS})
def get_ballots(request: HttpRequest, vote_id: int, params: Query[PageQuery]) -> BallotPageOut:
    """The public list of ballot trackers and times (never who cast which): any signed-in user
    may read it and find their receipt there."""
    vote = Vote.objects.filter(pk=vote_id).first()
    if vote is None or not access.may_see_ballot_list(request.user, vote):
        raise NotFoundError(_("Không tìm thấy cuộc bỏ phiếu."))
    ballots = selectors.ballot_list(vote)
    page = ballots[params.offset : params.offset + params.limit]
    return BallotPageOut(
        count=ballots.count(),
        limit=params.limit,
        offset=params.offset,
        results=[BallotOut(tracker=b.tracker, cast_at=b.cast_at) for b in page],
    )


@router.get("/votes/{vote_id}/receipt", response={200: ReceiptOut, **READ_REFUSALS})
def get_receipt(request: HttpRequest, vote_id: int) -> ReceiptOut:
    """The caller's own ballot tracker; 404 when they have not voted (or may not read the vote)."""
    tracker = selectors.receipt_for(user=request.user, vote=_readable(request, vote_id))
    if tracker is None:
        raise NotFoundError(_("Anh/chị chưa bỏ phiếu trong cuộc bỏ phiếu này."))
    return ReceiptOut(tracker=tracker)


@router.post("/votes", response={200: VoteDetailOut, **WRITE_REFUSALS})
def create_vote(request: AuthenticatedHttpRequest, payload: VoteIn) -> VoteDetailOut:
    """Set a vote up for a cluster's term (its head), a board (the board) or the sector (the
    secretariat): question, candidates, roll, counting committee, trustees."""
    vote = services.vote_create(actor=request.user, spec=vote_spec(payload))
    return vote_detail(request.user, vote)


@router.post("/votes/{vote_id}", response={200: VoteDetailOut, **WRITE_REFUSALS})
def update_vote(request: AuthenticatedHttpRequest, vote_id: int, payload: VoteIn) -> VoteDetailOut:
    """Change a draft vote's setup (its organiser stays the same)."""
    vote = _readable(request, vote_id)
    vote = services.vote_update(actor=request.user, vote=vote, spec=vote_spec(payload))
    return vote_detail(request.user, vote)


def _step(name: str, summary: str) -> None:
    """Register a step without a body that the organiser takes: keys-start, open, close."""
    service = {
        "keys-start": services.vote_keys_start,
        "open": services.vote_open,
        "close": services.vote_close,
    }[name]

    def step(request: AuthenticatedHttpRequest, vote_id: int) -> VoteDetailOut:
        vote = service(actor=request.user, vote=_readable(request, vote_id))
        return vote_detail(request.user, vote)

    step.__doc__ = summary
    step.__name__ = f"vote_{name.replace('-', '_')}"
    router.post(f"/votes/{{vote_id}}/{name}", response={200: VoteDetailOut, **WRITE_REFUSALS})(step)


_step("keys-start", "Fix the ballot and the roll and ask the trustees for their key parts.")
_step("open", "Open the ballot box once every trustee has sent a key part (the public key).")
_step("close", "Close the ballot box; the trustees then decrypt the sum of every ballot.")


@router.post("/votes/{vote_id}/codes", response={200: CodesOut, **WRITE_REFUSALS})
def issue_codes(request: AuthenticatedHttpRequest, vote_id: int) -> CodesOut:
    """A one-time code for each voter without an account who has none yet. The codes are in
    this answer only (the server keeps their hashes): print them and hand them out."""
    codes = services.codes_issue(actor=request.user, vote=_readable(request, vote_id))
    return CodesOut(codes=[CodeOut(name=name, code=code) for name, code in codes])


def _code_issued(vote_id: int, code: str | None) -> bool:
    return bool(code) and (
        OneTimeCode.objects.filter(voter__vote_id=vote_id, code_hash=code_hash(code or "")).exists()
    )


def code_holder(request: HttpRequest) -> str | None:
    """The last credential tried on the cast route: a one-time code in the body, issued for the
    vote in the path (used or not: a used one is then refused with its reason). A wrong code
    counts against the caller's address like a wrong password; no code at all is no credential."""
    if not lockout.is_allowed(request, None):
        raise HttpError(429, lockout.locked_message())
    if request.content_type != "application/json":
        return None
    try:
        code = json.loads(request.body).get("code")
        vote_id = int(request.resolver_match.kwargs["vote_id"])  # type: ignore[union-attr]
    except (ValueError, TypeError, AttributeError, KeyError, RawPostDataException):
        return None
    if not isinstance(code, str) or not code.strip():
        return None
    if _code_issued(vote_id, code):
        return "code holder"
    lockout.record_failure(request, None)
    return None


@router.post(
    "/votes/{vote_id}/cast",
    response={200: ReceiptOut, **WRITE_REFUSALS},
    auth=[*API_AUTH, code_holder],
)
def cast(request: HttpRequest, vote_id: int, payload: CastIn) -> ReceiptOut:
    """Cast one encrypted ballot (made by vote-protocol.js in the voter's browser, or by the
    protocol's ``ballot_encrypt``) and get its tracker. A voter with an account casts signed
    in, once; a delegate without one sends the one-time code handed out in the room, with no
    credential."""
    user = request.auth if isinstance(request.auth, User) else None  # type: ignore[attr-defined]
    if _code_issued(vote_id, payload.code):
        # The code names the vote (a delegate may be signed in with an account not on the roll).
        vote = Vote.objects.get(pk=vote_id)
    else:
        vote = _readable(request, vote_id)
    tracker = services.ballot_cast(actor=user, vote=vote, ballot=payload.ballot, code=payload.code)
    return ReceiptOut(tracker=tracker)


@router.post("/votes/{vote_id}/trustee-key", response={200: VoteDetailOut, **WRITE_REFUSALS})
def trustee_key(request: AuthenticatedHttpRequest, vote_id: int, payload: TrusteeKeyIn) -> Any:
    """A trustee's public key part with the proof they know its secret (the secret itself stays
    in their key file)."""
    vote = _readable(request, vote_id)
    services.trustee_key_submit(actor=request.user, vote=vote, key=payload.key)
    return vote_detail(request.user, Vote.objects.get(pk=vote.pk))


@router.post("/votes/{vote_id}/partial", response={200: VoteDetailOut, **WRITE_REFUSALS})
def partial(request: AuthenticatedHttpRequest, vote_id: int, payload: PartialIn) -> Any:
    """A trustee's decryption of the whole closed box (GET /votes/{id}/tally) with its proofs;
    anything else does not verify and is refused. The last one gives the result."""
    vote = _readable(request, vote_id)
    vote = services.partial_submit(actor=request.user, vote=vote, partial=payload.partial)
    return vote_detail(request.user, vote)


@router.post("/votes/{vote_id}/paper-count", response={200: VoteDetailOut, **WRITE_REFUSALS})
def paper_count(
    request: AuthenticatedHttpRequest, vote_id: int, payload: PaperCountIn
) -> VoteDetailOut:
    """The counting committee's minutes: ballots issued, received, valid, invalid, and the count
    per candidate and option. Figures that cannot be are refused, each under its field; a new
    entry withdraws the confirmations of the old one."""
    vote = _readable(request, vote_id)
    counts: dict[int, list[int]] = {}
    for line in payload.counts:
        if line.candidate_id in counts:
            raise ValidationFailedError(
                _("Số liệu kiểm phiếu không khớp."),
                {f"counts.{line.candidate_id}": [_("Một người có hai dòng số phiếu.")]},
            )
        counts[line.candidate_id] = list(line.counts)
    figures = services.PaperFigures(
        present=payload.present,
        issued=payload.issued,
        received=payload.received,
        valid=payload.valid,
        invalid=payload.invalid,
        written=payload.written,
    )
    vote = services.paper_count_enter(actor=request.user, vote=vote, figures=figures, counts=counts)
    return vote_detail(request.user, vote)


@router.post("/votes/{vote_id}/paper-confirm", response={200: VoteDetailOut, **WRITE_REFUSALS})
def paper_confirm(request: AuthenticatedHttpRequest, vote_id: int) -> VoteDetailOut:
    """A counting-committee member confirms the entered count; the second member's confirmation
    makes the result stand."""
    vote = services.paper_confirm(actor=request.user, vote=_readable(request, vote_id))
    return vote_detail(request.user, vote)
