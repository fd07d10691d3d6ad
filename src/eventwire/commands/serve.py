"""`eventwire serve`: the HTTP API and web dashboard over an event store."""

from __future__ import annotations

import argparse
import os
import sys

from eventwire.store.paths import resolve_db_path


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "serve",
        help="serve the HTTP API and the web dashboard",
        description="Serve the HTTP API (OpenAPI at /openapi.json) and the dashboard (at /) over the event "
        "store's read snapshot. Safe to run while `eventwire watch` or `ingest` writes the store.",
    )
    p.add_argument(
        "--db",
        default=None,
        help="event store (DuckDB file); default: $EVENTWIRE_DB, else ~/.local/share/eventwire/events.duckdb",
    )
    p.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)"
    )
    p.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    p.add_argument(
        "--token",
        default=os.environ.get("EVENTWIRE_TOKEN"),
        help="require this bearer token for POST /code (default: $EVENTWIRE_TOKEN, else none)",
    )
    p.add_argument(
        "--max-body",
        type=int,
        default=512 * 1024,
        metavar="BYTES",
        help="largest request body accepted (default 524288)",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="how long to wait for a writer's first snapshot when the store is locked (default 60)",
    )
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from eventwire.server.app import create_app
        from eventwire.server.reader import StoreUnavailable
    except ImportError as exc:
        print(
            f"eventwire serve needs FastAPI and uvicorn: pip install 'eventwire[serve]' ({exc})",
            file=sys.stderr,
        )
        return 2
    db = resolve_db_path(args.db)
    try:
        app = create_app(db, token=args.token, max_body_bytes=args.max_body, snapshot_wait_s=args.wait)
    except StoreUnavailable as exc:
        print(f"eventwire serve: {exc}", file=sys.stderr)
        return 1
    if args.host not in ("127.0.0.1", "localhost", "::1") and not args.token:
        print(
            f"warning: serving on {args.host} without --token: anyone who can reach it may POST /code",
            file=sys.stderr,
        )
    print(
        f"eventwire: serving {db} on http://{args.host}:{args.port}/ (API schema at /openapi.json)",
        file=sys.stderr,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_level=args.log_level,
        server_header=False,
        timeout_keep_alive=5,
    )
    return 0
