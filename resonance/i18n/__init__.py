"""Every string that reaches a screen, a deck or a message goes through t(), read from gettext catalogues."""
from __future__ import annotations

import contextvars
import gettext
import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from resonance import formatting
from resonance.errors import ResonanceError
from resonance.settings import settings

LANGUAGES = ("fr", "en")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# One domain per area of the app, so a translator can take one file at a time.
DOMAINS = ("core", "importing", "import_choices", "connectors", "deck", "partners", "access", "links",
           "amplification")
_language: contextvars.ContextVar[str | None] = contextvars.ContextVar("language", default=None)


class MissingKey(ResonanceError, KeyError):
    """A key absent from the catalogues: raised so the tests catch it, never shown as a key to a user."""


class _Refuse(gettext.NullTranslations):
    """Last in the chain of domains: a key nobody knows is an error, not a string echoed back."""

    def gettext(self, message):
        raise MissingKey(message)

    def ngettext(self, msgid1, msgid2, n):
        raise MissingKey(msgid1)


class _Catalogue(gettext.GNUTranslations):
    """A compiled domain that also knows which of its keys have plural forms (ngettext) and which don't."""

    def _parse(self, fp):
        super()._parse(fp)
        self.singular_keys = {k for k in self._catalog if isinstance(k, str) and k}
        self.plural_keys = {k[0] for k in self._catalog if isinstance(k, tuple)}


def language() -> str:
    return _language.get() or settings().language


def set_language(lang: str) -> None:
    """Set for the current thread of work (a Streamlit script run, a CLI call)."""
    _language.set(lang if lang in LANGUAGES else "fr")


@contextmanager
def using(lang: str):
    token = _language.set(lang if lang in LANGUAGES else "fr")
    try:
        yield
    finally:
        _language.reset(token)


def catalogue_path(lang: str, domain: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def _compiled(po: Path) -> Path:
    """The .mo of a .po, compiled now if missing or older: a fresh clone runs with no build step.

    Written next to the .po (git-ignored) or, when the package is read-only, in the temporary folder."""
    beside = po.with_suffix(".mo")
    digest = hashlib.sha1(str(po).encode()).hexdigest()[:12]
    elsewhere = Path(tempfile.gettempdir()) / "resonance-locale" / f"{digest}-{po.parent.parent.name}-{po.stem}.mo"
    for target in (beside, elsewhere):
        if target.is_file() and target.stat().st_mtime >= po.stat().st_mtime:
            return target
    # Babel's catalogue tools (a tenth of a second to load) only when a catalogue is compiled, which a running
    # install seldom does: the command line's `report` starts without them.
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name, domain=po.stem)
    for target in (beside, elsewhere):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                write_mo(handle, catalog)
            os.replace(partial, target)  # atomic: another process never reads half a file
            return target
        except OSError:
            continue
    raise OSError(f"cannot write the compiled catalogue of {po}")


@cache
def catalogues(lang: str) -> tuple[_Catalogue, ...]:
    """The compiled domains of one language, read once per process."""
    found = []
    for domain in DOMAINS:
        with _compiled(catalogue_path(lang, domain)).open("rb") as handle:
            found.append(_Catalogue(handle))
    return tuple(found)


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    """The domains chained with gettext's fallbacks; a key found in none raises MissingKey.

    Built from fresh objects, never from catalogues(): two threads building at once must not chain shared ones."""
    chain = []
    for domain in DOMAINS:
        with _compiled(catalogue_path(lang, domain)).open("rb") as handle:
            chain.append(_Catalogue(handle))
    chain.append(_Refuse())
    for outer, inner in zip(chain, chain[1:], strict=False):
        outer.add_fallback(inner)
    return chain[0]


def read_all() -> None:
    """Read every language's catalogues now: a process that forks workers (the parsing sandbox's fork server)
    hands them over read, instead of each child parsing 18 catalogues again (11 ms)."""
    for lang in LANGUAGES:
        _translations(lang)
        catalogues(lang)


@cache
def plural_keys(lang: str = "fr") -> frozenset[str]:
    return frozenset().union(*(c.plural_keys for c in catalogues(lang)))


@cache
def keys(lang: str = "fr") -> frozenset[str]:
    """Every key of one language, singular and plural."""
    return frozenset().union(*(c.singular_keys | c.plural_keys for c in catalogues(lang)))


def has(key: str) -> bool:
    """Whether a key exists (for labels of codes that may have none, e.g. a column of a user's file)."""
    return key in keys("fr")


def t(key: str, lang: str | None = None, count: int | float | None = None, **values) -> str:
    """Translate `key` into `lang` (default: the current language) and fill its `{placeholders}` with str.format.

    Plurals: a key written with singular and plural forms (msgid_plural in the catalogue) needs `count=n`;
    ngettext picks the form for n with the language's rule (French: 0 and 1 are singular), and `{count}` in
    the text is n written for that language ("1 234"). On a key without plural forms, `count` is an ordinary value.
    An unknown key, or a plural key called without `count`, raises MissingKey so that tests catch it, not a user."""
    lang = "en" if (lang or language()) == "en" else "fr"
    translations = _translations(lang)
    if key in plural_keys(lang):
        if count is None:
            raise MissingKey(f"{key} has plural forms: pass count=")
        text = translations.ngettext(key, key, int(abs(count)))
        values["count"] = formatting.number(count, lang)
    else:
        text = translations.gettext(key)
        if count is not None:
            values["count"] = count
    return text.format(**values) if values else text


def quoted(name) -> str:
    """A name quoted as the language wants it: « Tinder » (narrow no-break spaces) in French, “Tinder” in English."""
    return t("text.quoted", name=name)


class _Table(Mapping):
    """Read-only view key → (French, English), kept for code written before the catalogues (`key in TABLE`)."""

    def __getitem__(self, key: str) -> tuple[str, str]:
        if not has(key):
            raise MissingKey(key)
        return tuple(_raw(key, lang) for lang in LANGUAGES)

    def __contains__(self, key) -> bool:
        return isinstance(key, str) and has(key)

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(keys("fr")))

    def __len__(self) -> int:
        return len(keys("fr"))


def _raw(key: str, lang: str) -> str:
    """The unformatted text of a key (its plural form for a plural key)."""
    translations = _translations(lang)
    return translations.ngettext(key, key, 2) if key in plural_keys(lang) else translations.gettext(key)


TABLE = _Table()
