"""Diagrams for the pages: render a stored model version as inline SVG.

The renderer (``bpmn.render.render_svg``) produces a standalone SVG that may carry its
own ``<style>`` element.  The page's Content-Security-Policy forbids inline styles, so
the style is taken out of the markup and served by the app as a stylesheet
(``/processes/diagram.css``); the rest is embedded in the page, where the viewer script
can zoom, pan and focus elements by their ``data-element-id``.
"""

from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping

from markupsafe import Markup

import bpmn
from procmodel.model import Definitions

_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_SCRIPT = re.compile(r"<script\b.*?</script\s*>", re.DOTALL | re.IGNORECASE)
_CDATA = re.compile(r"^\s*<!\[CDATA\[(.*)\]\]>\s*$", re.DOTALL)


class DiagramCache:
    """A small LRU of rendered diagrams keyed by content hash, highlight and language."""

    def __init__(self, size: int = 192) -> None:
        self.size = size
        self._items: OrderedDict[tuple, tuple[str, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.css: dict[str, str] = {}

    def get(self, key: tuple) -> tuple[str, str] | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple, value: tuple[str, str]) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def split_style(svg: str) -> tuple[str, str]:
    """``svg`` without prologue, ``<style>`` and ``<script>``; and the style's CSS."""
    css_parts: list[str] = []

    def take(match: re.Match[str]) -> str:
        body = match.group(1)
        cdata = _CDATA.match(body)
        # In the SVG (XML) the style text is entity-escaped ("&gt;"); a stylesheet is not.
        css_parts.append(cdata.group(1) if cdata else html.unescape(body))
        return ""

    markup = _PROLOGUE.sub("", svg, count=1)
    markup = _STYLE.sub(take, markup)
    markup = _SCRIPT.sub("", markup)
    return markup, "\n".join(css_parts)


def parsed(cache: DiagramCache, sha256: str, data: bytes) -> Definitions:
    """The parsed model of a stored version (kept in the cache by content hash)."""
    key = ("model", sha256)
    cached = cache.get(key)
    if cached is None:
        cached = (bpmn.parse(data), "")  # type: ignore[assignment]
        cache.put(key, cached)
    return cached[0]  # type: ignore[return-value]


def laid_out(cache: DiagramCache, sha256: str, data: bytes) -> tuple[Definitions, bool]:
    """The model to draw and whether its diagram was generated (``auto_layout``).

    A model without a diagram layer (process-only exports, generated files) is laid out
    with graphviz; the result is cached, since ``dot`` costs about 100 ms per model.
    Raises ``bpmn.render.MissingGraphviz`` when ``dot`` is not installed.
    """
    model = parsed(cache, sha256, data)
    if model.diagrams or not any(p.flow_nodes for p in model.processes):
        return model, False
    key = ("layout", sha256)
    cached = cache.get(key)
    if cached is None:
        from bpmn.layout import auto_layout

        cached = (auto_layout(model), "")  # type: ignore[assignment]
        cache.put(key, cached)
    return cached[0], True  # type: ignore[return-value]


def diagrams_of(cache: DiagramCache, sha256: str, data: bytes) -> list[tuple[str, str]]:
    """(id, name) of every diagram of a stored model, for choosing one to show."""
    model = parsed(cache, sha256, data)
    return [(d.id or "", d.name or d.id or str(n + 1))
            for n, d in enumerate(model.diagrams) if d.id]


def element_diagrams(cache: DiagramCache, sha256: str, data: bytes) -> dict[str, str]:
    """Element id → id of the first diagram that draws it (for links to findings)."""
    key = ("element-diagrams", sha256)
    cached = cache.get(key)
    if cached is None:
        model = parsed(cache, sha256, data)
        where: dict[str, str] = {}
        for d in model.diagrams:
            for part in (*d.shapes, *d.edges):
                if part.element_id and d.id:
                    where.setdefault(part.element_id, d.id)
        cached = (where, "")  # type: ignore[assignment]
        cache.put(key, cached)
    return dict(cached[0])  # type: ignore[arg-type]


def render_version(cache: DiagramCache, sha256: str, data: bytes, *,
                   highlight: Mapping[str, str] | None = None, language: str = "de",
                   diagram_id: str | None = None) -> Markup | None:
    """Inline SVG markup of a stored model (``None`` when it has nothing to draw).

    Models without a diagram layer are drawn from an automatic layout (:func:`laid_out`).
    """
    key = (sha256, tuple(sorted((highlight or {}).items())), language, diagram_id)
    cached = cache.get(key)
    if cached is None:
        from bpmn.render import render_svg

        model, generated = laid_out(cache, sha256, data)
        if not model.diagrams:
            cached = ("", "")
        else:
            svg = render_svg(model, None if generated else diagram_id,
                             highlight=dict(highlight or {}), language=language)
            cached = split_style(svg)
        cache.put(key, cached)
        if cached[1]:
            cache.css[language] = cached[1]
    markup, _css = cached
    # The renderer escapes every label and attribute taken from the file (bpmn.render.svg).
    return Markup(markup) if markup else None  # noqa: S704


def standalone_svg(cache: DiagramCache, sha256: str, data: bytes, *,
                   highlight: Mapping[str, str] | None = None, language: str = "de",
                   diagram_id: str | None = None) -> str:
    """The diagram as a standalone SVG file (auto-laid-out when the file has none)."""
    from bpmn.render import render_svg

    model, generated = laid_out(cache, sha256, data)
    return render_svg(model, None if generated else diagram_id,
                      highlight=dict(highlight or {}), language=language)


def with_generated_diagram(cache: DiagramCache, sha256: str, data: bytes) -> bytes:
    """The model as BPMN XML with its automatically generated diagram layer."""
    from bpmn.writer import write_bpmn

    model, _generated = laid_out(cache, sha256, data)
    return write_bpmn(model)


#: A one-task model, rendered once to obtain the renderer's stylesheet when no diagram
#: has been rendered yet by this process.
STYLE_PROBE = b"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" id="probe" targetNamespace="urn:probe">
  <process id="p"><task id="t" name="t"/></process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="pl" bpmnElement="p">
    <bpmndi:BPMNShape id="ts" bpmnElement="t"><dc:Bounds x="0" y="0" width="100" height="80"/>
    </bpmndi:BPMNShape></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</definitions>"""


def diagram_css(cache: DiagramCache, language: str = "de") -> str:
    """The renderer's stylesheet (taken from any rendered diagram, else from a probe)."""
    css = cache.css.get(language) or next(iter(cache.css.values()), None)
    if css is None:
        render_version(cache, "style-probe", STYLE_PROBE, language=language)
        css = cache.css.get(language, "")
    return css
