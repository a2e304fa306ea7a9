"""Forms of the scoring pages: they only read what was typed; the services judge it."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.numbers import number_parse


class AmountField(forms.CharField):
    """A number as officials type it: "7,5" or "7.5" (``core.numbers``); empty means not marked
    yet."""

    default_error_messages = {
        "invalid": _("Phải nhập một số, ví dụ 7,5."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        text = str(value or "").strip()
        if not text:
            return None
        try:
            return number_parse(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None

    def clean(self, value: Any) -> Decimal | None:
        amount = self.to_python(value)
        if amount is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return amount


class MarkForm(forms.Form):
    points = AmountField(label=_("Điểm"))
    value = AmountField(label=_("Số liệu thực hiện"))
    explanation = forms.CharField(label=_("Giải trình"), required=False, max_length=4000)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), required=False, max_length=2000)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung giải trình"), required=False, max_length=8000)


class AppraiseForm(forms.Form):
    amount = AmountField(label=_("Điểm hoặc số liệu thẩm định"), required=True)
    reason = forms.CharField(label=_("Lý do thẩm định"), required=False, max_length=4000)
