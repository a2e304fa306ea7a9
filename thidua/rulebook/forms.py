"""The secretariat's parameter form and the form that tries a rule on a case."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.forms import DATE_FORMATS
from thidua.rulebook.engine.facts import FactKind
from thidua.rulebook.engine.registry import Evaluator
from thidua.rulebook.models import Instrument

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ParameterForm(forms.Form):
    value = forms.CharField(
        label=gettext_lazy("Giá trị mới"),
        max_length=200,
        help_text=gettext_lazy(
            "Tỷ lệ: 0,20 hoặc 2/3; số tiền: 2.340.000; đúng/sai: có hoặc không."
        ),
    )
    valid_from = forms.DateField(
        label=gettext_lazy("Áp dụng từ ngày"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    instrument = forms.ChoiceField(label=gettext_lazy("Văn bản làm căn cứ"))
    citation_article = forms.CharField(
        label=gettext_lazy("Điều, khoản, điểm (hoặc mục) làm căn cứ"), max_length=200
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do thay đổi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, instruments: list[Instrument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["instrument"])
        field.choices = [(i.number, f"{i.short_name} — {i.title}") for i in instruments]


class TryForm(forms.Form):
    """The rule to try, the date to judge on, and one whole-number box per fact of that rule.
    The boxes take any integer: the engine itself refuses a negative or inconsistent fact,
    with the same words as the API."""

    rule = forms.ChoiceField(label=gettext_lazy("Quy tắc"))
    on = forms.DateField(
        label=gettext_lazy("Ngày xét"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )

    def __init__(
        self, *args: Any, evaluators: list[Evaluator], chosen: Evaluator, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        rule = cast(forms.ChoiceField, self.fields["rule"])
        rule.choices = [(e.name, _(e.title)) for e in evaluators]
        for fact in chosen.facts:
            if fact.kind == FactKind.JSON:
                # A structured fact (an achievement history): JSON text, read by the rule.
                self.fields[f"fact_{fact.name}"] = forms.CharField(
                    label=_(fact.label),
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
            else:
                self.fields[f"fact_{fact.name}"] = forms.IntegerField(label=_(fact.label))

    def facts(self) -> dict[str, Any]:
        return {
            name.removeprefix("fact_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("fact_")
        }
