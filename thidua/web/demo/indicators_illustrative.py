"""Demo: plausible, illustrative year-end and mid-year reports for every organization board,
so that roll-ups and dashboards have something to show beyond the seeds' few figures.

Every report written here is flagged ``illustrative`` and says "số liệu minh họa" in its
narrative and in the note of each figure. A board that already has a report for a period keeps
it: the seeds' figures (``indicators_demo``) are never read, changed or added to. The boards of
a period are those in office on its "as of" date: the 63 boards before the 2025 merger up to
the 2025 mid-year, the 34 new boards for the 2025 year.

Why a bulk path rather than report_save, report_submit and report_accept: about 270 reports
through the services take some 13 s (about 80 queries each), and a leader account per board
through user_create hashes a password each time (0.2 s with Argon2, 8 s for the 40 boards the
other demos leave without a leader). The demo runs at the start of every test session, so this
module writes the same rows in a few statements: every figure passes ``value_problems``, the
same check as report_save; the leader must be allowed to submit and the secretariat to decide
(the policy of ``access``); each report gets its two workflow moves (draft → submitted →
accepted), as report_submit and report_accept record them; and each batch writes one audit
event. Targets pass ``target_problems``, as in target_set. The periods go through
period_create.
"""

import datetime as dt
import random
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from thidua.accounts.models import Role, RoleGrant, User
from thidua.accounts.policy import Action, may
from thidua.audit.services import audit_record
from thidua.core.access import forbidden
from thidua.core.errors import ValidationFailedError
from thidua.core.models import Transition
from thidua.indicators import access
from thidua.indicators.models import (
    Indicator,
    PeriodKind,
    Report,
    ReportingPeriod,
    ReportStatus,
    ReportValue,
    Target,
)
from thidua.indicators.services.figures import value_problems
from thidua.indicators.services.periods import period_create
from thidua.indicators.services.targets import target_problems
from thidua.orgs.models import Unit, UnitKind, UnitLineage
from thidua.web.demo.indicators_demo import demo_spec, leader_username
from thidua.web.demo.targets_demo import demo_targets_save

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
SEED = "thidua-demo-minh-hoa"
NOTE = "Số liệu minh họa."
RESULTS = (
    "Số liệu minh họa do dữ liệu mẫu tạo ra theo quy mô của tỉnh để trình diễn các trang tổng "
    "hợp; không phải số liệu báo cáo thực tế của đơn vị."
)
# A board whose size cannot be read from the reference data counts as an average province.
DEFAULT_SIZE, SMALLEST_SIZE = 50, 20


# The periods: year, kind, title, the "as of" day and the deadline (illustrative, 17:00 local
# time) as (month, day). 2023 is the seeds' (indicators_demo.yaml), created here only if that
# demo did not run. The 2025 mid-year is before the merger of 1 July: the 63 boards report it.
PERIODS: tuple[tuple[int, PeriodKind, str, tuple[int, int], tuple[int, int]], ...] = (
    (2022, PeriodKind.YEAR, "Tổng kết năm 2022 (số liệu minh họa)", (11, 30), (12, 15)),
    (2023, PeriodKind.YEAR, "Tổng kết năm 2023", (11, 30), (12, 5)),
    (2024, PeriodKind.YEAR, "Tổng kết năm 2024 (số liệu minh họa)", (11, 30), (12, 15)),
    (2025, PeriodKind.MID_YEAR, "Sơ kết 6 tháng đầu năm 2025 (số liệu minh họa)", (6, 15), (6, 25)),
    (2025, PeriodKind.YEAR, "Tổng kết năm 2025 (số liệu minh họa)", (11, 30), (12, 15)),
)

# Counts per 100 communes of the board's size over a whole year, (lowest, highest). Chosen so
# that a province of about 46 communes lands near cluster 3's 2023 averages (seed 004: 1,722
# trained, 757 moves, 20 dismissals or resignations, 20,777 new members over 12 provinces).
PER_100_COMMUNES = {
    "new_party_members_admitted": (1_100, 2_300),
    "cadres_trained_or_retrained": (200, 420),
    "personnel_moves": (90, 180),
    "dismissals_or_resignations": (0, 7),
    "weak_grassroots_orgs_consolidated": (5, 20),
    "good_practices_published": (4, 12),
}
# Staff posts per commune, and the share streamlined in ‰ by period: steady before 2025, then
# the reorganization of 2025 (no more district level) cuts far deeper.
POSTS_PER_COMMUNE = (150, 260)
STREAMLINED_PER_MILLE = {
    (2025, PeriodKind.MID_YEAR): (20, 50),
    (2025, PeriodKind.YEAR): (60, 120),
}
STREAMLINED_PER_MILLE_BEFORE = (10, 25)
# Multi-year streamlining targets (percent) of the boards in office, and a 2025 target for new
# members (per 100 communes) of the new boards; all illustrative.
SHARE_TARGETS = {False: (2022, 2025, Decimal(5)), True: (2025, 2030, Decimal(10))}
NEW_MEMBERS_TARGET_PER_100 = 1_700


def board_rng(unit: Unit, period: ReportingPeriod) -> random.Random:
    """The random source of one board's figures for one period."""
    # A string seed is hashed with SHA-512, so the figures are the same on every load and
    # machine. Not used for anything secret.
    return random.Random(f"{SEED}:{unit.code}:{period.year}:{period.kind}")  # noqa: S311


def board_sizes(boards: Iterable[Unit]) -> dict[int, int]:
    """A board's size in communes: a 2025 board has its province's communes; a board before
    2025 an equal share of its successor's (the reference data holds no older count)."""
    communes = dict(
        Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE)
        .values_list("parent_id")
        .annotate(n=Count("pk"))
        .values_list("parent_id", "n")
    )
    parents = dict(
        Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD).values_list("pk", "parent_id")
    )
    links = list(
        UnitLineage.objects.filter(
            predecessor__kind=UnitKind.ORGANIZATION_BOARD,
            successor__kind=UnitKind.ORGANIZATION_BOARD,
        ).values_list("predecessor_id", "successor_id")
    )
    merged_into = Counter(successor for _, successor in links)
    own = {pk: communes.get(parent, 0) for pk, parent in parents.items()}
    shares: dict[int, int] = {}
    for predecessor, successor in links:
        shares[predecessor] = shares.get(predecessor, 0) + own[successor] // merged_into[successor]
    sizes = {}
    for board in boards:
        size = own.get(board.pk) or shares.get(board.pk) or DEFAULT_SIZE
        sizes[board.pk] = max(size, SMALLEST_SIZE)
    return sizes


def figures(
    rng: random.Random, size: int, period: ReportingPeriod
) -> dict[str, tuple[Decimal, Decimal | None]]:
    """A board's figures for a period, in proportion to its size; a mid-year report holds
    part of a year's counts."""
    mid = period.kind == PeriodKind.MID_YEAR
    out: dict[str, tuple[Decimal, Decimal | None]] = {}
    for code, (low, high) in PER_100_COMMUNES.items():
        part = rng.randint(35, 55) if mid else 100
        out[code] = (Decimal(size * rng.randint(low, high) * part // 10_000), None)
    posts = size * rng.randint(*POSTS_PER_COMMUNE)
    low, high = STREAMLINED_PER_MILLE.get(
        (period.year, PeriodKind(period.kind)), STREAMLINED_PER_MILLE_BEFORE
    )
    streamlined = posts * rng.randint(low, high) // 1000
    out["staff_streamlined"] = (Decimal(streamlined), None)
    out["staff_streamlined_share"] = (Decimal(streamlined), Decimal(posts))
    schemes = 8 + size // 5 + rng.randint(0, 4)
    out["job_position_schemes_approved"] = (
        Decimal(max(schemes - rng.randint(0, 3), 0)),
        Decimal(schemes),
    )
    return out


def _periods(manager: User) -> list[ReportingPeriod]:
    periods = []
    for year, kind, title, as_of, deadline in PERIODS:
        period = ReportingPeriod.objects.filter(year=year, kind=kind).first()
        if period is None:
            period = period_create(
                actor=manager,
                year=year,
                kind=kind,
                title=title,
                as_of=dt.date(year, *as_of),
                deadline=dt.datetime(year, *deadline, 17, tzinfo=LOCAL),
            )
        periods.append(period)
    return periods


def board_leaders(boards: list[Unit], prefix: str, password: str) -> dict[int, User]:
    """Each board's leader account (as indicators_demo names it), created where missing with
    the demo password hashed once, and its leader role on the board."""
    names = {board.pk: leader_username(board, prefix) for board in boards}
    users = {u.username: u for u in User.objects.filter(username__in=set(names.values()))}
    first_board: dict[str, Unit] = {}
    for board in boards:
        first_board.setdefault(names[board.pk], board)
    missing = sorted(set(names.values()) - set(users))
    if missing:
        hashed = make_password(password)
        created = User.objects.bulk_create(
            User(
                username=name,
                first_name=f"Lãnh đạo {first_board[name].name}",
                unit=first_board[name],
                password=hashed,
            )
            for name in missing
        )
        users |= {u.username: u for u in created}
    held = set(
        RoleGrant.objects.filter(
            role=Role.UNIT_LEADER, unit__in=boards, user__in=list(users.values())
        ).values_list("user_id", "unit_id")
    )
    grants = [
        RoleGrant(user=users[names[b.pk]], role=Role.UNIT_LEADER, unit=b)
        for b in boards
        if (users[names[b.pk]].pk, b.pk) not in held
    ]
    RoleGrant.objects.bulk_create(grants)
    if missing or grants:
        audit_record(
            actor=None,
            action="user.demo_load",
            object_type="accounts.user",
            object_repr="Tài khoản lãnh đạo ban tổ chức của dữ liệu mẫu",
            after={
                "users": missing,
                "leader_roles": [[g.user.username, g.unit.code] for g in grants if g.unit],
            },
        )
    return {board.pk: users[names[board.pk]] for board in boards}


def _check(
    report: Report,
    values: dict[str, tuple[Decimal, Decimal | None]],
    catalogue: dict[str, Indicator],
) -> None:
    """What report_save and the workflow would refuse, refused here too."""
    problems = {
        f"{report.unit.code}.{code}": found
        for code, (x, y) in values.items()
        if (found := value_problems(catalogue[code], x, y))
    }
    if problems:
        raise ValidationFailedError("Số liệu minh họa không hợp lệ.", problems)
    # A report without its leader or its decider is refused as the anonymous user would be.
    access.require_submit(report.submitted_by or AnonymousUser(), report.unit)
    access.require_decide(report.decided_by or AnonymousUser(), report)


def period_write(
    period: ReportingPeriod,
    boards: list[Unit],
    *,
    manager: User,
    leaders: dict[int, User],
    sizes: dict[int, int],
    catalogue: dict[str, Indicator],
) -> None:
    """Accepted, illustrative reports of the boards in office that have none for ``period``."""
    done = set(Report.objects.filter(period=period).values_list("unit_id", flat=True))
    due = [b for b in boards if b.is_valid_on(period.as_of) and b.pk not in done]
    if not due:
        return
    now = timezone.now()
    planned = []
    for board in due:
        report = Report(
            unit=board,
            period=period,
            status=ReportStatus.ACCEPTED,
            results=RESULTS,
            illustrative=True,
            submitted_by=leaders[board.pk],
            submitted_at=now,
            decided_by=manager,
            decided_at=now,
        )
        values = figures(board_rng(board, period), sizes[board.pk], period)
        _check(report, values, catalogue)
        planned.append((report, values))
    reports = Report.objects.bulk_create(report for report, _ in planned)
    ReportValue.objects.bulk_create(
        (
            ReportValue(report=report, indicator=catalogue[code], value=x, denominator=y, note=NOTE)
            for report, values in zip(reports, (v for _, v in planned), strict=True)
            for code, (x, y) in values.items()
        ),
        batch_size=1000,
    )
    moves = [
        (ReportStatus.DRAFT, ReportStatus.SUBMITTED, "submitted_by"),
        (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, "decided_by"),
    ]
    Transition.objects.bulk_create(
        Transition(
            object_type=Report._meta.label_lower,
            object_id=report.pk,
            from_status=before,
            to_status=after,
            by=getattr(report, who),
        )
        for before, after, who in moves
        for report in reports
    )
    audit_record(
        actor=manager,
        action="report.demo_load",
        obj=period,
        after={
            "illustrative": True,
            "status": ReportStatus.ACCEPTED,
            "reports": len(reports),
            "units": [r.unit.code for r in reports],
        },
    )


def _wanted_targets(board: Unit, size: int) -> list[tuple[str, int, int, Decimal, str]]:
    new_board = board.valid_from is not None
    start, end, share = SHARE_TARGETS[new_board]
    wanted = [
        (
            "staff_streamlined_share",
            start,
            end,
            share,
            f"Chỉ tiêu minh họa: tinh giản {share} % biên chế giai đoạn {start}–{end}.",
        )
    ]
    if new_board:
        count = Decimal(size * NEW_MEMBERS_TARGET_PER_100 // 1000 * 10)
        basis = "Chỉ tiêu minh họa: kết nạp đảng viên mới năm 2025."
        wanted.append(("new_party_members_admitted", 2025, 2025, count, basis))
    return wanted


def _targets(
    boards: list[Unit], manager: User, sizes: dict[int, int], catalogue: dict[str, Indicator]
) -> None:
    """The targets that target_set would accept, for the boards that have none of their own
    for the indicator: the seeds' targets (Lạng Sơn's 10 % by 2021) stay the only ones."""
    if not may(manager, Action.ORGS_MANAGE):
        raise forbidden()
    held = set(Target.objects.filter(unit__in=boards).values_list("unit_id", "indicator_id"))
    new: list[Target] = []
    for board in boards:
        for code, first, last, value, basis in _wanted_targets(board, sizes[board.pk]):
            indicator = catalogue[code]
            if (board.pk, indicator.pk) in held:
                continue
            if found := target_problems(indicator, value):
                raise ValidationFailedError("Chỉ tiêu minh họa không hợp lệ.", {code: found})
            new.append(
                Target(
                    unit=board,
                    indicator=indicator,
                    start_year=first,
                    end_year=last,
                    value=value,
                    basis=basis,
                )
            )
    demo_targets_save(manager, new)


def indicators_illustrative_load(*, password: str) -> None:
    """Write what is missing; a second load writes nothing."""
    spec = demo_spec()
    with transaction.atomic():
        manager = User.objects.get(username=spec["manager"])
        periods = _periods(manager)
        boards = [
            b
            for b in Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD).order_by("sort_key")
            if any(b.is_valid_on(p.as_of) for p in periods)
        ]
        sizes = board_sizes(boards)
        leaders = board_leaders(boards, spec["leader_prefix"], password)
        catalogue = {i.code: i for i in Indicator.objects.filter(active=True)}
        for period in periods:
            period_write(
                period,
                boards,
                manager=manager,
                leaders=leaders,
                sizes=sizes,
                catalogue=catalogue,
            )
        _targets(boards, manager, sizes, catalogue)
