"""The form the secretariat opens a reporting period with."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from thidua.core.forms import DATE_FORMATS, DATETIME_FORMATS
from thidua.indicators.models import PeriodKind, PeriodScope
from thidua.orgs.models import ClusterTerm, Sector, Unit


class TermChoiceField(forms.ModelChoiceField[ClusterTerm]):
    def label_from_instance(self, obj: ClusterTerm) -> str:
        return str(
            gettext_lazy("Cụm thi đua số %(n)s năm %(year)s")
            % {"n": obj.cluster.number, "year": obj.year}
        )


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
    scope = forms.ChoiceField(
        label=gettext_lazy("Phạm vi"),
        choices=PeriodScope.choices,
        initial=PeriodScope.SECTOR,
        required=False,
    )
    term = TermChoiceField(
        label=gettext_lazy("Cụm thi đua (khi phạm vi là một cụm)"),
        queryset=ClusterTerm.objects.none(),
        required=False,
    )
    department = forms.ModelChoiceField(
        label=gettext_lazy("Vụ theo dõi (khi phạm vi là các cụm một vụ theo dõi)"),
        queryset=Unit.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The terms of last, this and next year: a period is opened for the year under way.
        year = timezone.localdate().year
        terms = ClusterTerm.objects.filter(
            cluster__sector=Sector.ORGANIZATION, year__range=(year - 1, year + 1)
        ).select_related("cluster")
        self.fields["term"].queryset = terms.order_by("-year", "cluster__number")  # type: ignore[attr-defined]
        self.fields["department"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            pk__in=ClusterTerm.objects.filter(supervising_department__isnull=False).values(
                "supervising_department_id"
            )
        )

    def clean(self) -> dict[str, Any]:
        """Both selects are on the page: keep only the target the chosen scope uses."""
        data = super().clean() or {}
        scope = data["scope"] = data.get("scope") or PeriodScope.SECTOR
        if scope != PeriodScope.CLUSTER:
            data["term"] = None
        if scope != PeriodScope.DEPARTMENT:
            data["department"] = None
        return data
