"""The audit page names actions in words, and every action the code writes has its words."""

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.urls import reverse

from tests.builders.people import client_for, persona
from thidua.audit.labels import ACTION_LABELS, action_label
from thidua.audit.services import audit_record

CODE = Path(__file__).resolve().parents[2] / "thidua"
WRITTEN = re.compile(r"""\baction=["']([a-z_]+(?:\.[a-z_]+)+)["']""")


def _actions_written() -> set[str]:
    return {
        action
        for source in CODE.glob("**/*.py")
        if "migrations" not in source.parts
        for action in WRITTEN.findall(source.read_text())
    }


def test_every_action_the_code_writes_has_a_label() -> None:
    written = _actions_written()
    assert {"plan.create", "good_practice.publish", "report.submit"} <= written
    assert sorted(written - ACTION_LABELS.keys()) == []


def test_an_unlabelled_action_still_shows_but_as_other() -> None:
    assert action_label("good_practice.publish") == "Đăng mô hình, cách làm hay"
    assert action_label("something.new") == "Khác (something.new)"


@pytest.mark.django_db
def test_the_audit_page_shows_words_not_codes() -> None:
    officer = persona("canbo.binhduong")
    with transaction.atomic():
        audit_record(actor=officer, action="good_practice.publish", obj=officer)
    page = client_for("quantri").get(reverse("web:audit")).content.decode()
    assert "Đăng mô hình, cách làm hay" in page
    assert "good_practice.publish" not in page
