"""The round papers' tables as a word processor lays them out: the ordinal column ("STT")
holds its header on one line (0,6 of 9,8 left some 10 mm, and Word wrapped it S / T / T), the
percentages keep their sign beside the figure, and the grounds cite each instrument once."""

from __future__ import annotations

import pytest

from tests.builders.people import persona
from tests.documents.awards_world import board_round, cluster_round, counted_vote, tables
from tests.documents.columns import assert_ordinals_fit, ordinal_problems
from thidua.documents.builders import BUILDERS
from thidua.documents.builders.awards.common import share_percent
from thidua.documents.builders.awards.submission import distinct_citations
from thidua.documents.content import DocumentContent, Table

pytestmark = pytest.mark.django_db
LAW = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung 2005, 2013)"


def raw_tables(content: DocumentContent) -> list[Table]:
    return [block for block in content.body if isinstance(block, Table)]


def test_the_checker_finds_the_old_submission_column_too_narrow() -> None:
    old = Table(["STT", "Tên", "Số phiếu đồng ý", "Căn cứ đề nghị"], [], widths=[0.6, 3, 1.2, 5])
    assert ordinal_problems(old)


def test_every_round_paper_holds_its_ordinal_header_on_one_line() -> None:
    world = cluster_round(decide=True)
    found: list[Table] = []
    for kind, user in (
        ("deliberation_minutes", "lanhdao.binhduong"),
        ("submission", "thuongtruc"),
        ("decision", "hoidong"),
    ):
        found += raw_tables(BUILDERS[kind].build(world.round.pk, persona(user)))
    board = board_round()
    found += raw_tables(BUILDERS["decision"].build(board.round.pk, persona("lanhdao.binhduong")))
    for kind, counts in (("approval", [[8], [7]]), ("confidence", [[1, 2, 10]])):
        vote = counted_vote(
            counts,
            kind=kind,
            candidates=("Nguyễn Văn Nam",) if kind == "confidence" else ("A", "B"),
            rule_prefix="confidence_vote" if kind == "confidence" else "deliberation",
        )
        found += raw_tables(BUILDERS["vote_minutes"].build(vote.pk, persona("hoidong")))
    assert {t.columns[0] for t in found} >= {"STT"}
    assert_ordinals_fit(found)


def test_a_share_keeps_its_percent_sign_on_the_line() -> None:
    from fractions import Fraction

    assert share_percent(Fraction(8, 15)) == "53,33\u00a0%"


def test_the_grounds_cite_the_instrument_once_beside_its_article() -> None:
    cited = distinct_citations([LAW, "Nghị định 91/2017/NĐ-CP", f"Điều 26 {LAW}", LAW])
    assert cited == ["Nghị định 91/2017/NĐ-CP", f"Điều 26 {LAW}"]
    assert distinct_citations(["Điều 26 Luật A", "Điều 27 Luật A"]) == [
        "Điều 26 Luật A",
        "Điều 27 Luật A",
    ]


def test_the_submitted_flag_names_no_instrument_twice() -> None:
    world = cluster_round(submit=True)
    content = BUILDERS["submission"].build(world.round.pk, persona("thuongtruc"))
    (row,) = tables(content)[0].rows
    grounds = row[3]
    assert grounds.startswith("Đủ điều kiện (")
    assert grounds.count("Luật Thi đua, khen thưởng") <= 1, grounds
