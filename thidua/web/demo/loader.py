"""Demo data: the real clusters of the seeds and one account per role, on real boards.

Source: ``seed_facts.yaml`` (a copy of the project's shared seed facts) and
``illustrative.yaml`` (choices the sources do not give, marked illustrative in the data).
Running it again changes nothing.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from thidua.accounts.models import Role, User
from thidua.accounts.services import role_grant, user_create
from thidua.indicators.services.catalogue import indicator_catalogue_load
from thidua.orgs.models import Cluster, ClusterTerm, Unit, UnitKind
from thidua.orgs.reference import COMMISSION_CODE, committee_names, reference_load
from thidua.orgs.services import cluster_create, cluster_term_create
from thidua.rulebook.services.loader import rulebook_load
from thidua.web.demo.awards_demo import awards_demo_load
from thidua.web.demo.indicators_demo import indicators_demo_load
from thidua.web.demo.indicators_illustrative import indicators_illustrative_load
from thidua.web.demo.plan_2017 import plan_2017_load
from thidua.web.demo.practices_demo import practices_demo_load
from thidua.web.demo.votes_demo import votes_demo_load
from thidua.web.demo.year_2017_reports import year_2017_reports_load

HERE = Path(__file__).parent
DEMO_PASSWORD = "thidua-demo-2025"  # noqa: S105  (printed by make demo; demo databases only)
LAST_YEAR_BEFORE_REFORM = 2024


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit_code: str
    scope_is_unit: bool = True


def _facts() -> dict[str, Any]:
    with (HERE / "seed_facts.yaml").open(encoding="utf-8") as handle:
        facts: dict[str, Any] = yaml.safe_load(handle)
    return facts


def _illustrative() -> dict[str, Any]:
    with (HERE / "illustrative.yaml").open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def board_for(province_name: str, year: int) -> Unit:
    """The organization board of a province as it existed in ``year``."""
    _, short = committee_names(province_name)
    boards = Unit.objects.filter(kind=UnitKind.ORGANIZATION_BOARD, short_name=short)
    boards = boards.valid_in_year(year) if year != 2025 else boards.filter(valid_from__isnull=False)
    board = boards.first()
    if board is None:
        raise LookupError(f"no organization board for {province_name!r} in {year}")
    return board


def _department(name: str) -> Unit | None:
    short = name.split(",")[0].strip()
    return Unit.objects.filter(kind=UnitKind.COMMISSION_DEPARTMENT, name=short).first()


def _load_clusters() -> None:
    facts, extra = _facts(), _illustrative()
    for spec in facts["clusters"]:
        cluster = Cluster.objects.filter(number=spec["number"]).first() or cluster_create(
            actor=None, number=spec["number"], name=spec["name"]
        )
        supervising = _department(spec.get("supervising_department", ""))
        previous_members: list[str] = []
        for term in spec["terms"]:
            year = term["year"]
            names = term.get("members")
            illustrative = False
            if names == "same_as_2017":
                names = previous_members
            if names is None:
                names, illustrative = extra[f"cluster_{spec['number']}_{year}_members"], True
            previous_members = names
            if ClusterTerm.objects.filter(cluster=cluster, year=year).exists():
                continue
            members = [board_for(n, year) for n in names]
            head = board_for(term["head"], year) if term.get("head") else None
            deputies = [board_for(n, year) for n in term.get("deputies", [])]
            conference = spec["terms"][0].get("summary_conference", {})
            decision = ""
            if head and year == 2018:
                decision = (
                    f"Bầu tại Hội nghị tổng kết ngày "
                    f"{conference['date']:%d/%m/%Y} tại {conference['place']}"
                )
            elif head:
                decision = f"Theo nguồn: {spec['source']}"
            regulation = term.get("regulation") or spec["terms"][0].get("regulation", "")
            cluster_term_create(
                actor=None,
                cluster=cluster,
                year=year,
                members=members,
                head=head,
                deputies=deputies,
                regulation=regulation if year <= LAST_YEAR_BEFORE_REFORM else "",
                supervising_department=supervising,
                officer_decision=decision,
                officer_decided_on=conference.get("date") if year == 2018 else None,
                illustrative_members=illustrative,
                note=_term_note(term),
            )


def _term_note(term: dict[str, Any]) -> str:
    parts = []
    if term.get("host"):
        parts.append(f"Đơn vị đăng cai hội nghị tổng kết: {term['host']}.")
    conference = term.get("summary_conference")
    if conference:
        parts.append(f"Hội nghị tổng kết ngày {conference['date']:%d/%m/%Y}.")
    return " ".join(parts)


def demo_accounts() -> list[DemoAccount]:
    bd = "BTC-74-63"  # Ban Tổ chức Tỉnh ủy Bình Dương (2018: cluster 4 head)
    return [
        DemoAccount("quantri", "Quản trị hệ thống", Role.SYSTEM_ADMIN, COMMISSION_CODE, False),
        DemoAccount(
            "thuongtruc",
            "Thường trực thi đua ngành",
            Role.SECTOR_SECRETARIAT,
            COMMISSION_CODE,
            False,
        ),
        DemoAccount(
            "hoidong", "Ủy viên Hội đồng thi đua", Role.COUNCIL_MEMBER, COMMISSION_CODE, False
        ),
        DemoAccount("lanhdao.binhduong", "Lãnh đạo Ban Tổ chức Bình Dương", Role.UNIT_LEADER, bd),
        DemoAccount("canbo.binhduong", "Cán bộ Ban Tổ chức Bình Dương", Role.UNIT_OFFICER, bd),
        DemoAccount("canbo.longan", "Cán bộ Ban Tổ chức Long An", Role.UNIT_OFFICER, "BTC-80-63"),
        DemoAccount("canbo.daklak", "Cán bộ Ban Tổ chức Đắk Lắk", Role.UNIT_OFFICER, "BTC-66-63"),
        DemoAccount("theodoi", "Chuyên viên Vụ Địa phương III", Role.OBSERVER, "BTCTW-VDP3"),
    ]


def _load_accounts() -> None:
    for account in demo_accounts():
        unit = Unit.objects.get(code=account.unit_code)
        user = User.objects.filter(username=account.username).first() or user_create(
            actor=None,
            username=account.username,
            password=DEMO_PASSWORD,
            full_name=account.full_name,
            unit=unit,
        )
        if account.role == Role.SYSTEM_ADMIN and not user.is_superuser:
            User.objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)
        role_grant(
            actor=None, user=user, role=account.role, unit=unit if account.scope_is_unit else None
        )


def demo_load() -> None:
    reference_load()
    with transaction.atomic():
        _load_clusters()
        _load_accounts()
    plan_2017_load(board_for=board_for, password=DEMO_PASSWORD)
    indicator_catalogue_load()
    rulebook_load()
    indicators_demo_load(board_for=board_for, password=DEMO_PASSWORD)
    # After the seeds' reports, which it never overwrites.
    indicators_illustrative_load(password=DEMO_PASSWORD)
    # Cluster 4's 2017 year-end reports, the figures of the year played in full.
    year_2017_reports_load(password=DEMO_PASSWORD)
    practices_demo_load()
    awards_demo_load(board_for=board_for)
    votes_demo_load(board_for=board_for, password=DEMO_PASSWORD)
