"""The deliberation minutes and the submission of cluster 4's 2018 round, deliberated and
submitted through the services: the day in words, who came, each candidate's approvals and
share against the rule book's half, the list by award with its grounds; and who may not."""

import pytest
from django.utils import translation

from tests.builders.assessments import published_plan
from tests.builders.clusters import plain_members
from tests.builders.people import persona, staff_of
from tests.documents.awards_world import board_round, cluster_round, tables, words
from thidua.awards.services.rounds import round_open
from thidua.core.errors import NotFoundError
from thidua.documents.builders import BUILDERS
from thidua.rulebook.services.loader import rulebook_load

pytestmark = pytest.mark.django_db
minutes = BUILDERS["deliberation_minutes"].build
submission = BUILDERS["submission"].build


def test_the_deliberation_minutes_give_each_candidate_its_approvals_and_the_threshold() -> None:
    world = cluster_round()
    a, b, c = (u.name for u in world.units)
    content = minutes(world.round.pk, persona("lanhdao.binhduong"))
    assert content.header.issuing_body == "CỤM THI ĐUA SỐ 4"
    assert content.header.number_symbol == "Số     -BB/CTĐ"
    assert content.header.place == "Bình Dương"
    assert content.issuer.register_key == "cluster:4:2018"
    text = words(content)
    assert "Hôm nay, ngày 12 tháng 01 năm 2019, Cụm thi đua số 4" in text
    assert "Số thành viên được triệu tập: 10; có mặt: 9; vắng mặt: 1." in text
    # Half of the ten summoned: five approvals at least.
    assert "đạt từ 1/2 tổng số thành viên được triệu tập (10) trở lên, tức từ 5 phiếu" in text
    flag, certificate = (
        "Cờ thi đua của Ban Tổ chức Trung ương",
        "Bằng khen của Ban Tổ chức Trung ương",
    )
    # The flag first, then the registrations in the Vietnamese order of the names: Bình Phước
    # (C), Bình Thuận (B), Ninh Thuận (A).
    assert tables(content)[0].rows == [
        ["1", a, flag, "5", "50,00 %", "Đề nghị"],
        ["2", c, certificate, "4", "40,00 %", "Không đề nghị"],
        ["3", b, certificate, "4", "40,00 %", "Không đề nghị"],
        ["4", a, certificate, "4", "40,00 %", "Không đề nghị"],
    ]
    assert "Hội nghị thống nhất đề nghị 1 trên 4 trường hợp được bình xét." in text
    head = content.signatures[-1]
    assert (head.authority, head.title) == ("T/M CỤM THI ĐUA SỐ 4", "CỤM TRƯỞNG")


def test_the_submission_lists_those_proposed_by_award_with_their_grounds() -> None:
    world = cluster_round(submit=True)
    a = world.units[0].name
    content = submission(world.round.pk, persona("thuongtruc"))
    assert (content.type_name, content.type_abbreviation) == ("TỜ TRÌNH", "TTr")
    assert content.header.number_symbol == "Số     -TTr/CTĐ"
    text = words(content)
    assert "Kính gửi: Hội đồng Thi đua, Khen thưởng Ban Tổ chức Trung ương" in text
    assert "Căn cứ kết quả họp bình xét ngày 12 tháng 01 năm 2019" in text
    assert "I. CỜ THI ĐUA CỦA BAN TỔ CHỨC TRUNG ƯƠNG: 1 trường hợp" in text
    # Only the flag reached half of the ten: the certificates are not on the list.
    assert "BẰNG KHEN" not in text
    (row,) = tables(content)[0].rows
    assert row[:3] == ["1", a, "5"]
    # The engine finds the cluster's leader eligible, citing the rules it applied.
    assert row[3].startswith("Đủ điều kiện (")
    assert "Nghị định 91/2017/NĐ-CP" in row[3]
    assert "Tổng số đề nghị: 1 tập thể, 0 cá nhân." in text


def test_a_draft_round_has_neither_minutes_nor_submission() -> None:
    rulebook_load()
    plan, _ = published_plan()
    round_ = round_open(
        actor=persona("lanhdao.binhduong"), level="cluster", year=2018, term=plan.term
    )
    for build in (minutes, submission):
        with pytest.raises(NotFoundError):
            build(round_.pk, persona("thuongtruc"))


def test_a_board_outside_the_round_and_a_plain_member_have_no_minutes() -> None:
    world = cluster_round(submit=True)
    member = staff_of(plain_members(world.round.term)[5])
    for user in (persona("canbo.daklak"), persona("nguoingoai"), member):
        for build in (minutes, submission):
            with pytest.raises(NotFoundError):
                build(world.round.pk, user)


def test_the_documents_are_vietnamese_whatever_the_reader_s_language() -> None:
    world = board_round(decide=False)
    user = persona("lanhdao.binhduong")
    with translation.override("vi"):
        vietnamese = words(submission(world.round.pk, user))
    with translation.override("en"):
        english_reader = words(submission(world.round.pk, user))
    assert english_reader == vietnamese
    # The reasons kept as message ids are rendered in Vietnamese too.
    assert "Chưa đủ" in english_reader
