"""Brevo: statistics of sent e-mail campaigns (globalStats), one figure set per campaign on its sending day.

Lists sent campaigns page by page (`/emailCampaigns?statistics=globalStats`), or asks only the
campaigns whose ids the source names (`/emailCampaigns/{id}`). Apple Mail privacy opens
(`appleMppOpens`, machine opens) are noted in the ingestion and shown, never added to opens.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from connectors.brevo import settings
from connectors.http import Client, field, number, objects, offset_pages, sent_day
from connectors.registry import MetricRow, SourceConnector, SourceNote, register
from resonance.i18n import t


@register("brevo", needs_token=True, channel=settings.CHANNEL, lookback_days=settings.LOOKBACK_DAYS,
          label="connectors.kind.brevo")
class Brevo(SourceConnector):
    def __init__(self, source, client: Client, token: str | None):
        super().__init__(source, client, token)
        self.base = (source.url or settings.BASE_URL).rstrip("/")

    def _get(self, path: str, params: dict | None = None):
        return self.client.json(self.name, "Brevo", "GET", f"{self.base}{path}", params=params,
                                headers={"api-key": self.token or "", "accept": "application/json"},
                                token_env=self.source.secret or self.source.token_env, secrets=[self.token])

    def ping(self) -> str:
        account = self._get("/account")
        company = account.get("companyName") if isinstance(account, dict) else None
        return t("connectors.brevo.ping", account=company or account.get("email", "?") if isinstance(account, dict) else "?")

    def _campaigns(self, since: date, until: date) -> Iterator[dict]:
        if self.source.campaign_ids:
            for campaign_id in self.source.campaign_ids:
                yield self._get(f"/emailCampaigns/{campaign_id}", {"statistics": "globalStats"})
            return
        yield from offset_pages(self.name, "Brevo", lambda offset: self._page(since, until, offset), "campaigns",
                                "count", lambda offset: t("connectors.brevo.what_list", offset=offset))

    def _page(self, since: date, until: date, offset: int):
        page = self._get("/emailCampaigns", {
            "type": "classic", "status": "sent", "statistics": "globalStats",
            "startDate": f"{since.isoformat()}T00:00:00.000Z", "endDate": f"{until.isoformat()}T23:59:59.999Z",
            "limit": settings.PAGE_SIZE, "offset": offset, "sort": "asc"})
        return {"campaigns": [], "count": 0} if page == {} else page     # Brevo answers {} when no campaign matches

    def fetch(self, since: date | None, until: date | None = None) -> Iterator[MetricRow | SourceNote]:
        until = until or date.today()
        since = since or until
        channel, peso, platform = self.source.defaults
        for campaign in objects(self.name, "Brevo", self._campaigns(since, until)):
            what = t("connectors.brevo.what", id=campaign.get("id", "?"), name=campaign.get("name", "?"))
            label = str(field(self.name, "Brevo", campaign, "name", what=what)).strip()
            sent_on = sent_day(self.name, "Brevo", campaign, "sentDate", what=what)
            if not since <= sent_on <= until:
                continue
            stats = field(self.name, "Brevo", campaign, "statistics", "globalStats", what=what)
            values = {metric: number(self.name, "Brevo", stats, key, what=f"{what} (statistics.globalStats)")
                      for metric, key in settings.METRICS.items()}
            for metric, value in values.items():
                yield MetricRow(label, None, channel, peso, platform, sent_on, sent_on, metric, value)
            for key in settings.NOTES:
                if key in stats:
                    yield SourceNote(label, key, number(self.name, "Brevo", stats, key, what=what))
