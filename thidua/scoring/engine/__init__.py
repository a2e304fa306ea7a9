"""The scoring engine: pure computation with no Django import (an import contract holds it).

Plain dataclasses in, results out, so it runs on a whole cluster or the whole sector at once,
is property-tested, and serves the pages, the API, the Excel sheets and the bench alike.

``types`` is the floor: the enums and dataclasses of the inputs and results, importing nothing
else of the engine. Above it the exact arithmetic (``num``), the rules of each kind of criterion
(``kinds``), a scale flattened for the loops (``plan``), the sheets combined into rows per stage
(``rows``), one unit's totals (``units``) and the ranking (``rank``); ``compute`` runs them for a
cluster. ``checks`` tests a scale and a mark before they are accepted; ``analytics`` reads the
same inputs for inflated self-scores and lenient assessors.
"""
