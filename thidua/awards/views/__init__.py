"""The awards' pages, by topic: the achievement records (``records``) and their Excel import
(``importing``); nomination rounds (``rounds``, their list and opening in ``round_list``, the
meeting, submission and decision in ``deciding``) and the registry (``registry``)."""
