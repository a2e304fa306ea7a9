"""Forms of the report pages. They parse what the user typed; the services decide what is valid,
so the number fields leave digits and places to ``value_problems`` and its messages."""

from decimal import Decimal
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.errors import DomainError, ValidationFailedError
from thidua.core.forms import VnDecimalField
from thidua.indicators.selectors.reports import FigureRow

Figures = dict[str, tuple[Decimal, Decimal | None]]
TEXTS = ("results", "limitations", "directions")


def _number(label: str) -> VnDecimalField:
    return VnDecimalField(label=label, required=False, max_digits=None, decimal_places=None)


class FiguresForm(forms.Form):
    """x (and y for a share) of each indicator row; ``with_notes`` adds a note per row."""

    with_notes = True

    def __init__(self, *args: Any, rows: list[FigureRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            code = row.indicator.code
            self.fields[f"x_{code}"] = _number(row.indicator.numerator_label or _("Số liệu"))
            if row.is_share:
                self.fields[f"y_{code}"] = _number(row.indicator.denominator_label or "y")
            if self.with_notes:
                self.fields[f"note_{code}"] = forms.CharField(
                    label=_("Ghi chú"), required=False, max_length=400
                )

    def figure_rows(self) -> list[tuple[FigureRow, BoundField, BoundField | None, Any]]:
        """Each row with its fields, for the template."""
        out = []
        for row in self.rows:
            code = row.indicator.code
            out.append(
                (
                    row,
                    self[f"x_{code}"],
                    self[f"y_{code}"] if row.is_share else None,
                    self[f"note_{code}"] if self.with_notes else None,
                )
            )
        return out

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in self.rows:
            code = row.indicator.code
            if row.is_share and data.get(f"x_{code}") is None and data.get(f"y_{code}") is not None:
                self.add_error(f"x_{code}", _("Đã nhập y nhưng chưa nhập x."))
        return data

    def figures(self) -> Figures:
        """The figures typed: an empty x means the indicator has no figure."""
        out: Figures = {}
        for row in self.rows:
            code = row.indicator.code
            x = self.cleaned_data.get(f"x_{code}")
            if x is not None:
                out[code] = (x, self.cleaned_data.get(f"y_{code}"))
        return out

    def notes(self) -> dict[str, str]:
        return {
            row.indicator.code: self.cleaned_data.get(f"note_{row.indicator.code}") or ""
            for row in self.rows
            if self.with_notes
        }

    def show(self, error: DomainError) -> None:
        """Put each of the service's problems beside its field; the message above the form."""
        self.add_error(None, error.message)
        problems = error.problems if isinstance(error, ValidationFailedError) else {}
        for key, messages in problems.items():
            name = f"x_{key.removeprefix('values.')}" if key.startswith("values.") else key
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        if error.field and error.field in self.fields:
            self.add_error(error.field, error.message)


class ReportForm(FiguresForm):
    results = forms.CharField(
        label=gettext_lazy("Kết quả đạt được"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    limitations = forms.CharField(
        label=gettext_lazy("Hạn chế, nguyên nhân"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    directions = forms.CharField(
        label=gettext_lazy("Phương hướng, nhiệm vụ kỳ tới"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CorrectionForm(FiguresForm):
    """The figures of an accepted report as they should be, and why."""

    with_notes = False
    reason = forms.CharField(
        label=gettext_lazy("Lý do điều chỉnh"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Phải ghi lý do điều chỉnh số liệu.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do trả lại"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("Phải ghi lý do trả lại.")},
    )


class FileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp minh chứng"),
        error_messages={"required": gettext_lazy("Chưa chọn tệp để đính kèm.")},
    )
