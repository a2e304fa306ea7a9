"""The registry the pages and the API ask: the rulebook's own rules, and those higher apps add
from their ``AppConfig.ready`` (``RULES.register(evaluator)``)."""

from thidua.rulebook.engine.confidence import CONFIDENCE_VOTE_OUTCOME
from thidua.rulebook.engine.quotas import GOVERNMENT_FLAG_QUOTA
from thidua.rulebook.engine.registry import Registry

RULES = Registry((CONFIDENCE_VOTE_OUTCOME, GOVERNMENT_FLAG_QUOTA))
