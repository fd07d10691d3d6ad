"""`eventwire serve`: the HTTP API and the offline web dashboard over the event store's read snapshot."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventwire.server.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is an optional dependency (extra "serve"); import it only when the server is used.
    if name == "create_app":
        from eventwire.server.app import create_app

        return create_app
    raise AttributeError(name)
