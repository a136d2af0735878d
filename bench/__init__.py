"""Benchmarks for ``make bench``: each prints a baseline and ours from the same run and writes ``bench/results/``."""
