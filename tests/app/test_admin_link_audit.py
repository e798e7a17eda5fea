"""AppTest of the administration's audit trail: its filter offers the partner links' actions, in words (issue 17)."""
from datetime import date, timedelta

from resonance.services import links
from tests.helpers import page


def test_the_audit_filter_shows_only_the_link_actions(demo_store):
    links.create(demo_store, "Jobs d'été 2026/Tinder", expires_on=date.today() + timedelta(days=30), created_by="Marie")
    links.revoke(demo_store, partnership="Jobs d'été 2026/Tinder", by="Marie")
    app = page("pages/admin.py")
    app.run()
    assert not app.exception
    choice = app.selectbox(key="audit_filter")
    assert "Liens de dépôt des partenaires" in choice.options
    assert not any("link" in option for option in choice.options)          # words, never a code
    everything = app.dataframe[-1].value
    choice.set_value("link.").run()
    assert not app.exception
    trail = app.dataframe[-1].value
    assert trail["action"].tolist() == ["link.revoke", "link.create"] and set(trail["actor"]) == {"Marie"}
    assert len(everything) > len(trail)                    # the other actions (the demo's imports…) are filtered out
