"""The awards' pages: nomination rounds (``rounds``, their list and meeting in ``round_list``
and ``deciding``) and the registry (``registry``)."""
