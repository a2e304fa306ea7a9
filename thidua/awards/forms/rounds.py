"""The forms of a round's list: opening a round, adding a candidate, keeping an ineligible one
with a written reason."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.engine.catalogue import Catalogue, SubjectKind
from thidua.awards.models import RoundLevel
from thidua.orgs.models import Person, Unit


class RoundOpenForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Cấp xét"), choices=RoundLevel.choices)
    year = forms.IntegerField(label=gettext_lazy("Năm thành tích"), min_value=2000, max_value=2100)
    term = forms.IntegerField(required=False, widget=forms.HiddenInput)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class CandidateAddForm(forms.Form):
    """A person (with the unit they serve in) or a collective, and the award proposed. The
    service refuses an award that does not go to the chosen kind of subject."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Đề nghị cho"),
        choices=[(k.value, gettext_lazy(k.label)) for k in SubjectKind],
        initial=SubjectKind.COLLECTIVE.value,
        widget=forms.RadioSelect,
    )
    unit = forms.TypedChoiceField(
        label=gettext_lazy("Tập thể được đề nghị"), coerce=int, required=False, empty_value=None
    )
    person = forms.TypedChoiceField(
        label=gettext_lazy("Cá nhân được đề nghị"), coerce=int, required=False, empty_value=None
    )
    award = forms.ChoiceField(label=gettext_lazy("Danh hiệu, hình thức khen"))

    def __init__(
        self,
        *args: Any,
        units: list[Unit],
        people: list[tuple[Person, Unit]],
        catalogue: Catalogue,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.units = {u.pk: u for u in units}
        self.people = {p.pk: (p, u) for p, u in people}
        empty = [("", _("— Chọn —"))]
        cast(forms.ChoiceField, self.fields["unit"]).choices = empty + [
            (u.pk, u.name) for u in units
        ]
        cast(forms.ChoiceField, self.fields["person"]).choices = empty + [
            (p.pk, f"{p.full_name} — {u.name}") for p, u in people
        ]
        cast(forms.ChoiceField, self.fields["award"]).choices = empty + [
            (a.code, a.name) for a in catalogue
        ]
        if not people:
            self.fields["kind"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == SubjectKind.INDIVIDUAL and data.get("person") is None:
            self.add_error("person", _("Chọn cá nhân được đề nghị."))
        if data.get("kind") == SubjectKind.COLLECTIVE and data.get("unit") is None:
            self.add_error("unit", _("Chọn tập thể được đề nghị."))
        return data

    def subject(self) -> tuple[Person | None, Unit | None]:
        """The person with the unit they serve in, or the collective alone."""
        data = self.cleaned_data
        if data["kind"] == SubjectKind.INDIVIDUAL:
            person, unit = self.people[data["person"]]
            return person, unit
        return None, self.units[data["unit"]]


class KeepForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do vẫn đề nghị (Hội đồng sẽ đọc)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError(_("Ghi lý do vẫn đề nghị."))
        return reason
