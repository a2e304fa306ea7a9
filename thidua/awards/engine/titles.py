"""The emulation titles: Lao động tiên tiến (Điều 24), Chiến sĩ thi đua cơ sở (Điều 23, and for
achievement before 2024 the 2003 Law's Điều 23), Tập thể lao động xuất sắc (Điều 27), and the
flags that go to the units leading their clusters (Điều 25, 26) — Luật 06/2022/QH15."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction

from thidua.awards.engine.context import NO, NO_DATA, YES, Context, min_rating_line, unchecked
from thidua.awards.engine.history import Rating
from thidua.awards.engine.reasons import Met, any_met
from thidua.rulebook.engine.types import (
    Param,
    gettext_noop,
    percent_text,
)


def advanced_worker(ctx: Context) -> None:
    _ldtt_standard(ctx, ctx.target)


def _ldtt_standard(ctx: Context, year: int) -> Met:
    rule = ctx.reasons.rule("advanced_worker.min_rating")
    minimum = Rating(ctx.reasons.rules.text("advanced_worker.min_rating"))
    record = ctx.record(year)
    rating = record.rating if record else None
    if rating is None:
        return ctx.reasons.say(
            gettext_noop(
                "Lao động tiên tiến: cần %(required)s trở lên; chưa có xếp loại năm %(year)s."
            ),
            None,
            rule.citation,
            required=minimum.label,
            year=year,
        )
    return ctx.reasons.say(
        gettext_noop("Lao động tiên tiến: cần %(required)s trở lên; năm %(year)s: %(rating)s."),
        rating.at_least(minimum),
        rule.citation,
        {"year": year, "rating": rating.value},
        required=minimum.label,
        year=year,
        rating=rating.label,
    )


def base_emulation_fighter(ctx: Context) -> None:
    year = ctx.target
    _ldtt_standard(ctx, year)
    # The law in force in the achievement year decides whether an initiative was required
    # (Luật 2003 Điều 23 until 2023-12-31; Luật 06/2022/QH15 Điều 23 from 2024-01-01).
    rules_of_year = ctx.book.on(dt.date(year, 12, 31))
    rule = ctx.reasons.rule("base_emulation_fighter.initiative_required", rules_of_year)
    required = rules_of_year.flag("base_emulation_fighter.initiative_required")
    record = ctx.record(year)
    initiatives = record.initiatives if record else None
    has_initiative: Met = None if initiatives is None else initiatives > 0
    facts: dict[str, Param] = {} if initiatives is None else {"initiatives": initiatives}
    if required:
        ctx.reasons.say(
            gettext_noop(
                "Chiến sĩ thi đua cơ sở năm %(year)s: cần có sáng kiến, đề tài được công nhận "
                "(quy định áp dụng cho năm %(year)s); có %(count)s."
            ),
            has_initiative,
            rule.citation,
            facts,
            year=year,
            count="?" if initiatives is None else initiatives,
        )
        return
    rating = record.rating if record else None
    excellent: Met = None if rating is None else rating == Rating.EXCELLENT
    ctx.reasons.say(
        gettext_noop(
            "Chiến sĩ thi đua cơ sở năm %(year)s: cần hoàn thành xuất sắc nhiệm vụ hoặc có sáng "
            "kiến, đề tài được công nhận (từ 2024 không bắt buộc sáng kiến)."
        ),
        any_met([excellent, has_initiative]),
        rule.citation,
        {**facts, **({"rating": rating.value} if rating else {})},
        year=year,
    )


def _share_line(ctx: Context, key: str, part: str, msgid: str, *, above: bool = False) -> Met:
    """A share of the members: at least the rule's value, or strictly above it (``above``:
    the law's "trên 50 %")."""
    rule = ctx.reasons.rule(key)
    share = ctx.reasons.rules.ratio(key)
    record = ctx.record(ctx.target)
    members = record.members if record else None
    count = getattr(record, part) if record else None
    met: Met = None
    if members and count is not None:
        have = Fraction(count, members)
        met = have > share if above else have >= share
    return ctx.reasons.say(
        msgid,
        met,
        rule.citation,
        {} if members is None or count is None else {part: count, "members": members},
        percent=percent_text(share),
        count="?" if count is None else count,
        members="?" if members is None else members,
        year=ctx.target,
    )


def collective_excellent(ctx: Context) -> None:
    record = ctx.record(ctx.target)
    if ctx.reasons.rules.flag("collective_excellent.requires_excellent_rating"):
        rule = ctx.reasons.rule("collective_excellent.requires_excellent_rating")
        rating = record.rating if record else None
        ctx.reasons.say(
            gettext_noop("Tập thể hoàn thành xuất sắc nhiệm vụ năm %(year)s: %(rating)s."),
            None if rating is None else rating == Rating.EXCELLENT,
            rule.citation,
            {"rating": rating.value} if rating else {},
            year=ctx.target,
            rating=rating.label if rating else gettext_noop("chưa có xếp loại"),
        )
    _share_line(
        ctx,
        "collective_excellent.min_share_completed",
        "members_completed",
        gettext_noop(
            "Ít nhất %(percent)s%% cá nhân hoàn thành nhiệm vụ: %(count)s/%(members)s năm %(year)s."
        ),
    )
    _share_line(
        ctx,
        "collective_excellent.min_share_advanced_workers",
        "members_ldtt",
        gettext_noop(
            "Ít nhất %(percent)s%% cá nhân đạt Lao động tiên tiến: %(count)s/%(members)s năm "
            "%(year)s."
        ),
    )
    key = "collective_excellent.min_base_emulation_fighters"
    rule = ctx.reasons.rule(key)
    least = ctx.reasons.rules.integer(key)
    count = record.members_cstdcs if record else None
    ctx.reasons.say(
        gettext_noop("Có ít nhất %(least)s cá nhân đạt Chiến sĩ thi đua cơ sở: có %(count)s."),
        None if count is None else count >= least,
        rule.citation,
        {} if count is None else {"members_cstdcs": count},
        least=least,
        count="?" if count is None else count,
    )


def collective_advanced(ctx: Context) -> None:
    """Điều 28: the collective completed its tasks well (the rule book's least rating), and
    more than a share of its members were Lao động tiên tiến. The rest of the article (an
    emulation movement, internal solidarity, no member disciplined with a warning or worse) is
    not in the records: one line says the council checks it in the dossier."""
    key = "collective_advanced.min_rating"
    min_rating_line(
        ctx,
        key,
        gettext_noop(
            "Tập thể lao động tiên tiến: cần %(required)s trở lên; năm %(year)s: %(rating)s."
        ),
        gettext_noop(
            "Tập thể lao động tiên tiến: cần %(required)s trở lên; chưa có xếp loại năm %(year)s."
        ),
    )
    share_key = "collective_advanced.advanced_workers_above"
    _share_line(
        ctx,
        share_key,
        "members_ldtt",
        gettext_noop(
            "Trên %(percent)s%% cá nhân đạt Lao động tiên tiến: %(count)s/%(members)s năm %(year)s."
        ),
        above=True,
    )
    unchecked(
        ctx,
        share_key,
        gettext_noop(
            "Phong trào thi đua thường xuyên, nội bộ đoàn kết, không có cá nhân bị kỷ luật từ "
            "cảnh cáo trở lên: không có trong dữ liệu thành tích, Hội đồng xem xét theo hồ sơ."
        ),
    )


def leads_cluster(key: str) -> Callable[[Context], None]:
    def judge(ctx: Context) -> None:
        if not ctx.reasons.rules.flag(key):
            return
        rule = ctx.reasons.rule(key)
        record = ctx.record(ctx.target)
        leads = record.leads_cluster if record else None
        ctx.reasons.say(
            gettext_noop("Tập thể dẫn đầu cụm, khối thi đua năm %(year)s: %(answer)s."),
            leads,
            rule.citation,
            {} if leads is None else {"leads_cluster": int(leads)},
            year=ctx.target,
            answer={True: YES, False: NO, None: NO_DATA}[leads],
        )

    return judge
