"""The form the secretariat opens a reporting period with."""

from django import forms
from django.utils.translation import gettext_lazy

from thidua.core.forms import DATE_FORMATS, DATETIME_FORMATS
from thidua.indicators.models import PeriodKind


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Năm"), min_value=2000, max_value=2100)
    kind = forms.ChoiceField(label=gettext_lazy("Loại kỳ"), choices=PeriodKind.choices)
    title = forms.CharField(label=gettext_lazy("Tên kỳ báo cáo"), max_length=200)
    as_of = forms.DateField(
        label=gettext_lazy("Số liệu tính đến ngày"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    deadline = forms.DateTimeField(
        label=gettext_lazy("Hạn nộp"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
