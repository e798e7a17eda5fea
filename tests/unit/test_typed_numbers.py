"""Numbers a manager types in a form (budget, target) are read by formatting.parse_number (Babel), not by hand."""
from __future__ import annotations

import pytest

from resonance.services.campaigns import campaign_fields
from resonance.services.partnership import PartnershipInputError

N = "\u202f"


@pytest.mark.parametrize(("typed", "budget"), [
    ("48 000", 48000.0), (f"48{N}000 €", 48000.0), ("1 234,50", 1234.5), ("48000", 48000.0), ("1,5e6", 1.5e6),
    (12, 12.0), (0, 0.0), (None, None), ("", None), ("  ", None),
])
def test_a_budget_as_typed(typed, budget):
    assert campaign_fields({"name": "Été solidaire", "budget_eur": typed})["budget_eur"] == budget


@pytest.mark.parametrize("typed", ["quarante", "-5", "1.234,5", "inf", float("inf"), float("nan")])
def test_a_budget_that_is_not_one_is_refused(typed):
    with pytest.raises(PartnershipInputError):
        campaign_fields({"name": "Été solidaire", "budget_eur": typed})
