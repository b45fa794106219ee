"""Access: sign-in and sign-out, the signed-in user, roles and the role decorator.

Roles: ``admin`` (users and settings; may do everything), ``analyst`` (uploads process
models, reviews the analysis), ``coordinator`` (edits status and targets, optionally only
for the services of given departments), ``viewer`` (reads).  Every page needs a signed-in
user; :func:`role_required` guards writes.
"""

from __future__ import annotations

from web.auth.access import (
    ROLES,
    SignedInUser,
    init_login,
    may_edit_department,
    role_required,
)
from web.auth.views import bp

__all__ = ["ROLES", "SignedInUser", "bp", "init_login", "may_edit_department", "role_required"]
