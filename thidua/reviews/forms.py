"""The form that sets up a board's vote of confidence: the day, paper or electronic, the posts
rated, the roll (the board's accounts and names of those without one) and the counting
committee. The service checks the rest (two committee members, the rule in force on the day)."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.models import User
from thidua.core.forms import DATE_FORMATS
from thidua.orgs.models import Position
from thidua.voting.models import VoteMode

MAX_NAMES = 500  # names typed into the roll: more is not a board's meeting


def _choices(field: forms.Field) -> forms.MultipleChoiceField:
    return cast(forms.MultipleChoiceField, field)


class SessionForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Tên đợt lấy phiếu"),
        max_length=250,
        required=False,
        help_text=gettext_lazy("Để trống: “Lấy phiếu tín nhiệm năm … — tên đơn vị”."),
    )
    held_on = forms.DateField(
        label=gettext_lazy("Ngày lấy phiếu"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    mode = forms.ChoiceField(label=gettext_lazy("Hình thức"), choices=VoteMode.choices)
    persons = forms.MultipleChoiceField(
        label=gettext_lazy("Người được lấy phiếu (chức vụ)"),
        widget=forms.CheckboxSelectMultiple,
    )
    roll = forms.MultipleChoiceField(
        label=gettext_lazy("Cử tri có tài khoản"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    names = forms.CharField(
        label=gettext_lazy("Cử tri không có tài khoản (mỗi dòng một người)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    summoned = forms.IntegerField(
        label=gettext_lazy("Số người được triệu tập"),
        min_value=1,
        max_value=10000,
        required=False,
        help_text=gettext_lazy("Để trống: bằng số người trong danh sách cử tri."),
    )
    committee = forms.MultipleChoiceField(
        label=gettext_lazy("Ban kiểm phiếu (ít nhất hai người; người đầu tiên là trưởng ban)"),
        widget=forms.CheckboxSelectMultiple,
    )
    trustees = forms.MultipleChoiceField(
        label=gettext_lazy("Người giữ khóa (bỏ phiếu điện tử)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self, *args: Any, positions: list[Position], users: list[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.positions = {str(p.pk): p for p in positions}
        self.users = {str(u.pk): u for u in users}
        _choices(self.fields["persons"]).choices = [
            (str(p.pk), f"{p.person.full_name} — {p.title}") for p in positions
        ]
        people = [(str(u.pk), u.get_full_name() or u.username) for u in users]
        for name in ("roll", "committee", "trustees"):
            _choices(self.fields[name]).choices = people

    def clean_names(self) -> list[str]:
        raw = str(self.cleaned_data.get("names") or "")
        names = [line.strip() for line in raw.splitlines() if line.strip()]
        if len(names) > MAX_NAMES:
            raise forms.ValidationError(_("Quá nhiều tên trong danh sách cử tri."))
        if any(len(n) > 200 for n in names):
            raise forms.ValidationError(_("Mỗi tên không quá 200 ký tự."))
        return names

    def chosen_positions(self) -> list[Position]:
        return [self.positions[k] for k in self.cleaned_data["persons"]]

    def chosen_users(self, name: str) -> list[User]:
        return [self.users[k] for k in self.cleaned_data.get(name) or []]
