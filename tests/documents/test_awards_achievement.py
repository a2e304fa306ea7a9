"""The achievement report of a candidate, prefilled from its records entered through the
services: five years of ratings, initiatives and awards received up to the round's year, the
placeholders the unit completes; built by the unit and the sector, by no other board."""

import datetime as dt

import pytest

from tests.builders.clusters import plain_members
from tests.builders.people import persona, staff_of
from tests.documents.awards_world import board_round, cluster_round, tables, words
from thidua.awards.services.records import achievement_year_set, grant_enter, initiative_add
from thidua.awards.services.records.years import YearFacts
from thidua.core.errors import NotFoundError
from thidua.documents.builders import BUILDERS
from thidua.documents.content import Placeholder
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db
report = BUILDERS["achievement_report"].build
BOARD = "Ban Tổ chức Tỉnh ủy Bình Dương"


def _records(person: Person) -> None:
    actor = persona("thuongtruc")
    achievement_year_set(actor=actor, person=person, year=2018, facts=YearFacts("excellent"))
    achievement_year_set(actor=actor, person=person, year=2019, facts=YearFacts("good"))
    initiative_add(
        actor=actor,
        person=person,
        year=2019,
        title="Số hóa hồ sơ cán bộ",
        level="base",
        decision="7/QĐ-BTCTU",
        decided_on=dt.date(2019, 11, 20),
    )
    for award, year, number, day, issuer in (
        ("advanced_worker", 2018, "20-QĐ/BTCTU", dt.date(2018, 12, 25), BOARD),
        (
            "commission_certificate",
            2017,
            "88-QĐ/BTCTW",
            dt.date(2018, 3, 1),
            "Ban Tổ chức Trung ương",
        ),
        # After the round's year: not part of this report.
        ("base_emulation_fighter", 2021, "5-QĐ/BTCTU", dt.date(2021, 12, 20), BOARD),
    ):
        grant_enter(
            actor=actor,
            person=person,
            award=award,
            year=year,
            decision_number=number,
            decided_on=day,
            issuer=issuer,
        )


def test_a_person_report_is_prefilled_from_the_records_of_five_years() -> None:
    world = board_round(decide=False)
    person = world.people[0]
    _records(person)
    candidate = world.round.candidates.get(person=person)
    content = report(candidate.pk, persona("canbo.binhduong"))
    assert (content.type_name, content.type_abbreviation) == ("BÁO CÁO", "BC")
    assert content.summary == "thành tích đề nghị tặng Chiến sĩ thi đua cơ sở năm 2019"
    assert content.header.number_symbol == "Số     -BC/BTCTU"
    assert content.source == {"round": world.round.pk, "candidate": candidate.pk}
    text = words(content)
    assert "Họ và tên: Trần Văn Bình" in text
    assert "Năm sinh: 1980" in text
    assert "Chức vụ: Chuyên viên" in text
    assert f"Đơn vị công tác: {BOARD}" in text
    years, initiatives, titles, others = tables(content)
    assert years.rows == [
        ["2015", "Chưa có số liệu", "0", ""],
        ["2016", "Chưa có số liệu", "0", ""],
        ["2017", "Chưa có số liệu", "0", "Bằng khen của Ban Tổ chức Trung ương"],
        ["2018", "Hoàn thành xuất sắc nhiệm vụ", "0", "Lao động tiên tiến"],
        ["2019", "Hoàn thành tốt nhiệm vụ", "1", ""],
    ]
    assert initiatives.rows == [
        ["2019", "Số hóa hồ sơ cán bộ", "Cấp cơ sở", "7/QĐ-BTCTU, 20/11/2019"],
    ]
    assert titles.rows == [["2018", "Lao động tiên tiến", "20-QĐ/BTCTU, 25/12/2018", BOARD]]
    assert others.rows == [
        [
            "2017",
            "Bằng khen của Ban Tổ chức Trung ương",
            "88-QĐ/BTCTW, 01/03/2018",
            "Ban Tổ chức Trung ương",
        ]
    ]
    assert "5-QĐ/BTCTU" not in text
    assert sum(isinstance(b, Placeholder) for b in content.body) == 3
    assert [(s.title, s.signer) for s in content.signatures] == [
        ("XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ", "…………………………"),
        ("NGƯỜI BÁO CÁO THÀNH TÍCH", "Trần Văn Bình"),
    ]
    assert words(report(candidate.pk, persona("thuongtruc"))) == text


@pytest.mark.parametrize("username", ["canbo.daklak", "canbo.longan", "nguoingoai"])
def test_another_board_has_no_report_of_our_staff(username: str) -> None:
    world = board_round(decide=False)
    candidate = world.round.candidates.first()
    assert candidate is not None
    with pytest.raises(NotFoundError):
        report(candidate.pk, persona(username))


def test_a_collective_report_is_the_unit_own_and_no_other_member_s() -> None:
    world = cluster_round()
    a = world.units[0]
    flag = world.round.candidates.get(award="commission_flag")
    content = report(flag.pk, staff_of(a))
    assert content.header.issuing_body == a.name.upper()
    assert content.header.superior_body == "TỈNH ỦY NINH THUẬN"
    assert "Tên tập thể: Ban Tổ chức Tỉnh ủy Ninh Thuận" in words(content)
    assert (
        content.summary == "thành tích đề nghị tặng Cờ thi đua của Ban Tổ chức Trung ương năm 2018"
    )
    other = plain_members(world.round.term)[1]
    with pytest.raises(NotFoundError):
        report(flag.pk, staff_of(other))
