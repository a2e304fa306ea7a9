"""Dating a demo vote's steps on the day of its meeting, as ``timeline`` does for the plan (the
audit events keep their real time)."""

import datetime as dt

from thidua.core.models import Transition
from thidua.voting.models import PaperConfirmation, PaperCount, Vote
from thidua.web.demo.timeline import LOCAL


def vote_in_its_own_time(vote: Vote, day: dt.date) -> None:
    at = dt.datetime.combine(day, dt.time(10), tzinfo=LOCAL)
    Vote.objects.filter(pk=vote.pk).update(created_at=at)
    Transition.objects.filter(object_type=vote._meta.label_lower, object_id=vote.pk).update(at=at)
    PaperCount.objects.filter(vote=vote).update(entered_at=at)
    PaperConfirmation.objects.filter(vote=vote).update(confirmed_at=at)
