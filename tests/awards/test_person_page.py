"""The record pages: a person's records and eligibility panel, a unit's records with its staff,
the forms that keep them, and who may not read or write them."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.awards.records_world import revoke, staff_member, two_titles_in_a_row, worked_example
from tests.builders.people import client_for, persona
from tests.builders.reports import binh_duong
from thidua.awards.models import AchievementYear, Discipline, Grant, PendingMatter
from thidua.awards.services.records import discipline_add, pending_open
from thidua.orgs.models import Person

pytestmark = pytest.mark.django_db

OUTSIDE = ["canbo.daklak", "theodoi", "nguoingoai"]


def _person_url(person: Person, on: str = "2025-01-15") -> str:
    return reverse("awards:person", kwargs={"person_id": person.pk}) + f"?ngay={on}"


def test_a_board_officer_reads_a_staff_member_with_the_eligibility_panel(rulebook: None) -> None:
    person = staff_member()
    worked_example(person)
    response = client_for("canbo.binhduong").get(_person_url(person))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nguyễn Thị Hồng Nhung" in page
    assert 'data-testid="year-2024"' in page
    assert "Hoàn thành xuất sắc nhiệm vụ" in page
    assert "Số hóa hồ sơ đảng viên 2023" in page
    assert 'data-testid="eligibility-commission_certificate" data-outcome="eligible"' in page
    assert "Điều 74" in page  # the citation of the verdict and its lines
    assert 'data-testid="record-forms"' in page


def test_the_panel_says_not_eligible_on_a_day_before_the_records(rulebook: None) -> None:
    person = staff_member()
    worked_example(person)
    page = client_for("thuongtruc").get(_person_url(person, "2024-06-01")).content.decode()
    assert 'data-testid="eligibility-commission_certificate" data-outcome="eligible"' not in page


def test_a_revoked_grant_is_marked_on_the_page(rulebook: None) -> None:
    person = staff_member()
    grants = two_titles_in_a_row(person)
    revoke(grants[0], dt.date(2025, 1, 10))
    page = client_for("canbo.binhduong").get(_person_url(person)).content.decode()
    assert 'data-testid="revoked"' in page
    assert "Đã thu hồi ngày 10/01/2025" in page


@pytest.mark.parametrize("username", ["hoidong", "lanhdao.binhduong", "quantri"])
def test_the_council_the_leader_and_the_administrator_read_the_page(
    username: str, rulebook: None
) -> None:
    person = staff_member()
    assert client_for(username).get(_person_url(person)).status_code == 200


@pytest.mark.parametrize("username", OUTSIDE)
def test_another_board_an_observer_and_an_outsider_may_not_read_the_page(
    username: str, rulebook: None
) -> None:
    person = staff_member()
    worked_example(person)
    client = client_for(username)
    assert client.get(_person_url(person)).status_code == 403
    unit_url = reverse("awards:unit_records", kwargs={"unit_id": binh_duong().pk})
    assert client.get(unit_url).status_code == 403


def test_an_unknown_person_is_not_found() -> None:
    url = reverse("awards:person", kwargs={"person_id": 987654})
    assert client_for("thuongtruc").get(url).status_code == 404


def _post_year(username: str, person: Person, data: dict[str, str]) -> int:
    url = reverse("awards:person_write", kwargs={"person_id": person.pk, "kind": "nam"})
    return client_for(username).post(url, data).status_code


def test_the_year_form_records_a_year_and_reports_a_bad_one(rulebook: None) -> None:
    person = staff_member()
    assert _post_year("canbo.binhduong", person, {"year": "2024", "rating": "good"}) == 302
    row = AchievementYear.objects.get(person=person, year=2024)
    assert (row.rating, row.unit) == ("good", binh_duong())
    url = reverse("awards:person_write", kwargs={"person_id": person.pk, "kind": "nam"})
    refused = client_for("canbo.binhduong").post(url, {"year": "1800", "rating": "good"})
    assert refused.status_code == 400
    assert 'data-testid="error-year"' in refused.content.decode()


@pytest.mark.parametrize("username", [*OUTSIDE, "hoidong"])
def test_who_may_not_keep_the_records_posts_nothing(username: str, rulebook: None) -> None:
    person = staff_member()
    assert _post_year(username, person, {"year": "2024", "rating": "good"}) == 403
    assert not AchievementYear.objects.filter(person=person).exists()


def test_the_grant_form_offers_only_the_awards_for_individuals(rulebook: None) -> None:
    person = staff_member()
    url = reverse("awards:person_write", kwargs={"person_id": person.pk, "kind": "khen-thuong"})
    data = {
        "award": "collective_excellent",
        "year": "2024",
        "decision_number": "1/QĐ",
        "decided_on": "20/12/2024",
        "issuer": "Ban",
    }
    assert client_for("canbo.binhduong").post(url, data).status_code == 400
    data["award"] = "advanced_worker"
    assert client_for("canbo.binhduong").post(url, data).status_code == 302
    assert Grant.objects.get(person=person).source == "entered"


def test_closing_a_matter_and_ending_a_discipline_from_the_page() -> None:
    person = staff_member()
    secretariat = client_for("thuongtruc")
    actor = persona("canbo.binhduong")
    matter = pending_open(
        actor=actor, person=person, kind="complaint", opened_on=dt.date(2024, 3, 1)
    )
    served = discipline_add(
        actor=actor, person=person, kind="Khiển trách", start=dt.date(2022, 1, 1)
    )
    close = reverse("awards:matter_close", kwargs={"matter_id": matter.pk})
    end = reverse("awards:discipline_end", kwargs={"discipline_id": served.pk})
    # Another board does not even learn that the matter exists.
    assert client_for("canbo.daklak").post(close, {"closed_on": "2024-04-01"}).status_code == 404
    assert client_for("canbo.daklak").post(end, {"end": "2022-06-30"}).status_code == 404
    # The council reads but does not keep.
    assert client_for("hoidong").post(close, {"closed_on": "2024-04-01"}).status_code == 403
    assert PendingMatter.objects.get(pk=matter.pk).closed_on is None
    assert secretariat.post(close, {"closed_on": "2024-04-01"}).status_code == 302
    assert secretariat.post(end, {"end": "2022-06-30"}).status_code == 302
    assert PendingMatter.objects.get(pk=matter.pk).closed_on == dt.date(2024, 4, 1)
    assert Discipline.objects.get(pk=served.pk).end == dt.date(2022, 6, 30)


def _queries(url: str) -> int:
    client = client_for("canbo.binhduong")
    client.get(url)  # the session and the grants are read once
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_unit_page_lists_its_staff_with_their_rating_that_year(rulebook: None) -> None:
    url = reverse("awards:unit_records", kwargs={"unit_id": binh_duong().pk}) + "?nam=2024"
    people = [staff_member(name=f"Trần Văn {i}", birth_year=1980 + i) for i in range(8)]
    worked_example(people[0])
    few = _queries(url)
    for person in people[1:]:
        worked_example(person)
    assert _queries(url) == few  # no query per person
    page = client_for("canbo.binhduong").get(url).content.decode()
    assert page.count("Hoàn thành xuất sắc nhiệm vụ") >= 8
    assert reverse("awards:person", kwargs={"person_id": people[0].pk}) in page
    assert "Chiến sĩ thi đua cơ sở" in page
    assert 'data-testid="import-link"' in page


def test_the_person_page_reads_a_fixed_number_of_queries(rulebook: None) -> None:
    person = staff_member()
    url = _person_url(person)
    few = _queries(url)
    worked_example(person)
    two_titles_in_a_row(person)
    assert _queries(url) == few


def test_the_unit_page_is_linked_from_the_directory_for_its_readers() -> None:
    url = reverse("web:unit", kwargs={"pk": binh_duong().pk})
    assert 'data-testid="unit-records"' in client_for("canbo.binhduong").get(url).content.decode()
    assert 'data-testid="unit-records"' not in client_for("canbo.daklak").get(url).content.decode()


def test_the_menu_leads_to_the_awards_page_and_it_to_the_board_records() -> None:
    home = client_for("canbo.binhduong").get(reverse("web:home")).content.decode()
    assert 'data-testid="nav-awards"' in home
    page = client_for("canbo.binhduong").get(reverse("awards:index")).content.decode()
    assert reverse("awards:unit_records", kwargs={"unit_id": binh_duong().pk}) in page
