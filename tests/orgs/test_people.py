import datetime as dt

import pytest
from django.urls import reverse

from tests.builders.clusters import board
from tests.builders.people import client_for
from thidua.core.errors import DomainError
from thidua.orgs.models import Position
from thidua.orgs.services import person_create, position_add

pytestmark = pytest.mark.django_db


def test_positions_over_time_show_on_the_internal_page_of_the_unit_only() -> None:
    person = person_create(actor=None, full_name="Nguyễn Văn An", birth_year=1975)
    position_add(
        actor=None,
        person=person,
        unit=board("74-63"),
        title="Phó Trưởng Ban",
        valid_from=dt.date(2016, 1, 1),
        valid_to=dt.date(2020, 10, 15),
    )
    url = reverse("web:unit_internal", args=[board("74-63").pk])
    assert "Nguyễn Văn An" in client_for("lanhdao.binhduong").get(url).content.decode()
    assert client_for("canbo.longan").get(url).status_code == 403


def test_a_position_ending_before_it_starts_is_refused() -> None:
    person = person_create(actor=None, full_name="Trần Thị Bình")
    with pytest.raises(DomainError, match="không được trước ngày bắt đầu"):
        position_add(
            actor=None,
            person=person,
            unit=board("80-63"),
            title="Chuyên viên",
            valid_from=dt.date(2020, 1, 1),
            valid_to=dt.date(2019, 1, 1),
        )
    assert not Position.objects.filter(person=person).exists()
