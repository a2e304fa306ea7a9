"""The forms of a round's meeting and decision: the deliberation as the minutes record it (with
one approvals box per candidate) and the deciding level's decision (with the awardees chosen
among those proposed)."""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy

from thidua.awards.models import Candidate, RevocationGround
from thidua.core.forms import DATE_FORMATS

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date(label: "StrOrPromise") -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, input_formats=DATE_FORMATS)


class DeliberationForm(forms.Form):
    deliberated_on = _date(gettext_lazy("Ngày họp bình xét"))
    summoned = forms.IntegerField(label=gettext_lazy("Số được triệu tập"), min_value=1)
    present = forms.IntegerField(label=gettext_lazy("Số có mặt"), min_value=0)
    minutes_note = forms.CharField(
        label=gettext_lazy("Ghi chú biên bản"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, candidates: Sequence[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for candidate in self.candidates:
            self.fields[self.approvals_name(candidate.pk)] = forms.IntegerField(
                label=gettext_lazy("Số phiếu đồng ý"),
                min_value=0,
                initial=candidate.approvals,
            )

    @staticmethod
    def approvals_name(pk: int) -> str:
        return f"approvals_{pk}"

    def approvals(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[self.approvals_name(c.pk)] for c in self.candidates}

    def approvals_field(self, pk: int) -> forms.BoundField:
        return self[self.approvals_name(pk)]

    @staticmethod
    def service_field(name: str) -> str:
        """The form's name of a field the service names (``approvals.12`` → ``approvals_12``)."""
        return name.replace("approvals.", "approvals_")


class DecisionForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=60)
    decided_on = _date(gettext_lazy("Ngày quyết định"))
    issuer = forms.CharField(label=gettext_lazy("Cơ quan quyết định"), max_length=200)
    signer = forms.CharField(label=gettext_lazy("Người ký"), max_length=200)
    signer_title = forms.CharField(label=gettext_lazy("Chức vụ người ký"), max_length=200)
    awardees = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Người, tập thể được khen thưởng"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, proposed: Sequence[Candidate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedMultipleChoiceField, self.fields["awardees"])
        field.choices = [(c.pk, c.subject_name) for c in proposed]
        field.initial = [c.pk for c in proposed]


class RevokeForm(forms.Form):
    ground = forms.ChoiceField(
        label=gettext_lazy("Căn cứ thu hồi"),
        choices=[("", "—"), *RevocationGround.choices],
    )
    decision = forms.CharField(label=gettext_lazy("Quyết định thu hồi"), max_length=120)
    revoked_on = _date(gettext_lazy("Ngày thu hồi"))
    reason = forms.CharField(
        label=gettext_lazy("Lý do thu hồi"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
