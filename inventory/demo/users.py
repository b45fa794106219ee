"""The demo's users: one per role, plus a coordinator limited to one department.

The passwords are printed by ``procmodel demo``; they are for trying the demo only and
must never be used for a register with real data.
"""

from __future__ import annotations

from inventory.demo.services import ORDNUNGSAMT

#: (username, password, role, display name, department restriction)
DEMO_USERS: tuple[tuple[str, str, str, str, str | None], ...] = (
    ("admin", "demo-admin", "admin", "Petra Schäfer (Amt für IT/Digitalisierung)", None),
    ("analyse", "demo-analyse", "analyst", "Jonas Becker (Prozessmanagement)", None),
    ("koordination", "demo-koordination", "coordinator",
     "Aylin Demir (Digitalisierungsbüro)", None),
    ("ordnungsamt", "demo-ordnungsamt", "coordinator", "Markus Weber (Ordnungsamt)",
     ORDNUNGSAMT),
    ("ausschuss", "demo-ausschuss", "viewer", "Gast Ausschuss HFDB", None),
)
