"""The one error the protocol raises on malformed input (callers translate it for people)."""


class ProtocolError(ValueError):
    """Input that is not what the protocol expects: a malformed key, ballot, tally or proof,
    a choice that cannot be proven, a count out of range."""
