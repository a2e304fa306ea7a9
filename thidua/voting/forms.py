"""The forms of the voting pages: a vote's setup and the counting committee's figures.

The forms only read what was typed; the services decide whether a vote can be set up or a
count stands (``ValidationFailedError.problems``), and the views put each problem beside its
field. The choice of a voter is never in a form: it is encrypted in the browser and arrives as
a ballot the server cannot read.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import User
from thidua.core.forms import DATE_FORMATS
from thidua.voting.models import VoteCandidate, VoteKind, VoteMode

# The rule book's prefixes of the vote rules, with what an official calls them.
RULE_PREFIXES = [
    ("deliberation", _("Bình xét khen thưởng của cụm thi đua")),
    ("council_vote", _("Biểu quyết của Hội đồng thi đua, khen thưởng")),
    ("officer_election", _("Bầu cụm trưởng, cụm phó")),
    ("confidence_vote", _("Lấy phiếu tín nhiệm")),
    ("motion", _("Biểu quyết một nội dung")),
]

# Where a service's problem key points in the setup form.
SETUP_FIELDS = {"roll": "roll_users", "closes_at": None}


class UserChoices(forms.ModelMultipleChoiceField[User]):
    """Accounts ticked in a list, each shown by its full name and username."""

    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        name = user.get_full_name() or user.username
        unit = f" · {user.unit.name}" if user.unit_id and user.unit else ""
        return f"{name} ({user.username}){unit}"


def lines(text: str) -> list[str]:
    """The non-empty lines of a text box, trimmed."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class VoteForm(forms.Form):
    title = forms.CharField(label=_("Tên cuộc bỏ phiếu"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại phiếu"), choices=VoteKind.choices)
    mode = forms.ChoiceField(
        label=_("Hình thức"), choices=VoteMode.choices, widget=forms.RadioSelect
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    held_on = forms.DateField(
        label=_("Ngày họp"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    seats = forms.IntegerField(
        label=_("Số người cần bầu (bầu cử)"), min_value=1, max_value=99, required=False
    )
    summoned = forms.IntegerField(
        label=_("Số được triệu tập (phiếu giấy, khi không lập danh sách cử tri)"),
        min_value=0,
        required=False,
    )
    rule_prefix = forms.ChoiceField(label=_("Quy định áp dụng"), choices=RULE_PREFIXES)
    candidates = forms.CharField(
        label=_("Danh sách trên phiếu (mỗi dòng một tên; biểu quyết: một dòng nội dung)"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    roll_users = UserChoices(
        label=_("Cử tri có tài khoản"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    roll_names = forms.CharField(
        label=_("Cử tri không có tài khoản (mỗi dòng một họ tên; bỏ phiếu bằng mã dùng một lần)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    committee = UserChoices(
        label=_("Ban kiểm phiếu (người đầu tiên là trưởng ban)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    trustees = UserChoices(
        label=_("Người giữ khóa (bỏ phiếu điện tử)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, data: Any = None, *, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        for name in ("roll_users", "committee", "trustees"):
            field = self.fields[name]
            if isinstance(field, UserChoices):
                field.queryset = people


class PaperForm(forms.Form):
    """The figures of the counting committee's minutes: the ballots, then one box per
    candidate and option (a confidence vote has three levels, a motion two)."""

    present = forms.IntegerField(label=_("Số có mặt"), min_value=0)
    issued = forms.IntegerField(label=_("Số phiếu phát ra"), min_value=0)
    received = forms.IntegerField(label=_("Số phiếu thu vào"), min_value=0)
    valid = forms.IntegerField(label=_("Số phiếu hợp lệ"), min_value=0)
    invalid = forms.IntegerField(label=_("Số phiếu không hợp lệ"), min_value=0)
    written = forms.IntegerField(
        label=_("Trong đó, phiếu gửi bằng văn bản của người vắng mặt"), min_value=0, initial=0
    )

    def __init__(
        self,
        data: Any = None,
        *,
        candidates: list[VoteCandidate],
        options: list[str],
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        self.candidates = candidates
        self.options = options
        for candidate in candidates:
            for option, label in enumerate(options):
                self.fields[count_field(candidate.pk, option)] = forms.IntegerField(
                    label=f"{candidate.name}: {label}", min_value=0
                )

    def rows(self) -> list[tuple[VoteCandidate, list[forms.BoundField]]]:
        """Each candidate with the boxes of its options, for the table of the page."""
        return [
            (c, [self[count_field(c.pk, o)] for o in range(len(self.options))])
            for c in self.candidates
        ]

    def counts(self) -> dict[int, list[int]]:
        data = self.cleaned_data
        return {
            c.pk: [int(data[count_field(c.pk, o)]) for o in range(len(self.options))]
            for c in self.candidates
        }


def count_field(candidate_pk: int, option: int) -> str:
    return f"count_{candidate_pk}_{option}"


class CodeForm(forms.Form):
    """A delegate's one-time code, typed as printed (with or without its dash)."""

    code = forms.CharField(
        label=_("Mã bỏ phiếu"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
