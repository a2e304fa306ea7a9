"""A secret vote: its question, its candidates, its roll of voters, its counting committee and,
electronically, its trustees who hold the parts of the key.

The app is generic: it knows nothing of awards, elections or confidence votes. The app that
uses a vote keeps the link on its side (a nomination round points at its vote), and the vote
says only who organises it: a cluster's term (the cluster head), a board, or the sector
(the secretariat) when neither is set.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import ClusterTerm, Person, Unit


class VoteKind(models.TextChoices):
    APPROVAL = "approval", _("Đồng ý hoặc không đồng ý từng người (bình xét)")
    ELECTION = "election", _("Bầu, chọn không quá số người cần bầu")
    CONFIDENCE = "confidence", _("Lấy phiếu tín nhiệm (ba mức)")
    MOTION = "motion", _("Biểu quyết tán thành hay không tán thành")


class VoteMode(models.TextChoices):
    PAPER = "paper", _("Phiếu giấy, ban kiểm phiếu nhập kết quả")
    ELECTRONIC = "electronic", _("Bỏ phiếu điện tử, mã hóa trên máy người bỏ phiếu")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", _("Đang chuẩn bị")
    KEYS = "keys", _("Chờ người giữ khóa tạo khóa")
    OPEN = "open", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu, chờ kiểm phiếu")
    COUNTED = "counted", _("Đã kiểm phiếu, chờ ban kiểm phiếu xác nhận")
    FINAL = "final", _("Đã có kết quả")


class Vote(models.Model):
    # The vote's identity in every proof and in its record: a ballot made for one vote does not
    # verify in another, even in another installation.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("tên cuộc bỏ phiếu"), max_length=300)
    kind = models.CharField(_("loại phiếu"), max_length=20, choices=VoteKind.choices)
    mode = models.CharField(_("hình thức"), max_length=20, choices=VoteMode.choices)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=VoteStatus.choices, default=VoteStatus.DRAFT
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày họp"))
    # For an election: how many are to be elected (a ballot chooses at most this many).
    seats = models.PositiveSmallIntegerField(_("số người cần bầu"), null=True, blank=True)
    organiser_term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("cụm thi đua tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="votes",
    )
    organiser_unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="votes",
    )
    # The threshold: which rules of the rule book apply (e.g. "deliberation", "council_vote",
    # "officer_election", "confidence_vote"), read on the meeting's day. The rule as applied is
    # kept with the result, so a later change of the rule book does not rewrite an old result.
    rule_prefix = models.CharField(_("quy định áp dụng"), max_length=60)
    summoned = models.PositiveIntegerField(_("số được triệu tập"), null=True, blank=True)
    present = models.PositiveIntegerField(_("số có mặt"), null=True, blank=True)
    opens_at = models.DateTimeField(_("mở bỏ phiếu lúc"), null=True, blank=True)
    closes_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)
    public_key = models.CharField(_("khóa công khai"), max_length=64, blank=True)
    result = models.JSONField(_("kết quả"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("cuộc bỏ phiếu")
        verbose_name_plural = _("cuộc bỏ phiếu")
        constraints = [
            models.CheckConstraint(
                condition=Q(organiser_term__isnull=True) | Q(organiser_unit__isnull=True),
                name="vote_one_organiser",
            ),
            models.CheckConstraint(
                condition=~Q(kind="election") | Q(seats__gte=1),
                name="vote_election_has_seats",
            ),
            models.CheckConstraint(
                condition=Q(present__isnull=True)
                | Q(summoned__isnull=True)
                | Q(present__lte=models.F("summoned")),
                name="vote_present_within_summoned",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def context(self) -> str:
        """The string every proof of this vote is bound to."""
        return f"thidua/vote/{self.uid}"


class VoteCandidate(models.Model):
    """One line of the ballot: a person or a unit to approve, elect or rate, or the motion."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="candidates")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("tên"), max_length=300)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["vote", "position"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "position"], name="vote_candidate_position")
        ]

    def __str__(self) -> str:
        return self.name


class VoterEntry(models.Model):
    """A line of the roll: who may vote. A delegate without an account votes with a one-time
    code handed out in the room."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="roll")
    name = models.CharField(_("họ tên"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set in the same transaction as the ballot is stored, under a row lock: one ballot each.
    voted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["vote", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "user"], condition=Q(user__isnull=False), name="voter_once_on_roll"
            )
        ]

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    """A member of the counting committee (ban kiểm phiếu)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_chair = models.BooleanField(_("trưởng ban"), default=False)

    class Meta:
        ordering = ["vote", "-is_chair", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "user"], name="committee_member_once")
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.user_id}"


class Trustee(models.Model):
    """A holder of one part of an electronic vote's key. The part itself never reaches the
    server: the trustee keeps it in a downloaded key file; the server keeps the public part
    with its proof, and later the trustee's decryption of the whole ballot box."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="trustees")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    public_key = models.JSONField(null=True, blank=True)
    key_at = models.DateTimeField(null=True, blank=True)
    partial = models.JSONField(null=True, blank=True)
    partial_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["vote", "position"]
        constraints = [
            models.UniqueConstraint(fields=["vote", "user"], name="trustee_once"),
            models.UniqueConstraint(fields=["vote", "position"], name="trustee_position"),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}/{self.position}"
