"""API tokens for scripts: created by an admin, stored only as a hash.

A token is ``pm_`` followed by 43 random URL-safe characters (256 bits).  Only its
SHA-256 digest and a short prefix (to recognise it in lists) are stored; the plain token
is shown once when it is created.  A fast hash is right here: the token is random and
long, so there is nothing to guess that a slow hash would protect.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from inventory.db import Base, UtcDateTime, utcnow
from inventory.errors import InvalidValue, NotFound
from inventory.tables.users import User
from inventory.users import get_user

PREFIX = "pm_"


class ApiToken(Base):
    """A token that authenticates a script as a user at the JSON API."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id", ondelete="CASCADE"),
                                         index=True)
    name: Mapped[str] = mapped_column(String(200))
    token_prefix: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"))
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user_id: int, name: str, *,
                 created_by: int | None = None) -> tuple[ApiToken, str]:
    """Create a token for ``user_id``; returns the row and the plain token (shown once)."""
    name = (name or "").strip()
    if not name:
        raise InvalidValue("name", name, "Bitte geben Sie einen Namen für den Schlüssel an "
                           "(wofür er verwendet wird).")
    if len(name) > 200:
        raise InvalidValue("name", name, "Der Name ist zu lang (höchstens 200 Zeichen).")
    user = get_user(session, user_id)
    if not user.active:
        raise InvalidValue("user", user.username,
                           f"Das Konto {user.username} ist deaktiviert.")
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, token_prefix=plain[:10],
                     token_hash=_digest(plain), created_by_id=created_by,
                     created_at=utcnow())
    session.add(token)
    session.flush()
    return token, plain


def user_for_token(session: Session, plain: str, *, touch: bool = True) -> User | None:
    """The active user a valid, unrevoked token belongs to; ``None`` otherwise."""
    if not plain or not plain.startswith(PREFIX) or len(plain) > 200:
        return None
    digest = _digest(plain)
    token = session.scalars(select(ApiToken).where(ApiToken.token_hash == digest)).first()
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    if token.revoked_at is not None or not token.user.active:
        return None
    if touch:
        token.last_used_at = utcnow()
    return token.user


def list_tokens(session: Session, user_id: int | None = None) -> list[ApiToken]:
    query = select(ApiToken).order_by(ApiToken.id.desc())
    if user_id is not None:
        query = query.where(ApiToken.user_id == user_id)
    return list(session.scalars(query))


def revoke_token(session: Session, token_id: int) -> ApiToken:
    token = session.get(ApiToken, token_id)
    if token is None:
        raise NotFound(f"API-Schlüssel {token_id} gibt es nicht.")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
    return token
