"""Creating a board's staff accounts from its Excel sheet: every row checked first, every
problem reported with its row, and nothing written unless all of them are valid.

The accounts are made without a password (none travels in a spreadsheet): each person gets a
one-time link to set their own (``password_reset``) from whoever manages the accounts.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.excel.read import StaffRow
from thidua.accounts.models import Role, User
from thidua.accounts.policy import UNIT_GRANTABLE_ROLES, Action, require
from thidua.accounts.selectors import account_units_for
from thidua.accounts.services import role_grant, user_create
from thidua.audit.services import audit_record
from thidua.core.errors import ValidationFailedError
from thidua.core.text import fold
from thidua.orgs.models import Unit

USERNAME = re.compile(r"^[a-z0-9._-]{3,150}$")
MAX_NAME = 150


@dataclass(frozen=True)
class StaffEntry:
    full_name: str
    username: str
    email: str
    role: Role | None
    unit: Unit


def _roles_by_text() -> dict[str, Role]:
    """A role as a person types it: its label (in Vietnamese or the page's language), the
    label without its bracket, or its code."""
    found: dict[str, Role] = {}
    for language in ("vi", translation.get_language()):
        with translation.override(language):
            for role in Role:
                if role in UNIT_GRANTABLE_ROLES:
                    label = str(role.label)
                    for text in (label, label.split("(")[0], role.value):
                        found[fold(text)] = role
    return found


def _units_by_text(units: Sequence[Unit]) -> dict[str, Unit]:
    found: dict[str, Unit] = {}
    for unit in units:
        found[fold(unit.name)] = unit
        found[fold(unit.code)] = unit
    return found


def _entry(
    values: dict[str, str],
    problems: list[str],
    *,
    units: dict[str, Unit],
    roles: dict[str, Role],
) -> StaffEntry | None:
    full_name, email = values.get("full_name", ""), values.get("email", "")
    username = values.get("username", "").lower()
    if not full_name:
        problems.append(_("Thiếu họ và tên."))
    elif len(full_name) > MAX_NAME:
        problems.append(_("Họ và tên tối đa %(n)s ký tự.") % {"n": MAX_NAME})
    if not username:
        problems.append(_("Thiếu tên đăng nhập."))
    elif not USERNAME.match(username):
        problems.append(
            _(
                "Tên đăng nhập “%(u)s” chỉ được có chữ thường không dấu, số, dấu chấm, gạch "
                "nối, từ 3 ký tự."
            )
            % {"u": username}
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_("Thư điện tử “%(e)s” không hợp lệ.") % {"e": email})
    role_text = values.get("role", "")
    role = roles.get(fold(role_text)) if role_text else None
    if role_text and role is None:
        problems.append(
            _("Vai trò “%(r)s” không nhập được; chọn một trong: %(roles)s.")
            % {
                "r": role_text,
                "roles": ", ".join(
                    str(label) for value, label in Role.choices if value in UNIT_GRANTABLE_ROLES
                ),
            }
        )
    unit_text = values.get("unit", "")
    unit = units.get(fold(unit_text)) if unit_text else None
    if not unit_text:
        problems.append(_("Thiếu đơn vị."))
    elif unit is None:
        problems.append(
            _("Đơn vị “%(u)s” không có trong các đơn vị bạn được cấp tài khoản.") % {"u": unit_text}
        )
    if problems or unit is None:
        return None
    return StaffEntry(full_name, username, email, role, unit)


def staff_import_check(*, actor: User, rows: Sequence[StaffRow]) -> list[StaffEntry]:
    """Every row's meaning and problems, all rows at once; raises with every problem found."""
    require(actor, Action.ACCOUNTS_MANAGE)
    units = _units_by_text(list(account_units_for(user=actor, today=timezone.localdate())))
    roles = _roles_by_text()
    wanted = [r.values.get("username", "").lower() for r in rows]
    taken = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    seen: dict[str, int] = {}
    entries: list[StaffEntry] = []
    problems: dict[str, list[str]] = {}
    for row in rows:
        found: list[str] = []
        entry = _entry(row.values, found, units=units, roles=roles)
        username = row.values.get("username", "").lower()
        if username in taken:
            found.append(_("Tên đăng nhập “%(u)s” đã tồn tại.") % {"u": username})
        elif username and username in seen:
            found.append(
                _("Tên đăng nhập “%(u)s” trùng với dòng %(row)s.")
                % {"u": username, "row": seen[username]}
            )
        seen.setdefault(username, row.row)
        if found:
            problems[_("Dòng %(row)s") % {"row": row.row}] = found
        elif entry is not None:
            entries.append(entry)
    if problems:
        raise ValidationFailedError(_("Tệp Excel có lỗi, chưa lưu gì."), problems)
    return entries


def staff_import(*, actor: User, rows: Sequence[StaffRow]) -> list[User]:
    """Create every account of the file (and its role on its unit) in one transaction."""
    entries = staff_import_check(actor=actor, rows=rows)
    with transaction.atomic():
        created = []
        for entry in entries:
            user = user_create(
                actor=actor,
                username=entry.username,
                password=None,
                full_name=entry.full_name,
                unit=entry.unit,
                email=entry.email,
            )
            if entry.role is not None:
                role_grant(actor=actor, user=user, role=entry.role, unit=entry.unit)
            created.append(user)
        audit_record(
            actor=actor,
            action="user.import",
            object_type="accounts.user",
            object_id="",
            object_repr=_("%(n)s tài khoản từ Excel") % {"n": len(created)},
            after={"usernames": [u.username for u in created]},
        )
    return created
