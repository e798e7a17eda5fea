"""The partnership checklist as a rule: who must be informed depends on the partner's kind."""
from __future__ import annotations

import pytest

from resonance.domain.checklist import CHECKLIST, checklist, informed_field, missing_checks, with_informed

SIGNED = {"legal_frame_signed": True, "message_validated": True}


@pytest.mark.parametrize(("row", "missing"), [
    ({"partner_kind": "public_body", "supervisor_informed": True, **SIGNED}, []),
    ({"partner_kind": "public_body", "sig_informed": True, **SIGNED}, ["informed"]),
    ({"partner_kind": "company", "sig_informed": True, **SIGNED}, []),
    ({"partner_kind": "company", "supervisor_informed": True, **SIGNED}, ["informed"]),
    ({"partner_kind": None, "sig_informed": 1, "legal_frame_signed": 0, "message_validated": None},
     ["legal_frame_signed", "message_validated"]),
    ({}, list(CHECKLIST)),
])
def test_missing_checks_follow_the_kind_and_keep_the_checklist_order(row, missing):
    assert missing_checks(row) == missing
    assert [item for item, done in checklist(row).items() if not done] == missing


@pytest.mark.parametrize(("kind", "field"), [("public_body", "supervisor_informed"), ("company", "sig_informed"),
                                             ("media", "sig_informed"), (None, "sig_informed")])
def test_the_authority_to_inform(kind, field):
    assert informed_field(kind) == field


@pytest.mark.parametrize(("row", "ticked", "flags"), [
    ({"partner_kind": "public_body", "sig_informed": True}, True, {"supervisor_informed": True, "sig_informed": True}),
    ({"partner_kind": "public_body", "supervisor_informed": True}, False,
     {"supervisor_informed": False, "sig_informed": False}),
    ({"partner_kind": "company", "supervisor_informed": True}, True, {"supervisor_informed": True, "sig_informed": True}),
    ({"partner_kind": "company", "sig_informed": True}, False, {"supervisor_informed": False, "sig_informed": False}),
])
def test_the_one_box_the_manager_sees_sets_only_its_own_flag(row, ticked, flags):
    assert with_informed(row, ticked) == flags
