"""Forms of the plan pages. They parse what the user typed; the services decide what is allowed."""

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.forms import DATETIME_FORMATS, VnDecimalField
from thidua.orgs.models import ClusterTerm
from thidua.plans.models import (
    AssessorStage,
    Combine,
    PeerMethod,
    PeerMode,
    PlanStage,
    TieRule,
)

TIE_RULE_ROWS = 4


class PlanCreateForm(forms.Form):
    term = forms.ModelChoiceField(
        queryset=ClusterTerm.objects.none(), label=gettext_lazy("Cụm thi đua"), empty_label=None
    )
    title = forms.CharField(label=gettext_lazy("Tên kế hoạch"), max_length=400)
    basis = forms.CharField(
        label=gettext_lazy("Căn cứ (mỗi văn bản một dòng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    maximum = VnDecimalField(label=gettext_lazy("Điểm tối đa"), initial=Decimal(100))
    bonus_cap = VnDecimalField(label=gettext_lazy("Điểm thưởng tối đa"), initial=Decimal(0))
    penalty_cap = VnDecimalField(label=gettext_lazy("Điểm trừ tối đa"), initial=Decimal(0))

    def __init__(
        self,
        *args: Any,
        terms: Sequence[ClusterTerm] = (),
        sector_wide: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Any]", self.fields["term"])
        field.queryset = ClusterTerm.objects.filter(pk__in=[t.pk for t in terms]).select_related(
            "cluster"
        )
        if sector_wide:  # the secretariat may also issue a plan for every cluster to adopt
            field.required = False
            field.empty_label = gettext_lazy("Toàn ngành (để các cụm áp dụng)")


class PlanAdoptForm(forms.Form):
    term = forms.ModelChoiceField(
        queryset=ClusterTerm.objects.none(), label=gettext_lazy("Cụm áp dụng"), empty_label=None
    )
    title = forms.CharField(label=gettext_lazy("Tên kế hoạch của cụm"), max_length=400)

    def __init__(self, *args: Any, terms: Sequence[ClusterTerm] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.ModelChoiceField[Any]", self.fields["term"])
        field.queryset = ClusterTerm.objects.filter(pk__in=[t.pk for t in terms]).select_related(
            "cluster"
        )


class DeadlineForm(forms.Form):
    stage = forms.ChoiceField(
        label=gettext_lazy("Giai đoạn"),
        choices=[(s.value, s.label) for s in PlanStage if s != PlanStage.DRAFT],
        widget=forms.Select(attrs={"aria-label": gettext_lazy("Giai đoạn")}),
    )
    due = forms.DateTimeField(
        label=gettext_lazy("Hạn chót"),
        input_formats=DATETIME_FORMATS,
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "aria-label": gettext_lazy("Hạn chót")},
            format="%Y-%m-%dT%H:%M",
        ),
    )

    reason = forms.CharField(
        label=gettext_lazy("Lý do (chỉ khi đặt hạn đã qua)"),
        required=False,
        max_length=500,
    )


class TaskGroupForm(forms.Form):
    number = forms.IntegerField(label=gettext_lazy("Số thứ tự"), min_value=1)
    title = forms.CharField(label=gettext_lazy("Nhóm nhiệm vụ trọng tâm"), max_length=400)


class ConfigureForm(forms.Form):
    assessor_stages = forms.MultipleChoiceField(
        label=gettext_lazy("Các vòng chấm"),
        choices=AssessorStage.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    peer_mode = forms.ChoiceField(label=gettext_lazy("Ai chấm chéo"), choices=PeerMode.choices)
    peer_method = forms.ChoiceField(
        label=gettext_lazy("Tổng hợp điểm chấm chéo"), choices=PeerMethod.choices
    )
    combine = forms.ChoiceField(label=gettext_lazy("Kết hợp các vòng"), choices=Combine.choices)
    dispute_threshold = VnDecimalField(label=gettext_lazy("Ngưỡng chênh lệch phải giải trình"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for stage in AssessorStage:
            self.fields[f"weight_{stage.value}"] = VnDecimalField(label=stage.label, required=False)
        rules = [("", _("— không dùng —")), *TieRule.choices]
        for i in range(1, TIE_RULE_ROWS + 1):
            self.fields[f"tie_rule_{i}"] = forms.ChoiceField(
                label=_("Quy tắc %(n)s") % {"n": i}, choices=rules, required=False
            )
            self.fields[f"tie_group_{i}"] = forms.CharField(
                label=_("Mã nhóm tiêu chí"), max_length=20, required=False
            )

    @staticmethod
    def initial_for(
        assessor_stages: Iterable[str],
        peer_mode: str,
        peer_method: str,
        combine: str,
        weights: Mapping[str, Any],
        tie_breaks: Sequence[Mapping[str, str]],
        dispute_threshold: Decimal,
    ) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "assessor_stages": list(assessor_stages),
            "peer_mode": peer_mode,
            "peer_method": peer_method,
            "combine": combine,
            "dispute_threshold": dispute_threshold,
        }
        for stage, weight in weights.items():
            initial[f"weight_{stage}"] = Decimal(str(weight))
        for i, rule in enumerate(tie_breaks[:TIE_RULE_ROWS], start=1):
            initial[f"tie_rule_{i}"] = rule.get("rule", "")
            initial[f"tie_group_{i}"] = rule.get("group", "")
        return initial

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{s.value}"] for s in AssessorStage]

    def tie_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"tie_rule_{i}"], self[f"tie_group_{i}"]) for i in range(1, TIE_RULE_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, TIE_RULE_ROWS + 1):
            if (
                data.get(f"tie_rule_{i}") == TieRule.GROUP_HIGHER
                and not data.get(f"tie_group_{i}", "").strip()
            ):
                self.add_error(f"tie_group_{i}", _("Quy tắc theo điểm nhóm cần mã nhóm tiêu chí."))
        return data

    def weights(self) -> dict[str, Decimal]:
        return {
            s.value: self.cleaned_data[f"weight_{s.value}"]
            for s in AssessorStage
            if self.cleaned_data.get(f"weight_{s.value}") is not None
        }

    def tie_breaks(self) -> list[dict[str, str]]:
        rules = []
        for i in range(1, TIE_RULE_ROWS + 1):
            rule = self.cleaned_data.get(f"tie_rule_{i}") or ""
            if rule:
                group = self.cleaned_data.get(f"tie_group_{i}", "").strip()
                rules.append({"rule": rule, "group": group} if group else {"rule": rule})
        return rules


class ReasonForm(forms.Form):
    """A reason the service requires; left optional here so the service's message is shown."""

    reason = forms.CharField(
        label=gettext_lazy("Lý do"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
