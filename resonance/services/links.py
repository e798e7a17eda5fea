"""Personal upload links: a long random token shown once (only its hash stored), checked at every request, throttled.

    created = links.create(store, "Match avec ton futur/Tinder", expires_on=date(2026, 7, 31), created_by="marie")
    created.token                       # shown once to the manager, never stored
    access = links.check(store, token, address="203.0.113.7")
    access.status                       # ok | invalid | rate_limited  (expired, revoked, used up: all "invalid")

Every request re-checks the token: its hash is looked up, then compared with `hmac.compare_digest`,
then the expiry, the revocation and the uses. An expired, revoked, used-up or altered link gets the
same answer as a token that never existed, so the page reveals nothing about which it was. Requests
are counted per client address and per link in a stored table (one atomic upsert per request), and
failed tokens per address, so that guessing tokens is slow and visible.
"""
from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd

import queries
from resonance.errors import InputError
from resonance.i18n import t
from resonance.services import audit
from resonance.store import Store

TOKEN_BYTES = 32                                   # 43 URL-safe characters: 256 bits of chance
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")
QUERY_KEY = "depot"                                # ?depot=TOKEN
URL_PATH = "depot"
WINDOW_S = 15 * 60
LIMITS = {                                         # requests per window of WINDOW_S seconds
    "address": 300,                                # every request from one address (a Streamlit rerun is one)
    "address_failed": 20,                          # unknown, altered, expired… tokens from one address
    "link": 300,                                   # every request with one link, from anywhere
}
MAX_DROPS_PER_WINDOW = 10                          # drops through one link in one window


class LinkInputError(InputError):
    """A link that cannot be created or revoked as asked; the message says what to do."""


@dataclass(frozen=True)
class Created:
    link_id: int
    token: str
    partnership_id: int
    campaign: str
    partner: str
    expires_on: date


@dataclass(frozen=True)
class Access:
    status: str                                    # ok | invalid | rate_limited
    link: dict | None = None                       # link_id, partnership_id, campaign, partner… when ok

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def url(base: str, token: str) -> str:
    # At the app's root: a path Streamlit does not know yet on the first request would open "Page not found".
    return f"{base.rstrip('/')}/?{QUERY_KEY}={token}"


# -- the manager's side --------------------------------------------------------------------------------
def find_partnership(store: Store, spec: str | int) -> tuple[int, str, str]:
    """ "CAMPAIGN/PARTNER" (or a partnership id) → (partnership id, campaign, partner); the last "/" splits."""
    campaign, _, partner = ("", "", "") if isinstance(spec, int) else (spec or "").rpartition("/")
    with store.read() as con:
        found = queries.run(con, "link_partnership", {"partnership_id": spec if isinstance(spec, int) else None,
                                                      "campaign": campaign, "partner": partner})
    if found.empty:
        raise LinkInputError([t("links.error.no_partnership", spec=spec)])
    row = found.iloc[0]
    return int(row["partnership_id"]), row["campaign"], row["partner"]


def create(store: Store, partnership: str | int, *, expires_on: date, max_uses: int | None = None,
           created_by: str = "system", today: date | None = None) -> Created:
    """A new link for one partnership; the token is returned once and only its hash is stored."""
    partnership_id, campaign, partner = find_partnership(store, partnership)
    if expires_on < (today or date.today()):
        raise LinkInputError([t("links.error.expired_date")])
    if max_uses is not None and max_uses < 1:
        raise LinkInputError([t("links.error.max_uses")])
    token = new_token()
    with store.transaction() as con:
        link_id = int(queries.run(con, "link_insert", {
            "partnership_id": partnership_id, "token_sha256": token_hash(token), "expires_on": expires_on,
            "max_uses": max_uses, "created_by": created_by, "now": now()}).iloc[0, 0])
        audit.record(con, created_by, "link.create", f"link {link_id}",
                     {"campaign": campaign, "partner": partner, "expires_on": expires_on, "max_uses": max_uses})
    return Created(link_id, token, partnership_id, campaign, partner, expires_on)


def revoke(store: Store, *, link_id: int | None = None, partnership: str | None = None, by: str = "system") -> list[int]:
    """Revoke one link, or every live link of a partnership; returns the ids revoked."""
    partnership_id = find_partnership(store, partnership)[0] if partnership and link_id is None else None
    if link_id is None and partnership_id is None:
        raise LinkInputError([t("links.error.revoke_what")])
    with store.transaction() as con:
        revoked = queries.run(con, "link_revoke", {"link_id": link_id, "partnership_id": partnership_id,
                                                   "now": now(), "by": by})["id"].astype(int).tolist()
        for one in revoked:
            audit.record(con, by, "link.revoke", f"link {one}")
    return revoked


def links_of(store: Store, partnership_id: int | None = None, today: date | None = None) -> pd.DataFrame:
    """The links of a partnership with their state: active, expired, revoked or used_up (no token: it is not kept)."""
    with store.read() as con:
        found = queries.run(con, "link_list", {"partnership_id": partnership_id})
    found["state"] = [state_of(row, today or date.today()) for row in found.itertuples()]
    return found


def state_of(row, today: date) -> str:
    if not pd.isna(row.revoked_at):
        return "revoked"
    if pd.Timestamp(row.expires_on).date() < today:
        return "expired"
    if not pd.isna(row.max_uses) and row.uses >= row.max_uses:
        return "used_up"
    return "active"


# -- the partner's side: every request ----------------------------------------------------------------
def _hit(con, scope: str, key: str, at: datetime) -> int:
    return int(queries.run(con, "link_throttle_hit", {"scope": scope, "key": key, "now": at,
                                                      "window_s": WINDOW_S}).iloc[0, 0])


def _count(con, scope: str, key: str, at: datetime) -> int:
    return int(queries.run(con, "link_throttle_count", {"scope": scope, "key": key, "now": at,
                                                        "window_s": WINDOW_S}).iloc[0, 0])


def check(store: Store, token: str | None, address: str | None, *, at: datetime | None = None,
          today: date | None = None) -> Access:
    """Decide what a request carrying `token` from `address` may see; counts the request (stored, atomic)."""
    at = at or now()
    today = today or at.date()
    address = (address or "inconnue")[:64]
    with store.read() as con:             # an address already over its failures is answered without a write
        if _count(con, "address_failed", address, at) >= LIMITS["address_failed"]:
            return Access("rate_limited")
    with store.transaction() as con:
        if _count(con, "address_failed", address, at) >= LIMITS["address_failed"] \
                or _hit(con, "address", address, at) > LIMITS["address"]:
            return Access("rate_limited")
        link = _find(con, token)
        if link is None or _refused(link, today):
            if _hit(con, "address_failed", address, at) == LIMITS["address_failed"]:
                # Once per window: someone is trying links from this address; the trail shows it to an admin.
                audit.record(con, "lien de dépôt", "link.rate_limited", address, {"failures": LIMITS["address_failed"]})
            return Access("invalid")
        if _hit(con, "link", str(link["link_id"]), at) > LIMITS["link"]:
            return Access("rate_limited")
    return Access("ok", link)


def _find(con, token: str | None) -> dict | None:
    if not isinstance(token, str) or not TOKEN_SHAPE.match(token):
        return None
    wanted = token_hash(token)
    found = queries.run(con, "link_by_hash", {"token_sha256": wanted})
    if found.empty:
        return None
    link = found.iloc[0].to_dict()
    # The lookup found the row by its hash; the comparison that decides takes the same time whatever differs.
    if not hmac.compare_digest(str(link["token_sha256"]).encode(), wanted.encode()):
        return None
    return link


def _refused(link: dict, today: date) -> bool:
    if not pd.isna(link["revoked_at"]):
        return True
    if pd.Timestamp(link["expires_on"]).date() < today:
        return True
    max_uses = link["max_uses"]
    return not pd.isna(max_uses) and int(link["uses"]) >= int(max_uses)


def campaign_visual(store: Store, campaign_id: int) -> dict | None:
    """The campaign's own visual (its logo, of no partner) for the partner's page; None when there is none."""
    with store.read() as con:
        found = queries.run(con, "link_campaign_visual", {"campaign_id": int(campaign_id)})
    return None if found.empty else found.iloc[0].to_dict()
