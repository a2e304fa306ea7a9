"""The services that adjust a term after it exists: each refusal leaves the term as it was."""

import pytest

from tests.builders.assessments import registered
from tests.builders.clusters import board, term, unit
from tests.builders.plans import small_plan
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import ClusterMembership
from thidua.orgs.services.terms import cluster_term_update, term_member_add, term_member_remove

pytestmark = pytest.mark.django_db


def test_a_unit_registered_in_the_term_s_plan_stays_in_the_cluster() -> None:
    cluster_term = term(4, 2018)
    plan = small_plan(cluster_term)
    tay_ninh = board("72-63")
    registered(plan, [tay_ninh])
    before = AuditEvent.objects.count()
    with pytest.raises(DomainError, match="đã đăng ký thi đua"):
        term_member_remove(actor=None, term=cluster_term, unit=tay_ninh, reason="Thử")
    assert ClusterMembership.objects.filter(term=cluster_term, unit=tay_ninh).exists()
    assert AuditEvent.objects.count() == before
    # A member that has not registered may leave.
    term_member_remove(actor=None, term=cluster_term, unit=board("60-63"), reason="Chuyển cụm")
    assert not ClusterMembership.objects.filter(term=cluster_term, unit=board("60-63")).exists()


def test_a_unit_of_another_cluster_or_already_in_is_not_added() -> None:
    cluster_term = term(4, 2018)
    with pytest.raises(DomainError, match="đã là thành viên của cụm năm 2018"):
        term_member_add(actor=None, term=cluster_term, unit=board("74-63"))
    # Cà Mau's board of 2025 (the merger's) was not in force in 2023.
    with pytest.raises(ValidationFailedError) as refused:
        term_member_add(actor=None, term=term(3, 2023), unit=board("96"))
    assert "không còn hiệu lực trong năm 2023" in refused.value.problems["unit"][0]


def test_a_removal_needs_its_reason_and_an_update_needs_a_change() -> None:
    cluster_term = term(4, 2018)
    with pytest.raises(DomainError, match="lý do"):
        term_member_remove(actor=None, term=cluster_term, unit=board("60-63"), reason=" ")
    with pytest.raises(DomainError, match="Không có gì thay đổi"):
        cluster_term_update(
            actor=None,
            term=cluster_term,
            regulation=cluster_term.regulation,
            supervising_department=unit("BTCTW-VDP3"),
            note=cluster_term.note,
        )
