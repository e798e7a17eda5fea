"""The co-construction checklist of a partnership (step 3), as a rule on one row: no I/O."""
from __future__ import annotations

CHECKLIST = ("informed", "legal_frame_signed", "message_validated")


def informed_field(partner_kind: str | None) -> str:
    """Who must be informed: a public body's supervising authority, or the government information service (SIG)."""
    return "supervisor_informed" if partner_kind == "public_body" else "sig_informed"


def checklist(row: dict) -> dict[str, bool]:
    """Each checklist item and whether it is done: the right authority informed, the legal frame signed, the message validated."""
    return {"informed": bool(row.get(informed_field(row.get("partner_kind")))),
            "legal_frame_signed": bool(row.get("legal_frame_signed")),
            "message_validated": bool(row.get("message_validated"))}


def missing_checks(row: dict) -> list[str]:
    """The checklist items still open, in order; empty when the partnership is cleared to deploy."""
    return [item for item, done in checklist(row).items() if not done]


def with_informed(row: dict, informed: bool) -> dict[str, bool]:
    """The two `informed` flags after the one box the manager sees is ticked or not (the other flag is kept)."""
    field = informed_field(row.get("partner_kind"))
    flags = {"supervisor_informed": bool(row.get("supervisor_informed")), "sig_informed": bool(row.get("sig_informed"))}
    flags[field] = bool(informed)
    return flags
