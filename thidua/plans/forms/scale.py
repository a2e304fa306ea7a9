"""Forms of the scale builder: a criterion, the scale's limits, bands written as lines."""

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.errors import NotFoundError
from thidua.core.forms import VnDecimalField
from thidua.core.numbers import number_parse, number_text
from thidua.indicators.models import Indicator
from thidua.indicators.selectors.catalogue import indicator_by_code
from thidua.plans.models import Criterion, CriterionKind, KeyTaskGroup, Section

BAND_ARROW = re.compile(r"\s*(?:→|->|=>)\s*")


def bands_text(bands: Sequence[Sequence[Any]]) -> str:
    """Stored bands ([[1, 0.8]]) as the lines the form shows ("100 → 0,8")."""
    lines = []
    for ratio, share in bands:
        percent = Decimal(str(ratio)) * 100
        shown = number_text(Decimal(str(share)), grouping=False)
        lines.append(f"{number_text(percent, grouping=False)} → {shown}")
    return "\n".join(lines)


def parse_bands(text: str) -> list[list[str]]:
    """Lines "≥ 90% → 0,8": from this share of the target on, this share of the maximum."""
    bands = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = BAND_ARROW.split(line.strip())
        try:
            if len(parts) != 2:
                raise ValueError(line)
            left = parts[0].lstrip("≥>= ").rstrip("% ")
            right = parts[1].strip()
            share = number_parse(right.rstrip("% "))
            if right.endswith("%"):
                share /= 100
            ratio = number_parse(left) / 100
        except ValueError as exc:
            raise forms.ValidationError(
                _("Dòng %(n)s: hãy viết “mức hoàn thành (%%) → tỷ lệ điểm”, ví dụ “90 → 0,8”.")
                % {"n": number}
            ) from exc
        bands.append([str(ratio.normalize()), str(share.normalize())])
    return bands


class CriterionForm(forms.Form):
    parent = forms.TypedChoiceField(
        label=gettext_lazy("Thuộc nhóm"), coerce=int, required=False, empty_value=None
    )
    code = forms.CharField(label=gettext_lazy("Mã"), max_length=20)
    title = forms.CharField(label=gettext_lazy("Nội dung"), max_length=500)
    kind = forms.ChoiceField(
        label=gettext_lazy("Cách chấm"),
        choices=CriterionKind.choices,
        initial=CriterionKind.MANUAL,
    )
    section = forms.ChoiceField(
        label=gettext_lazy("Loại điểm"), choices=Section.choices, initial=Section.BASE
    )
    maximum = VnDecimalField(label=gettext_lazy("Điểm tối đa"), max_digits=7)
    step = VnDecimalField(label=gettext_lazy("Bước điểm"), max_digits=5, required=False)
    lower_is_better = forms.BooleanField(label=gettext_lazy("Càng thấp càng tốt"), required=False)
    bands = forms.CharField(
        label=gettext_lazy("Mức đạt (mỗi dòng: % chỉ tiêu → tỷ lệ điểm)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "100 → 1\n90 → 0,8"}),
    )
    per_event = VnDecimalField(label=gettext_lazy("Điểm mỗi lần"), max_digits=7, required=False)
    evidence_required = forms.BooleanField(
        label=gettext_lazy("Bắt buộc có minh chứng"), required=False
    )
    evidence_hint = forms.CharField(
        label=gettext_lazy("Minh chứng"), max_length=400, required=False
    )
    task_group = forms.ModelChoiceField(
        label=gettext_lazy("Nhóm nhiệm vụ trọng tâm"),
        queryset=KeyTaskGroup.objects.none(),
        required=False,
        empty_label=gettext_lazy("— không gắn nhóm nhiệm vụ —"),
    )
    # Typed as the code the officials know; cleaned to the catalogue's indicator.
    indicator_code = forms.CharField(
        label=gettext_lazy("Mã chỉ tiêu báo cáo"), max_length=40, required=False
    )

    def __init__(
        self,
        *args: Any,
        groups: Sequence[Criterion] = (),
        task_groups: Sequence[KeyTaskGroup] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        parent = cast(forms.TypedChoiceField, self.fields["parent"])
        parent.choices = [("", _("— gốc của thang điểm —"))] + [
            (g.pk, f"{g.code}. {g.title}") for g in groups
        ]
        task_group = cast("forms.ModelChoiceField[Any]", self.fields["task_group"])
        task_group.queryset = KeyTaskGroup.objects.filter(pk__in=[t.pk for t in task_groups])

    @staticmethod
    def initial_for(node: Criterion) -> dict[str, Any]:
        return {
            "parent": node.parent_id,
            "code": node.code,
            "title": node.title,
            "kind": node.kind,
            "section": node.section,
            "maximum": node.maximum,
            "step": node.step,
            "lower_is_better": node.lower_is_better,
            "bands": bands_text(node.bands or []),
            "per_event": node.per_event,
            "evidence_required": node.evidence_required,
            "evidence_hint": node.evidence_hint,
            "task_group": node.task_group_id,
            "indicator_code": node.indicator.code if node.indicator else "",
        }

    def clean_bands(self) -> list[list[str]]:
        return parse_bands(self.cleaned_data.get("bands") or "")

    def clean_indicator_code(self) -> Indicator | None:
        code = self.cleaned_data.get("indicator_code") or ""
        if not code:
            return None
        try:
            return indicator_by_code(code)
        except NotFoundError as error:
            raise forms.ValidationError(error.message, code="unknown") from error

    def service_fields(self) -> dict[str, Any]:
        """What the scale services take, everything but the parent."""
        data = self.cleaned_data
        return {
            "code": data["code"],
            "title": data["title"],
            "kind": data["kind"],
            "section": data["section"],
            "maximum": data["maximum"],
            "step": data["step"],
            "lower_is_better": data["lower_is_better"],
            "bands": data["bands"],
            "per_event": data["per_event"] if data["per_event"] is not None else Decimal(0),
            "evidence_required": data["evidence_required"],
            "evidence_hint": data["evidence_hint"],
            "task_group": data["task_group"],
            "indicator": data["indicator_code"],
        }


class ScaleLimitsForm(forms.Form):
    maximum = VnDecimalField(label=gettext_lazy("Điểm tối đa"), max_digits=7)
    bonus_cap = VnDecimalField(label=gettext_lazy("Điểm thưởng tối đa"), max_digits=7)
    penalty_cap = VnDecimalField(label=gettext_lazy("Điểm trừ tối đa"), max_digits=7)
