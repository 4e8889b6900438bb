"""Who may write: every write needs ``Authorization: Bearer <token>`` of a known user.

Tokens are random, shown once (``tallied users add NAME``) and stored hashed; the store compares
them in constant time (``Store.add_user`` / ``Store.check_token``). Reading stays open: the
server binds to loopback by default.
"""
from __future__ import annotations

from typing import Protocol

from fastapi import Request

from .errors import ApiError


class UserBook(Protocol):
    """The one method auth needs: the user name a token belongs to, or None."""

    def user_for_token(self, token: str) -> str | None: ...


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def require_user(request: Request) -> str:
    """FastAPI dependency for every write: the user name, or 401 in the one error shape."""
    token = bearer_token(request)
    if token is None:
        raise ApiError(401, "this is a write: send 'Authorization: Bearer <token>' "
                            "(create a user with 'tallied users add NAME')")
    user = request.app.state.users.user_for_token(token)
    if user is None:
        raise ApiError(401, "unknown or revoked token: check it, or create one with "
                            "'tallied users add NAME'")
    return user
