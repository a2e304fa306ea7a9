"""Discipline (its start, and its end once served) and pending matters (opened, closed): both
bar an award while they last; after a discipline, achievement counts from its end."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.audit.services import audit_record
from thidua.awards.models import Discipline, PendingKind, PendingMatter
from thidua.awards.services.records.subject import (
    date_problems,
    refused,
    subject_check,
    text_problems,
)
from thidua.orgs.models import Person, Unit

MAX_KIND = 120
MAX_DECISION = 120
MAX_NOTE = 300


def _after(start: dt.date, end: dt.date | None, problems: dict[str, list[str]], field: str) -> None:
    if end is not None and end < start:
        problems.setdefault(field, []).append(_("Ngày kết thúc không được trước ngày bắt đầu."))


def discipline_add(
    *,
    actor: User,
    kind: str,
    start: dt.date,
    person: Person | None = None,
    unit: Unit | None = None,
    end: dt.date | None = None,
    decision: str = "",
) -> Discipline:
    subject_check(actor, person=person, unit=unit)
    problems: dict[str, list[str]] = {}
    text_problems(kind, problems, field="kind", limit=MAX_KIND, required=True)
    text_problems(decision, problems, field="decision", limit=MAX_DECISION)
    date_problems(start, problems, field="start")
    _after(start, end, problems, "end")
    if problems:
        raise refused(problems)
    with transaction.atomic():
        row = Discipline.objects.create(
            person=person,
            unit=unit,
            kind=kind.strip(),
            start=start,
            end=end,
            decision=decision.strip(),
        )
        audit_record(
            actor=actor,
            action="discipline.add",
            obj=row,
            after={"kind": row.kind, "start": start, "end": end, "decision": row.decision},
        )
    return row


def discipline_end_set(*, actor: User, discipline: Discipline, end: dt.date | None) -> Discipline:
    """The day the discipline was served (empty: still being served)."""
    subject_check(actor, person=discipline.person, unit=discipline.unit)
    problems: dict[str, list[str]] = {}
    _after(discipline.start, end, problems, "end")
    if problems:
        raise refused(problems)
    with transaction.atomic():
        row = Discipline.objects.select_for_update().get(pk=discipline.pk)
        before = row.end
        if before == end:
            return row
        row.end = end
        row.save(update_fields=["end"])
        audit_record(
            actor=actor,
            action="discipline.end_set",
            obj=row,
            before={"end": before},
            after={"end": end},
        )
    return row


def pending_open(
    *,
    actor: User,
    kind: str,
    opened_on: dt.date,
    person: Person | None = None,
    unit: Unit | None = None,
    note: str = "",
) -> PendingMatter:
    subject_check(actor, person=person, unit=unit)
    problems: dict[str, list[str]] = {}
    if kind not in PendingKind.values:
        problems["kind"] = [_("Loại vụ việc không đúng.")]
    date_problems(opened_on, problems, field="opened_on")
    text_problems(note, problems, field="note", limit=MAX_NOTE)
    if problems:
        raise refused(problems)
    with transaction.atomic():
        row = PendingMatter.objects.create(
            person=person, unit=unit, kind=kind, opened_on=opened_on, note=note.strip()
        )
        audit_record(
            actor=actor,
            action="pending_matter.open",
            obj=row,
            after={"kind": kind, "opened_on": opened_on, "note": row.note},
        )
    return row


def pending_close(*, actor: User, matter: PendingMatter, closed_on: dt.date) -> PendingMatter:
    subject_check(actor, person=matter.person, unit=matter.unit)
    problems: dict[str, list[str]] = {}
    date_problems(closed_on, problems, field="closed_on")
    _after(matter.opened_on, closed_on, problems, "closed_on")
    if problems:
        raise refused(problems)
    with transaction.atomic():
        row = PendingMatter.objects.select_for_update().get(pk=matter.pk)
        if row.closed_on is not None:
            raise refused({"closed_on": [_("Vụ việc này đã kết thúc.")]})
        row.closed_on = closed_on
        row.save(update_fields=["closed_on"])
        audit_record(
            actor=actor,
            action="pending_matter.close",
            obj=row,
            before={"closed_on": None},
            after={"closed_on": closed_on},
        )
    return row
