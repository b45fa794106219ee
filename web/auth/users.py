"""Accounts from the register, converted at the boundary into :class:`SignedInUser`."""

from __future__ import annotations

from inventory import tokens
from inventory import users as register_users
from inventory.errors import AuthenticationFailed
from inventory.tables.users import User
from web.auth.access import SignedInUser
from web.database import db


def signed_in(user: User) -> SignedInUser:
    return SignedInUser(
        id=user.id,
        username=user.username,
        display_name=user.display_name or user.username,
        role=user.role,
        departments=(user.department,) if user.department else (),
        active=bool(user.active),
    )


def load_user(user_id: int) -> SignedInUser | None:
    user = db().get(User, user_id)
    if user is None or not user.active:
        return None
    return signed_in(user)


def authenticate(username: str, password: str) -> SignedInUser | None:
    """The user when name and password match an active account, else ``None``."""
    session = db()
    try:
        user = register_users.authenticate(session, username, password)
    except AuthenticationFailed:
        session.rollback()
        return None
    session.commit()  # authenticate records the time of the last sign-in
    return signed_in(user)


def user_for_token(token: str) -> SignedInUser | None:
    session = db()
    user = tokens.user_for_token(session, token)
    if user is None:
        return None
    session.commit()  # last_used_at
    return signed_in(user)
