"""Demo: cluster 4's year-end reports of 2017, so that the year the demo plays in full (plan,
scores, ranking, awards) also has the members' figures and targets its summary report states.

The seeds give no 2017 figure for cluster 4's members (seed 000 reports the conference, not the
numbers): every report, figure and target here is illustrative and flagged so, written by the
same bulk path and checks as ``indicators_illustrative`` (figures in proportion to each board's
size, accepted by the secretariat). The period asks cluster 4 alone (its 2017 term), so no other
board owes a 2017 report. The reports are dated in their year, sent before the deadline but for
two members a few days late, so the summary report has lateness to state. Running it again
changes nothing.
"""

import datetime as dt
import random
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from thidua.accounts.models import User
from thidua.core.errors import ValidationFailedError
from thidua.core.models import Transition
from thidua.indicators.models import (
    Indicator,
    PeriodKind,
    PeriodScope,
    Report,
    ReportingPeriod,
    ReportStatus,
    Target,
)
from thidua.indicators.services.periods import period_create
from thidua.indicators.services.targets import target_problems
from thidua.orgs.models import ClusterTerm, Unit
from thidua.web.demo.indicators_demo import demo_spec
from thidua.web.demo.indicators_illustrative import (
    LOCAL,
    SEED,
    board_leaders,
    board_rng,
    board_sizes,
    figures,
    period_write,
)
from thidua.web.demo.targets_demo import demo_targets_save

CLUSTER, YEAR = 4, 2017
TITLE = "Tổng kết năm 2017 (số liệu minh họa)"
AS_OF = dt.date(2017, 11, 30)
DEADLINE = dt.datetime(2017, 12, 15, 17, tzinfo=LOCAL)
# Days after the deadline a member sent its report (illustrative); the others sent theirs in
# the ten days before it. The secretariat accepts each two days after it arrives.
LATE_DAYS = {"Ninh Thuận": 3, "Bình Thuận": 1}
# The year's target of new members for each board: its own result times a factor drawn in this
# range (percent), rounded to tens, so that most boards meet it and a few do not.
TARGETED = "new_party_members_admitted"
TARGET_FACTOR = (88, 104)


def _period(manager: User, term: ClusterTerm) -> ReportingPeriod:
    found = ReportingPeriod.objects.filter(year=YEAR, kind=PeriodKind.YEAR, term=term).first()
    return found or period_create(
        actor=manager,
        year=YEAR,
        kind=PeriodKind.YEAR,
        title=TITLE,
        as_of=AS_OF,
        deadline=DEADLINE,
        scope=PeriodScope.CLUSTER,
        term=term,
    )


def _sent_at(board: Unit, rng: random.Random) -> dt.datetime:
    late = LATE_DAYS.get(board.short_name)
    if late is not None:
        return DEADLINE + dt.timedelta(days=late, hours=-1)
    return DEADLINE - dt.timedelta(days=rng.randint(1, 10), hours=rng.randint(0, 6))


def _in_their_year(period: ReportingPeriod, boards: list[Unit]) -> None:
    """Move the reports' sending and acceptance (and their workflow moves) into December 2017;
    the audit events keep the moment they were written."""
    rng = random.Random(f"{SEED}:{CLUSTER}:{YEAR}:sent")  # noqa: S311 (not a secret)
    for board in boards:
        report = Report.objects.filter(period=period, unit=board).first()
        if report is None:
            continue
        sent = _sent_at(board, rng)
        decided = sent + dt.timedelta(days=2)
        Report.objects.filter(pk=report.pk).update(submitted_at=sent, decided_at=decided)
        moves = Transition.objects.filter(object_type=Report._meta.label_lower, object_id=report.pk)
        moves.filter(to_status=ReportStatus.SUBMITTED).update(at=sent)
        moves.filter(to_status=ReportStatus.ACCEPTED).update(at=decided)


def _targets(
    period: ReportingPeriod, boards: list[Unit], sizes: dict[int, int], manager: User
) -> None:
    indicator = Indicator.objects.get(code=TARGETED)
    held = set(
        Target.objects.filter(
            unit__in=boards, indicator=indicator, start_year=YEAR, end_year=YEAR
        ).values_list("unit_id", flat=True)
    )
    new = []
    for board in boards:
        if board.pk in held:
            continue
        result, _ = figures(board_rng(board, period), sizes[board.pk], period)[TARGETED]
        factor = random.Random(f"{SEED}:{board.code}:{YEAR}:target")  # noqa: S311
        value = (result * factor.randint(*TARGET_FACTOR) / 1000).quantize(
            Decimal(1), ROUND_HALF_UP
        ) * 10
        if found := target_problems(indicator, value):
            raise ValidationFailedError("Chỉ tiêu minh họa không hợp lệ.", {TARGETED: found})
        basis = f"Chỉ tiêu minh họa: kết nạp đảng viên mới năm {YEAR}."
        new.append(
            Target(
                unit=board,
                indicator=indicator,
                start_year=YEAR,
                end_year=YEAR,
                value=value,
                basis=basis,
            )
        )
    demo_targets_save(manager, new)


def year_2017_reports_load(*, password: str) -> None:
    """After ``indicators_illustrative`` (its leaders) and the 2017 plan's cluster term."""
    term = ClusterTerm.objects.filter(cluster__number=CLUSTER, year=YEAR).first()
    if term is None:
        return
    spec = demo_spec()
    with transaction.atomic():
        manager = User.objects.get(username=spec["manager"])
        period = _period(manager, term)
        boards = sorted((m.unit for m in term.memberships.all()), key=lambda u: u.sort_key)
        sizes = board_sizes(boards)
        fresh = not Report.objects.filter(period=period).exists()
        period_write(
            period,
            boards,
            manager=manager,
            leaders=board_leaders(boards, spec["leader_prefix"], password),
            sizes=sizes,
            catalogue={i.code: i for i in Indicator.objects.filter(active=True)},
        )
        if fresh:
            _in_their_year(period, boards)
        _targets(period, boards, sizes, manager)
