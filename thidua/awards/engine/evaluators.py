"""The award conditions as rule-book evaluators, so that "Thử áp dụng" and
``POST /api/v1/rulebook/evaluate`` answer for them (``qualifies.<award code>``).

Their facts are not whole numbers but an achievement history: each evaluator has its own
``read`` (JSON facts, text on the page) and reads the case when it judges, so a year after the
judging date is refused with the other bad facts. The rule book hands the judge the rules in
force on the judging date; the rules of an achievement year come from ``book`` (a callable, so
that the wiring in ``AwardsConfig.ready`` can pass the rule book's selector and this module
stays pure).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from thidua.awards.engine.catalogue import Catalogue, SubjectKind
from thidua.awards.engine.eligibility import AWARD_RULES, eligibility
from thidua.awards.engine.history import case_read
from thidua.rulebook.engine.facts import Fact, FactKind, FactsInvalid
from thidua.rulebook.engine.registry import Evaluator
from thidua.rulebook.engine.types import Message, RuleBook, RuleSet, Verdict, gettext_noop

PREFIX = "qualifies."

_HISTORY = Fact(
    "history",
    gettext_noop(
        "Thành tích theo năm (JSON), ví dụ {“2024”: {“rating”: “excellent”, “titles”: "
        "[“base_emulation_fighter”], “initiatives”: 1}}"
    ),
    kind=FactKind.JSON,
)
_PENDING = Fact(
    "pending",
    gettext_noop("Vụ việc đang xem xét (JSON), ví dụ [“inspection”]"),
    kind=FactKind.JSON,
)
_DISCIPLINE = Fact(
    "discipline",
    gettext_noop("Kỷ luật (JSON), ví dụ [{“start”: “2023-03-01”, “end”: “2024-02-29”}]"),
    kind=FactKind.JSON,
)
_DISSOLVED = Fact(
    "dissolved_on", gettext_noop("Ngày giải thể (YYYY-MM-DD), nếu có"), kind=FactKind.JSON
)


def _read(specs: tuple[Fact, ...], facts: object) -> Mapping[str, Any]:
    """Keep the facts as given (the judge reads the case); refuse only unknown names here."""
    if not isinstance(facts, Mapping):
        raise FactsInvalid({"": [Message(gettext_noop("Dữ kiện phải là một bảng tên → giá trị."))]})
    known = {spec.name for spec in specs}
    unknown = sorted(str(k) for k in facts if k not in known)
    if unknown:
        message = Message(gettext_noop("Quy tắc này không dùng dữ kiện này."))
        raise FactsInvalid({name: [message] for name in unknown})
    return dict(facts)


def award_evaluators(catalogue: Catalogue, book: Callable[[], RuleBook]) -> list[Evaluator]:
    """One evaluator per award of the catalogue and subject kind the engine can judge:
    ``qualifies.<code>`` for the first kind the catalogue lists (the Commission's Bằng khen:
    individuals), ``qualifies.<code>.<kind>`` for the other (``….collective``)."""
    found: list[Evaluator] = []
    for award in catalogue:
        judged = AWARD_RULES.get(award.code, {})
        kinds = [kind for kind in award.subjects if kind in judged]
        for position, subject in enumerate(kinds):
            facts: tuple[Fact, ...] = (_HISTORY, _PENDING, _DISCIPLINE)
            if subject == SubjectKind.COLLECTIVE:
                facts = (*facts, _DISSOLVED)

            def judge(
                given: Mapping[str, Any],
                rules: RuleSet,
                code: str = award.code,
                kind: SubjectKind = subject,
            ) -> Verdict:
                case = case_read(given, subject=kind, award=code, judged_on=rules.on)
                return eligibility(case, rules, book(), catalogue)

            first = position == 0
            found.append(
                Evaluator(
                    name=f"{PREFIX}{award.code}" + ("" if first else f".{subject.value}"),
                    title=award.name if first else f"{award.name} — {subject.label}",
                    facts=facts,
                    judge=judge,
                    read=_read,
                )
            )
    return found
