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
from thidua.awards.engine.certificates import (
    certificate_of_merit,
    collective_commission_certificate,
    commission_certificate,
    pm_certificate,
)
from thidua.awards.engine.context import CSTDCS, LDTT, Context
from thidua.awards.engine.fighters import ministry_emulation_fighter
from thidua.awards.engine.history import Case
from thidua.awards.engine.medals import sector_medal
from thidua.awards.engine.reasons import Reasons
from thidua.awards.engine.titles import (
    advanced_worker,
    base_emulation_fighter,
    collective_advanced,
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
    judge: Callable[[Context], None]
    citation_key: str  # the rule whose citation is the verdict's


ONE, GROUP = SubjectKind.INDIVIDUAL, SubjectKind.COLLECTIVE
# Award code → subject kind → its conditions. An award goes to the subjects listed here only
# (the Prime Minister's Bằng khen and Chiến sĩ thi đua cơ sở: individuals).
AWARD_RULES: dict[str, dict[SubjectKind, AwardRule]] = {
    LDTT: {ONE: AwardRule(advanced_worker, "advanced_worker.min_rating")},
    CSTDCS: {ONE: AwardRule(base_emulation_fighter, "advanced_worker.min_rating")},
    "commission_emulation_fighter": {
        ONE: AwardRule(
            ministry_emulation_fighter,
            "ministry_emulation_fighter.consecutive_base_fighter_titles",
        )
    },
    "collective_advanced": {
        GROUP: AwardRule(collective_advanced, "collective_advanced.advanced_workers_above")
    },
    "collective_excellent": {
        GROUP: AwardRule(collective_excellent, "collective_excellent.min_share_completed")
    },
    "commission_certificate": {
        ONE: AwardRule(commission_certificate, "ministry_certificate.consecutive_excellent_years"),
        GROUP: AwardRule(
            collective_commission_certificate,
            "ministry_certificate.collective_consecutive_excellent_years",
        ),
    },
    "certificate_of_merit": {
        ONE: AwardRule(certificate_of_merit(ONE), "certificate_of_merit.individual.min_rating"),
        GROUP: AwardRule(certificate_of_merit(GROUP), "certificate_of_merit.collective.min_rating"),
    },
    "pm_certificate": {ONE: AwardRule(pm_certificate, "pm_certificate.consecutive_good_years")},
    "commission_flag": {
        GROUP: AwardRule(
            leads_cluster("commission_flag.requires_cluster_lead"),
            "commission_flag.requires_cluster_lead",
        )
    },
    "government_flag": {
        GROUP: AwardRule(
            leads_cluster("government_flag.requires_cluster_lead"),
            "government_flag.requires_cluster_lead",
        )
    },
    "sector_medal": {ONE: AwardRule(sector_medal, "sector_medal.min_years_of_service")},
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
    rule = AWARD_RULES.get(case.award, {}).get(case.subject)
    if rule is None:
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
