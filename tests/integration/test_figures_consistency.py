"""One figure, one meaning, everywhere: each figure of every campaign and partnership is equal in `report --json`,
`compare --json`, the review page (AppTest), the deck (text and chart data, python-pptx) and the annex (openpyxl),
on the demo store, on hand-made trap cases and on hypothesis-generated stores."""
from __future__ import annotations

import contextlib
import io
import json
import math
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from resonance.cli import main
from resonance.domain.figures import ALIASES, FIGURES, figure_display
from resonance.i18n import t
from resonance.ingest import load as ingest
from resonance.reports import annex
from resonance.reports import deck as review_deck
from resonance.services import review
from resonance.services.partnership import ensure_campaign, ensure_partner, ensure_partnership
from resonance.store import Store

APP = str(Path(__file__).resolve().parents[2] / "app.py")
LABELS = {t(f"metric.{key}", "fr"): key for key in FIGURES}       # what each surface calls a figure, back to its key


class Tally:
    """Counts the figures compared, and says which one differs and where."""

    def __init__(self):
        self.count = 0

    def same_number(self, where: str, key: str, expected, found) -> None:
        self.count += 1
        if expected is None:
            assert found is None or (isinstance(found, float) and math.isnan(found)), f"{where} {key}: {found!r} for none"
            return
        assert found is not None, f"{where} {key}: missing, {expected!r} expected"
        assert float(found) == pytest.approx(float(expected), rel=1e-9, abs=1e-9), f"{where} {key}: {found} ≠ {expected}"

    def same_text(self, where: str, key: str, expected_value, found: str) -> None:
        self.count += 1
        expected = figure_display(key, expected_value, "fr")
        assert found == expected, f"{where} {key}: {found!r} ≠ {expected!r}"


def _column(key: str) -> str:
    return ALIASES.get(key, key)


def _flat(section: dict) -> dict:
    """report --json's figures of one campaign or partner, by the figures model's column names."""
    out = {}
    for part in ("totals", "ratios", "costs", "resonance"):
        out.update({_column(k): v for k, v in (section.get(part) or {}).items()})
    for volume, kinds in (section.get("peso") or {}).items():
        out.update({f"{volume}_{kind}": v for kind, v in kinds.items()})
    return out


def _cli_json(argv: list[str]) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return json.loads(out.getvalue())


# -- the surfaces --------------------------------------------------------------------------------------------
def check_compare(tally: Tally, name: str, report: dict) -> None:
    """compare --json: the campaign as a whole and each of its partnerships, 2 to 6 at a time."""
    partners = [p["partner"] for p in report["partners"]]
    specs = [name, *(f"{name}/{p}" for p in partners)]
    groups = [specs[i:i + 6] for i in range(0, len(specs), 5)]
    expected = {name: _flat(report), **{f"{name}/{p['partner']}": _flat(p) for p in report["partners"]}}
    for group in groups:
        if len(group) < 2:
            group = [specs[0], *group] if group[0] != specs[0] else group
        if len(group) < 2:
            continue        # a campaign without partners is compared through the other campaigns
        result = _cli_json(["compare", "--json", *(a for spec in group for a in ("--partnership", spec))])
        for spec, unit in zip(group, result["units"], strict=True):
            for key, value in {**unit["volumes"], **unit["ratios"]}.items():
                tally.same_number(f"compare --json {spec}", key, expected[spec].get(key), value)


def check_page(tally: Tally, name: str, report: dict) -> None:
    """The review page: every tile, and every cell of the per-partner table."""
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page("pages/campaign_review.py")
    app.query_params["campagne"] = name
    app.run()
    assert not app.exception, app.exception
    expected = _flat(report)
    tiles: dict[str, list[str]] = {}
    exact_prefix = t("display.exact_value", "fr", value="")
    for metric in app.metric:
        # A count too long for a laptop's tile is shortened ("40,8 M"): its exact figure is then in the tile's help,
        # and that is the figure compared.
        help_text = metric.proto.help or ""
        exact = next((line[len(exact_prefix):] for line in help_text.split("\n") if line.startswith(exact_prefix)), None)
        tiles.setdefault(metric.label, []).append(exact if exact is not None else metric.value)
    for label, values in tiles.items():
        key = LABELS.get(label)
        if key is None:
            continue
        for value in values:
            tally.same_text(f"page {name}", key, expected.get(key), value)
    shown_keys = {LABELS.get(label) for label in tiles}
    for key in review.RATIO_COLUMNS:      # a ratio the model computes is on the page, one it cannot is not
        assert (key in shown_keys) == (expected.get(key) is not None), f"page {name}: tile {key}"
    # the per-partner table: a partner column, then figures only (not the reported reach or rates lists)
    tables = [d for d in app.dataframe if list(d.value.columns)[:1] == ["partner"]
              and set(d.value.columns[1:]) <= set(FIGURES) | {"channels"}]
    if report["partners"]:
        table = tables[0].value.set_index("partner")
        for partner in report["partners"]:
            figures = _flat(partner)
            for column in table.columns:
                if column in FIGURES:
                    tally.same_text(f"page {name}/{partner['partner']}", column, figures.get(column),
                                    table.loc[partner["partner"], column])


def check_deck(tally: Tally, store: Store, campaign_id: int, name: str, report: dict) -> None:
    """The deck: key figure cards, the ratios line, the partner table and the partner charts' data."""
    deck = Presentation(io.BytesIO(review_deck.build(store, campaign_id, lang="fr")))
    expected = _flat(report)
    partners = {p["partner"]: _flat(p) for p in report["partners"]}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.name.startswith("value ") and shape.has_text_frame:
                key = shape.name[len("value "):]
                tally.same_text(f"deck {name}", key, expected.get(key), shape.text_frame.text)
            elif shape.name == "ratios":
                for part in shape.text_frame.text.split("   ·   "):
                    label = next(lb for lb in sorted(LABELS, key=len, reverse=True) if part.startswith(lb + " "))
                    written = part[len(label) + 1:].split(" (")[0]
                    tally.same_text(f"deck ratios {name}", LABELS[label], expected.get(LABELS[label]), written)
            elif shape.name == "partner table":
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                keys = [LABELS.get(h) for h in rows[0]]
                for row in rows[1:]:
                    if row[0] not in partners:
                        continue          # the campaign's own media: in the totals, not a partner
                    for key, text in zip(keys[1:], row[1:], strict=True):
                        tally.same_text(f"deck table {name}/{row[0]}", key, partners[row[0]].get(key), text)
            elif shape.has_chart and shape.name.startswith("chart: ") and LABELS.get(shape.name[7:]) is not None:
                key = LABELS[shape.name[7:]]
                plot = shape.chart.plots[0]
                for category, value in zip(plot.categories, plot.series[0].values, strict=True):
                    if category in partners:
                        tally.same_number(f"deck chart {name}/{category}", key, partners[category].get(key), value)


def check_annex(tally: Tally, store: Store, campaign_id: int, name: str, report: dict) -> None:
    """The annex: the summary's values and texts, every figure of the partners' sheet."""
    book = load_workbook(io.BytesIO(annex.build(store, campaign_id, "fr")))
    expected = _flat(report)
    for label, value, written in list(book[t("annex.sheet.summary", "fr")].iter_rows(min_row=2, values_only=True)):
        key = LABELS.get(label)
        if key is not None:
            tally.same_number(f"annex {name}", key, expected.get(key), value)
            tally.same_text(f"annex text {name}", key, expected.get(key), written)
    partners = {p["partner"]: _flat(p) for p in report["partners"]}
    rows = list(book[t("annex.sheet.partners", "fr")].iter_rows(values_only=True))
    keys = [LABELS.get(h) for h in rows[0]]
    for row in rows[1:]:
        if row[0] not in partners:
            continue
        for key, value in zip(keys[1:], row[1:], strict=True):
            if key is not None:
                tally.same_number(f"annex {name}/{row[0]}", key, partners[row[0]].get(key), value)


def check_store(store: Store, only: set[str] | None = None) -> int:
    """Every campaign of the store (or those named) on every surface; returns the number of figures compared."""
    tally = Tally()
    for row in review.campaigns(store).to_dict("records"):
        if only is not None and row["name"] not in only:
            continue
        name, campaign_id = row["name"], int(row["campaign_id"])
        report = _cli_json(["report", "--campaign", name, "--json"])
        check_compare(tally, name, report)
        check_page(tally, name, report)
        check_deck(tally, store, campaign_id, name, report)
        check_annex(tally, store, campaign_id, name, report)
    return tally.count


# -- stores --------------------------------------------------------------------------------------------------
def _facts(campaign, partner, channel, days, peso="shared", **metrics) -> pd.DataFrame:
    rows = [{"campaign_id": campaign, "partner_id": partner, "channel": channel, "peso": peso, "platform": channel,
             "period_start": day, "period_end": day, "metric": metric, "value": float(value)}
            for metric, values in metrics.items() for day, value in zip(days, values, strict=True)]
    frame = pd.DataFrame(rows)
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame


def _spend(campaign, partner, channel, start, end, eur) -> pd.DataFrame:
    frame = pd.DataFrame([{"campaign_id": campaign, "partner_id": partner, "channel": channel, "peso": "paid",
                           "platform": channel, "period_start": start, "period_end": end, "metric": "spend",
                           "value": float(eur)}])
    frame["partner_id"] = frame["partner_id"].astype("Int64")
    return frame


def seed(store: Store, campaigns: list[dict]) -> None:
    """Campaigns of partners described as {name, channel, days, metrics: {metric: [values]}, spend}.

    One load per campaign (each load refreshes the campaign's rollups): the figures are the same as one per partner."""
    with store.transaction() as con:
        for spec in campaigns:
            start = spec["start"]
            end = start + timedelta(days=spec["length"] - 1)
            campaign = ensure_campaign(con, spec["name"], theme="Essai", start_date=start, end_date=end)
            frames = []
            for partner in spec["partners"]:
                partner_id = None if partner["name"] is None else ensure_partner(con, partner["name"])
                if partner_id is not None:
                    ensure_partnership(con, campaign, partner_id)
                days = [start + timedelta(days=d) for d in partner["days"]]
                if partner["metrics"]:
                    frames.append(_facts(campaign, partner_id, partner["channel"], days, **partner["metrics"]))
                if partner.get("spend") is not None:
                    frames.append(_spend(campaign, partner_id, partner["channel"], start, end, partner["spend"]))
            if frames:
                ingest.load(store, source="test", con=con, campaign_id=campaign, facts=pd.concat(frames, ignore_index=True))


@contextlib.contextmanager
def app_store():
    """A fresh store file that the app, the command line and the services all read (RESONANCE_DB)."""
    saved = {k: os.environ.get(k) for k in ("RESONANCE_DB", "RESONANCE_ASSETS", "RESONANCE_DEMO")}
    with tempfile.TemporaryDirectory() as folder:
        os.environ["RESONANCE_DEMO"] = "1"          # demo mode chosen, like `make run`: no account to sign in with
        os.environ["RESONANCE_DB"] = str(Path(folder) / "resonance.duckdb")
        os.environ["RESONANCE_ASSETS"] = str(Path(folder) / "assets")
        try:
            yield Store(Path(os.environ["RESONANCE_DB"]))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


# -- tests ---------------------------------------------------------------------------------------------------
@pytest.mark.slow     # every demo campaign on every surface (~11 s): make test; the fast loop checks one, below
def test_every_figure_of_the_demo_is_the_same_everywhere(demo_store):
    compared = check_store(demo_store)
    print(f"\nfigures compared on the demo store: {compared}")
    assert compared > 500


def test_every_figure_of_a_demo_campaign_is_the_same_everywhere(demo_store):
    """The demo's paid, free and own-media campaign on every surface (every campaign: the slow test above)."""
    compared = check_store(demo_store, only={"Jobs d'été 2026"})
    print(f"\nfigures compared on Jobs d'été 2026: {compared}")
    assert compared > 200
    jobs = _cli_json(["report", "--campaign", "Jobs d'été 2026", "--json"])
    # the paid population's cost per click, on the review and on Comparer alike (was 0,034 € against 0,42 €)
    assert figure_display("cpc_eur", jobs["ratios"]["cpc"]) == "0,42\u202f€"
    assert figure_display("paid_clicks_share", jobs["costs"]["paid_clicks_share"]) == "8\u202f%"


DAYS = [date(2025, 3, 3) + timedelta(days=d) for d in range(3)]


def _trap_campaigns() -> list[dict]:
    return [
        {"name": "Pièges CTR", "start": DAYS[0], "length": 3, "partners": [
            # a 1,000,000-impression partner beside a 100-impression one: CTR is (10,000 + 50) / 1,000,100
            {"name": "Géant", "channel": "social", "days": [0, 1], "metrics": {
                "impressions": [600_000, 400_000], "clicks": [6_000, 4_000]}},
            {"name": "Minuscule", "channel": "app", "days": [0, 1], "metrics": {
                "impressions": [60, 40], "clicks": [30, 20]}},
            # a partner without impressions: its clicks count, never in the CTR
            {"name": "Sans impressions", "channel": "email", "days": [0, 1], "metrics": {
                "sends": [1_000, 1_000], "unique_opens": [300, 200], "clicks": [500, 500]}},
        ]},
        {"name": "Pièges coûts", "start": DAYS[0], "length": 3, "partners": [
            # a free partner with huge clicks beside a paid one with few: the CPC is the paid one's
            {"name": "Relais gratuit", "channel": "app", "days": [0, 1, 2], "metrics": {
                "impressions": [2_000_000, 1_000_000, 500_000], "clicks": [200_000, 100_000, 50_000],
                "landing_visits": [150_000, 80_000, 40_000]}},
            {"name": "Régie payante", "channel": "display", "days": [0, 1, 2], "metrics": {
                "impressions": [100_000, 100_000, 100_000], "clicks": [1_000, 1_000, 500],
                "landing_visits": [800, 700, 400]}, "spend": 1_250},
            {"name": None, "channel": "email", "days": [0], "metrics": {"sends": [5_000], "delivered": [4_900],
                                                                         "unique_opens": [1_960]}},
        ]},
    ]


def test_trap_cases_are_the_same_everywhere_and_right():
    with app_store() as store:
        seed(store, _trap_campaigns())
        compared = check_store(store)
        print(f"\nfigures compared on the trap cases: {compared}")
        ctr = _cli_json(["report", "--campaign", "Pièges CTR", "--json"])
        assert ctr["ratios"]["ctr"] == pytest.approx(10_050 / 1_000_100)      # not the mean of 1 % and 50 %
        assert ctr["ratios"]["cpc"] is None                                    # nobody paid: no cost ratio
        assert {p["partner"]: p["ratios"]["ctr"] for p in ctr["partners"]}["Sans impressions"] is None
        costs = _cli_json(["report", "--campaign", "Pièges coûts", "--json"])
        assert costs["ratios"]["cpc"] == pytest.approx(1_250 / 2_500)          # not 1,250 / 352,500
        assert costs["ratios"]["cost_per_visit"] == pytest.approx(1_250 / 1_900)
        assert costs["costs"]["paid_clicks_share"] == pytest.approx(2_500 / 352_500)
        assert costs["costs"]["free_clicks"] == 350_000
        compare = _cli_json(["compare", "--json", "--partnership", "Pièges coûts", "--partnership", "Pièges CTR"])
        assert compare["units"][0]["ratios"]["cpc_eur"] == pytest.approx(0.5)
    assert compared > 100


# Hypothesis: free and paid partners mixed, missing spend, missing impressions, e-mail-only partners, own media.
_volume = st.integers(min_value=0, max_value=2_000_000)


@st.composite
def partner_specs(draw, index: int):
    kind = draw(st.sampled_from(["social", "email_only", "no_impressions", "own_media"]))
    days = sorted(draw(st.sets(st.integers(min_value=0, max_value=4), min_size=1, max_size=3)))
    n = len(days)

    def values(low=0, high=2_000_000):
        return draw(st.lists(st.integers(min_value=low, max_value=high), min_size=n, max_size=n))

    if kind == "email_only":
        sends = values(1, 50_000)
        metrics = {"sends": sends, "unique_opens": [s // 3 for s in sends], "email_clicks": [s // 20 for s in sends]}
        channel = "email"
    elif kind == "no_impressions":
        metrics = {"clicks": values(0, 50_000), "landing_visits": values(0, 40_000)}
        channel = "web"
    else:
        impressions = values(1, 2_000_000)
        metrics = {"impressions": impressions, "clicks": [i // draw(st.integers(2, 200)) for i in impressions]}
        if draw(st.booleans()):
            metrics["landing_visits"] = [c // 2 for c in metrics["clicks"]]
        channel = "social"
    spend = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=50_000)))
    return {"name": None if kind == "own_media" else f"Partenaire {index}", "channel": channel, "days": days,
            "metrics": metrics, "spend": spend}


@st.composite
def generated_campaigns(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    partners = [draw(partner_specs(i)) for i in range(count)]
    seen, unique = set(), []
    for partner in partners:            # one own-media block per campaign
        if partner["name"] is None and None in seen:
            continue
        seen.add(partner["name"])
        unique.append(partner)
    # a campaign shorter than the 5 days the partners report: days outside its dates
    return [{"name": "Campagne générée", "start": DAYS[0], "length": draw(st.integers(3, 5)), "partners": unique}]


@pytest.mark.slow     # fuzzing: generated stores, each read on every surface: the full run only
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(generated_campaigns())
def test_generated_stores_are_the_same_everywhere(campaigns):
    with app_store() as store:
        seed(store, campaigns)
        compared = check_store(store)
        print(f"\nfigures compared on a generated store: {compared}")
        assert compared > 0


# -- the portfolio's amplification (issue 15): the overview, Comparer and the partner map read the same model ------
def _page_table(path: str, column: str) -> pd.DataFrame:
    app = AppTest.from_file(APP, default_timeout=60)
    app.switch_page(path)
    app.run()
    assert not app.exception, app.exception
    return next(d.value for d in app.dataframe if column in d.value.columns)


def test_the_portfolio_s_amplification_is_the_same_everywhere(demo_store):
    import queries
    from resonance.domain.figures import AMPLIFICATION
    from resonance.services import actors, overview
    tally = Tally()
    # partner grain: a ratio of the partnership grain's sums over the partnerships that know both sides
    with demo_store.read() as con:
        per_partnership = con.execute("select * from amplification('partnership')").df()
    model = actors.amplification(demo_store)
    for row in model.to_dict("records"):
        own = per_partnership[per_partnership["partner_id"] == row["partner_id"]]
        for key, spec in AMPLIFICATION.items():
            if not spec.is_ratio:
                continue
            known = own[own[spec.numerator].notna() & own[spec.denominator].notna()]
            base = known[spec.denominator].sum()
            expected = known[spec.numerator].sum() / base if base else None     # no base: "—", not infinity
            tally.same_number(f"partner {row['partner']}", key, expected,
                              None if pd.isna(row[key]) else row[key])
    # Comparer and the partner map write the model's figures with the one formatter
    for path in ("pages/compare.py", "pages/partners.py"):
        table = _page_table(path, t("metric.impressions_per_activation", "fr")).set_index(t("metric.partner", "fr"))
        for row in model.to_dict("records"):
            for key in AMPLIFICATION:
                tally.same_text(f"{path} {row['partner']}", key, row[key], table.loc[row["partner"], t(f"metric.{key}", "fr")])
    # the overview's share per theme and year: the model's portfolio grain for that theme and year
    table = _page_table("pages/overview.py", "Thème")
    for row in overview.resonance_by_theme(demo_store).to_dict("records"):
        with demo_store.read() as con:
            expected = queries.run(con, "portfolio_resonance", {"start": date(row["year"], 1, 1),
                                                                "end": date(row["year"], 12, 31),
                                                                "theme": row["theme"]}).iloc[0]
        shown = table[(table["Année"] == str(row["year"])) & (table["Thème"] == row["theme"])].iloc[0]
        for key in ("partners_share_impressions", "partners_share_clicks"):
            tally.same_number(f"{row['year']} {row['theme']}", key, expected[key], row[key])
            tally.same_text(f"overview {row['year']} {row['theme']}", key, expected[key], shown[t(f"metric.{key}", "fr")])
    print(f"\namplification figures compared on the demo store: {tally.count}")
    assert tally.count > 150
