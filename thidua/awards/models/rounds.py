"""Nomination rounds: who a deciding level proposes for which award in a year, on which
grounds, and what was decided.

A round moves draft → deliberated → submitted → decided (``awards.workflow``), each move kept in
``core.Transition``. The deliberation is held by secret ballot (the round points at its vote,
whose final result fills the fields below) or, for older years, entered from the minutes: its
date, who was summoned and present, and each candidate's approvals.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.awards.models.subject import SubjectRecord, one_subject
from thidua.orgs.models import ClusterTerm, Unit
from thidua.voting.models import Vote


class RoundLevel(models.TextChoices):
    CLUSTER = "cluster", _("Cụm thi đua đề nghị Ban Tổ chức Trung ương")
    BOARD = "board", _("Ban tổ chức xét cho cán bộ, đơn vị thuộc ban")
    COUNCIL = "council", _("Hội đồng thi đua, khen thưởng của Ban")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Đang lập danh sách")
    DELIBERATED = "deliberated", _("Đã bình xét")
    SUBMITTED = "submitted", _("Đã trình")
    DECIDED = "decided", _("Đã quyết định")


class NominationRound(models.Model):
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    level = models.CharField(_("cấp xét"), max_length=20, choices=RoundLevel.choices)
    term = models.ForeignKey(
        ClusterTerm,
        verbose_name=_("cụm thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination_rounds",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("ban tổ chức"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination_rounds",
    )
    title = models.CharField(_("tên đợt xét"), max_length=300)
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    # The deliberation, as the minutes record it or as the round's vote counted it.
    deliberated_on = models.DateField(_("ngày họp bình xét"), null=True, blank=True)
    summoned = models.PositiveIntegerField(_("số được triệu tập"), null=True, blank=True)
    present = models.PositiveIntegerField(_("số có mặt"), null=True, blank=True)
    minutes_note = models.TextField(_("ghi chú biên bản"), blank=True)
    # The secret ballot that deliberates the round, when it is held through the voting app; a
    # round without one keeps the result entered from the minutes (older years).
    vote = models.OneToOneField(
        Vote,
        verbose_name=_("cuộc bỏ phiếu bình xét"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination_round",
    )
    submitted_on = models.DateField(_("ngày trình"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "level", "id"]
        verbose_name = _("đợt xét khen thưởng")
        verbose_name_plural = _("đợt xét khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="cluster") & Q(term__isnull=False) & Q(unit__isnull=True))
                | (Q(level="board") & Q(unit__isnull=False) & Q(term__isnull=True))
                | (Q(level="council") & Q(term__isnull=True) & Q(unit__isnull=True)),
                name="round_scope_matches_level",
            ),
            models.CheckConstraint(
                condition=Q(present__isnull=True)
                | Q(summoned__isnull=True)
                | Q(present__lte=models.F("summoned")),
                name="round_present_within_summoned",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CandidateSource(models.TextChoices):
    RANKING = "ranking", _("Kết quả xếp hạng của cụm")
    REGISTRATION = "registration", _("Danh sách đăng ký thi đua")
    RECORDS = "records", _("Hồ sơ thành tích")
    ADDED = "added", _("Thêm vào đợt xét")


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NOT_ELIGIBLE = "not_eligible", _("Chưa đủ điều kiện")
    CANNOT_TELL = "cannot_tell", _("Chưa đủ dữ kiện để xét")


class Candidate(SubjectRecord):
    round = models.ForeignKey(
        NominationRound,
        verbose_name=_("đợt xét"),
        on_delete=models.CASCADE,
        related_name="candidates",
    )
    award = models.CharField(_("danh hiệu, hình thức khen"), max_length=60)
    source = models.CharField(_("nguồn"), max_length=20, choices=CandidateSource.choices)
    rank = models.PositiveIntegerField(_("thứ hạng trong cụm"), null=True, blank=True)
    # The engine's verdict when the candidate was last judged: outcome and its lines, kept as
    # data (message ids and parameters) so a page shows it in the reader's language.
    verdict = models.CharField(_("kết quả xét điều kiện"), max_length=20, choices=Verdict.choices)
    explanation = models.JSONField(_("giải thích"), default=list)
    judged_on = models.DateField(_("ngày xét"))
    # An ineligible candidate stays on the list only with a written reason, shown to the council.
    kept_reason = models.TextField(_("lý do vẫn đề nghị"), blank=True)
    approvals = models.PositiveIntegerField(_("số phiếu đồng ý"), null=True, blank=True)
    proposed = models.BooleanField(_("đề nghị"), default=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["round", "position", "id"]
        verbose_name = _("người, tập thể được xét")
        verbose_name_plural = _("người, tập thể được xét")
        constraints = [
            one_subject("candidate_has_subject"),
            models.UniqueConstraint(
                fields=["round", "person", "unit", "award"],
                name="candidate_once_per_award",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_name}: {self.award}"


class Decision(models.Model):
    """The deciding level's decision on a round: its number, date and signer. The awardees are
    the registry's grants that name it."""

    round = models.OneToOneField(
        NominationRound,
        verbose_name=_("đợt xét"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    number = models.CharField(_("số quyết định"), max_length=60)
    decided_on = models.DateField(_("ngày quyết định"))
    issuer = models.CharField(_("cơ quan quyết định"), max_length=200)
    signer = models.CharField(_("người ký"), max_length=200)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_on", "id"]
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")

    def __str__(self) -> str:
        return f"{self.number} ({self.decided_on})"
