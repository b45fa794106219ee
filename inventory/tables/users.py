"""Users of the register and their roles.

Passwords are stored only as argon2id hashes (argon2-cffi, see :mod:`inventory.users`).
A coordinator may be restricted to one department (``department``): they then edit
only that department's services.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from inventory.db import Base, UtcDateTime, utcnow

ROLES: tuple[str, ...] = ("admin", "analyst", "coordinator", "viewer")


class User(Base):
    """An account: login name, display name, argon2 hash, role, optional department."""

    __tablename__ = "app_user"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'analyst', 'coordinator', 'viewer')",
                        name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(300))
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def may_edit_department(self, department: str | None) -> bool:
        """Whether this user may change services of ``department``."""
        if not self.active or self.role in ("viewer",):
            return False
        if self.role in ("admin", "analyst"):
            return True
        return self.department is None or self.department == department
