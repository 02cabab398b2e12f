"""The registry's HTTP API (FastAPI) and the function that serves it with uvicorn.

Endpoints are described in :mod:`venue_app.registry.protocol`; the OpenAPI document is served at
``/api/v1/openapi.json`` (interactive docs at ``/api/v1/docs``). Station endpoints: enrol, feed,
events, event. Admin endpoints (``/api/v1/admin/…``) need the admin token and answer 403
``admin_only`` to a station token. Every request line is logged on ``venue_app.registry.access``.
Database work runs in the thread pool; long-polls wait on the event loop, so hundreds of open
long-polls cost no threads.
"""

import asyncio
import contextlib
import logging
import socket
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from venue_app.eventlog import now_iso
from venue_app.keys import SigningKey
from venue_app.registry import admin
from venue_app.registry.config import Limits, RegistryConfig
from venue_app.registry.errors import AuthError, ForbiddenError, RegistryError, TooLarge
from venue_app.registry.feed import FeedNotifier, render_items, render_page
from venue_app.registry.protocol import (
    API_PREFIX,
    DEFAULT_FEED_LIMIT,
    MAX_BATCH,
    MAX_FEED_LIMIT,
    MAX_WAIT_S,
    EnrollmentCode,
    EnrollmentRequest,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    FeedPage,
    Health,
    ProgramDoc,
    ProgramResult,
    PushRequest,
    PushResponse,
    RevokeRequest,
    StationInfo,
    Summary,
    hash_secret,
)
from venue_app.registry.store import Principal, Store

#: a station's feed requests record that it is alive, at most this often
HEARTBEAT_S = 60.0

__all__ = ["create_app", "serve"]

log = logging.getLogger(__name__)
access_log = logging.getLogger("venue_app.registry.access")

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "missing, wrong or revoked token"},
    403: {"model": ErrorBody, "description": "token of the wrong kind"},
    413: {"model": ErrorBody, "description": "body too large"},
    422: {"model": ErrorBody, "description": "invalid request"},
}


def _error(status: int, code: str, message: str, detail: Any = None,
           headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, "detail": detail}, status_code=status, headers=headers)


class _Guard:
    """Pure ASGI middleware: body size limit (413) and one access-log line per request."""

    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0, "bytes": 0}

        async def logged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            elif message["type"] == "http.response.body":
                status["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            limit = self.limits.max_import_body if scope["path"] == f"{API_PREFIX}/admin/import" \
                else self.limits.max_body
            declared = dict(scope.get("headers") or []).get(b"content-length")
            too_big = False
            if declared is not None:
                try:
                    too_big = int(declared) > limit
                except ValueError:
                    too_big = False
            body: list[bytes] = []
            if not too_big and scope["method"] in ("POST", "PUT", "PATCH"):
                size = 0
                more = True
                while more:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    chunk = message.get("body", b"")
                    size += len(chunk)
                    if size > limit:
                        too_big = True
                        break
                    body.append(chunk)
                    more = message.get("more_body", False)
            if too_big:
                response = _error(413, "payload_too_large", f"the request body exceeds {limit:,} bytes")
                await response(scope, receive, logged_send)
                return
            if scope["method"] in ("POST", "PUT", "PATCH"):
                replay = [{"type": "http.request", "body": b"".join(body), "more_body": False}]

                async def replay_receive() -> Message:
                    if replay:
                        return replay.pop()
                    return await receive()

                await self.app(scope, replay_receive, logged_send)
            else:
                await self.app(scope, receive, logged_send)
        finally:
            if access_log.isEnabledFor(logging.INFO):
                client = scope.get("client") or ("-", 0)
                query = scope.get("query_string", b"").decode("latin-1")
                path = scope["path"] + (f"?{query}" if query else "")
                access_log.info('%s "%s %s" %s %d %.1fms', client[0], scope["method"], path, status["code"],
                                status["bytes"], (time.perf_counter() - started) * 1000)


class _AuthCache:
    """Token → principal (or the auth error) for a second: no database round trip per request."""

    def __init__(self, ttl_s: float) -> None:
        self.ttl_s = ttl_s
        self._items: dict[str, tuple[float, Principal | AuthError]] = {}
        self._lock = threading.Lock()

    def get(self, digest: str) -> Principal | AuthError | None:
        with self._lock:
            hit = self._items.get(digest)
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def put(self, digest: str, value: Principal | AuthError) -> None:
        with self._lock:
            if len(self._items) > 10_000:
                self._items.clear()
            self._items[digest] = (time.monotonic() + self.ttl_s, value)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def create_app(config: RegistryConfig | None = None, *, store: Store | None = None, key: SigningKey | None = None,
               limits: Limits | None = None) -> FastAPI:
    """The registry ASGI app. With a ``config`` the app opens (and closes) its own store."""
    if store is None and config is None:
        raise ValueError("create_app needs a config or a store")
    limits = limits or (config.limits if config else Limits())
    own_store = store is None
    state: dict[str, Any] = {"store": store, "key": key, "config": config}
    bearer = HTTPBearer(auto_error=False, description="a station token (from enrolment) or the admin token")
    cache = _AuthCache(limits.auth_cache_s)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        anyio.to_thread.current_default_thread_limiter().total_tokens = 64
        if state["store"] is None:
            assert config is not None
            state["store"] = await run_in_threadpool(Store.open, config.db_url)
        if state["key"] is None and config is not None:
            state["key"] = admin.load_key(config)
        notifier = FeedNotifier(state["store"], poll_s=limits.feed_poll_s, pace_s=limits.feed_pace_s)
        state["notifier"] = notifier
        await notifier.start()
        try:
            yield
        finally:
            await notifier.stop()
            if own_store:
                state["store"].close()

    app = FastAPI(title="Venue desk registry", version="1", lifespan=lifespan,
                  description="Sync protocol v1 between venue-desk stations and the central registry.",
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs", redoc_url=None)
    app.add_middleware(_Guard, limits=limits)

    def the_store() -> Store:
        return state["store"]

    # -- errors --------------------------------------------------------------------------------
    @app.exception_handler(RegistryError)
    async def _registry_error(request: Request, exc: RegistryError) -> JSONResponse:
        if exc.status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, exc)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.code, str(exc), exc.detail, headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                   "type": str(e.get("type", ""))} for e in exc.errors()[:50]]
        code = "malformed_json" if any(e["type"] == "json_invalid" for e in errors) else "invalid_request"
        return _error(422, code, "the request is not valid: " + "; ".join(
            f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5]), errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, f"http_{exc.status_code}")
        return _error(exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("bug while serving %s %s", request.method, request.url.path)
        return _error(500, "internal_error", "the registry hit an internal error; it is logged")

    # -- auth ----------------------------------------------------------------------------------
    async def principal(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
        if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
            raise AuthError("this endpoint needs `Authorization: Bearer <token>`", code="unauthorized")
        token = credentials.credentials
        digest = hash_secret(token)
        hit = cache.get(digest)
        if hit is None:
            try:
                hit = await run_in_threadpool(the_store().authenticate, token)
            except AuthError as exc:
                hit = exc
            cache.put(digest, hit)
        if isinstance(hit, AuthError):
            raise AuthError(str(hit), code=hit.code)
        return hit

    async def admin_principal(who: Annotated[Principal, Depends(principal)]) -> Principal:
        if not who.is_admin:
            raise ForbiddenError("this endpoint needs the admin token", code="admin_only")
        return who

    Who = Annotated[Principal, Depends(principal)]
    Admin = Annotated[Principal, Depends(admin_principal)]

    # -- public --------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/health", response_model=Health, tags=["station"])
    async def health() -> Health:
        return Health(time=now_iso(), time_ms=time.time_ns() // 1_000_000)

    @app.post(f"{API_PREFIX}/enroll", response_model=EnrollResponse, tags=["station"], responses=_ERRORS)
    async def enroll(body: EnrollRequest) -> dict[str, Any]:
        return await run_in_threadpool(lambda: the_store().enroll(code=body.code, public_key=body.public_key,
                                                                  name=body.name, key=state["key"]))

    # -- stations ------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/event", tags=["station"], responses=_ERRORS)
    async def event(who: Who) -> dict[str, Any]:
        return await run_in_threadpool(the_store().event)

    @app.get(f"{API_PREFIX}/feed", response_model=FeedPage, tags=["station"], responses=_ERRORS)
    async def feed(who: Who, after: Annotated[int, Query(ge=0, le=2**62)] = 0,
                   limit: Annotated[int, Query(ge=1, le=MAX_FEED_LIMIT)] = DEFAULT_FEED_LIMIT,
                   wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 0) -> Response:
        notifier: FeedNotifier = state["notifier"]
        await _heartbeat(who.station_id)
        if wait > 0:
            await notifier.pace(who.station_id, after, limit)

        async def page() -> tuple[list[str], int, int]:
            hit = notifier.cached(after, limit)
            if hit is not None:
                return hit[0], hit[1], notifier.head
            items, head = await run_in_threadpool(the_store().feed_page, after, limit)
            return render_items(items), items[-1][0] if items else after, head

        rendered, next_seq, head = await page()
        if not rendered and wait > 0 and await notifier.wait_beyond(after, wait):
            rendered, next_seq, head = await page()
        if wait > 0:
            notifier.answered(who.station_id)
        return Response(render_page(rendered, next_seq, head), media_type="application/json")

    beats: dict[str, float] = {}

    async def _heartbeat(station_id: str | None) -> None:
        if station_id is None or time.monotonic() - beats.get(station_id, -HEARTBEAT_S) < HEARTBEAT_S:
            return
        beats[station_id] = time.monotonic()
        try:
            await run_in_threadpool(the_store().heartbeat, station_id)
        except Exception:  # a missed heartbeat must never fail the feed
            log.warning("could not record the heartbeat of station %s", station_id, exc_info=True)

    @app.post(f"{API_PREFIX}/events", response_model=PushResponse, tags=["station"],
              responses={**_ERRORS, 413: {"model": ErrorBody, "description": f"more than {MAX_BATCH} events"}})
    async def push(body: PushRequest, who: Who) -> Response:
        if who.station_id is None:
            raise ForbiddenError("only stations push events", code="station_only")
        if len(body.events) > MAX_BATCH:
            raise TooLarge(f"a batch holds at most {MAX_BATCH} events, not {len(body.events)}",
                           code="batch_too_large")
        # validation (in a worker thread for big batches), then wait on the group commit without
        # holding a thread
        if len(body.events) <= 50:
            future = the_store().submit(who.station_id, body.events)
        else:
            future = await run_in_threadpool(the_store().submit, who.station_id, body.events)
        result: PushResponse = await asyncio.wrap_future(future)
        return Response(result.model_dump_json(), media_type="application/json")

    # -- admin ---------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/admin/summary", response_model=Summary, tags=["admin"], responses=_ERRORS)
    async def summary(who: Admin) -> dict[str, Any]:
        return await run_in_threadpool(the_store().summary)

    @app.get(f"{API_PREFIX}/admin/stations", response_model=list[StationInfo], tags=["admin"], responses=_ERRORS)
    async def stations(who: Admin) -> list[dict[str, Any]]:
        return await run_in_threadpool(the_store().stations)

    @app.post(f"{API_PREFIX}/admin/stations/{{station}}/revoke", tags=["admin"],
              responses={**_ERRORS, 404: {"model": ErrorBody}})
    async def revoke(station: str, body: RevokeRequest, who: Admin) -> dict[str, Any]:
        def work() -> dict[str, Any]:
            store = the_store()
            return store.revoke(store.find_station(station), body.reason)

        result = await run_in_threadpool(work)
        cache.clear()
        return result

    @app.post(f"{API_PREFIX}/admin/enrollments", response_model=EnrollmentCode, tags=["admin"], responses=_ERRORS)
    async def enrollments(body: EnrollmentRequest, request: Request, who: Admin) -> dict[str, Any]:
        public_url = config.public_url if config else str(request.base_url).rstrip("/")
        cfg = config or RegistryConfig(root=Path("."), public_url=public_url)
        return await run_in_threadpool(lambda: admin.create_enrollment(
            the_store(), cfg, name=body.name, role=body.role, room_id=body.room_id, ttl_s=body.ttl_s,
            public_url=public_url))

    @app.get(f"{API_PREFIX}/admin/program", tags=["admin"], responses=_ERRORS)
    async def get_program(who: Admin) -> dict[str, Any]:
        return await run_in_threadpool(the_store().program)

    @app.put(f"{API_PREFIX}/admin/program", response_model=ProgramResult, tags=["admin"], responses=_ERRORS)
    async def put_program(body: ProgramDoc, who: Admin) -> ProgramResult:
        return await run_in_threadpool(the_store().apply_program, body)

    @app.post(f"{API_PREFIX}/admin/import", tags=["admin"], responses=_ERRORS,
              openapi_extra={"requestBody": {"required": True, "content": {
                  "text/csv": {"schema": {"type": "string"}},
                  "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}})
    async def import_attendees(request: Request, who: Admin,
                               filename: Annotated[str, Query(max_length=200)] = "attendees.csv",
                               dry_run: bool = False) -> dict[str, Any]:
        data = await request.body()
        suffix = ".xlsx" if filename.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04" else ".csv"

        def work() -> dict[str, Any]:
            with tempfile.TemporaryDirectory(prefix="venue-import-") as tmp:
                path = Path(tmp) / f"upload{suffix}"
                path.write_bytes(data)
                report = admin.import_file(the_store(), path, dry_run=dry_run)
                report.file = Path(filename).name
                return report.as_dict()

        return await run_in_threadpool(work)

    return app


def serve(config: RegistryConfig, *, host: str = "127.0.0.1", port: int = 8765,
          ready: Callable[[str], None] | None = None, limits: Limits | None = None) -> None:
    """Serve until interrupted. ``ready(url)`` is called once the socket is bound (port 0: any free port)."""
    import uvicorn

    from venue_app.errors import EnvironmentFault

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on accepted sockets of that proto, and
    # without it every response written in two parts waits ~40 ms for a delayed ACK (Nagle)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise EnvironmentFault(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.listen(2048)
    bound = sock.getsockname()[1]
    if limits is not None:
        config.limits = limits
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on",
                                           timeout_graceful_shutdown=3, backlog=2048, timeout_keep_alive=75))
    url = f"http://{host if ':' not in host else f'[{host}]'}:{bound}"
    if ready is not None:
        ready(url)
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
