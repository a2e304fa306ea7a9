"""Loading the sector's reference units: the Commission, the 2025 provinces and communes, the
63 provinces before 2025, their organization boards and the lineage between them.

Idempotent: a unit is matched by its code, a lineage link by its two ends; nothing is duplicated.
"""

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import vietnam_provinces as vnp
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from thidua.audit.services import audit_record
from thidua.orgs.models import Unit, UnitKind, UnitLineage

LINEAGE_CSV = Path(__file__).parent / "data" / "province_lineage_2025.csv"
CITY_PREFIX = "Thành phố "
COMMISSION_CODE = "BTCTW"
DEPARTMENTS = [
    ("BTCTW-VDP1", "Vụ Địa phương I", "Vụ ĐP I"),
    ("BTCTW-VDP2", "Vụ Địa phương II", "Vụ ĐP II"),
    ("BTCTW-VDP3", "Vụ Địa phương III", "Vụ ĐP III"),
]


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    short_name: str
    kind: str
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None


def committee_names(province_name: str) -> tuple[str, str]:
    """("Thành ủy Hồ Chí Minh", "Hồ Chí Minh") for a city, ("Tỉnh ủy Long An", "Long An") else."""
    if province_name.startswith(CITY_PREFIX):
        short = province_name.removeprefix(CITY_PREFIX)
        return f"Thành ủy {short}", short
    return f"Tỉnh ủy {province_name}", province_name


def committee_code(province_code: str, *, before_reform: bool) -> str:
    return f"TU-{province_code}-63" if before_reform else f"TU-{province_code}"


def board_code(province_code: str, *, before_reform: bool) -> str:
    return f"BTC-{province_code}-63" if before_reform else f"BTC-{province_code}"


def _province_specs(
    code: str, name: str, *, before_reform: bool, reform_date: dt.date
) -> tuple[UnitSpec, UnitSpec]:
    """A province's party committee and its organization board, valid before or after the
    reform date that the lineage table gives (Nghị quyết 202/2025/QH15)."""
    committee, short = committee_names(name)
    valid_from = None if before_reform else reform_date
    valid_to = reform_date - dt.timedelta(days=1) if before_reform else None
    tu = committee_code(code, before_reform=before_reform)
    return (
        UnitSpec(tu, committee, short, UnitKind.PROVINCIAL_COMMITTEE, None, valid_from, valid_to),
        UnitSpec(
            board_code(code, before_reform=before_reform),
            f"Ban Tổ chức {committee}",
            short,
            UnitKind.ORGANIZATION_BOARD,
            tu,
            valid_from,
            valid_to,
        ),
    )


def _commune_name(ward_name: str) -> str:
    """ "Phường Hoàn Kiếm" → "Đảng ủy phường Hoàn Kiếm"."""
    return f"Đảng ủy {ward_name[:1].lower()}{ward_name[1:]}"


def lineage_rows() -> list[dict[str, str]]:
    with LINEAGE_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def reference_specs() -> list[UnitSpec]:
    specs = [
        UnitSpec(
            COMMISSION_CODE,
            "Ban Tổ chức Trung ương",
            "BTCTW",
            UnitKind.CENTRAL_COMMISSION,
            None,
            None,
            None,
        )
    ]
    specs += [
        UnitSpec(code, name, short, UnitKind.COMMISSION_DEPARTMENT, COMMISSION_CODE, None, None)
        for code, name, short in DEPARTMENTS
    ]
    rows = lineage_rows()
    new_since: dict[str, dt.date] = {}
    for row in rows:
        when = dt.date.fromisoformat(row["effective_date"])
        new_since[row["new_code"]] = min(when, new_since.get(row["new_code"], when))
        specs += _province_specs(
            row["old_code"], row["old_name"], before_reform=True, reform_date=when
        )
    for province in vnp.Province.iter_all():
        code = f"{int(province.code):02d}"
        specs += _province_specs(
            code, province.name, before_reform=False, reform_date=new_since[code]
        )
    for ward in vnp.Ward.iter_all():
        province_code = f"{int(ward.province_code):02d}"
        specs.append(
            UnitSpec(
                f"DU-{int(ward.code):05d}",
                _commune_name(ward.name),
                ward.name,
                UnitKind.COMMUNE_COMMITTEE,
                committee_code(province_code, before_reform=False),
                new_since[province_code],
                None,
            )
        )
    return specs


def reference_load(*, actor: AbstractBaseUser | None = None) -> dict[str, int]:
    """Create what is missing; returns how many units and links were added."""
    specs = reference_specs()
    with transaction.atomic():
        existing = dict(Unit.objects.values_list("code", "id"))
        new_units = []
        for spec in specs:
            if spec.code in existing:
                continue
            unit = Unit(
                code=spec.code,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                valid_from=spec.valid_from,
                valid_to=spec.valid_to,
            )
            unit.refresh_derived_keys()
            new_units.append(unit)
        Unit.objects.bulk_create(new_units, batch_size=1000)
        ids = dict(Unit.objects.values_list("code", "id"))
        parents = [
            Unit(pk=ids[s.code], parent_id=ids[s.parent_code])
            for s in specs
            if s.parent_code and s.code not in existing
        ]
        Unit.objects.bulk_update(parents, ["parent"], batch_size=1000)
        links_added = _load_lineage(ids)
        if new_units or links_added:
            audit_record(
                actor=actor,
                action="orgs.reference_load",
                object_type="orgs.unit",
                object_repr="Dữ liệu đơn vị tham chiếu",
                after={
                    "units_added": len(new_units),
                    "links_added": links_added,
                    "vietnam_provinces_data": vnp.__data_version__,
                },
            )
    return {"units_added": len(new_units), "links_added": links_added}


def _load_lineage(ids: dict[str, int]) -> int:
    existing = set(UnitLineage.objects.values_list("predecessor_id", "successor_id"))
    links = []
    for row in lineage_rows():
        when = dt.date.fromisoformat(row["effective_date"])
        for make_code in (committee_code, board_code):
            pred = ids[make_code(row["old_code"], before_reform=True)]
            succ = ids[make_code(row["new_code"], before_reform=False)]
            if (pred, succ) not in existing:
                links.append(
                    UnitLineage(
                        predecessor_id=pred,
                        successor_id=succ,
                        effective_date=when,
                        legal_basis=row["legal_basis"],
                    )
                )
    UnitLineage.objects.bulk_create(links)
    return len(links)
