"""Generic URL: a CSV or JSON report a partner publishes at a URL (optional token header), read by the import engine.

The connector only downloads: the file goes through `resonance.importing` exactly like an upload
(same sniffing, mapping, validation, replacement and undo). A JSON report — a list of records, or
an object holding one under `data`, `rows`, `results` or `items` — is turned into CSV first.
"""
from __future__ import annotations

import csv
import io
from urllib.parse import urlparse

from connectors.registry import ConnectorError, SourceConnector, register
from connectors.url_report import settings
from resonance.i18n import t

RECORD_KEYS = ("data", "rows", "results", "items", "records", "report")


def json_to_csv(payload, source: str) -> bytes:
    """Records of a JSON report as CSV (UTF-8, comma), nested objects flattened with dots."""
    records = payload
    if isinstance(payload, dict):
        records = next((payload[k] for k in RECORD_KEYS if isinstance(payload.get(k), list)), None)
    if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
        raise ConnectorError(source, t("connectors.url.format", source=source))
    flat = [_flatten(r) for r in records]
    headers = list(dict.fromkeys(k for r in flat for k in r))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=headers, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue().encode("utf-8")


def _flatten(record: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = "" if value is None else value
    return flat


@register("url", needs_url=True, channel=settings.CHANNEL, lookback_days=settings.LOOKBACK_DAYS,
          label="connectors.kind.url")
class UrlReport(SourceConnector):
    def file(self) -> tuple[bytes, str]:
        """The report's bytes (CSV, or JSON turned into CSV) and a file name for the ingestion record."""
        headers = {}
        if self.token:
            header = self.source.header or "Authorization"
            headers[header] = f"Bearer {self.token}" if header.lower() == "authorization" and " " not in self.token else self.token
        response = self.client.request(self.name, self.source.platform_name, "GET", self.source.url, headers=headers,
                                       token_env=self.source.secret or self.source.token_env, secrets=[self.token])
        base = urlparse(self.source.url).path.rsplit("/", 1)[-1] or self.name
        kind = self.source.format or ("json" if "json" in response.headers.get("Content-Type", "")
                                      or base.lower().endswith(".json") else "csv")
        if kind == "json":
            try:
                payload = response.json()
            except ValueError as error:
                raise ConnectorError(self.name, t("connectors.error.not_json", platform=self.source.platform_name,
                                                  source=self.name, host=urlparse(self.source.url).netloc)) from error
            stem = base[:-5] if base.lower().endswith(".json") else base
            return json_to_csv(payload, self.name), f"{stem}.csv"
        if not response.content.strip():
            raise ConnectorError(self.name, t("connectors.url.format", source=self.name))
        return response.content, base if "." in base else f"{base}.csv"

    def ping(self) -> str:
        data, _ = self.file()
        lines = data.decode("utf-8", errors="replace").splitlines()
        return t("connectors.url.ping", count=max(0, len(lines) - 1), columns=lines[0][:120] if lines else "—")

    def fetch(self, since=None, until=None):
        """Figures come through the import engine (see resonance.sync), not as rows from here."""
        return iter(())
