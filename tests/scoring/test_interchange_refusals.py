"""The plan interchange refused: bad documents and marks, who may export or import, commands."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.builders.clusters import board, term
from tests.builders.people import persona, staff_of
from tests.builders.plans import small_plan
from tests.scoring.interchange_builders import played_year
from thidua.accounts.models import Role
from thidua.core.errors import PermissionDeniedError, ValidationFailedError
from thidua.orgs.models import OfficerRole
from thidua.plans.models import Criterion, Plan, PlanStage, Registration, Scale
from thidua.scoring.interchange.access import plan_export_for, plan_import
from thidua.scoring.interchange.export import plan_document
from thidua.scoring.models import Assessment, Evidence, Publication, Score

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Plan, Scale, Criterion, Registration, Assessment, Score, Evidence, Publication)
    )


def test_a_bad_document_is_refused_with_every_problem_and_nothing_written(
    settings: Any, tmp_path: Path
) -> None:
    plan = played_year(settings, tmp_path)
    document = plan_document(plan)
    v2 = copy.deepcopy(document["scales"][0])
    v2["version"] = 2
    v2["criteria"][1]["maximum"] = "25.00"  # group 1 no longer sums to 60, the scale to 100
    document["scales"].append(v2)
    criteria = document["scales"][0]["criteria"]
    criteria[1]["kind"] = "bonus_points"
    criteria[2]["maximum"] = "abc"
    criteria[4]["parent"] = "9"
    document["registrations"][0]["unit"] = "BTC-00-00"
    document["assessments"][0]["scores"][0]["criterion"] = "9.9"
    document["plan"]["configuration"]["peer_method"] = "max"
    document["plan"]["colour"] = "đỏ"
    before = _counts()

    with pytest.raises(ValidationFailedError) as refused:
        plan_import(actor=persona("quantri"), document=document, term=term(4, 2018), mode="full")

    assert refused.value.message == "Tài liệu kế hoạch không hợp lệ."
    assert set(refused.value.problems) >= {
        "scales[0].criteria[1].kind",
        "scales[0].criteria[2].maximum",
        "scales[0].criteria[4].parent",
        "scales[1].criteria[0]",
        "scales[1].maximum",
        "registrations[0].unit",
        "assessments[0].scores[0].criterion",
        "plan.configuration.peer_method",
        "plan.colour",
    }
    assert "“abc” không phải là số." in refused.value.problems["scales[0].criteria[2].maximum"]
    assert _counts() == before


def test_a_document_of_another_format_is_refused_before_anything_else() -> None:
    with pytest.raises(ValidationFailedError) as refused:
        plan_import(
            actor=None, document={"format": "other", "version": 9}, term=term(4, 2018), mode="full"
        )
    assert set(refused.value.problems) == {"format", "version"}


def test_a_full_import_needs_units_that_belong_to_the_receiving_term(
    settings: Any, tmp_path: Path
) -> None:
    plan = played_year(settings, tmp_path)
    document = plan_document(plan)
    document["plan"]["year"] = 2023
    before = _counts()
    with pytest.raises(ValidationFailedError) as refused:
        plan_import(actor=None, document=document, term=term(3, 2023), mode="full")
    assert "registrations[0].unit" in refused.value.problems
    assert "assessments[0].assessor" in refused.value.problems
    assert _counts() == before


def test_only_the_secretariat_archives_and_only_a_head_reuses_a_scale() -> None:
    plan = small_plan(term(4, 2018))
    document = plan_document(plan)
    long_an = persona("canbo.longan")  # an officer of a deputy board of cluster 4
    before = _counts()
    with pytest.raises(PermissionDeniedError):
        plan_import(actor=long_an, document=document, term=term(4, 2018), mode="full")
    with pytest.raises(PermissionDeniedError):
        plan_import(actor=long_an, document=document, term=term(1, 2025), mode="scale")
    with pytest.raises(PermissionDeniedError):
        plan_import(actor=persona("hoidong"), document=document, term=term(4, 2018), mode="full")
    assert _counts() == before


def test_a_board_outside_the_cluster_cannot_export_its_plan() -> None:
    plan = small_plan(term(4, 2018))
    with pytest.raises(PermissionDeniedError):
        plan_export_for(user=persona("canbo.daklak"), plan=plan)
    assert plan_export_for(user=persona("lanhdao.binhduong"), plan=plan)["complete"] is True


def test_before_publication_a_member_exports_only_its_own_sheets(
    settings: Any, tmp_path: Path
) -> None:
    plan = played_year(settings, tmp_path)
    long_an = staff_of(board("80-63"), Role.UNIT_OFFICER)
    member = next(
        m.unit
        for m in term(4, 2018).memberships.select_related("unit")
        if m.role == OfficerRole.MEMBER
    )
    document = plan_export_for(user=staff_of(member, Role.UNIT_OFFICER), plan=plan)
    assert document["complete"] is False
    assert document["assessments"] == []
    assert document["disputes"] == []
    assert len(plan_export_for(user=long_an, plan=plan)["assessments"]) == 3  # deputy: manages
    with pytest.raises(ValidationFailedError) as refused:
        plan_import(actor=None, document=document, term=term(4, 2018), mode="full")
    assert "complete" in refused.value.problems


def test_the_commands_export_and_import_and_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    plan = small_plan(term(4, 2018))
    exported = tmp_path / "ke-hoach.json"
    call_command("plan_export", str(plan.pk), "-o", str(exported))
    text = exported.read_text(encoding="utf-8")
    assert "Nhiệm vụ trọng tâm" in text  # UTF-8, not \u escapes
    target = term(1, 2025)
    call_command("plan_import", str(exported), "--term", str(target.pk), "--mode", "scale")
    assert Plan.objects.filter(term=target, stage=PlanStage.DRAFT).count() == 1

    document = json.loads(text)
    document["scales"][0]["criteria"][0]["maximum"] = "abc"
    bad = tmp_path / "hong.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError):
        call_command("plan_import", str(bad), "--term", str(target.pk), "--mode", "scale")
    (tmp_path / "khong-phai-json.json").write_text("{", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command(
            "plan_import",
            str(tmp_path / "khong-phai-json.json"),
            "--term",
            str(target.pk),
            "--mode",
            "full",
        )
    assert _counts() == before


def test_the_import_command_prints_each_problem(tmp_path: Path, capsys: Any) -> None:
    plan = small_plan(term(4, 2018))
    document = plan_document(plan)
    document["scales"][0]["criteria"][0]["maximum"] = "abc"
    bad = tmp_path / "hong.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("plan_import", str(bad), "--term", str(plan.term_id), "--mode", "full")
    assert "scales[0].criteria[0].maximum: “abc” không phải là số." in capsys.readouterr().err


def test_marks_in_an_archive_are_held_to_their_criteria(settings: Any, tmp_path: Path) -> None:
    plan = played_year(settings, tmp_path)
    document = plan_document(plan)
    scores = document["assessments"][0]["scores"]
    assert scores[0]["criterion"] == "1.1"
    scores[0]["points"] = "31.00"  # above the maximum of 30
    scores[1]["points"] = "5.00"  # 1.2 is a target criterion: a value, not points
    before = _counts()
    with pytest.raises(ValidationFailedError) as refused:
        plan_import(actor=persona("quantri"), document=document, term=term(4, 2018), mode="full")
    assert refused.value.problems["assessments[0].scores[0]"] == ["Điểm 31 vượt điểm tối đa 30."]
    assert "assessments[0].scores[1]" in refused.value.problems
    assert _counts() == before
