"""The interchange document's format as pydantic models: the one definition that the import
validates against and that the published JSON Schema is generated from (``schema_text``, kept in
``scoring/data/plan-interchange.schema.json`` by ``manage.py plan_schema``).

The models say what a document contains (types, required fields, enumerations, lengths,
minimums; how a number or a date is written is in ``values``); what needs the rest of the
document or the database (criterion codes unique in a version, parents that exist, units that
are members of the receiving term, marks within their criterion) is checked in ``check`` and
``rows``. The format is strict: no coercion ("5" is not an integer, 1 is not ``true``) and no
unknown field.

Field docstrings become the schema's descriptions; ``docs/plan-interchange.md`` explains the
format to people.
"""

import json
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    WithJsonSchema,
)
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from thidua.orgs.models import Sector
from thidua.plans.models import (
    AimedTitle,
    AssessorStage,
    Combine,
    CriterionKind,
    PeerMethod,
    PeerMode,
    PlanStage,
    RegistrationStatus,
    Section,
    TieRule,
)
from thidua.scoring.interchange.values import (
    NOT_BLANK,
    SHA256,
    Amount,
    Band,
    Cap,
    Figure,
    NotBlank,
    Number,
    Ordinal,
    Ratio,
    Time,
    Total,
    UnitCode,
    Username,
)
from thidua.scoring.models import AssessmentStatus, DisputeStatus

FORMAT_NAME = "thidua.plan"
FORMAT_VERSION = 1
SCHEMA_ID = f"urn:thidua:plan-interchange:{FORMAT_VERSION}"


def _not_draft(stage: PlanStage) -> PlanStage:
    if stage == PlanStage.DRAFT:
        expected = ", ".join(f"'{s}'" for s in _DEADLINE_STAGES)
        raise PydanticCustomError("enum", "Input should be {expected}", {"expected": expected})
    return stage


def _not_a_flag(value: Any) -> Any:
    """``true == 1`` in Python; JSON Schema's ``const`` tells them apart, so does the import."""
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": "1"})
    return value


_DEADLINE_STAGES = [s for s in PlanStage.values if s != PlanStage.DRAFT]

# Django's choices are plain strings in a document: read as their values, not as instances.
Stage = Annotated[AssessorStage, Strict(False)]


class _Part(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", use_attribute_docstrings=True)


class File(_Part):
    """An evidence file, listed only: the content travels outside the document."""

    name: Annotated[str, Field(pattern=NOT_BLANK, max_length=255)]
    sha256: Annotated[str, Field(pattern=SHA256)]
    size: Annotated[int, Field(ge=0)]


class ClusterRef(_Part):
    number: Ordinal
    sector: Annotated[Sector, Strict(False)]


class TieBreak(_Part):
    rule: Annotated[TieRule, Strict(False)]
    group: Annotated[str, Field(max_length=20)] = ""
    """For ``group_higher``: the criterion code of the group, in the latest scale version."""


class PeerPair(_Part):
    assessor: UnitCode
    assessed: UnitCode


class Configuration(_Part):
    """How the scores of the assessor stages combine."""

    assessor_stages: list[Stage]
    """Who assesses; must include ``self``."""
    peer_mode: Annotated[PeerMode, Strict(False)]
    peer_method: Annotated[PeerMethod, Strict(False)]
    combine: Annotated[Combine, Strict(False)]
    precedence: list[Stage] = []
    """For ``precedence``: the first stage in this list that scored a criterion wins; empty
    means appraisal, department, head, peer."""
    weights: dict[Stage, Ratio] = {}
    """For ``weighted``: non-negative weights with a positive sum."""
    tie_breaks: list[TieBreak] = []
    dispute_threshold: Annotated[Decimal, Number(least="zero", refusal="threshold_negative")] = (
        Decimal("1.00")
    )
    """A self/peer gap above it must be explained."""
    peer_assignments: list[PeerPair] = []
    """The assigned peer groups (``peer_mode = groups``)."""


class TaskGroup(_Part):
    number: Ordinal
    title: Annotated[str, Field(pattern=NOT_BLANK, max_length=400)]


class Deadline(_Part):
    stage: Annotated[
        PlanStage,
        Strict(False),
        AfterValidator(_not_draft),
        WithJsonSchema({"type": "string", "enum": _DEADLINE_STAGES}),
    ]
    due: Time


class PlanHead(_Part):
    """The plan's own fields; ``Plan`` adds its parts (read separately when one is broken)."""

    title: Annotated[str, Field(pattern=NOT_BLANK, max_length=400)]
    basis: str = ""
    """Basis documents, one per line."""
    year: Ordinal
    sector: Annotated[Sector, Strict(False)]
    cluster: ClusterRef | None = None
    """Where the plan came from; null for a sector-wide plan. Informative."""
    term_year: int | None = None
    """The year of the source cluster term. Informative."""
    stage: Annotated[PlanStage, Strict(False)]


class Plan(PlanHead):
    """The plan and its configuration."""

    configuration: Configuration
    task_groups: list[TaskGroup] = []
    """The numbered key task groups; numbers unique."""
    deadlines: list[Deadline] = []
    """Stage deadlines, once per stage, in stage order."""


class Criterion(_Part):
    code: Annotated[str, Field(pattern=NOT_BLANK, max_length=20)]
    """Unique within the scale version."""
    parent: str | None = None
    """Code of the parent group in the same version; null for a root."""
    title: Annotated[str, Field(pattern=NOT_BLANK, max_length=500)]
    kind: Annotated[CriterionKind, Strict(False)]
    section: Annotated[Section, Strict(False)] = Section.BASE
    maximum: Annotated[Decimal, Number(least="zero", refusal="criterion_maximum")]
    """Not above the parent's maximum."""
    step: Annotated[Decimal, Number(digits=5)] | None = None
    """``manual`` only: points go in steps of it."""
    lower_is_better: bool = False
    bands: list[Band] = []
    """``target`` only: ``[[min_ratio, share], ...]``; empty means linear."""
    per_event: Amount = Decimal("0.00")
    """``occurrence`` only (required there): signed points per event."""
    evidence_required: bool = False
    evidence_hint: Annotated[str, Field(max_length=400)] = ""
    task_group: Ordinal | None = None
    """Number of the key task group it belongs to, or null."""
    indicator_code: Annotated[str, Field(max_length=40)] = ""
    """The indicator whose reported value a target criterion reads."""


class ScaleHead(_Part):
    """The scale version's own fields; ``Scale`` adds its criteria."""

    version: Ordinal
    """Unique within the document."""
    maximum: Annotated[Decimal, Number(least="above_zero", refusal="scale_maximum")]
    bonus_cap: Cap
    penalty_cap: Cap
    reason: str = ""
    frozen_at: Time | None = None
    """When the version was issued; null for a draft version."""


class Scale(ScaleHead):
    """One version of the point scale with its criteria tree."""

    criteria: list[Criterion]
    """Display order; parents may appear anywhere in the list."""


class RegistrationItem(_Part):
    scale_version: Ordinal
    criterion: NotBlank
    target: Figure | None = None
    not_applicable: bool = False
    """The head's finding that the criterion does not apply to this member."""


class Registration(_Part):
    unit: UnitCode
    status: Annotated[RegistrationStatus, Strict(False)]
    titles: list[Annotated[AimedTitle, Strict(False)]]
    note: str = ""
    submitted_by: Username = None
    submitted_at: Time | None = None
    decided_by: Username = None
    decided_at: Time | None = None
    return_reason: str = ""
    items: list[RegistrationItem] = []


class Signature(_Part):
    unit: UnitCode
    signed_by: Username = None
    signed_at: Time


class Covenant(_Part):
    title: Annotated[str, Field(pattern=NOT_BLANK, max_length=400)]
    text: NotBlank
    opened_at: Time | None = None
    signatures: list[Signature]


class Score(_Part):
    criterion: NotBlank
    points: Amount | None = None
    """For ``manual`` and ``pass_fail`` criteria."""
    value: Figure | None = None
    """The measured figure, for ``target``, ``occurrence`` and ``relative_best`` criteria."""
    explanation: str = ""
    evidence: list[File] = []


class AssessmentHead(_Part):
    """The sheet's own fields; ``Assessment`` adds its scores (read separately when broken)."""

    unit: UnitCode
    stage: Stage
    assessor: UnitCode
    """In ``self`` the unit itself, never in the other stages."""
    scale_version: Ordinal
    status: Annotated[AssessmentStatus, Strict(False)]
    submitted_by: Username = None
    submitted_at: Time | None = None
    return_reason: str = ""


class Assessment(AssessmentHead):
    """One sheet: self, peer, head, department or appraisal."""

    scores: list[Score]
    """Each checked against its criterion like a mark entered on the page."""


class Dispute(_Part):
    unit: UnitCode
    scale_version: Ordinal
    criterion: NotBlank
    self_points: Amount
    peer_points: Amount
    status: Annotated[DisputeStatus, Strict(False)]
    answer: str = ""
    answered_at: Time | None = None
    appraised_points: Amount | None = None
    appraisal_reason: str = ""
    appraised_at: Time | None = None
    files: list[File] = []


class RankingRow(_Part):
    unit: UnitCode
    rank: Ordinal
    """Competition ranking: 1, 1, 3."""
    total: Total
    base: Total
    bonus: Total
    penalty: Total
    tied_with: list[UnitCode] = []
    tie_note: Annotated[str, Field(max_length=60)] = ""
    """The tie rule that decided, or empty."""


class Results(_Part):
    """The published ranking."""

    scale_version: Ordinal
    published_at: Time
    published_by: Username = None
    ranking: list[RankingRow]
    """In rank order."""
    payload: Any = Field(default_factory=dict)
    """The engine's result as stored at publication, units written as codes in
    ``ranking[].unit`` and ``ranking[].tied_with``."""


class Header(BaseModel):
    """What a document is; nothing else is read from a document of another kind."""

    model_config = ConfigDict(strict=True, extra="allow", use_attribute_docstrings=True)

    format: Literal["thidua.plan"]  # FORMAT_NAME
    """What the document is."""
    version: Annotated[Literal[1], BeforeValidator(_not_a_flag)]
    """Version of the format; an importer refuses versions it does not know."""


class DocumentHead(Header):
    """The document's own fields; ``Document`` adds its parts (read separately when broken)."""

    model_config = ConfigDict(extra="forbid")

    exported_at: Time | None = None
    source: dict[str, Any] | None = None
    """The plan's id in the exporting system, for the record only."""
    complete: bool = True
    """false when a member exported before publication and only its own sheets are included."""


class Document(DocumentHead):
    """A plan with its scale versions, configuration, registrations, covenant, assessments and
    results. See docs/plan-interchange.md."""

    model_config = ConfigDict(title=f"thidua plan interchange document, version {FORMAT_VERSION}")

    plan: Plan
    scales: list[Scale]
    """Every version of the point scale."""
    registrations: list[Registration] = []
    covenant: Covenant | None = None
    assessments: list[Assessment] = []
    disputes: list[Dispute] = []
    results: Results | None = None
    """The published ranking; null before publication."""


class _Generator(GenerateJsonSchema):
    """Field titles would only repeat the names; the published schema names its draft and id."""

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def generate(self, schema: CoreSchema, mode: Any = "validation") -> JsonSchemaValue:
        generated = super().generate(schema, mode=mode)
        return {"$schema": self.schema_dialect, "$id": SCHEMA_ID, **generated}


def schema() -> dict[str, Any]:
    return Document.model_json_schema(schema_generator=_Generator)


def schema_text() -> str:
    """The schema as committed in ``scoring/data/plan-interchange.schema.json``."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
