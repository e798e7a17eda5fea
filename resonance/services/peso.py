"""PESO chosen per partnership, and proposed at import and sync from the source, the manager's last choice remembered."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

import queries
from resonance.domain import peso as rule
from resonance.domain.metrics import PESO
from resonance.domain.names import name_key
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
        rollups.refresh_at_commit(con, [campaign_id])      # the PESO split of the comparison's rollups, in the same transaction
        audit.record(con, by, "partnership.peso", f"campagne {campaign_id}",
                     {"partner_id": partner_id, "peso": peso})
        if partner_id is not None:      # and proposed again with this partner's next file (issue 15)
            names = queries.run(con, "partner_names")
            name = names.loc[names["id"] == partner_id, "name"]
            if not name.empty:
                queries.execute(con, "peso_remember_save", {"scope": "partner", "key": _partner_key(name.iloc[0]),
                                                            "peso": peso, "chosen_by": by})


@dataclass(frozen=True)
class Proposal:
    peso: str
    reason: str            # source | partner | rule (domain/peso.REASONS): remembered for the source, the partner, or not

    def text(self) -> str:
        """What the preview and the source form say beside the choice, e.g. "Partagé : choisi la dernière fois
        pour ce partenaire"."""
        return t(f"peso.proposed.{self.reason}", kind=t(f"peso.{self.peso}"))


def propose(store: Store, *, source: str | None = None, partner: str | None = None, paid_platform: bool = False,
            press: bool = False, source_kind: str | None = None) -> Proposal:
    """The kind proposed for figures of a file or a declared source: the last one chosen for that source, else for
    that partner, else the rule (domain/peso.propose: partner → shared, ad platform → paid, press → earned, own →
    owned). The manager can change it; `remember` keeps the change for next time."""
    with store.read() as con:
        kept = queries.run(con, "peso_remembered", {"source": source or "", "partner": _partner_key(partner)})
    for reason in ("source", "partner"):
        found = kept[kept["scope"] == reason]
        if not found.empty:
            return Proposal(str(found.iloc[0]["peso"]), reason)
    return Proposal(rule.propose(partner=bool(partner), paid_platform=paid_platform, press=press,
                                 source_kind=source_kind), "rule")


def remember(store: Store, peso: str, *, source: str | None = None, partner: str | None = None,
             by: str = "system") -> None:
    """Keep the kind chosen at an import (for its partner) or on a source's form (for that source)."""
    if peso not in PESO:
        raise PartnershipInputError([t("peso.error.kind", value=peso, kinds=", ".join(t(f"peso.{k}") for k in PESO))])
    scopes = [(scope, key) for scope, key in (("source", source), ("partner", _partner_key(partner))) if key]
    with store.transaction() as con:
        for scope, key in scopes:
            queries.execute(con, "peso_remember_save", {"scope": scope, "key": key, "peso": peso, "chosen_by": by})
        if scopes:
            audit.record(con, by, "peso.remembered", ", ".join(f"{s} {k}" for s, k in scopes), {"peso": peso})


def _partner_key(partner: str | None) -> str:
    return name_key(partner) if partner and partner.strip() else ""
