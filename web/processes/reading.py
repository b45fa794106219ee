"""Reading an uploaded BPMN file with the app's settings (shared by the pages and the API)."""

from __future__ import annotations

from flask import current_app

import bpmn


def read_upload(data: bytes, filename: str) -> bpmn.ReadResult:
    """``bpmn.read`` with the configured size and depth limits, schema check and disabled
    rules; raises ``bpmn.UnreadableBpmn`` like the reader."""
    config = current_app.config
    limits = bpmn.ReadLimits(max_bytes=int(config["MAX_UPLOAD_BYTES"]),
                             max_depth=int(config["MAX_XML_DEPTH"]))
    return bpmn.read(data, filename=filename, limits=limits,
                     schema=bool(config.get("SCHEMA_CHECK", True)),
                     disabled_rules=tuple(config.get("DISABLED_RULES") or ()))
