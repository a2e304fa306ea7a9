"""The summary report of a cluster's year, drafted from the data: figures against targets and
their change on last year, the ranking and the leading unit, the practices shared, the late
reports, the largest self-vs-peer gaps and the targets missed. Every figure is worked out by
hand from the data each test sets."""

from decimal import Decimal

import pytest
from django.utils import translation

from tests.builders.assessments import (
    marks,
    peer_assessed,
    published_plan,
    registered,
    self_assessed,
)
from tests.builders.clusters import plain_members, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import advance_to, small_plan
from tests.builders.reports import close, indicator, period, report, target
from tests.documents.columns import assert_ordinals_fit, figure_problems
from tests.documents.texts import plain
from thidua.core.errors import PermissionDeniedError
from thidua.documents.builders import BUILDERS
from thidua.documents.content import DocumentContent, Paragraph, Placeholder, Table
from thidua.indicators.services.practices import good_practice_publish
from thidua.plans.models import PlanStage

pytestmark = pytest.mark.django_db
D = Decimal


def texts(content: DocumentContent) -> list[str]:
    return [plain(b.text) for b in content.body if isinstance(b, Paragraph)]


def test_the_summary_states_the_years_figures_ranking_practices_and_what_lagged() -> None:
    """Cadres trained: A 1.000 + B 722 = 1.722 in 2018 against 900 + 700 = 1.600 in 2017:
    +122, that is 122 / 1.600 = 7,625 → 7,63 %. A's share 61/1.151 = 5,30 % against its
    10 % target: 53,00 %. The ranking is published_plan's: A 95,00 leads."""
    _plan, (a, b, c) = published_plan()
    trained, share = indicator("cadres_trained_or_retrained"), indicator("staff_streamlined_share")
    report(a, period(2017), {trained: 900})
    report(b, period(2017), {trained: 700})
    target(a, share, 2018, 2018, D(10))
    report(a, period(2018), {trained: 1000, share: (61, 1151)})
    report(b, period(2018), {trained: 722})
    close(period(2018))  # the deadline, 15 January 2019, is long past: both came late
    good_practice_publish(
        actor=staff_of(a),
        unit=a,
        title="Số hóa hồ sơ đảng viên",
        area="Công tác đảng viên",
        what_was_done="Quét và lưu hồ sơ.",
        year=2018,
    )
    with translation.override("en"):
        content = BUILDERS["summary_report"].build(term(4, 2018).pk, persona("lanhdao.binhduong"))
    lines = texts(content)
    assert content.summary == "tổng kết công tác thi đua năm 2018"
    assert content.header.number_symbol == "Số     -BC/CTĐ"
    assert (
        "- Số lượt cán bộ được đào tạo, bồi dưỡng: 1.722 lượt; so với năm 2017: +122 (+7,63 %)."
        in lines
    )
    assert "- Tỷ lệ tinh giản biên chế: 61/1.151 (5,30 %), đạt 53,00 % chỉ tiêu." in lines
    assert f"Đơn vị dẫn đầu Cụm: {a.name} (95,00 điểm)." in lines
    ranking = next(t for t in content.body if isinstance(t, Table) and t.caption == "Bảng xếp hạng")
    assert [r[:2] for r in ranking.rows[:3]] == [["1", a.name], ["2", b.name], ["3", c.name]]
    # The eight members that sent no sheet share the 4th place with 0 points.
    assert [(r[0], r[5], r[6]) for r in ranking.rows[3:]] == [
        ("4", "0,00", "Đồng hạng (8 đơn vị)")
    ] * 8
    assert f"- {a.name}: Số hóa hồ sơ đảng viên (công tác đảng viên)." in lines
    # What lagged: late reports, the missing ones, the target missed.
    assert any(t.startswith(f"- {a.name} gửi báo cáo tổng kết năm 2018 chậm ") for t in lines)
    (missing,) = [t for t in lines if t.startswith("- Chưa gửi báo cáo tổng kết năm 2018")]
    assert missing.startswith("- Chưa gửi báo cáo tổng kết năm 2018 (9 đơn vị): ")  # 11 - A, B
    assert c.name in missing
    assert a.name not in missing
    assert (
        f"- {a.name}: Tỷ lệ tinh giản biên chế đạt 61/1.151 (5,30 %) so với chỉ tiêu "
        "10,00 % (53,00 %)." in lines
    )
    assert "Điểm tự chấm của các thành viên sát với điểm chấm chéo." in lines
    placeholders = [b.text for b in content.body if isinstance(b, Placeholder)]
    assert "Phương hướng, nhiệm vụ trọng tâm của Cụm năm 2019 (Thư ký Cụm viết)." in placeholders
    assert content.signatures[0].authority == "T/M CỤM THI ĐUA SỐ 4"


def test_the_summary_names_the_largest_self_vs_peer_gap() -> None:
    """A scores itself 28 on 1.1 and B gives it 20: a gap of 8; B scores itself 25 and A gives
    it 24: a gap of 1. Every other criterion is scored alike (same figures)."""
    plan = small_plan(term(4, 2018))
    a, b = plain_members(plan.term)[:2]
    registered(plan, [a, b])
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    self_assessed(plan, a, marks("28", "45", True, "1", "120"))
    self_assessed(plan, b, marks("25", "40", True, "0", "100"))
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    peer_assessed(plan, a, b, marks("20", "45", True, "1", "120"))
    peer_assessed(plan, b, a, marks("24", "40", True, "0", "100"))
    content = BUILDERS["summary_report"].build(term(4, 2018).pk, persona("thuongtruc"))
    lines = texts(content)
    start = lines.index("Các tiêu chí có điểm tự chấm cao hơn điểm chấm chéo nhiều nhất:")
    assert lines[start + 1 : start + 3] == [
        f"- {a.name}, tiêu chí 1.1 (Tham mưu đề án): tự chấm 28,00 điểm, chấm chéo 20,00 "
        "điểm, chênh lệch 8,00 điểm.",
        f"- {b.name}, tiêu chí 1.1 (Tham mưu đề án): tự chấm 25,00 điểm, chấm chéo 24,00 "
        "điểm, chênh lệch 1,00 điểm.",
    ]
    assert "Kết quả chấm điểm chưa được công bố." in lines


def test_a_plain_member_cannot_draft_the_clusters_summary() -> None:
    plan = small_plan(term(4, 2018))
    member = plain_members(plan.term)[0]
    with pytest.raises(PermissionDeniedError):
        BUILDERS["summary_report"].build(term(4, 2018).pk, staff_of(member))


def totals_of(content: DocumentContent) -> Table:
    return next(
        b for b in content.body if isinstance(b, Table) and b.caption.startswith("Kết quả so với")
    )


def test_the_table_is_said_to_compare_with_last_year_only_when_it_does() -> None:
    """2018's figures alone: no previous-year column, and the caption does not promise one;
    with 2017's year-end period too, both are there. The share reads on two lines in its cell
    ("61/" and "1.151 (5,30 %)") so no number is cut, and each percentage keeps its sign with a
    no-break space; the ordinal column holds "TT" on one line at every width."""
    published_plan()
    a = plain_members(term(4, 2018))[0]
    share = indicator("staff_streamlined_share")
    target(a, share, 2018, 2018, D(10))
    report(a, period(2018), {share: (61, 1151)})
    build = BUILDERS["summary_report"].build
    alone = totals_of(build(term(4, 2018).pk, persona("thuongtruc")))
    assert alone.caption == "Kết quả so với chỉ tiêu"
    assert "Năm trước" not in alone.columns
    (row,) = alone.rows
    assert row[3:] == ["61/\n1.151 (5,30\u00a0%)", "10,00\u00a0%", "53,00\u00a0%"]
    report(a, period(2017), {share: (50, 1000)})
    compared = totals_of(build(term(4, 2018).pk, persona("thuongtruc")))
    assert compared.caption == "Kết quả so với chỉ tiêu và năm trước"
    assert compared.columns[4:6] == ["Năm trước", "Tăng, giảm"]
    assert_ordinals_fit([alone, compared])


def test_a_year_without_a_reporting_period_does_not_call_the_reports_on_time() -> None:
    published_plan()
    build = BUILDERS["summary_report"].build
    lines = texts(build(term(4, 2018).pk, persona("thuongtruc")))
    assert "Các thành viên gửi báo cáo đúng hạn." not in lines
    assert "Trong năm không tổ chức kỳ báo cáo nào, không có hạn gửi báo cáo." in lines
    period(2018)  # open for another month: nothing is due yet
    lines = texts(build(term(4, 2018).pk, persona("thuongtruc")))
    assert "Các thành viên gửi báo cáo đúng hạn." not in lines
    assert "Trong năm chưa có kỳ báo cáo nào đến hạn gửi." in lines


def test_the_checker_finds_the_old_totals_table_cutting_its_figures() -> None:
    """The demo's table before: "1.934/110.826" in a 27 mm column and "102,34 %" (its space
    now no-break) in a 21 mm one at 13 pt."""
    old = Table(
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Chỉ tiêu giao", "Tỷ lệ đạt"],
        [["1", "Tỷ lệ tinh giản biên chế", "%", "1.934/110.826 (1,75 %)", "-", "102,34\u00a0%"]],
        widths=[0.8, 4.6, 1.4, 2.0, 1.6, 1.6],
    )
    problems = figure_problems(old)
    assert len(problems) == 2
    assert "'1.934/110.826'" in problems[0]
