"""Narrative sections of the Sachstandsbericht: texts coordinators write per period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Narrative:
    """A narrative section written by coordinators (``handlungsfeld`` None: general)."""

    handlungsfeld: str | None
    title: str
    body: str
    updated_by: str = ""
    updated_at: datetime | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]

    @property
    def blocks(self) -> list[tuple[str, str | tuple[str, ...]]]:
        """The body as ``("p", text)`` paragraphs and ``("ul", items)`` bullet lists.

        Coordinators write plain text: a blank line starts a new paragraph, lines
        beginning with "* ", "- " or "• " are list items (an indented line continues
        the item above), other lines of a paragraph are joined with a space.
        """
        blocks: list[tuple[str, str | tuple[str, ...]]] = []
        para: list[str] = []
        items: list[str] = []

        def flush() -> None:
            if para:
                blocks.append(("p", " ".join(para)))
                para.clear()
            if items:
                blocks.append(("ul", tuple(items)))
                items.clear()

        for raw in self.body.replace("\r\n", "\n").split("\n"):
            line = raw.strip()
            if not line:
                flush()
            elif _BULLET.match(line):
                if para:
                    blocks.append(("p", " ".join(para)))
                    para.clear()
                items.append(_BULLET.sub("", line, count=1).strip())
            elif items and raw[:1].isspace():
                items[-1] += " " + line
            else:
                if items:
                    blocks.append(("ul", tuple(items)))
                    items.clear()
                para.append(line)
        flush()
        return blocks


#: A bullet at the start of a narrative line.
_BULLET = re.compile(r"^[*•\-–]\s+")
