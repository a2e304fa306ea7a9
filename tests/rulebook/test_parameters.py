"""The secretariat sets a parameter: audited with before, after and reason, the previous value
closed the day before; a confirmed rule cannot be changed; nobody else may set one."""

import datetime as dt
from typing import Any

import pytest

from tests.builders.people import persona
from thidua.audit.models import AuditEvent
from thidua.core.errors import DomainError, NotFoundError, PermissionDeniedError
from thidua.rulebook.models import Rule
from thidua.rulebook.selectors import rule_set_on
from thidua.rulebook.services.parameters import parameter_set

pytestmark = pytest.mark.django_db
D = dt.date
SALARY = "base_salary"


def _set(actor: str = "thuongtruc", **changes: Any) -> Rule:
    arguments: dict[str, Any] = {
        "key": SALARY,
        "value": "2.530.000",
        "valid_from": D(2026, 1, 1),
        "citation_article": "Điều 3",
        "reason": "Nghị định mới về lương cơ sở",
    } | changes
    return parameter_set(actor=persona(actor), **arguments)


def test_a_new_value_closes_the_previous_one_the_day_before(rulebook: None) -> None:
    created = _set()
    previous = Rule.objects.get(key=SALARY, valid_from=D(2024, 7, 1))
    assert previous.valid_to == D(2025, 12, 31)
    assert (created.value, created.valid_from, created.valid_to) == (2_530_000, D(2026, 1, 1), None)
    assert created.is_parameter
    assert created.confidence == "unconfirmed"
    assert rule_set_on(D(2025, 12, 31)).integer(SALARY) == 2_340_000
    assert rule_set_on(D(2026, 1, 1)).integer(SALARY) == 2_530_000


def test_the_change_is_audited_with_before_after_and_reason(rulebook: None) -> None:
    created = _set()
    event = AuditEvent.objects.get(action="rulebook.parameter_set")
    before, after = dict(event.before or {}), dict(event.after or {})
    assert event.actor_label == "thuongtruc"
    assert event.object_id == str(created.pk)
    assert before["value"] == 2_340_000
    assert before["valid_to"] is None
    assert after["value"] == 2_530_000
    assert after["reason"] == "Nghị định mới về lương cơ sở"


def test_a_ratio_parameter_takes_a_decimal_comma(rulebook: None) -> None:
    created = _set(key="council_vote.approval_share", value="0,75")
    assert created.value == "0.75"
    assert rule_set_on(D(2026, 1, 2)).ratio("council_vote.approval_share") * 4 == 3


def test_a_confirmed_rule_cannot_be_changed(rulebook: None) -> None:
    key = "government_flag.max_share_of_cluster_leaders"
    with pytest.raises(DomainError) as refused:
        _set(key=key, value="0.30")
    assert "đã xác nhận" in refused.value.message
    assert Rule.objects.filter(key=key).count() == 1
    assert not AuditEvent.objects.filter(action="rulebook.parameter_set").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"value": "hai triệu"}, "value"),
        ({"key": "council_vote.approval_share", "value": "1,5"}, "value"),
        ({"citation_article": "  "}, "citation_article"),
        ({"reason": ""}, "reason"),
        ({"valid_from": D(2024, 7, 1)}, "valid_from"),
        ({"valid_from": D(2020, 1, 1)}, "valid_from"),
    ],
)
def test_a_bad_parameter_is_refused_beside_its_field(
    rulebook: None, changes: dict[str, Any], field: str
) -> None:
    shipped = Rule.objects.filter(key=SALARY).count()
    with pytest.raises(DomainError) as refused:
        _set(**changes)
    assert refused.value.field == field
    assert Rule.objects.filter(key=SALARY).count() == shipped


def test_a_value_before_a_later_one_is_refused(rulebook: None) -> None:
    _set(valid_from=D(2026, 1, 1))
    with pytest.raises(DomainError) as refused:
        _set(valid_from=D(2025, 6, 1), value="2.400.000")
    assert "01/01/2026" in refused.value.message


def test_an_unknown_key_is_not_found(rulebook: None) -> None:
    with pytest.raises(NotFoundError):
        _set(key="khong_co")


@pytest.mark.parametrize(
    "username", ["canbo.binhduong", "lanhdao.binhduong", "theodoi", "hoidong", "nguoingoai"]
)
def test_only_the_secretariat_sets_a_parameter(rulebook: None, username: str) -> None:
    shipped = Rule.objects.filter(key=SALARY).count()
    with pytest.raises(PermissionDeniedError):
        _set(actor=username)
    assert Rule.objects.filter(key=SALARY).count() == shipped
