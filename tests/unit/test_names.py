"""Accent folding and name keys: the one helper behind every comparison of names, labels and words."""
from __future__ import annotations

import pytest

from resonance.domain.names import fold, name_key
from resonance.domain.passwords import weakness


@pytest.mark.parametrize(("text", "expected"), [
    ("Été", "ete"), ("ÉCOLES", "ecoles"), ("Œuvre", "œuvre"),     # œ is a letter of its own, not an accent
    ("Straße", "strasse"), ("ﬁn", "fin"),                          # casefold and compatibility forms
    ("naïve café", "naive cafe"), ("Ångström", "angstrom"),
    ("", ""), ("  a  ", "  a  "),                                   # spaces are kept: name_key trims them
    ("e\u0301", "e"),                                                # a combining accent typed apart
])
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Écoles ", "ecoles"), ("  Ville   de  Lyon ", "ville de lyon"), ("Mairie\tde\nParis", "mairie de paris"),
    ("", ""), ("   ", ""),
])
def test_name_key(name, expected):
    assert name_key(name) == expected


def test_passwords_fold_accents_the_same_way():
    assert weakness("MÔTDEPASSÉ2024") == "common"            # "motdepasse" once case and accents are gone
