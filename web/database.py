"""One database session per request.

The engine is made once per application from the ``DATABASE_URL`` setting; each
request gets its own :class:`~sqlalchemy.orm.Session` from :func:`db`, closed (and
rolled back unless committed) when the request ends.  Views own the transaction:
they call the domain, then ``db().commit()``.
"""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session, sessionmaker

from inventory.db import make_engine, make_session_factory

EXTENSION = "procmodel.db"


def init_app(app: Flask) -> None:
    url = app.config["DATABASE_URL"]
    kwargs = {}
    if url.startswith("sqlite"):
        # waitress serves requests from several threads; each gets its own connection.
        kwargs["connect_args"] = {"check_same_thread": False}
    engine = make_engine(url, **kwargs)
    app.extensions[EXTENSION] = make_session_factory(engine)
    app.teardown_appcontext(_close_session)


def session_factory(app: Flask | None = None) -> sessionmaker[Session]:
    """The application's session factory (for background jobs outside a request)."""
    return (app or current_app).extensions[EXTENSION]


def db() -> Session:
    """The session of the current request (created on first use)."""
    if "db_session" not in g:
        g.db_session = session_factory()()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.rollback()
        session.close()
