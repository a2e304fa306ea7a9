"""What an award's conditions read while they are judged: the case, the explanation being
built, the rule book (for the rules of an achievement year), the catalogue, the achievement
year and the first year that counts; and the helpers for runs of consecutive years."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thidua.awards.engine.catalogue import Catalogue
from thidua.awards.engine.history import Case, Rating, YearRecord
from thidua.awards.engine.reasons import Met, Reasons, all_met, years_text
from thidua.rulebook.engine.types import (
    Citation,
    Param,
    RuleBook,
    gettext_noop,
)

LDTT = "advanced_worker"
CSTDCS = "base_emulation_fighter"
# Answers used as parameters of a line; message ids, so that the API renders them in English.
YES = gettext_noop("có")
NO = gettext_noop("không")
NO_DATA = gettext_noop("chưa có dữ liệu")


@dataclass(frozen=True, slots=True)
class Context:
    case: Case
    reasons: Reasons
    book: RuleBook
    catalogue: Catalogue
    target: int
    floor: int | None  # the first year whose achievement counts (discipline, already rewarded)

    def record(self, year: int) -> YearRecord | None:
        return self.case.history.get(year)

    def window(self, length: int) -> list[int]:
        return list(range(self.target - length + 1, self.target + 1))

    def counted(self, year: int) -> bool:
        return self.floor is None or year >= self.floor


def per_year(ctx: Context, years: list[int], test: Callable[[YearRecord], Met]) -> dict[int, Met]:
    """Each year's result: False for a year that does not count (before the floor), None for a
    year not given."""
    out: dict[int, Met] = {}
    for year in years:
        record = ctx.record(year)
        out[year] = False if not ctx.counted(year) else (None if record is None else test(record))
    return out


def rating_at_least(minimum: Rating) -> Callable[[YearRecord], Met]:
    def test(record: YearRecord) -> Met:
        return None if record.rating is None else record.rating.at_least(minimum)

    return test


def run(
    ctx: Context,
    results: dict[int, Met],
    msgids: tuple[str, str, str],
    citation: Citation,
    **params: Param,
) -> Met:
    """One branch line for a run of consecutive years: met, not met (naming the years that
    failed), or unknown (naming the years not given). A branch line explains; the caller
    counts the combination."""
    met = all_met(results.values())
    failed = [y for y, m in results.items() if m is False]
    missing = [y for y, m in results.items() if m is None]
    msg_met, msg_failed, msg_missing = msgids
    return ctx.reasons.say(
        msg_met if met else (msg_failed if met is False else msg_missing),
        met,
        citation,
        {str(y): "" if m is None else int(m) for y, m in results.items()},
        counts=False,
        years=years_text(results),
        failed=years_text(failed),
        missing=years_text(missing),
        **params,
    )


def min_rating_line(ctx: Context, key: str, msg_rated: str, msg_missing: str) -> Met:
    """The year judged rated at least the rule's rating (a text rule: "good", "completed");
    params ``required``, ``year`` and ``rating``."""
    rule = ctx.reasons.rule(key)
    minimum = Rating(ctx.reasons.rules.text(key))
    year = ctx.target
    record = ctx.record(year)
    rating = record.rating if record else None
    if rating is None:
        return ctx.reasons.say(msg_missing, None, rule.citation, required=minimum.label, year=year)
    return ctx.reasons.say(
        msg_rated,
        rating.at_least(minimum),
        rule.citation,
        {"year": year, "rating": rating.value},
        required=minimum.label,
        year=year,
        rating=rating.label,
    )


def unchecked(ctx: Context, key: str, msgid: str) -> None:
    """A line for the parts of an article that are not facts of the records (solidarity, an
    emulation movement): stated, cited, neither met nor failed, and not counted, so the
    council reads that the engine did not judge them."""
    ctx.reasons.say(msgid, None, ctx.reasons.rule(key).citation, counts=False)
