"""The JSON API (``/api/v1``) for other city systems and scripts.

Authentication: a signed-in browser session, or ``Authorization: Bearer <token>`` with a
token an admin created (:mod:`inventory.tokens`).  Writes with a session cookie must
carry the CSRF token in the ``X-CSRFToken`` header; token requests need none (no
cookie, so no cross-site forgery).  The description is served at
``/api/v1/openapi.json``.
"""

from web.api.views import bp

__all__ = ["bp"]
