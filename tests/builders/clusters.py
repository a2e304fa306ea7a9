"""Cluster terms, built through ``cluster_term_create`` on demand, and the reference boards.

``term(number, year)`` builds the terms of the seeds (thidua/web/demo/seed_facts.yaml) as the
seeds give them, so tests can speak of "cluster 4 in 2018" and its real head and deputies:

- cluster 4, 2017 and 2018: the same eleven boards of the South-East; no head in 2017; in
  2018 Bình Dương head, Long An and Lâm Đồng deputies, elected on 05/01/2018; supervised by
  Vụ Địa phương III;
- cluster 3, 2023: twelve boards of the Centre and the Highlands (the seed gives only their
  number, so the names are illustrative and marked so), Đắk Lắk among them;
- clusters 1 and 2, 2025: nine boards each of the new provinces, Phú Thọ and Thanh Hóa head.

``cluster_term`` builds any other term a test wants, of any size.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from thidua.orgs.models import Cluster, ClusterMembership, ClusterTerm, OfficerRole, Unit, UnitKind
from thidua.orgs.services import cluster_create, cluster_term_create


def board(code: str) -> Unit:
    """An organization board of the reference data by province code: "74-63" is Bình Dương
    before 2025, "79" the Hồ Chí Minh City board from 2025."""
    return Unit.objects.get(code=f"BTC-{code}")


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


@dataclass(frozen=True)
class TermSpec:
    name: str
    members: tuple[str, ...]  # board codes without the "BTC-" prefix
    head: str | None = None
    deputies: tuple[str, ...] = ()
    regulation: str = ""
    decision: str = ""
    decided_on: dt.date | None = None
    department: str | None = None
    illustrative: bool = False


CLUSTER_4 = "Cụm thi đua số 4 ngành Tổ chức xây dựng Đảng"
# Tiền Giang, Bình Dương, Long An, Tây Ninh, Đồng Nai, Bình Phước, Bà Rịa - Vũng Tàu,
# Lâm Đồng, Ninh Thuận, Bình Thuận, Hồ Chí Minh.
CLUSTER_4_MEMBERS = tuple(
    f"{code}-63" for code in ("82", "74", "80", "72", "75", "70", "77", "68", "58", "60", "79")
)
CLUSTER_4_REGULATION = "Quy chế số 01-QC/CTĐ ngày 26-4-2017 về tổ chức, hoạt động Cụm Thi đua số 4"
SEED_TERMS = {
    (4, 2017): TermSpec(
        CLUSTER_4,
        CLUSTER_4_MEMBERS,
        regulation=CLUSTER_4_REGULATION,
        department="BTCTW-VDP3",
    ),
    (4, 2018): TermSpec(
        CLUSTER_4,
        CLUSTER_4_MEMBERS,
        head="74-63",
        deputies=("80-63", "68-63"),
        regulation=CLUSTER_4_REGULATION,
        decision="Bầu tại Hội nghị tổng kết ngày 05/01/2018 tại tỉnh Bình Dương",
        decided_on=dt.date(2018, 1, 5),
        department="BTCTW-VDP3",
    ),
    # Quảng Bình, Quảng Trị, Thừa Thiên Huế, Đà Nẵng, Quảng Nam, Quảng Ngãi, Bình Định,
    # Phú Yên, Khánh Hòa, Kon Tum, Gia Lai, Đắk Lắk.
    (3, 2023): TermSpec(
        "Cụm thi đua số 3 Ban Tổ chức Trung ương (khu vực miền Trung - Tây Nguyên)",
        tuple(
            f"{code}-63"
            for code in ("44", "45", "46", "48", "49", "51", "52", "54", "56", "62", "64", "66")
        ),
        illustrative=True,
    ),
    # Hà Nội, Thái Nguyên, Tuyên Quang, Cao Bằng, Sơn La, Điện Biên, Lai Châu, Lào Cai, Phú Thọ.
    (1, 2025): TermSpec(
        "Cụm thi đua số 1 ngành Tổ chức xây dựng Đảng",
        ("01", "19", "08", "04", "14", "11", "12", "15", "25"),
        head="25",
        decision="Theo nguồn: baophutho.vn",
    ),
    # Lạng Sơn, Quảng Ninh, Hải Phòng, Hưng Yên, Bắc Ninh, Ninh Bình, Thanh Hóa, Nghệ An, Hà Tĩnh.
    (2, 2025): TermSpec(
        "Cụm thi đua số 2 ngành Tổ chức xây dựng Đảng",
        ("20", "22", "31", "33", "24", "37", "38", "40", "42"),
        head="38",
        decision="Theo nguồn: baothanhhoa.vn",
    ),
}


def cluster(number: int, name: str = "") -> Cluster:
    """Cluster ``number`` of the organization sector, created on first use."""
    found = Cluster.objects.filter(number=number).first()
    return found or cluster_create(
        actor=None, number=number, name=name or f"Cụm thi đua số {number}"
    )


def term(number: int, year: int) -> ClusterTerm:
    """The seeds' term of cluster ``number`` in ``year`` (see the module's docstring)."""
    found = ClusterTerm.objects.filter(cluster__number=number, year=year).first()
    if found is not None:
        return found
    spec = SEED_TERMS[(number, year)]
    return cluster_term_create(
        actor=None,
        cluster=cluster(number, spec.name),
        year=year,
        members=[board(code) for code in spec.members],
        head=board(spec.head) if spec.head else None,
        deputies=[board(code) for code in spec.deputies],
        regulation=spec.regulation,
        supervising_department=unit(spec.department) if spec.department else None,
        officer_decision=spec.decision,
        officer_decided_on=spec.decided_on,
        illustrative_members=spec.illustrative,
    )


def cluster_term(
    number: int,
    year: int,
    members: Sequence[Unit],
    *,
    head: Unit | None = None,
    deputies: Sequence[Unit] = (),
    department: Unit | None = None,
) -> ClusterTerm:
    """Any term: cluster ``number`` in ``year`` with these members and officers."""
    return cluster_term_create(
        actor=None,
        cluster=cluster(number),
        year=year,
        members=members,
        head=head,
        deputies=deputies,
        supervising_department=department,
        officer_decision="Bầu tại hội nghị" if head or deputies else "",
    )


def boards_valid_in(year: int, count: int, *, exclude: Sequence[Unit] = ()) -> list[Unit]:
    """``count`` organization boards valid in ``year`` and in no cluster that year, in code
    order: members for a term of any size."""
    taken = ClusterMembership.objects.filter(year=year).values("unit_id")
    boards = (
        Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD)
        .valid_in_year(year)
        .exclude(pk__in=taken)
        .exclude(pk__in=[u.pk for u in exclude])
        .order_by("code")
    )
    return list(boards[:count])


def head_of(cluster_term: ClusterTerm | None) -> Unit:
    if cluster_term is None:
        raise ValueError("a sector-wide plan has no head")
    return next(m.unit for m in cluster_term.memberships.select_related("unit") if m.role == "head")


def members_of(cluster_term: ClusterTerm | None) -> list[Unit]:
    if cluster_term is None:
        return []
    return [m.unit for m in cluster_term.memberships.select_related("unit").order_by("unit__code")]


def plain_members(cluster_term: ClusterTerm | None) -> list[Unit]:
    """Members that are neither head nor deputy: their staff have no cluster powers."""
    if cluster_term is None:
        return []
    return [
        m.unit
        for m in cluster_term.memberships.select_related("unit").order_by("unit__code")
        if m.role == OfficerRole.MEMBER
    ]
