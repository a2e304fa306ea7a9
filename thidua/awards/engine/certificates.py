"""Bằng khen: of the Commission (ministry level, Điều 74 khoản 1 điểm d for a person, khoản 2
for a collective) and of the Prime Minister (Điều 73 khoản 1 điểm b); Giấy khen (Điều 75) —
Luật 06/2022/QH15, and the rule book's values before 2024."""

from __future__ import annotations

from collections.abc import Callable

from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.context import (
    CSTDCS,
    NO,
    NO_DATA,
    Context,
    min_rating_line,
    per_year,
    rating_at_least,
    run,
    unchecked,
)
from thidua.awards.engine.history import Rating
from thidua.awards.engine.reasons import Met, all_met, any_met, years_text
from thidua.rulebook.engine.types import (
    gettext_noop,
)


def commission_certificate(ctx: Context) -> None:
    """Art. 74.1.d Luật 06/2022/QH15: Chiến sĩ thi đua cơ sở in consecutive years (branch 1),
    or consecutive years of excellent completion with initiatives applied in them (branch 2)."""
    r = ctx.reasons
    k1 = "ministry_certificate.consecutive_base_fighter_titles"
    titles_rule, titles = r.rule(k1), r.rules.integer(k1)
    branch1 = run(
        ctx,
        per_year(ctx, ctx.window(titles), lambda rec: CSTDCS in rec.titles),
        (
            gettext_noop(
                "Nhánh 1: %(n)s lần liên tục Chiến sĩ thi đua cơ sở (năm %(years)s): đạt."
            ),
            gettext_noop(
                "Nhánh 1: cần %(n)s lần liên tục Chiến sĩ thi đua cơ sở; năm %(failed)s không đạt."
            ),
            gettext_noop(
                "Nhánh 1: cần %(n)s lần liên tục Chiến sĩ thi đua cơ sở; chưa có dữ liệu năm "
                "%(missing)s."
            ),
        ),
        titles_rule.citation,
        n=titles,
    )
    k2 = "ministry_certificate.consecutive_excellent_years"
    k3 = "ministry_certificate.initiatives_in_excellent_years"
    years_rule, years = r.rule(k2), r.rules.integer(k2)
    initiatives_rule, needed = r.rule(k3), r.rules.integer(k3)
    window = ctx.window(years)
    excellent = run(
        ctx,
        per_year(ctx, window, rating_at_least(Rating.EXCELLENT)),
        (
            gettext_noop(
                "Nhánh 2: %(n)s năm liên tục hoàn thành xuất sắc nhiệm vụ (năm %(years)s): đạt."
            ),
            gettext_noop(
                "Nhánh 2: cần %(n)s năm liên tục hoàn thành xuất sắc nhiệm vụ; năm %(failed)s "
                "không đạt."
            ),
            gettext_noop(
                "Nhánh 2: cần %(n)s năm liên tục hoàn thành xuất sắc nhiệm vụ; chưa có xếp loại "
                "năm %(missing)s."
            ),
        ),
        years_rule.citation,
        n=years,
    )
    known = [
        rec.initiatives
        for y in window
        if ctx.counted(y) and (rec := ctx.record(y)) is not None and rec.initiatives is not None
    ]
    unknown = len(known) < sum(1 for y in window if ctx.counted(y))
    total = sum(known)
    enough: Met = True if total >= needed else (None if unknown else False)
    r.say(
        gettext_noop(
            "Nhánh 2: cần %(needed)s sáng kiến được áp dụng trong các năm %(years)s; có %(count)s."
        ),
        enough,
        initiatives_rule.citation,
        {"initiatives": total},
        counts=False,
        needed=needed,
        years=years_text(window),
        count=total,
    )
    r.say(
        gettext_noop("Bằng khen cấp bộ, ban, ngành: đạt một trong hai nhánh của điều kiện."),
        any_met([branch1, all_met([excellent, enough])]),
        titles_rule.citation,
    )


def pm_certificate(ctx: Context) -> None:
    """Art. 73.1.b Luật 06/2022/QH15: after a ministry-level Bằng khen, the following years of
    "good" or better in a row, with Chiến sĩ thi đua cơ sở a number of times in them."""
    r = ctx.reasons
    k_years = "pm_certificate.consecutive_good_years"
    years_rule, years = r.rule(k_years), r.rules.integer(k_years)
    window = ctx.window(years)
    good = run(
        ctx,
        per_year(ctx, window, rating_at_least(Rating.GOOD)),
        (
            gettext_noop(
                "%(n)s năm liên tục hoàn thành tốt nhiệm vụ trở lên (năm %(years)s): đạt."
            ),
            gettext_noop(
                "Cần %(n)s năm liên tục hoàn thành tốt nhiệm vụ trở lên; năm %(failed)s không đạt."
            ),
            gettext_noop(
                "Cần %(n)s năm liên tục hoàn thành tốt nhiệm vụ trở lên; chưa có xếp loại năm "
                "%(missing)s."
            ),
        ),
        years_rule.citation,
        n=years,
    )
    r.results.append(good)
    k_titles = "pm_certificate.base_fighter_titles_in_period"
    titles_rule, titles = r.rule(k_titles), r.rules.integer(k_titles)
    held = [y for y in window if ctx.counted(y) and (rec := ctx.record(y)) and CSTDCS in rec.titles]
    unknown = [y for y in window if ctx.counted(y) and ctx.record(y) is None]
    enough: Met = (
        True if len(held) >= titles else (None if len(held) + len(unknown) >= titles else False)
    )
    r.say(
        gettext_noop(
            "Cần %(n)s lần Chiến sĩ thi đua cơ sở trong các năm %(years)s; có %(count)s "
            "(năm %(held)s)."
        ),
        enough,
        titles_rule.citation,
        {"base_emulation_fighter_years": years_text(held)},
        n=titles,
        years=years_text(window),
        count=len(held),
        held=years_text(held) or "—",
    )
    k_prior = "pm_certificate.requires_ministry_certificate"
    if r.rules.flag(k_prior):
        prior_rule = r.rule(k_prior)
        certificates = ctx.catalogue.ministry_certificates()
        before = [y for y in ctx.case.history if y < window[0]]
        held_in = [y for y in before if certificates & ctx.case.history[y].awards]
        met: Met = True if held_in else (False if before else None)
        r.say(
            gettext_noop(
                "Đã được tặng Bằng khen cấp bộ, ban, ngành trước các năm %(years)s: %(found)s."
            ),
            met,
            prior_rule.citation,
            {"ministry_certificate_years": years_text(held_in)},
            years=years_text(window),
            found=years_text(held_in) if held_in else (NO if before else NO_DATA),
        )


def collective_commission_certificate(ctx: Context) -> None:
    """Art. 74.2 Luật 06/2022/QH15, for a collective: consecutive years of excellent completion
    (the rule book's count). Internal solidarity, grassroots democracy and the care of its
    members are not in the records: one line says the council checks them in the dossier."""
    r = ctx.reasons
    key = "ministry_certificate.collective_consecutive_excellent_years"
    rule, years = r.rule(key), r.rules.integer(key)
    excellent = run(
        ctx,
        per_year(ctx, ctx.window(years), rating_at_least(Rating.EXCELLENT)),
        (
            gettext_noop("%(n)s năm liên tục hoàn thành xuất sắc nhiệm vụ (năm %(years)s): đạt."),
            gettext_noop(
                "Cần %(n)s năm liên tục hoàn thành xuất sắc nhiệm vụ; năm %(failed)s không đạt."
            ),
            gettext_noop(
                "Cần %(n)s năm liên tục hoàn thành xuất sắc nhiệm vụ; chưa có xếp loại năm "
                "%(missing)s."
            ),
        ),
        rule.citation,
        n=years,
    )
    r.results.append(excellent)
    unchecked(
        ctx,
        key,
        gettext_noop(
            "Nội bộ đoàn kết, thực hiện tốt dân chủ ở cơ sở, tổ chức tốt phong trào thi đua, chăm "
            "lo đời sống thành viên: không có trong dữ liệu thành tích, Hội đồng xem xét theo hồ "
            "sơ."
        ),
    )


def certificate_of_merit(kind: SubjectKind) -> Callable[[Context], None]:
    """Giấy khen (Điều 75 Luật 06/2022/QH15): the head of the unit's criteria, read here as
    the year judged rated at least the rule book's rating for the subject (a parameter)."""
    key = f"certificate_of_merit.{kind.value}.min_rating"

    def judge(ctx: Context) -> None:
        min_rating_line(
            ctx,
            key,
            gettext_noop("Giấy khen: cần %(required)s trở lên; năm %(year)s: %(rating)s."),
            gettext_noop("Giấy khen: cần %(required)s trở lên; chưa có xếp loại năm %(year)s."),
        )

    return judge
