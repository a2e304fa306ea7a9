"""The registry's search: words (without regard to diacritics), year, award."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.engine.catalogue import Catalogue


class RegistrySearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Tìm theo tên người, đơn vị, số quyết định"),
        required=False,
        max_length=200,
        widget=forms.SearchInput,
    )
    nam = forms.IntegerField(
        label=gettext_lazy("Năm thành tích"), required=False, min_value=1945, max_value=2100
    )
    khen = forms.ChoiceField(label=gettext_lazy("Danh hiệu, hình thức khen"), required=False)

    def __init__(self, *args: Any, catalogue: Catalogue, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["khen"]).choices = [("", _("Tất cả"))] + [
            (a.code, a.name) for a in catalogue
        ]
