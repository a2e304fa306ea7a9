"""A decision is numbered when it is recorded in its round (127-QĐ/BTCTW, 01/02/2019): its
document keeps that number and date when issued, enters the number in the Commission's register
so it is never given again, and is replaced by a new decision rather than corrected."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.builders.people import persona
from tests.documents.awards_world import board_round, cluster_round
from thidua.core.errors import DomainError
from thidua.documents.models import Register
from thidua.documents.services import document_correct, document_draft, document_issue

pytestmark = pytest.mark.django_db
SECRETARIAT = "thuongtruc"


def test_the_decision_keeps_its_recorded_number_and_date_and_the_register_moves_past_it() -> None:
    world = cluster_round(decide=True)
    office = persona(SECRETARIAT)
    draft = document_draft(actor=office, kind="decision", source_id=world.round.pk)
    issued = document_issue(actor=office, document=draft, today=dt.date(2019, 3, 4))
    assert (issued.number, issued.number_symbol) == (127, "Số 127-QĐ/BTCTW")
    assert issued.issued_on == dt.date(2019, 2, 1)
    assert issued.register_key == "sector:2019"
    register = Register.objects.get(register_key="sector:2019", type_abbreviation="QĐ")
    assert register.last_number == 127
    again = document_draft(actor=office, kind="decision", source_id=world.round.pk)
    with pytest.raises(DomainError, match="127-QĐ/BTCTW đã có trong sổ"):
        document_issue(actor=office, document=again)
    with pytest.raises(DomainError, match="quyết định mới"):
        document_correct(actor=office, document=issued)
    register.refresh_from_db()
    assert register.last_number == 127


def test_a_board_decision_numbers_in_the_board_register() -> None:
    world = board_round(decide=True)
    leader = persona("lanhdao.binhduong")
    draft = document_draft(actor=leader, kind="decision", source_id=world.round.pk)
    issued = document_issue(actor=leader, document=draft)
    assert (issued.register_key, issued.number_symbol) == (
        "unit:BTC-74-63:2015-2020",
        "Số 12-QĐ/BTCTU",
    )
    assert Register.objects.get(register_key="unit:BTC-74-63:2015-2020").last_number == 12
