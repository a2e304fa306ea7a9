"""One builder per document type: from a source object's id (a plan, a cluster term, a report,
a nomination round or one of its candidates, a vote) to the document's content, read as the
asking user may read it.

A builder registers itself with ``builder``; ``BUILDERS`` maps each kind to it. The kinds of
the year's cycle live in ``year/``, those of commendation and votes in ``awards/``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thidua.accounts.models import User
from thidua.documents.content import DocumentContent

# The kinds of source a document is built from, as `manage.py document_build` names them.
SOURCES = ("plan", "term", "report", "round", "candidate", "vote", "period", "grant")


@dataclass(frozen=True, slots=True)
class Builder:
    kind: str
    source: str  # one of SOURCES
    label: str  # Vietnamese, e.g. "Báo cáo tổng kết công tác thi đua"
    build: Callable[[int, User], DocumentContent]  # (source id, the asking user) → content


BUILDERS: dict[str, Builder] = {}


def builder(
    kind: str, *, source: str, label: str
) -> Callable[[Callable[[int, User], DocumentContent]], Callable[[int, User], DocumentContent]]:
    """Register a builder: ``@builder("plan", source="plan", label=...)`` on ``build(id, user)``.
    The function raises NotFoundError when the user may not read the source."""
    if source not in SOURCES:
        raise ValueError(f"unknown source: {source}")

    def register(
        build: Callable[[int, User], DocumentContent],
    ) -> Callable[[int, User], DocumentContent]:
        if kind in BUILDERS:
            raise ValueError(f"two builders of {kind}")
        BUILDERS[kind] = Builder(kind, source, label, build)
        return build

    return register


def load_builders() -> None:
    """Import every builder module (the documents app's ready() calls it)."""
    from thidua.documents.builders import awards, year  # noqa: F401
