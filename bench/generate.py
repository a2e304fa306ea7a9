"""National-scale synthetic data for the benchmarks, built on the real reference units.

Real: the ~3,500 units and their 2025 lineage, loaded by ``reference_load``. Synthetic, drawn
from a seeded ``random.Random`` so that two runs build the same data: the sector's clusters with
a term for every year, one officer account per organization board plus a few sector-wide
accounts, and a stream of audit events written through the real audit chain.

Later benchmarks extend this module: add a step to ``generate`` and a count to ``data_counts``.
"""

import datetime as dt
import random
from collections.abc import Sequence

from django.db import transaction

from thidua.accounts.models import Role, RoleGrant, User
from thidua.audit.models import AuditEvent
from thidua.audit.services import audit_record
from thidua.orgs.models import (
    Cluster,
    ClusterMembership,
    ClusterTerm,
    OfficerChange,
    OfficerRole,
    Unit,
    UnitKind,
    UnitLineage,
)
from thidua.orgs.reference import COMMISSION_CODE, DEPARTMENTS, reference_load
from thidua.orgs.services import cluster_create, cluster_term_create

DEFAULT_YEARS = range(2016, 2026)
DEFAULT_AUDIT_EVENTS = 20_000
DEFAULT_SEED = 20_250_701
# The sector's clusters hold 6 to 12 boards; aiming at 9 keeps near-equal groups inside that
# range for 63 boards (7 × 9) and for the 34 boards after the 2025 reform (9, 9, 8, 8).
CLUSTER_SIZE_TARGET = 9
CLUSTER_SIZE_RANGE = range(6, 13)
# Events per transaction: each event still takes the chain's head lock through audit_record,
# but committing every event alone would make generation several times slower for no insight.
AUDIT_EVENTS_PER_TRANSACTION = 100
VIETNAM_TIME = dt.timezone(dt.timedelta(hours=7))
# (action, weight) of the synthetic audit stream: mostly edits of the directory, as in real use.
AUDIT_ACTION_WEIGHTS = [
    ("unit.update", 6),
    ("cluster_term.officer_change", 2),
    ("role.grant", 1),
    ("account.lock", 1),
]


def generate(
    *,
    years: Sequence[int] = DEFAULT_YEARS,
    audit_events: int = DEFAULT_AUDIT_EVENTS,
    seed: int = DEFAULT_SEED,
) -> dict[str, int]:
    """Fill a freshly migrated database; returns the number of rows of each kind."""
    if ClusterTerm.objects.exists() or User.objects.exists():
        raise RuntimeError("generate() expects a freshly migrated, empty database")
    rng = random.Random(seed)
    reference_load()
    create_cluster_terms(rng, years)
    create_accounts()
    write_audit_events(rng, count=audit_events, years=years)
    return data_counts()


def data_counts() -> dict[str, int]:
    return {
        "units": Unit.objects.count(),
        "communes": Unit.objects.filter(kind=UnitKind.COMMUNE_COMMITTEE).count(),
        "organization boards": Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD).count(),
        "lineage links": UnitLineage.objects.count(),
        "clusters": Cluster.objects.count(),
        "cluster terms": ClusterTerm.objects.count(),
        "memberships": ClusterMembership.objects.count(),
        "officer changes": OfficerChange.objects.count(),
        "users": User.objects.count(),
        "role grants": RoleGrant.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


# Clusters and terms ---------------------------------------------------------------------------


def boards_in_office(year: int) -> list[Unit]:
    """The organization boards in office at the end of ``year``, in code order.

    The end of the year rather than any day of it: in 2025 the 63 boards ended on 30 June and
    the 34 that succeeded them ran the year's emulation, as the demo data also has it.
    """
    boards = Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD)
    return list(boards.valid_on(dt.date(year, 12, 31)).order_by("code"))


def split_into_clusters(boards: Sequence[Unit]) -> list[list[Unit]]:
    """Near-equal groups of consecutive boards. Province codes run roughly north to south, so
    consecutive boards make regional clusters that stay the same from year to year, like the
    real ones."""
    count = max(1, round(len(boards) / CLUSTER_SIZE_TARGET))
    size, remainder = divmod(len(boards), count)
    groups: list[list[Unit]] = []
    start = 0
    for index in range(count):
        end = start + size + (1 if index < remainder else 0)
        groups.append(list(boards[start:end]))
        start = end
    drifted = [len(group) for group in groups if len(group) not in CLUSTER_SIZE_RANGE]
    if drifted and len(boards) >= CLUSTER_SIZE_RANGE.start:
        raise ValueError(f"cluster sizes {drifted} are outside {CLUSTER_SIZE_RANGE}")
    return groups


def create_cluster_terms(rng: random.Random, years: Sequence[int]) -> None:
    """One term per cluster and year through the real service (validation and audit included);
    the sector has well under a hundred terms, so bulk inserts would save little."""
    departments = list(Unit.objects.filter(code__in=[code for code, _, _ in DEPARTMENTS]))
    departments.sort(key=lambda unit: unit.code)
    clusters: dict[int, Cluster] = {}
    with transaction.atomic():
        for year in years:
            for number, members in enumerate(split_into_clusters(boards_in_office(year)), 1):
                if number not in clusters:
                    clusters[number] = cluster_create(
                        actor=None, number=number, name=f"Cụm thi đua số {number}"
                    )
                head = rng.choice(members)
                others = [unit for unit in members if unit.pk != head.pk]
                deputies = rng.sample(others, k=rng.randint(1, 2))
                # Officers are elected at the year's opening conference, or once the boards
                # exist (the 2025 boards began on 1 July).
                opening = max(
                    [dt.date(year, 1, 1), *(u.valid_from for u in members if u.valid_from)]
                )
                cluster_term_create(
                    actor=None,
                    cluster=clusters[number],
                    year=year,
                    members=members,
                    head=head,
                    deputies=deputies,
                    regulation=f"Quy chế hoạt động Cụm thi đua số {number} năm {year}",
                    supervising_department=departments[(number - 1) % len(departments)],
                    officer_decision=f"Bầu tại hội nghị đầu năm {year} của cụm",
                    officer_decided_on=opening + dt.timedelta(days=rng.randint(10, 45)),
                    note="Dữ liệu tổng hợp cho đo hiệu năng.",
                )


# Accounts -------------------------------------------------------------------------------------


def _account(username: str, full_name: str, unit: Unit | None) -> User:
    user = User(username=username, first_name=full_name[:150], unit=unit)
    # Benchmark accounts never sign in with a password (the API is driven with force_login);
    # an unusable password also skips hashing, which would dominate generation time.
    user.set_unusable_password()
    return user


def create_accounts() -> None:
    """An officer for every organization board, past or present, with the grant ending when
    the board did; an observer per Commission department; the sector-wide roles."""
    boards = list(Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD).order_by("code"))
    departments = list(Unit.objects.filter(kind=UnitKind.COMMISSION_DEPARTMENT).order_by("code"))
    commission = Unit.objects.get(code=COMMISSION_CODE)
    sector_wide = [
        ("thuongtruc", "Thường trực thi đua ngành", Role.SECTOR_SECRETARIAT),
        ("hoidong", "Ủy viên Hội đồng thi đua", Role.COUNCIL_MEMBER),
    ]
    with transaction.atomic():
        officers = User.objects.bulk_create(
            [_account(officer_username(b.code), f"Cán bộ {b.name}", b) for b in boards]
        )
        observers = User.objects.bulk_create(
            [_account(f"theodoi.{d.code.lower()}", f"Chuyên viên {d.name}", d) for d in departments]
        )
        sector_users = User.objects.bulk_create(
            [_account(username, name, commission) for username, name, _ in sector_wide]
        )
        grants = [
            RoleGrant(user=user, role=Role.UNIT_OFFICER, unit=board, valid_to=board.valid_to)
            for user, board in zip(officers, boards, strict=True)
        ]
        grants += [
            RoleGrant(user=user, role=Role.OBSERVER, unit=department)
            for user, department in zip(observers, departments, strict=True)
        ]
        grants += [
            RoleGrant(user=user, role=role)
            for user, (_, _, role) in zip(sector_users, sector_wide, strict=True)
        ]
        RoleGrant.objects.bulk_create(grants)


def officer_username(board_code: str) -> str:
    """The officer account of a board: "BTC-79" → "canbo.btc-79"."""
    return f"canbo.{board_code.lower()}"


# Audit events ---------------------------------------------------------------------------------


def _event_times(rng: random.Random, count: int, years: Sequence[int]) -> list[dt.datetime]:
    """Increasing instants spread over the years, so date filters see realistic selectivity.

    In UTC, like ``timezone.now()``: audit_record hashes ``at`` as given, but the database gives
    it back in UTC, so an instant with another offset would fail audit_chain_verify.
    """
    start = dt.datetime(min(years), 1, 1, 7, tzinfo=VIETNAM_TIME)
    end = dt.datetime(max(years), 12, 31, 17, tzinfo=VIETNAM_TIME)
    step = (end - start) / max(count, 1)
    return [(start + step * i + step * rng.random()).astimezone(dt.UTC) for i in range(count)]


def write_audit_events(rng: random.Random, *, count: int, years: Sequence[int]) -> None:
    """``count`` events through ``audit_record``: each one locks the chain's head and hashes
    the previous event, exactly as a real change would. The events describe edits that are
    not applied, which is enough for reading and verifying the log. Every list is read in a
    fixed order so that the seeded choices pick the same rows on every run."""
    units = list(Unit.objects.only("id", "name", "short_name", "code"))
    terms = list(ClusterTerm.objects.select_related("cluster"))
    memberships = list(ClusterMembership.objects.only("id", "term_id", "unit_id", "role"))
    grants = list(
        RoleGrant.objects.select_related("user", "unit", "cluster_term__cluster").order_by("id")
    )
    users = list(User.objects.order_by("id"))
    terms_by_id = {term.pk: term for term in terms}
    actions = [action for action, _ in AUDIT_ACTION_WEIGHTS]
    weights = [weight for _, weight in AUDIT_ACTION_WEIGHTS]
    times = _event_times(rng, count, years)
    for batch_start in range(0, count, AUDIT_EVENTS_PER_TRANSACTION):
        with transaction.atomic():
            for at in times[batch_start : batch_start + AUDIT_EVENTS_PER_TRANSACTION]:
                actor = rng.choice(users)
                action = rng.choices(actions, weights)[0]
                if action == "unit.update":
                    unit = rng.choice(units)
                    audit_record(
                        actor=actor,
                        action=action,
                        obj=unit,
                        before={"name": unit.name, "short_name": unit.short_name},
                        after={"name": unit.name, "short_name": f"{unit.short_name} (sửa)"},
                        at=at,
                    )
                elif action == "cluster_term.officer_change":
                    membership = rng.choice(memberships)
                    audit_record(
                        actor=actor,
                        action=action,
                        obj=terms_by_id[membership.term_id],
                        after={
                            "unit": membership.unit_id,
                            "new_role": rng.choice(list(OfficerRole)),
                            "decision": f"Quyết định số {rng.randint(1, 999)}-QĐ/CTĐ",
                        },
                        at=at,
                    )
                elif action == "role.grant":
                    grant = rng.choice(grants)
                    scope = {"user": grant.user_id, "role": grant.role, "unit": grant.unit_id}
                    audit_record(actor=actor, action=action, obj=grant, after=scope, at=at)
                else:
                    locked = rng.choice(users)
                    until = at + dt.timedelta(minutes=15)
                    audit_record(
                        actor=None, action=action, obj=locked, after={"until": until}, at=at
                    )
