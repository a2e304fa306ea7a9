"""The secretariat sets a parameter: a new value of an unconfirmed rule from a date, with its
citation and a reason.

The value in force on that date is closed the day before and the new one takes over until the
old one's end; nothing is rewritten in place, so a case judged on an earlier date keeps the
rule it was judged by. A confirmed rule is law shipped as data and is refused here.
"""

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.policy import Action, require
from thidua.audit.services import audit_record
from thidua.core.errors import DomainError, NotFoundError
from thidua.rulebook.engine.types import Confidence, JsonValue, ratio_parse
from thidua.rulebook.models import Instrument, Rule

_TRUE = {"true", "1", "có", "đúng", "yes"}
_FALSE = {"false", "0", "không", "sai", "no"}
_GROUPED_INTEGER = re.compile(r"\d{1,3}([. ]\d{3})+|\d+")


def _refused(message: str, field: str = "value") -> DomainError:
    return DomainError(message, field=field)


def value_parse(text: str, *, like: JsonValue, key: str) -> JsonValue:
    """``text`` typed by the secretariat, read as the same kind of value as ``like`` (the value
    it replaces): true/false, a whole number ("2.340.000" too), a ratio or a text."""
    typed = " ".join(text.split())
    if not typed:
        raise _refused(_("Hãy nhập giá trị."))
    if isinstance(like, bool):
        if typed.lower() in _TRUE | _FALSE:
            return typed.lower() in _TRUE
        raise _refused(_("Hãy nhập “có” hoặc “không”."))
    if isinstance(like, int):
        if not _GROUPED_INTEGER.fullmatch(typed):
            raise _refused(_("Hãy nhập một số nguyên không âm, ví dụ 2.340.000."))
        return int(typed.replace(".", "").replace(" ", ""))
    if isinstance(like, str) and ratio_parse(like) is not None:
        ratio = ratio_parse(typed)
        if ratio is None or ratio < 0:
            raise _refused(_("Hãy nhập một số không âm, ví dụ 0,20 hoặc 2/3."))
        if key.endswith("share") and ratio > 1:
            raise _refused(_("Tỷ lệ phải nằm trong khoảng từ 0 đến 1 (ví dụ 0,20 là 20 %)."))
        return typed.replace(",", ".").replace(" ", "")
    if isinstance(like, str):
        return typed
    raise _refused(_("Giá trị của quy định này không đặt được trên trang."))


def parameter_set(
    *,
    actor: User,
    key: str,
    value: str,
    valid_from: dt.date,
    citation_article: str,
    reason: str,
    instrument_number: str | None = None,
) -> Rule:
    """A new value of the parameter ``key`` from ``valid_from``; returns the new rule row."""
    require(actor, Action.RULEBOOK_SET_PARAMETER)
    article, why = " ".join(citation_article.split()), " ".join(reason.split())
    if not article:
        raise _refused(_("Hãy ghi điều, khoản (hoặc văn bản) làm căn cứ."), "citation_article")
    if not why:
        raise _refused(_("Hãy ghi lý do thay đổi."), "reason")
    with transaction.atomic():
        # Every value of the key, locked: two secretaries setting the same key queue here.
        rows = list(Rule.objects.select_for_update().filter(key=key).order_by("valid_from"))
        if not rows:
            raise NotFoundError(_("Không có quy định “%(key)s”.") % {"key": key})
        current = next((r for r in rows if r.as_value().in_force_on(valid_from)), None)
        if current is None:
            raise _refused(
                _("Ngày %(day)s chưa có giá trị nào của quy định này để thay.")
                % {"day": valid_from.strftime("%d/%m/%Y")},
                "valid_from",
            )
        if not current.is_parameter or current.confidence == Confidence.CONFIRMED:
            raise _refused(
                _("Quy định đã xác nhận (%(citation)s) không phải tham số, không sửa được ở đây.")
                % {"citation": current.citation.text},
                "key",
            )
        if valid_from <= current.valid_from:
            raise _refused(
                _("Ngày áp dụng phải sau ngày %(day)s, ngày bắt đầu của giá trị đang có.")
                % {"day": current.valid_from.strftime("%d/%m/%Y")},
                "valid_from",
            )
        later = [r for r in rows if r.valid_from > valid_from]
        if later:
            raise _refused(
                _("Đã có giá trị áp dụng từ ngày %(day)s; hãy đặt từ ngày đó trở đi.")
                % {"day": later[0].valid_from.strftime("%d/%m/%Y")},
                "valid_from",
            )
        instrument = current.instrument
        if instrument_number:
            named = Instrument.objects.filter(number=instrument_number).first()
            if named is None:
                raise _refused(_("Không có văn bản này."), "instrument")
            instrument = named
        parsed = value_parse(value, like=current.value, key=key)
        before = _snapshot(current)
        end = current.valid_to
        current.valid_to = valid_from - dt.timedelta(days=1)
        current.save(update_fields=["valid_to"])
        created = Rule.objects.create(
            key=key,
            label=current.label,
            value=parsed,
            instrument=instrument,
            article=article,
            valid_from=valid_from,
            valid_to=end,
            confidence=Confidence.UNCONFIRMED,
            is_parameter=True,
            note=current.note,
        )
        audit_record(
            actor=actor,
            action="rulebook.parameter_set",
            obj=created,
            before=before,
            after=_snapshot(created) | {"reason": why, "closed": current.pk},
        )
    return created


def _snapshot(rule: Rule) -> dict[str, object]:
    return {
        "key": rule.key,
        "value": rule.value,
        "instrument": rule.instrument.number,
        "article": rule.article,
        "valid_from": rule.valid_from.isoformat(),
        "valid_to": rule.valid_to.isoformat() if rule.valid_to else None,
        "confidence": rule.confidence,
    }
