"""Reads of scoring, one module per topic, always for a user: what they may not see is not
found. ``inputs`` reads a plan into the engine's inputs, for the reads and the services alike.
"""
