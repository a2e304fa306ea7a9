"""Casting an electronic ballot: once per voter, from their own account or with a one-time code
handed out in the room. The ballot arrives encrypted with every proof; one that does not verify,
or that repeats a ballot already in the box, is refused. The voter's line on the roll is locked
while the ballot is stored, so two casts at once cannot both pass."""

from __future__ import annotations

import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError
from thidua.voting import access, protocol
from thidua.voting.models import (
    Ballot,
    CiphertextSeen,
    OneTimeCode,
    Vote,
    VoterEntry,
    VoteStatus,
)
from thidua.voting.services.ceremony import questions_of

# Letters and digits that cannot be mistaken for one another when read aloud or typed.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


def code_hash(code: str) -> str:
    normalised = code.strip().upper().replace("-", "").replace(" ", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def codes_issue(*, actor: User, vote: Vote) -> list[tuple[str, str]]:
    """A one-time code for each voter without an account who has none yet: (name, code). The
    codes are shown once, to be printed and handed out; only their hashes are kept."""
    access.require(access.may_organise(actor, vote))
    issued: list[tuple[str, str]] = []
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status not in (VoteStatus.KEYS, VoteStatus.OPEN):
            raise DomainError(_("Chỉ phát mã khi cuộc bỏ phiếu đã chốt danh sách cử tri."))
        for voter in vote.roll.filter(user__isnull=True, code__isnull=True, voted_at__isnull=True):
            code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
            OneTimeCode.objects.create(voter=voter, code_hash=code_hash(code))
            issued.append((voter.name, f"{code[:5]}-{code[5:]}"))
        audit_record(
            actor=actor,
            action="vote.codes_issue",
            obj=vote,
            before=None,
            after={"codes": len(issued)},
        )
    return issued


def _voter_for(vote: Vote, actor: User | None, code: str | None) -> VoterEntry:
    """The caller's line on the roll, locked."""
    lines = VoterEntry.objects.select_for_update().filter(vote=vote)
    if code:
        found = (
            OneTimeCode.objects.select_for_update()
            .filter(voter__vote=vote, code_hash=code_hash(code))
            .first()
        )
        if found is None or found.used_at is not None:
            raise DomainError(_("Mã bỏ phiếu không đúng hoặc đã được dùng."))
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
        return lines.get(pk=found.voter_id)
    if actor is None:
        raise access.forbidden()
    voter = lines.filter(user=actor).first()
    if voter is None:
        raise DomainError(_("Anh/chị không có tên trong danh sách cử tri của cuộc bỏ phiếu này."))
    return voter


def ballot_cast(*, actor: User | None, vote: Vote, ballot: object, code: str | None = None) -> str:
    """Store one encrypted ballot; return its tracker (the voter's receipt)."""
    try:
        with transaction.atomic():
            vote = Vote.objects.select_for_update(of=("self",)).get(pk=vote.pk)
            now = timezone.now()
            if vote.status != VoteStatus.OPEN or (vote.closes_at and now >= vote.closes_at):
                raise DomainError(_("Cuộc bỏ phiếu không đang mở."))
            if vote.opens_at and now < vote.opens_at:
                raise DomainError(_("Chưa đến giờ bỏ phiếu."))
            voter = _voter_for(vote, actor, code)
            if voter.voted_at is not None:
                raise DomainError(_("Anh/chị đã bỏ phiếu; mỗi người chỉ bỏ một lần."))
            try:
                parsed = protocol.Ballot.from_json(ballot)
            except protocol.ProtocolError as bad:
                raise DomainError(_("Lá phiếu không đúng định dạng.")) from bad
            public_key = bytes.fromhex(vote.public_key)
            if not protocol.ballot_verify(public_key, parsed, questions_of(vote), vote.context):
                raise DomainError(_("Lá phiếu không qua được kiểm tra chứng minh: bị từ chối."))
            content = parsed.to_json()
            tracker = protocol.tracker_of(content)
            alphas = [alpha.hex() for alpha in parsed.alphas()]
            copied = Ballot.objects.filter(vote=vote, tracker=tracker).exists() or (
                len(set(alphas)) != len(alphas)
                or CiphertextSeen.objects.filter(vote=vote, alpha__in=alphas).exists()
            )
            if copied:
                raise DomainError(_("Lá phiếu này đã có trong hòm phiếu: không nhận bản sao."))
            CiphertextSeen.objects.bulk_create(CiphertextSeen(vote=vote, alpha=a) for a in alphas)
            Ballot.objects.create(vote=vote, voter=voter, tracker=tracker, content=content)
            voter.voted_at = now
            voter.save(update_fields=["voted_at"])
            # The audit says that someone on the roll voted, never what: there is nothing else.
            audit_record(
                actor=actor, action="vote.cast", obj=vote, before=None, after={"voter": voter.pk}
            )
    except IntegrityError as clash:
        raise DomainError(_("Anh/chị đã bỏ phiếu; mỗi người chỉ bỏ một lần.")) from clash
    return tracker
