"""docs/metrics.md written from the figures model: one line per figure, in the same words as the tiles' help and the deck."""
from __future__ import annotations

from pathlib import Path

from resonance.domain.figures import ALL_FIGURES, KNOWN, PAID, PAIRED
from resonance.i18n import t

DOC = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"
POPULATIONS = {"all": "everything of the grain", PAIRED: "rows that report both sides", PAID: "partnerships (and days) whose spend is known",
               KNOWN: "partnerships that report the volume and give the denominator"}

HEADER = """# Figures: one definition each, everywhere

Written from `resonance/domain/figures.py` (regenerate with `python -m resonance.reports.definitions`); the SQL
that computes them is `figures(...)` in `resonance/store/definitions/110_figures.sql` (the amplification per
activation and per euro of counterpart: `amplification(...)` in `220_amplification.sql`), read by every query, page,
the deck, the annex, `report --json` and `compare --json`. The French and English definitions below are the very
words of the "?" help on each key-figure tile and of the deck's method slide.

- Ratios are computed from sums at the level shown (partnership × day, partnership, campaign, partner, period of
  the portfolio), numerator and denominator over the same population; never an average of rates.
- Cost ratios (CPC, CPM, cost per visit, per conversion) divide the spend of the partnerships (and days) whose spend
  is known by the volume of those same partnerships; the share of the volume they cover is given beside them
  ("sur les partenariats payants : 61 % des clics") and the free relays' volume is shown apart.
- A change of a rate is written in points ("−3,7 pt"), a change of anything else in % ("+51 %").
- Figures that do not add up (de-duplicated reach, coverage %, GRP, frequency) are kept as reported, with their
  period and source: never summed into a total, never checked against a sum.
- Every surface writes a figure with `resonance.figure_display()`: its unit always, its decimals below.
- PESO: each figure counts as paid, earned, shared or owned. At import and sync the kind is proposed from the
  source (`resonance/domain/peso.py`: a partner's file or channel → shared; an ad platform's export without a
  partner → paid; press → earned; the government's own analytics, site, newsletters → owned), shown as an editable
  choice on the Importer's preview and the source form, and remembered per source and per partner.
- Amplification across the portfolio (Comparer, the partner map): an activation is one item of the partnership
  sheet's "Activations" list; the euros of counterpart are the amounts in euros its "Counterparts" field writes,
  failing that the spend the partnership reported; unknown on either side gives "—", never zero nor infinity.

| figure | label | definition (fr) | definition (en) | numerator | denominator | population | unit | decimals | AMEC stage | adds up |
|---|---|---|---|---|---|---|---|---|---|---|
"""


def markdown() -> str:
    lines = [HEADER.rstrip("\n")]
    for key, spec in ALL_FIGURES.items():
        lines.append(" | ".join([
            f"| `{key}`", t(f"metric.{key}", "fr"), t(f"figure.define.{key}", "fr"), t(f"figure.define.{key}", "en"),
            f"`{spec.numerator}`" if spec.numerator else "", f"`{spec.denominator}`" if spec.denominator else "",
            POPULATIONS[spec.population] if spec.is_ratio else "", spec.unit + (f" ×{spec.factor:g}" if spec.factor != 1 else ""),
            str(spec.decimals), spec.amec, "yes" if spec.additive else "no"]) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    DOC.write_text(markdown(), encoding="utf-8")
