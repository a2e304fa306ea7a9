"""Forms of the good-practice library. They parse what the user typed; ``good_practice_publish``
decides what is valid and its problems are put beside their fields."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.errors import DomainError, ValidationFailedError
from thidua.indicators.models import Indicator
from thidua.orgs.models import Unit

# More files than this in one practice is an archive, which can go up as one .zip.
MAX_FILES = 10
# The service names its problems after its arguments; the form after what the user sees.
FIELD_OF_PROBLEM = {"indicator_codes": "indicators", "files": "attachments"}


class PracticeFilterForm(forms.Form):
    """The search box and filters of the list; a value that does not parse is ignored."""

    q = forms.CharField(label=gettext_lazy("Tìm kiếm"), required=False, max_length=200)
    # Offered as lists, but a year or an area with no practice is a filter like any other: it
    # finds nothing rather than being ignored.
    area = forms.CharField(
        label=gettext_lazy("Lĩnh vực"), required=False, max_length=200, widget=forms.Select
    )
    year = forms.IntegerField(
        label=gettext_lazy("Năm"),
        required=False,
        min_value=1900,
        max_value=2200,
        widget=forms.Select,
    )
    featured = forms.BooleanField(
        label=gettext_lazy("Chỉ mô hình giới thiệu toàn ngành"), required=False
    )

    def __init__(
        self, *args: Any, areas: Sequence[str], years: Sequence[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        offered = {
            "area": [("", _("Mọi lĩnh vực")), *((a, a) for a in areas)],
            "year": [("", _("Mọi năm")), *((str(y), str(y)) for y in years)],
        }
        for name, choices in offered.items():
            # The list shows the filter in force even when nothing matches it.
            asked = str(self.data.get(name, "")) if self.is_bound else ""
            if asked and asked not in dict(choices) and (name != "year" or asked.isdigit()):
                choices.append((asked, asked))
            widget: Any = self.fields[name].widget
            widget.choices = choices

    def value(self, name: str) -> Any:
        """The cleaned value of one filter, or its empty value when it did not parse."""
        if not self.is_bound:
            return None
        self.is_valid()
        return self.cleaned_data.get(name)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field: the list of uploads, possibly empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        uploads = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(u, initial) for u in uploads if u]


class PracticeForm(forms.Form):
    unit = forms.ChoiceField(label=gettext_lazy("Đơn vị"))
    year = forms.IntegerField(
        label=gettext_lazy("Năm"),
        required=False,
        error_messages={"invalid": gettext_lazy("Năm phải là một số.")},
    )
    title = forms.CharField(label=gettext_lazy("Tên mô hình, cách làm"), required=False)
    area = forms.CharField(
        label=gettext_lazy("Lĩnh vực"),
        required=False,
        widget=forms.TextInput(attrs={"list": "practice-areas"}),
    )
    what_was_done = forms.CharField(
        label=gettext_lazy("Cách làm"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    results = forms.CharField(
        label=gettext_lazy("Kết quả"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    indicators = forms.MultipleChoiceField(
        label=gettext_lazy("Chỉ tiêu liên quan"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attachments = MultipleFileField(label=gettext_lazy("Tệp đính kèm"), required=False)

    def __init__(
        self,
        *args: Any,
        units: Sequence[Unit],
        indicators: Sequence[Indicator],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.units = {str(u.pk): u for u in units}
        self.sole_unit = units[0] if len(units) == 1 else None
        unit_field: Any = self.fields["unit"]
        unit_field.choices = [(key, u.name) for key, u in self.units.items()]
        unit_field.error_messages["invalid_choice"] = _("Hãy chọn một đơn vị của bạn.")
        unit_field.error_messages["required"] = _("Hãy chọn một đơn vị của bạn.")
        if len(units) == 1:
            # Nothing to choose: the unit goes along hidden, and is assumed when left out.
            unit_field.initial = str(units[0].pk)
            unit_field.widget = forms.HiddenInput()
            unit_field.required = False
        self.fields["attachments"].help_text = _(
            "Loại tệp: %(types)s; tối đa %(mb)s MB mỗi tệp, %(n)s tệp."
        ) % {
            "types": ", ".join(settings.EVIDENCE_EXTENSIONS),
            "mb": settings.EVIDENCE_MAX_BYTES // (1024 * 1024),
            "n": MAX_FILES,
        }
        indicator_field: Any = self.fields["indicators"]
        indicator_field.choices = [(i.code, i.name) for i in indicators]
        indicator_field.error_messages["invalid_choice"] = _("Có chỉ tiêu không hợp lệ.")

    def clean_unit(self) -> str:
        chosen: str = self.cleaned_data.get("unit") or ""
        if not chosen and len(self.units) == 1:
            chosen = next(iter(self.units))
        if chosen not in self.units:
            raise forms.ValidationError(_("Hãy chọn một đơn vị của bạn."))
        return chosen

    def clean_attachments(self) -> list[UploadedFile]:
        # Refused before reading, so an oversized upload is never loaded into memory.
        uploads: list[UploadedFile] = self.cleaned_data.get("attachments") or []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("Tối đa %(n)s tệp cho một mô hình, cách làm.") % {"n": MAX_FILES}
            )
        limit = settings.EVIDENCE_MAX_BYTES
        too_big = [u for u in uploads if u.size is not None and u.size > limit]
        if too_big:
            raise forms.ValidationError(
                [
                    _("Tệp “%(name)s” vượt quá dung lượng cho phép (%(limit)s MB).")
                    % {"name": u.name, "limit": limit // (1024 * 1024)}
                    for u in too_big
                ]
            )
        return uploads

    def chosen_unit(self) -> Unit:
        return self.units[self.cleaned_data["unit"]]

    def file_contents(self) -> list[tuple[str, bytes]]:
        return [(u.name or "", u.read()) for u in self.cleaned_data["attachments"]]

    def show(self, error: DomainError) -> None:
        """The service's message above the form and each problem beside its field."""
        self.add_error(None, error.message)
        problems = error.problems if isinstance(error, ValidationFailedError) else {}
        for key, messages in problems.items():
            name = FIELD_OF_PROBLEM.get(key, key)
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
