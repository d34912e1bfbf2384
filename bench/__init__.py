"""Benchmarks: each prints absolute figures and ratios against a baseline run in the same process."""
