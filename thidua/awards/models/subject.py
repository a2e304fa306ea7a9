"""What every record of the awards is about: one person or one unit, never both, never neither.

An individual's record names the person and, where known, the unit they worked in that year
(so a board sees its own staff's records); a collective's names the unit only.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import Person, Unit


class SubjectRecord(models.Model):
    person = models.ForeignKey(
        Person,
        verbose_name=_("cá nhân"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Với cá nhân: đơn vị công tác trong năm; với tập thể: chính tập thể đó."),
    )

    class Meta:
        abstract = True

    @property
    def is_individual(self) -> bool:
        return self.person_id is not None

    @property
    def subject_name(self) -> str:
        return str(self.person if self.person_id else self.unit)


def one_subject(name: str) -> models.CheckConstraint:
    """An individual's record may name their unit; a collective's names no person."""
    return models.CheckConstraint(
        condition=Q(person__isnull=False) | Q(unit__isnull=False), name=name
    )
