"""The address of a vote's page (the voting app's pages, by their name when they exist)."""

from django.urls import NoReverseMatch, reverse

from thidua.voting.models import Vote


def vote_url(vote: Vote) -> str:
    try:
        return reverse("voting:detail", args=[vote.pk])
    except NoReverseMatch:
        return f"/bo-phieu/{vote.pk}/"
