"""The round page's "Bỏ phiếu bình xét" section: the head sets the vote up, the page links to
it, shows its final result and records it as the round's deliberation; readers who do not
manage the round see no form and are refused by POST; the API shows the round's vote."""

import pytest

from tests.awards.rounds_web import HEAD, cluster_round, round_url
from tests.builders.people import client_for, persona
from thidua.awards.models import NominationRound, RoundStatus
from thidua.voting.models import Vote
from thidua.voting.services import PaperFigures, paper_confirm, paper_count_enter

pytestmark = pytest.mark.usefixtures("rulebook")


def _post_vote(round_: NominationRound, username: str = HEAD) -> int:
    head, secretariat = persona(HEAD), persona("thuongtruc")
    answer = client_for(username).post(
        round_url(round_, "bo-phieu/"),
        {
            "held_on": "2019-01-12",
            "mode": "paper",
            "committee": [head.pk, secretariat.pk],
        },
    )
    return answer.status_code


def _final(vote: Vote) -> None:
    members = [m.user for m in vote.committee.select_related("user")]
    figures = PaperFigures(present=11, issued=11, received=11, valid=11, invalid=0)
    counts = {line.pk: [8] for line in vote.candidates.all()}
    paper_count_enter(actor=members[0], vote=vote, figures=figures, counts=counts)
    for member in members:
        paper_confirm(actor=member, vote=vote)


def test_the_head_sets_up_the_vote_then_records_its_result() -> None:
    round_, _ = cluster_round()
    head = client_for(HEAD)
    page = head.get(round_url(round_)).content.decode()
    assert 'data-testid="round-vote-form"' in page
    assert 'data-testid="deliberation-form"' in page  # the minutes, until a vote is set up
    assert _post_vote(round_) == 302
    vote = Vote.objects.get(nomination_round=round_)
    page = head.get(round_url(round_)).content.decode()
    assert f'href="/bo-phieu/{vote.pk}/"' in page or f"/{vote.pk}/" in page
    assert 'data-testid="deliberation-form"' not in page
    assert 'data-testid="round-vote-apply"' not in page
    _final(vote)
    page = head.get(round_url(round_)).content.decode()
    assert page.count('data-testid="vote-result-row"') == vote.candidates.count()
    assert head.post(round_url(round_, "bo-phieu/ket-qua/")).status_code == 302
    round_ = NominationRound.objects.get(pk=round_.pk)
    assert round_.status == RoundStatus.DELIBERATED
    assert set(round_.candidates.values_list("approvals", flat=True)) == {8}
    detail = head.get(f"/api/v1/award-rounds/{round_.pk}").json()
    assert detail["vote_id"] == vote.pk


def test_a_refused_setup_answers_beside_its_field() -> None:
    round_, _ = cluster_round()
    answer = client_for(HEAD).post(
        round_url(round_, "bo-phieu/"),
        {"held_on": "2019-01-12", "mode": "paper", "committee": [persona(HEAD).pk]},
    )
    assert answer.status_code == 400
    assert 'data-testid="error-committee"' in answer.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.parametrize("username", ["canbo.daklak", "theodoi", "nguoingoai", "hoidong"])
def test_who_does_not_manage_the_round_neither_sees_nor_posts_the_vote(username: str) -> None:
    round_, _ = cluster_round()
    page = client_for(username).get(round_url(round_))
    assert 'data-testid="round-vote-form"' not in page.content.decode()
    assert _post_vote(round_, username) in {403, 404}
    assert not Vote.objects.exists()
    _post_vote(round_)
    _final(Vote.objects.get())
    assert client_for(username).post(round_url(round_, "bo-phieu/ket-qua/")).status_code in {
        403,
        404,
    }
    assert NominationRound.objects.get(pk=round_.pk).status == RoundStatus.DRAFT
