"""The subject of a record being written: a person (with, where known, the unit they worked in)
or a unit as a collective; who may keep it; and the checks every record shares."""

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.access import may_keep_person_records, may_keep_unit_records, require
from thidua.awards.engine.catalogue import SubjectKind
from thidua.core.errors import ValidationFailedError
from thidua.orgs.models import Person, Unit

# A bound against typing mistakes (224, 20245), not a legal limit: archives older than this are
# not kept as records.
FIRST_YEAR = 1945


def refused(problems: dict[str, list[str]]) -> ValidationFailedError:
    return ValidationFailedError(_("Thông tin chưa hợp lệ, chưa lưu gì."), problems)


def subject_kind(person: Person | None) -> SubjectKind:
    return SubjectKind.INDIVIDUAL if person is not None else SubjectKind.COLLECTIVE


def subject_check(actor: User, *, person: Person | None, unit: Unit | None) -> None:
    """Refuse a record about nobody, one the actor may not keep (403), and an individual's
    record naming a unit the person never worked in."""
    if person is None and unit is None:
        raise refused({"subject": [_("Chưa chọn cá nhân hoặc đơn vị.")]})
    if person is not None:
        require(may_keep_person_records(actor, person))
        if unit is not None and not person.positions.filter(unit=unit).exists():
            raise refused({"unit": [_("Người này không công tác ở đơn vị đã chọn.")]})
    elif unit is not None:
        require(may_keep_unit_records(actor, unit))


def own_rows(person: Person | None, unit: Unit | None) -> dict[str, Any]:
    """The filter of a subject's own rows: a person's, or a unit's as a collective."""
    if person is not None:
        return {"person": person}
    return {"person__isnull": True, "unit": unit}


def year_problems(year: int, problems: dict[str, list[str]], *, field: str = "year") -> None:
    last = timezone.localdate().year
    if not FIRST_YEAR <= year <= last:
        problems.setdefault(field, []).append(
            _("Năm phải từ %(first)s đến %(last)s.") % {"first": FIRST_YEAR, "last": last}
        )


def date_problems(
    day: dt.date | None, problems: dict[str, list[str]], *, field: str, required: bool = True
) -> None:
    if day is None:
        if required:
            problems.setdefault(field, []).append(_("Chưa nhập ngày."))
        return
    if day > timezone.localdate():
        problems.setdefault(field, []).append(_("Ngày không được sau hôm nay."))


def text_problems(
    text: str, problems: dict[str, list[str]], *, field: str, limit: int, required: bool = False
) -> None:
    if required and not text.strip():
        problems.setdefault(field, []).append(_("Thông tin này là bắt buộc."))
    if len(text) > limit:
        problems.setdefault(field, []).append(_("Tối đa %(n)s ký tự.") % {"n": limit})
