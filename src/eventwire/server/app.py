"""The HTTP API and dashboard of `eventwire serve`.

`create_app(db_path)` builds a FastAPI app that reads the event store's published read snapshot (never the
writer's file), so it serves while `eventwire watch` or `ingest` writes. The API is read-only; `POST /code`
codes text without storing it and, when a token is configured, needs it. Every error is a JSON body
`{"error", "message", "status"}`; unexpected failures are logged here and never sent to the client.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any, Protocol

import duckdb
from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire import __version__
from eventwire.records import Article, Event
from eventwire.server import queries
from eventwire.server.models import (
    MAX_CODE_TEXT_CHARS,
    ActorList,
    ArticleOut,
    CodeRequest,
    CodeResponse,
    DyadTimeline,
    ErrorBody,
    EventDetail,
    EventPage,
    Health,
    Interval,
    Level,
    Network,
    Order,
    SortField,
)
from eventwire.server.reader import SnapshotReader, StoreUnavailable

log = logging.getLogger("eventwire.server")

STATIC_DIR = Path(__file__).with_name("static")
DEFAULT_MAX_BODY_BYTES = 512 * 1024
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 404, 413, 422, 500, 503)
}
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; frame-ancestors 'none'"
)

Code = Annotated[str | None, Query(max_length=64, description="Actor code, e.g. RUSGOV")]


class ArticleCoder(Protocol):
    def code_article(self, article: Article) -> list[Event]: ...


def default_coder_factory() -> ArticleCoder:
    from eventwire.pipeline import Coder

    return Coder.default()


def _article_problem(article: Article) -> str | None:
    try:
        from eventwire.io.validate import article_problem
    except ImportError:  # the validator ships with the coder; without it only the size limit applies
        return None
    return article_problem(article)


class LazyCoder:
    """Builds the coder on first use (spaCy takes a second or two to load) and codes one text at a time."""

    def __init__(self, factory: Callable[[], ArticleCoder]):
        self._factory = factory
        self._coder: ArticleCoder | None = None
        self._lock = threading.Lock()

    def code(self, article: Article) -> list[Event]:
        with self._lock:
            if self._coder is None:
                self._coder = self._factory()
            return self._coder.code_article(article)


class BodyLimitMiddleware:
    """Rejects request bodies over `max_bytes` with 413 before the app sees them (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await self._reject(scope, receive, send, int(declared))
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._reject(scope, receive, send, size)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, size: int) -> None:
        response = _error(413, f"request body of {size} bytes is over the limit of {self.max_bytes} bytes")
        await response(scope, receive, send)


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                ]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    name = HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    return JSONResponse(
        {"error": name, "message": message, "status": status}, status_code=status, headers=headers
    )


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        loc = [str(x) for x in err.get("loc", ())]
        where = f"{loc[0]} {'.'.join(loc[1:])}".strip() if loc else "request"
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return _error(exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(StoreUnavailable)
    async def store_unavailable(request: Request, exc: StoreUnavailable) -> JSONResponse:
        return _error(503, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(500, "internal server error; the details are in the server log")


def _event_summary(row: dict[str, Any]) -> dict[str, Any]:
    def actor(side: str) -> dict[str, Any]:
        return {k: row.get(f"{side}_{k}") for k in ("code", "name", "country", "sector")}

    out = {k: v for k, v in row.items() if not k.startswith(("source_", "target_"))}
    out["source"] = actor("source")
    target = actor("target")
    out["target"] = target if any(target.values()) else None
    return out


def _request_cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    cur = request.app.state.reader.cursor()
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(_request_cursor)]
BEARER = HTTPBearer(auto_error=False, description="Needed for POST /code when the server has a token")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]
) -> None:
    token: str | None = request.app.state.token
    if token is None:
        return
    given = credentials.credentials if credentials else ""
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise HTTPException(
            401,
            "a valid token is needed: send 'Authorization: Bearer <token>'",
            headers={"WWW-Authenticate": "Bearer"},
        )


def create_app(
    db_path: str | Path,
    token: str | None = None,
    coder_factory: Callable[[], ArticleCoder] = default_coder_factory,
    *,
    check_interval: float = 1.0,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    snapshot_wait_s: float = 30.0,
    threads: int | None = None,
) -> FastAPI:
    """The API and dashboard over the event store at `db_path` (read through its published snapshot)."""
    reader = SnapshotReader(
        db_path, check_interval=check_interval, threads=threads, prepare=queries.prepare_generation
    ).open(wait_s=snapshot_wait_s)
    coder = LazyCoder(coder_factory)
    app = FastAPI(
        title="eventwire",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Political event data (CAMEO, PLOVER) with evidence. Read-only; POST /code "
        "codes text without storing it.",
        responses=ERROR_RESPONSES,
    )
    app.state.reader = reader
    app.state.token = token
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    _install_error_handlers(app)

    @app.get("/health", response_model=Health, tags=["meta"])
    def get_health(cur: Cursor) -> dict[str, Any]:
        return {"status": "ok", "snapshot": str(reader.snapshot), **queries.health(cur)}

    @app.get("/events", response_model=EventPage, tags=["events"])
    def list_events(
        cur: Cursor,
        source: Code = None,
        target: Code = None,
        actor: Annotated[str | None, Query(max_length=64, description="Actor code on either side")] = None,
        country: Annotated[str | None, Query(max_length=8, description="Country of source or target")] = None,
        sector: Annotated[str | None, Query(max_length=16, description="Sector of source or target")] = None,
        cameo: Annotated[
            str | None,
            Query(
                max_length=8, pattern=r"^\d{2,4}$", description="CAMEO root or code; matches codes below it"
            ),
        ] = None,
        cameo_root: Annotated[str | None, Query(pattern=r"^\d{2}$")] = None,
        plover: Annotated[str | None, Query(max_length=32)] = None,
        quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
        mode: Annotated[str | None, Query(max_length=32)] = None,
        date_from: date | None = None,
        date_to: date | None = None,
        q: Annotated[
            str | None, Query(max_length=200, description="Text search in sentence and names")
        ] = None,
        min_confidence: Annotated[
            float | None, Query(ge=0, le=1, description="Only events the coder is at least this sure of (0-1)")
        ] = None,
        sort: SortField = SortField.event_date,
        order: Order = Order.desc,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict[str, Any]:
        f = queries.EventFilters(
            source=source,
            target=target,
            actor=actor,
            country=country,
            sector=sector,
            cameo=cameo,
            cameo_root=cameo_root,
            plover=plover,
            quad_class=quad_class,
            mode=mode,
            date_from=date_from,
            date_to=date_to,
            q=q,
            min_confidence=min_confidence,
        )
        rows = queries.list_events(cur, f, sort, order, limit, offset)
        return {
            "total": queries.count_events(cur, f),
            "limit": limit,
            "offset": offset,
            "items": [_event_summary(r) for r in rows],
        }

    @app.get("/events/{event_id}", response_model=EventDetail, tags=["events"])
    def get_event(cur: Cursor, event_id: Annotated[str, PathParam(max_length=128)]) -> dict[str, Any]:
        row = queries.get_event(cur, event_id)
        if row is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        mentions = row.pop("mentions")
        return {**_event_summary(row), "mentions": mentions}

    @app.get("/actors", response_model=ActorList, tags=["actors"])
    def list_actors(
        cur: Cursor,
        q: Annotated[str | None, Query(max_length=100, description="Code prefix or part of the name")] = None,
        country: Annotated[str | None, Query(max_length=8)] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> dict[str, Any]:
        return {"items": queries.search_actors(cur, q, country, limit)}

    @app.get("/dyads/{a}/{b}/timeline", response_model=DyadTimeline, tags=["aggregates"])
    def get_dyad_timeline(
        cur: Cursor,
        a: Annotated[str, PathParam(max_length=64)],
        b: Annotated[str, PathParam(max_length=64)],
        interval: Interval = Interval.week,
        level: Level = Level.actor,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> dict[str, Any]:
        series = queries.dyad_timeline(cur, a, b, level, interval, date_from, date_to)
        return {"a": a, "b": b, "level": level, "interval": interval, **series}

    @app.get("/network", response_model=Network, tags=["aggregates"])
    def get_network(
        cur: Cursor,
        date_from: date | None = None,
        date_to: date | None = None,
        min_weight: Annotated[int, Query(ge=1, le=1_000_000_000)] = 1,
        max_edges: Annotated[int, Query(ge=1, le=2000)] = 300,
        level: Level = Level.actor,
        actor: Annotated[
            str | None, Query(max_length=64, description="Only edges touching this actor")
        ] = None,
    ) -> dict[str, Any]:
        result = queries.network(cur, level, date_from, date_to, min_weight, max_edges, actor)
        return {
            "level": level,
            "date_from": date_from,
            "date_to": date_to,
            "min_weight": min_weight,
            **result,
        }

    @app.get("/articles/{article_id}", response_model=ArticleOut, tags=["articles"])
    def get_article(
        cur: Cursor,
        article_id: Annotated[str, PathParam(max_length=256)],
        event: Annotated[str | None, Query(max_length=128, description="Only spans of this event")] = None,
    ) -> dict[str, Any]:
        article = queries.get_article(cur, article_id, event)
        if article is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return article

    @app.post("/code", response_model=CodeResponse, tags=["coding"], dependencies=[Depends(require_token)])
    def code_text(body: CodeRequest) -> dict[str, Any]:
        if len(body.text) > MAX_CODE_TEXT_CHARS:
            raise HTTPException(
                413, f"text is {len(body.text)} characters; the limit is {MAX_CODE_TEXT_CHARS}"
            )
        article = Article(id="pasted", text=body.text, published=body.published, title=body.title)
        problem = _article_problem(article)
        if problem:
            raise HTTPException(422, f"the text cannot be coded: {problem}")
        started = time.perf_counter()
        events = coder.code(article)
        elapsed_ms = (time.perf_counter() - started) * 1000
        return {
            "count": len(events),
            "events": [e.to_dict() for e in events],
            "elapsed_ms": round(elapsed_ms, 1),
        }

    _mount_dashboard(app)
    return app


def _mount_dashboard(app: FastAPI) -> None:
    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
