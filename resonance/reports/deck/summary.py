"""The review's summary in words, written from the figures ("2,1 millions d'impressions et 295 000 clics…")."""
from __future__ import annotations

from dataclasses import dataclass, field

from resonance import formatting as fmt
from resonance.i18n import t
from resonance.reports.deck.content import DeckContent

# Below this many comparable past partnerships a median says nothing: the comparison is left out.
MIN_COMPARABLE = 2


@dataclass
class Summary:
    text: str
    quoted: dict[str, float] = field(default_factory=dict)     # the exact figures behind each number in the text


def words_number(value: float, lang: str) -> str:
    """A count as said aloud: 2 104 350 → "2,1 millions"; 294 870 → "295 000"; 213 → "213"."""
    value = float(value)
    for threshold, key in ((1e9, "deck.words.billion"), (1e6, "deck.words.million")):
        if abs(value) >= threshold:
            scaled = round(value / threshold, 1)
            return t(key, lang, count=int(scaled), value=fmt.number(scaled, lang, 0 if scaled == int(scaled) else 1))
    if abs(value) >= 10_000:
        digits = len(str(int(abs(value)))) - 3
        return fmt.number(round(value, -digits), lang)
    return fmt.number(value, lang)


def words_percent(value: float, lang: str) -> str:
    return fmt.percent(value, lang, 0 if value >= 0.1 else 1)


def _quantity(value: float, noun: str, lang: str) -> str:
    """French says "2,1 millions d'impressions" but "295 000 impressions"."""
    said = words_number(value, lang)
    if lang == "fr" and (said.endswith("millions") or said.endswith("million") or said.endswith("milliard")
                         or said.endswith("milliards")):
        return f"{said} d'{noun}" if noun[0] in "aeiouyéèh" else f"{said} de {noun}"
    return f"{said} {noun}"


def _comparison(content: DeckContent, lang: str) -> tuple[str, dict] | None:
    """The leading partnership against the median of past partnerships on the same channel."""
    for metric in ("clicks", "impressions"):
        rows = content.comparable[content.comparable[metric].notna()]
        if rows.empty:
            continue
        lead = rows.sort_values(metric, ascending=False).iloc[0]
        count, median = int(lead[f"comparable_{metric}_count"]), lead[f"median_{metric}"]
        if count < MIN_COMPARABLE or fmt.is_missing(median) or median <= 0:
            return None
        multiple = float(lead[metric]) / float(median)
        text = t(f"deck.summary.compare.{metric}", lang, partner=lead["partner"],
                 multiple=fmt.number(multiple, lang, 1), count=count,
                 channel=t(f"deck.channel.{lead['channel']}", lang) if lead["channel"] else "—")
        return text, {"multiple": multiple, "comparable_count": count, f"median_{metric}": float(median)}
    return None


def generate(content: DeckContent, lang: str) -> Summary:
    totals = content.bilan.totals
    quoted: dict[str, float] = {}
    sentences = []

    reach_parts = []
    if totals.get("impressions"):
        quoted["impressions"] = float(totals["impressions"])
        reach_parts.append(_quantity(totals["impressions"], t("deck.noun.impressions", lang), lang))
    elif totals.get("sends"):
        quoted["sends"] = float(totals["sends"])
        reach_parts.append(_quantity(totals["sends"], t("deck.noun.sends", lang), lang))
    if totals.get("clicks"):
        quoted["clicks"] = float(totals["clicks"])
        clicks = _quantity(totals["clicks"], t("deck.noun.clicks", lang), lang)
        if totals.get("ctr") is not None:
            quoted["ctr"] = float(totals["ctr"])
            clicks += " " + t("deck.summary.ctr", lang, ctr=words_percent(totals["ctr"], lang))
        reach_parts.append(clicks)
    if reach_parts:
        joined = t("deck.summary.and", lang).join(reach_parts)
        sentences.append(t("deck.summary.generated", lang, figures=joined))

    compared = _comparison(content, lang)
    if compared:
        sentences.append(compared[0])
        quoted.update(compared[1])

    tail = []
    press = int(totals.get("press_mentions") or 0)
    if press:
        quoted["press_mentions"] = press
        tail.append(t("deck.summary.press", lang, count=fmt.number(press, lang), s="s" if press > 1 else ""))
    if totals.get("landing_visits"):
        quoted["landing_visits"] = float(totals["landing_visits"])
        tail.append(_quantity(totals["landing_visits"], t("deck.noun.landing_visits", lang), lang))
    targets = [f for figures in content.amec.values() for f in figures if f.target]
    if targets:
        met = sum(1 for f in targets if f.progress is not None and f.progress >= 1)
        quoted["targets_met"], quoted["targets"] = met, len(targets)
        tail.append(t("deck.summary.targets", lang, met=met, total=len(targets)))
    if tail:
        text = "; ".join(tail) if lang == "en" else " ; ".join(tail)
        sentences.append(text[0].upper() + text[1:] + ".")
    if not sentences:
        return Summary(t("deck.summary.no_figures", lang))
    return Summary(" ".join(sentences), quoted)


def summary_for(content: DeckContent, lang: str) -> str:
    """The manager's own summary when one was saved, else the one written from the figures."""
    saved = content.bilan.detail.get("summary_text")
    return saved.strip() if isinstance(saved, str) and saved.strip() else generate(content, lang).text
