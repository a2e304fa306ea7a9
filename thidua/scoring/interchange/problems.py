"""Typed reads of a JSON document that record every problem under its path instead of stopping.

An import must report all that is wrong with a document at once ("scales[0].criteria[3].maximum:
“abc” is not a number"), so each read returns a usable default and notes the problem. Unit codes
and usernames are collected while reading and looked up together at the end.
"""

import datetime as dt
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.orgs.models import ClusterTerm, Unit

_MISSING: Any = object()
# Stand-ins for values that failed to read: the document is refused, so they are never saved.
ZERO = Decimal(0)
NEVER = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class Problems:
    """Messages in Vietnamese keyed by the path of the offending value."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.found.setdefault(path or "$", []).append(message)

    def count(self) -> int:
        return sum(len(m) for m in self.found.values())

    def __bool__(self) -> bool:
        return bool(self.found)


def child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class Fields:
    """One JSON object of the document; reading a key marks it known, ``close`` flags the rest."""

    def __init__(self, problems: Problems, data: Any, path: str) -> None:
        self.problems, self.path = problems, path
        self.ok = isinstance(data, dict)
        if not self.ok:
            problems.add(path, _("Phải là một đối tượng JSON."))
        self.data: dict[str, Any] = data if self.ok else {}
        self._known: set[str] = set()

    def at(self, key: str) -> str:
        return child(self.path, key)

    def add(self, key: str, message: str) -> None:
        self.problems.add(self.at(key), message)

    def known(self, *keys: str) -> None:
        self._known.update(keys)

    def close(self) -> None:
        for key in sorted(set(self.data) - self._known):
            self.add(key, _("Trường này không có trong định dạng tài liệu."))

    def raw(self, key: str, *, required: bool = True) -> Any:
        self._known.add(key)
        if key not in self.data:
            if required and self.ok:
                self.add(key, _("Thiếu trường bắt buộc."))
            return _MISSING
        return self.data[key]

    def has(self, key: str) -> bool:
        return key in self.data

    def text(
        self, key: str, *, required: bool = True, max_length: int = 0, blank: bool = True
    ) -> str:
        value = self.raw(key, required=required)
        if value is _MISSING:
            return ""
        if not isinstance(value, str):
            self.add(key, _("Phải là chuỗi ký tự."))
            return ""
        if not blank and not value.strip():
            self.add(key, _("Không được để trống."))
        if max_length and len(value) > max_length:
            self.add(key, _("Dài quá %(n)s ký tự.") % {"n": max_length})
        return value

    def integer(self, key: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self.raw(key, required=required)
        if value is _MISSING or (value is None and not required):
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(key, _("Phải là số nguyên."))
            return None
        number: int = value
        if number < minimum:
            self.add(key, _("Phải từ %(n)s trở lên.") % {"n": minimum})
            return None
        return number

    def flag(self, key: str, *, default: bool = False) -> bool:
        value = self.raw(key, required=False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.add(key, _("Phải là true hoặc false."))
            return default
        return value

    def number(
        self,
        key: str,
        *,
        required: bool = True,
        nullable: bool = False,
        digits: int = 7,
        places: int | None = 2,
        default: Decimal | None = None,
    ) -> Decimal | None:
        value = self.raw(key, required=required)
        if value is _MISSING:
            return default
        if value is None:
            if not nullable:
                self.add(key, _("Không được để trống."))
            return None
        return decimal_parse(self.problems, self.at(key), value, digits=digits, places=places)

    def moment(self, key: str, *, required: bool = False) -> dt.datetime | None:
        value = self.raw(key, required=required)
        if value is _MISSING or (value is None and not required):
            return None
        parsed = None
        if isinstance(value, str):
            try:
                parsed = dt.datetime.fromisoformat(value)
            except ValueError:
                parsed = None
        if parsed is None or parsed.tzinfo is None:
            self.add(
                key,
                _("Ngày giờ phải theo ISO 8601 và có múi giờ, ví dụ 2018-03-31T17:00:00+07:00."),
            )
            return None
        return parsed

    def choice(
        self, key: str, choices: Collection[str], *, required: bool = True, default: str = ""
    ) -> str:
        value = self.raw(key, required=required)
        if value is _MISSING:
            return default
        return choice_check(self.problems, self.at(key), value, choices) or default

    def elements(self, key: str, *, required: bool = False) -> Iterator[tuple[str, Any]]:
        """The (path, element) pairs of a list; a missing optional list is empty."""
        value = self.raw(key, required=required)
        if value is _MISSING or value is None:
            return iter(())
        if not isinstance(value, list):
            self.add(key, _("Phải là một danh sách."))
            return iter(())
        return ((child(self.at(key), i), item) for i, item in enumerate(value))

    def nested(self, key: str, *, required: bool = True) -> "Fields | None":
        value = self.raw(key, required=required)
        if value is _MISSING or (value is None and not required):
            return None
        return Fields(self.problems, value, self.at(key))


def decimal_parse(
    problems: Problems, path: str, value: Any, *, digits: int = 7, places: int | None = 2
) -> Decimal | None:
    """A number written as a string ("12.50") or a JSON number; never a float in the result."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.add(path, _('Phải là một số, viết dạng chuỗi như "12.50".'))
        return None
    try:
        parsed = Decimal(str(value).strip())
    except InvalidOperation:
        parsed = None
    if parsed is None or not parsed.is_finite():
        problems.add(path, _("“%(value)s” không phải là số.") % {"value": value})
        return None
    exponent = parsed.as_tuple().exponent
    if places is not None and isinstance(exponent, int) and -exponent > places:
        problems.add(path, _("Chỉ được tối đa %(n)s chữ số thập phân.") % {"n": places})
        return None
    if abs(parsed) >= Decimal(10) ** (digits - (places or 0)):
        problems.add(path, _("Số quá lớn."))
        return None
    return parsed


def choice_check(problems: Problems, path: str, value: Any, choices: Collection[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        problems.add(
            path,
            _("Giá trị “%(value)s” không hợp lệ; phải là một trong: %(choices)s.")
            % {"value": value, "choices": ", ".join(choices)},
        )
        return ""
    return value


def setter(obj: Any, attribute: str) -> Callable[[Any], None]:
    """Assign a referenced unit or user once the whole document has been read."""

    def assign(value: Any) -> None:
        setattr(obj, attribute, value)

    return assign


@dataclass
class _Ref:
    path: str
    key: str
    assign: Callable[[Any], None]
    flag: bool = False  # units: may be the supervising department; users: needed


class References:
    """Unit codes and usernames met while reading, resolved with one query each at the end."""

    def __init__(self) -> None:
        self.units: list[_Ref] = []
        self.users: list[_Ref] = []

    def unit(
        self, path: str, code: str, assign: Callable[[Any], None], *, assessor: bool = False
    ) -> None:
        if code:
            self.units.append(_Ref(path, code, assign, assessor))

    def user(
        self, f: Fields, key: str, assign: Callable[[Any], None], *, needed: bool = False
    ) -> None:
        """A username; ``needed`` falls back to the importing account when it is unknown here."""
        name = f.raw(key, required=False)
        if name is _MISSING or name is None:
            name = ""
        if not isinstance(name, str):
            f.add(key, _("Phải là tên đăng nhập."))
        elif name or needed:
            self.users.append(_Ref(f.at(key), name, assign, needed))

    def resolve(self, problems: Problems, term: ClusterTerm, actor: Any) -> None:
        units = {u.code: u for u in Unit.objects.filter(code__in={r.key for r in self.units})}
        members = {m.unit_id for m in term.memberships.all()}
        for ref in self.units:
            unit = units.get(ref.key)
            if unit is None:
                problems.add(ref.path, _("Không có đơn vị mã “%(code)s”.") % {"code": ref.key})
            elif unit.pk in members or (ref.flag and unit.pk == term.supervising_department_id):
                ref.assign(unit)
            else:
                problems.add(
                    ref.path,
                    _("Đơn vị “%(code)s” không thuộc cụm thi đua của nhiệm kỳ nhận.")
                    % {"code": ref.key},
                )
        users = {
            u.username: u for u in User.objects.filter(username__in={r.key for r in self.users})
        }
        fallback = actor if isinstance(actor, User) else None
        for ref in self.users:
            user = users.get(ref.key) or (fallback if ref.flag else None)
            if ref.flag and user is None:
                problems.add(
                    ref.path,
                    _(
                        "Không tìm thấy tài khoản người ký “%(name)s”; hãy nhập bằng một tài khoản "
                        "quản trị để ghi tài khoản đó thay người ký."
                    )
                    % {"name": ref.key},
                )
            ref.assign(user)
