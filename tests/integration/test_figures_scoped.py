"""The figures model read for one campaign or one partner (`of_campaign`, `of_partner`) equals the whole model filtered."""
from __future__ import annotations

import pytest

import queries

VIEWS = {grain: f"select * from figures_{grain} where campaign_id = $c"  # noqa: S608 - names from this dict only
         for grain in ("partnership_day", "partnership", "campaign")}


def _rows(con, sql: str, params: dict | None = None) -> list[tuple]:
    return sorted(con.execute(sql, params).fetchall(), key=repr)


@pytest.mark.parametrize("grain", ["partnership_day", "partnership", "campaign"])
def test_one_campaign_read_alone_equals_the_whole_model_filtered(demo_store, grain):
    with demo_store.read() as con:
        campaigns = [row[0] for row in con.execute("select id from campaign").fetchall()]
        assert len(campaigns) >= 3
        compared = 0
        for campaign in campaigns:
            whole = _rows(con, VIEWS[grain], {"c": campaign})
            alone = _rows(con, "select * from figures($g, null, null, null, of_campaign := $c)",
                          {"g": grain, "c": campaign})
            assert alone == whole, (grain, campaign)
            compared += len(whole)
        assert compared >= len(campaigns)


def test_one_partner_read_alone_equals_the_whole_model_filtered(demo_store):
    with demo_store.read() as con:
        partners = [row[0] for row in con.execute("select id from partner").fetchall()]
        for partner in partners:
            whole = _rows(con, "select * from figures_partner where partner_id = $p", {"p": partner})
            alone = _rows(con, "select * from figures('partner', null, null, null, of_partner := $p)", {"p": partner})
            assert alone == whole, partner


def test_the_review_queries_read_the_campaign_alone_and_agree_with_the_model(demo_store):
    with demo_store.read() as con:
        for (campaign,) in con.execute("select id from campaign").fetchall():
            totals = queries.run(con, "campaign_totals", {"campaign_id": campaign}).iloc[0]
            whole = con.execute("select clicks, spend_eur, cpc_eur from figures_campaign where campaign_id = $c",
                                {"c": campaign}).fetchall()
            partners = con.execute("select count(distinct partner_id) from figures_partnership "
                                   "where campaign_id = $c and partner_id is not null", {"c": campaign}).fetchone()[0]
            assert int(totals["partners_reporting"]) == partners
            if whole:
                for column, value in zip(("clicks", "spend_eur", "cpc_eur"), whole[0], strict=True):
                    found = totals[column]
                    assert (value is None and found != found) or found == pytest.approx(value), (campaign, column)
            table = queries.run(con, "campaign_partner_figures", {"campaign_id": campaign})
            expected = con.execute("select count(*) from (select partner_id from partnership where campaign_id = $c "
                                   "union select partner_id from figures_partnership where campaign_id = $c)",
                                   {"c": campaign}).fetchone()[0]
            assert len(table) == expected
