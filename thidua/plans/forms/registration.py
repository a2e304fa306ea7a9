"""Forms of registration, the covenant and the lists kept inside a board."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from thidua.core.forms import VnDecimalField
from thidua.plans.models import COLLECTIVE_TITLES, AimedTitle, Criterion


class RegistrationForm(forms.Form):
    titles = forms.MultipleChoiceField(
        label=gettext_lazy("Danh hiệu đăng ký"),
        # A member registers as a collective: the individual titles are not offered.
        choices=[(t.value, t.label) for t in AimedTitle if t in COLLECTIVE_TITLES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=gettext_lazy("Nội dung đăng ký khác"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, target_criteria: Sequence[Criterion] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.target_criteria = list(target_criteria)
        for criterion in self.target_criteria:
            measure = criterion.indicator.unit_of_measure if criterion.indicator else ""
            label = f"{criterion.code}. {criterion.title}"
            self.fields[f"target_{criterion.pk}"] = VnDecimalField(
                label=f"{label} ({measure})" if measure else label, required=False
            )

    def target_fields(self) -> list[tuple[Criterion, forms.BoundField]]:
        return [(c, self[f"target_{c.pk}"]) for c in self.target_criteria]

    def targets(self) -> dict[int, Decimal | None]:
        return {c.pk: self.cleaned_data.get(f"target_{c.pk}") for c in self.target_criteria}


class AcceptForm(forms.Form):
    not_applicable = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, criteria: Sequence[Criterion] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["not_applicable"])
        field.choices = [(c.pk, f"{c.code}. {c.title}") for c in criteria]


class CovenantOpenForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Tên giao ước"), max_length=400)
    text = forms.CharField(
        label=gettext_lazy("Nội dung giao ước"), widget=forms.Textarea(attrs={"rows": 8})
    )


def emulation_rows(data: Mapping[str, Any]) -> list[dict[str, str]]:
    """The rows of a unit's list as posted (name, content, title per row); blank rows dropped."""
    getlist = getattr(data, "getlist", None)
    if getlist is None:
        return []
    names, contents, titles = getlist("name"), getlist("content"), getlist("title")
    rows = []
    for name, content, title in zip(names, contents, titles, strict=False):
        if name.strip() or content.strip():
            rows.append({"name": name.strip(), "content": content.strip(), "title": title})
    return rows
