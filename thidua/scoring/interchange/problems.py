"""Problems of a document in Vietnamese, keyed by the path of the offending value.

An import reports all that is wrong with a document at once ("scales[0].criteria[3].maximum:
“abc” không phải là số."). Pydantic's errors are translated here by their ``type``, with the
numbers of their context; the checks that need the rest of the document add their own.
"""

import re
from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from thidua.core.errors import ValidationFailedError
from thidua.scoring.interchange.document import FORMAT_NAME, FORMAT_VERSION
from thidua.scoring.interchange.values import NOT_BLANK, SHA256


class Problems:
    """Messages in Vietnamese keyed by the path of the offending value ("$": the document)."""

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, path: str, message: str) -> None:
        self.found.setdefault(path or "$", []).append(message)

    def count(self) -> int:
        return sum(len(m) for m in self.found.values())

    def refuse(self) -> None:
        if self.found:
            raise ValidationFailedError(_("Tài liệu kế hoạch không hợp lệ."), self.found)

    def from_error(self, error: ValidationError, *, prefix: str = "") -> None:
        for detail in error.errors(include_url=False):
            self.add(child(prefix, path_of(detail["loc"])), message_of(detail))


def child(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not key:
        return path
    return f"{path}.{key}" if path else key


def path_of(loc: Sequence[str | int]) -> str:
    """("scales", 0, "criteria", 3, "maximum") → "scales[0].criteria[3].maximum"."""
    path = ""
    for part in loc:
        if part != "[key]":  # a refused key of a mapping: the path names the key already
            path = child(path, part)
    return path


def _choices(detail: ErrorDetails) -> str:
    """The values pydantic lists as "'a', 'b' or 'c'", as the import has always listed them."""
    expected = str((detail.get("ctx") or {}).get("expected", ""))
    return ", ".join(re.findall(r"'([^']*)'", expected)) or expected


def _pattern(detail: ErrorDetails) -> str:
    pattern = (detail.get("ctx") or {}).get("pattern")
    if pattern == NOT_BLANK:
        return _("Không được để trống.")
    if pattern == SHA256:
        return _("Phải là mã băm SHA-256 gồm 64 ký tự thập lục phân viết thường.")
    return _("Không đúng mẫu %(pattern)s.") % {"pattern": pattern}


def _ctx(detail: ErrorDetails, key: str) -> object:
    return (detail.get("ctx") or {}).get(key)


def _one_of(detail: ErrorDetails) -> str:
    return _("Giá trị “%(value)s” không hợp lệ; phải là một trong: %(choices)s.") % {
        "value": detail["input"],
        "choices": _choices(detail),
    }


_MESSAGES: dict[str, Callable[[ErrorDetails], str]] = {
    "missing": lambda d: _("Thiếu trường bắt buộc."),
    "extra_forbidden": lambda d: _("Trường này không có trong định dạng tài liệu."),
    "model_type": lambda d: _("Phải là một đối tượng JSON."),
    "model_attributes_type": lambda d: _("Phải là một đối tượng JSON."),
    "dict_type": lambda d: _("Phải là một đối tượng JSON."),
    "list_type": lambda d: _("Phải là một danh sách."),
    "tuple_type": lambda d: _("Phải là một danh sách."),
    "string_type": lambda d: _("Phải là chuỗi ký tự."),
    "int_type": lambda d: _("Phải là số nguyên."),
    "bool_type": lambda d: _("Phải là true hoặc false."),
    "greater_than_equal": lambda d: _("Phải từ %(n)s trở lên.") % {"n": _ctx(d, "ge")},
    "string_too_long": lambda d: _("Dài quá %(n)s ký tự.") % {"n": _ctx(d, "max_length")},
    "string_too_short": lambda d: _("Không được để trống."),
    "string_pattern_mismatch": _pattern,
    "enum": lambda d: (
        _("Giá trị “%(value)s” không hợp lệ; phải là một trong: %(choices)s.")
        % {"value": d["input"], "choices": _choices(d)}
    ),
    "literal_error": lambda d: (
        _("Giá trị “%(value)s” không hợp lệ; phải là một trong: %(choices)s.")
        % {"value": d["input"], "choices": _choices(d)}
    ),
    # The types of ``document.Number``, ``Moment`` and the band pairs.
    "number_type": lambda d: _('Phải là một số, viết dạng chuỗi như "12.50".'),
    "number_parsing": lambda d: _("“%(value)s” không phải là số.") % {"value": d["input"]},
    "number_places": lambda d: _("Chỉ được tối đa %(n)s chữ số thập phân.") % {"n": _ctx(d, "n")},
    "number_too_big": lambda d: _("Số quá lớn."),
    "number_negative": lambda d: _("Không được âm."),
    "threshold_negative": lambda d: _("Ngưỡng chênh lệch không được âm."),
    "criterion_maximum": lambda d: _("Điểm tối đa không được âm."),
    "scale_maximum": lambda d: _("Điểm tối đa của thang điểm phải lớn hơn 0."),
    "moment": lambda d: _(
        "Ngày giờ phải theo ISO 8601 và có múi giờ, ví dụ 2018-03-31T17:00:00+07:00."
    ),
    "band": lambda d: _("Mỗi mức đạt gồm tỷ lệ hoàn thành và tỷ lệ điểm."),
}


def message_of(detail: ErrorDetails) -> str:
    translate = _MESSAGES.get(detail["type"])
    return translate(detail) if translate else _("Giá trị không hợp lệ.")


def header_problems(problems: Problems, error: ValidationError) -> None:
    """The format and the version say what a document is, so their refusal says so too."""
    for detail in error.errors(include_url=False):
        where = path_of(detail["loc"])
        if where == "format" and detail["type"] != "missing":
            message = _("Không phải tài liệu kế hoạch thi đua (format phải là “%(f)s”).") % {
                "f": FORMAT_NAME
            }
        elif where == "version" and detail["type"] != "missing":
            message = _("Phiên bản tài liệu “%(v)s” chưa được hỗ trợ (hỗ trợ: %(ok)s).") % {
                "v": detail["input"],
                "ok": FORMAT_VERSION,
            }
        else:
            message = message_of(detail)
        problems.add(where, message)
