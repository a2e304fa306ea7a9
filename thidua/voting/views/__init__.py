"""The voting pages: thin views over ``thidua.voting.services`` and ``selectors``."""
