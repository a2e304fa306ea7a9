from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.accounts.models import Role
from thidua.orgs.models import ClusterTerm, Unit


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput)


class CodeForm(forms.Form):
    """Six digits from the authenticator app, or one backup code."""

    code = forms.CharField(
        label=_("Mã xác thực"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class UserCreateForm(forms.Form):
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        regex=r"^[a-z0-9._-]{3,150}$",
        error_messages={"invalid": _("Chỉ chữ thường không dấu, số, dấu chấm, gạch nối.")},
    )
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none()
    )
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        min_length=8,
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Unit], self.fields["unit"]).queryset = units


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label=_("Trên đơn vị"), queryset=Unit.objects.none(), required=False
    )
    cluster_term: forms.ModelChoiceField[ClusterTerm] = forms.ModelChoiceField(
        label=_("Hoặc trên cụm thi đua của một năm"),
        queryset=ClusterTerm.objects.none(),
        required=False,
    )

    def __init__(
        self, *args: Any, units: Any, terms: Any = None, roles: Any = None, **kwargs: Any
    ) -> None:
        """``terms`` None: no grant on a cluster term is offered (a unit's leader grants on
        their units only); ``roles`` narrows the roles offered the same way."""
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField[Unit], self.fields["unit"]).queryset = units
        if terms is None:
            del self.fields["cluster_term"]
        else:
            field = cast(forms.ModelChoiceField[ClusterTerm], self.fields["cluster_term"])
            field.queryset = terms
        if roles is not None:
            cast(forms.ChoiceField, self.fields["role"]).choices = [
                (value, label) for value, label in Role.choices if value in roles
            ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("unit") and data.get("cluster_term"):
            raise forms.ValidationError(
                _("Chọn một đơn vị hoặc một cụm thi đua, không chọn cả hai.")
            )
        return data


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=_("Lý do khóa tài khoản"), max_length=300)


class StaffImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel danh sách cán bộ (.xlsx)"),
        error_messages={"required": _("Chưa chọn tệp để tải lên.")},
    )
