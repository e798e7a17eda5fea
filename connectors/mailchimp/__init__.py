"""Mailchimp: campaign reports (`/3.0/reports`, paged) — sends, unique opens, unique subscriber clicks, delivered.

`open_rate` and `click_rate` are 0–1 fractions computed by Mailchimp: never stored, the
review recomputes them from the counts. `delivered` is emails_sent minus bounces (Mailchimp's
own base for its open rate), noted in the ingestion.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from connectors.http import Client, field, number, objects, offset_pages, sent_day
from connectors.mailchimp import settings
from connectors.registry import MetricRow, SourceConnector, SourceNote, register
from resonance.i18n import t


def data_center(token: str | None) -> str:
    """The data centre is the key's suffix: "…-us6" → "us6"."""
    return token.rsplit("-", 1)[-1] if token and "-" in token else "us1"


@register("mailchimp", needs_token=True, channel=settings.CHANNEL, lookback_days=settings.LOOKBACK_DAYS,
          label="connectors.kind.mailchimp")
class Mailchimp(SourceConnector):
    def __init__(self, source, client: Client, token: str | None):
        super().__init__(source, client, token)
        self.base = (source.url or settings.BASE_URL.format(dc=data_center(token))).rstrip("/")

    def _get(self, path: str, params: dict | None = None):
        return self.client.json(self.name, "Mailchimp", "GET", f"{self.base}{path}", params=params,
                                auth=("resonance", self.token or ""), token_env=self.source.secret or self.source.token_env,
                                secrets=[self.token])

    def ping(self) -> str:
        answer = self._get("/ping")
        return t("connectors.mailchimp.ping", status=answer.get("health_status", "?") if isinstance(answer, dict) else "?")

    def _reports(self, since: date, until: date) -> Iterator[dict]:
        if self.source.campaign_ids:
            for campaign_id in self.source.campaign_ids:
                yield self._get(f"/reports/{campaign_id}")
            return
        yield from offset_pages(self.name, "Mailchimp", lambda offset: self._page(since, until, offset), "reports",
                                "total_items", lambda offset: t("connectors.mailchimp.what_list", offset=offset))

    def _page(self, since: date, until: date, offset: int):
        return self._get("/reports", {
            "count": settings.PAGE_SIZE, "offset": offset,
            "since_send_time": f"{since.isoformat()}T00:00:00+00:00",
            "before_send_time": f"{until.isoformat()}T23:59:59+00:00"})

    def fetch(self, since: date | None, until: date | None = None) -> Iterator[MetricRow | SourceNote]:
        until = until or date.today()
        since = since or until
        channel, peso, platform = self.source.defaults
        for report in objects(self.name, "Mailchimp", self._reports(since, until)):
            what = t("connectors.mailchimp.what", id=report.get("id", "?"))
            label = str(report.get("campaign_title") or field(self.name, "Mailchimp", report, "subject_line", what=what)).strip()
            sent_on = sent_day(self.name, "Mailchimp", report, "send_time", what=what)
            if not since <= sent_on <= until:
                continue
            values = {metric: number(self.name, "Mailchimp", report, *path, what=what)
                      for metric, path in settings.METRICS.items()}
            bounces = report.get("bounces")
            if isinstance(bounces, dict):
                lost = sum(number(self.name, "Mailchimp", bounces, key, what=what)
                           for key in ("hard_bounces", "soft_bounces", "syntax_errors") if key in bounces)
                values["delivered"] = max(0.0, values["sends"] - lost)
                yield SourceNote(label, "delivered_computed", "emails_sent - bounces")
            for metric, value in values.items():
                yield MetricRow(label, None, channel, peso, platform, sent_on, sent_on, metric, value)
            opens = report.get("opens") or {}
            if "proxy_excluded_unique_opens" in opens:
                yield SourceNote(label, "proxy_excluded_unique_opens",
                                 number(self.name, "Mailchimp", opens, "proxy_excluded_unique_opens", what=what))
