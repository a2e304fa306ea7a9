"""The home page shows the year that has data for the reader's unit, never an empty new year
that the secretariat has just opened, and offers the other years to choose from."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.builders.clusters import boards_valid_in, cluster_term, term
from tests.builders.people import client_for
from thidua.orgs.models import ClusterTerm

pytestmark = pytest.mark.django_db
HOME = reverse("web:home")


def _shown_year(html: str) -> int:
    found = re.search(r"Các cụm thi đua năm (\d{4})", html)
    assert found is not None
    return int(found.group(1))


def _new_year_without_the_reader() -> ClusterTerm:
    """This year's term of another cluster, opened by the secretariat: none of Bình Dương's."""
    year = timezone.localdate().year
    return cluster_term(7, year, boards_valid_in(year, 3))


def test_a_board_officer_keeps_seeing_its_own_year_when_a_new_one_is_opened() -> None:
    own = term(4, 2018)
    _new_year_without_the_reader()
    page = client_for("canbo.binhduong").get(HOME).content.decode()
    assert _shown_year(page) == 2018
    assert own.cluster.name in page


def test_a_year_not_offered_to_the_reader_is_not_shown_when_asked() -> None:
    term(4, 2018)
    new = _new_year_without_the_reader()
    page = client_for("canbo.binhduong").get(f"{HOME}?nam={new.year}").content.decode()
    assert _shown_year(page) == 2018


def test_the_reader_chooses_among_the_years_of_its_units() -> None:
    term(4, 2018)
    term(4, 2017)
    client = client_for("canbo.binhduong")
    page = client.get(HOME).content.decode()
    assert _shown_year(page) == 2018
    choice = re.search(r'data-testid="home-years">(.*?)</nav>', page, re.S)
    assert choice is not None
    assert re.findall(r"\?nam=(\d{4})", choice.group(1)) == ["2018", "2017"]
    assert _shown_year(client.get(f"{HOME}?nam=2017").content.decode()) == 2017


def test_the_secretariat_sees_the_new_year_once_it_has_members() -> None:
    term(4, 2018)
    new = _new_year_without_the_reader()
    page = client_for("thuongtruc").get(HOME).content.decode()
    assert _shown_year(page) == new.year
