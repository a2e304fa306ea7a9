"""What bars every award, whatever its conditions: a dissolved unit, a pending matter, a
discipline not yet served (and the achievement before its end), and an achievement already
rewarded with the same award.

Each bar applies only while its rule is in force on the judging date (the rule book dates it:
e.g. Thông tư 15/2025/TT-BNV for dissolved units, from 2025-07-01). A bar also says from which
year achievement counts again: the year after a discipline ended, or after the last year the
same award was received ("one achievement is rewarded once", Nghị định 152/2025/NĐ-CP).
"""

from __future__ import annotations

import datetime as dt

from thidua.awards.engine.catalogue import SubjectKind
from thidua.awards.engine.history import Case
from thidua.awards.engine.reasons import Reasons
from thidua.rulebook.engine.types import gettext_noop

DISSOLVED = "award.dissolved_unit_bars"
PENDING = "award.pending_matter_bars"
DISCIPLINE = "award.achievement_counts_after_discipline"
ONCE = "award.one_achievement_rewarded_once"

PENDING_LABELS = {
    "disciplinary_review": gettext_noop("đang xem xét kỷ luật"),
    "inspection": gettext_noop("đang thanh tra, kiểm tra"),
    "complaint": gettext_noop("đang giải quyết khiếu nại, tố cáo"),
    "investigation": gettext_noop("đang điều tra"),
}


def _applies(reasons: Reasons, key: str) -> bool:
    return key in reasons.rules and reasons.rules.flag(key)


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def bars(case: Case, reasons: Reasons, target: int, award_name: str) -> int | None:
    """Add the bars' lines; return the first year whose achievement counts (None: any)."""
    floor: int | None = None
    if case.subject == SubjectKind.COLLECTIVE and _applies(reasons, DISSOLVED):
        rule = reasons.rule(DISSOLVED)
        gone = case.dissolved_on is not None and case.dissolved_on <= case.judged_on
        if gone and case.dissolved_on is not None:
            reasons.say(
                gettext_noop(
                    "Đơn vị đã giải thể từ ngày %(date)s: không được đề nghị khen thưởng."
                ),
                False,
                rule.citation,
                {"dissolved_on": case.dissolved_on.isoformat()},
                date=_day(case.dissolved_on),
            )
        else:
            reasons.say(gettext_noop("Đơn vị còn hoạt động vào ngày xét."), True, rule.citation)
    if _applies(reasons, PENDING):
        rule = reasons.rule(PENDING)
        if case.pending:
            matters = ", ".join(PENDING_LABELS.get(p, p) for p in case.pending)
            reasons.say(
                gettext_noop(
                    "Đang có vụ việc chưa giải quyết xong (%(matters)s): chưa khen thưởng."
                ),
                False,
                rule.citation,
                {"pending": ", ".join(case.pending)},
                matters=matters,
            )
        else:
            reasons.say(
                gettext_noop("Không có vụ việc kỷ luật, thanh tra, khiếu nại đang xem xét."),
                True,
                rule.citation,
            )
    if _applies(reasons, DISCIPLINE):
        rule = reasons.rule(DISCIPLINE)
        begun = [d for d in case.discipline if d.start <= case.judged_on]
        serving = [d for d in begun if d.end is None or d.end >= case.judged_on]
        ended = [d.end for d in begun if d.end is not None and d.end < case.judged_on]
        if serving:
            reasons.say(
                gettext_noop("Đang trong thời gian kỷ luật (từ ngày %(start)s): chưa khen thưởng."),
                False,
                rule.citation,
                {"discipline_start": serving[0].start.isoformat()},
                start=_day(serving[0].start),
            )
        elif ended:
            last = max(ended)
            floor = last.year + 1  # a year counts only if it began after the discipline ended
            reasons.say(
                gettext_noop(
                    "Kỷ luật chấp hành xong ngày %(end)s: thành tích chỉ tính từ năm %(year)s."
                ),
                target >= floor,
                rule.citation,
                {"discipline_end": last.isoformat()},
                end=_day(last),
                year=floor,
            )
        else:
            reasons.say(gettext_noop("Không bị kỷ luật trong thời gian xét."), True, rule.citation)
    if _applies(reasons, ONCE):
        rule = reasons.rule(ONCE)
        before = [y for y, r in case.history.items() if y <= target and r.received(case.award)]
        if target in before:
            reasons.say(
                gettext_noop(
                    "Năm %(year)s đã được tặng %(award)s: một thành tích chỉ khen thưởng một lần."
                ),
                False,
                rule.citation,
                {"year": target},
                year=target,
                award=award_name,
            )
        elif before:
            last_year = max(before)
            floor = max(floor or last_year + 1, last_year + 1)
            reasons.say(
                gettext_noop(
                    "Thành tích đến năm %(year)s đã được khen %(award)s: chỉ tính các năm từ "
                    "%(next)s."
                ),
                True,
                rule.citation,
                {"rewarded_year": last_year},
                year=last_year,
                award=award_name,
                next=last_year + 1,
            )
        else:
            reasons.say(
                gettext_noop("Thành tích được xét chưa được khen %(award)s."),
                True,
                rule.citation,
                award=award_name,
            )
    return floor
