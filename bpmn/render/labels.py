"""Labels: placing wrapped text in a box, clear of markers, and writing ``<text>`` lines.

:func:`write_label` centres (or top-aligns) the lines :func:`~bpmn.render.text.wrap`
makes; inside activities it keeps them off the task-type and activity markers
(``keep_out``) and records the text's extent for the viewBox.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from procmodel.model import Bounds

from .svg import SvgWriter, num
from .text import (
    ELLIPSIS,
    FONT_FAMILY,
    LINE_HEIGHT,
    LabelStyle,
    fit_lines,
    split_long_word,
    text_width,
    wrap,
)

DEFAULT_STYLE = LabelStyle()


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
    #: Whether text was cut (ellipsis) to fit the box.
    cut: bool = False

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
    wrapped = len(lines)
    if style.clip:
        lines = fit_lines(lines, int(max(height, line_height) // line_height), width, style.size)
    cut = len(lines) < wrapped
    total = line_height * len(lines)
    centre = box.centre
    if rotated:
        return _Block(lines, centre.x, centre.y - total / 2, line_height, style.size, "middle",
                      cut=cut)
    x = box.x + padding if style.anchor == "start" else centre.x
    top = box.y + pad_y if style.vertical == "top" else centre.y - total / 2
    return _Block(lines, x, top, line_height, style.size, style.anchor, cut=cut)


def _nudged(block: _Block, box: Bounds, pad_y: float,
            keep_out: tuple[Bounds, ...]) -> _Block | None:
    """``block`` moved down just below the keep-out areas it touches at the top of the
    box, when it then touches none and still ends inside the box; else ``None``."""
    if block.cut:
        return None
    middle = box.y + box.height / 2
    boxes = block.line_boxes()
    below = max((a.y + a.height for a in keep_out if a.y + a.height / 2 < middle
                 and any(_overlaps(line, a) for line in boxes)), default=None)
    if below is None:
        return None
    moved = dataclasses.replace(block, top=max(block.top, below))
    if moved.top + len(moved.lines) * moved.line_height > box.y + box.height - pad_y:
        return None
    if any(_overlaps(line, a) for line in moved.line_boxes() for a in keep_out):
        return None
    return moved


def write_label(
    svg: SvgWriter,
    value: str | None,
    box: Bounds,
    style: LabelStyle = DEFAULT_STYLE,
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
    moved down just below the top ones if it fits there whole, else set around them
    (:func:`_block_around`). Returns the estimated bounds of
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
        block = (_nudged(block, box, pad_y, keep_out)
                 or _block_around(value, box, style, padding, pad_y, keep_out) or block)
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
                    head, *tail = split_long_word(piece, width, size)
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
