"""Demo: the seeds' indicator figures as periodic reports, written through the services.

The secretariat opens each period, the unit's leader saves and submits the report, the
secretariat accepts it; a period is opened with a deadline still to come and its real (past)
deadline is recorded last, once its reports are in, as a late record would be. The data and
what in it is the seeds' or illustrative is ``indicators_demo.yaml``. A report that already
exists is left as it is, so a second load writes nothing.
"""

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import Role, User
from thidua.accounts.services import role_grant, user_create
from thidua.core.text import fold
from thidua.indicators.models import Indicator, Report, ReportingPeriod, Target
from thidua.indicators.services.figures import Values
from thidua.indicators.services.periods import period_create, period_deadline_set
from thidua.indicators.services.reports import report_accept, report_save, report_submit
from thidua.indicators.services.targets import target_set
from thidua.orgs.models import ClusterMembership, Unit

HERE = Path(__file__).parent
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
CLUSTER_3, YEAR_2023 = 3, 2023
# Long enough for the load to finish before the provisional deadline passes.
PROVISIONAL = dt.timedelta(days=30)


@dataclass
class Planned:
    """One report to write: the unit, its figures and narrative, and whether it is
    illustrative (a split of a cluster total the source gives only as a whole)."""

    unit: Unit
    period_key: str
    values: dict[str, tuple[Decimal, Decimal | None]]
    notes: dict[str, str] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    illustrative: bool = False


def demo_spec() -> dict[str, Any]:
    """The demo's periods, reports and acting users (``indicators_demo.yaml``)."""
    with (HERE / "indicators_demo.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def split_largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Whole parts of ``total`` in proportion to ``weights`` that add up to it exactly: each
    part rounded down, then one more to the largest remainders (ties: the earlier one)."""
    whole = sum(weights)
    parts = [total * w // whole for w in weights]
    remainders = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in remainders[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _figure(raw: int | list[int]) -> tuple[Decimal, Decimal | None]:
    if isinstance(raw, list):
        return Decimal(raw[0]), Decimal(raw[1])
    return Decimal(raw), None


def _texts(entry: Mapping[str, Any]) -> dict[str, str]:
    return {
        k: " ".join(str(entry.get(k) or "").split())
        for k in ("results", "limitations", "directions")
    }


def _seed_reports(spec: dict[str, Any], board_for: Callable[[str, int], Unit]) -> list[Planned]:
    planned = []
    for entry in spec["reports"]:
        year = spec["periods"][entry["period"]]["year"]
        values = {code: _figure(raw) for code, raw in entry["values"].items()}
        notes = {code: " ".join(str(n).split()) for code, n in entry.get("notes", {}).items()}
        if entry.get("note_all"):
            notes = dict.fromkeys(values, entry["note_all"]) | notes
        planned.append(
            Planned(
                unit=board_for(entry["province"], year),
                period_key=entry["period"],
                values=values,
                notes=notes,
                texts=_texts(entry),
            )
        )
    return planned


def _cluster_3_reports(
    spec: dict[str, Any], board_for: Callable[[str, int], Unit]
) -> list[Planned]:
    entry = spec["cluster_3_2023"]
    weights: dict[str, int] = entry["weights"]
    units = [board_for(name, YEAR_2023) for name in weights]
    members = set(
        ClusterMembership.objects.filter(
            term__cluster__number=CLUSTER_3, year=YEAR_2023
        ).values_list("unit_id", flat=True)
    )
    if members != {u.pk for u in units}:
        raise LookupError("cluster 3's 2023 members differ from the weights of the demo")
    parts = {
        code: split_largest_remainder(int(total), list(weights.values()))
        for code, total in entry["totals"].items()
    }
    return [
        Planned(
            unit=unit,
            period_key=entry["period"],
            values={code: (Decimal(p[i]), None) for code, p in parts.items()},
            texts=_texts(entry),
            illustrative=True,
        )
        for i, unit in enumerate(units)
    ]


def leader_username(unit: Unit, prefix: str) -> str:
    """``lanhdao.langson``: the prefix and the province without marks or spaces."""
    slug = "".join(ch for ch in fold(unit.short_name or unit.name) if ch.isalnum())
    return f"{prefix}.{slug}"


def _leader(unit: Unit, prefix: str, password: str) -> User:
    """The board's leader account, named as the plan demo names it, reused when it exists."""
    username = leader_username(unit, prefix)
    user = User.objects.filter(username=username).first()
    if user is None:
        user = user_create(
            actor=None,
            username=username,
            password=password,
            full_name=f"Lãnh đạo {unit.name}",
            unit=unit,
        )
    role_grant(actor=None, user=user, role=Role.UNIT_LEADER, unit=unit)
    return user


def _write(planned: Planned, period: ReportingPeriod, manager: User, leader: User) -> None:
    values: Values = planned.values
    report = report_save(
        actor=leader,
        unit=planned.unit,
        period=period,
        values=values,
        notes=planned.notes,
        results=planned.texts["results"],
        limitations=planned.texts["limitations"],
        directions=planned.texts["directions"],
    )
    if planned.illustrative:
        # The report services take no "illustrative" flag: it marks demo data, not a unit's
        # statement, so it is set on the row before the report is submitted.
        Report.objects.filter(pk=report.pk).update(illustrative=True)
    report = report_submit(actor=leader, report=report)
    report_accept(actor=manager, report=report)


def _run_period(
    period_spec: Mapping[str, Any],
    planned: list[Planned],
    *,
    manager: User,
    leader_prefix: str,
    password: str,
) -> None:
    period = ReportingPeriod.objects.filter(
        year=period_spec["year"], kind=period_spec["kind"]
    ).first()
    if period is not None:
        done = set(Report.objects.filter(period=period).values_list("unit_id", flat=True))
        planned = [p for p in planned if p.unit.pk not in done]
        if not planned:
            return
    provisional = timezone.now() + PROVISIONAL
    if period is None:
        period = period_create(
            actor=manager,
            year=period_spec["year"],
            kind=period_spec["kind"],
            title=period_spec["title"],
            as_of=period_spec["as_of"],
            deadline=provisional,
        )
    else:
        period = period_deadline_set(actor=manager, period=period, deadline=provisional)
    for item in planned:
        _write(item, period, manager, _leader(item.unit, leader_prefix, password))
    # A draft takes figures only before the deadline; the real, past one is recorded last.
    real = dt.datetime.combine(period_spec["deadline"], dt.time(17), tzinfo=LOCAL)
    period_deadline_set(actor=manager, period=period, deadline=real)


def _targets(spec: dict[str, Any], board_for: Callable[[str, int], Unit], manager: User) -> None:
    for entry in spec["reports"]:
        year = spec["periods"][entry["period"]]["year"]
        for row in entry.get("targets", []):
            unit = board_for(entry["province"], year)
            indicator = Indicator.objects.get(code=row["indicator"])
            value = Decimal(row["value"])
            span = {"start_year": row["start_year"], "end_year": row["end_year"]}
            if Target.objects.filter(unit=unit, indicator=indicator, value=value, **span).exists():
                continue
            target_set(
                actor=manager,
                unit=unit,
                indicator=indicator,
                value=value,
                basis=" ".join(row["basis"].split()),
                **span,
            )


def indicators_demo_load(*, board_for: Callable[[str, int], Unit], password: str) -> None:
    """Write the seeds' reports; ``board_for(province, year)`` finds a board."""
    spec = demo_spec()
    with transaction.atomic():
        manager = User.objects.get(username=spec["manager"])
        planned = _seed_reports(spec, board_for) + _cluster_3_reports(spec, board_for)
        for key, period_spec in spec["periods"].items():
            _run_period(
                period_spec,
                [p for p in planned if p.period_key == key],
                manager=manager,
                leader_prefix=spec["leader_prefix"],
                password=password,
            )
        _targets(spec, board_for, manager)
