"""Quotas on proposals: how many of a group may be proposed for an award.

The Government Emulation Flag (Cờ thi đua của Chính phủ, Điều 25 Luật 06/2022/QH15) is proposed
among the units that lead their clusters; the number proposed may not pass a share of those
leaders (20 %, Công văn 5007/BNV-TĐKT), rounded down: 15 leaders allow 3 proposals. The share is
the rule value ``government_flag.max_share_of_cluster_leaders``, never a number here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from thidua.rulebook.engine.facts import Fact
from thidua.rulebook.engine.registry import Evaluator
from thidua.rulebook.engine.types import (
    Line,
    Message,
    Outcome,
    RuleSet,
    Verdict,
    gettext_noop,
    percent_text,
)

FLAG_SHARE = "government_flag.max_share_of_cluster_leaders"


def _check(facts: Mapping[str, int]) -> Mapping[str, list[Message]]:
    if facts["proposals"] > facts["cluster_leaders"]:
        message = gettext_noop("Số đề nghị không thể nhiều hơn số đơn vị dẫn đầu cụm, khối.")
        return {"proposals": [Message(message)]}
    return {}


def _judge(facts: Mapping[str, int], rules: RuleSet) -> Verdict:
    rule = rules.get(FLAG_SHARE)
    share = rules.ratio(FLAG_SHARE)
    leaders, proposals = facts["cluster_leaders"], facts["proposals"]
    maximum = math.floor(share * leaders)
    percent = percent_text(share)
    used = {"cluster_leaders": leaders, "proposals": proposals}
    lines = [
        Line(
            Message(
                gettext_noop(
                    "Số đề nghị tặng Cờ thi đua của Chính phủ không quá %(percent)s%% số tập thể "
                    "dẫn đầu cụm, khối thi đua."
                ),
                {"percent": percent},
            ),
            citation=rule.citation,
        ),
        Line(
            Message(
                gettext_noop(
                    "Có %(leaders)s tập thể dẫn đầu cụm, khối: được đề nghị tối đa %(maximum)s "
                    "(%(percent)s%% của %(leaders)s, làm tròn xuống)."
                ),
                {"leaders": leaders, "maximum": maximum, "percent": percent},
            ),
            citation=rule.citation,
            facts={"cluster_leaders": leaders, "maximum": maximum},
        ),
    ]
    allowed = proposals <= maximum
    if allowed:
        text = gettext_noop("Đề nghị %(proposals)s, trong giới hạn %(maximum)s: được phép.")
    else:
        text = gettext_noop("Đề nghị %(proposals)s, vượt giới hạn %(maximum)s: không được phép.")
    lines.append(
        Line(
            Message(text, {"proposals": proposals, "maximum": maximum}),
            met=allowed,
            citation=rule.citation,
            facts=used,
        )
    )
    return Verdict(
        rule=GOVERNMENT_FLAG_QUOTA_NAME,
        outcome=Outcome.ALLOWED if allowed else Outcome.REFUSED,
        lines=tuple(lines),
        citation=rule.citation,
        used=(rule,),
    )


GOVERNMENT_FLAG_QUOTA_NAME = "government_flag_quota"
GOVERNMENT_FLAG_QUOTA = Evaluator(
    name=GOVERNMENT_FLAG_QUOTA_NAME,
    title=gettext_noop("Hạn mức đề nghị Cờ thi đua của Chính phủ"),
    facts=(
        Fact("cluster_leaders", gettext_noop("Số tập thể dẫn đầu cụm, khối thi đua")),
        Fact("proposals", gettext_noop("Số tập thể được đề nghị")),
    ),
    judge=_judge,
    check=_check,
)
