"""The registry the pages and the API ask: the rulebook's own rules, and those higher apps add
from their ``AppConfig.ready`` (``RULES.register(evaluator)``)."""

from thidua.rulebook.engine.quotas import GOVERNMENT_FLAG_QUOTA
from thidua.rulebook.engine.registry import Registry

RULES = Registry((GOVERNMENT_FLAG_QUOTA,))
