"""Résonance: the campaign-partnership review dashboard (core package)."""
