"""What the record tests build: a board's staff member and the issue's worked example, made
through the services (audited), on Bình Dương's board (the personas' own board)."""

import datetime as dt

from tests.builders.people import persona
from tests.builders.reports import binh_duong
from thidua.awards.models import Grant, RevocationGround
from thidua.awards.services.records import achievement_year_set, grant_enter, initiative_add
from thidua.awards.services.records.years import YearFacts
from thidua.orgs.models import Person, Unit
from thidua.orgs.services import person_create, position_add

JUDGED_ON = dt.date(2025, 1, 15)


def staff_member(
    unit: Unit | None = None,
    *,
    name: str = "Nguyễn Thị Hồng Nhung",
    birth_year: int = 1985,
    title: str = "Chuyên viên",
) -> Person:
    person = person_create(actor=None, full_name=name, birth_year=birth_year)
    position_add(actor=None, person=person, unit=unit or binh_duong(), title=title)
    return person


def worked_example(person: Person) -> None:
    """Issue 13: 2023 excellent + 1 initiative, 2024 excellent + 1 initiative + Chiến sĩ thi đua
    cơ sở → eligible for the Commission's Bằng khen (Art. 74.1.d, second branch)."""
    actor = persona("thuongtruc")
    for year in (2023, 2024):
        achievement_year_set(
            actor=actor, person=person, year=year, facts=YearFacts(rating="excellent")
        )
        initiative_add(
            actor=actor,
            person=person,
            year=year,
            title=f"Số hóa hồ sơ đảng viên {year}",
            level="base",
            decision=f"{year}/QĐ-BTCTU",
            decided_on=dt.date(year, 11, 20),
        )
    grant_enter(
        actor=actor,
        person=person,
        award="base_emulation_fighter",
        year=2024,
        decision_number="15/QĐ-BTCTU",
        decided_on=dt.date(2024, 12, 20),
        issuer="Ban Tổ chức Tỉnh ủy Bình Dương",
    )


def two_titles_in_a_row(person: Person) -> list[Grant]:
    """Branch 1 of Art. 74.1.d only: Chiến sĩ thi đua cơ sở in 2023 and 2024, rated "good"
    (so branch 2, which needs excellent years, fails)."""
    actor = persona("thuongtruc")
    grants = []
    for year in (2023, 2024):
        achievement_year_set(actor=actor, person=person, year=year, facts=YearFacts(rating="good"))
        grant, _new = grant_enter(
            actor=actor,
            person=person,
            award="base_emulation_fighter",
            year=year,
            decision_number=f"{year}-7/QĐ-BTCTU",
            decided_on=dt.date(year, 12, 20),
            issuer="Ban Tổ chức Tỉnh ủy Bình Dương",
        )
        grants.append(grant)
    return grants


def revoke(grant: Grant, on: dt.date) -> None:
    """Revocation is the lead's service; the tests set its fields directly."""
    Grant.objects.filter(pk=grant.pk).update(
        revoked_on=on,
        revocation_ground=RevocationGround.FALSE_DECLARATION,
        revocation_decision="3/QĐ-THT",
        revocation_reason="Kê khai không đúng thành tích.",
    )
