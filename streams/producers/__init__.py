"""Producers: everything that puts articles on the ``articles`` topic (files, feeds, HTTP)."""
