"""Form fields and helpers every app's forms share: numbers typed the Vietnamese way, and a
refusal of a service shown in the form that asked for it."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError, ValidationFailedError


def decimal_text(value: Decimal | None) -> str:
    """A number as officials write it: decimal comma, no trailing zeros (0,25; 30)."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def parse_decimal(raw: str) -> Decimal:
    """Accept "0,25" as well as "0.25" (and spaces between thousands)."""
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(".", "")  # "1.234,5": dots group the thousands
    text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(raw) from exc
    if not value.is_finite():
        raise ValueError(raw)
    return value


class VnDecimalField(forms.DecimalField):
    """A decimal typed in a text box, so the browser does not refuse the Vietnamese comma."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_decimal(str(value))
        except ValueError as exc:
            raise forms.ValidationError(_("Hãy nhập một số, ví dụ 0,25."), code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        return decimal_text(value) if isinstance(value, Decimal) else value


def apply_domain_error(form: forms.Form, error: DomainError, *, with_problems: bool = True) -> None:
    """Show a refusal in the form: each problem beside its field, the rest above the form."""
    if not hasattr(form, "cleaned_data"):
        form.cleaned_data = {}
    problems = error.problems if isinstance(error, ValidationFailedError) else {}
    if error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
        return
    form.add_error(None, error.message)
    if not with_problems:
        return
    for key, messages in problems.items():
        target = key if key in form.fields else None
        for message in messages:
            form.add_error(target, message)
