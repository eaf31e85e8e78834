"""Benchmarks: `make bench` (bulk filing) and `make bench-scale` (the product at 1,000,000 cases beside a floor)."""
