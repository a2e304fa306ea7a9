"""The rulebook's pure core: dated legal rules in, explained verdicts out; no Django import.

``types`` is the floor (citations, confidence marks, rule values, the rule set in force on a
date, explanation lines and verdicts); ``facts`` checks the facts a rule is asked about;
``registry`` keeps the evaluators by name; ``quotas`` holds the first rule; ``rules`` is the
registry the pages and the API ask, which higher apps extend from their ``AppConfig.ready``.
"""
