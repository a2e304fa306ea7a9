"""Who may issue and who may read a document, from its issuer's register key.

The builders already refuse to build for whoever may not read the source, so a draft is only
ever made by someone who may read it. A stored document is read back without rebuilding it, by
its issuer:

- ``cluster:N:YEAR``: the cluster's documents. Issued by the head's and deputies' staff (the
  TERM_MANAGE power) and the secretariat; read by whoever sees the cluster's own workspace.
- ``unit:CODE:START-END``: a board's documents (its unit code, its committee's term). Issued by
  its leaders (UNIT_APPROVE); read by those who see the unit's internal papers, so a board
  never reads another board's draft report.
- ``sector:YEAR`` / ``council:YEAR``: the Commission's and the council's. Issued by the
  secretariat; a draft is read by the secretariat and the council, an issued document (a plan,
  a decision) by every signed-in user.

The system administrator may do everything (``policy.may`` grants it).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from thidua.accounts.models import Role, User
from thidua.accounts.policy import Action, may, subject_of
from thidua.core.access import signed_in
from thidua.documents.models import Document
from thidua.orgs.models import ClusterTerm, Unit


def _terms(register_key: str) -> list[ClusterTerm]:
    parts = register_key.split(":")
    if len(parts) != 3 or not parts[1].isdigit() or not parts[2].isdigit():
        return []
    return list(
        ClusterTerm.objects.filter(cluster__number=int(parts[1]), year=int(parts[2]))
        .select_related("cluster")
        .prefetch_related("memberships__unit")
    )


def _units(register_key: str) -> list[Unit]:
    parts = register_key.split(":")
    if len(parts) < 2 or not parts[1]:
        return []
    return list(Unit.objects.filter(code=parts[1]))


def _sector_roles(user: User | AnonymousUser) -> set[str]:
    return subject_of(user).sector_roles


def _admin(user: User | AnonymousUser) -> bool:
    return Role.SYSTEM_ADMIN in _sector_roles(user)


def may_issue(user: User | AnonymousUser, register_key: str) -> bool:
    if not signed_in(user):
        return False
    if _admin(user):
        return True
    body = register_key.split(":", 1)[0]
    if body == "cluster":
        return any(may(user, Action.TERM_MANAGE, term) for term in _terms(register_key))
    if body == "unit":
        return any(may(user, Action.UNIT_APPROVE, unit) for unit in _units(register_key))
    if body in ("sector", "council"):
        return Role.SECTOR_SECRETARIAT in _sector_roles(user)
    return False


def may_read(user: User | AnonymousUser, register_key: str, *, issued: bool) -> bool:
    if not signed_in(user):
        return False
    if may_issue(user, register_key):
        return True
    body = register_key.split(":", 1)[0]
    if body == "cluster":
        return any(may(user, Action.TERM_VIEW_INTERNAL, term) for term in _terms(register_key))
    if body == "unit":
        return any(may(user, Action.UNIT_VIEW_INTERNAL, unit) for unit in _units(register_key))
    if body in ("sector", "council"):
        sector = {Role.SECTOR_SECRETARIAT, Role.COUNCIL_MEMBER}
        return issued or bool(sector & _sector_roles(user))
    return False


def may_read_document(user: User | AnonymousUser, document: Document) -> bool:
    """``may_read`` by the issuer, and a draft also by whoever drafted it (the builder let them
    read its source: a unit's report built into a sector-wide paper, say)."""
    issued = document.status == "issued"
    if not issued and isinstance(user, User) and document.created_by_id == user.pk:
        return True
    return may_read(user, document.register_key, issued=issued)
