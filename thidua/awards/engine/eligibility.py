"""Who may be proposed for which award, condition by condition (domain.md §7).

``eligibility(case, rules, book, catalogue)`` judges ``case.award`` for the achievement year
``case.target_year`` with the rules in force on the judging date (``rules``), except where the
law dates a condition by the achievement year: whether Chiến sĩ thi đua cơ sở needed an
initiative is read from the rules in force at the end of that year (``book``). Every number is
a rule value; every line cites the value it used.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thidua.awards.engine.bars import bars
from thidua.awards.engine.catalogue import Catalogue, SubjectKind
from thidua.awards.engine.certificates import commission_certificate, pm_certificate
from thidua.awards.engine.context import CSTDCS, LDTT, Context
from thidua.awards.engine.history import Case
from thidua.awards.engine.reasons import Reasons
from thidua.awards.engine.titles import (
    advanced_worker,
    base_emulation_fighter,
    collective_excellent,
    leads_cluster,
)
from thidua.rulebook.engine.types import (
    Message,
    RuleBook,
    RuleSet,
    Verdict,
    gettext_noop,
)


class NotJudged(ValueError):  # noqa: N818
    """The engine has no conditions for this award and subject (yet); ``message`` says so."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.msgid)
        self.message = message


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
        leads_cluster("commission_flag.requires_cluster_lead"),
        "commission_flag.requires_cluster_lead",
    ),
    "government_flag": AwardRule(
        COLLECTIVE,
        leads_cluster("government_flag.requires_cluster_lead"),
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
