"""A candidate whose figures land through the Importer becomes a partner, its partnership at step "déploiement"."""
from __future__ import annotations

from pathlib import Path

from resonance.ingest import importing
from resonance.services import partnership

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "partner_files"


def _state(store, name: str) -> tuple[bool, list[int]]:
    with store.read() as con:
        candidate = con.execute("select is_candidate from partner where name = $n", {"n": name}).fetchone()[0]
        steps = [row[0] for row in con.execute(
            "select ps.step from partnership ps join partner p on p.id = ps.partner_id where p.name = $n", {"n": name})
            .fetchall()]
    return candidate, steps


def _import(store, partner: str) -> None:
    """A partner's hand-made sheet through the Importer's own steps: preview, then load."""
    path = FILES / "partenaire_fait_main.csv"
    result = importing.preview(store, path.read_bytes(), path.name, campaign="Jobs d'été", partner=partner)
    assert result.ok, result.errors
    importing.load(store, result, created_by="test", accept_warnings=True)


def test_a_candidate_with_figures_is_active_at_deployment(store):
    partnership.save_partner(store, {"name": "Appli Campus+", "kind": "company", "is_candidate": True}, by="test")
    assert _state(store, "Appli Campus+") == (True, [])
    _import(store, "Appli Campus+")
    assert _state(store, "Appli Campus+") == (False, [4])


def test_a_partnership_further_on_keeps_its_step(store):
    partner = partnership.save_partner(store, {"name": "Appli Campus+", "kind": "company"}, by="test")
    with store.transaction() as con:
        campaign = partnership.ensure_campaign(con, "Jobs d'été")
        partnership.ensure_partnership(con, campaign, partner, step=5)
    _import(store, "Appli Campus+")
    assert _state(store, "Appli Campus+") == (False, [5])


def test_a_new_partner_named_at_import_is_created_active(store):
    _import(store, "Nouvel Ami")
    assert _state(store, "Nouvel Ami") == (False, [4])


def test_the_deployed_query_moves_only_earlier_steps(store):
    import queries

    with store.transaction() as con:
        campaign = partnership.ensure_campaign(con, "Jobs d'été")
        early = partnership.ensure_partnership(con, campaign, partnership.ensure_partner(con, "Tôt"), step=2)
        late = partnership.ensure_partnership(con, campaign, partnership.ensure_partner(con, "Tard"), step=6)
        for row in (early, late):
            queries.execute(con, "partnership_deployed", {"partnership_id": row})
        steps = dict(con.execute("select id, step from partnership").fetchall())
    assert steps == {early: 4, late: 6}
