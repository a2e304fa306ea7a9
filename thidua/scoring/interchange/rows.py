"""Checking the rows of a year in an interchange document (full import only): peer groups,
registrations, the covenant, assessments with their scores, disputes and the published ranking.

Units are named by code and must be members of the receiving term (the supervising department
may also assess); users are matched by username and left empty when the system has no such
account, except the signer of the covenant, who is required.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from thidua.orgs.models import ClusterTerm
from thidua.plans.models import (
    AimedTitle,
    AssessorStage,
    Covenant,
    CovenantSignature,
    Criterion,
    PeerAssignment,
    Registration,
    RegistrationItem,
    RegistrationStatus,
)
from thidua.scoring.interchange.check import PlanIn, ScaleIn
from thidua.scoring.interchange.problems import (
    NEVER,
    ZERO,
    Fields,
    Problems,
    References,
    choice_check,
    setter,
)
from thidua.scoring.marks import mark_problems
from thidua.scoring.models import (
    Assessment,
    AssessmentStatus,
    Dispute,
    DisputeStatus,
    Publication,
    RankingRow,
    Score,
)

_HEX = set("0123456789abcdef")


@dataclass
class FileIn:
    name: str
    sha256: str
    size: int


@dataclass
class ScoreIn:
    score: Score
    code: str
    files: list[FileIn]


@dataclass
class AssessmentIn:
    assessment: Assessment
    version: int
    scores: list[ScoreIn]


@dataclass
class RegistrationIn:
    registration: Registration
    items: list[tuple[int, str, RegistrationItem]]


@dataclass
class CovenantIn:
    covenant: Covenant
    opened_at: Any
    signatures: list[CovenantSignature]


@dataclass
class DisputeIn:
    dispute: Dispute
    version: int
    code: str
    files: list[FileIn]


@dataclass
class ResultsIn:
    publication: Publication
    version: int
    rows: list[RankingRow]


@dataclass
class RowsIn:
    peer_assignments: list[PeerAssignment] = field(default_factory=list)
    registrations: list[RegistrationIn] = field(default_factory=list)
    covenant: CovenantIn | None = None
    assessments: list[AssessmentIn] = field(default_factory=list)
    disputes: list[DisputeIn] = field(default_factory=list)
    results: ResultsIn | None = None


def rows_check(
    problems: Problems, top: Fields, plan_in: PlanIn, *, term: ClusterTerm, actor: Any
) -> RowsIn:
    refs = References()
    rows = RowsIn()
    for path, assessor, assessed in plan_in.peer_codes:
        pair = PeerAssignment()
        refs.unit(f"{path}.assessor", assessor, setter(pair, "assessor"))
        refs.unit(f"{path}.assessed", assessed, setter(pair, "assessed"))
        if assessor and assessor == assessed:
            problems.add(path, _("Một đơn vị không chấm chéo chính mình."))
        rows.peer_assignments.append(pair)
    seen: set[Any] = set()
    for path, data in top.elements("registrations"):
        rows.registrations.append(_registration(Fields(problems, data, path), plan_in, refs, seen))
    covenant = top.nested("covenant", required=False)
    rows.covenant = _covenant(covenant, refs) if covenant else None
    for path, data in top.elements("assessments"):
        rows.assessments.append(_assessment(Fields(problems, data, path), plan_in, refs, seen))
    for path, data in top.elements("disputes"):
        rows.disputes.append(_dispute(Fields(problems, data, path), plan_in, refs, seen))
    results = top.nested("results", required=False)
    rows.results = _results(results, plan_in, refs) if results else None
    refs.resolve(problems, term, actor)
    return rows


def _unique(f: Fields, key: str, seen: set[Any], identity: tuple[Any, ...], message: str) -> None:
    if identity in seen:
        f.add(key, message)
    seen.add(identity)


def _criterion(f: Fields, plan_in: PlanIn, version: int | None, code: str) -> Criterion | None:
    if version is None or not code:
        return None
    scale_in = plan_in.scale_of(version)
    if scale_in is None:
        f.add(
            "scale_version",
            _("Không có thang điểm phiên bản %(v)s trong tài liệu.") % {"v": version},
        )
        return None
    node = scale_in.by_code.get(code)
    if node is None:
        f.add(
            "criterion",
            _("Tiêu chí “%(code)s” không có trong thang điểm phiên bản %(v)s.")
            % {"code": code, "v": version},
        )
    return node


def _registration(f: Fields, plan_in: PlanIn, refs: References, seen: set[Any]) -> RegistrationIn:
    code = f.text("unit", blank=False)
    _unique(f, "unit", seen, ("registration", code), _("Đơn vị đã có một bản đăng ký."))
    titles = []
    for path, value in f.elements("titles", required=True):
        titles.append(choice_check(f.problems, path, value, AimedTitle.values))
    registration = Registration(
        status=f.choice("status", RegistrationStatus.values),
        titles=list(dict.fromkeys(t for t in titles if t)),
        note=f.text("note", required=False),
        submitted_at=f.moment("submitted_at"),
        decided_at=f.moment("decided_at"),
        return_reason=f.text("return_reason", required=False),
    )
    refs.unit(f.at("unit"), code, setter(registration, "unit"))
    refs.user(f, "submitted_by", setter(registration, "submitted_by"))
    refs.user(f, "decided_by", setter(registration, "decided_by"))
    items = []
    for path, data in f.elements("items"):
        i = Fields(f.problems, data, path)
        version = i.integer("scale_version", minimum=1)
        criterion = i.text("criterion", blank=False)
        item = RegistrationItem(
            target=i.number("target", required=False, nullable=True, digits=14),
            not_applicable=i.flag("not_applicable"),
        )
        if _criterion(i, plan_in, version, criterion) is not None and version is not None:
            _unique(
                i, "criterion", seen, (code, "item", version, criterion), _("Tiêu chí bị trùng.")
            )
            items.append((version, criterion, item))
        i.close()
    f.close()
    return RegistrationIn(registration, items)


def _covenant(f: Fields, refs: References) -> CovenantIn:
    covenant = Covenant(
        title=f.text("title", max_length=400, blank=False).strip(),
        text=f.text("text", blank=False).strip(),
    )
    opened_at = f.moment("opened_at")
    signatures = []
    signed: set[str] = set()
    for path, data in f.elements("signatures", required=True):
        s = Fields(f.problems, data, path)
        code = s.text("unit", blank=False)
        if code in signed:
            s.add("unit", _("Đơn vị đã ký giao ước."))
        signed.add(code)
        signature = CovenantSignature(signed_at=s.moment("signed_at", required=True) or NEVER)
        refs.unit(s.at("unit"), code, setter(signature, "unit"))
        refs.user(s, "signed_by", setter(signature, "signed_by"), needed=True)
        signatures.append(signature)
        s.close()
    f.close()
    return CovenantIn(covenant, opened_at, signatures)


def _files(f: Fields, key: str) -> list[FileIn]:
    files = []
    for path, data in f.elements(key):
        e = Fields(f.problems, data, path)
        name = e.text("name", max_length=255, blank=False)
        sha256 = e.text("sha256", blank=False)
        size = e.integer("size")
        if sha256 and (len(sha256) != 64 or not set(sha256) <= _HEX):
            e.add("sha256", _("Phải là mã băm SHA-256 gồm 64 ký tự thập lục phân viết thường."))
        files.append(FileIn(name, sha256, size or 0))
        e.close()
    return files


def _assessment(f: Fields, plan_in: PlanIn, refs: References, seen: set[Any]) -> AssessmentIn:
    unit, assessor = f.text("unit", blank=False), f.text("assessor", blank=False)
    stage = f.choice("stage", AssessorStage.values)
    version = f.integer("scale_version", minimum=1)
    if unit and assessor and (stage == AssessorStage.SELF) != (unit == assessor):
        f.add(
            "assessor",
            _("Ở vòng tự chấm đơn vị chấm là chính đơn vị được chấm; vòng khác không tự chấm."),
        )
    _unique(f, "assessor", seen, ("assessment", unit, stage, assessor), _("Phiếu chấm bị trùng."))
    assessment = Assessment(
        stage=stage,
        status=f.choice("status", AssessmentStatus.values),
        submitted_at=f.moment("submitted_at"),
        return_reason=f.text("return_reason", required=False),
    )
    refs.unit(f.at("unit"), unit, setter(assessment, "unit"))
    refs.unit(f.at("assessor"), assessor, setter(assessment, "assessor"), assessor=True)
    refs.user(f, "submitted_by", setter(assessment, "submitted_by"))
    scale_in = plan_in.scale_of(version) if version is not None else None
    if version is not None and scale_in is None:
        f.add(
            "scale_version",
            _("Không có thang điểm phiên bản %(v)s trong tài liệu.") % {"v": version},
        )
    marked: set[str] = set()
    scores = [
        _score(Fields(f.problems, data, path), scale_in, marked)
        for path, data in f.elements("scores", required=True)
    ]
    f.close()
    return AssessmentIn(assessment, version or 0, scores)


def _score(f: Fields, scale_in: ScaleIn | None, marked: set[str]) -> ScoreIn:
    """One mark, checked against its criterion as the score entry page checks it."""
    before = f.problems.count()
    code = f.text("criterion", blank=False)
    score = Score(
        points=f.number("points", required=False, nullable=True),
        value=f.number("value", required=False, nullable=True, digits=14),
        explanation=f.text("explanation", required=False).strip(),
    )
    files = _files(f, "evidence")
    f.close()
    if code in marked:
        f.add("criterion", _("Tiêu chí bị chấm hai lần trong một phiếu."))
    marked.add(code)
    node = scale_in.by_code.get(code) if scale_in else None
    if scale_in is not None and node is None and code:
        f.add(
            "criterion",
            _("Tiêu chí “%(code)s” không có trong thang điểm phiên bản %(v)s.")
            % {"code": code, "v": scale_in.scale.version},
        )
    # Marks against a broken scale or unreadable numbers would only repeat those problems.
    if (
        node is not None
        and scale_in is not None
        and scale_in.clean
        and (f.problems.count() == before)
    ):
        for message in mark_problems(node, points=score.points, value=score.value):
            f.problems.add(f.path, message)
    return ScoreIn(score, code, files)


def _dispute(f: Fields, plan_in: PlanIn, refs: References, seen: set[Any]) -> DisputeIn:
    unit, code = f.text("unit", blank=False), f.text("criterion", blank=False)
    version = f.integer("scale_version", minimum=1)
    _criterion(f, plan_in, version, code)
    _unique(f, "criterion", seen, ("dispute", unit, version, code), _("Giải trình bị trùng."))
    dispute = Dispute(
        self_points=f.number("self_points") or ZERO,
        peer_points=f.number("peer_points") or ZERO,
        status=f.choice("status", DisputeStatus.values),
        answer=f.text("answer", required=False),
        answered_at=f.moment("answered_at"),
        appraised_points=f.number("appraised_points", required=False, nullable=True),
        appraisal_reason=f.text("appraisal_reason", required=False),
        appraised_at=f.moment("appraised_at"),
    )
    refs.unit(f.at("unit"), unit, setter(dispute, "unit"))
    files = _files(f, "files")
    f.close()
    return DisputeIn(dispute, version or 0, code, files)


def _results(f: Fields, plan_in: PlanIn, refs: References) -> ResultsIn:
    version = f.integer("scale_version", minimum=1)
    if version is not None and plan_in.scale_of(version) is None:
        f.add(
            "scale_version",
            _("Không có thang điểm phiên bản %(v)s trong tài liệu.") % {"v": version},
        )
    payload = f.raw("payload", required=False)
    payload = copy.deepcopy(payload) if isinstance(payload, dict | list) else {}
    _payload_units(f.at("payload"), payload, refs)
    publication = Publication(
        published_at=f.moment("published_at", required=True) or NEVER, payload=payload
    )
    refs.user(f, "published_by", setter(publication, "published_by"))
    rows = []
    ranked: set[str] = set()
    for path, data in f.elements("ranking", required=True):
        r = Fields(f.problems, data, path)
        code = r.text("unit", blank=False)
        if code in ranked:
            r.add("unit", _("Đơn vị có hai dòng xếp hạng."))
        ranked.add(code)
        row = RankingRow(
            rank=r.integer("rank", minimum=1) or 1,
            total=r.number("total", digits=8) or ZERO,
            base=r.number("base", digits=8) or ZERO,
            bonus=r.number("bonus", digits=8) or ZERO,
            penalty=r.number("penalty", digits=8) or ZERO,
            tie_note=r.text("tie_note", required=False, max_length=60),
            tied_with=[],
        )
        refs.unit(r.at("unit"), code, setter(row, "unit"))
        for tie_path, tied in r.elements("tied_with"):
            if not isinstance(tied, str):
                f.problems.add(tie_path, _("Phải là mã đơn vị."))
                continue
            refs.unit(tie_path, tied, _tie_appender(row))
        rows.append(row)
        r.close()
    f.close()
    return ResultsIn(publication, version or 0, rows)


def _tie_appender(row: RankingRow) -> Callable[[Any], None]:
    """Ties are kept by unit id, as ``plan_publish`` keeps them."""

    def append(unit: Any) -> None:
        row.tied_with.append(unit.pk)

    return append


def _item_setter(container: Any, key: Any) -> Callable[[Any], None]:
    def assign(unit: Any) -> None:
        container[key] = str(unit.pk)

    return assign


def _payload_units(path: str, payload: Any, refs: References) -> None:
    """The payload names units by code in the document and by id (as text) once stored."""
    ranking = payload.get("ranking") if isinstance(payload, dict) else None
    for i, entry in enumerate(ranking if isinstance(ranking, list) else []):
        if not isinstance(entry, dict):
            continue
        if isinstance(entry.get("unit"), str):
            refs.unit(f"{path}.ranking[{i}].unit", entry["unit"], _item_setter(entry, "unit"))
        tied = entry.get("tied_with")
        for j, code in enumerate(tied if isinstance(tied, list) else []):
            if isinstance(code, str):
                refs.unit(f"{path}.ranking[{i}].tied_with[{j}]", code, _item_setter(tied, j))
