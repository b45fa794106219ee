"""Labels: estimating text width, wrapping to a box, writing ``<text>`` lines.

No font is loaded (the SVG must not reference external fonts), so widths are
estimated from typical sans-serif glyph widths; the estimate errs on the wide side
so that wrapped lines stay inside their box in common browser fonts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from procmodel.model import Bounds

from .svg import SvgWriter, num

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


def _split_long_word(word: str, width: float, size: float) -> list[str]:
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
            *head, piece = _split_long_word(piece, width, size)
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
                *head, current = _split_long_word(word, width, size)
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


def _overlaps(a: tuple[float, float, float, float], b: Bounds) -> bool:
    x0, y0, x1, y1 = a
    return x0 < b.x + b.width and b.x < x1 and y0 < b.y + b.height and b.y < y1


@dataclass(frozen=True)
class _Block:
    """Wrapped lines and where they go (unrotated): anchor ``x``, top of the first line."""

    lines: list[str]
    x: float
    top: float
    line_height: float
    size: float
    anchor: str
    #: Anchor x of each line when lines differ (set beside a marker), else empty.
    xs: tuple[float, ...] = ()

    def line_x(self, index: int) -> float:
        return self.xs[index] if self.xs else self.x

    def line_boxes(self) -> list[tuple[float, float, float, float]]:
        """Estimated ``(x0, y0, x1, y1)`` of each line."""
        boxes = []
        for index, line in enumerate(self.lines):
            w = text_width(line, self.size)
            x = self.line_x(index)
            x0 = x if self.anchor == "start" else x - w / 2
            y0 = self.top + index * self.line_height
            boxes.append((x0, y0, x0 + w, y0 + self.line_height))
        return boxes


def _block(value: str, box: Bounds, style: LabelStyle, padding: float, pad_y: float,
           rotated: bool) -> _Block | None:
    if rotated:
        width = box.height - 2 * padding
        height = box.width - 2 * pad_y
    else:
        width = box.width - 2 * padding
        height = box.height - 2 * pad_y
    width = max(width, style.size * 2)
    # Unclipped (external) labels may overhang their box slightly rather than wrap
    # early: the width estimate errs on the wide side.
    lines = wrap(value, width if style.clip else width * 1.1, style.size,
                 break_words=style.clip)
    if not lines:
        return None
    line_height = style.size * LINE_HEIGHT
    if style.clip:
        lines = fit_lines(lines, int(max(height, line_height) // line_height), width, style.size)
    total = line_height * len(lines)
    centre = box.centre
    if rotated:
        return _Block(lines, centre.x, centre.y - total / 2, line_height, style.size, "middle")
    x = box.x + padding if style.anchor == "start" else centre.x
    top = box.y + pad_y if style.vertical == "top" else centre.y - total / 2
    return _Block(lines, x, top, line_height, style.size, style.anchor)


def write_label(
    svg: SvgWriter,
    value: str | None,
    box: Bounds,
    style: LabelStyle = LabelStyle(),
    *,
    padding: float = 0.0,
    padding_y: float | None = None,
    rotate: float | None = None,
    keep_out: tuple[Bounds, ...] = (),
) -> Bounds | None:
    """Write ``value`` wrapped into ``box`` (less ``padding``), optionally rotated.

    With ``rotate=-90`` the text runs bottom to top and the box's height is the line width.
    ``keep_out`` are areas inside the box the text must not cover (task-type markers at
    the top, loop markers at the bottom): when the centred text would touch one, it is
    wrapped again into the part of the box between them. Returns the estimated bounds of
    the text (also recorded in ``svg.extents`` for the viewBox), ``None`` when nothing
    was written.
    """
    if not value or not value.strip():
        return None
    pad_y = padding if padding_y is None else padding_y
    block = _block(value, box, style, padding, pad_y, rotate is not None)
    if block is None:
        return None
    if rotate is None and keep_out and any(
        _overlaps(line, area) for line in block.line_boxes() for area in keep_out
    ):
        block = _block_around(value, box, style, padding, pad_y, keep_out) or block
    boxes = block.line_boxes()
    x0 = min(b[0] for b in boxes)
    x1 = max(b[2] for b in boxes)
    y0, y1 = boxes[0][1], boxes[-1][3]
    if rotate is not None:
        # Lay the text out around the box centre, then rotate about that centre.
        centre = box.centre
        transform = f"rotate({num(rotate)} {num(centre.x)} {num(centre.y)})"
        # A quarter turn swaps the extents about the centre.
        half_w, half_h = (x1 - x0) / 2, (y1 - y0) / 2
        extent = (centre.x - half_h, centre.y - half_w, centre.x + half_h, centre.y + half_w)
    else:
        transform = None
        extent = (x0, y0, x1, y1)
    svg.note_extent(*extent)
    svg.open(
        "text",
        class_="bpmn-label",
        x=block.x,
        y=block.top,
        font_family=FONT_FAMILY,
        font_size=num(style.size),
        fill=style.colour,
        text_anchor=block.anchor,
        transform=transform,
    )
    for index, line in enumerate(block.lines):
        # The baseline sits at ~80 % of the line box for common sans-serif fonts.
        y = block.top + index * block.line_height + style.size * 0.95
        svg.element("tspan", line, x=block.line_x(index), y=y)
    svg.close("text")
    return Bounds(extent[0], extent[1], extent[2] - extent[0], extent[3] - extent[1])


def _tokens(value: str) -> list[tuple[str, str]]:
    """``(glue, piece)`` pairs: glue is " " between words, "" inside a compound broken
    after its hyphen, "\n" for an explicit line break."""
    tokens: list[tuple[str, str]] = []
    normalised = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    for p_index, paragraph in enumerate(normalised.split("\n")):
        for w_index, word in enumerate(paragraph.split()):
            glue = "\n" if p_index and not w_index else " "
            for c_index, piece in enumerate(re.split(r"(?<=-)(?=.)", word)):
                tokens.append((glue if c_index == 0 else "", piece))
    return tokens


def _slot(anchor: str, left: float, right: float, y0: float, y1: float,
          keep_out: tuple[Bounds, ...]) -> tuple[float, float]:
    """Anchor x and width of one line between ``y0`` and ``y1`` beside the keep-out
    areas: a line next to the task-type marker is set in the room right of it."""
    centre = (left + right) / 2
    for area in keep_out:
        if not (area.y < y1 and y0 < area.y + area.height):
            continue
        a0, a1 = area.x, area.x + area.width
        if a1 <= left or a0 >= right:
            continue
        if a0 < centre < a1:
            return centre, 0.0
        if a1 <= centre:
            left = max(left, a1)
        else:
            right = min(right, a0)
    return (left if anchor == "start" else (left + right) / 2), right - left


def _fill(tokens: list[tuple[str, str]], widths: list[float], size: float, full: float,
          break_words: bool) -> tuple[list[str], list[tuple[str, str]]]:
    """Greedy fill of lines with ``widths``; returns the lines and the tokens left over."""
    rest = list(tokens)
    lines: list[str] = []
    for width in widths:
        line = ""
        while rest:
            glue, piece = rest[0]
            if line and glue == "\n":
                rest[0] = (" ", piece)
                break
            candidate = line + (glue.strip() if glue == "" else " ") + piece if line else piece
            if text_width(candidate, size) <= width:
                line = candidate
                rest.pop(0)
                continue
            if not line and width >= full - 0.5:
                # A piece wider than the whole box: split it (or let it overhang).
                if break_words:
                    head, *tail = _split_long_word(piece, width, size)
                    line = head
                    rest[0:1] = [("", "".join(tail))] if tail else []
                else:
                    line = piece
                    rest.pop(0)
            break
        lines.append(line)
    return lines, rest


def _regions(box: Bounds, keep_out: tuple[Bounds, ...]) -> list[Bounds]:
    """Where a label may be centred: the whole box, the box above the areas at its
    bottom, and the band between the areas at its top and bottom."""
    middle = box.y + box.height / 2
    top, bottom = box.y, box.y + box.height
    for area in keep_out:
        if area.y + area.height / 2 < middle:
            top = max(top, area.y + area.height)
        else:
            bottom = min(bottom, area.y)
    regions = [box]
    if bottom < box.y + box.height:
        regions.append(Bounds(box.x, box.y, box.width, bottom - box.y))
    if top > box.y and bottom - top >= 14:
        regions.append(Bounds(box.x, top, box.width, bottom - top))
    return regions


def _block_around(value: str, box: Bounds, style: LabelStyle, padding: float, pad_y: float,
                  keep_out: tuple[Bounds, ...]) -> _Block | None:
    """Lines placed like :func:`_block` does, but none over a keep-out area: a line beside
    the task-type marker is set right of it, none beside the markers at the bottom centre.

    The label is centred in the whole box if it fits there, else in the box above the
    bottom markers, else between the markers; when it fits nowhere, the region that
    shows most of it is used and the text is cut with an ellipsis.
    """
    tokens = _tokens(value)
    if not tokens:
        return None
    left, right = box.x + padding, box.x + box.width - padding
    full = max(right - left, style.size * 2)
    line_height = style.size * LINE_HEIGHT
    best: tuple[int, list[str], list[tuple[float, float]], float] | None = None
    for region in _regions(box, keep_out):
        max_lines = max(1, int(max(region.height - 2 * pad_y, line_height) // line_height))
        for count in range(1, max_lines + 1):
            total = count * line_height
            top = region.y + pad_y if style.vertical == "top" else region.centre.y - total / 2
            slots = [
                _slot(style.anchor, left, right, top + i * line_height,
                      top + (i + 1) * line_height, keep_out)
                for i in range(count)
            ]
            lines, rest = _fill(tokens, [w for _, w in slots], style.size, full, style.clip)
            if best is None or len(rest) < best[0]:
                best = (len(rest), lines, slots, top)
            if not rest:
                break
        if best is not None and best[0] == 0:
            break
    assert best is not None
    left_over, lines, slots, top = best
    xs = [x for x, _ in slots]
    if left_over and style.clip:
        # Too long for the box: the last line that has room ends with an ellipsis.
        last = max((i for i, line in enumerate(lines) if line), default=None)
        if last is not None:
            cut = lines[last]
            while cut and text_width(cut + ELLIPSIS, style.size) > slots[last][1]:
                cut = cut[:-1]
            lines[last] = cut.rstrip() + ELLIPSIS
    # Empty slots (beside a marker too wide to set text next to) carry no line.
    while lines and not lines[-1]:
        lines.pop()
        xs.pop()
    while lines and not lines[0]:
        lines.pop(0)
        xs.pop(0)
        top += line_height
    if not any(lines):
        return None
    return _Block(lines, xs[0], top, line_height, style.size, style.anchor, tuple(xs))
