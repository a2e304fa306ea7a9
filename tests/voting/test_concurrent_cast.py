"""One ballot per voter, even when two casts arrive at the same moment: two threads, each on
its own database connection, released together by a barrier, cast for the same voter (or with
the same one-time code). Exactly one ballot is stored; the other cast is refused with the
reason, in Vietnamese."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from tests.builders.people import persona
from tests.voting.electronic import HEAD, electronic_vote, voters
from thidua.core.errors import DomainError
from thidua.voting import services
from thidua.voting.models import Ballot, OneTimeCode

pytestmark = pytest.mark.django_db(transaction=True)


def _race(casts: list[Callable[[], str]]) -> tuple[list[str], list[str]]:
    """Run the casts at once; their trackers and their refusals."""
    barrier = threading.Barrier(len(casts))
    trackers: list[str] = []
    refusals: list[str] = []
    failures: list[BaseException] = []

    def run(cast: Callable[[], str]) -> None:
        try:
            barrier.wait(timeout=30)
            trackers.append(cast())
        except DomainError as refused:
            refusals.append(refused.message)
        except BaseException as unexpected:
            failures.append(unexpected)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(cast,)) for cast in casts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return trackers, refusals


def test_two_casts_for_one_voter_at_once_store_one_ballot() -> None:
    (voter,) = voters(1)
    ceremony = electronic_vote([voter])
    vote = ceremony.vote
    ballots = [ceremony.ballot([[1, 0, 0, 1]]), ceremony.ballot([[0, 1, 1, 0]])]
    trackers, refusals = _race(
        [
            lambda b=b: services.ballot_cast(actor=voter, vote=vote, ballot=b)  # type: ignore[misc]
            for b in ballots
        ]
    )
    assert len(trackers) == 1
    assert refusals == ["Anh/chị đã bỏ phiếu; mỗi người chỉ bỏ một lần."]
    assert list(Ballot.objects.filter(vote=vote).values_list("tracker", flat=True)) == trackers


def test_one_code_used_twice_at_once_stores_one_ballot() -> None:
    ceremony = electronic_vote(voters(1), code_holders=("Đại biểu khách mời",))
    vote = ceremony.vote
    ((_name, code),) = services.codes_issue(actor=persona(HEAD), vote=vote)
    ballots = [ceremony.ballot([[1, 1, 0, 0]]), ceremony.ballot([[0, 0, 1, 1]])]
    trackers, refusals = _race(
        [
            lambda b=b: services.ballot_cast(actor=None, vote=vote, ballot=b, code=code)  # type: ignore[misc]
            for b in ballots
        ]
    )
    assert len(trackers) == 1
    assert refusals == ["Mã bỏ phiếu không đúng hoặc đã được dùng."]
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert OneTimeCode.objects.get(voter__vote=vote).used_at is not None
