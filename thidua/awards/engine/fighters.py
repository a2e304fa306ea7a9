"""Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh: the Commission's emulation fighter (Điều 22 Luật
06/2022/QH15, and Điều 22 of the 2003 Law for the years before 2024).

Read as: Chiến sĩ thi đua cơ sở in each of the last N years up to the year judged, and in those
years at least M initiatives or pieces of research recognised at ministry level or higher
(``initiatives_ministry``); N and M are the rule book's. Being "outstanding among those who
qualify" is the council's choice, not a fact: one line says so.
"""

from __future__ import annotations

from thidua.awards.engine.context import CSTDCS, Context, per_year, run, unchecked
from thidua.awards.engine.reasons import Met, years_text
from thidua.rulebook.engine.types import gettext_noop

TITLES = "ministry_emulation_fighter.consecutive_base_fighter_titles"
INITIATIVES = "ministry_emulation_fighter.ministry_level_initiatives"


def ministry_emulation_fighter(ctx: Context) -> None:
    r = ctx.reasons
    titles_rule, titles = r.rule(TITLES), r.rules.integer(TITLES)
    window = ctx.window(titles)
    in_a_row = run(
        ctx,
        per_year(ctx, window, lambda rec: CSTDCS in rec.titles),
        (
            gettext_noop("%(n)s lần liên tục Chiến sĩ thi đua cơ sở (năm %(years)s): đạt."),
            gettext_noop(
                "Cần %(n)s lần liên tục Chiến sĩ thi đua cơ sở; năm %(failed)s không đạt."
            ),
            gettext_noop(
                "Cần %(n)s lần liên tục Chiến sĩ thi đua cơ sở; chưa có dữ liệu năm %(missing)s."
            ),
        ),
        titles_rule.citation,
        n=titles,
    )
    r.results.append(in_a_row)
    initiatives_rule, needed = r.rule(INITIATIVES), r.rules.integer(INITIATIVES)
    counted = [y for y in window if ctx.counted(y)]
    known = {
        y: rec.initiatives_ministry
        for y in counted
        if (rec := ctx.record(y)) is not None and rec.initiatives_ministry is not None
    }
    missing = [y for y in counted if y not in known]
    total = sum(known.values())
    enough: Met = True if total >= needed else (None if missing else False)
    if enough is None:
        r.say(
            gettext_noop(
                "Cần %(needed)s sáng kiến, đề tài được công nhận cấp bộ, ban, ngành trở lên trong "
                "các năm %(years)s; chưa có dữ liệu năm %(missing)s."
            ),
            None,
            initiatives_rule.citation,
            {"initiatives_ministry": total},
            needed=needed,
            years=years_text(window),
            missing=years_text(missing),
        )
    else:
        r.say(
            gettext_noop(
                "Cần %(needed)s sáng kiến, đề tài được công nhận cấp bộ, ban, ngành trở lên trong "
                "các năm %(years)s; có %(count)s."
            ),
            enough,
            initiatives_rule.citation,
            {"initiatives_ministry": total},
            needed=needed,
            years=years_text(window),
            count=total,
        )
    unchecked(
        ctx,
        TITLES,
        gettext_noop(
            "Thành tích tiêu biểu xuất sắc trong số những cá nhân đủ điều kiện: Hội đồng bình xét, "
            "không có trong dữ liệu thành tích."
        ),
    )
