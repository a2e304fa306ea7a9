"""What a vote of confidence decided, person by person, read from the vote's stored result
(the rule as it was applied on the day: a later change of the rule book does not rewrite it).

The result stands only once the counting committee has confirmed it and the quorum was met
(``confidence_vote.quorum_share`` of those summoned present); otherwise it says why not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from thidua.reviews.models import ConfidenceSession
from thidua.rulebook.engine.confidence import MEANINGS
from thidua.rulebook.engine.types import Outcome, ratio_parse
from thidua.voting.models import VoteStatus

_OUTCOMES = {o.value for o in MEANINGS}


@dataclass(frozen=True, slots=True)
class PersonOutcome:
    name: str
    title: str
    high: int
    confidence: int
    low: int
    base: int  # those who took part (the rule's denominator)
    low_percent: Decimal | None  # the share of "low", as a percentage
    outcome: str  # none / removed_from_planning / dismissal; "" while the result does not stand
    meaning: str  # the outcome in words, in the reader's language


@dataclass(frozen=True, slots=True)
class SessionOutcomes:
    counted: bool  # the committee has entered (or the trustees decrypted) a count
    final: bool  # confirmed: the count is the vote's result
    summoned: int
    present: int | None
    quorum_required: int | None
    quorum_met: bool
    citation: str
    is_parameter: bool
    review_share: str
    dismissal_share: str
    quorum_share: str
    rows: list[PersonOutcome] = field(default_factory=list)

    @property
    def stands(self) -> bool:
        return self.final and self.quorum_met


def _percent(share: object) -> Decimal | None:
    ratio = ratio_parse(share) if isinstance(share, str) else None
    if ratio is None:
        return None
    hundred = ratio * 100
    return (Decimal(hundred.numerator) / Decimal(hundred.denominator)).quantize(Decimal("0.01"))


def _int(value: object) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def confidence_outcomes(session: ConfidenceSession) -> SessionOutcomes:
    vote = session.vote
    result = vote.result if isinstance(vote.result, dict) else None
    titles = {
        r.person_id: (r.person.full_name, r.title) for r in session.rated.select_related("person")
    }
    by_candidate = {
        c.pk: titles.get(c.person_id or 0, (c.name, ""))
        for c in vote.candidates.order_by("position")
    }
    summoned = vote.summoned or 0
    if result is None:
        return SessionOutcomes(
            counted=False,
            final=False,
            summoned=summoned,
            present=vote.present,
            quorum_required=None,
            quorum_met=False,
            citation="",
            is_parameter=False,
            review_share="",
            dismissal_share="",
            quorum_share="",
            rows=[
                PersonOutcome(name, title, 0, 0, 0, 0, None, "", "")
                for name, title in by_candidate.values()
            ],
        )
    rule = result.get("rule") or {}
    quorum_met = bool(result.get("quorum_met"))
    final = vote.status == VoteStatus.FINAL
    rows = []
    for row in result.get("rows", []):
        levels = [_int(n) for n in row.get("levels", [])] + [0, 0, 0]
        name, title = by_candidate.get(row.get("candidate"), (str(row.get("name", "")), ""))
        outcome = str(row.get("outcome") or "") if quorum_met else ""
        meaning = _(MEANINGS[Outcome(outcome)]) if outcome in _OUTCOMES else ""
        rows.append(
            PersonOutcome(
                name=name,
                title=title,
                high=levels[0],
                confidence=levels[1],
                low=levels[2],
                base=_int(row.get("base")),
                low_percent=_percent(row.get("share")),
                outcome=outcome,
                meaning=meaning,
            )
        )
    return SessionOutcomes(
        counted=True,
        final=final,
        summoned=summoned,
        present=vote.present,
        quorum_required=result.get("quorum_required"),
        quorum_met=quorum_met,
        citation=str(rule.get("citation") or ""),
        is_parameter=bool(rule.get("is_parameter")),
        review_share=str(rule.get("review") or ""),
        dismissal_share=str(rule.get("dismissal") or ""),
        quorum_share=str(rule.get("quorum") or ""),
        rows=rows,
    )


__all__ = ["PersonOutcome", "SessionOutcomes", "confidence_outcomes"]
