"""Writes of the awards: records, rounds and decisions, the registry and revocation."""
