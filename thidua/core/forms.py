"""Form fields and helpers every app's forms share: numbers typed in the reader's language, and a
refusal of a service shown in the form that asked for it."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.numbers import number_parse, number_text

# What a date or a moment may be typed as: the browser's own date pickers send ISO, a person
# types dd/mm/yyyy (then hh:mm), as every page writes them (``core.dates``).
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%d/%m/%Y"]


class VnDecimalField(forms.DecimalField):
    """A decimal typed in a text box, so the browser does not refuse the Vietnamese comma; read
    and shown in the separators of the page's language (``core.numbers``)."""

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
            return number_parse(str(value))
        except ValueError as exc:
            raise forms.ValidationError(_("Hãy nhập một số, ví dụ 0,25."), code="invalid") from exc

    def prepare_value(self, value: Any) -> Any:
        return number_text(value, grouping=False) if isinstance(value, Decimal) else value


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
