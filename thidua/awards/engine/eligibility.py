"""Who may be proposed for which award, condition by condition (domain.md §7).

``eligibility(case, rules, book, catalogue)`` judges ``case.award`` for the achievement year
``case.target_year`` with the rules in force on the judging date (``rules``), except where the
law dates a condition by the achievement year: whether Chiến sĩ thi đua cơ sở needed an
initiative is read from the rules in force at the end of that year (``book``). Every number is
a rule value; every line cites the value it used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from thidua.awards.engine.bars import bars
from thidua.awards.engine.catalogue import Catalogue, SubjectKind
from thidua.awards.engine.history import Case, Rating, YearRecord
from thidua.awards.engine.reasons import Met, Reasons, all_met, any_met, years_text
from thidua.rulebook.engine.types import (
    Citation,
    Message,
    Param,
    RuleBook,
    RuleSet,
    Verdict,
    gettext_noop,
    percent_text,
)

LDTT = "advanced_worker"
CSTDCS = "base_emulation_fighter"


class NotJudged(ValueError):  # noqa: N818
    """The engine has no conditions for this award and subject (yet); ``message`` says so."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.msgid)
        self.message = message


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


def _per_year(ctx: Context, years: list[int], test: Callable[[YearRecord], Met]) -> dict[int, Met]:
    """Each year's result: False for a year that does not count (before the floor), None for a
    year not given."""
    out: dict[int, Met] = {}
    for year in years:
        record = ctx.record(year)
        out[year] = False if not ctx.counted(year) else (None if record is None else test(record))
    return out


def _rating_at_least(minimum: Rating) -> Callable[[YearRecord], Met]:
    def test(record: YearRecord) -> Met:
        return None if record.rating is None else record.rating.at_least(minimum)

    return test


def _run(
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


def _share_line(ctx: Context, key: str, part: str, msgid: str) -> Met:
    rule = ctx.reasons.rule(key)
    share = ctx.reasons.rules.ratio(key)
    record = ctx.record(ctx.target)
    members = record.members if record else None
    count = getattr(record, part) if record else None
    met: Met = None
    if members and count is not None:
        met = Fraction(count, members) >= share
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


def commission_certificate(ctx: Context) -> None:
    """Art. 74.1.d Luật 06/2022/QH15: Chiến sĩ thi đua cơ sở in consecutive years (branch 1),
    or consecutive years of excellent completion with initiatives applied in them (branch 2)."""
    r = ctx.reasons
    k1 = "ministry_certificate.consecutive_base_fighter_titles"
    titles_rule, titles = r.rule(k1), r.rules.integer(k1)
    branch1 = _run(
        ctx,
        _per_year(ctx, ctx.window(titles), lambda rec: CSTDCS in rec.titles),
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
    excellent = _run(
        ctx,
        _per_year(ctx, window, _rating_at_least(Rating.EXCELLENT)),
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
    good = _run(
        ctx,
        _per_year(ctx, window, _rating_at_least(Rating.GOOD)),
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
            found=("năm " + years_text(held_in))
            if held_in
            else ("không" if before else "chưa có dữ liệu"),
        )


def _leads_cluster(key: str) -> Callable[[Context], None]:
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
            answer={True: "có", False: "không", None: "chưa có dữ liệu"}[leads],
        )

    return judge


@dataclass(frozen=True, slots=True)
class AwardRule:
    subjects: tuple[SubjectKind, ...]
    judge: Callable[[Context], None]
    citation_key: str  # the rule whose citation is the verdict's


INDIVIDUAL, COLLECTIVE = (SubjectKind.INDIVIDUAL,), (SubjectKind.COLLECTIVE,)
AWARD_RULES: dict[str, AwardRule] = {
    LDTT: AwardRule(INDIVIDUAL, advanced_worker, "advanced_worker.min_rating"),
    CSTDCS: AwardRule(INDIVIDUAL, base_emulation_fighter, "advanced_worker.min_rating"),
    "collective_excellent": AwardRule(
        COLLECTIVE, collective_excellent, "collective_excellent.min_share_completed"
    ),
    "commission_certificate": AwardRule(
        INDIVIDUAL, commission_certificate, "ministry_certificate.consecutive_excellent_years"
    ),
    "pm_certificate": AwardRule(
        INDIVIDUAL, pm_certificate, "pm_certificate.consecutive_good_years"
    ),
    "commission_flag": AwardRule(
        COLLECTIVE,
        _leads_cluster("commission_flag.requires_cluster_lead"),
        "commission_flag.requires_cluster_lead",
    ),
    "government_flag": AwardRule(
        COLLECTIVE,
        _leads_cluster("government_flag.requires_cluster_lead"),
        "government_flag.requires_cluster_lead",
    ),
}


def eligibility(case: Case, rules: RuleSet, book: RuleBook, catalogue: Catalogue) -> Verdict:
    """The verdict on ``case``. Raises ``NotJudged`` for an award the catalogue lacks or the
    engine has no conditions for (for this subject), and ``RuleMissing`` when a needed rule has
    no value in force on the date."""
    award = catalogue.get(case.award)
    if award is None:
        raise NotJudged(
            Message(
                gettext_noop("Không có danh hiệu, hình thức khen “%(award)s”."),
                {"award": case.award},
            )
        )
    rule = AWARD_RULES.get(case.award)
    if rule is None or case.subject not in rule.subjects:
        raise NotJudged(
            Message(
                gettext_noop("Chưa có điều kiện để xét “%(award)s” cho đối tượng này."),
                {"award": award.name},
            )
        )
    reasons = Reasons(rules)
    citation = reasons.rule(rule.citation_key).citation
    target = case.target_year
    if target is None:
        reasons.say(gettext_noop("Chưa có năm thành tích nào đến ngày xét."), None, None)
        return reasons.verdict(case.award, citation)
    floor = bars(case, reasons, target, award.name)
    rule.judge(Context(case, reasons, book, catalogue, target, floor))
    return reasons.verdict(case.award, citation)
