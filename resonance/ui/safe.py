"""Text that a partner or a feed chose, made inert before Streamlit reads it as Markdown (labels and captions included).

Streamlit renders Markdown in `st.markdown`, `st.caption`, alerts, image captions, and the labels
of metrics, expanders, buttons and tabs: a partner note `![x](https://tracker/beacon)` would make
every reader's browser fetch that address, a name `[Aide](https://phishing)` would be a link,
`:red[…]`, `:material/…:` or `$…$` would restyle the page. A backslash goes before every sign
that can open such a construct — brackets, `!`, `<`, `>`, `:` (which also breaks the `https://`
that GitHub-flavoured Markdown links on its own), `@` (its e-mail links), backticks, `*`, `|`,
`~`, `$`, the dot of `www.`, an `_` that could open emphasis, and what opens a block at the start
of a line. CommonMark shows an escaped sign as itself; ordinary punctuation is left alone, so
"Livr'Eat (Bien manger)" reads the same in the page source as on screen.
"""
from __future__ import annotations

import re

_ALWAYS = re.compile(r"([\\`*\[\]<>!|~$:@])")
_EMPHASIS = re.compile(r"(?<![0-9A-Za-zÀ-ÖØ-öø-ÿ])_|_(?![0-9A-Za-zÀ-ÖØ-öø-ÿ])")
_WWW = re.compile(r"(www)\.", re.IGNORECASE)
_LINE_START = re.compile(r"^([#=+-]|\d+[.)])")
_LINE_BREAKS = re.compile(r"\r\n?|\n")


def _line(text: str) -> str:
    # a line starting with spaces or a tab would become a code block, `#` a heading, `-` or `1.` a list
    text = text.strip()
    return _LINE_START.sub(lambda m: "\\" + m.group(1) if not m.group(1)[0].isdigit()
                           else m.group(1)[:-1] + "\\" + m.group(1)[-1], text)


def md(text, *, lines: bool = False) -> str:
    """`text` shown as itself in Markdown; line breaks kept as breaks when `lines`, else folded into spaces."""
    if text is None:
        return ""
    escaped = _WWW.sub(r"\1\\.", _EMPHASIS.sub(r"\\_", _ALWAYS.sub(r"\\\1", str(text))))
    parts = [_line(part) for part in _LINE_BREAKS.split(escaped)]
    return "  \n".join(parts) if lines else _line(" ".join(p for p in parts if p))
