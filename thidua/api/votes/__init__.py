"""The votes API: routes in ``routes``, the answers' building in ``reads``, a body's setup
turned into the service's ``VoteSpec`` in ``spec``."""

from thidua.api.votes.routes import router

__all__ = ["router"]
