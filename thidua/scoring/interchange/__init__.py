"""The plan interchange document (``docs/plan-interchange.md``): its format, export and import."""
