"""Unit tests: rules, settings, structure; no store."""
