"""The plan interchange document: export, import as a reused scale or as an archived year,
refusal of a bad document with every problem listed and nothing written, and who may do what."""

import copy
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.conftest import board, persona, term
from tests.plan_fixtures import advance_to, head_of, small_plan, staff_of
from thidua.accounts.models import Role
from thidua.audit.models import AuditEvent
from thidua.core.errors import PermissionDeniedError, ValidationFailedError
from thidua.orgs.models import OfficerRole
from thidua.plans.models import (
    AimedTitle,
    Criterion,
    PeerAssignment,
    Plan,
    PlanStage,
    Registration,
    Scale,
)
from thidua.plans.services import deadline_set, plan_advance
from thidua.plans.services_registration import (
    covenant_open,
    covenant_sign,
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.plans.services_scale import criterion_update, scale_issue, scale_revise
from thidua.scoring.interchange import plan_document, plan_export_for, plan_import
from thidua.scoring.models import Assessment, Dispute, Evidence, Publication, RankingRow, Score
from thidua.scoring.services import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
    evidence_attach,
)

pytestmark = pytest.mark.django_db

D = Decimal
SCHEMA = Path(__file__).parents[2] / "thidua" / "scoring" / "data" / "plan-interchange.schema.json"
PDF = b"%PDF-1.4\n% de an nhan su\n"
MARKS = {
    "1.1": Mark(points=D("27.5"), explanation="Đã trình 3 đề án"),
    "1.2": Mark(value=D(12)),
    "2.1": Mark(points=D(10)),
    "2.2": Mark(value=D(1)),
    "2.3": Mark(value=D(5)),
    "T.1": Mark(points=D(2)),
    "K.1": Mark(value=D(0)),
}


def _self_assess(plan: Plan, unit: Any) -> None:
    leader = staff_of(unit)
    sheet = assessment_open(actor=leader, plan=plan, unit=unit, stage="self", assessor=unit)
    scores = assessment_fill(actor=leader, assessment=sheet, marks=MARKS)
    proof = next(s for s in scores if s.criterion.code == "1.1")
    evidence_attach(actor=leader, score=proof, name="de-an.pdf", content=PDF)
    assessment_submit(actor=leader, assessment=sheet)


def _year(settings: Any, tmp_path: Path) -> Plan:
    """Cluster 4's 2018 plan played through: registrations, covenant, self and peer sheets,
    a dispute and a published ranking (written the way a publication stores it)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = small_plan(term(4, 2018))
    head = staff_of(head_of(plan.term))
    binh_duong, long_an = board("74-63"), board("80-63")
    scale = plan.scales.get()
    target, relative = scale.criteria.get(code="1.2"), scale.criteria.get(code="2.3")
    for unit in (binh_duong, long_an):
        registration = registration_save(
            actor=staff_of(unit),
            plan=plan,
            unit=unit,
            titles=[AimedTitle.EMULATION_FLAG],
            targets={target.pk: D(10)},
        )
        registration_submit(actor=staff_of(unit), registration=registration)
    registration_accept(
        actor=head,
        registration=Registration.objects.get(plan=plan, unit=long_an),
        not_applicable=[relative.pk],
    )
    for days, stage in enumerate(list(PlanStage)[1:], start=1):
        deadline_set(
            actor=head, plan=plan, stage=stage, due=timezone.now() + dt.timedelta(days * 30)
        )
    PeerAssignment.objects.create(plan=plan, assessor=long_an, assessed=binh_duong)
    covenant = covenant_open(actor=head, plan=plan, title="Giao ước thi đua", text="Cùng thi đua.")
    covenant_sign(actor=staff_of(binh_duong), covenant=covenant, unit=binh_duong)
    plan = advance_to(plan, PlanStage.SELF_ASSESSMENT)
    _self_assess(plan, binh_duong)
    _self_assess(plan, long_an)
    plan = advance_to(plan, PlanStage.PEER_ASSESSMENT)
    peer = staff_of(long_an)
    sheet = assessment_open(actor=peer, plan=plan, unit=binh_duong, stage="peer", assessor=long_an)
    assessment_fill(
        actor=peer,
        assessment=sheet,
        marks={"1.1": Mark(points=D(20)), "2.1": Mark(points=D(10)), "T.1": Mark(points=D(1))},
    )
    assessment_submit(actor=peer, assessment=sheet)
    plan = advance_to(plan, PlanStage.EXPLANATION)
    Dispute.objects.create(
        plan=plan,
        unit=binh_duong,
        criterion=scale.criteria.get(code="1.1"),
        self_points=D("27.5"),
        peer_points=D(20),
        status="appraised",
        appraised_points=D(25),
        appraisal_reason="Đề án thứ ba chưa được duyệt.",
        appraised_at=timezone.now(),
    )
    pair = ((binh_duong, long_an), (long_an, binh_duong))
    # As ``plan_publish`` keeps it: rows with ties by unit id, the payload with ids as text.
    publication = Publication.objects.create(
        plan=plan,
        scale=scale,
        published_by=head,
        published_at=timezone.now(),
        payload={
            "scale_version": 1,
            "ranking": [
                {"unit": str(u.pk), "rank": 1, "total": "90.00", "tied_with": [str(o.pk)]}
                for u, o in pair
            ],
        },
    )
    for unit, other in pair:
        RankingRow.objects.create(
            publication=publication,
            unit=unit,
            rank=1,
            total=D(90),
            base=D(88),
            bonus=D(2),
            penalty=D(0),
            tied_with=[other.pk],
        )
    return plan


def _portable(document: dict[str, Any]) -> dict[str, Any]:
    """What must survive a round trip: all but the moment of export and the source's ids."""
    return {k: v for k, v in document.items() if k not in {"exported_at", "source"}}


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Plan, Scale, Criterion, Registration, Assessment, Score, Evidence, Publication)
    )


def test_a_year_archived_and_imported_in_full_comes_back_the_same(
    settings: Any, tmp_path: Path
) -> None:
    plan = _year(settings, tmp_path)
    original = json.loads(json.dumps(plan_document(plan), ensure_ascii=False))
    assert original["format"] == "thidua.plan"
    assert original["complete"] is True
    assert original["scales"][0]["criteria"][1]["maximum"] == "30.00"
    assert original["results"]["ranking"][0]["tied_with"] == ["BTC-80-63"]
    assert original["results"]["payload"]["ranking"][0]["unit"] == "BTC-74-63"
    assert len(original["plan"]["deadlines"]) == 6

    restored = plan_import(
        actor=persona("thuongtruc"), document=original, term=term(4, 2018), mode="full"
    )

    assert restored.pk != plan.pk
    assert restored.stage == PlanStage.EXPLANATION
    assert _portable(plan_document(restored)) == _portable(original)
    # The evidence file was already kept here (same hash), so the new score links it again.
    assert Evidence.objects.filter(score__assessment__plan=restored).count() == 2
    event = AuditEvent.objects.filter(action="plan.import", object_id=str(restored.pk)).get()
    assert event.after is not None
    assert event.after["mode"] == "full"
    assert event.after["scores"] == 17
    assert event.after["files_not_carried"] == []


def test_evidence_not_kept_here_is_listed_in_the_audit_event(settings: Any, tmp_path: Path) -> None:
    plan = _year(settings, tmp_path)
    document = plan_document(plan)
    missing = "ab" * 32
    document["assessments"][0]["scores"][0]["evidence"] = [
        {"name": "bien-ban.pdf", "sha256": missing, "size": 10}
    ]
    restored = plan_import(
        actor=persona("quantri"), document=document, term=term(4, 2018), mode="full"
    )
    event = AuditEvent.objects.get(action="plan.import", object_id=str(restored.pk))
    assert event.after is not None
    assert [f["sha256"] for f in event.after["files_not_carried"]] == [missing]


def test_another_cluster_reuses_the_latest_scale_as_a_draft(settings: Any, tmp_path: Path) -> None:
    source = small_plan(term(4, 2018))
    head = staff_of(head_of(source.term))
    revised = scale_revise(actor=head, scale=source.scales.get(), reason="Bổ sung")
    criterion_update(actor=head, criterion=revised.criteria.get(code="1.1"), title="Đề án mới")
    scale_issue(actor=head, scale=revised)
    target_term = term(1, 2025)
    target_head = staff_of(head_of(target_term))

    reused = plan_import(
        actor=target_head, document=plan_document(source), term=target_term, mode="scale"
    )

    assert reused.stage == PlanStage.DRAFT
    assert reused.term == target_term
    assert reused.year == 2025
    assert reused.assessor_stages == ["self", "peer"]
    scale = reused.scales.get()
    assert scale.version == 1
    assert not scale.is_frozen
    mine = list(scale.criteria.order_by("position").values_list("code", "maximum", "title"))
    theirs = list(revised.criteria.order_by("position").values_list("code", "maximum", "title"))
    assert mine == theirs
    parent, group = scale.criteria.get(code="1.1").parent, scale.criteria.get(code="1").task_group
    assert parent is not None
    assert parent.code == "1"
    assert group is not None
    assert group.number == 1
    assert not reused.registrations.exists()
    assert not reused.assessments.exists()
    plan_advance(actor=target_head, plan=reused)  # the copied scale adds up and can be issued


def test_a_bad_document_is_refused_with_every_problem_and_nothing_written(
    settings: Any, tmp_path: Path
) -> None:
    plan = _year(settings, tmp_path)
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
    plan = _year(settings, tmp_path)
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
    plan = _year(settings, tmp_path)
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


def _schema_problems(
    value: Any, schema: dict[str, Any], root: dict[str, Any], path: str
) -> list[str]:
    """A small subset of JSON Schema (type, required, properties, additionalProperties,
    items, enum, $ref), enough to hold the exporter to the published schema."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    kinds = schema.get("type", [])
    kinds = [kinds] if isinstance(kinds, str) else kinds
    python = {
        "object": dict,
        "array": list,
        "string": str,
        "boolean": bool,
        "null": type(None),
    }
    if kinds and not any(
        (k == "integer" and isinstance(value, int) and not isinstance(value, bool))
        or (k in python and isinstance(value, python[k]))
        for k in kinds
    ):
        return [f"{path}: {type(value).__name__} is not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{path}: {value!r} not in enum"]
    found = []
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        found += [f"{path}.{k}: missing" for k in schema.get("required", []) if k not in value]
        if schema.get("additionalProperties") is False:
            found += [f"{path}.{k}: not in schema" for k in value if k not in properties]
        for key, item in value.items():
            if key in properties:
                found += _schema_problems(item, properties[key], root, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            found += _schema_problems(item, schema["items"], root, f"{path}[{i}]")
    return found


def test_an_exported_document_follows_the_published_schema(settings: Any, tmp_path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    document = json.loads(json.dumps(plan_document(_year(settings, tmp_path))))
    assert _schema_problems(document, schema, schema, "$") == []
    document["scales"][0]["criteria"][0].pop("kind")
    document["plan"]["stage"] = "finished"
    assert len(_schema_problems(document, schema, schema, "$")) == 2


def test_dates_keep_their_moment_across_the_trip(settings: Any, tmp_path: Path) -> None:
    plan = _year(settings, tmp_path)
    frozen = plan.scales.get().frozen_at
    document = plan_document(plan)
    assert dt.datetime.fromisoformat(document["scales"][0]["frozen_at"]) == frozen
    restored = plan_import(actor=None, document=document, term=term(4, 2018), mode="full")
    assert restored.scales.get().frozen_at == frozen


def test_export_and_import_take_a_fixed_number_of_queries(
    settings: Any, tmp_path: Path, django_assert_max_num_queries: Any
) -> None:
    plan = _year(settings, tmp_path)
    with django_assert_max_num_queries(22):
        document = plan_document(plan)
    with django_assert_max_num_queries(35):
        plan_import(actor=persona("quantri"), document=document, term=term(4, 2018), mode="full")


def test_the_example_in_the_documentation_follows_the_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    page = (SCHEMA.parents[3] / "docs" / "plan-interchange.md").read_text(encoding="utf-8")
    example = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])
    assert _schema_problems(example, schema, schema, "$") == []


def test_the_published_demo_year_survives_an_archive_round_trip() -> None:
    cluster_term = term(4, 2017)
    plan = Plan.objects.get(term=cluster_term, stage=PlanStage.PUBLISHED)
    original = json.loads(json.dumps(plan_document(plan), ensure_ascii=False))
    assert original["results"]["ranking"][0]["rank"] == 1
    assert len(original["registrations"]) == 11
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert _schema_problems(original, schema, schema, "$") == []
    restored = plan_import(
        actor=persona("quantri"), document=original, term=cluster_term, mode="full"
    )
    assert _portable(plan_document(restored)) == _portable(original)


def test_marks_in_an_archive_are_held_to_their_criteria(settings: Any, tmp_path: Path) -> None:
    plan = _year(settings, tmp_path)
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
