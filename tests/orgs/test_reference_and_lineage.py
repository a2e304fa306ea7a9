import datetime as dt

import pytest

from tests.builders.clusters import board, term
from thidua.orgs.models import Unit, UnitKind, UnitLineage
from thidua.orgs.reference import reference_load
from thidua.orgs.selectors import lineage_of, unit_history
from thidua.orgs.services import lineage_add, unit_create

pytestmark = pytest.mark.django_db


def test_reference_has_34_and_63_provinces_each_with_a_board() -> None:
    committees = Unit.objects.filter(kind=UnitKind.PROVINCIAL_COMMITTEE)
    boards = Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD)
    assert committees.filter(valid_from=dt.date(2025, 7, 1)).count() == 34
    assert committees.filter(valid_to=dt.date(2025, 6, 30)).count() == 63
    assert boards.count() == committees.count() == 97
    assert not committees.exclude(pk__in=boards.values("parent_id")).exists()
    assert Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).count() == 3321


def test_board_names_follow_party_usage() -> None:
    assert board("74-63").name == "Ban Tổ chức Tỉnh ủy Bình Dương"
    assert board("79").name == "Ban Tổ chức Thành ủy Hồ Chí Minh"
    parent = board("79").parent
    assert parent is not None
    assert parent.name == "Thành ủy Hồ Chí Minh"


def test_commission_and_its_departments_exist() -> None:
    commission = Unit.objects.get(kind=UnitKind.CENTRAL_COMMISSION)
    names = set(commission.children.values_list("name", flat=True))
    assert {"Vụ Địa phương I", "Vụ Địa phương II", "Vụ Địa phương III"} <= names


def test_reloading_the_reference_adds_nothing() -> None:
    before = (Unit.objects.count(), UnitLineage.objects.count())
    assert reference_load() == {"units_added": 0, "links_added": 0}
    assert (Unit.objects.count(), UnitLineage.objects.count()) == before


def test_the_2025_ho_chi_minh_board_has_three_predecessor_boards() -> None:
    lineage = lineage_of(board("79"))
    names = {step.unit.name for step in lineage.predecessors}
    assert names == {
        "Ban Tổ chức Tỉnh ủy Bình Dương",
        "Ban Tổ chức Tỉnh ủy Bà Rịa - Vũng Tàu",
        "Ban Tổ chức Thành ủy Hồ Chí Minh",
    }
    assert {step.effective_date for step in lineage.predecessors} == {dt.date(2025, 7, 1)}
    assert all("202/2025/QH15" in step.legal_basis for step in lineage.predecessors)


def test_successors_are_found_from_the_old_board() -> None:
    successors = lineage_of(board("74-63")).successors
    assert [s.unit.code for s in successors] == ["BTC-79"]


def test_lineage_as_of_a_date_before_the_merger_is_empty() -> None:
    assert lineage_of(board("79"), as_of=dt.date(2025, 6, 30)).predecessors == []
    assert len(lineage_of(board("79"), as_of=dt.date(2025, 7, 1)).predecessors) == 3


def test_lineage_is_transitive_in_both_directions() -> None:
    song_be = unit_create(
        actor=None,
        name="Ban Tổ chức Tỉnh ủy Sông Bé",
        short_name="Sông Bé",
        kind=UnitKind.ORGANIZATION_BOARD,
        code="BTC-SONGBE",
        valid_to=dt.date(1996, 12, 31),
    )
    lineage_add(
        actor=None,
        predecessor=song_be,
        successor=board("74-63"),
        effective_date=dt.date(1997, 1, 1),
        legal_basis="Nghị quyết ngày 06/11/1996 của Quốc hội",
    )
    grand = next(s for s in lineage_of(board("79")).predecessors if s.unit == song_be)
    assert grand.depth == 2
    assert grand.via == board("74-63")
    assert board("79") in [s.unit for s in lineage_of(song_be).successors]


def test_a_lineage_cycle_is_refused() -> None:
    from thidua.core.errors import DomainError

    with pytest.raises(DomainError, match="vòng lặp"):
        lineage_add(
            actor=None,
            predecessor=board("79"),
            successor=board("74-63"),
            effective_date=dt.date(2026, 1, 1),
            legal_basis="thử",
        )


def test_the_2018_binh_duong_result_shows_in_the_ho_chi_minh_history() -> None:
    term(4, 2017)
    term(4, 2018)
    history = unit_history(board("79"))
    rows = {(m.year, m.unit.short_name, m.term.cluster.number) for m in history}
    assert (2018, "Bình Dương", 4) in rows
    assert (2017, "Hồ Chí Minh", 4) in rows
    assert (2017, "Long An", 4) not in rows
