"""Who issues a document, for every builder: a cluster, a board (or another unit), the
Commission, its council. One place, so a body has one name, one symbol and one register
whichever document it issues.

Registers (``Issuer.register_key``, read back by ``thidua/documents/access.py``):

- ``cluster:N:YEAR``: a cluster numbers within its year's term (the officers change each year).
- ``unit:CODE:START-END``: a board numbers within its party committee's term, as the party's
  offices do (numbers run from 01 at the start of the committee's term).
- ``sector:YEAR`` and ``council:YEAR``: the Commission and its council, per year.
"""

from __future__ import annotations

from django.conf import settings

from thidua.documents.content import Issuer
from thidua.orgs.models import ClusterTerm, OfficerRole, Unit, UnitKind

# The line a signer's name is written on by hand when the directory does not know the signer.
BLANK_NAME = "…………………………"
COMMISSION_NAME = "BAN TỔ CHỨC TRUNG ƯƠNG"
COMMISSION_ABBREVIATION = "BTCTW"
COMMISSION_PLACE = "Hà Nội"
COUNCIL_NAME = "HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG"
COUNCIL_ABBREVIATION = "HĐTĐKT"
# A board's own part of the symbol: Ban Tổ chức Tỉnh ủy / Thành ủy.
BOARD_ABBREVIATION = "BTCTU"
# A cluster's own part of the symbol ("05-BC/CTĐ") is configuration.
CLUSTER_SYMBOL_SETTING = "THIDUA_CLUSTER_SYMBOL"
CLUSTER_SYMBOL_DEFAULT = "CTĐ"
# Party committees' terms run five years from a congress year (2015, 2020, 2025…).
TERM_YEARS = 5


def party_term(year: int) -> str:
    """The committee term a year falls in: 2018 → "2015-2020", 2021 → "2020-2025"."""
    start = (year - 1) // TERM_YEARS * TERM_YEARS
    return f"{start}-{start + TERM_YEARS}"


def cluster_symbol() -> str:
    return str(getattr(settings, CLUSTER_SYMBOL_SETTING, CLUSTER_SYMBOL_DEFAULT))


def cluster_title(term: ClusterTerm) -> str:
    """ "CỤM THI ĐUA SỐ 4"."""
    return f"CỤM THI ĐUA SỐ {term.cluster.number}"


def head_of(term: ClusterTerm) -> Unit | None:
    """The head board, from the term's memberships as its selector loaded them."""
    return next((m.unit for m in term.memberships.all() if m.role == OfficerRole.HEAD), None)


def place_of(unit: Unit | None) -> str:
    """Where a unit's documents are dated: its province ("Bình Dương"; a board's short name is
    its province's), the capital for the Commission and its departments."""
    if unit is None:
        return ""
    if unit.kind in (UnitKind.CENTRAL_COMMISSION, UnitKind.COMMISSION_DEPARTMENT):
        return COMMISSION_PLACE
    return unit.short_name or unit.name


def cluster_issuer(term: ClusterTerm) -> Issuer:
    """The cluster's documents are dated where its head sits (Bình Dương for cluster 4 in
    2018)."""
    return Issuer(
        register_key=f"cluster:{term.cluster.number}:{term.year}",
        name=cluster_title(term),
        abbreviation=cluster_symbol(),
        place=place_of(head_of(term)),
    )


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).upper()


def unit_issuer(unit: Unit, year: int) -> Issuer:
    """A board ("BAN TỔ CHỨC TỈNH ỦY BÌNH DƯƠNG", "BTCTU") under its party committee, the
    Commission, or any other unit (its initials), numbering within the committee's term."""
    if unit.kind == UnitKind.CENTRAL_COMMISSION:
        return commission_issuer(year)
    if unit.kind == UnitKind.ORGANIZATION_BOARD:
        abbreviation = BOARD_ABBREVIATION
    else:
        abbreviation = _initials(unit.name)
    return Issuer(
        register_key=f"unit:{unit.code}:{party_term(year)}",
        name=unit.name.upper(),
        abbreviation=abbreviation,
        place=place_of(unit),
        superior=unit.parent.name.upper() if unit.parent is not None else "",
    )


def commission_issuer(year: int) -> Issuer:
    return Issuer(
        register_key=f"sector:{year}",
        name=COMMISSION_NAME,
        abbreviation=COMMISSION_ABBREVIATION,
        place=COMMISSION_PLACE,
    )


def council_issuer(year: int) -> Issuer:
    return Issuer(
        register_key=f"council:{year}",
        name=COUNCIL_NAME,
        abbreviation=COUNCIL_ABBREVIATION,
        place=COMMISSION_PLACE,
        superior=COMMISSION_NAME,
    )
