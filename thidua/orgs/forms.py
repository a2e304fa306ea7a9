"""The forms that adjust a cluster's term: its facts, a member added or removed, an officer
changed with its decision. The choices come from the term's year; the services check again."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import DATE_FORMATS
from thidua.orgs.models import ClusterTerm, OfficerRole, Unit, UnitKind
from thidua.orgs.services.terms import MAX_REGULATION

# The kinds of unit a cluster of the sector is made of.
MEMBER_KINDS = (UnitKind.ORGANIZATION_BOARD, UnitKind.CENTRAL_DIRECT_COMMITTEE)


def _units(field: forms.Field, units: QuerySet[Unit]) -> None:
    cast(forms.ModelChoiceField[Unit], field).queryset = units


class TermFactsForm(forms.Form):
    regulation = forms.CharField(
        label=_("Quy chế"), max_length=MAX_REGULATION, required=False, strip=True
    )
    supervising_department: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Vụ theo dõi"), queryset=Unit.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, term: ClusterTerm, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "regulation": term.regulation,
                "supervising_department": term.supervising_department_id,
                "note": term.note,
            },
        )
        kwargs.setdefault("auto_id", "facts_%s")  # one page holds the four forms
        super().__init__(*args, **kwargs)
        _units(
            self.fields["supervising_department"],
            Unit.objects.valid_in_year(term.year).filter(kind=UnitKind.COMMISSION_DEPARTMENT),
        )


class MemberAddForm(forms.Form):
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Đơn vị thêm vào cụm"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, term: ClusterTerm, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "add_%s")  # one page holds the four forms
        super().__init__(*args, **kwargs)
        # Units already in another cluster that year stay offered: the service says which.
        _units(
            self.fields["unit"],
            Unit.objects.valid_in_year(term.year)
            .filter(kind__in=MEMBER_KINDS)
            .exclude(memberships__term=term)
            .order_by("sort_key"),
        )


class MemberRemoveForm(forms.Form):
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Đơn vị bỏ khỏi cụm"), queryset=Unit.objects.none()
    )
    reason = forms.CharField(label=_("Lý do"), max_length=300)

    def __init__(self, *args: Any, term: ClusterTerm, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "remove_%s")  # one page holds the four forms
        super().__init__(*args, **kwargs)
        _units(self.fields["unit"], Unit.objects.filter(memberships__term=term))


class OfficerChangeForm(forms.Form):
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none()
    )
    new_role = forms.ChoiceField(label=_("Vai trò mới"), choices=OfficerRole.choices)
    decision = forms.CharField(
        label=_("Quyết định (số, ngày, nơi bầu hoặc chỉ định)"), max_length=400
    )
    decided_on = forms.DateField(
        label=_("Ngày quyết định"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, term: ClusterTerm, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "officer_%s")  # one page holds the four forms
        super().__init__(*args, **kwargs)
        _units(self.fields["unit"], Unit.objects.filter(memberships__term=term))
