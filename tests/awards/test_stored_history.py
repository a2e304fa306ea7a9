"""The history the engine reads from the records, as of a day; the registry's search and a
unit's awards following its lineage."""

import datetime as dt

import pytest

from tests.builders.clusters import board
from tests.builders.people import persona
from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.eligibility import eligibility
from thidua.awards.models import (
    AchievementYear,
    Grant,
    GrantSource,
    Initiative,
    PendingMatter,
)
from thidua.awards.selectors.history import people_histories, unit_histories
from thidua.awards.selectors.judging import catalogue
from thidua.awards.selectors.registry import registry_search, unit_grants
from thidua.orgs.models import Person
from thidua.rulebook.engine.types import Outcome
from thidua.rulebook.selectors import rule_book

D = dt.date
pytestmark = pytest.mark.usefixtures("rulebook")


def _grant(**fields: object) -> Grant:
    defaults: dict[str, object] = {
        "source": GrantSource.ENTERED,
        "decision_number": "12-QĐ/BTCTW",
        "decided_on": D(2019, 2, 1),
        "issuer": "Ban Tổ chức Trung ương",
    }
    return Grant.objects.create(**(defaults | fields))


def _worked_example(person: Person) -> None:
    """Issue 13's worked example: 2023 excellent + 1 initiative, 2024 excellent + 1 initiative
    + Chiến sĩ thi đua cơ sở."""
    for year in (2023, 2024):
        AchievementYear.objects.create(
            person=person, year=year, rating="excellent", source="entered"
        )
        Initiative.objects.create(person=person, year=year, title=f"Sáng kiến {year}", level="base")
    _grant(person=person, award="base_emulation_fighter", year=2024, decided_on=D(2025, 1, 5))


def _judge(person: Person, on: dt.date) -> Outcome:
    history = people_histories([person.pk], on=on)[person.pk]
    case = history.case(
        subject=SubjectKind.INDIVIDUAL, award="commission_certificate", judged_on=on
    )
    book = rule_book()
    return eligibility(case, book.on(on), book, catalogue()).outcome


def test_the_worked_example_stored_as_records_is_eligible_for_the_commission_certificate() -> None:
    person = Person.objects.create(full_name="Nguyễn Thị Hoa", birth_year=1980)
    _worked_example(person)
    assert _judge(person, D(2025, 1, 15)) == Outcome.ELIGIBLE


def test_a_title_decided_after_the_judging_day_is_not_yet_known() -> None:
    person = Person.objects.create(full_name="Trần Văn Nam", birth_year=1979)
    _worked_example(person)
    # The Chiến sĩ thi đua cơ sở of 2024 is decided on 05/01/2025: on 04/01 it does not count.
    history = people_histories([person.pk], on=D(2025, 1, 4))[person.pk]
    assert "base_emulation_fighter" not in history.years[2024].titles
    assert (
        "base_emulation_fighter"
        in people_histories([person.pk], on=D(2025, 1, 5))[person.pk].years[2024].titles
    )


def test_an_open_pending_matter_bars_and_a_closed_one_does_not() -> None:
    person = Person.objects.create(full_name="Lê Văn Bình", birth_year=1975)
    _worked_example(person)
    PendingMatter.objects.create(
        person=person, kind="inspection", opened_on=D(2024, 12, 1), closed_on=D(2025, 3, 1)
    )
    assert people_histories([person.pk], on=D(2025, 1, 15))[person.pk].pending == ("inspection",)
    assert _judge(person, D(2025, 1, 15)) == Outcome.NOT_ELIGIBLE
    assert people_histories([person.pk], on=D(2025, 3, 2))[person.pk].pending == ()
    assert _judge(person, D(2025, 3, 2)) == Outcome.ELIGIBLE


def test_a_year_with_a_record_and_no_initiative_knows_it_had_none() -> None:
    person = Person.objects.create(full_name="Phạm Thu", birth_year=1990)
    AchievementYear.objects.create(person=person, year=2023, rating="good", source="entered")
    _grant(person=person, award="advanced_worker", year=2022)
    years = people_histories([person.pk], on=D(2024, 6, 1))[person.pk].years
    assert years[2023].initiatives == 0
    assert years[2022].initiatives is None  # known only from a grant


def test_a_unit_dissolved_in_2025_is_judged_dissolved_and_cannot_be_proposed() -> None:
    binh_duong = board("74-63")
    assert binh_duong.valid_to is not None
    AchievementYear.objects.create(
        unit=binh_duong,
        year=2024,
        rating="excellent",
        source="entered",
        members=20,
        members_completed=20,
        members_ldtt=18,
        members_cstdcs=3,
    )
    on = D(2025, 9, 1)
    history = unit_histories([binh_duong.pk], on=on)[binh_duong.pk]
    assert history.dissolved_on == binh_duong.valid_to + dt.timedelta(days=1)
    case = history.case(subject=SubjectKind.COLLECTIVE, award="collective_excellent", judged_on=on)
    book = rule_book()
    verdict = eligibility(case, book.on(on), book, catalogue())
    assert verdict.outcome == Outcome.NOT_ELIGIBLE
    assert any(
        "15/2025/TT-BNV" in (line.citation.text if line.citation else "") for line in verdict.lines
    )


def test_a_predecessor_s_award_shows_under_its_successor() -> None:
    flag = _grant(unit=board("74-63"), award="commission_flag", year=2018)
    successor = board("79")
    user = persona("canbo.daklak")
    assert flag in unit_grants(user=user, unit=successor)
    assert flag in registry_search(user=user, unit=successor)
    # ... and not under an unrelated board.
    assert flag not in unit_grants(user=user, unit=board("66"))


def test_the_registry_is_searched_without_diacritics() -> None:
    flag = _grant(unit=board("74-63"), award="commission_flag", year=2018)
    user = persona("canbo.daklak")
    assert list(registry_search(user=user, text="binh duong")) == [flag]
    assert list(registry_search(user=user, text="BÌNH DƯƠNG", year=2018)) == [flag]
    assert list(registry_search(user=user, text="binh duong", year=2019)) == []
    assert list(registry_search(user=user, text="long an")) == []


def test_nobody_signed_out_reads_the_registry() -> None:
    from django.contrib.auth.models import AnonymousUser

    from thidua.core.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        registry_search(user=AnonymousUser())


def test_initiatives_recognised_at_ministry_level_are_counted_apart() -> None:
    person = Person.objects.create(full_name="Vũ Minh Châu", birth_year=1982)
    AchievementYear.objects.create(person=person, year=2023, rating="excellent", source="entered")
    AchievementYear.objects.create(person=person, year=2024, rating="excellent", source="entered")
    Initiative.objects.create(person=person, year=2024, title="Đề tài cấp Ban", level="ministry")
    Initiative.objects.create(person=person, year=2024, title="Sáng kiến cơ sở", level="base")
    years = people_histories([person.pk], on=D(2025, 3, 1))[person.pk].years
    assert (years[2024].initiatives, years[2024].initiatives_ministry) == (2, 1)
    assert (years[2023].initiatives, years[2023].initiatives_ministry) == (0, 0)
