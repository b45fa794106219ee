"""Accounts: creating users, checking passwords, roles.

Passwords are hashed with argon2id (argon2-cffi's defaults, which follow RFC 9106's
recommendations); a hash made with older parameters is replaced on the next
successful login.  Nothing else ever sees a password.
"""

from __future__ import annotations

import contextlib

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inventory.db import utcnow
from inventory.errors import AuthenticationFailed, InvalidValue, NotFound
from inventory.tables import User
from inventory.tables.users import ROLES

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "authenticate",
    "create_user",
    "get_user",
    "hash_password",
    "list_users",
    "set_active",
    "set_password",
    "set_role",
    "user_by_name",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()
# Verifying against this keeps the time of "unknown user" equal to "wrong password".
_DUMMY_HASH = _HASHER.hash("procmodel-timing-equaliser")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (checked for a minimum length)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue("password", None, f"Das Passwort muss mindestens "
                                             f"{MIN_PASSWORD_LENGTH} Zeichen lang sein.")
    return _HASHER.hash(password)


def verify_password(user: User, password: str) -> bool:
    """Whether ``password`` is ``user``'s password."""
    try:
        return _HASHER.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _check_role(role: str, department: str | None) -> None:
    if role not in ROLES:
        raise InvalidValue("role", role, f"Unbekannte Rolle „{role}“ (erlaubt: "
                                         f"{', '.join(ROLES)}).")
    if department and role != "coordinator":
        raise InvalidValue("department", department,
                           "Eine Fachbereichs-Einschränkung gibt es nur für Koordinatoren.")


def create_user(session: Session, username: str, password: str, *, role: str,
                display_name: str | None = None, email: str | None = None,
                department: str | None = None) -> User:
    """Create an account; ``department`` restricts a coordinator to that department."""
    username = username.strip()
    if not username:
        raise InvalidValue("username", username, "Der Benutzername darf nicht leer sein.")
    _check_role(role, department)
    if user_by_name(session, username) is not None:
        raise InvalidValue("username", username, f"Den Benutzer „{username}“ gibt es schon.")
    user = User(username=username, display_name=(display_name or username).strip(),
                email=email, password_hash=hash_password(password), role=role,
                department=department or None, active=True, created_at=utcnow())
    session.add(user)
    session.flush()
    return user


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"Benutzer {user_id} gibt es nicht.")
    return user


def user_by_name(session: Session, username: str) -> User | None:
    """The user with this login name (case-insensitive), or ``None``."""
    return session.scalars(select(User).where(
        func.lower(User.username) == username.strip().lower())).first()


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.username)))


def authenticate(session: Session, username: str, password: str) -> User:
    """The active user with these credentials; :class:`AuthenticationFailed` otherwise.

    Records the login time and upgrades an outdated hash.
    """
    user = user_by_name(session, username)
    if user is None:
        with contextlib.suppress(VerificationError):
            _HASHER.verify(_DUMMY_HASH, password)
        raise AuthenticationFailed("Benutzername oder Passwort ist falsch.")
    if not verify_password(user, password) or not user.active:
        raise AuthenticationFailed("Benutzername oder Passwort ist falsch.")
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    user.last_login_at = utcnow()
    session.flush()
    return user


def set_password(session: Session, user_id: int, password: str) -> User:
    user = get_user(session, user_id)
    user.password_hash = hash_password(password)
    session.flush()
    return user


def set_role(session: Session, user_id: int, role: str, *, department: str | None = None
             ) -> User:
    """Change a user's role (and coordinator department); the last admin stays admin."""
    user = get_user(session, user_id)
    _check_role(role, department)
    if user.role == "admin" and role != "admin" and _admin_count(session) <= 1:
        raise InvalidValue("role", role, "Der letzte Administrator kann nicht herabgestuft "
                                         "werden.")
    user.role = role
    user.department = department or None
    session.flush()
    return user


def set_active(session: Session, user_id: int, active: bool) -> User:
    """(De)activate an account; the last active admin cannot be deactivated."""
    user = get_user(session, user_id)
    if not active and user.role == "admin" and _admin_count(session) <= 1:
        raise InvalidValue("active", active, "Der letzte Administrator kann nicht "
                                             "deaktiviert werden.")
    user.active = active
    session.flush()
    return user


def _admin_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(User).where(
        User.role == "admin", User.active.is_(True))) or 0
