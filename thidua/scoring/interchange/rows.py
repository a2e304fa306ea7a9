"""What the rows of a year must mean (full import only): peer groups, registrations, the
covenant, assessments with their scores, disputes and the published ranking, each against the
scale version it names and against the receiving system.

Units are named by code and must be members of the receiving term (the supervising department
may also assess); users are matched by username and left empty when the system has no such
account, except the signer of the covenant, who is required. Both are looked up together at the
end, one query each.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.orgs.models import ClusterTerm, Unit
from thidua.plans.models import (
    AssessorStage,
    Covenant,
    CovenantSignature,
    PeerAssignment,
    Registration,
    RegistrationItem,
)
from thidua.scoring.interchange import document as doc
from thidua.scoring.interchange.check import PlanIn, ScaleIn
from thidua.scoring.interchange.load import Listed, Read
from thidua.scoring.interchange.problems import Problems
from thidua.scoring.marks import mark_problems
from thidua.scoring.models import Assessment, Dispute, Publication, RankingRow, Score


@dataclass
class ScoreIn:
    score: Score
    code: str
    files: list[doc.File]


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
    files: list[doc.File]


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


def setter(obj: Any, attribute: str) -> Callable[[Any], None]:
    """Assign a referenced unit or user once the whole document has been read."""

    def assign(value: Any) -> None:
        setattr(obj, attribute, value)

    return assign


@dataclass
class _Ref:
    path: str
    key: str
    assign: Callable[[Any], None]
    flag: bool = False  # units: may be the supervising department; users: needed


class References:
    """Unit codes and usernames met while checking, resolved with one query each at the end."""

    def __init__(self) -> None:
        self.units: list[_Ref] = []
        self.users: list[_Ref] = []

    def unit(
        self, path: str, code: str, assign: Callable[[Any], None], *, assessor: bool = False
    ) -> None:
        self.units.append(_Ref(path, code, assign, assessor))

    def user(
        self, path: str, name: str | None, assign: Callable[[Any], None], *, needed: bool = False
    ) -> None:
        """A username; ``needed`` falls back to the importing account when it is unknown here."""
        if name or needed:
            self.users.append(_Ref(path, name or "", assign, needed))

    def resolve(self, problems: Problems, term: ClusterTerm, actor: User | None) -> None:
        units = {u.code: u for u in Unit.objects.filter(code__in={r.key for r in self.units})}
        members = {m.unit_id for m in term.memberships.all()}
        for ref in self.units:
            unit = units.get(ref.key)
            if unit is None:
                problems.add(ref.path, _("Không có đơn vị mã “%(code)s”.") % {"code": ref.key})
            elif unit.pk in members or (ref.flag and unit.pk == term.supervising_department_id):
                ref.assign(unit)
            else:
                problems.add(
                    ref.path,
                    _("Đơn vị “%(code)s” không thuộc cụm thi đua của nhiệm kỳ nhận.")
                    % {"code": ref.key},
                )
        users = {
            u.username: u for u in User.objects.filter(username__in={r.key for r in self.users})
        }
        for ref in self.users:
            user = users.get(ref.key) or (actor if ref.flag else None)
            if ref.flag and user is None:
                problems.add(
                    ref.path,
                    _(
                        "Không tìm thấy tài khoản người ký “%(name)s”; hãy nhập bằng một tài khoản "
                        "quản trị để ghi tài khoản đó thay người ký."
                    )
                    % {"name": ref.key},
                )
            ref.assign(user)


@dataclass
class _Check:
    """What the row checks share: the problems, the plan's scales, the references, and the
    identities already met (one registration per unit, one sheet per assessor, …)."""

    problems: Problems
    plan_in: PlanIn
    refs: References = field(default_factory=References)
    seen: set[Any] = field(default_factory=set)

    def unique(self, path: str, identity: tuple[Any, ...], message: str) -> None:
        if identity in self.seen:
            self.problems.add(path, message)
        self.seen.add(identity)

    def scale(self, path: str, version: int) -> ScaleIn | None:
        scale_in = self.plan_in.scale_of(version)
        if scale_in is None:
            self.problems.add(
                f"{path}.scale_version",
                _("Không có thang điểm phiên bản %(v)s trong tài liệu.") % {"v": version},
            )
        return scale_in

    def criterion(self, path: str, scale_in: ScaleIn | None, code: str) -> bool:
        """Whether the criterion exists; one that did not read is reported already."""
        if scale_in is None or code in scale_in.unread:
            return False
        if code not in scale_in.by_code:
            self.problems.add(
                f"{path}.criterion",
                _("Tiêu chí “%(code)s” không có trong thang điểm phiên bản %(v)s.")
                % {"code": code, "v": scale_in.scale.version},
            )
            return False
        return True


def rows_check(
    problems: Problems, read: Read, plan_in: PlanIn, *, term: ClusterTerm, actor: User | None
) -> RowsIn:
    check = _Check(problems, plan_in)
    rows = RowsIn()
    for path, assessor, assessed in plan_in.peer_codes:
        pair = PeerAssignment()
        check.refs.unit(f"{path}.assessor", assessor, setter(pair, "assessor"))
        check.refs.unit(f"{path}.assessed", assessed, setter(pair, "assessed"))
        if assessor == assessed:
            problems.add(path, _("Một đơn vị không chấm chéo chính mình."))
        rows.peer_assignments.append(pair)
    rows.registrations = [_registration(check, path, r) for path, r in read.registrations]
    rows.covenant = _covenant(check, read.covenant) if read.covenant else None
    # A sheet whose own fields did not read is left out; its scores would have no sheet.
    rows.assessments = [
        _assessment(check, tree.path, tree.head, tree.children)
        for tree in read.assessments
        if tree.head is not None
    ]
    rows.disputes = [_dispute(check, path, d) for path, d in read.disputes]
    rows.results = _results(check, read.results) if read.results else None
    check.refs.resolve(problems, term, actor)
    return rows


def _registration(check: _Check, path: str, read: doc.Registration) -> RegistrationIn:
    check.unique(f"{path}.unit", ("registration", read.unit), _("Đơn vị đã có một bản đăng ký."))
    registration = Registration(
        status=read.status.value,
        titles=list(dict.fromkeys(t.value for t in read.titles)),
        note=read.note,
        submitted_at=read.submitted_at,
        decided_at=read.decided_at,
        return_reason=read.return_reason,
    )
    check.refs.unit(f"{path}.unit", read.unit, setter(registration, "unit"))
    check.refs.user(f"{path}.submitted_by", read.submitted_by, setter(registration, "submitted_by"))
    check.refs.user(f"{path}.decided_by", read.decided_by, setter(registration, "decided_by"))
    items = []
    for i, item in enumerate(read.items):
        where = f"{path}.items[{i}]"
        version, code = item.scale_version, item.criterion
        if check.criterion(where, check.scale(where, version), code):
            identity = (read.unit, "item", version, code)
            check.unique(f"{where}.criterion", identity, _("Tiêu chí bị trùng."))
            target = RegistrationItem(target=item.target, not_applicable=item.not_applicable)
            items.append((version, code, target))
    return RegistrationIn(registration, items)


def _covenant(check: _Check, read: doc.Covenant) -> CovenantIn:
    covenant = Covenant(title=read.title.strip(), text=read.text.strip())
    signatures = []
    signed: set[str] = set()
    for i, sign in enumerate(read.signatures):
        where = f"covenant.signatures[{i}]"
        if sign.unit in signed:
            check.problems.add(f"{where}.unit", _("Đơn vị đã ký giao ước."))
        signed.add(sign.unit)
        signature = CovenantSignature(signed_at=sign.signed_at)
        check.refs.unit(f"{where}.unit", sign.unit, setter(signature, "unit"))
        check.refs.user(
            f"{where}.signed_by", sign.signed_by, setter(signature, "signed_by"), needed=True
        )
        signatures.append(signature)
    return CovenantIn(covenant, read.opened_at, signatures)


def _assessment(
    check: _Check, path: str, head: doc.AssessmentHead, children: Listed[doc.Score]
) -> AssessmentIn:
    unit, assessor, stage = head.unit, head.assessor, head.stage
    if (stage == AssessorStage.SELF) != (unit == assessor):
        check.problems.add(
            f"{path}.assessor",
            _("Ở vòng tự chấm đơn vị chấm là chính đơn vị được chấm; vòng khác không tự chấm."),
        )
    identity = ("assessment", unit, stage.value, assessor)
    check.unique(f"{path}.assessor", identity, _("Phiếu chấm bị trùng."))
    assessment = Assessment(
        stage=stage.value,
        status=head.status.value,
        submitted_at=head.submitted_at,
        return_reason=head.return_reason,
    )
    check.refs.unit(f"{path}.unit", unit, setter(assessment, "unit"))
    check.refs.unit(f"{path}.assessor", assessor, setter(assessment, "assessor"), assessor=True)
    check.refs.user(f"{path}.submitted_by", head.submitted_by, setter(assessment, "submitted_by"))
    scale_in = check.scale(path, head.scale_version)
    marked: set[str] = set()
    scores = [_score(check, where, read, scale_in, marked) for where, read in children]
    return AssessmentIn(assessment, head.scale_version, scores)


def _score(
    check: _Check, path: str, read: doc.Score, scale_in: ScaleIn | None, marked: set[str]
) -> ScoreIn:
    """One mark, checked against its criterion as the score entry page checks it."""
    before = check.problems.count()
    score = Score(points=read.points, value=read.value, explanation=read.explanation.strip())
    if read.criterion in marked:
        check.problems.add(f"{path}.criterion", _("Tiêu chí bị chấm hai lần trong một phiếu."))
    marked.add(read.criterion)
    known = check.criterion(path, scale_in, read.criterion)
    # Marks against a broken scale would only repeat its problems.
    if known and scale_in is not None and scale_in.clean and check.problems.count() == before:
        node = scale_in.by_code[read.criterion]
        for message in mark_problems(node, points=read.points, value=read.value):
            check.problems.add(path, message)
    return ScoreIn(score, read.criterion, read.evidence)


def _dispute(check: _Check, path: str, read: doc.Dispute) -> DisputeIn:
    check.criterion(path, check.scale(path, read.scale_version), read.criterion)
    identity = ("dispute", read.unit, read.scale_version, read.criterion)
    check.unique(f"{path}.criterion", identity, _("Giải trình bị trùng."))
    dispute = Dispute(
        self_points=read.self_points,
        peer_points=read.peer_points,
        status=read.status.value,
        answer=read.answer,
        answered_at=read.answered_at,
        appraised_points=read.appraised_points,
        appraisal_reason=read.appraisal_reason,
        appraised_at=read.appraised_at,
    )
    check.refs.unit(f"{path}.unit", read.unit, setter(dispute, "unit"))
    return DisputeIn(dispute, read.scale_version, read.criterion, read.files)


def _results(check: _Check, read: doc.Results) -> ResultsIn:
    check.scale("results", read.scale_version)
    payload = copy.deepcopy(read.payload) if isinstance(read.payload, dict | list) else {}
    _payload_units("results.payload", payload, check.refs)
    publication = Publication(published_at=read.published_at, payload=payload)
    check.refs.user("results.published_by", read.published_by, setter(publication, "published_by"))
    rows = []
    ranked: set[str] = set()
    for i, line in enumerate(read.ranking):
        where = f"results.ranking[{i}]"
        if line.unit in ranked:
            check.problems.add(f"{where}.unit", _("Đơn vị có hai dòng xếp hạng."))
        ranked.add(line.unit)
        row = RankingRow(
            rank=line.rank,
            total=line.total,
            base=line.base,
            bonus=line.bonus,
            penalty=line.penalty,
            tie_note=line.tie_note,
            tied_with=[],
        )
        check.refs.unit(f"{where}.unit", line.unit, setter(row, "unit"))
        for j, tied in enumerate(line.tied_with):
            check.refs.unit(f"{where}.tied_with[{j}]", tied, _tie_appender(row))
        rows.append(row)
    return ResultsIn(publication, read.scale_version, rows)


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
