"""PESO chosen per partnership: paid, earned, shared or owned for all its figures, remembered, read by the figures model."""
from __future__ import annotations

import pandas as pd

import queries
from resonance.domain.metrics import PESO
from resonance.i18n import t
from resonance.services import audit, rollups
from resonance.services.partnership import PartnershipInputError
from resonance.store import Store


def choices(store: Store, campaign_id: int) -> pd.DataFrame:
    """Each partnership of the campaign with the kind chosen for it (or none) and the kinds its figures came with."""
    with store.read() as con:
        return queries.run(con, "peso_choices", {"campaign_id": campaign_id})


def choose(store: Store, campaign_id: int, partner_id: int | None, peso: str, by: str = "system") -> None:
    """Every figure of this partnership, loaded or to come, counts as `peso` in the resonance and the PESO split."""
    if peso not in PESO:
        raise PartnershipInputError([t("peso.error.kind", value=peso, kinds=", ".join(t(f"peso.{k}") for k in PESO))])
    with store.transaction() as con:
        queries.execute(con, "peso_choice_save", {"campaign_id": campaign_id, "partner_id": partner_id, "peso": peso,
                                                  "chosen_by": by})
        rollups.refresh(con, [campaign_id])      # the PESO split of the comparison's rollups, in the same transaction
        audit.record(con, by, "partnership.peso", f"campagne {campaign_id}",
                     {"partner_id": partner_id, "peso": peso})
