"""Press feeds: RSS 2.0 or Atom (press alerts, a ministry's press review) into press mentions matched by keywords.

An article belongs to the campaign of the first keyword found in its title or summary
(compared without case or accents); articles that match no keyword are counted and reported,
never loaded. De-duplication by URL happens in the ingest layer (per campaign).
"""
from __future__ import annotations

import email.utils
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime
from urllib.parse import parse_qs, urlparse

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from connectors.press_feed import settings
from connectors.registry import ConnectorError, PressRow, SourceConnector, SourceNote, register
from resonance.domain.names import name_key
from resonance.i18n import t

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
_TAGS = re.compile(r"<[^>]+>")


def _text(element, *names: str) -> str | None:
    for name in names:
        found = element.find(name)
        if found is not None:
            text = "".join(found.itertext()).strip()
            if text:
                return text
    return None


def _plain(text: str | None) -> str:
    """Text without markup: feeds often carry escaped HTML (<b>…</b>, &#39;) in titles and summaries."""
    return " ".join(html.unescape(_TAGS.sub(" ", html.unescape(text or ""))).split())


def unwrap(url: str | None) -> str | None:
    """The article's own address behind a press-alert redirect (https://www.google.com/url?…&url=…)."""
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.netloc.endswith("google.com") and parsed.path == "/url":
        target = parse_qs(parsed.query).get("url") or parse_qs(parsed.query).get("q")
        if target:
            return target[0]
    return url


def outlet_of(url: str | None) -> str | None:
    host = urlparse(url).netloc if url else ""
    return host.removeprefix("www.") or None


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return None


def articles(xml_bytes: bytes, source: str) -> Iterator[dict]:
    """The items of an RSS or Atom document as {title, url, published_on, outlet, summary}."""
    try:
        # A feed is third-party XML: no entity expansion, no external entities, no DTD tricks.
        root = SafeET.fromstring(xml_bytes, forbid_dtd=False)
    except (ET.ParseError, DefusedXmlException) as error:
        raise ConnectorError(source, t("connectors.feed.not_xml", source=source)) from error
    if root.tag == f"{ATOM}feed":
        entries = root.findall(f"{ATOM}entry")
        atom = True
    elif root.tag == "rss" or root.find("channel") is not None:
        entries = root.findall("./channel/item")
        atom = False
    elif root.tag.endswith("}RDF"):                  # RSS 1.0: items beside the channel, dates in dc:date
        entries = root.findall(f"{RSS1}item")
        atom = None
    else:
        raise ConnectorError(source, t("connectors.feed.not_feed", source=source, tag=root.tag.split("}")[-1]))
    for number, entry in enumerate(entries, start=1):
        if atom:
            link = next((e.get("href") for e in entry.findall(f"{ATOM}link") if e.get("rel", "alternate") == "alternate"), None)
            published_text = _text(entry, f"{ATOM}published", f"{ATOM}updated")
            outlet = _text(entry, f"{ATOM}source/{ATOM}title", f"{ATOM}author/{ATOM}name")
            summary = _text(entry, f"{ATOM}summary", f"{ATOM}content") or ""
            date_field = "published"
        elif atom is None:
            link = _text(entry, f"{RSS1}link")
            published_text = _text(entry, f"{DC}date")
            outlet = _text(entry, f"{DC}source", f"{DC}publisher")
            summary = _text(entry, f"{RSS1}description") or ""
            date_field = "dc:date"
        else:
            link = _text(entry, "link", "guid")
            published_text = _text(entry, "pubDate", f"{DC}date")
            outlet = _text(entry, "source")
            summary = _text(entry, "description") or ""
            date_field = "pubDate"
        title = _plain(_text(entry, {True: f"{ATOM}title", None: f"{RSS1}title"}.get(atom, "title")))
        if not title:
            raise ConnectorError(source, t("connectors.feed.missing", source=source, number=number, field="title"))
        published_on = _date(published_text)
        if published_on is None:
            raise ConnectorError(source, t("connectors.feed.missing_date", source=source, number=number,
                                           title=title[:80], field=date_field))
        url = unwrap(link)
        yield {"title": title, "url": url, "published_on": published_on,
               "outlet": outlet or outlet_of(url) or source, "summary": _plain(summary)}


@register("feed", needs_url=True, channel=settings.CHANNEL, lookback_days=settings.LOOKBACK_DAYS,
          label="connectors.kind.feed")
class PressFeed(SourceConnector):
    def _keywords(self) -> list[str]:
        return list(dict.fromkeys([*self.source.campaigns, *self.source.keywords]))

    def _download(self) -> bytes:
        headers = {"Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
        if self.token:
            headers[self.source.header or "Authorization"] = self.token
        # The cap is counted while reading, after decompression: a bigger answer is never held whole.
        response = self.client.request(self.name, self.source.platform_name, "GET", self.source.url, headers=headers,
                                       token_env=self.source.secret or self.source.token_env, secrets=[self.token],
                                       max_bytes=settings.MAX_BYTES)
        return response.content

    def ping(self) -> str:
        found = list(articles(self._download(), self.name))
        return t("connectors.feed.ping", count=len(found))

    def fetch(self, since: date | None, until: date | None = None) -> Iterator[PressRow | SourceNote]:
        keywords = [(k, name_key(k)) for k in self._keywords()]
        if not keywords and not self.source.campaign:
            raise ConnectorError(self.name, t("connectors.feed.no_keywords", source=self.name))
        for article in articles(self._download(), self.name):
            if since and article["published_on"] < since:
                continue
            haystack = name_key(f"{article['title']} {article['summary']}")
            matched = next((k for k, key in keywords if key and key in haystack), None)
            if matched is None and keywords:
                yield SourceNote(t("connectors.feed.no_keyword_label"), "unmatched_articles", 1)
                continue
            yield PressRow(matched or self.source.campaign, None, article["published_on"], article["outlet"][:200],
                           article["title"][:500], article["url"])
