"""Benchmarks on national-scale synthetic data: ``make bench`` (see bench/README.md)."""
