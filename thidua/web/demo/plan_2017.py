"""Demo: cluster 4's emulation plan of 2017, run from draft to publication through the services.

Every write goes through the same services the pages use, so the audit chain, the stage
history and the signatures are real. The data is ``plan_2017.yaml``; what it takes from the
seeds and what is illustrative is written there and on the plan's basis. Marks are made from
each member's illustrative "strength" with a seeded generator, so every load gives the same
result. Nothing is done when the plan already exists.
"""

import datetime as dt
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from django.db import transaction
from django.db.models import prefetch_related_objects

from thidua.accounts.models import Role, User
from thidua.accounts.services import role_grant, user_create
from thidua.core.text import fold
from thidua.orgs.models import ClusterTerm, Unit
from thidua.plans.models import AssessorStage, Criterion, CriterionKind, Plan, Section
from thidua.plans.services.plan import (
    deadline_set,
    plan_advance,
    plan_configure,
    plan_create,
    task_group_set,
)
from thidua.plans.services.registration import (
    covenant_open,
    covenant_sign,
    registration_accept,
    registration_save,
    registration_submit,
)
from thidua.plans.services.scale import criterion_add
from thidua.scoring.models import Dispute
from thidua.scoring.services.assessments import (
    Mark,
    assessment_fill,
    assessment_open,
    assessment_submit,
)
from thidua.scoring.services.round import (
    dispute_answer,
    dispute_appraise,
    explanation_open,
    plan_publish,
)
from thidua.web.demo.timeline import plan_in_its_own_time

HERE = Path(__file__).parent
CLUSTER, YEAR = 4, 2017
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
PASS_LEVEL = 0.82  # the true level at which a pass/fail criterion is met
POINT_KINDS = {CriterionKind.MANUAL, CriterionKind.PASS_FAIL}


@dataclass(frozen=True)
class Member:
    unit: Unit
    leader: User
    strength: float
    leniency: float
    spec: Mapping[str, Any]


def _spec() -> dict[str, Any]:
    with (HERE / "plan_2017.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def plan_2017_load(*, board_for: Callable[[str, int], Unit], password: str) -> Plan | None:
    """Build, run and publish the plan; ``board_for(province, year)`` finds a member board."""
    terms = ClusterTerm.objects.prefetch_related("memberships__unit")
    term = terms.filter(cluster__number=CLUSTER, year=YEAR).first()
    spec = _spec()
    title = " ".join(spec["title"].split())
    if term is None or Plan.objects.filter(term=term, title=title).exists():
        return None
    with transaction.atomic():
        manager = User.objects.get(username=spec["manager"])
        members = [
            Member(
                unit=(unit := board_for(m["province"], YEAR)),
                leader=_leader(unit, spec["leader_prefix"], password),
                strength=float(m["strength"]),
                leniency=float(m["leniency"]),
                spec=m,
            )
            for m in spec["members"]
        ]
        appraiser = _account(spec["appraiser"], password, Role.UNIT_OFFICER)
        plan = _fresh(_build(spec, term, title, manager), term)  # open for registration
        _register(spec, plan, manager, members)
        marks = _Marks(spec, plan, members)
        plan = plan_advance(actor=manager, plan=plan)  # the year's work and mid-year review
        plan = _fresh(plan_advance(actor=manager, plan=plan), term)
        _self_assess(plan, members, marks)
        plan = _fresh(plan_advance(actor=manager, plan=plan), term)
        _peer_assess(plan, members, marks)
        explanation_open(actor=manager, plan=plan)
        plan = _fresh(plan, term)
        _explain(plan, appraiser, members, spec["explanation"])
        plan_publish(actor=manager, plan=plan)
        # A stage takes writes only until its deadline, and the 2017 deadlines have long
        # passed: they are recorded once the year is in, in stage order as deadline_set wants.
        for stage, day in spec["deadlines"].items():
            due = dt.datetime.combine(day, dt.time(17), tzinfo=LOCAL)
            deadline_set(
                actor=manager,
                plan=plan,
                stage=stage,
                due=due,
                reason="Ghi nhận hạn của năm 2017 sau khi năm đã kết thúc",
            )
        plan_in_its_own_time(plan, spec["deadlines"])
    return plan


def _fresh(plan: Plan, term: ClusterTerm) -> Plan:
    """The plan as it is now, with what the access and stage checks read for every mark (the
    members, the deadlines, the scale) loaded once instead of once per mark."""
    plan = Plan.objects.get(pk=plan.pk)
    plan.term = term
    prefetch_related_objects([plan], "deadlines", "scales__criteria")
    return plan


def _leader(unit: Unit, prefix: str, password: str) -> User:
    """The leader account of a member board: lanhdao.<province without marks or spaces>."""
    slug = "".join(ch for ch in fold(unit.short_name or unit.name) if ch.isalnum())
    spec = {
        "username": f"{prefix}.{slug}",
        "full_name": f"Lãnh đạo {unit.name}",
        "unit_code": unit.code,
    }
    return _account(spec, password, Role.UNIT_LEADER)


def _account(spec: Mapping[str, str], password: str, role: Role) -> User:
    unit = Unit.objects.get(code=spec["unit_code"])
    user = User.objects.filter(username=spec["username"]).first() or user_create(
        actor=None,
        username=spec["username"],
        password=password,
        full_name=spec["full_name"],
        unit=unit,
    )
    role_grant(actor=None, user=user, role=role, unit=unit)
    return user


def _build(spec: dict[str, Any], term: ClusterTerm, title: str, manager: User) -> Plan:
    limits = spec["limits"]
    plan = plan_create(
        actor=manager,
        term=term,
        title=title,
        basis="\n".join(" ".join(line.split()) for line in spec["basis"]),
        maximum=Decimal(str(limits["maximum"])),
        bonus_cap=Decimal(str(limits["bonus_cap"])),
        penalty_cap=Decimal(str(limits["penalty_cap"])),
    )
    groups = {
        number: task_group_set(actor=manager, plan=plan, number=number, title=" ".join(t.split()))
        for number, t in spec["task_groups"].items()
    }
    scale = plan.scales.get()
    nodes: dict[str, Criterion] = {}
    for row in spec["scale"]:
        nodes[row["code"]] = criterion_add(
            actor=manager,
            scale=scale,
            parent=nodes.get(row.get("parent", "")),
            code=row["code"],
            title=row["title"],
            kind=row.get("kind", CriterionKind.GROUP),
            section=row.get("section", Section.BASE),
            maximum=Decimal(str(row["max"])),
            step=Decimal("0.25") if row.get("kind") == CriterionKind.MANUAL else None,
            lower_is_better=bool(row.get("lower_is_better", False)),
            bands=row.get("bands", []),
            per_event=Decimal(str(row.get("per_event", 0))),
            evidence_hint=row.get("evidence", ""),
            task_group=groups.get(row.get("task_group", 0)),
        )
    config = spec["config"]
    plan_configure(
        actor=manager,
        plan=plan,
        assessor_stages=config["assessor_stages"],
        peer_mode=config["peer_mode"],
        peer_method=config["peer_method"],
        combine=config["combine"],
        precedence=config["precedence"],
        tie_breaks=config["tie_breaks"],
        dispute_threshold=Decimal(str(config["dispute_threshold"])),
    )
    return plan_advance(actor=manager, plan=plan)  # opens registration, freezes the scale


def _register(spec: dict[str, Any], plan: Plan, manager: User, members: list[Member]) -> None:
    codes = {c.code: c.pk for c in plan.scales.get().criteria.all()}
    covenant = covenant_open(
        actor=manager,
        plan=plan,
        title=spec["covenant"]["title"],
        text=spec["covenant"]["text"],
    )
    for member in members:
        registration = registration_save(
            actor=member.leader,
            plan=plan,
            unit=member.unit,
            titles=member.spec["titles"],
            targets={codes[c]: Decimal(str(t)) for c, t in member.spec["targets"].items()},
        )
        registration_submit(actor=member.leader, registration=registration)
        registration_accept(actor=manager, registration=registration)
        covenant_sign(actor=member.leader, covenant=covenant, unit=member.unit)


class _Marks:
    """Deterministic marks: a true level per member and criterion, and how each stage sees it.

    A member's own sheet sits ``self_inflation`` of the maximum above the true level; a peer
    sees the true level shifted by its leniency and some noise. Measured values (targets,
    occurrences, bests) are reported by the member and not re-marked by peers.
    """

    def __init__(self, spec: dict[str, Any], plan: Plan, members: list[Member]) -> None:
        self.seed = str(spec["seed"])
        self.inflation = float(spec["self_inflation"])
        self.rows = {row["code"]: row for row in spec["scale"]}
        self.criteria = [c for c in plan.scales.get().criteria.all() if c.is_leaf]
        self.targets = {
            (m.unit.pk, code): float(t) for m in members for code, t in m.spec["targets"].items()
        }

    def _rng(self, *parts: object) -> random.Random:
        # A generator per (member, criterion[, assessor]) keeps marks independent of order.
        return random.Random(":".join([self.seed, *map(str, parts)]))  # noqa: S311

    def level(self, member: Member, code: str) -> float:
        noise = self._rng(member.unit.code, code).gauss(0, 0.05)
        return min(1.0, max(0.3, member.strength + noise))

    def self_sheet(self, member: Member) -> dict[str, Mark]:
        sheet = {}
        for criterion in self.criteria:
            level = self.level(member, criterion.code)
            if criterion.kind in POINT_KINDS:
                points = _points(criterion, level + self.inflation)
                sheet[criterion.code] = Mark(points=points)
            else:
                sheet[criterion.code] = Mark(value=self._value(member, criterion, level))
        return sheet

    def peer_sheet(self, member: Member, assessor: Member) -> dict[str, Mark]:
        sheet = {}
        for criterion in self.criteria:
            if criterion.kind not in POINT_KINDS:
                continue
            noise = self._rng(member.unit.code, criterion.code, assessor.unit.code).gauss(0, 0.04)
            level = self.level(member, criterion.code) + assessor.leniency + noise
            sheet[criterion.code] = Mark(points=_points(criterion, level))
        return sheet

    def _value(self, member: Member, criterion: Criterion, level: float) -> Decimal:
        rng = self._rng(member.unit.code, criterion.code, "value")
        gen = self.rows[criterion.code].get("gen", "count")
        if criterion.kind == CriterionKind.TARGET:
            target = self.targets[(member.unit.pk, criterion.code)]
            ratio = 0.55 + 0.5 * level + rng.gauss(0, 0.03)
            return _measure(gen, target / ratio if criterion.lower_is_better else target * ratio)
        if criterion.kind == CriterionKind.RELATIVE_BEST:
            guess = 50 + 45 * level if gen == "pct" else 2 + 10 * level
            return _measure(gen, guess + rng.gauss(0, 2))
        events = {
            "count": level * 8 + rng.gauss(0, 1),
            "commendation": 1.0 if level >= 0.92 else 0.0,  # only the strongest boards
            "late": (0.87 - level) * 25 + rng.gauss(0, 0.5),  # the weaker, the more late reports
            # No real board's leader is shown as disciplined: that would be a claim about people.
            "none": 0.0,
        }
        return _measure("count", events[gen])


def _points(criterion: Criterion, level: float) -> Decimal:
    """Points for a true level: pass/fail by the pass level, bonus above a good level, else
    the share of the maximum on a quarter-point step."""
    maximum = criterion.maximum
    if criterion.kind == CriterionKind.PASS_FAIL:
        return maximum if level >= PASS_LEVEL else Decimal(0)
    share = (level - 0.8) * 5 if criterion.section == Section.BONUS else level
    share = min(1.0, max(0.0, share))
    quarters = (Decimal(str(round(share, 4))) * maximum * 4).to_integral_value(ROUND_HALF_UP)
    return min(maximum, quarters / 4)


def _measure(gen: str, raw: float) -> Decimal:
    raw = max(0.0, raw)
    if gen == "pct":
        return Decimal(str(round(min(100.0, raw), 1)))
    if gen == "rate":
        return Decimal(str(round(raw, 2)))
    if gen == "days":
        return Decimal(str(round(raw, 1)))
    return Decimal(round(raw))


def _self_assess(plan: Plan, members: list[Member], marks: _Marks) -> None:
    for member in members:
        sheet = assessment_open(
            actor=member.leader,
            plan=plan,
            unit=member.unit,
            stage=AssessorStage.SELF,
            assessor=member.unit,
        )
        assessment_fill(actor=member.leader, assessment=sheet, marks=marks.self_sheet(member))
        assessment_submit(actor=member.leader, assessment=sheet)


def _peer_assess(plan: Plan, members: list[Member], marks: _Marks) -> None:
    for assessor in members:
        for member in members:
            if member is assessor:
                continue
            sheet = assessment_open(
                actor=assessor.leader,
                plan=plan,
                unit=member.unit,
                stage=AssessorStage.PEER,
                assessor=assessor.unit,
            )
            assessment_fill(
                actor=assessor.leader, assessment=sheet, marks=marks.peer_sheet(member, assessor)
            )
            assessment_submit(actor=assessor.leader, assessment=sheet)


def _explain(plan: Plan, appraiser: User, members: list[Member], texts: Mapping[str, str]) -> None:
    """Each flagged criterion is explained by its member and appraised by the department,
    which grants part of the gap: half of it on a hand-marked criterion, or the peers'
    majority on a pass/fail one."""
    leaders = {m.unit.pk: m.leader for m in members}
    for dispute in Dispute.objects.filter(plan=plan).select_related("criterion", "unit"):
        dispute.plan = plan
        dispute_answer(
            actor=leaders[dispute.unit_id],
            dispute=dispute,
            answer=texts["answer"],
        )
        criterion = dispute.criterion
        if criterion.kind == CriterionKind.PASS_FAIL:
            halfway = dispute.peer_points * 2 >= criterion.maximum
            amount = criterion.maximum if halfway else Decimal(0)
        else:
            middle = (dispute.self_points + dispute.peer_points) / 2
            amount = (middle * 4).to_integral_value(ROUND_FLOOR) / 4
        dispute_appraise(
            actor=appraiser,
            dispute=dispute,
            amount=amount,
            reason=texts["reason"],
        )
