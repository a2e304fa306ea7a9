"""Every write to the rule book: the loader of the shipped file (``loader``) and the
secretariat's parameters (``parameters``)."""
