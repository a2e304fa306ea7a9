"""Opening a year: next year's cluster terms created from this year's in one step."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.errors import DomainError
from thidua.orgs.models import ClusterTerm
from thidua.orgs.selectors import ProposedTerm, rollover_proposal
from thidua.orgs.services import cluster_term_create


def terms_rollover(
    *, actor: AbstractBaseUser | None, from_year: int, to_year: int
) -> list[ClusterTerm]:
    """Create every cluster's ``to_year`` term as ``rollover_proposal`` draws it, all or none,
    each through ``cluster_term_create`` (its checks and its audit event). Clusters that already
    have a term that year are left as they are."""
    if to_year <= from_year:
        raise DomainError(_("Năm mới phải sau năm lấy làm gốc."), field="to_year")
    with transaction.atomic():
        proposals = rollover_proposal(from_year=from_year, to_year=to_year)
        created = [_create(actor, p, from_year, to_year) for p in proposals if not p.exists]
    if not created:
        raise DomainError(
            _("Không có cụm nào để lập: năm %(year)s đã đủ nhiệm kỳ hoặc năm gốc không có cụm.")
            % {"year": to_year}
        )
    return created


def _create(
    actor: AbstractBaseUser | None, proposal: ProposedTerm, from_year: int, to_year: int
) -> ClusterTerm:
    department = proposal.source.supervising_department
    return cluster_term_create(
        actor=actor,
        cluster=proposal.cluster,
        year=to_year,
        members=proposal.members,
        regulation=proposal.source.regulation,
        supervising_department=(
            department if department and department.is_valid_in_year(to_year) else None
        ),
        note=_("Lập từ nhiệm kỳ năm %(year)s.") % {"year": from_year},
    )
