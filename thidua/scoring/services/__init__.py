"""Every write of scoring, one module per topic: a service checks, then writes in one
transaction with its audit row."""
