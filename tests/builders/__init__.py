"""Builders: what a test needs, made through the services on demand.

Each test builds its own clusters, accounts, plans, sheets and reports here, inside its own
transaction; nothing is shared between tests but the reference units (the Commission, the
provinces, their boards and communes), which ``tests/conftest.py`` loads once per database.
One module per area: ``people`` (accounts and named personas), ``clusters`` (the terms of the
seeds and any term a test wants), ``plans`` (plans and point scales), ``assessments`` (score
sheets through to a published ranking), ``reports`` (periods, reports and the catalogue) and
``practices`` (good practices).

factory-boy is not used: every object here is made by a service of the app (so the audit
chain, the stage history and the checks are those of production), and a plain function
with keyword arguments says that more plainly than a factory class would.
"""
