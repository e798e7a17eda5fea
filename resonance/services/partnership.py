"""Campaigns, partners and the partnerships between them: lookup by name and creation."""
from __future__ import annotations

import duckdb

import queries
from resonance import formatting as fmt
from resonance.domain.checklist import CHECKLIST  # noqa: F401 - the form's items
from resonance.domain.metrics import CHANNELS, PARTNER_KINDS
from resonance.domain.names import name_key
from resonance.errors import InputError
from resonance.i18n import language, t
from resonance.services import audit
from resonance.store.rows import insert_row


def _find(con: duckdb.DuckDBPyConnection, table: str, name: str) -> int | None:
    wanted = name_key(name)
    rows = queries.records(con, f"{table}_names")        # campaign_names or partner_names
    return next((int(row["id"]) for row in rows if name_key(row["name"]) == wanted), None)


def campaign_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    return _find(con, "campaign", name)


def partner_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    return _find(con, "partner", name)


def _ensure(con: duckdb.DuckDBPyConnection, table: str, name: str, fields: dict) -> int:
    """The id of the campaign or partner named so (case and accents ignored), created with `fields` if none is."""
    found = _find(con, table, name)
    if found is not None:
        return found
    return insert_row(con, table, {"name": name.strip(), **fields})


def ensure_campaign(con: duckdb.DuckDBPyConnection, name: str, **fields) -> int:
    return _ensure(con, "campaign", name, fields)


def ensure_partner(con: duckdb.DuckDBPyConnection, name: str, **fields) -> int:
    return _ensure(con, "partner", name, fields)


def ensure_partnership(con: duckdb.DuckDBPyConnection, campaign: int, partner: int, **fields) -> int:
    found = queries.run(con, "partnership_id", {"campaign_id": campaign, "partner_id": partner})
    if not found.empty:
        return int(found.iloc[0, 0])
    return insert_row(con, "partnership", {"campaign_id": campaign, "partner_id": partner, **fields})


def figures_landed(con: duckdb.DuckDBPyConnection, campaign: int, partner: int) -> int:
    """A partner's figures arrive for a campaign: it is a partner (no longer a candidate) and the partnership,
    created if needed, is at least at step 4 "déploiement" (figures only exist once the campaign is deployed)."""
    partnership = ensure_partnership(con, campaign, partner, step=DEPLOYMENT_STEP)
    queries.execute(con, "partnership_deployed", {"partnership_id": partnership})
    queries.execute(con, "partner_candidate_promote", {"partner_id": partner})
    return partnership


DEPLOYMENT_STEP = 4


# -- created and edited in the app (Partenaires page) ---------------------------------------------------------
ROLES = ("relay", "co_signed", "sponsor", "media")
STEPS = (1, 2, 3, 4, 5, 6)


class PartnershipInputError(InputError, ValueError):   # ValueError kept: callers caught it as one
    """What the manager typed cannot be saved: one French sentence per problem, naming the field."""


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def partner_fields(fields: dict) -> dict:
    """The partner's identity checked and cleaned, or PartnershipInputError naming every field to correct."""

    problems = []
    name = _text(fields.get("name"))
    if not name:
        problems.append(t("partners.error.name_missing"))
    kind = fields.get("kind") or "company"
    if kind not in PARTNER_KINDS:
        problems.append(t("partners.error.kind", kind=kind))
    audience = fields.get("declared_audience")
    if audience in ("", None):
        audience = None
    else:
        try:
            audience = int(str(audience).replace(" ", "").replace("\u202f", "").replace("\xa0", ""))
        except ValueError:
            audience = -1
        if audience < 0:
            problems.append(t("partners.error.audience", value=fields.get("declared_audience")))
    if problems:
        raise PartnershipInputError(problems)
    return {"name": name, "kind": kind, "sector": _text(fields.get("sector")),
            "audiences": _text(fields.get("audiences")), "declared_audience": audience,
            "contact": _text(fields.get("contact")), "notes": _text(fields.get("notes")),
            "is_candidate": bool(fields.get("is_candidate", False))}


def _save_sheet(store, kind: str, clean: dict, row_id: int | None, by: str, name_taken: str) -> int:
    """Create (row_id None) or edit a campaign's or partner's sheet, audited; a name another one has is refused.

    `kind` is "campaign" or "partner": queries <kind>_insert / <kind>_update, audit <kind>.create / <kind>.edit.
    """

    with store.transaction() as con:
        same_name = _find(con, kind, clean["name"])
        if same_name is not None and same_name != row_id:
            raise PartnershipInputError([t(name_taken, name=clean["name"])])
        if row_id is None:
            row_id = int(queries.run(con, f"{kind}_insert", clean).iloc[0, 0])
            audit.record(con, by, f"{kind}.create", clean["name"], {f"{kind}_id": row_id})
        else:
            queries.execute(con, f"{kind}_update", {**clean, f"{kind}_id": row_id})
            audit.record(con, by, f"{kind}.edit", clean["name"], {f"{kind}_id": row_id})
    return row_id


def save_partner(store, fields: dict, partner_id: int | None = None, by: str = "system") -> int:
    """Create a partner (or candidate), or edit one; a name already taken by another partner is refused."""
    return _save_sheet(store, "partner", partner_fields(fields), partner_id, by, "partners.error.name_taken")


def partnership_fields(fields: dict) -> dict:
    """A partnership's lifecycle checked and cleaned, or PartnershipInputError naming every field to correct."""

    problems = []
    role = fields.get("role") or "relay"
    if role not in ROLES:
        problems.append(t("partners.error.role", role=role))
    channel = _text(fields.get("channel"))
    if channel is not None and channel not in CHANNELS:
        problems.append(t("partners.error.channel", channel=channel, channels=", ".join(CHANNELS)))
    try:
        step = int(fields.get("step") or 1)
    except (TypeError, ValueError):
        step = 0
    if step not in STEPS:
        problems.append(t("partners.error.step", step=fields.get("step")))
    start, end = fields.get("start_date"), fields.get("end_date")
    if start is not None and end is not None and end < start:
        problems.append(t("partners.error.dates", start=fmt.day(start, language()), end=fmt.day(end, language())))
    if problems:
        raise PartnershipInputError(problems)
    return {"role": role, "channel": channel, "activations": _text(fields.get("activations")),
            "counterparts": _text(fields.get("counterparts")), "step": step,
            "supervisor_informed": bool(fields.get("supervisor_informed")), "sig_informed": bool(fields.get("sig_informed")),
            "legal_frame_signed": bool(fields.get("legal_frame_signed")),
            "message_validated": bool(fields.get("message_validated")), "start_date": start, "end_date": end}


def save_partnership(store, fields: dict, campaign: int | None = None, partner: int | None = None,
                     partnership_id: int | None = None, by: str = "system") -> int:
    """Create a partnership (campaign × partner, once only) or edit one's lifecycle and checklist."""

    clean = partnership_fields(fields)
    with store.transaction() as con:
        if partnership_id is not None:
            queries.execute(con, "partner_partnership_update", {**clean, "partnership_id": partnership_id})
            audit.record(con, by, "partnership.edit", f"partenariat {partnership_id}", {"step": clean["step"]})
            return partnership_id
        if campaign is None or partner is None:
            raise PartnershipInputError([t("partners.error.pick_both")])
        if not queries.run(con, "partner_partnership_find", {"campaign_id": campaign, "partner_id": partner}).empty:
            raise PartnershipInputError([t("partners.error.partnership_exists")])
        new_id = int(queries.run(con, "partner_partnership_insert",
                                 {**clean, "campaign_id": campaign, "partner_id": partner}).iloc[0, 0])
        queries.execute(con, "partner_candidate_promote", {"partner_id": partner})
        audit.record(con, by, "partnership.create", f"partenariat {new_id}", {"campaign_id": campaign, "partner_id": partner})
        return new_id
