"""The indicator catalogue (loaded from its YAML file, idempotent, audited, checked whole) and
the targets set against it."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.builders.clusters import board
from tests.builders.people import persona, staff_of
from tests.builders.reports import long_an
from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDeniedError, ValidationFailedError
from thidua.indicators.models import Indicator, IndicatorKind, RollUp, Target
from thidua.indicators.selectors.catalogue import targets_in_force
from thidua.indicators.services.catalogue import CATALOGUE_PATH, indicator_catalogue_load
from thidua.indicators.services.targets import target_set

pytestmark = pytest.mark.django_db
D = Decimal

# What the seeds report (shared/data/seed_facts.yaml), under the catalogue's codes.
SEED_INDICATORS = {
    "new_party_members_admitted": IndicatorKind.COUNT,
    "cadres_trained_or_retrained": IndicatorKind.COUNT,
    "personnel_moves": IndicatorKind.COUNT,
    "dismissals_or_resignations": IndicatorKind.COUNT,
    "staff_streamlined": IndicatorKind.COUNT,
    "staff_streamlined_share": IndicatorKind.SHARE,
    "focal_points_reduced": IndicatorKind.COUNT,
    "job_position_schemes_approved": IndicatorKind.SHARE,
    "party_organizations_with_movement_plan": IndicatorKind.SHARE,
    "members_registered_in_movement": IndicatorKind.SHARE,
    "weak_grassroots_orgs_consolidated": IndicatorKind.COUNT,
    "good_practices_published": IndicatorKind.COUNT,
    "departments_reduced": IndicatorKind.COUNT,
}


def _entries() -> list[dict[str, object]]:
    document = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    return list(document["indicators"])


def test_the_catalogue_holds_the_seed_indicators_with_their_rules() -> None:
    indicator_catalogue_load(actor=None)
    found = {i.code: i for i in Indicator.objects.filter(code__in=SEED_INDICATORS)}
    assert {code: i.kind for code, i in found.items()} == SEED_INDICATORS
    for indicator in found.values():
        if indicator.kind == IndicatorKind.SHARE:
            assert indicator.rollup == RollUp.RATIO_OF_SUMS
            assert indicator.numerator_label
            assert indicator.denominator_label
        else:
            assert indicator.rollup == RollUp.SUM
    assert found["new_party_members_admitted"].name == "Số đảng viên mới được kết nạp"
    assert all(entry.get("source") for entry in _entries())
    assert {e["kind"] for e in _entries()} >= {"count", "share", "percentage", "yes_no"}


def test_loading_twice_changes_nothing_and_audits_nothing() -> None:
    indicator_catalogue_load(actor=None)
    rows = list(Indicator.objects.order_by("code").values())
    events = AuditEvent.objects.count()
    again = indicator_catalogue_load(actor=None)
    assert (again.created, again.updated) == ([], [])
    assert len(again.unchanged) == len(_entries())
    assert list(Indicator.objects.order_by("code").values()) == rows
    assert AuditEvent.objects.count() == events


def test_a_changed_entry_updates_its_row_by_code_and_is_audited(tmp_path: Path) -> None:
    indicator_catalogue_load(actor=None)
    entries = _entries()
    entries[0]["name"] = "Số đảng viên mới kết nạp (đã sửa)"
    changed = tmp_path / "catalogue.yaml"
    changed.write_text(yaml.safe_dump({"indicators": entries}, allow_unicode=True), "utf-8")
    count = Indicator.objects.count()
    result = indicator_catalogue_load(actor=None, path=changed)
    assert result.updated == [entries[0]["code"]]
    assert Indicator.objects.count() == count
    assert Indicator.objects.get(code=entries[0]["code"]).name.endswith("(đã sửa)")
    event = AuditEvent.objects.filter(action="indicator.catalogue_load").latest("id")
    assert isinstance(event.after, dict)
    assert list(event.after["updated"]) == [entries[0]["code"]]


def test_a_bad_catalogue_is_refused_whole(tmp_path: Path) -> None:
    entries = _entries()
    entries[0]["code"] = "Mã có dấu"
    entries[1]["rollup"] = "sum"
    entries[1]["kind"] = "share"
    entries.append(dict(entries[2]))  # duplicate code
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"indicators": entries}, allow_unicode=True), "utf-8")
    before = (Indicator.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationFailedError) as refused:
        indicator_catalogue_load(actor=None, path=bad)
    assert len(refused.value.problems) == 3
    assert (Indicator.objects.count(), AuditEvent.objects.count()) == before


def test_the_command_loads_the_catalogue(tmp_path: Path) -> None:
    out = StringIO()
    call_command("indicators_catalogue_load", stdout=out)
    call_command("indicators_catalogue_load", stdout=out)
    assert out.getvalue().splitlines()[-1] == f"0 mới, 0 cập nhật, {len(_entries())} không đổi."
    bad = tmp_path / "bad.yaml"
    bad.write_text("indicators: 3\n", "utf-8")
    with pytest.raises(CommandError, match="indicators"):
        call_command("indicators_catalogue_load", path=bad, stdout=out)


def test_a_multi_year_target_shows_in_every_year_it_covers() -> None:
    indicator_catalogue_load(actor=None)
    lang_son = board("20-63")  # Lạng Sơn before 2025
    share = Indicator.objects.get(code="staff_streamlined_share")
    target = target_set(
        actor=persona("thuongtruc"),
        unit=lang_son,
        indicator=share,
        start_year=2018,
        end_year=2021,
        value=D(10),
        basis="Kế hoạch tinh giản biên chế giai đoạn 2015-2021",
    )
    assert {
        y: targets_in_force(unit=lang_son, year=y).get(share.code) for y in (2017, 2018, 2021)
    } == {
        2017: None,
        2018: target,
        2021: target,
    }
    yearly = target_set(
        actor=persona("thuongtruc"),
        unit=lang_son,
        indicator=share,
        start_year=2019,
        end_year=2019,
        value=D(7),
    )
    assert targets_in_force(unit=lang_son, year=2019)[share.code] == yearly


def test_targets_are_set_by_the_secretariat_or_the_units_leader_only() -> None:
    indicator_catalogue_load(actor=None)
    leader = staff_of(long_an())
    count = Indicator.objects.get(code="new_party_members_admitted")
    assert target_set(
        actor=leader, unit=long_an(), indicator=count, start_year=2018, end_year=2018, value=D(800)
    ).value == D(800)
    before = Target.objects.count()
    for username in ("canbo.longan", "canbo.binhduong", "hoidong"):
        with pytest.raises(PermissionDeniedError):
            target_set(
                actor=persona(username),
                unit=long_an(),
                indicator=count,
                start_year=2018,
                end_year=2018,
                value=D(1),
            )
    with pytest.raises(ValidationFailedError) as refused:
        target_set(
            actor=leader,
            unit=long_an(),
            indicator=Indicator.objects.get(code="staff_streamlined_share"),
            start_year=2021,
            end_year=2018,
            value=D(110),
        )
    assert set(refused.value.problems) == {"years", "value"}
    assert Target.objects.count() == before
