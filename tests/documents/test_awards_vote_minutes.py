"""The counting committee's minutes of a paper vote, built from a count entered and confirmed
through the services: the figures, each share of the denominator, the rule cited as the
secretariat's parameter, a tie left to the meeting, a confidence vote's consequence; and who
may not have the minutes."""

import pytest
from django.utils import translation

from tests.builders.people import persona
from tests.documents.awards_world import counted_vote, tables, words
from tests.voting.builders import counters
from thidua.core.errors import NotFoundError
from thidua.documents.builders import BUILDERS
from thidua.voting.services import CandidateSpec, VoterSpec, VoteSpec, vote_create

pytestmark = pytest.mark.django_db
build = BUILDERS["vote_minutes"].build


def test_the_minutes_of_an_approval_vote_give_the_figures_the_shares_and_the_rule() -> None:
    vote = counted_vote([[8], [7]])
    content = build(vote.pk, persona("thuongtruc"))
    assert (content.type_name, content.type_abbreviation) == ("BIÊN BẢN", "BB")
    # A vote of the sector (no cluster, no board, not the council's rule): the Commission's.
    assert content.header.issuing_body == "BAN TỔ CHỨC TRUNG ƯƠNG"
    assert content.header.number_symbol == "Số     -BB/BTCTW"
    assert content.header.date is None
    text = words(content)
    assert "Hôm nay, ngày 10 tháng 01 năm 2025" in text
    assert "Tổng số người được triệu tập: 15; có mặt: 14; vắng mặt: 1." in text
    assert (
        "Số phiếu phát ra: 14; số phiếu thu vào: 14; số phiếu hợp lệ: 13; "
        "số phiếu không hợp lệ: 1." in text
    )
    # deliberation.approval_share 1/2 of the 15 summoned, unconfirmed in the rule book.
    assert (
        "đạt từ 1/2 tổng số người được triệu tập trở lên "
        "(Luật 06/2022/QH15; tham số do Thường trực đặt)" in text
    )
    result = tables(content)[-1]
    # 8/15 = 53,333… %, 7/15 = 46,666… %.
    assert result.rows == [
        ["1", "Ban Tổ chức Tỉnh ủy Bình Dương", "8", "53,33 %", "Đạt"],
        ["2", "Ban Tổ chức Tỉnh ủy Long An", "7", "46,67 %", "Không đạt"],
    ]
    assert "- Đồng chí Thành viên ban kiểm phiếu 1, Trưởng ban;" in text
    assert "- Đồng chí Thành viên ban kiểm phiếu 3, thành viên." in text
    assert [(s.title, s.signer) for s in content.signatures] == [
        ("TRƯỞNG BAN KIỂM PHIẾU", "Thành viên ban kiểm phiếu 1"),
        ("THÀNH VIÊN", "Thành viên ban kiểm phiếu 2"),
        ("THÀNH VIÊN", "Thành viên ban kiểm phiếu 3"),
    ]
    assert content.source == {"vote": vote.pk}


def test_a_tie_at_the_last_seat_is_shown_and_left_to_the_meeting() -> None:
    # Two seats, 13 valid ballots: 10 elected; 8 and 8 both pass (more than half of 13) and tie.
    vote = counted_vote(
        [[10], [8], [8]],
        kind="election",
        candidates=("Bình Dương", "Long An", "Lâm Đồng"),
        seats=2,
        rule_prefix="officer_election",
    )
    content = build(vote.pk, persona("thuongtruc"))
    assert tables(content)[-1].rows == [
        ["1", "Bình Dương", "10", "76,92 %", "Trúng cử"],
        ["2", "Long An", "8", "61,54 %", "Bằng phiếu, Hội nghị quyết định"],
        ["3", "Lâm Đồng", "8", "61,54 %", "Bằng phiếu, Hội nghị quyết định"],
    ]
    text = words(content)
    assert "Bằng phiếu nhau ở vị trí cuối cùng: Long An, Lâm Đồng; số cần bầu là 2." in text
    assert "được quá 1/2 số phiếu hợp lệ" in text
    assert "Tỷ lệ tính trên số phiếu hợp lệ: 13." in text


def test_a_confidence_vote_shows_the_levels_and_the_consequence() -> None:
    # 10 "low" of 14 ballots received: 71,43 %, two thirds or more → dismissal procedure.
    vote = counted_vote(
        [[1, 2, 10]],
        kind="confidence",
        candidates=("Nguyễn Văn Nam",),
        rule_prefix="confidence_vote",
    )
    content = build(vote.pk, persona("hoidong"))
    assert tables(content)[-1].rows == [
        ["1", "Nguyễn Văn Nam", "1", "2", "10", "71,43 %", "Xem xét cho thôi giữ chức vụ"],
    ]
    text = words(content)
    assert "Số người có mặt tối thiểu: 10; số có mặt đủ theo quy định." in text
    assert "trên 1/2 số phiếu thu vào" in text
    assert "từ 2/3 trở lên" in text


def test_an_english_reader_gets_the_vietnamese_figures() -> None:
    vote = counted_vote([[8], [7]])
    with translation.override("en"):
        content = build(vote.pk, persona("thuongtruc"))
    assert tables(content)[-1].rows[0][3] == "53,33 %"
    assert "Số phiếu phát ra: 14" in words(content)


def test_a_committee_member_has_the_minutes_once_final_and_not_before() -> None:
    member = counters()[2]
    pending = counted_vote([[8], [7]], confirmations=1)
    with pytest.raises(NotFoundError):
        build(pending.pk, member)
    final = counted_vote([[9], [7]])
    assert tables(build(final.pk, member))[-1].rows[0][3] == "60,00 %"


@pytest.mark.parametrize("username", ["nguoingoai", "canbo.daklak", "theodoi"])
def test_who_is_not_involved_has_no_minutes(username: str) -> None:
    vote = counted_vote([[8], [7]])
    with pytest.raises(NotFoundError):
        build(vote.pk, persona(username))


def test_a_voter_of_another_vote_has_no_minutes_of_this_one() -> None:
    vote = counted_vote([[8], [7]])
    voter = persona("canbo.longan")
    other = vote_create(
        actor=persona("thuongtruc"),
        spec=VoteSpec(
            title="Lấy ý kiến khác",
            kind="approval",
            mode="paper",
            year=2024,
            held_on=vote.held_on,
            rule_prefix="deliberation",
            candidates=[CandidateSpec("Ban Tổ chức Tỉnh ủy Lâm Đồng")],
            roll=[VoterSpec("Cán bộ Long An", user=voter)],
            committee=counters()[:2],
            trustees=[],
            summoned=15,
        ),
    )
    assert other.roll.filter(user=voter).exists()
    with pytest.raises(NotFoundError):
        build(vote.pk, voter)
