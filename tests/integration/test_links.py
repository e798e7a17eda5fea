"""Partner upload links on a real store: the token (hash only, compare, expiry, revocation, uses), the limits,
the isolation of a link to its own partnership, a drop waiting for the manager, validation and refusal."""
from __future__ import annotations

import io
import secrets
from datetime import date, datetime, timedelta

import pytest
from PIL import Image

import queries
from resonance.ingest import drops, importing
from resonance.services import expected_reports, links, review
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership

SHEET = ("Bilan Appli Campus+ — juin 2026\n\nDate;Impressions;Clics\n"
         "02/06/2026;12 500;300\n09/06/2026;14 350;410\n13/06/2026;0;0\n").encode()
AT = datetime(2026, 6, 20, 10, 0)


def picture(colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def two_partnerships(store):
    with store.transaction() as con:
        mine = ensure_campaign(con, "Été solidaire 2026", start_date=date(2026, 6, 1), end_date=date(2026, 6, 30))
        other = ensure_campaign(con, "Rentrée 2026", start_date=date(2026, 9, 1), end_date=date(2026, 9, 30))
        campus, radio = ensure_partner(con, "Appli Campus+"), ensure_partner(con, "Radio Jeunes")
        ensure_partnership(con, mine, campus)
        ensure_partnership(con, other, radio)
        ensure_partnership(con, mine, radio)
    return store


def counts(store) -> dict:
    with store.read() as con:
        return {table: con.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 - fixed names
                for table in ("link_drop", "link_drop_file", "metric_fact", "asset", "ingestion")}


def uses(store) -> list[int]:
    with store.read() as con:
        return [r[0] for r in con.execute("select uses from upload_link order by id").fetchall()]


def test_only_the_hash_of_the_token_is_stored_and_the_link_opens_its_partnership(two_partnerships):
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    assert links.TOKEN_SHAPE.match(created.token)
    with store.read() as con:
        stored = con.execute("select token_sha256 from upload_link").fetchall()
        everything = str(con.execute("select * from upload_link").fetchall()) + str(
            con.execute("select * from audit_event").fetchall())
    assert stored == [(links.token_hash(created.token),)]
    assert created.token not in everything
    access = links.check(store, created.token, "198.51.100.1", at=AT)
    assert access.ok and (access.link["campaign"], access.link["partner"]) == ("Été solidaire 2026", "Appli Campus+")


@pytest.mark.parametrize("spoil", ["expired", "revoked", "used_up", "altered", "truncated", "other_case"])
def test_a_spoiled_link_gets_the_same_answer_as_no_link_and_writes_nothing(two_partnerships, spoil):
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31),
                           max_uses=1, today=AT.date())
    token, at = created.token, AT
    if spoil == "expired":
        at = datetime(2026, 8, 1, 0, 0, 1)
    elif spoil == "revoked":
        assert links.revoke(store, link_id=created.link_id) == [created.link_id]
    elif spoil == "used_up":
        drops.drop(store, token, "198.51.100.2", reports=[("bilan.csv", SHEET)], pictures=[], at=AT)
    elif spoil == "altered":
        token = token[:-1] + ("A" if token[-1] != "A" else "B")
    elif spoil == "truncated":
        token = token[:-1]
    else:
        token = token.swapcase()
    before, used = counts(store), uses(store)
    assert links.check(store, token, "198.51.100.3", at=at).status == "invalid"
    with pytest.raises(drops.DropRefused) as refused:
        drops.drop(store, token, "198.51.100.3", reports=[("bilan.csv", SHEET)], pictures=[], at=at)
    assert str(refused.value) == drops.t("links.page.invalid")
    assert counts(store) == before and uses(store) == used


def test_random_tokens_ten_times_the_limit_get_nothing_and_are_rate_limited(two_partnerships):
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    tries = 10 * links.LIMITS["address_failed"]   # past the limit every try takes the same path: more add no case
    with store.hold():                    # one open file, as during a page's run: the checks are what is measured
        answers = [links.check(store, secrets.token_urlsafe(32), "203.0.113.9", at=AT + timedelta(milliseconds=i)).status
                   for i in range(tries)]
    assert set(answers) == {"invalid", "rate_limited"}
    assert answers[:links.LIMITS["address_failed"]] == ["invalid"] * links.LIMITS["address_failed"]
    assert set(answers[links.LIMITS["address_failed"]:]) == {"rate_limited"}
    # Even the right token is refused from that address until its window ends; another address is not affected.
    assert links.check(store, created.token, "203.0.113.9", at=AT + timedelta(seconds=5)).status == "rate_limited"
    assert links.check(store, created.token, "203.0.113.10", at=AT + timedelta(seconds=5)).ok
    later = AT + timedelta(seconds=links.WINDOW_S + 1)
    assert links.check(store, created.token, "203.0.113.9", at=later).ok
    assert counts(store)["link_drop"] == 0
    with store.read() as con:
        rows = queries.run(con, "link_throttle_count", {"scope": "address_failed", "key": "203.0.113.9",
                                                        "now": AT + timedelta(seconds=1), "window_s": links.WINDOW_S})
    assert int(rows.iloc[0, 0]) == links.LIMITS["address_failed"]
    with store.read() as con:
        flagged = con.execute("select actor, target from audit_event where action = 'link.rate_limited'").fetchall()
    assert flagged == [("lien de dépôt", "203.0.113.9")]          # once, with the address, for an admin to see
    with store.transaction() as con:                      # a new window starts once the old one has ended
        hits = queries.run(con, "link_throttle_hit", {"scope": "address_failed", "key": "203.0.113.9",
                                                      "now": later, "window_s": links.WINDOW_S})
    assert hits["hits"].tolist() == [1]


def test_requests_are_limited_per_link_from_many_addresses(two_partnerships, monkeypatch):
    store = two_partnerships
    monkeypatch.setitem(links.LIMITS, "link", 40)          # the rule, not the size of the window, is tested
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    with store.hold():
        answers = [links.check(store, created.token, f"10.0.{i // 200}.{i % 200}", at=AT).status
                   for i in range(links.LIMITS["link"] + 5)]
    assert answers.count("ok") == links.LIMITS["link"] and answers[-5:] == ["rate_limited"] * 5


def test_a_drop_waits_then_validation_loads_exactly_the_file_with_its_pictures(two_partnerships):
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    partnership = created.partnership_id
    expected_reports.add(store, partnership, what="Impressions et clics, photos", due_on=date(2026, 6, 25),
                         is_final=True)
    receipt = drops.drop(store, created.token, "198.51.100.4", reports=[("bilan juin.csv", SHEET)],
                         pictures=[("stand.png", picture("red"), "Le stand au forum"),
                                   ("ecran.png", picture("blue"), "L'écran d'accueil")], at=AT)
    assert receipt.lines == ["Nous avons lu 26\u202f850 impressions, 710 clics du 2 juin 2026 au 13 juin 2026 («\u202fbilan juin.csv\u202f»)."]
    assert counts(store) == {"link_drop": 1, "link_drop_file": 3, "metric_fact": 0, "asset": 0, "ingestion": 0}
    assert uses(store) == [1]
    pending = drops.listing(store, status="pending")
    assert pending["drop_id"].tolist() == [receipt.drop_id]
    [preview] = drops.previews(store, receipt.drop_id)
    assert preview.totals == {"impressions": 26850, "clicks": 710}
    assert expected_reports.due(store, date(2026, 6, 26))["state"].tolist() == ["late"]

    ingestions = drops.validate(store, receipt.drop_id, by="marie")
    campaign_id = review.campaign_id_by_name(store, "Été solidaire 2026")
    figures = review.report(store, campaign_id)
    assert {k: v for k, v in figures["totals"].items() if v} == {"impressions": 26850, "clicks": 710}
    with store.read() as con:
        sources = con.execute("select source, created_by from ingestion").fetchall()
        captions = sorted(r[0] for r in con.execute("select caption from asset").fetchall())
        trail = [r[0] for r in con.execute("select action from audit_event order by id").fetchall()]
    assert sources == [("partner_link", "marie")] and len(ingestions) == 1
    assert captions == ["L'écran d'accueil", "Le stand au forum"]
    assert {"link.create", "link.drop", "link.drop.validate"} <= set(trail)
    assert expected_reports.due(store, date(2026, 6, 26)).empty          # delivered: no longer late
    assert expected_reports.punctuality(store, date(2026, 6, 26))[["on_time", "late", "missing"]].values.tolist() == [[1, 0, 0]]
    with pytest.raises(drops.DropRefused):
        drops.validate(store, receipt.drop_id, by="marie")
    # A validation interrupted after its imports (the drop still pending) is retried without doubling anything.
    with store.transaction() as con:
        con.execute("update link_drop set status = 'pending'")
        con.execute("update expected_report set delivered_on = null")
    drops.validate(store, receipt.drop_id, by="marie")
    assert counts(store)["asset"] == 2 and {k: v for k, v in review.report(store, campaign_id)["totals"].items() if v} \
        == {"impressions": 26850, "clicks": 710}
    with store.read() as con:
        assert queries.run(con, "drop_picture_known", {"drop_id": receipt.drop_id,
                                                       "sha256": drops.files_of(store, receipt.drop_id)["sha256"][1]
                                                       }).iloc[0, 0] == 1


def test_a_refused_drop_keeps_its_reason_for_the_partner_and_loads_nothing(two_partnerships):
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    receipt = drops.drop(store, created.token, None, reports=[("bilan.csv", SHEET)], pictures=[], at=AT)
    with pytest.raises(drops.DropRefused):
        drops.refuse(store, receipt.drop_id, "  ", by="marie")
    drops.refuse(store, receipt.drop_id, "Il manque la semaine du 16 juin", by="marie")
    mine = drops.listing(store, link_id=created.link_id)
    assert mine[["status", "refusal_reason"]].values.tolist() == [["refused", "Il manque la semaine du 16 juin"]]
    assert counts(store)["metric_fact"] == 0 and counts(store)["ingestion"] == 0


def test_a_link_cannot_bring_figures_to_another_campaign_or_partner(two_partnerships):
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    other_campaign = ("Campagne;Date;Impressions\nRentrée 2026;02/06/2026;500\n").encode()
    other_partner = (b"Partenaire;Date;Impressions\nRadio Jeunes;02/06/2026;500\n")
    before = counts(store)
    for name, data in (("autre_campagne.csv", other_campaign), ("autre_partenaire.csv", other_partner)):
        with pytest.raises(drops.DropRefused) as refused:
            drops.drop(store, created.token, "198.51.100.5", reports=[(name, data)], pictures=[], at=AT)
        assert name in str(refused.value)
    assert counts(store) == before
    # The other partnerships' links, drops and expected reports are not in what this link reads.
    other = links.create(store, "Rentrée 2026/Radio Jeunes", expires_on=date(2026, 10, 31), today=AT.date())
    drops.drop(store, other.token, None, reports=[("bilan.csv", SHEET.replace(b"06/2026", b"09/2026"))], pictures=[],
               at=AT)
    assert drops.listing(store, link_id=created.link_id).empty


@pytest.mark.parametrize(("name", "data", "fragment"), [
    ("bilan.exe", b"MZ\x90\x00", "n'est pas un tableau accepté"),
    ("photo.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "photo.png"),
    ("photo.jpg", b"pas une image", "photo.jpg"),
])
def test_types_are_checked_by_name_and_content_and_nothing_is_written(two_partnerships, name, data, fragment):
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    picture_kind = name.endswith((".png", ".jpg"))
    with pytest.raises(drops.DropRefused) as refused:
        drops.drop(store, created.token, None, reports=[] if picture_kind else [(name, data)],
                   pictures=[(name, data, None)] if picture_kind else [], at=AT)
    assert fragment in str(refused.value)
    assert counts(store)["link_drop"] == 0 and uses(store) == [0]


def test_a_report_over_the_size_limit_is_refused(two_partnerships, monkeypatch):
    store = two_partnerships
    monkeypatch.setattr(drops, "MAX_REPORT_MB", 0.0001)
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    with pytest.raises(drops.DropRefused, match="dépasse"):
        drops.drop(store, created.token, None, reports=[("bilan.csv", SHEET)], pictures=[], at=AT)


def test_creating_a_link_refuses_a_past_date_and_an_unknown_partnership(two_partnerships):
    store = two_partnerships
    with pytest.raises(links.LinkInputError, match="CAMPAGNE/PARTENAIRE"):
        links.create(store, "Été solidaire 2026/Inconnu", expires_on=date(2026, 7, 31), today=AT.date())
    with pytest.raises(links.LinkInputError, match="passée"):
        links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 6, 1), today=AT.date())


def test_the_late_list_at_a_fixed_date(two_partnerships):
    store = two_partnerships
    campus = links.find_partnership(store, "Été solidaire 2026/Appli Campus+")[0]
    radio = links.find_partnership(store, "Rentrée 2026/Radio Jeunes")[0]
    radio_summer = links.find_partnership(store, "Été solidaire 2026/Radio Jeunes")[0]
    expected_reports.add(store, campus, what="Semaine 1", due_on=date(2026, 6, 10))            # late
    expected_reports.add(store, campus, what="Semaine 2", due_on=date(2026, 6, 17))            # delivered on time
    expected_reports.add(store, campus, what="Final", due_on=date(2026, 7, 15), is_final=True)  # not due yet
    expected_reports.add(store, radio, what="Semaine 1", due_on=date(2026, 7, 8))               # due in 6 days
    expected_reports.add(store, radio, what="Semaine 2", due_on=date(2026, 7, 9))               # due in 7 days: later
    with store.transaction() as con:
        con.execute("update expected_report set delivered_on = date '2026-06-16' where what = 'Semaine 2'"
                    " and partnership_id = $p", {"p": campus})
    due = expected_reports.due(store, date(2026, 7, 2))
    rows = due[["campaign", "partner", "what", "state", "days_late"]].astype(object).where(due.notna(), None)
    assert rows.values.tolist() == [
        ["Été solidaire 2026", "Appli Campus+", "Semaine 1", "late", 22],
        ["Rentrée 2026", "Radio Jeunes", "Semaine 1", "due_soon", None],
        ["Été solidaire 2026", "Radio Jeunes", None, "no_final", None],
    ]
    assert int(due.loc[due["state"] == "no_final", "partnership_id"].iloc[0]) == radio_summer
    punctual = expected_reports.punctuality(store, date(2026, 7, 2))
    assert punctual[["on_time", "late", "missing"]].values.tolist()[0] == [1, 0, 1]


def test_the_mail_names_the_partner_the_campaign_the_due_date_and_the_link():
    subject, body = expected_reports.mail("fr", partner="Appli Campus+", campaign="Été solidaire 2026",
                                          what="impressions et clics", due_on=date(2026, 7, 15),
                                          link="http://localhost:8501/?depot=abc")
    assert "Été solidaire 2026" in subject and "15 juillet 2026" in body and "depot=abc" in body
    eml = expected_reports.eml(subject, body, to="Campus — contact@campus.example").decode()
    assert "To: contact@campus.example" in eml and "X-Unsent: 1" in eml
    href = expected_reports.mailto(subject, body)
    assert href.startswith("mailto:?subject=") and "%20" in href and "\n" not in href
    subject_en, body_en = expected_reports.mail("en", partner="Campus", campaign="Summer", what=None, due_on=None,
                                                link="L", reminder=True)
    assert subject_en.startswith("Reminder") and "as soon as possible" in body_en


def test_every_links_query_runs_with_its_grain(two_partnerships):
    """Each query of issue 17 by name, on the store the tests above use: its rows and its columns."""
    store = two_partnerships
    created = links.create(store, "Été solidaire 2026/Appli Campus+", expires_on=date(2026, 7, 31), today=AT.date())
    expected_id = expected_reports.add(store, created.partnership_id, what="Final", due_on=date(2026, 7, 15))
    receipt = drops.drop(store, created.token, None, reports=[("bilan.csv", SHEET)],
                         pictures=[("a.png", picture("green"), "Vitrine")], at=AT)
    with store.read() as con:
        found = queries.run(con, "link_by_hash", {"token_sha256": links.token_hash(created.token)})
        assert found[["campaign", "partner", "uses"]].values.tolist() == [["Été solidaire 2026", "Appli Campus+", 1]]
        assert len(queries.run(con, "link_list", {"partnership_id": None})) == 1
        assert queries.run(con, "link_partnership", {"partnership_id": None, "campaign": "été solidaire 2026 ",
                                                     "partner": "APPLI CAMPUS+"})["partnership_id"].tolist() \
            == [created.partnership_id]
        files = queries.run(con, "drop_files", {"drop_id": receipt.drop_id})
        assert files[["position", "kind", "caption"]].astype(object).where(files.notna(), None).values.tolist() == [
            [0, "report", None], [1, "picture", "Vitrine"]]
        assert bytes(files["content"].iloc[0]) == SHEET
        listed = queries.run(con, "drop_list", {"partnership_id": created.partnership_id, "link_id": None,
                                                "status": "pending"})
        assert listed[["reports", "pictures"]].values.tolist() == [[1, 1]]
        assert queries.run(con, "expected_list", {"partnership_id": None})["expected_id"].tolist() == [expected_id]
        campaign_id = int(found["campaign_id"].iloc[0])
    # A partner's picture, even marked as a logo, is never the campaign's visual shown on a link's page.
    importing.add_picture(store, picture("white"), "logo.png", campaign="Été solidaire 2026", caption="Visuel")
    partner_logo = importing.add_picture(store, picture("black"), "p.png", campaign="Été solidaire 2026",
                                         partner="Radio Jeunes", caption="Logo de Radio Jeunes")
    with store.transaction() as con:
        con.execute("update asset set kind = 'logo'")
        visual = queries.run(con, "link_campaign_visual", {"campaign_id": campaign_id})
    assert visual["caption"].tolist() == ["Visuel"] and partner_logo
    with store.transaction() as con:
        assert queries.run(con, "link_use", {"link_id": created.link_id})["uses"].tolist() == [2]
        assert queries.run(con, "drop_decide", {"drop_id": receipt.drop_id, "status": "refused", "reason": "non",
                                                "by": "m", "now": AT, "ingestion_ids": None})["id"].tolist() \
            == [receipt.drop_id]
        assert queries.run(con, "drop_decide", {"drop_id": receipt.drop_id, "status": "validated", "reason": None,
                                                "by": "m", "now": AT, "ingestion_ids": None}).empty   # decided once
        assert queries.run(con, "expected_deliver", {"partnership_id": created.partnership_id,
                                                     "delivered_on": date(2026, 7, 1)})["id"].tolist() == [expected_id]
        assert queries.run(con, "link_revoke", {"link_id": None, "partnership_id": created.partnership_id, "now": AT,
                                                "by": "m"})["id"].tolist() == [created.link_id]
        new_id = queries.run(con, "link_insert", {"partnership_id": created.partnership_id, "token_sha256": "x" * 64,
                                                  "expires_on": date(2026, 8, 1), "max_uses": None,
                                                  "created_by": "m", "now": AT}).iloc[0, 0]
        drop_id = queries.run(con, "drop_insert", {"link_id": int(new_id), "partnership_id": created.partnership_id,
                                                   "now": AT, "client_address": None, "summary": None}).iloc[0, 0]
        queries.execute(con, "drop_file_insert", {"drop_id": int(drop_id), "position": 0, "kind": "report",
                                                  "file_name": "b.csv", "caption": None, "sha256": "0",
                                                  "content": b"x"})
        new_expected = queries.run(con, "expected_insert", {
            "partnership_id": created.partnership_id, "what": "Hebdo", "is_final": False, "period_start": None,
            "period_end": None, "due_on": date(2026, 6, 8), "created_by": "m"}).iloc[0, 0]
        queries.execute(con, "expected_delete", {"expected_id": int(new_expected)})
    assert expected_reports.of_partnership(store, created.partnership_id)["what"].tolist() == ["Final"]
    assert expected_reports.punctuality(store, date(2026, 8, 1), partner_id=None)[["on_time", "late", "missing"]] \
        .values.tolist() == [[1, 0, 0]]
    with store.read() as con:
        due = queries.run(con, "reports_due", {"today": date(2026, 7, 10), "horizon_days": 7, "ended_within_days": 5})
        punctual = queries.run(con, "partner_punctuality", {"today": date(2026, 8, 1), "partner_id": -1})
    assert due.empty and punctual.empty          # ended 10 days before: beyond 5 days; no partner -1
    # Delivered, so not late; but none was marked final: both partnerships of the ended campaign are chased.
    assert expected_reports.due(store, date(2026, 8, 1))[["campaign", "state"]].values.tolist() == [
        ["Été solidaire 2026", "no_final"], ["Été solidaire 2026", "no_final"]]
