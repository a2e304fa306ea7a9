import datetime as dt

import pytest

from tests.builders.clusters import board, term
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, ValidationFailedError
from thidua.orgs.models import (
    Cluster,
    ClusterMembership,
    ClusterTerm,
    OfficerChange,
    OfficerRole,
    Unit,
    UnitKind,
)
from thidua.orgs.selectors import term_officers
from thidua.orgs.services import cluster_create, cluster_term_create, officer_change, unit_create

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        Unit.objects.count(),
        ClusterTerm.objects.count(),
        ClusterMembership.objects.count(),
        OfficerChange.objects.count(),
        AuditEvent.objects.count(),
    )


def test_a_unit_already_in_another_cluster_that_year_is_refused() -> None:
    term(4, 2018)  # Bình Dương is a member
    cluster = cluster_create(actor=None, number=40, name="Cụm thử")
    before = _counts()
    with pytest.raises(ValidationFailedError) as refused:
        cluster_term_create(
            actor=None, cluster=cluster, year=2018, members=[board("74-63"), board("01-63")]
        )
    messages = refused.value.problems["term"]
    assert any("Bình Dương" in m and "đã là thành viên" in m for m in messages)
    assert _counts() == before


def test_a_head_who_is_not_a_member_is_refused() -> None:
    cluster = cluster_create(actor=None, number=41, name="Cụm thử")
    before = _counts()
    with pytest.raises(ValidationFailedError) as refused:
        cluster_term_create(
            actor=None,
            cluster=cluster,
            year=2019,
            members=[board("01-63"), board("31-63")],
            head=board("22-63"),
            deputies=[board("20-63")],
            officer_decision="Bầu tại hội nghị",
        )
    messages = " ".join(refused.value.problems["term"])
    assert "Cụm trưởng “Ban Tổ chức Tỉnh ủy Quảng Ninh” không phải thành viên" in messages
    assert "Cụm phó “Ban Tổ chức Tỉnh ủy Lạng Sơn” không phải thành viên" in messages
    assert _counts() == before


def test_a_unit_not_valid_that_year_is_refused() -> None:
    cluster = cluster_create(actor=None, number=42, name="Cụm thử")
    with pytest.raises(ValidationFailedError) as refused:
        cluster_term_create(actor=None, cluster=cluster, year=2026, members=[board("74-63")])
    assert "không còn hiệu lực trong năm 2026" in refused.value.problems["term"][0]


def test_a_unit_valid_to_before_valid_from_is_refused() -> None:
    before = _counts()
    with pytest.raises(DomainError) as refused:
        unit_create(
            actor=None,
            name="Ban Tổ chức thử",
            kind=UnitKind.OTHER,
            code="THU-1",
            valid_from=dt.date(2020, 1, 1),
            valid_to=dt.date(2019, 12, 31),
        )
    assert refused.value.message == (
        "Ngày hết hiệu lực (31/12/2019) không được trước ngày bắt đầu hiệu lực (01/01/2020)."
    )
    assert _counts() == before


def test_a_valid_term_is_written_with_its_officers_and_one_audit_event() -> None:
    cluster = cluster_create(actor=None, number=43, name="Cụm thử")
    before = AuditEvent.objects.count()
    created = cluster_term_create(
        actor=None,
        cluster=cluster,
        year=2019,
        members=[board("01-63"), board("31-63"), board("22-63")],
        head=board("22-63"),
        deputies=[board("01-63")],
        officer_decision="Bầu tại Hội nghị tổng kết ngày 20/12/2018",
    )
    officers = term_officers(created)
    assert officers.head == board("22-63")
    assert officers.deputies == [board("01-63")]
    assert AuditEvent.objects.count() == before + 1


def test_an_officer_change_records_its_decision_and_demotes_the_old_head() -> None:
    term_2018 = term(4, 2018)
    change = officer_change(
        actor=None,
        term=term_2018,
        unit=board("80-63"),
        new_role=OfficerRole.HEAD,
        decision="Quyết định điều chỉnh ngày 01/07/2018",
        decided_on=dt.date(2018, 7, 1),
    )
    assert change.old_role == OfficerRole.DEPUTY
    officers = term_officers(ClusterTerm.objects.get(pk=term_2018.pk))
    assert officers.head == board("80-63")
    demoted = OfficerChange.objects.get(term=term_2018, unit=board("74-63"), old_role="head")
    assert demoted.new_role == OfficerRole.MEMBER
    assert demoted.decision == "Quyết định điều chỉnh ngày 01/07/2018"


def test_an_officer_change_for_a_non_member_or_without_decision_is_refused() -> None:
    with pytest.raises(DomainError, match="không phải thành viên"):
        officer_change(
            actor=None,
            term=term(4, 2018),
            unit=board("01-63"),
            new_role=OfficerRole.DEPUTY,
            decision="Quyết định",
        )
    with pytest.raises(DomainError, match="Cần ghi quyết định"):
        officer_change(
            actor=None,
            term=term(4, 2018),
            unit=board("82-63"),
            new_role=OfficerRole.DEPUTY,
            decision=" ",
        )


def test_the_database_itself_keeps_one_cluster_per_sector_and_year() -> None:
    from django.db import IntegrityError, transaction

    term(4, 2018)  # Bình Dương is a member
    cluster = Cluster.objects.create(number=44, name="Cụm thử")
    other = ClusterTerm.objects.create(cluster=cluster, year=2018)
    with pytest.raises(IntegrityError), transaction.atomic():
        ClusterMembership.objects.create(
            term=other, unit=board("74-63"), sector=cluster.sector, year=2018
        )
