"""The form that sets a vote up from a page of the app that uses it (a round's deliberation,
the officer election): the meeting's day, paper or electronic, the counting committee and, for
an electronic vote, the trustees, chosen among the accounts the page offers."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.core.forms import DATE_FORMATS
from thidua.voting.models import VoteMode

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VoteSetupForm(forms.Form):
    held_on = forms.DateField(
        label=gettext_lazy("Ngày họp, bỏ phiếu"), widget=DATE_WIDGET, input_formats=DATE_FORMATS
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Hình thức"), choices=VoteMode.choices, widget=forms.RadioSelect
    )
    committee = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Ban kiểm phiếu (người đầu tiên là trưởng ban)"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    trustees = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Người giữ khóa (bỏ phiếu điện tử)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, people: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {u.pk: u for u in people}
        choices = [(u.pk, u.get_full_name() or u.username) for u in people]
        self.fields["committee"].choices = choices  # type: ignore[attr-defined]
        self.fields["trustees"].choices = choices  # type: ignore[attr-defined]

    def users(self, name: str) -> list[User]:
        return [self.people[pk] for pk in self.cleaned_data[name]]


class ElectionForm(VoteSetupForm):
    deputies = forms.IntegerField(label=gettext_lazy("Số cụm phó cần bầu"), min_value=1)
