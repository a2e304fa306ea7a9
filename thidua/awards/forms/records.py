"""The forms of the achievement records: a year, an initiative, a discipline and its end, a
pending matter and its close, a grant from the archive, and the Excel import's upload."""

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.models import InitiativeLevel, PendingKind, Rating
from thidua.awards.selectors.judging import catalogue
from thidua.core.forms import DATE_FORMATS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, widget=DATE_WIDGET, input_formats=DATE_FORMATS, required=required
    )


def _year() -> forms.IntegerField:
    return forms.IntegerField(label=_("Năm"), min_value=1945, max_value=2100)


def _count(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, required=False)


class YearForm(forms.Form):
    year = _year()
    rating = forms.ChoiceField(
        label=_("Xếp loại"), choices=[("", _("Chưa xếp loại")), *Rating.choices], required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class UnitYearForm(YearForm):
    members = _count(_("Số thành viên"))
    members_completed = _count(_("Số hoàn thành nhiệm vụ"))
    members_ldtt = _count(_("Số Lao động tiên tiến"))
    members_cstdcs = _count(_("Số Chiến sĩ thi đua cơ sở"))
    leads_cluster = forms.NullBooleanField(
        label=_("Dẫn đầu cụm thi đua"),
        widget=forms.Select(
            choices=[("unknown", _("Chưa rõ")), ("true", _("Có")), ("false", _("Không"))]
        ),
        required=False,
    )


class InitiativeForm(forms.Form):
    year = _year()
    title = forms.CharField(label=_("Tên sáng kiến, đề tài"), max_length=400)
    level = forms.ChoiceField(label=_("Cấp công nhận"), choices=InitiativeLevel.choices)
    decision = forms.CharField(label=_("Quyết định công nhận"), max_length=120, required=False)
    decided_on = _date(_("Ngày quyết định"), required=False)


class DisciplineForm(forms.Form):
    kind = forms.CharField(label=_("Hình thức kỷ luật"), max_length=120)
    start = _date(_("Từ ngày"))
    end = _date(_("Đến ngày"), required=False)
    decision = forms.CharField(label=_("Quyết định"), max_length=120, required=False)


class DisciplineEndForm(forms.Form):
    end = _date(_("Ngày chấp hành xong"), required=False)


class PendingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại vụ việc"), choices=PendingKind.choices)
    opened_on = _date(_("Từ ngày"))
    note = forms.CharField(label=_("Ghi chú"), max_length=300, required=False)


class PendingCloseForm(forms.Form):
    closed_on = _date(_("Ngày kết thúc"))


class GrantForm(forms.Form):
    award = forms.ChoiceField(label=_("Danh hiệu, hình thức khen thưởng"))
    year = _year()
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decided_on = _date(_("Ngày quyết định"))
    issuer = forms.CharField(label=_("Cơ quan quyết định"), max_length=200)

    def __init__(self, *args: Any, subject: SubjectKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["award"])
        field.choices = [(a.code, a.name) for a in catalogue() if a.goes_to(subject)]


class ImportForm(forms.Form):
    year = _year()
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year - 1})
        super().__init__(*args, **kwargs)
