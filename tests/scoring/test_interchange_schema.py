"""The published schema of the interchange document: generated from the models, followed by
every export, and refusing what the import refuses, keyword by keyword."""

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.builders.clusters import term
from tests.builders.people import persona
from tests.builders.plans import small_plan
from tests.scoring.interchange_builders import played_year
from tests.scoring.interchange_schema import SCHEMA, published, schema_errors
from thidua.core.errors import ValidationFailedError
from thidua.scoring.interchange.access import plan_import
from thidua.scoring.interchange.document import schema_text
from thidua.scoring.interchange.export import plan_document


def test_the_published_schema_is_the_one_the_models_generate() -> None:
    # Regenerate with: manage.py plan_schema -o thidua/scoring/data/plan-interchange.schema.json
    assert SCHEMA.read_text(encoding="utf-8") == schema_text()


def test_the_published_schema_is_a_draft_2020_12_schema_with_its_name() -> None:
    schema = published()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:thidua:plan-interchange:1"
    assert schema["title"] == "thidua plan interchange document, version 1"
    assert "docs/plan-interchange.md" in schema["description"]


def test_the_example_in_the_documentation_follows_the_schema() -> None:
    page = (SCHEMA.parents[3] / "docs" / "plan-interchange.md").read_text(encoding="utf-8")
    example = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])
    assert schema_errors(example) == {}


# Each value is refused by the schema keyword named, and by the import at the same path.
VIOLATIONS: dict[str, tuple[str, Any]] = {
    "scales[0].criteria[1].maximum": ("pattern", "12.505"),
    "scales[0].criteria[2].title": ("maxLength", "x" * 501),
    "assessments[0].scores[0].evidence[0].sha256": ("pattern", "0F75"),
    "assessments[1].scores[0].evidence[0].size": ("minimum", -1),
    "results.ranking[0].rank": ("minimum", 0),
    "plan.deadlines[0].due": ("format", "31/03/2018 17:00"),
    "registrations[0].titles[0]": ("enum", "hero"),
    "plan.stage": ("enum", "finished"),
}


def _set(document: dict[str, Any], path: str, value: Any) -> None:
    keys: list[str | int] = []
    for part in path.replace("]", "").replace("[", ".").split("."):
        keys.append(int(part) if part.isdigit() else part)
    target: Any = document
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value


@pytest.mark.django_db
def test_what_the_schema_refuses_the_import_refuses_at_the_same_path(
    settings: Any, tmp_path: Path
) -> None:
    document = json.loads(json.dumps(plan_document(played_year(settings, tmp_path))))
    assert schema_errors(document) == {}
    for path, (_keyword, value) in VIOLATIONS.items():
        _set(document, path, value)
    document["plan"]["colour"] = "đỏ"
    del document["scales"][0]["criteria"][3]["kind"]
    expected = {path: {keyword} for path, (keyword, _value) in VIOLATIONS.items()}
    expected |= {
        "plan.colour": {"additionalProperties"},
        "scales[0].criteria[3].kind": {"required"},
    }

    assert schema_errors(document) == expected
    with pytest.raises(ValidationFailedError) as refused:
        plan_import(actor=persona("quantri"), document=document, term=term(4, 2018), mode="full")
    problems = refused.value.problems
    assert set(problems) == set(expected)
    assert problems["scales[0].criteria[1].maximum"] == ["Chỉ được tối đa 2 chữ số thập phân."]
    assert problems["scales[0].criteria[2].title"] == ["Dài quá 500 ký tự."]
    assert problems["assessments[0].scores[0].evidence[0].sha256"] == [
        "Phải là mã băm SHA-256 gồm 64 ký tự thập lục phân viết thường."
    ]
    assert problems["assessments[1].scores[0].evidence[0].size"] == ["Phải từ 0 trở lên."]
    assert problems["results.ranking[0].rank"] == ["Phải từ 1 trở lên."]
    assert problems["plan.deadlines[0].due"] == [
        "Ngày giờ phải theo ISO 8601 và có múi giờ, ví dụ 2018-03-31T17:00:00+07:00."
    ]
    assert problems["plan.stage"] == [
        "Giá trị “finished” không hợp lệ; phải là một trong: draft, registration, mid_year, "
        "self_assessment, peer_assessment, explanation, published."
    ]
    assert problems["plan.colour"] == ["Trường này không có trong định dạng tài liệu."]
    assert problems["scales[0].criteria[3].kind"] == ["Thiếu trường bắt buộc."]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "refused"),
    [
        ({"format": "thidua.plans"}, {"format"}),
        ({"version": 2}, {"version"}),
        ({"version": True}, {"version"}),  # true == 1 in Python, not in JSON
        ({"format": "xlsx", "version": "1"}, {"format", "version"}),
    ],
)
def test_a_document_of_another_format_or_version_is_refused_by_both(
    header: dict[str, Any], refused: set[str]
) -> None:
    document = {**plan_document(small_plan(term(4, 2018))), **header}
    errors = schema_errors(document)
    assert set(errors) == refused
    assert all("const" in keywords for keywords in errors.values())
    with pytest.raises(ValidationFailedError) as problems:
        plan_import(actor=None, document=document, term=term(1, 2025), mode="scale")
    assert set(problems.value.problems) == refused


@pytest.mark.django_db
def test_datetimes_need_their_offset_and_a_real_day() -> None:
    document = json.loads(json.dumps(plan_document(small_plan(term(4, 2018)))))
    scale = document["scales"][0]
    for stamp in ("2018-02-01T08:00:00", "2018-02-30T08:00:00+07:00", "2018-02-01"):
        scale["frozen_at"] = stamp
        assert schema_errors(document) == {"scales[0].frozen_at": {"format"}}, stamp
        with pytest.raises(ValidationFailedError) as refused:
            plan_import(actor=None, document=document, term=term(1, 2025), mode="scale")
        assert set(refused.value.problems) == {"scales[0].frozen_at"}, stamp
    scale["frozen_at"] = "2018-02-01T01:00:00Z"
    assert schema_errors(document) == {}
    plan_import(actor=None, document=document, term=term(1, 2025), mode="scale")


@pytest.mark.django_db
def test_numbers_written_as_json_numbers_still_import_though_exports_write_strings() -> None:
    """The one liberty the import takes beyond the schema (docs/plan-interchange.md)."""
    document = plan_document(small_plan(term(4, 2018)))
    numbers = copy.deepcopy(document)
    numbers["scales"][0]["maximum"] = 100
    numbers["scales"][0]["criteria"][1]["maximum"] = 30.0
    assert schema_errors(numbers) == {
        "scales[0].maximum": {"type"},
        "scales[0].criteria[1].maximum": {"type"},
    }
    plan = plan_import(actor=None, document=numbers, term=term(1, 2025), mode="scale")
    assert plan.scales.get().criteria.get(code="1.1").maximum == 30
    numbers["scales"][0]["criteria"][1]["maximum"] = 29.995
    with pytest.raises(ValidationFailedError) as refused:
        plan_import(actor=None, document=numbers, term=term(1, 2025), mode="scale")
    assert refused.value.problems == {
        "scales[0].criteria[1].maximum": ["Chỉ được tối đa 2 chữ số thập phân."]
    }
