"""The one number formatter and its inverse: Vietnamese writes 1.722 and 7,5, English 1,722 and
7.5. Every expected text is written out here, never computed by the code under test."""

import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from thidua.core.numbers import number_parse, number_text, percent_text

D = Decimal


@pytest.mark.parametrize(
    ("value", "places", "vi", "en"),
    [
        (D("1722"), None, "1.722", "1,722"),
        (D("7.50"), None, "7,5", "7.5"),
        (D("30.00"), None, "30", "30"),
        (D("1E+3"), None, "1.000", "1,000"),
        (D("1234567.891"), None, "1.234.567,891", "1,234,567.891"),
        (D("-1234.5"), None, "-1.234,5", "-1,234.5"),
        (D("85"), 2, "85,00", "85.00"),
        (D("2.335"), 2, "2,34", "2.34"),  # half up, as the pages always rounded
        (D("5.3"), -2, "5,30", "5.30"),
        (D("30"), -2, "30", "30"),
        (D("2850.5"), -2, "2.850,50", "2,850.50"),
        (1722, None, "1.722", "1,722"),
    ],
)
def test_a_number_is_written_in_the_separators_of_each_language(
    value: Decimal | int, places: int | None, vi: str, en: str
) -> None:
    assert number_text(value, places, language="vi") == vi
    assert number_text(value, places, language="en") == en


def test_the_active_language_is_used_unless_another_is_named() -> None:
    with translation.override("en"):
        assert number_text(D("1722.5")) == "1,722.5"
        assert number_text(D("1722.5"), language="vi") == "1.722,5"
    with translation.override("vi"):
        assert number_text(D("1722.5")) == "1.722,5"


def test_percentages_and_input_values() -> None:
    assert percent_text(D("5.3"), -2, language="vi") == "5,30 %"
    assert percent_text(D("5.3"), -2, language="en") == "5.30 %"
    assert percent_text(None) == ""
    assert number_text(None) == ""
    # What goes back into an input box is not grouped, so it reads back the same.
    assert number_text(D("1722.5"), grouping=False, language="vi") == "1722,5"
    assert number_text(D("1722.5"), grouping=False, language="en") == "1722.5"


def test_the_template_filters_follow_the_language() -> None:
    template = Template(
        '{% load numbers %}{{ n|number }}|{{ p|percent:"-2" }}|{{ p|number:2 }}|'
        '{{ n|number_input }}|{{ none|number|default:"—" }}|{{ word|number }}'
    )
    context = {"n": D("1722.50"), "p": D("5.3"), "none": None, "word": "x"}
    with translation.override("vi"):
        assert template.render(Context(context)) == "1.722,5|5,30 %|5,30|1722,5|—|x"
    with translation.override("en"):
        assert template.render(Context(context)) == "1,722.5|5.30 %|5.30|1722.5|—|x"


@pytest.mark.parametrize(
    ("typed", "vi", "en"),
    [
        ("1.500", D("1500"), D("1.500")),  # a Vietnamese dot groups thousands
        ("1,500", D("1.500"), D("1500")),  # an English comma does
        ("1.500.000", D("1500000"), None),
        ("0.25", D("0.25"), D("0.25")),  # a lone dot that cannot group is a decimal point
        ("0,25", D("0.25"), D("0.25")),  # and so is a lone comma
        ("7,5", D("7.5"), D("7.5")),
        ("1.234,5", D("1234.5"), D("1234.5")),  # with both, the last one starts the decimals
        ("1,234.5", D("1234.5"), D("1234.5")),
        ("22 345", D("22345"), D("22345")),
        ("22\u00a0345,5", D("22345.5"), D("22345.5")),
        ("-3", D("-3"), D("-3")),
        (",5", D("0.5"), D("0.5")),
        ("1,2,3", None, None),
        ("12.34,5", None, None),
        ("1e5", None, None),
        ("NaN", None, None),
        ("mười", None, None),
        ("", None, None),
    ],
)
def test_what_a_user_types_is_read_the_way_the_language_writes_it(
    typed: str, vi: Decimal | None, en: Decimal | None
) -> None:
    for language, expected in (("vi", vi), ("en", en)):
        if expected is None:
            with pytest.raises(ValueError, match=f"^{re.escape(typed)}$"):
                number_parse(typed, language=language)
        else:
            read = number_parse(typed, language=language)
            assert (read, str(read)) == (expected, str(expected)), (typed, language)
