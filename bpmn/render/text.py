"""Text: estimating text width and wrapping to a width (placing labels: :mod:`.labels`).

No font is loaded (the SVG must not reference external fonts), so widths are
estimated from typical sans-serif glyph widths; the estimate errs on the wide side
so that wrapped lines stay inside their box in common browser fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FONT_FAMILY = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif"
LINE_HEIGHT = 1.2
ELLIPSIS = "…"

_NARROW = set("iIljtr.,;:!|'`()[]{} f/\\")
_WIDE = set("mwMWÄÖÜ@%&")
_CAPITAL_FACTOR = 0.67


def char_width(char: str, size: float) -> float:
    """Estimated advance width of ``char`` at font size ``size``."""
    if char in _NARROW:
        return 0.3 * size
    if char in _WIDE:
        return 0.85 * size
    if char.isupper() or char.isdigit():
        return _CAPITAL_FACTOR * size if char.isupper() else 0.56 * size
    return 0.53 * size


def text_width(value: str, size: float) -> float:
    return sum(char_width(c, size) for c in value)


def split_long_word(word: str, width: float, size: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char + "-", size) > width:
            pieces.append(current + "-")
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def _hyphen_parts(word: str, width: float, size: float, break_words: bool) -> list[str]:
    """``word`` in lines broken after its hyphens, pieces packed as far as they fit."""
    lines: list[str] = []
    current = ""
    for piece in re.split(r"(?<=-)(?=.)", word):
        if current and text_width(current + piece, size) > width:
            lines.append(current)
            current = ""
        if break_words and text_width(piece, size) > width:
            *head, piece = split_long_word(piece, width, size)
            lines.extend(head)
        current += piece
    return [*lines, current]


def wrap(value: str, width: float, size: float, *, break_words: bool = True) -> list[str]:
    """Lines of ``value`` that fit ``width``; explicit line breaks are kept.

    A word wider than ``width`` is split when ``break_words`` is set, else it gets a
    line of its own (external labels may overhang their box a little) unless it is
    more than 1.5 times as wide.
    """
    lines: list[str] = []
    normalised = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    for paragraph in normalised.split("\n"):
        words = paragraph.split()
        if not words:
            if lines:
                lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if "-" in word.strip("-") and text_width(word, size) > width:
                # A compound that does not fit breaks after its own hyphen first.
                *head, current = _hyphen_parts(word, width, size, break_words)
                lines.extend(head)
            elif text_width(word, size) > (width if break_words else 1.5 * width):
                # Even where words may overhang (external labels), one more than 1.5 times
                # the box's width is split: it would run far into its neighbours.
                *head, current = split_long_word(word, width, size)
                lines.extend(head)
            else:
                current = word
        if current:
            lines.append(current)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def fit_lines(lines: list[str], max_lines: int, width: float, size: float) -> list[str]:
    """At most ``max_lines`` lines; the last visible one ends with an ellipsis when cut."""
    if max_lines < 1:
        max_lines = 1
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + ELLIPSIS, size) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + ELLIPSIS
    return kept


@dataclass(frozen=True)
class LabelStyle:
    size: float = 12.0
    colour: str = "#000000"
    anchor: str = "middle"  # start | middle
    vertical: str = "middle"  # top | middle
    clip: bool = True  # cut lines that do not fit the box height
