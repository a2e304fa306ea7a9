"""The shipped rule book: loaded whole or not at all, idempotent, read back as the rule set in
force on a date in one query, and guarded against overlapping values in the database."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from pytest_django import DjangoAssertNumQueries

from tests.builders.people import persona
from thidua.audit.models import AuditEvent
from thidua.core.errors import ValidationFailedError
from thidua.rulebook.engine.types import Citation, Confidence
from thidua.rulebook.models import Instrument, Rule
from thidua.rulebook.selectors import rule_book, rule_set_on
from thidua.rulebook.services.loader import RULEBOOK_PATH, rulebook_load
from thidua.rulebook.services.parameters import parameter_set

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_rule_book_holds_the_instruments_of_the_issue(rulebook: None) -> None:
    numbers = set(Instrument.objects.values_list("number", flat=True))
    assert {
        "06/2022/QH15",
        "15/2003/QH11",
        "98/2023/NĐ-CP",
        "152/2025/NĐ-CP",
        "01/2024/TT-BNV",
        "15/2025/TT-BNV",
        "366-QĐ/TW",
        "43-HD/BTCTW",
        "96-QĐ/TW",
        "5007/BNV-TĐKT",
    } <= numbers
    decree = Instrument.objects.get(number="152/2025/NĐ-CP")
    assert decree.replaces is not None
    assert decree.replaces.number == "98/2023/NĐ-CP"
    assert Instrument.objects.get(number="98/2023/NĐ-CP").effective_to == D(2025, 6, 30)


def test_only_unconfirmed_or_partly_confirmed_rules_are_parameters(rulebook: None) -> None:
    assert not Rule.objects.filter(is_parameter=True, confidence=Confidence.CONFIRMED).exists()
    assert not Rule.objects.filter(is_parameter=False).exclude(confidence="confirmed").exists()
    salaries = Rule.objects.filter(key="base_salary").order_by("valid_from")
    assert [(r.value, r.is_parameter) for r in salaries] == [
        (1300000, True),
        (1390000, True),
        (1490000, True),
        (1800000, True),
        (2340000, True),
    ]


def test_the_flag_quota_is_twenty_percent_with_its_citation(rulebook: None) -> None:
    rules = rule_set_on(D(2025, 12, 1))
    flag = rules.get("government_flag.max_share_of_cluster_leaders")
    assert rules.ratio(flag.key) * 15 == 3
    assert flag.citation == Citation("Công văn 5007/BNV-TĐKT")
    assert flag.confidence == Confidence.CONFIRMED


def test_an_initiative_is_required_for_the_base_title_before_2024_and_not_after(
    rulebook: None,
) -> None:
    key = "base_emulation_fighter.initiative_required"
    assert rule_set_on(D(2023, 12, 31)).flag(key) is True
    assert "2003" in rule_set_on(D(2023, 12, 31)).get(key).citation.instrument
    assert rule_set_on(D(2024, 1, 1)).flag(key) is False
    assert rule_set_on(D(2024, 1, 1)).get(key).citation.instrument == "Luật 06/2022/QH15"


def test_the_base_salary_is_a_dated_series(rulebook: None) -> None:
    book = rule_book()
    assert book.on(D(2024, 6, 30)).integer("base_salary") == 1_800_000
    assert book.on(D(2024, 7, 1)).integer("base_salary") == 2_340_000
    assert book.on(D(2023, 6, 30)).integer("base_salary") == 1_490_000
    assert book.on(D(2018, 1, 15)).integer("base_salary") == 1_300_000
    assert "base_salary" not in book.on(D(2017, 6, 30))


def test_the_rule_set_on_a_date_is_one_query(
    rulebook: None, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        rules = rule_set_on(D(2025, 9, 1))
    assert len(rules.values) > 20


def test_loading_twice_changes_nothing_and_audits_nothing(rulebook: None) -> None:
    rows, events = Rule.objects.count(), AuditEvent.objects.count()
    again = rulebook_load()
    assert again.created == []
    assert again.updated == []
    assert (Rule.objects.count(), AuditEvent.objects.count()) == (rows, events)


def test_a_reload_keeps_a_parameter_the_secretariat_set(rulebook: None) -> None:
    parameter_set(
        actor=persona("thuongtruc"),
        key="base_salary",
        value="2.530.000",
        valid_from=D(2026, 1, 1),
        citation_article="Điều 3",
        reason="Mức lương cơ sở mới",
    )
    rulebook_load()
    assert rule_set_on(D(2026, 2, 1)).integer("base_salary") == 2_530_000
    assert rule_set_on(D(2025, 2, 1)).integer("base_salary") == 2_340_000


def test_a_bad_file_is_refused_whole_with_every_problem(tmp_path: Path) -> None:
    document = yaml.safe_load(RULEBOOK_PATH.read_text(encoding="utf-8"))
    document["instruments"][0]["kind"] = "thong_bao"
    first = dict(document["rules"][0])
    document["rules"].append(first | {"valid_from": first["valid_from"] + dt.timedelta(days=5)})
    document["rules"].append({"key": "x", "value": 1, "instrument": "khong-co"})
    bad = tmp_path / "rulebook.yaml"
    bad.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationFailedError) as refused:
        rulebook_load(path=bad)
    problems = refused.value.problems
    assert len(problems) == 3, problems
    assert any("Trùng thời gian" in m for found in problems.values() for m in found)
    assert not Rule.objects.exists()
    assert not Instrument.objects.exists()


def test_the_command_loads_and_reports(tmp_path: Path) -> None:
    out = StringIO()
    call_command("rulebook_load", stdout=out)
    assert "mới" in out.getvalue()
    assert Rule.objects.filter(key="government_flag.max_share_of_cluster_leaders").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint is PostgreSQL's")
def test_the_database_refuses_two_values_of_one_rule_in_force_together(rulebook: None) -> None:
    current = Rule.objects.get(key="base_salary", valid_to__isnull=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Rule.objects.create(
            key="base_salary",
            label=current.label,
            value=1,
            instrument=current.instrument,
            valid_from=D(2030, 1, 1),
            confidence="unconfirmed",
            is_parameter=True,
        )
