"""The plan, the covenant and the scoring results report, built from plans made through the
services; every figure below is worked out by hand from the data each test sets."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import translation

from tests.builders.assessments import marks, published, registered, self_assessed
from tests.builders.clusters import head_of, members_of, plain_members, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import advance_to, small_plan
from tests.documents.columns import assert_ordinals_fit
from thidua.core.errors import NotFoundError, PermissionDeniedError
from thidua.documents.builders import BUILDERS
from thidua.documents.content import DocumentContent, Paragraph, Table
from thidua.orgs.models import Person
from thidua.orgs.services import position_add
from thidua.plans.models import PlanStage

pytestmark = pytest.mark.django_db


def texts(content: DocumentContent) -> list[str]:
    return [b.text for b in content.body if isinstance(b, Paragraph)]


def tables(content: DocumentContent) -> list[Table]:
    return [b for b in content.body if isinstance(b, Table)]


def test_the_plan_states_its_key_tasks_its_scale_and_the_cluster_as_issuer() -> None:
    plan = small_plan(term(4, 2018))
    head = head_of(plan.term)
    # An English reader gets the same Vietnamese document.
    with translation.override("en"):
        content = BUILDERS["plan"].build(plan.pk, persona("canbo.daklak"))
    assert (content.type_name, content.type_abbreviation) == ("KẾ HOẠCH", "KH")
    assert content.issuer.register_key == "cluster:4:2018"
    assert content.issuer.name == "CỤM THI ĐUA SỐ 4"
    assert content.header.number_symbol == "Số     -KH/CTĐ"
    assert content.header.place == head.short_name == "Bình Dương"
    assert "1. Công tác tổ chức, cán bộ." in texts(content)
    assert "2. Công tác đảng viên." in texts(content)
    assert "Tổng điểm chuẩn 100 điểm; điểm thưởng tối đa 5 điểm; điểm trừ tối đa 5 điểm." in texts(
        content
    )
    (scale,) = tables(content)
    assert scale.rows[:3] == [
        ["", "Điểm chuẩn", "100"],
        ["1", "NHIỆM VỤ TRỌNG TÂM", "60"],
        ["1.1", "    Tham mưu đề án", "30"],
    ]
    assert ["T.1", "Mô hình mới, cách làm hay", "5"] in scale.rows
    assert ["K.1", "Lãnh đạo Ban bị kỷ luật", "5"] in scale.rows
    (signature,) = content.signatures
    assert (signature.authority, signature.title) == ("T/M CỤM THI ĐUA SỐ 4", "CỤM TRƯỞNG")
    assert signature.signer.startswith("…")  # no leader on record: a line to write on


@override_settings(THIDUA_CLUSTER_SYMBOL="CTĐ4")
def test_the_cluster_symbol_is_configuration_and_the_head_signs_by_name() -> None:
    plan = small_plan(term(4, 2018))
    leader = Person.objects.create(full_name="Nguyễn Văn Minh")
    position_add(
        actor=None,
        person=leader,
        unit=head_of(plan.term),
        title="Trưởng ban",
        valid_from=dt.date(2016, 1, 1),
    )
    content = BUILDERS["plan"].build(plan.pk, persona("lanhdao.binhduong"))
    assert content.header.number_symbol == "Số     -KH/CTĐ4"
    assert content.signatures[0].signer == "Nguyễn Văn Minh"


def test_the_covenant_lists_the_targets_and_every_member_signs() -> None:
    plan = small_plan(term(4, 2018))
    a, b = plain_members(plan.term)[:2]
    registered(plan, [a, b], target=1250)
    content = BUILDERS["covenant"].build(plan.pk, persona("lanhdao.binhduong"))
    assert (content.type_name, content.header.number_symbol) == (
        "GIAO ƯỚC THI ĐUA",
        "Số     -GƯ/CTĐ",
    )
    (targets,) = tables(content)
    assert targets.columns[2] == "1.2. Kết nạp đảng viên mới"
    row_a = next(r for r in targets.rows if r[1] == a.name)
    assert row_a[2:] == ["1.250", "Bằng khen của Ban Tổ chức Trung ương"]
    assert_ordinals_fit([targets])
    # Every member board signs, each in its own block.
    everyone = members_of(plan.term)
    assert len(content.signatures) == len(everyone) == 11
    assert {s.body for s in content.signatures} == {u.name.upper() for u in everyone}
    assert all(s.title == "TRƯỞNG BAN" for s in content.signatures)


def test_a_board_outside_the_cluster_cannot_build_its_covenant() -> None:
    plan = small_plan(term(4, 2018))
    with pytest.raises(PermissionDeniedError):
        BUILDERS["covenant"].build(plan.pk, persona("canbo.daklak"))


def test_the_results_report_shows_a_tie_as_equal_rank_and_the_groups() -> None:
    """A and B fill the same sheet: 28 + 45/50 x 30 = 27 → group 1 = 55; 10 + (10 - 2) + 20
    (the best 2.3 figure) → group 2 = 38; bonus 2: 95 each. C: 25 + 30 = 55; 0 + (10 - 4) +
    60/120 x 20 = 10 → 16; base 71, + 1 - 5 = 67."""
    plan = small_plan(term(4, 2018))
    a, b, c = plain_members(plan.term)[:3]
    registered(plan, [a, b, c])
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    self_assessed(plan, a, marks("28", "45", True, "1", "120", bonus="2"))
    self_assessed(plan, b, marks("28", "45", True, "1", "120", bonus="2"))
    self_assessed(plan, c, marks("25", "50", False, "2", "60", bonus="1", disciplined="1"))
    plan = published(plan)
    content = BUILDERS["results_report"].build(plan.pk, persona("canbo.daklak"))
    assert content.summary == "kết quả chấm điểm thi đua năm 2018"
    assert content.header.number_symbol == "Số     -BC/CTĐ"
    ranking, groups = tables(content)
    first, second, third = ranking.rows[:3]
    assert {first[1], second[1]} == {a.name, b.name}
    assert first[0] == second[0] == "1"
    assert first[2:6] == ["93,00", "2,00", "0,00", "95,00"]
    assert first[6] == f"Đồng hạng với {second[1]}"
    assert third[:6] == ["3", c.name, "71,00", "1,00", "5,00", "67,00"]
    assert groups.columns == [
        "Đơn vị",
        "1. Nhiệm vụ trọng tâm (tối đa 60)",
        "2. Nhiệm vụ thường xuyên (tối đa 40)",
        "Tổng điểm",
    ]
    assert [c.name, "55,00", "16,00", "67,00"] in groups.rows
    assert [a.name, "55,00", "38,00", "95,00"] in groups.rows
    assert f"Đồng dẫn đầu Cụm: {first[1]}, {second[1]} (cùng 95,00 điểm)." in texts(content)


def test_no_results_report_before_publication() -> None:
    plan = small_plan(term(4, 2018))
    with pytest.raises(NotFoundError):
        BUILDERS["results_report"].build(plan.pk, staff_of(head_of(plan.term)))
