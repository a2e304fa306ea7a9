"""The rule book kept in ``data/rulebook.yaml`` and its idempotent loader.

The file is checked whole and every bad entry reported before anything is written. Loading it
again changes nothing and writes no audit row. Instruments and confirmed rules follow the file;
a parameter row that already exists belongs to the secretariat (``parameter_set``) and is never
overwritten, so a reload after a change of the base salary keeps the change.
"""

import datetime as dt
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
from thidua.rulebook.engine.types import Confidence, intervals_overlap
from thidua.rulebook.models import Instrument, InstrumentKind, Rule

RULEBOOK_PATH = Path(__file__).parents[1] / "data" / "rulebook.yaml"
KEY_PATTERN = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
_INSTRUMENT_FIELDS = (
    "short_name",
    "kind",
    "issuer",
    "title",
    "signed_on",
    "effective_from",
    "effective_to",
    "note",
    "position",
)
_RULE_FIELDS = ("label", "value", "article", "valid_to", "confidence", "is_parameter", "note")


@dataclass
class RulebookLoad:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _text(entry: Mapping[str, Any], key: str) -> str:
    value = entry.get(key)
    return "" if value is None else " ".join(str(value).split())


def _date(entry: Mapping[str, Any], key: str, problems: list[str]) -> dt.date | None:
    value = entry.get(key)
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    problems.append(_("“%(field)s” phải là một ngày dạng YYYY-MM-DD.") % {"field": key})
    return None


def _instrument_row(entry: Mapping[str, Any], position: int, problems: list[str]) -> dict[str, Any]:
    row: dict[str, Any] = {name: _text(entry, name) for name in ("short_name", "issuer", "title")}
    row |= {"kind": _text(entry, "kind"), "note": _text(entry, "note"), "position": position * 10}
    for name in ("short_name", "issuer", "title"):
        if not row[name]:
            problems.append(_("Thiếu “%(field)s”.") % {"field": name})
    if row["kind"] not in InstrumentKind.values:
        problems.append(_("Loại văn bản “%(kind)s” không hợp lệ.") % {"kind": row["kind"]})
    row["signed_on"] = _date(entry, "signed_on", problems)
    row["effective_from"] = _date(entry, "effective_from", problems)
    row["effective_to"] = _date(entry, "effective_to", problems)
    if row["effective_from"] is None:
        problems.append(_("Thiếu ngày có hiệu lực."))
    elif row["effective_to"] is not None and row["effective_to"] < row["effective_from"]:
        problems.append(_("Ngày hết hiệu lực trước ngày có hiệu lực."))
    return row


def _rule_row(entry: Mapping[str, Any], numbers: set[str], problems: list[str]) -> dict[str, Any]:
    key, confidence = _text(entry, "key"), _text(entry, "confidence")
    if not KEY_PATTERN.fullmatch(key):
        problems.append(_("Mã quy định phải viết thường, không dấu, các phần nối bằng dấu chấm."))
    if not _text(entry, "label"):
        problems.append(_("Thiếu nội dung (label) của quy định."))
    if "value" not in entry or entry["value"] is None:
        problems.append(_("Thiếu giá trị."))
    if _text(entry, "instrument") not in numbers:
        problems.append(_("Không có văn bản số “%(n)s”.") % {"n": _text(entry, "instrument")})
    if confidence not in Confidence.__members__.values():
        problems.append(_("Mức xác nhận “%(c)s” không hợp lệ.") % {"c": confidence})
    valid_from = _date(entry, "valid_from", problems)
    valid_to = _date(entry, "valid_to", problems)
    if valid_from is None:
        problems.append(_("Thiếu ngày bắt đầu áp dụng."))
    elif valid_to is not None and valid_to < valid_from:
        problems.append(_("Ngày kết thúc trước ngày bắt đầu áp dụng."))
    return {
        "key": key,
        "label": _text(entry, "label"),
        "value": entry.get("value"),
        "instrument": _text(entry, "instrument"),
        "article": _text(entry, "article"),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "confidence": confidence,
        # domain.md §1: only confirmed rules are built in; every other one is a parameter.
        "is_parameter": confidence != Confidence.CONFIRMED,
        "note": _text(entry, "note"),
    }


def _entries(document: Any, name: str) -> list[Any]:
    entries = document.get(name) if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValidationFailedError(_("Tệp quy định không có mục “%(name)s”.") % {"name": name}, {})
    return entries


def rulebook_read(
    path: Path = RULEBOOK_PATH,
) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """The instruments (by number) and the rules of the file, checked; every bad entry is
    reported, under "văn bản N" or "quy định N" (its place in the file)."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValidationFailedError(
            _("Không đọc được tệp quy định: %(error)s") % {"error": exc}, {}
        ) from exc
    problems: dict[str, list[str]] = {}
    instruments: dict[str, dict[str, Any]] = {}
    replaces: dict[str, str] = {}
    for position, entry in enumerate(_entries(document, "instruments"), start=1):
        found: list[str] = []
        number = _text(entry, "number") if isinstance(entry, dict) else ""
        if not number:
            problems[_("văn bản %(n)s") % {"n": position}] = [_("Thiếu số, ký hiệu văn bản.")]
            continue
        row = _instrument_row(entry, position, found)
        if number in instruments:
            found.append(_("Số văn bản bị trùng."))
        if _text(entry, "replaces"):
            replaces[number] = _text(entry, "replaces")
        instruments[number] = row
        if found:
            problems[number] = found
    for number, replaced in replaces.items():
        if replaced not in instruments:
            problems.setdefault(number, []).append(
                _("Văn bản bị thay thế “%(n)s” không có trong tệp.") % {"n": replaced}
            )
        instruments[number]["replaces"] = replaced
    rules: list[dict[str, Any]] = []
    for position, entry in enumerate(_entries(document, "rules"), start=1):
        found = []
        row = _rule_row(entry if isinstance(entry, dict) else {}, set(instruments), found)
        if not found:
            span = (row["valid_from"], row["valid_to"])
            same_key = [(r["valid_from"], r["valid_to"]) for r in rules if r["key"] == row["key"]]
            if any(intervals_overlap(span, other) for other in same_key):
                found.append(_("Trùng thời gian áp dụng với một giá trị khác của cùng quy định."))
        if found:
            problems[_("quy định %(n)s (%(key)s)") % {"n": position, "key": row["key"]}] = found
        else:
            rules.append(row)
    if problems:
        raise ValidationFailedError(_("Tệp quy định có lỗi, chưa nạp gì."), problems)
    return instruments, rules


def _load_instruments(
    rows: dict[str, dict[str, Any]], result: RulebookLoad, changes: dict[str, Any]
) -> dict[str, Instrument]:
    existing = {i.number: i for i in Instrument.objects.select_for_update().filter(number__in=rows)}
    for number, row in rows.items():
        fields = {name: row[name] for name in _INSTRUMENT_FIELDS}
        current = existing.get(number)
        if current is None:
            existing[number] = Instrument.objects.create(number=number, **fields)
            result.created.append(number)
            continue
        before = {name: getattr(current, name) for name in _INSTRUMENT_FIELDS}
        if before == fields:
            result.unchanged.append(number)
            continue
        Instrument.objects.filter(pk=current.pk).update(**fields)
        changes[number] = {k: [before[k], v] for k, v in fields.items() if before[k] != v}
        result.updated.append(number)
    for number, row in rows.items():
        replaced = existing[row["replaces"]] if row.get("replaces") else None
        if existing[number].replaces_id != (replaced.pk if replaced else None):
            Instrument.objects.filter(number=number).update(replaces=replaced)
    return existing


def _load_rules(
    rows: list[dict[str, Any]],
    instruments: dict[str, Instrument],
    result: RulebookLoad,
    changes: dict[str, Any],
) -> None:
    keys = {row["key"] for row in rows}
    stored = list(Rule.objects.select_for_update().filter(key__in=keys))
    by_start = {(r.key, r.valid_from): r for r in stored}
    problems: dict[str, list[str]] = {}
    for row in rows:
        name = f"{row['key']}@{row['valid_from'].isoformat()}"
        instrument = instruments[row["instrument"]]
        current = by_start.get((row["key"], row["valid_from"]))
        fields = {n: row[n] for n in _RULE_FIELDS}
        if current is None:
            span = (row["valid_from"], row["valid_to"])
            others = [(r.valid_from, r.valid_to) for r in stored if r.key == row["key"]]
            if any(intervals_overlap(span, other) for other in others):
                problems[name] = [_("Trùng thời gian áp dụng với giá trị đã có trong hệ thống.")]
                continue
            Rule.objects.create(
                key=row["key"], valid_from=row["valid_from"], instrument=instrument, **fields
            )
            result.created.append(name)
            continue
        if current.is_parameter:
            result.unchanged.append(name)  # the secretariat's from now on
            continue
        before = {n: getattr(current, n) for n in _RULE_FIELDS} | {
            "instrument": current.instrument_id
        }
        after = fields | {"instrument": instrument.pk}
        if before == after:
            result.unchanged.append(name)
            continue
        Rule.objects.filter(pk=current.pk).update(instrument=instrument, **fields)
        changes[name] = {k: [before[k], v] for k, v in after.items() if before[k] != v}
        result.updated.append(name)
    if problems:
        raise ValidationFailedError(_("Tệp quy định có lỗi, chưa nạp gì."), problems)


def rulebook_load(*, actor: User | None = None, path: Path = RULEBOOK_PATH) -> RulebookLoad:
    """Create or update the instruments and rules of the file in one transaction."""
    instruments, rules = rulebook_read(path)
    result = RulebookLoad()
    changes: dict[str, Any] = {}
    with transaction.atomic():
        stored = _load_instruments(instruments, result, changes)
        _load_rules(rules, stored, result, changes)
        if result.created or result.updated:
            audit_record(
                actor=actor,
                action="rulebook.load",
                object_type="rulebook.rule",
                object_repr=path.name,
                after={"created": result.created, "updated": changes},
            )
    return result
