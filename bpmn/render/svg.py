"""A minimal, escaping SVG writer.

Everything that reaches the output goes through :func:`attr` or :func:`text`, so
labels, ids and colours taken from an uploaded model can never close a tag, open
a script or add an event attribute.  Colours and class names are additionally
checked against strict patterns: an escaped but hostile ``fill`` such as
``url(http://…)`` would still be an external reference.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Mapping

# Characters XML 1.0 forbids (C0 controls except tab, newline, carriage return, and
# the non-characters); an uploaded label containing them must not break the SVG.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_COLOUR = re.compile(
    r"^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|rgba?\(\s*[\d.%\s,]+\)|hsla?\(\s*[\d.%\s,deg]+\))$"
)
_CLASS = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
# Anything that needs escaping or removing; most values have none of it (fast path).
_SPECIAL_TEXT = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPECIAL_ATTR = re.compile("[&<>\"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(value: str) -> str:
    """``value`` without characters that are not allowed in XML."""
    return _INVALID_XML.sub("", value)


def text(value: str) -> str:
    """Escape character data."""
    if _SPECIAL_TEXT.search(value) is None:
        return value
    return (
        clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    )


def attr(value: object) -> str:
    """Escape an attribute value (always written in double quotes)."""
    value = str(value)
    if _SPECIAL_ATTR.search(value) is None:
        return value
    return (
        text(value)
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (0 for NaN/inf)."""
    if not math.isfinite(value):
        return "0"
    if value == int(value):
        return str(int(value))
    formatted = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if formatted in ("-0", "") else formatted


def points(coords: Iterable[tuple[float, float]]) -> str:
    """An SVG ``points`` list."""
    return " ".join(f"{num(x)},{num(y)}" for x, y in coords)


def safe_colour(value: str | None) -> str | None:
    """``value`` when it is a plain colour (hex, name, rgb(), hsl()), else ``None``."""
    if value and _COLOUR.match(value.strip()):
        return value.strip()
    return None


def is_class_name(value: str) -> bool:
    return bool(_CLASS.match(value))


@functools.lru_cache(maxsize=256)
def _attribute_name(key: str) -> str:
    """``class_`` -> ``class``, ``stroke_width`` -> ``stroke-width``."""
    return key.rstrip("_").replace("_", "-")


class SvgWriter:
    """Collects SVG markup; attribute values are escaped here and nowhere else."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        #: Boxes ``(x0, y0, x1, y1)`` of drawn text, so the viewBox can take them in.
        self.extents: list[tuple[float, float, float, float]] = []

    def note_extent(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Record that something was drawn inside ``(x0, y0)``–``(x1, y1)``."""
        self.extents.append((x0, y0, x1, y1))

    @staticmethod
    def _attrs(attrs: Mapping[str, object | None]) -> str:
        out = []
        for key, value in attrs.items():
            if value is None:
                continue
            name = _attribute_name(key)
            if isinstance(value, float):
                value = num(value)
            out.append(f' {name}="{attr(value)}"')
        return "".join(out)

    def open(self, tag: str, **attrs: object | None) -> None:
        self.parts.append(f"<{tag}{self._attrs(attrs)}>")

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def empty(self, tag: str, **attrs: object | None) -> None:
        self.parts.append(f"<{tag}{self._attrs(attrs)}/>")

    def element(self, tag: str, content: str, **attrs: object | None) -> None:
        """An element with escaped text content."""
        self.parts.append(f"<{tag}{self._attrs(attrs)}>{text(content)}</{tag}>")

    def raw(self, markup: str) -> None:
        """Markup built by this package only (never from model content)."""
        self.parts.append(markup)

    def getvalue(self) -> str:
        return "".join(self.parts)
