"""The awards' pure core: the catalogue as values, achievement histories, and the eligibility
of a person or a unit for an award, explained line by line with citations; no Django import.

``catalogue`` describes the awards; ``history`` reads and checks a case (a subject's yearly
history, pending matters, discipline); ``bars`` holds the conditions every award shares;
``titles``, ``fighters``, ``certificates`` and ``medals`` hold each award's own conditions;
``eligibility`` picks them by award and subject; ``evaluators`` offers them to the rule book's
registry.
"""
