"""The services that keep the achievement records: each writes what it says, audited, refuses
bad input under the field's name, and refuses whoever may not keep the subject's records."""

import datetime as dt
from collections.abc import Callable

import pytest

from tests.awards.records_world import staff_member
from tests.builders.people import persona
from tests.builders.reports import binh_duong
from thidua.audit.models import AuditEvent
from thidua.awards.models import AchievementYear, Discipline, Grant, Initiative, PendingMatter
from thidua.awards.services.records import (
    achievement_year_set,
    discipline_add,
    discipline_end_set,
    grant_enter,
    initiative_add,
    pending_close,
    pending_open,
)
from thidua.awards.services.records.years import YearFacts
from thidua.core.errors import PermissionDeniedError, ValidationFailedError
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 12, 20)


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_a_board_officer_records_a_staff_member_year_once() -> None:
    person = staff_member()
    officer = persona("canbo.binhduong")
    row, changed = achievement_year_set(
        actor=officer, person=person, unit=binh_duong(), year=2024, facts=YearFacts("excellent")
    )
    assert changed
    assert (row.rating, row.unit, row.source, row.recorded_by) == (
        "excellent",
        binh_duong(),
        "entered",
        officer,
    )
    assert _events("achievement_year.set") == 1
    _same, changed = achievement_year_set(
        actor=officer, person=person, year=2024, facts=YearFacts("excellent")
    )
    assert not changed
    assert _events("achievement_year.set") == 1
    achievement_year_set(actor=officer, person=person, year=2024, facts=YearFacts("good"))
    assert AchievementYear.objects.get(person=person, year=2024).rating == "good"
    event = AuditEvent.objects.filter(action="achievement_year.set").latest("pk")
    assert (event.before or {})["rating"] == "excellent"
    assert (event.after or {})["rating"] == "good"


def test_a_person_year_takes_no_collective_counts() -> None:
    person = staff_member()
    with pytest.raises(ValidationFailedError) as refused:
        achievement_year_set(
            actor=persona("thuongtruc"),
            person=person,
            year=2024,
            facts=YearFacts("excellent", members=10, leads_cluster=True),
        )
    assert set(refused.value.problems) == {"members", "leads_cluster"}
    assert not AchievementYear.objects.filter(person=person).exists()


def test_a_unit_year_keeps_its_counts_within_its_members() -> None:
    board = binh_duong()
    secretariat = persona("thuongtruc")
    with pytest.raises(ValidationFailedError) as refused:
        achievement_year_set(
            actor=secretariat,
            unit=board,
            year=2024,
            facts=YearFacts("excellent", members=10, members_completed=11, members_ldtt=-1),
        )
    assert set(refused.value.problems) == {"members_completed", "members_ldtt"}
    assert "10" in refused.value.problems["members_completed"][0]
    row, _changed = achievement_year_set(
        actor=secretariat,
        unit=board,
        year=2024,
        facts=YearFacts("excellent", members=10, members_completed=10, leads_cluster=True),
    )
    assert (row.person, row.unit, row.members, row.leads_cluster) == (None, board, 10, True)


def test_a_year_out_of_range_and_a_rating_not_of_the_four_are_refused() -> None:
    with pytest.raises(ValidationFailedError) as refused:
        achievement_year_set(
            actor=persona("thuongtruc"),
            person=staff_member(),
            year=20245,
            facts=YearFacts("very_good"),
        )
    assert set(refused.value.problems) == {"year", "rating"}


def test_an_initiative_needs_a_title_and_a_level() -> None:
    person = staff_member()
    officer = persona("canbo.binhduong")
    with pytest.raises(ValidationFailedError) as refused:
        initiative_add(actor=officer, person=person, year=2024, title=" ", level="galactic")
    assert set(refused.value.problems) == {"title", "level"}
    initiative = initiative_add(
        actor=officer,
        person=person,
        year=2024,
        title="Số hóa hồ sơ",
        level="base",
        decided_on=DAY,
    )
    assert Initiative.objects.get(person=person) == initiative
    assert _events("initiative.add") == 1


def test_a_discipline_is_recorded_then_its_end() -> None:
    person = staff_member()
    officer = persona("canbo.binhduong")
    with pytest.raises(ValidationFailedError) as refused:
        discipline_add(
            actor=officer,
            person=person,
            kind="Khiển trách",
            start=dt.date(2022, 3, 1),
            end=dt.date(2022, 1, 1),
        )
    assert set(refused.value.problems) == {"end"}
    row = discipline_add(
        actor=officer, person=person, kind="Khiển trách", start=dt.date(2022, 3, 1)
    )
    assert row.end is None
    discipline_end_set(actor=officer, discipline=row, end=dt.date(2022, 9, 30))
    assert Discipline.objects.get(pk=row.pk).end == dt.date(2022, 9, 30)
    assert _events("discipline.add") == _events("discipline.end_set") == 1


def test_a_pending_matter_is_opened_then_closed_once() -> None:
    person = staff_member()
    officer = persona("canbo.binhduong")
    matter = pending_open(
        actor=officer, person=person, kind="inspection", opened_on=dt.date(2024, 5, 1)
    )
    with pytest.raises(ValidationFailedError) as refused:
        pending_close(actor=officer, matter=matter, closed_on=dt.date(2024, 4, 1))
    assert set(refused.value.problems) == {"closed_on"}
    pending_close(actor=officer, matter=matter, closed_on=dt.date(2024, 6, 1))
    assert PendingMatter.objects.get(pk=matter.pk).closed_on == dt.date(2024, 6, 1)
    with pytest.raises(ValidationFailedError):
        pending_close(actor=officer, matter=matter, closed_on=dt.date(2024, 7, 1))
    with pytest.raises(ValidationFailedError) as unknown:
        pending_open(actor=officer, person=person, kind="rumour", opened_on=dt.date(2024, 5, 1))
    assert set(unknown.value.problems) == {"kind"}


def _grant(person: Person | None = None, **changes: object) -> tuple[Grant, bool]:
    values: dict[str, object] = {
        "award": "base_emulation_fighter",
        "year": 2024,
        "decision_number": "15/QĐ-BTCTU",
        "decided_on": DAY,
        "issuer": "Ban Tổ chức Tỉnh ủy Bình Dương",
        **changes,
    }
    subject: dict[str, object] = (
        {"person": person} if person is not None else {"unit": binh_duong()}
    )
    return grant_enter(actor=persona("canbo.binhduong"), **subject, **values)  # type: ignore[arg-type]


def test_a_grant_from_the_archive_is_entered_once() -> None:
    person = staff_member()
    grant, new = _grant(person)
    assert new
    assert (grant.award, grant.source, grant.decision_number) == (
        "base_emulation_fighter",
        "entered",
        "15/QĐ-BTCTU",
    )
    again, new = _grant(person)
    assert (again, new) == (grant, False)
    assert _events("grant.enter") == 1


def test_a_grant_the_catalogue_does_not_give_to_the_subject_is_refused() -> None:
    person = staff_member()
    with pytest.raises(ValidationFailedError) as collective_title:
        _grant(person, award="collective_excellent")
    assert "không tặng cho cá nhân" in collective_title.value.problems["award"][0]
    with pytest.raises(ValidationFailedError) as individual_title:
        _grant(None, award="base_emulation_fighter")
    assert "không tặng cho tập thể" in individual_title.value.problems["award"][0]
    with pytest.raises(ValidationFailedError) as unknown:
        _grant(person, award="nobel", decision_number="", decided_on=dt.date(2023, 1, 1))
    assert set(unknown.value.problems) == {"award", "decision_number", "decided_on"}
    assert not Grant.objects.exists()


WRITES: dict[str, Callable[..., object]] = {
    "year": lambda actor, person: achievement_year_set(
        actor=actor, person=person, year=2024, facts=YearFacts("excellent")
    ),
    "initiative": lambda actor, person: initiative_add(
        actor=actor, person=person, year=2024, title="Sáng kiến", level="base"
    ),
    "discipline": lambda actor, person: discipline_add(
        actor=actor, person=person, kind="Khiển trách", start=DAY
    ),
    "pending": lambda actor, person: pending_open(
        actor=actor, person=person, kind="complaint", opened_on=DAY
    ),
    "grant": lambda actor, person: grant_enter(
        actor=actor,
        person=person,
        award="advanced_worker",
        year=2024,
        decision_number="1/QĐ",
        decided_on=DAY,
        issuer="Ban",
    ),
}


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
@pytest.mark.parametrize("write", sorted(WRITES))
def test_who_may_not_keep_the_records_writes_nothing(username: str, write: str) -> None:
    person = staff_member()
    with pytest.raises(PermissionDeniedError):
        WRITES[write](persona(username), person)
    for model in (AchievementYear, Initiative, Discipline, PendingMatter, Grant):
        assert not model.objects.filter(person=person).exists()


@pytest.mark.parametrize("username", ["canbo.binhduong", "lanhdao.binhduong", "thuongtruc"])
def test_the_board_and_the_secretariat_keep_the_board_staff_records(username: str) -> None:
    person = staff_member()
    for write in WRITES.values():
        write(persona(username), person)
    assert AchievementYear.objects.filter(person=person).exists()
    assert Grant.objects.filter(person=person).exists()


def test_another_board_may_not_keep_this_board_records_as_a_collective() -> None:
    with pytest.raises(PermissionDeniedError):
        achievement_year_set(
            actor=persona("canbo.daklak"), unit=binh_duong(), year=2024, facts=YearFacts("good")
        )
