"""Matomo: visits and goal conversions brought by each tagged campaign (mtm_campaign / utm_campaign), per day.

Asks MarketingCampaignsReporting.getName when the plugin is installed, Referrers.getCampaigns
otherwise; the token goes in the POST body, never in the URL. With `partner_sources` declared,
the visits of each mtm_source are asked through a segment and credited to its partner, the
rest staying with the campaign alone (nothing counted twice).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from urllib.parse import quote

from connectors.http import Client, day_windows, field, number
from connectors.matomo import settings
from connectors.registry import ConnectorError, MetricRow, SourceConnector, SourceNote, register
from resonance.errors import ResonanceError
from resonance.i18n import t

PLUGIN_MISSING = ("marketingcampaignsreporting", "does not exist", "not activated", "not enabled", "n'existe pas")
AUTH_WORDS = ("token", "authenticate", "access", "logged in", "jeton", "accès")
SITE_WORDS = ("unexpected website", "idsite is not valid", "website id was set", "invalid site")


class _PluginMissing(ResonanceError):
    pass


@register("matomo", needs_url=True, needs_token=True, channel=settings.CHANNEL, lookback_days=settings.LOOKBACK_DAYS,
          label="connectors.kind.matomo")
class Matomo(SourceConnector):
    def __init__(self, source, client: Client, token: str | None):
        super().__init__(source, client, token)
        base = source.url.rstrip("/")
        self.endpoint = base if base.endswith(".php") else f"{base}/index.php"

    # -- one call ----------------------------------------------------------------------------------------
    def _call(self, method: str, extra: dict) -> object:
        body = {"module": "API", "method": method, "idSite": self.source.site_id, "format": "JSON",
                "token_auth": self.token, **extra}
        payload = self.client.json(self.name, "Matomo", "POST", self.endpoint, data=body,
                                   token_env=self.source.secret or self.source.token_env, secrets=[self.token])
        if isinstance(payload, dict) and payload.get("result") == "error":
            message = str(payload.get("message", ""))
            lowered = message.lower()
            if method.startswith("MarketingCampaignsReporting") and any(w in lowered for w in PLUGIN_MISSING):
                raise _PluginMissing(message)
            # Matomo 4 says a wrong token as "requires 'view' access for the website id = 12": token first.
            if any(w in lowered for w in SITE_WORDS):
                raise ConnectorError(self.name, t("connectors.matomo.site", source=self.name, site_id=self.source.site_id))
            if any(w in lowered for w in AUTH_WORDS):
                raise ConnectorError(self.name, t("connectors.error.auth", platform="Matomo", source=self.name,
                                                  token_env=self.source.secret or self.source.token_env))
            raise ConnectorError(self.name, t("connectors.matomo.error", source=self.name,
                                              message=message.replace(self.token or "\0", "•••")[:300]))
        return payload

    def ping(self) -> str:
        """Check the token and the site id (API.getMatomoVersion then SitesManager.getSiteFromId)."""
        version = self._call("API.getMatomoVersion", {})
        site = self._call("SitesManager.getSiteFromId", {})
        site_name = site.get("name") if isinstance(site, dict) else None
        version = version.get("value") if isinstance(version, dict) else version
        return t("connectors.matomo.ping", site=site_name or self.source.site_id, version=version or "?")

    def _partner_segments(self) -> list[tuple[str, dict[str, str]]]:
        """(segment dimension, {value: partner}) for mtm_source and mtm_content; use one of the two per source."""
        return [(dimension, mapping) for dimension, mapping in (
            (settings.SEGMENT_SOURCE, self.source.partner_sources),
            (settings.SEGMENT_CONTENT, self.source.partner_contents)) if mapping]

    # -- the report ----------------------------------------------------------------------------------------
    def _days(self, method: str, start: date, end: date, segment: str | None = None) -> dict[tuple[date, str], dict]:
        extra = {"period": "day", "date": f"{start.isoformat()},{end.isoformat()}", "filter_limit": -1}
        if segment:
            extra["segment"] = segment
        payload = self._call(method, extra)
        if not isinstance(payload, dict):
            raise ConnectorError(self.name, t("connectors.matomo.shape", source=self.name, method=method))
        figures: dict[tuple[date, str], dict] = {}
        for day_text, rows in payload.items():
            try:
                day = date.fromisoformat(day_text)
            except ValueError as error:
                raise ConnectorError(self.name, t("connectors.matomo.shape", source=self.name, method=method)) from error
            if not isinstance(rows, list):
                raise ConnectorError(self.name, t("connectors.matomo.shape", source=self.name, method=method))
            for row in rows:
                what = t("connectors.matomo.what", day=day_text, method=method)
                label = str(field(self.name, "Matomo", row, "label", what=what)).strip()
                values = {"landing_visits": number(self.name, "Matomo", row, "nb_visits", what=what)}
                for key in settings.METRICS["conversions"]:
                    if key in row:
                        values["conversions"] = number(self.name, "Matomo", row, key, what=what)
                        break
                bucket = figures.setdefault((day, label), defaultdict(float))
                for metric, value in values.items():
                    bucket[metric] += value
        return figures

    def fetch(self, since: date | None, until: date | None = None) -> Iterator[MetricRow | SourceNote]:
        until = until or date.today()
        since = since or until
        channel, peso, platform = self.source.defaults
        method = settings.CAMPAIGN_METHODS[0]
        for start, end in day_windows(since, until, settings.DAYS_PER_REQUEST):
            try:
                totals = self._days(method, start, end)
            except _PluginMissing:
                method = settings.CAMPAIGN_METHODS[1]
                totals = self._days(method, start, end)
            per_partner: list[tuple[str, dict]] = []
            if method.startswith("MarketingCampaignsReporting"):
                for dimension, mapping in self._partner_segments():
                    for value, partner in mapping.items():
                        segment = f"{dimension}=={quote(value, safe='')}"
                        per_partner.append((partner, self._days(method, start, end, segment)))
            for partner, figures in per_partner:
                for (day, label), values in figures.items():
                    for metric, value in values.items():
                        if (day, label) in totals:
                            totals[(day, label)][metric] -= value
                        yield MetricRow(label, partner, channel, peso, platform, day, day, metric, value)
            for (day, label), values in totals.items():
                for metric, value in values.items():
                    if value > 0 or not per_partner:
                        yield MetricRow(label, None, channel, peso, platform, day, day, metric, value)
        yield SourceNote("", "matomo_method", method)
        if self._partner_segments() and not method.startswith("MarketingCampaignsReporting"):
            yield SourceNote("", "partner_sources_ignored", "MarketingCampaignsReporting")


