"""Text that a partner or a feed chose, made inert before Streamlit reads it as Markdown (labels and captions included).

Streamlit renders Markdown in `st.markdown`, `st.caption`, alerts, and the labels of metrics,
expanders, buttons, tabs and radio options: a partner note `![x](https://tracker/beacon)` would
make every reader's browser fetch that address, a name `[Aide](https://phishing)` would be a
link, `:red[…]` or `$…$` would restyle the page. Every ASCII punctuation sign gets a backslash
(CommonMark lets any of them be escaped, and shows the sign itself), which also breaks the
`https://` and `www.` that GitHub-flavoured Markdown turns into links on its own.
"""
from __future__ import annotations

import re

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINE_BREAKS = re.compile(r"\r\n?|\n")


def md(text, *, lines: bool = False) -> str:
    """`text` shown as itself in Markdown; line breaks kept as breaks when `lines`, else folded into spaces."""
    if text is None:
        return ""
    escaped = _PUNCTUATION.sub(r"\\\1", str(text))
    # a line starting with spaces or a tab would become a code block: breaks are the only structure kept
    parts = [part.strip() for part in _LINE_BREAKS.split(escaped)]
    return "  \n".join(parts) if lines else " ".join(p for p in parts if p)
