"""AppTest of the Partenaires and Comparer pages on the demo store: what a manager sees and does."""
from datetime import date

from tests.helpers import page, texts


def table_with(app, *columns: str):
    """The first table on the page holding all `columns` (AppTest does not find dataframes by key)."""
    return next(d.value for d in app.dataframe if set(columns) <= set(d.value.columns))


def test_partners_page_shows_the_map_the_file_and_the_lifecycle(demo_store):
    app = page("pages/partners.py")
    app.run()
    assert not app.exception
    shown = texts(app)
    assert "Partenaires" in [t.value for t in app.title]
    assert len(app.get("plotly_chart")) >= 1
    assert "StreamJeunes (candidat" in shown                       # a candidate has no measured performance yet
    app.selectbox(key="map_public").set_value("étudiants").run()
    table = table_with(app, "declared_audience")
    assert "Tinder" in set(table["partner"]) and "Brico Centre" not in set(table["partner"])
    app.selectbox(key="file_partner").set_value("Tinder").run()
    assert not app.exception
    history = table_with(app, "campaign", "clicks")
    assert set(history["campaign"]) == {"Match avec ton futur", "Jobs d'été 2026"}
    board = table_with(app, "activations")
    status = board.set_index(["campaign", "partner"]).loc[("Rénover, c'est gagné", "Banque Solidaire"), "status"]
    assert "SIG" in status or "tutelle" in status
    assert "message validé" in status


def test_adding_a_meeting_makes_the_overdue_alert_disappear(demo_store):
    app = page("pages/partners.py")
    app.run()
    warnings = [w.value for w in app.warning]
    assert any("Livr'Eat" in w and "Relancer pour la rentrée" in w for w in warnings)
    app.selectbox(key="meeting_partner").set_value("Livr'Eat")
    app.date_input(key="meeting_date").set_value(date.today())
    app.text_area(key="meeting_notes").input("Relance faite : opération rentrée 2027 à l'étude")
    next(b for b in app.button if b.label == "Enregistrer le rendez-vous").click().run()
    assert not app.exception
    assert any("Rendez-vous avec Livr'Eat enregistré" in s.value for s in app.success)
    assert not any("Livr'Eat" in w.value for w in app.warning)
    assert "Livr'Eat" not in "\n".join(i.value for i in app.info)


def test_a_wrong_meeting_is_refused_with_the_field_named(demo_store):
    app = page("pages/partners.py")
    app.run()
    app.text_input(key="meeting_next_step").input("")
    app.date_input(key="meeting_next_date").set_value(date(2020, 1, 1))
    next(b for b in app.button if b.label == "Enregistrer le rendez-vous").click().run()
    assert any("«\u202fPour le\u202f»" in e.value for e in app.error)


def test_compare_page_shows_the_figures_of_the_partnerships_picked(demo_store):
    app = page("pages/compare.py")
    app.run()
    assert not app.exception
    picker = app.multiselect(key="compare_units_partnership")
    tinder = next(o for o in picker.options if o.startswith("Match avec ton futur — Tinder"))
    campus = next(o for o in picker.options if o.startswith("Jobs d'été 2024 — Appli Campus+"))
    picker.select(tinder).select(campus).run()
    assert not app.exception
    ratios = app.table[0].value
    row = ratios.set_index(ratios.columns[0])
    assert row.loc["Taux de clic"].tolist() == ["14,0\u202f%", "3,1\u202f%"]
    assert row.loc["Coût par visite"].tolist() == ["—", "0,53\u202f€"]             # Tinder relayed free: no spend
    volumes = app.table[1].value.set_index(app.table[1].value.columns[0])
    assert volumes.loc["Impressions"].tolist() == ["2\u202f104\u202f350", "640\u202f000"]
    shown = texts(app)
    # 4 and 2 peers: too few to rank (issue 14), and said so.
    assert "Taux de clic : trop peu de partenariats comparables (4 autres partenariats applications, il en faut 5)" in shown
    assert "Taux de clic : trop peu de partenariats comparables (2 autres partenariats réseaux sociaux, il en faut 5)" in shown


def test_compare_page_answers_summer_jobs_against_last_year_and_the_cheapest_for_students(demo_store):
    app = page("pages/compare.py")
    app.run()
    edition = app.selectbox(key="compare_edition")
    assert edition.value == "Jobs d'été 2026"
    shown = texts(app)
    assert "Jobs d'été 2026 (2026) comparée à Match avec ton futur (2025)." in shown
    metrics = {m.label: m for m in app.metric}
    assert metrics["Impressions"].value == "3\u202f180\u202f000"
    assert metrics["Impressions"].delta == "+51\u202f%"
    app.selectbox(key="ranking_public").set_value("étudiants").run()
    assert any("En tête : **Livr'Eat** (Bien manger au campus), Coût par visite de 0,25\u202f€." in s.value
               for s in app.success)
    ranked = table_with(app, "counterparts")
    assert ranked["partner"].tolist()[:2] == ["Livr'Eat", "Fédération Étudiante Solidaire"]
    assert any("Sans dépense déclarée" in c.value and "Tinder (Match avec ton futur — Relais gracieux" in c.value
               for c in app.caption)


def _target_typed(value: str):
    """The compare page after an impressions target of `value` was typed for Jobs d'été 2024 and sent."""
    app = page("pages/compare.py")
    app.run()
    app.selectbox(key="notes_campaign").set_value("Jobs d'été 2024").run()
    app.selectbox(key="target_metric").set_value("impressions")
    app.text_input(key="target_value").input(value)
    next(b for b in app.button if b.label == "Fixer l'objectif").click().run()
    return app


def test_a_target_set_on_the_compare_page_shows_its_progress(demo_store):
    app = _target_typed("1 000 000")
    assert not app.exception
    assert any("Impressions : objectif 1\u202f000\u202f000" in m.value for m in app.markdown)


def test_a_target_typed_wrong_is_said_under_the_form_and_nothing_is_kept(demo_store):
    with demo_store.transaction() as con:
        before = con.execute("select count(*) from target").fetchone()[0]
    app = _target_typed("beaucoup")
    assert not app.exception
    assert any("«\u202fbeaucoup\u202f»" in e.value for e in app.error)
    assert not any("Impressions : objectif" in m.value for m in app.markdown)
    with demo_store.transaction() as con:
        assert con.execute("select count(*) from target").fetchone()[0] == before


def test_every_label_the_pages_build_from_a_code_exists_in_both_languages():
    from resonance.domain.metrics import CHANNELS, PARTNER_KINDS
    from resonance.i18n import TABLE
    from resonance.services import comparison, partnership
    keys = [*(f"compare.ratio.{r}" for r in comparison.RATIOS), *(f"partners.channel.{c}" for c in CHANNELS),
            *(f"partners.kind.{k}" for k in PARTNER_KINDS), *(f"partners.step.{s}" for s in partnership.STEPS),
            *(f"partners.role.{r}" for r in partnership.ROLES), *(f"partners.check.{c}" for c in partnership.CHECKLIST),
            *(f"metric.{m}" for m in (*comparison.VOLUMES, *comparison.TARGET_METRICS)),
            "compare.kind.partnership", "compare.kind.campaign"]
    assert [k for k in keys if k not in TABLE] == []


def test_both_pages_work_in_english(demo_store, monkeypatch):
    monkeypatch.setenv("RESONANCE_LANG", "en")
    partners = page("pages/partners.py")
    partners.run()
    assert not partners.exception and "Partners" in [t.value for t in partners.title]
    assert any("Overdue next steps" in s.value for s in partners.subheader)
    compare = page("pages/compare.py")
    compare.run()
    assert not compare.exception
    assert "Jobs d'été 2026 (2026) compared with Match avec ton futur (2025)." in texts(compare)


def test_a_candidate_added_then_given_a_partnership_moves_through_the_lifecycle(demo_store):
    app = page("pages/partners.py")
    app.run()
    app.text_input(key="add_name").input("Club Étudiant Numérique")
    app.selectbox(key="add_kind").set_value("association")
    app.text_input(key="add_audiences").input("étudiants")
    app.text_input(key="add_declared").input("120 000")
    assert not app.checkbox(key="add_candidate").value              # no longer ticked by default (issue 14)
    app.checkbox(key="add_candidate").check()
    next(b for b in app.button if b.label == "Ajouter").click().run()
    assert not app.exception
    assert any("«\u202fClub Étudiant Numérique\u202f» a été ajouté." in s.value for s in app.success)
    assert "Club Étudiant Numérique (candidat, 120\u202fk)" in texts(app)
    app.selectbox(key="life_add_campaign").set_value("Jobs d'été 2026")
    app.selectbox(key="life_add_partner").set_value("Club Étudiant Numérique")
    app.selectbox(key="life_add_channel").set_value("social")
    next(b for b in app.button if b.label == "Créer le partenariat").click().run()
    assert not app.exception
    board = table_with(app, "activations", "status")
    row = board.set_index(["campaign", "partner"]).loc[("Jobs d'été 2026", "Club Étudiant Numérique")]
    assert row["step"] == "1 · Identification"
    assert row["status"] == "⚠ À faire : tutelle ou SIG informé, cadre juridique signé, message validé"
    app.selectbox(key="life_pick").set_value("Jobs d'été 2026 — Club Étudiant Numérique").run()
    assert not app.exception
    app.selectbox(key="life_add_campaign").set_value("Jobs d'été 2026")                 # the same pair twice
    app.selectbox(key="life_add_partner").set_value("Club Étudiant Numérique")
    next(b for b in app.button if b.label == "Créer le partenariat").click().run()
    assert any("déjà un partenariat" in e.value for e in app.error)
    # the partnership is moved forward: co-construction, SIG informed, frame signed, message validated
    app.selectbox(key="life_pick").set_value("Jobs d'été 2026 — Club Étudiant Numérique").run()
    for box in app.checkbox:
        if box.label in ("Service d'information du Gouvernement informé", "Cadre juridique signé", "Message validé"):
            box.check()
    next(s for s in app.select_slider if s.label == "Étape").set_value(3)
    next(b for b in app.button if (b.key or "").startswith("FormSubmitter:life_edit_")).click().run()
    assert not app.exception
    board = table_with(app, "activations", "status").set_index(["campaign", "partner"])
    assert board.loc[("Jobs d'été 2026", "Club Étudiant Numérique"), "status"] == "✓ Complet"
    assert board.loc[("Jobs d'été 2026", "Club Étudiant Numérique"), "step"] == "3 · Co-construction"
