"""Rewrite the catalogues' quotation marks in place: « nom » with narrow no-break spaces in French, “name” in English.

Run after merging catalogue entries written the old way (`python scripts/quote_marks.py`); line by line, so the
files keep their layout. What a user types (`--map "Header=role"`, `format = "csv"`) keeps its straight quotes.
A pair split over two lines of one entry is left as is: tests/unit/test_words.py names it, to be fixed by hand.
"""
from __future__ import annotations

import re
from pathlib import Path

NNBSP = "\u202f"
LOCALE = Path(__file__).resolve().parents[1] / "resonance" / "i18n" / "locale"
TYPED = re.compile(r'((--[a-z-]+|{flag}) |= |\[|, |^)\\"[^"\\]*\\"( (ou|or) \\"[^"\\]*\\")?')
SINGLE = re.compile(r"(?<![\w’])'((?:[^'\n]|(?<=\w)'(?=\w))+?)'(?!\w)")      # 'name', not partner's
STRING = re.compile(r'^(msgstr(?:\[\d\])? |)"(.*)"$')


def _keeping_typed(text: str, change) -> str:
    kept: list[str] = []

    def keep(match):
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = change(TYPED.sub(keep, text))
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text)


def french(text: str) -> str:
    def change(text):
        text = re.sub(r'\\"([^"\\]+)\\"', lambda m: f"«{m.group(1)}»", text)
        text = re.sub(r"“([^”]+)”", lambda m: f"«{m.group(1)}»", text)
        text = re.sub(r"«[ \u00a0\u202f]*", "«" + NNBSP, text)
        return re.sub(r"[ \u00a0\u202f]*»", NNBSP + "»", text)
    return _keeping_typed(text, change)


def english(text: str) -> str:
    def change(text):
        text = SINGLE.sub(lambda m: f"“{m.group(1)}”", text)
        text = re.sub(r'\\"([^"\\]+)\\"', lambda m: f"“{m.group(1)}”", text)
        return re.sub(r"«[ \u00a0\u202f]*([^»]*?)[ \u00a0\u202f]*»", lambda m: f"“{m.group(1)}”", text)
    return _keeping_typed(text, change)


def rewrite(po: Path) -> None:
    lang = po.parts[-3]
    lines, in_text, header = [], False, False
    for line in po.read_text(encoding="utf-8").split("\n"):
        if line.startswith("msgid "):
            in_text, header = False, line == 'msgid ""'
        elif line.startswith("msgstr"):
            in_text = not header
        elif line.startswith("#. "):            # the French source shown to translators follows the French text
            line = line[:3] + french(line[3:]) if lang == "en" else line
        elif not line.startswith('"'):
            in_text = False
        match = STRING.match(line)
        if in_text and match:
            line = f'{match.group(1)}"{(french if lang == "fr" else english)(match.group(2))}"'
        lines.append(line)
    po.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    for path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        rewrite(path)
