"""An electronic vote's keys and tally.

The trustees each make a part of the key in their own browser (or with ``vote_trustee`` on
their own machine) and send only its public part with a proof they know the secret; the vote's
public key is the sum of the parts, so no one, the server included, can open a ballot. When the
vote is closed, each trustee decrypts the sum of EVERY accepted ballot, never anything else: the
server checks each partial decryption against the tally it computes itself from the whole
ballot box, so a partial decryption of a chosen subset of ballots does not verify and is refused.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError
from thidua.voting import access, protocol
from thidua.voting.engine.layout import ballot_layout, counts_by_candidate
from thidua.voting.engine.result import Turnout
from thidua.voting.models import Ballot, Count, Trustee, Vote, VoteMode, VoteStatus
from thidua.voting.services.moves import vote_move
from thidua.voting.services.results import result_store
from thidua.voting.services.setup import vote_snapshot


def questions_of(vote: Vote) -> list[protocol.Question]:
    return [
        protocol.Question(options=q.options, min=q.min, max=q.max)
        for q in ballot_layout(vote.kind, vote.candidates.count(), vote.seats)
    ]


def _electronic(vote: Vote) -> None:
    if vote.mode != VoteMode.ELECTRONIC:
        raise DomainError(_("Đây là cuộc bỏ phiếu giấy."))


def vote_keys_start(*, actor: User, vote: Vote) -> Vote:
    """Fix the roll and the ballot, and ask the trustees for their key parts."""
    access.require(access.may_organise(actor, vote))
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        _electronic(vote)
        before = vote_snapshot(vote)
        vote_move(vote, VoteStatus.KEYS, actor=actor, action="vote.keys_start", before=before)
    return vote


def _trustee_step(
    actor: User, vote: Vote, status: VoteStatus, wrong_status: str
) -> tuple[Vote, Trustee]:
    """The vote locked (a trustee's step is serialised with the organiser's moves) and the
    caller's line among its trustees; refused to anyone who is not a trustee of the vote, then
    outside the one status at which the step is taken (``wrong_status`` says why)."""
    vote = Vote.objects.select_for_update().get(pk=vote.pk)
    trustee = Trustee.objects.filter(vote=vote, user=actor).first()
    if trustee is None:
        raise access.forbidden()
    if vote.status != status:
        raise DomainError(wrong_status)
    return vote, trustee


def trustee_key_submit(*, actor: User, vote: Vote, key: object) -> Trustee:
    """A trustee sends the public part of their key and its proof (never the secret)."""
    with transaction.atomic():
        vote, trustee = _trustee_step(
            actor, vote, VoteStatus.KEYS, _("Cuộc bỏ phiếu không ở bước tạo khóa.")
        )
        if trustee.public_key is not None:
            raise DomainError(_("Anh/chị đã gửi khóa cho cuộc bỏ phiếu này."))
        try:
            parsed = protocol.TrusteeKey.from_json(key)
        except protocol.ProtocolError as bad:
            raise DomainError(_("Khóa gửi lên không đúng định dạng.")) from bad
        if not protocol.trustee_key_verify(parsed, vote.context):
            raise DomainError(_("Chứng minh của khóa không đúng: khóa bị từ chối."))
        # A copy of another trustee's part (its proof verifies too) would hand that trustee
        # the whole key: the sum's secret would be a multiple of their own.
        sent = [t.public_key for t in vote.trustees.exclude(pk=trustee.pk) if t.public_key]
        if any(protocol.TrusteeKey.from_json(k).public == parsed.public for k in sent):
            raise DomainError(_("Khóa này trùng với khóa của một người giữ khóa khác: bị từ chối."))
        trustee.public_key = parsed.to_json()
        trustee.key_at = timezone.now()
        trustee.save(update_fields=["public_key", "key_at"])
        audit_record(
            actor=actor,
            action="vote.trustee_key",
            obj=vote,
            before=None,
            after={"trustee": trustee.position},
        )
    return trustee


def vote_open(*, actor: User, vote: Vote) -> Vote:
    access.require(access.may_organise(actor, vote))
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        _electronic(vote)
        trustees = list(vote.trustees.all())
        missing = [t for t in trustees if t.public_key is None]
        if missing:
            raise DomainError(_("Còn %(n)s người giữ khóa chưa gửi khóa.") % {"n": len(missing)})
        before = vote_snapshot(vote)
        keys = [protocol.TrusteeKey.from_json(t.public_key) for t in trustees]
        vote.public_key = protocol.public_key_combine(keys).hex()
        vote.opens_at = vote.opens_at or timezone.now()
        vote_move(vote, VoteStatus.OPEN, actor=actor, action="vote.open", before=before)
    return vote


def vote_close(*, actor: User, vote: Vote) -> Vote:
    access.require(access.may_organise(actor, vote))
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        before = vote_snapshot(vote)
        vote.closes_at = min(vote.closes_at or timezone.now(), timezone.now())
        vote.present = vote.ballots.count()
        vote_move(vote, VoteStatus.CLOSED, actor=actor, action="vote.close", before=before)
    return vote


def ballots_of(vote: Vote) -> list[protocol.Ballot]:
    return [protocol.Ballot.from_json(c) for c in vote.ballots.values_list("content", flat=True)]


def encrypted_tally(vote: Vote) -> protocol.EncryptedTally:
    """The sum of every accepted ballot: the only thing the trustees ever decrypt."""
    return protocol.tally_encrypted(ballots_of(vote), questions_of(vote))


def electronic_turnout(vote: Vote) -> Turnout:
    cast = Ballot.objects.filter(vote=vote).count()
    return Turnout(roll=vote.roll.count(), present=cast, cast=cast, valid=cast)


def partial_submit(*, actor: User, vote: Vote, partial: object) -> Vote:
    """A trustee's decryption of the whole closed ballot box; the last one gives the count."""
    with transaction.atomic():
        vote, trustee = _trustee_step(
            actor,
            vote,
            VoteStatus.CLOSED,
            _("Chỉ giải mã được tổng phiếu của cuộc bỏ phiếu đã kết thúc."),
        )
        if trustee.partial is not None:
            raise DomainError(_("Anh/chị đã gửi phần giải mã của mình."))
        try:
            parsed = protocol.PartialDecryption.from_json(partial)
        except protocol.ProtocolError as bad:
            raise DomainError(_("Phần giải mã không đúng định dạng.")) from bad
        tally = encrypted_tally(vote)
        key = protocol.TrusteeKey.from_json(trustee.public_key)
        if not protocol.partial_verify(key, tally, parsed, vote.context):
            raise DomainError(
                _(
                    "Phần giải mã không khớp với tổng của toàn bộ phiếu đã nhận: bị từ chối. "
                    "Chỉ tổng của mọi lá phiếu mới được giải mã."
                )
            )
        trustee.partial = parsed.to_json()
        trustee.partial_at = timezone.now()
        trustee.save(update_fields=["partial", "partial_at"])
        audit_record(
            actor=actor,
            action="vote.trustee_decrypt",
            obj=vote,
            before=None,
            after={"trustee": trustee.position},
        )
        trustees = list(vote.trustees.order_by("position"))
        if all(t.partial is not None for t in trustees):
            _count(vote, tally, trustees, actor)
    return vote


def _count(
    vote: Vote, tally: protocol.EncryptedTally, trustees: list[Trustee], actor: User
) -> None:
    partials = [protocol.PartialDecryption.from_json(t.partial) for t in trustees]
    turnout = electronic_turnout(vote)
    answers = protocol.tally_decrypt(tally, partials, max_count=turnout.cast)
    candidates = list(vote.candidates.order_by("position"))
    Count.objects.bulk_create(
        Count(vote=vote, candidate=candidates[i], option=option, count=n)
        for i, figures in enumerate(counts_by_candidate(vote.kind, answers))
        for option, n in enumerate(figures)
    )
    before = vote_snapshot(vote)
    result_store(vote, turnout)
    vote_move(vote, VoteStatus.FINAL, actor=actor, action="vote.finalise", before=before)
