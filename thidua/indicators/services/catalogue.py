"""The indicator catalogue kept in ``data/catalogue.yaml`` and its idempotent loader.

The file is the reference: loading it twice changes nothing and writes no audit row the second
time. Indicators that the file does not name (added by hand) are left as they are.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.core.errors import ValidationFailedError
from thidua.indicators.models import Direction, Indicator, IndicatorKind, RollUp

CATALOGUE_PATH = Path(__file__).parents[1] / "data" / "catalogue.yaml"
CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,39}")
# A share rolls up as the ratio of the sums of x and y; averaging the percentages would weigh
# a board of 200 posts like one of 20,000.
ROLLUPS_BY_KIND: Mapping[str, frozenset[str]] = {
    IndicatorKind.COUNT: frozenset({RollUp.SUM, RollUp.MAX, RollUp.MIN, RollUp.NONE}),
    IndicatorKind.AMOUNT: frozenset({RollUp.SUM, RollUp.MAX, RollUp.MIN, RollUp.NONE}),
    IndicatorKind.SHARE: frozenset({RollUp.RATIO_OF_SUMS, RollUp.NONE}),
    IndicatorKind.PERCENTAGE: frozenset({RollUp.MAX, RollUp.MIN, RollUp.NONE}),
    IndicatorKind.YES_NO: frozenset({RollUp.SUM, RollUp.NONE}),
}
_STORED = (
    "name",
    "kind",
    "unit_of_measure",
    "direction",
    "rollup",
    "numerator_label",
    "denominator_label",
    "description",
    "position",
    "active",
)


@dataclass
class CatalogueLoad:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _text(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    return "" if value is None else " ".join(str(value).split())


def _entry_problems(entry: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    code, kind, rollup = _text(entry, "code"), _text(entry, "kind"), _text(entry, "rollup")
    if not CODE_PATTERN.fullmatch(code):
        problems.append(_("Mã phải viết thường, không dấu, nối bằng “_”, tối đa 40 ký tự."))
    if not _text(entry, "name"):
        problems.append(_("Thiếu tên chỉ tiêu."))
    if not _text(entry, "source"):
        problems.append(_("Thiếu nguồn (source) của chỉ tiêu."))
    if kind not in IndicatorKind.values:
        problems.append(_("Loại chỉ tiêu “%(kind)s” không hợp lệ.") % {"kind": kind})
    elif rollup not in ROLLUPS_BY_KIND[kind]:
        problems.append(
            _("Cách tổng hợp “%(rollup)s” không dùng được cho loại “%(kind)s”.")
            % {"rollup": rollup, "kind": IndicatorKind(kind).label}
        )
    if _text(entry, "direction") not in Direction.values:
        problems.append(_("Chiều đánh giá phải là “higher” hoặc “lower”."))
    is_share = kind == IndicatorKind.SHARE
    labels = bool(_text(entry, "numerator_label")) and bool(_text(entry, "denominator_label"))
    if is_share and not labels:
        problems.append(_("Chỉ tiêu tỷ lệ cần ghi rõ tử số (x) và mẫu số (y)."))
    if not is_share and (_text(entry, "numerator_label") or _text(entry, "denominator_label")):
        problems.append(_("Chỉ chỉ tiêu tỷ lệ mới có tử số và mẫu số."))
    return problems


def catalogue_read(path: Path = CATALOGUE_PATH) -> list[dict[str, Any]]:
    """The entries of the catalogue file, checked; every bad entry is reported."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValidationFailedError(
            _("Không đọc được danh mục chỉ tiêu: %(error)s") % {"error": exc}, {}
        ) from exc
    entries = document.get("indicators") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValidationFailedError(_("Danh mục chỉ tiêu không có mục “indicators”."), {})
    problems: dict[str, list[str]] = {}
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            problems[str(position)] = [_("Mục này không phải một chỉ tiêu.")]
            continue
        code = _text(entry, "code")
        place = code or str(position)
        found = _entry_problems(entry)
        if code in seen:
            found.append(_("Mã chỉ tiêu bị trùng."))
        seen.add(code)
        if found:
            problems[place] = found
            continue
        rows.append(
            {
                "code": code,
                "name": _text(entry, "name"),
                "kind": _text(entry, "kind"),
                "unit_of_measure": _text(entry, "unit_of_measure"),
                "direction": _text(entry, "direction"),
                "rollup": _text(entry, "rollup"),
                "numerator_label": _text(entry, "numerator_label"),
                "denominator_label": _text(entry, "denominator_label"),
                "description": _text(entry, "description"),
                "position": position * 10,
                "active": bool(entry.get("active", True)),
            }
        )
    if problems:
        raise ValidationFailedError(_("Danh mục chỉ tiêu có lỗi, chưa nạp gì."), problems)
    return rows


def indicator_catalogue_load(
    *, actor: User | None = None, path: Path = CATALOGUE_PATH
) -> CatalogueLoad:
    """Create or update every indicator of the file, matched by code, in one transaction."""
    rows = catalogue_read(path)
    result = CatalogueLoad()
    with transaction.atomic():
        codes = [row["code"] for row in rows]
        existing = {i.code: i for i in Indicator.objects.select_for_update().filter(code__in=codes)}
        changes: dict[str, dict[str, Any]] = {}
        for row in rows:
            current = existing.get(row["code"])
            if current is None:
                Indicator.objects.create(**row)
                result.created.append(row["code"])
                continue
            before = {key: getattr(current, key) for key in _STORED}
            after = {key: row[key] for key in _STORED}
            if before == after:
                result.unchanged.append(row["code"])
                continue
            for key, value in after.items():
                setattr(current, key, value)
            current.save()
            changes[row["code"]] = {k: [before[k], v] for k, v in after.items() if before[k] != v}
            result.updated.append(row["code"])
        if result.created or result.updated:
            audit_record(
                actor=actor,
                action="indicator.catalogue_load",
                object_type="indicators.indicator",
                object_repr=str(path.name),
                after={"created": result.created, "updated": changes},
            )
    return result
