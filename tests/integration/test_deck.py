"""The review deck opened with python-pptx: sections, native charts equal to the store, pictures, no clipped text, the summary."""
from __future__ import annotations

import hashlib
import io
import re
from datetime import date

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Emu

from resonance import i18n
from resonance.cli import main
from resonance.demo import sample_deck as sample
from resonance.reports import deck as review_deck
from resonance.services import review
from resonance.store import Store

MATCH = "Match avec ton futur"
SIXTEEN_NINE = (Emu(12192000), Emu(6858000))
SECTION_KICKERS = {
    "fr": ["SYNTHÈSE", "CHIFFRES CLÉS", "LA RÉSONANCE", "PAR PARTENAIRE", "DANS LE TEMPS", "RETOMBÉES PRESSE",
           "LE DÉPLOIEMENT EN IMAGES", "LE PARTENARIAT", "ENSEIGNEMENTS", "MÉTHODE ET SOURCES"],
    "en": ["SUMMARY", "KEY FIGURES", "THE RESONANCE", "PER PARTNER", "OVER TIME", "PRESS COVERAGE", "THE DEPLOYMENT IN PICTURES",
           "THE PARTNERSHIP", "LESSONS", "METHOD AND SOURCES"],
}
METRIC_LABELS = {"fr": {"Impressions": "impressions", "Clics": "clicks", "Visites du site": "landing_visits",
                        "Envois": "sends", "Ouvertures uniques": "unique_opens", "Vues de vidéo": "video_views"},
                 "en": {"Impressions": "impressions", "Clicks": "clicks", "Landing visits": "landing_visits",
                        "Sends": "sends", "Unique opens": "unique_opens", "Video views": "video_views"}}
OWN_MEDIA = {"fr": "Moyens propres de la campagne", "en": "The campaign's own media"}


@pytest.fixture(autouse=True)
def _french_again():
    """`--lang en` on the command line sets the language for the rest of the thread: put French back."""
    yield
    i18n.set_language("fr")


def campaign_of(store: Store, name: str) -> int:
    found = review.campaign_id_by_name(store, name)
    assert found is not None
    return found


def deck_of(store: Store, campaign: int, lang: str = "fr", **options) -> Presentation:
    return Presentation(io.BytesIO(review_deck.build(store, campaign, lang=lang, **options)))


def texts_of(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def shape_named(slide, name: str):
    return next((shape for shape in slide.shapes if shape.name == name), None)


def kicker(slide) -> str | None:
    shape = shape_named(slide, "kicker")
    return shape.text_frame.text if shape is not None else None


def _crowded(store) -> tuple[Store, int]:
    """Twelve partners, several with very long names, 45 days, seven pictures of every shape."""
    return store, sample.seed(store, "Douze partenaires aux noms longs", partners=12, days=45, pictures=7)


@pytest.fixture
def crowded(seed_once):
    """Seeded once per worker, a copy of the seeded file for each test (tests/conftest.py)."""
    return seed_once(_crowded)


# -- the store's own sums, read independently of the deck's queries -----------------------------------------------
def partner_sums(store: Store, campaign: int, metric: str) -> dict[str | None, float]:
    with store.read() as con:
        rows = con.execute(
            "select p.name, sum(f.value) from metric_fact f left join partner p on p.id = f.partner_id"
            " where f.campaign_id = ? and f.metric = ? group by p.name", [campaign, metric]).fetchall()
    return {name: value for name, value in rows}


def period_sums(store: Store, campaign: int, metric: str, grain: str) -> list[float]:
    with store.read() as con:
        rows = con.execute(
            f"select date_trunc('{grain}', period_start) as d, sum(value) from metric_fact"   # noqa: S608 - constant grain
            " where campaign_id = ? and metric = ? group by d order by d", [campaign, metric]).fetchall()
    return [value for _, value in rows]


# -- estimating text the way a reader's screen would ----------------------------------------------------------------
CHAR_EM = 0.52          # Arial / Liberation Sans average advance on French text
LINE = 1.2


def needed_height_pt(paragraphs: list[tuple[str, float, bool]], width_pt: float) -> float:
    total = 0.0
    for text, size, bold in paragraphs:
        per_line = max(int(width_pt / (size * (CHAR_EM + (0.05 if bold else 0)))), 1)
        lines, current = 1, 0
        for word in text.split(" "):
            if current and current + 1 + len(word) > per_line:
                lines, current = lines + 1, 0
            if current == 0:
                lines += max(len(word) - 1, 0) // per_line
                current = len(word) % per_line or min(len(word), per_line)
            else:
                current += 1 + len(word)
        total += lines * size * LINE
    return total


def paragraphs_of(frame) -> list[tuple[str, float, bool]]:
    found = []
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        if not runs:
            continue
        size = max(run.font.size.pt for run in runs if run.font.size is not None)
        found.append(("".join(run.text for run in runs), size, bool(runs[0].font.bold)))
    return found


def overflowing(deck: Presentation) -> list[str]:
    problems = []
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > width + 1 or shape.top + shape.height > height + 1:
                problems.append(f"slide {number}: {shape.name} goes past the edge of the slide")
            if shape.has_text_frame and shape.text_frame.text.strip():
                frame = shape.text_frame
                inner_w = Emu(shape.width - frame.margin_left - frame.margin_right).pt
                inner_h = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
                needed = needed_height_pt(paragraphs_of(frame), inner_w)
                if needed > inner_h + 0.5:
                    problems.append(f"slide {number}: {shape.name!r} needs {needed:.0f} pt, has {inner_h:.0f} pt: "
                                    f"{frame.text[:60]!r}")
            if shape.has_table:
                table = shape.table
                for row in table.rows:
                    for column, cell in zip(table.columns, row.cells, strict=True):
                        inner_w = Emu(column.width - cell.margin_left - cell.margin_right).pt
                        inner_h = Emu(row.height - cell.margin_top - cell.margin_bottom).pt
                        needed = needed_height_pt(paragraphs_of(cell.text_frame), inner_w)
                        if needed > inner_h + 0.5:
                            problems.append(f"slide {number}: a cell of {shape.name!r} needs {needed:.0f} pt, "
                                            f"has {inner_h:.0f} pt: {cell.text[:60]!r}")
                total = sum(row.height for row in table.rows)
                if shape.top + total > height - Emu(914400 * 0.4):
                    problems.append(f"slide {number}: table {shape.name!r} runs into the footer")
    return problems


# -- the tests ------------------------------------------------------------------------------------------------------------
def test_the_demo_deck_is_16_9_with_the_ten_sections_in_order(demo_store):
    deck = deck_of(demo_store, campaign_of(demo_store, MATCH))
    assert (deck.slide_width, deck.slide_height) == SIXTEEN_NINE
    cover = deck.slides[0]
    assert "Match avec ton futur" in texts_of(cover) and "Tinder" in texts_of(cover)
    assert "Du 12 mai 2025 au 15 juin 2025" in texts_of(cover)
    assert any(text.startswith("Document généré le ") for text in texts_of(cover))
    kickers = [kicker(slide) for slide in list(deck.slides)[1:]]
    assert list(dict.fromkeys(kickers)) == SECTION_KICKERS["fr"]
    assert kickers.count("LE DÉPLOIEMENT EN IMAGES") == 2          # 5 pictures, three per slide


def test_sections_can_be_left_out(demo_store):
    deck = deck_of(demo_store, campaign_of(demo_store, MATCH), sections=["summary", "press"])
    assert [kicker(slide) for slide in deck.slides] == ["BILAN DE CAMPAGNE", "SYNTHÈSE", "RETOMBÉES PRESSE"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_chart_is_native_and_equals_the_store(demo_store, lang):
    campaign = campaign_of(demo_store, MATCH)
    deck = deck_of(demo_store, campaign, lang)
    checked = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.has_chart:
                continue
            chart = shape.chart
            categories = list(chart.plots[0].categories)
            for series in chart.plots[0].series:
                metric = METRIC_LABELS[lang][series.name]
                values = list(series.values)
                if chart.chart_type.name.startswith("BAR"):
                    stored = partner_sums(demo_store, campaign, metric)
                    shown = {None if c == OWN_MEDIA[lang] else c: v for c, v in zip(categories, values, strict=True)}
                    assert shown == {k: v for k, v in stored.items() if k in shown}, metric
                    assert set(shown) == set(stored), metric        # every partner that reported it, and no other
                else:
                    assert values == period_sums(demo_store, campaign, metric, "day"), metric
                    assert len(categories) == 35                    # 12 May → 15 June, day by day
                checked += 1
    assert checked == 5       # impressions, clicks, visits per partner; impressions and clicks over time


def test_a_year_long_campaign_is_drawn_week_by_week_and_its_lines_equal_the_store(store):
    campaign = sample.seed(store, "Une année", partners=3, days=365, pictures=0, press=10, start=date(2025, 1, 6))
    deck = deck_of(store, campaign)
    lines = [shape.chart for slide in deck.slides for shape in slide.shapes
             if shape.has_chart and shape.chart.chart_type.name.startswith("LINE")]
    assert lines
    for chart in lines:
        series = chart.plots[0].series[0]
        assert list(series.values) == period_sums(store, campaign, METRIC_LABELS["fr"][series.name], "week")
        assert len(list(chart.plots[0].categories)) == 53


def test_every_picture_is_in_the_gallery_undistorted_with_its_caption(demo_store):
    campaign = campaign_of(demo_store, MATCH)
    deck = deck_of(demo_store, campaign)
    pictures = review.campaign_review(demo_store, campaign).assets
    assert len(pictures) == 5
    per_slide = []
    for row in pictures.itertuples():
        slide = next(s for s in deck.slides if shape_named(s, f"picture {row.asset_id}") is not None)
        picture = shape_named(slide, f"picture {row.asset_id}")
        assert hashlib.sha256(picture.image.blob).hexdigest() == row.sha256
        assert shape_named(slide, f"caption {row.asset_id}").text_frame.text == row.caption
        shown_ratio = (row.width * (1 - picture.crop_left - picture.crop_right)) / \
                      (row.height * (1 - picture.crop_top - picture.crop_bottom))
        assert shown_ratio == pytest.approx(picture.width / picture.height, rel=0.01), row.caption
        per_slide.append(id(slide))
    assert max(per_slide.count(s) for s in per_slide) == 3             # several per slide
    # the picture of the Tinder card sits above the figure it illustrates
    card = pictures[pictures["caption"] == "La carte de la campagne dans le fil de Tinder"].iloc[0]
    slide = next(s for s in deck.slides if shape_named(s, f"picture {card.asset_id}") is not None)
    assert shape_named(slide, f"figure {card.asset_id}").text_frame.text == "Impressions : 2\u202f104\u202f350"


def test_pictures_of_every_shape_keep_their_aspect_ratio(crowded):
    store, campaign = crowded
    deck = deck_of(store, campaign)
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.name.startswith("picture ")]
    assert len(pictures) == 7
    for picture in pictures:
        width, height = picture.image.size
        shown = (width * (1 - picture.crop_left - picture.crop_right)) / (height * (1 - picture.crop_top - picture.crop_bottom))
        assert shown == pytest.approx(picture.width / picture.height, rel=0.01)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_text_overflows_in_the_demo_deck(demo_store, lang):
    deck = deck_of(demo_store, campaign_of(demo_store, MATCH), lang)
    assert overflowing(deck) == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_twelve_partners_with_long_names_still_fit(crowded, lang):
    store, campaign = crowded
    deck = deck_of(store, campaign, lang)
    assert overflowing(deck) == []
    names = [sample.partner_name(i) for i in range(12)]
    tables = " ".join(cell.text for slide in deck.slides for shape in slide.shapes if shape.has_table
                      for row in shape.table.rows for cell in row.cells)
    assert all(name in tables for name in names)           # every long name written whole, not clipped
    bars = [shape.chart for slide in deck.slides for shape in slide.shapes
            if shape.has_chart and shape.chart.chart_type.name.startswith("BAR")]
    for chart in bars:
        metric = METRIC_LABELS[lang][chart.plots[0].series[0].name]
        stored = partner_sums(store, campaign, metric)
        assert dict(zip(chart.plots[0].categories, chart.plots[0].series[0].values, strict=True)) == stored


def test_every_shape_stays_on_the_slide_with_a_huge_free_text(demo_store):
    campaign = campaign_of(demo_store, MATCH)
    review_deck.save_texts(demo_store, campaign, "Une synthèse très longue. " * 80, "\n".join(["Un enseignement."] * 60))
    deck = deck_of(demo_store, campaign)
    assert overflowing(deck) == []
    summary = shape_named(deck.slides[1], "summary").text_frame.text
    assert summary.endswith("…")                            # shortened, visibly, rather than clipped


def said(text: str) -> list[str]:
    return re.findall(r"\d[\d\u202f ,.]*\d|\d", text)


def test_the_summary_in_words_quotes_the_store_figures(demo_store):
    campaign = campaign_of(demo_store, MATCH)
    with demo_store.read() as con:
        impressions, clicks = con.execute(
            "select sum(value) filter (where metric = 'impressions'), sum(value) filter (where metric = 'clicks')"
            " from metric_fact where campaign_id = ?", [campaign]).fetchone()
        articles = con.execute("select count(*) from press_mention where campaign_id = ?", [campaign]).fetchone()[0]
        # the comparable partnerships: same channel (app), in campaigns that started before this one
        past = [row[0] for row in con.execute(
            "select sum(f.value) from partnership p join campaign c on c.id = p.campaign_id"
            " join metric_fact f on f.campaign_id = p.campaign_id and f.partner_id = p.partner_id and f.metric = 'clicks'"
            " where p.channel = 'app' and c.start_date < date '2025-05-12' group by p.id").fetchall()]
    past.sort()
    median = past[len(past) // 2] if len(past) % 2 else (past[len(past) // 2 - 1] + past[len(past) // 2]) / 2
    text = review_deck.editable_texts(demo_store, campaign, "fr")["summary_generated"]
    assert f"{impressions / 1e6:.1f}".replace(".", ",") + " millions d'impressions" in text
    assert f"{round(clicks, -3):,.0f}".replace(",", "\u202f") + " clics" in text
    assert f"(taux de clic {round(100 * clicks / impressions)}\u202f%)" in text
    assert f"{clicks / median:.1f}".replace(".", ",") + " fois les clics médians" in text
    assert f"({len(past)} partenariats passés, canal application)" in text
    assert f"{articles} articles de presse" in text
    assert "objectifs atteints : 4 sur 4" in text
    english = review_deck.editable_texts(demo_store, campaign, "en")["summary_generated"]
    assert f"{impressions / 1e6:.1f} million impressions and {round(clicks, -3):,.0f} clicks" in english
    assert f"{clicks / median:.1f} times the median clicks" in english
    deck = deck_of(demo_store, campaign)
    assert shape_named(deck.slides[1], "summary").text_frame.text == text


def test_the_managers_summary_and_lessons_replace_the_generated_ones(demo_store):
    campaign = campaign_of(demo_store, MATCH)
    review_deck.save_texts(demo_store, campaign, "Un succès d'audience, à renouveler.",
                           "Renouveler avec Tinder en 2026\n- Ajouter une application étudiante")
    deck = deck_of(demo_store, campaign)
    assert shape_named(deck.slides[1], "summary").text_frame.text == "Un succès d'audience, à renouveler."
    lessons = next(s for s in deck.slides if kicker(s) == "ENSEIGNEMENTS")
    assert shape_named(lessons, "lessons").text_frame.text == \
        "– Renouveler avec Tinder en 2026\n– Ajouter une application étudiante"
    review_deck.save_texts(demo_store, campaign, "  ", "")          # emptied: written from the figures again
    texts = review_deck.editable_texts(demo_store, campaign, "fr")
    assert texts["summary_saved"] is None and texts["lessons"] is None
    deck = deck_of(demo_store, campaign)
    assert shape_named(deck.slides[1], "summary").text_frame.text.startswith("La campagne a généré")


def test_method_slide_lists_every_load_with_its_rejected_rows(crowded):
    store, campaign = crowded
    deck = deck_of(store, campaign)
    method = [s for s in deck.slides if kicker(s) == "MÉTHODE ET SOURCES"]
    rows = [[cell.text for cell in row.cells] for slide in method for shape in slide.shapes if shape.has_table
            for row in list(shape.table.rows)[1:]]
    files = {row[1]: row for row in rows}
    assert set(files) == {f"rapport-partenaire-{i}.csv" for i in range(1, 13)} | {"revue-de-presse.csv"}
    assert files["rapport-partenaire-4.csv"][5] == "3"              # rows_rejected = index % 4
    assert files["revue-de-presse.csv"][4] == "120"                 # the press articles it brought
    # the figures model's definition, word for word as in the review's "?" help and docs/metrics.md
    assert any("Taux de clic — clics ÷ impressions, sur les seules lignes qui donnent les deux." in text
               for s in method for text in texts_of(s))


def test_a_campaign_without_figures_still_makes_a_presentable_deck(store):
    with store.transaction() as con:
        con.execute("insert into campaign (name, theme) values ('Campagne vide', 'Essai')")
    deck = deck_of(store, campaign_of(store, "Campagne vide"))
    assert len(deck.slides) >= 10 and overflowing(deck) == []
    assert "Aucun chiffre n'a encore été chargé pour cette campagne." in texts_of(deck.slides[1])


def test_command_line_deck_and_export(demo_store, tmp_path, capsys):
    target = tmp_path / "sortie" / "bilan.pptx"
    assert main(["deck", "--campaign", "match avec ton futur", "-o", str(target), "--lang", "en"]) == 0
    deck = Presentation(str(target))
    assert kicker(deck.slides[1]) == "SUMMARY"
    assert f"({len(deck.slides)} slides)" in capsys.readouterr().out
    i18n.set_language("fr")                     # as a new process would start
    assert main(["deck", "--campaign", "Match avec ton futur", "-o", str(tmp_path / "court.pptx"),
                 "--sections", "summary,gallery"]) == 0
    assert [kicker(s) for s in Presentation(str(tmp_path / "court.pptx")).slides] == \
        ["BILAN DE CAMPAGNE", "SYNTHÈSE", "LE DÉPLOIEMENT EN IMAGES", "LE DÉPLOIEMENT EN IMAGES"]
    assert main(["export", "--campaign", "Match avec ton futur", "-o", str(tmp_path / "annexe.xlsx")]) == 0
    assert (tmp_path / "annexe.xlsx").stat().st_size > 10_000


def test_command_line_says_which_campaigns_exist_and_writes_nothing(demo_store, tmp_path, capsys):
    target = tmp_path / "bilan.pptx"
    assert main(["deck", "--campaign", "Match avec ton passé", "-o", str(target)]) == 2
    error = capsys.readouterr().err
    assert "Aucune campagne nommée «\u202fMatch avec ton passé\u202f»" in error and "«\u202fMatch avec ton futur\u202f»" in error
    assert main(["deck", "--campaign", MATCH, "-o", str(target), "--sections", "summary,galerie"]) == 2
    assert "Sections inconnues : galerie" in capsys.readouterr().err
    assert not target.exists()


# -- the deck's own queries, on the demo store (given rows → expected rows) ------------------------------------------
def test_deck_queries_on_the_demo_store(demo_store):
    import queries
    campaign = campaign_of(demo_store, MATCH)
    params = {"campaign_id": campaign}
    with demo_store.read() as con:
        partnerships = queries.run(con, "deck_partnerships", params)
        sources = queries.run(con, "deck_sources", params)
        comparable = queries.run(con, "deck_comparable", params)
        facts = queries.run(con, "deck_annex_facts", params)
        stored = con.execute("select count(*), sum(value) from metric_fact where campaign_id = ?", [campaign]).fetchone()
    assert partnerships[["partner", "role", "channel", "step"]].values.tolist() == [["Tinder", "relay", "app", 6]]
    tinder = partnerships.iloc[0]
    assert bool(tinder["sig_informed"]) and not bool(tinder["supervisor_informed"])
    assert tinder["next_date"] == pd.Timestamp("2026-12-15") and tinder["next_step"] == "Proposer un format rentrée étudiante"
    assert len(sources) == 3 and sources["press_loaded"].tolist().count(213) == 1
    # comparable: app partnerships that started before 12 May 2025 — Livr'Eat 2024 (111 100 clicks),
    # CovoitEnsemble 2023 (24 100) and 2024 (33 900): median 33 900
    assert comparable[["partner", "clicks", "comparable_clicks_count", "median_clicks"]].values.tolist() == \
        [["Tinder", 294_870, 3, 33_900]]
    assert (len(facts), facts["value"].sum()) == (stored[0], stored[1])
    assert facts["period_start"].is_monotonic_increasing


def test_deck_save_texts_touches_only_its_campaign(demo_store):
    import queries
    campaign = campaign_of(demo_store, MATCH)
    with demo_store.transaction() as con:
        queries.execute(con, "deck_save_texts", {"campaign_id": campaign, "summary_text": "Bilan.", "lessons": None})
    with demo_store.read() as con:
        rows = con.execute("select id, summary_text, lessons from campaign where summary_text is not null").fetchall()
    assert rows == [(campaign, "Bilan.", None)]
