"""The sector's commemorative medal (Kỷ niệm chương, a configurable entry of the catalogue).

Its criteria are the Commission's own (domain.md §7 [U]); the one the rule book holds is a
number of years of service in the sector, and the yearly achievement history does not record
service. So the engine answers "cannot tell" and names the missing fact, rather than guessing
it from the years that happen to be in the history.
"""

from __future__ import annotations

from thidua.awards.engine.context import Context
from thidua.rulebook.engine.types import gettext_noop

SERVICE = "sector_medal.min_years_of_service"


def sector_medal(ctx: Context) -> None:
    rule, years = ctx.reasons.rule(SERVICE), ctx.reasons.rules.integer(SERVICE)
    ctx.reasons.say(
        gettext_noop(
            "Cần ít nhất %(n)s năm công tác trong ngành; dữ liệu thành tích không ghi số năm công "
            "tác nên chưa kết luận được."
        ),
        None,
        rule.citation,
        n=years,
    )
