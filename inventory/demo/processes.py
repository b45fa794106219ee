"""The demo city's process models, as compact descriptions (see :mod:`inventory.demo.spec`).

``scripts/make_demo_models.py`` turns :data:`MODELS` into ``inventory/demo/models/*.bpmn``.
Slugs are the service slugs of :mod:`inventory.demo.services`; a Soll model has the slug
of its service plus ``-soll``.
"""

from __future__ import annotations

from inventory.demo import process_internal, process_ozg
from inventory.demo.versions import REVISIONS, paper_era

MODELS: list[dict] = [*process_ozg.MODELS, *process_internal.MODELS]

_BY_SLUG = {desc["slug"]: desc for desc in MODELS}
MODELS.extend(paper_era(_BY_SLUG[slug]) for slug in REVISIONS)
