"""The record forms of a person's or a unit's page, and the service each one calls."""

from collections.abc import Callable
from typing import Any

from django import forms

from thidua.accounts.models import User
from thidua.accounts.policy import Action, may
from thidua.awards.access import secretariat
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.forms import (
    DisciplineForm,
    GrantForm,
    InitiativeForm,
    PendingForm,
    UnitYearForm,
    YearForm,
)
from thidua.awards.services.records import (
    achievement_year_set,
    discipline_add,
    grant_enter,
    initiative_add,
    pending_open,
)
from thidua.awards.services.records.years import YearFacts
from thidua.orgs.models import Person, Unit

# The path segment of each form ("/ca-nhan/7/ghi/nam/"), in the order the page shows them.
KINDS = ("nam", "sang-kien", "khen-thuong", "ky-luat", "vu-viec")


def _ids(kind: str) -> str:
    """Each form of the page its own element ids, so every label names its own box."""
    return f"id_{kind.replace('-', '_')}_%s"


def record_forms(
    subject: SubjectKind, bound: tuple[str, forms.Form] | None = None
) -> dict[str, forms.Form]:
    """Every form of the page, empty, but the one just posted (shown with its errors)."""
    made = {kind: bound_form(kind, subject, None) for kind in KINDS}
    if bound is not None:
        made[bound[0]] = bound[1]
    return made


def bound_form(kind: str, subject: SubjectKind, data: Any) -> forms.Form:
    """The form of ``kind`` for this kind of subject, bound to ``data`` (None: empty)."""
    ids = _ids(kind)
    if kind == "nam":
        if subject == SubjectKind.INDIVIDUAL:
            return YearForm(data, auto_id=ids)
        return UnitYearForm(data, auto_id=ids)
    if kind == "khen-thuong":
        return GrantForm(data, subject=subject, auto_id=ids)
    classes: dict[str, type[forms.Form]] = {
        "sang-kien": InitiativeForm,
        "ky-luat": DisciplineForm,
        "vu-viec": PendingForm,
    }
    return classes[kind](data, auto_id=ids)


def work_unit(actor: User, person: Person) -> Unit | None:
    """The unit a person's year is kept under: the one of their units the actor keeps (the
    first of their units for the secretariat)."""
    units = [p.unit for p in person.positions.select_related("unit")]
    for unit in units:
        if may(actor, Action.UNIT_EDIT, unit):
            return unit
    return units[0] if units and secretariat(actor) else None


def _year(actor: User, person: Person | None, unit: Unit | None, data: dict[str, Any]) -> None:
    counts = {
        name: data.get(name)
        for name in ("members", "members_completed", "members_ldtt", "members_cstdcs")
    }
    facts = YearFacts(
        rating=data["rating"],
        note=data["note"],
        leads_cluster=data.get("leads_cluster"),
        **counts,
    )
    achievement_year_set(actor=actor, year=data["year"], facts=facts, person=person, unit=unit)


def _initiative(
    actor: User, person: Person | None, unit: Unit | None, data: dict[str, Any]
) -> None:
    initiative_add(actor=actor, person=person, unit=unit, **data)


def _grant(actor: User, person: Person | None, unit: Unit | None, data: dict[str, Any]) -> None:
    grant_enter(actor=actor, person=person, unit=unit, **data)


def _discipline(
    actor: User, person: Person | None, unit: Unit | None, data: dict[str, Any]
) -> None:
    discipline_add(actor=actor, person=person, unit=unit, **data)


def _pending(actor: User, person: Person | None, unit: Unit | None, data: dict[str, Any]) -> None:
    pending_open(actor=actor, person=person, unit=unit, **data)


SAVE: dict[str, Callable[[User, Person | None, Unit | None, dict[str, Any]], None]] = {
    "nam": _year,
    "sang-kien": _initiative,
    "khen-thuong": _grant,
    "ky-luat": _discipline,
    "vu-viec": _pending,
}
