"""The election page of a cluster term: reached from the term's page by those who manage it,
it sets the two votes up, shows their results and records them as next year's officers;
everyone else sees no link and is refused, by GET and by POST."""

import pytest

from tests.builders.clusters import term
from tests.builders.people import client_for, persona
from tests.elections.world import as_at_the_2018_conference, election
from thidua.elections.models import Election
from thidua.orgs.models import ClusterTerm, OfficerRole

pytestmark = pytest.mark.usefixtures("rulebook")
NOT_MANAGERS = ["canbo.daklak", "canbo.longan", "theodoi", "nguoingoai", "hoidong"]


def _url(term_pk: int, action: str = "") -> str:
    return f"/bau-cu/cum/{term_pk}/{action}"


def test_the_secretariat_sets_up_the_election_from_the_term_page() -> None:
    term_2017 = term(4, 2017)
    client = client_for("thuongtruc")
    page = client.get(f"/cum/nhiem-ky/{term_2017.pk}/").content.decode()
    assert f'href="{_url(term_2017.pk)}"' in page
    form = client.get(_url(term_2017.pk)).content.decode()
    assert 'data-testid="election-form"' in form
    answer = client.post(
        _url(term_2017.pk, "lap/"),
        {
            "held_on": "2018-01-05",
            "mode": "paper",
            "deputies": "2",
            "committee": [persona("thuongtruc").pk, persona("lanhdao.binhduong").pk],
        },
    )
    assert answer.status_code == 302
    found = Election.objects.get(term=term_2017)
    assert found.deputies_vote.seats == 2
    page = client.get(_url(term_2017.pk)).content.decode()
    assert page.count('data-testid="election-vote-link"') == 2
    assert 'data-testid="election-apply"' not in page


def test_a_bad_number_of_deputies_is_answered_beside_its_field() -> None:
    term_2017 = term(4, 2017)
    answer = client_for("thuongtruc").post(
        _url(term_2017.pk, "lap/"),
        {
            "held_on": "2018-01-05",
            "mode": "paper",
            "deputies": "11",
            "committee": [persona("thuongtruc").pk, persona("lanhdao.binhduong").pk],
        },
    )
    assert answer.status_code == 400
    assert 'data-testid="error-deputies"' in answer.content.decode()
    assert not Election.objects.exists()


def test_the_final_result_becomes_next_year_s_officers_from_the_page() -> None:
    found = election()
    as_at_the_2018_conference(found)
    client = client_for("thuongtruc")
    page = client.get(_url(found.term_id)).content.decode()
    assert page.count('data-testid="vote-result-row"') == 22
    assert client.post(_url(found.term_id, "ghi-ket-qua/")).status_code == 302
    following = ClusterTerm.objects.get(cluster=found.term.cluster, year=2018)
    head = following.memberships.get(role=OfficerRole.HEAD).unit
    assert "Bình Dương" in head.name
    assert 'data-testid="election-applied"' in client.get(_url(found.term_id)).content.decode()


def test_a_tie_is_shown_and_refused() -> None:
    from tests.elections.world import counted

    found = election()
    counted(found.head_vote, {"Bình Dương": 10})
    counted(found.deputies_vote, {"Long An": 8, "Lâm Đồng": 6, "Đồng Nai": 6})
    client = client_for("thuongtruc")
    page = client.get(_url(found.term_id)).content.decode()
    assert 'data-testid="election-problem"' in page
    assert 'data-testid="election-apply"' not in page
    answer = client.post(_url(found.term_id, "ghi-ket-qua/"))
    assert answer.status_code == 400
    assert "bằng phiếu nhau" in answer.content.decode()


@pytest.mark.parametrize("username", NOT_MANAGERS)
def test_who_does_not_manage_the_term_has_no_link_and_is_refused(username: str) -> None:
    term_2017 = term(4, 2017)
    client = client_for(username)
    page = client.get(f"/cum/nhiem-ky/{term_2017.pk}/").content.decode()
    assert 'data-testid="term-election-link"' not in page
    assert client.get(_url(term_2017.pk)).status_code in {403, 404}
    answer = client.post(
        _url(term_2017.pk, "lap/"),
        {"held_on": "2018-01-05", "mode": "paper", "deputies": "2", "committee": []},
    )
    assert answer.status_code in {403, 404}
    assert not Election.objects.exists()
    found = election()
    as_at_the_2018_conference(found)
    assert client.post(_url(term_2017.pk, "ghi-ket-qua/")).status_code in {403, 404}
    assert Election.objects.get().applied_at is None
