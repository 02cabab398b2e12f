"""The registry's HTTP API (FastAPI) and the function that serves it with uvicorn.

Endpoints are described in :mod:`venue_app.registry.protocol`; the OpenAPI document is served at
``/api/v1/openapi.json`` (interactive docs at ``/api/v1/docs``). Station endpoints: enrol, feed,
events, event. Admin endpoints (``/api/v1/admin/…``) need the admin token and answer 403
``admin_only`` to a station token. Every request line is logged on ``venue_app.registry.access``.
Station pushes and heartbeats are committed by a writer process (:mod:`venue_app.registry.writer`);
other database work runs in the thread pool; long-polls wait on the event loop, so hundreds of open
long-polls cost no threads. Station tokens are checked against a table of every token, reloaded
every two seconds (:class:`_AuthCache`).
"""

import asyncio
import collections
import contextlib
import gc
import json
import logging
import math
import os
import socket
import tempfile
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from venue_app.eventlog import now_iso
from venue_app.hlc import parse_hlc
from venue_app.keys import SigningKey
from venue_app.registry import admin, audit
from venue_app.registry import snapshot as registry_snapshot
from venue_app.registry.config import Limits, RegistryConfig
from venue_app.registry.errors import AuthError, ForbiddenError, RegistryError, TooLarge
from venue_app.registry.feed import FeedNotifier, SharedHead, render_items, render_page
from venue_app.registry.protocol import (
    API_PREFIX,
    DEFAULT_FEED_LIMIT,
    EPOCH_HEADER,
    MAX_BATCH,
    MAX_FEED_LIMIT,
    MAX_WAIT_S,
    AttendeesUpsert,
    AttendeesUpsertResult,
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
from venue_app.registry.restore import epoch as restore_epoch
from venue_app.registry.store import Principal, Store
from venue_app.registry.tls import NEXT_PIN_HEADER, next_pin
from venue_app.registry.writer import Writer, open_writer

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


class _RegistryApp(FastAPI):
    """FastAPI behind the :class:`_Guard`: the guard (size limit, access log, fast lane) sees each
    request first, so the fast lane skips FastAPI's middleware stack as well as its routing."""

    guard: "_Guard | None" = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.guard is None:
            await super().__call__(scope, receive, send)
        else:
            await self.guard(scope, receive, send)

    async def serve_normally(self, scope: Scope, receive: Receive, send: Send) -> None:
        await super().__call__(scope, receive, send)


class _Guard:
    """Pure ASGI wrapper: body size limit (413), one access-log line per request, the fast lane."""

    def __init__(self, app: ASGIApp, limits: Limits, fast: "_FastLane | None" = None,
                 announce: "Callable[[], bytes | None] | None" = None) -> None:
        self.app = app
        self.limits = limits
        self.fast = fast
        self.announce = announce  # the next certificate's pin, sent with every answer during a rotation
        self.epoch = b""  # the feed's epoch (a restored registry's; venue_app.registry.restore), on every answer
        self.audit: Callable[[Scope, int], Awaitable[None]] | None = None  # admin actions (registry/audit.py)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = {"code": 0, "bytes": 0}

        async def logged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                pin = self.announce() if self.announce is not None else None
                if pin:
                    message = {**message, "headers": [*message.get("headers", ()), (_NEXT_PIN, pin)]}
                if self.epoch:
                    message = {**message, "headers": [*message.get("headers", ()), (_EPOCH, self.epoch)]}
            elif message["type"] == "http.response.body":
                status["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            importing = scope["path"] == f"{API_PREFIX}/admin/import"
            limit = self.limits.max_import_body if importing else self.limits.max_body
            headers = scope.get("headers") or []
            header_bytes = sum(len(name) + len(value) + 4 for name, value in headers)
            if header_bytes > self.limits.max_header:  # the HTTP parser takes any size: said here, clearly
                response = _error(431, "headers_too_large",
                                  f"the request headers exceed {self.limits.max_header:,} bytes")
                await response(scope, receive, logged_send)
                return
            declared = dict(headers).get(b"content-length")
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
                # a body sent slowly (or never finished) must not hold a connection for ever
                timeout = self.limits.body_timeout_s * (10 if importing else 1)
                deadline = time.monotonic() + timeout
                while more:
                    try:
                        message = await asyncio.wait_for(receive(), max(0.0, deadline - time.monotonic()))
                    except TimeoutError:
                        response = _error(408, "body_timeout", f"the request body did not arrive within "
                                          f"{timeout:g} s", headers={"Connection": "close"})
                        await response(scope, receive, logged_send)
                        return
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
            data = b"".join(body)
            if self.fast is not None and await self.fast(scope, data, logged_send):
                return
            if scope["method"] in ("POST", "PUT", "PATCH"):
                replay = [{"type": "http.request", "body": data, "more_body": False}]

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
            if self.audit is not None and scope["path"].startswith(_ADMIN_PATHS) \
                    and audit.wanted(scope["method"], status["code"]):
                await self.audit(scope, status["code"])


_NEXT_PIN = NEXT_PIN_HEADER.lower().encode("ascii")
_EPOCH = EPOCH_HEADER.lower().encode("ascii")
_ADMIN_PATHS = f"{API_PREFIX}/admin/"


class _NextPin:
    """The pin of ``DIR/tls/next.crt`` (``registry cert rotate``), looked at every few seconds."""

    def __init__(self, root: Path, every_s: float = 2.0) -> None:
        self.root = root
        self.every_s = every_s
        self._at = -every_s
        self._pin: bytes | None = None

    def __call__(self) -> bytes | None:
        now = time.monotonic()
        if now - self._at >= self.every_s:
            self._at = now
            pin = next_pin(self.root)
            self._pin = pin.encode("ascii") if pin else None
        return self._pin


_FastHandler = Callable[[Principal, dict[str, str], bytes], Awaitable[bytes | None]]


class _FastLane:
    """The two requests every station makes every second (feed, push), answered without FastAPI's
    routing, dependency injection and model parsing: with 200 stations these dominate the registry's
    CPU. Only well-formed requests of a cached token take this lane, and they get exactly the answer of
    the documented endpoint (the same functions produce it); anything else (no or unknown token,
    invalid parameters or body, errors) goes the normal way, which answers it with its error."""

    def __init__(self, cache: "_AuthCache", authenticate: Callable[[str], Awaitable[Principal | AuthError]],
                 on_error: Callable[[str, str, Exception], Response]) -> None:
        self.cache = cache
        self.authenticate = authenticate
        self.on_error = on_error
        self.routes: dict[tuple[str, str], _FastHandler] = {}
        self.served = 0  # requests answered here (tests check the lane is taken)

    async def __call__(self, scope: Scope, body: bytes, send: Send) -> bool:
        handler = self.routes.get((scope["method"], scope["path"]))
        if handler is None:
            return False
        token = b""
        for name, value in scope.get("headers") or ():
            if name == b"authorization":
                token = value
        scheme, _, credentials = token.partition(b" ")
        if scheme.lower() != b"bearer" or not credentials:
            return False
        query = scope.get("query_string", b"")
        params: dict[str, str] = {}
        if query:
            pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True)
            params = dict(pairs)
            if len(params) != len(pairs):
                return False  # repeated parameters: the normal way decides
        try:
            token = credentials.decode("latin-1").strip()
            who = self.cache.get(hash_secret(token)) or await self.authenticate(token)
            if not isinstance(who, Principal):
                return False  # the normal way says why (401)
            answer = await handler(who, params, body)
        except Exception as exc:  # answered as the endpoint's error handlers would (not retried)
            await self.on_error(scope["method"], scope["path"], exc)(scope, _no_body, send)
            return True
        if answer is None:
            return False
        self.served += 1
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(answer)).encode())]})
        await send({"type": "http.response.body", "body": answer})
        return True


class _Attempts:
    """Failed enrolments per client address in a sliding window: guessing codes costs time (per server
    process; a code is 16 characters of 32, so guessing one is hopeless anyway, and this keeps it so)."""

    def __init__(self, limit: int, window_s: float) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, collections.deque[float]] = {}

    def _recent(self, address: str, now: float) -> collections.deque[float]:
        times = self._failures.get(address)
        if times is None:
            if len(self._failures) > 10_000:  # a flood from many addresses: forget the quiet ones
                self._failures = {a: t for a, t in self._failures.items() if t and now - t[-1] < self.window_s}
            times = self._failures[address] = collections.deque()
        while times and now - times[0] >= self.window_s:
            times.popleft()
        return times

    def wait(self, address: str) -> int:
        """Seconds this address must wait before its next attempt (0: go ahead)."""
        now = time.monotonic()
        times = self._recent(address, now)
        if len(times) < self.limit:
            return 0
        return max(1, math.ceil(times[-self.limit] + self.window_s - now))

    def failed(self, address: str) -> None:
        now = time.monotonic()
        self._recent(address, now).append(now)


async def _no_body() -> Message:
    return {"type": "http.disconnect"}


def _int_param(params: dict[str, str], name: str, default: int, low: int, high: int) -> int | None:
    text = params.get(name)
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or len(text) > 20:
        return None
    value = int(text)
    return value if low <= value <= high else None


class _AuthCache:
    """Token digest → principal (or the auth error its requests get), without a database round trip.

    Every token the registry knows is loaded at start and reloaded by one query every ``refresh_s``
    (:meth:`Store.principals`): a station enrolled or revoked by another process is known within that
    time, and no request of a known station ever waits for a lookup (200 stations starting together,
    or their cache entries expiring together, each waiting for its own lookup, made the slowest
    requests of the registry). A token the table does not hold (enrolled since, or wrong) is looked
    up alone and its answer kept until the next reload."""

    def __init__(self, refresh_s: float) -> None:
        self.refresh_s = refresh_s
        self._known: dict[str, Principal | AuthError] = {}
        self._extra: dict[str, Principal | AuthError] = {}

    def get(self, digest: str) -> Principal | AuthError | None:
        return self._known.get(digest) or self._extra.get(digest)

    def put(self, digest: str, value: Principal | AuthError) -> None:
        if len(self._extra) > 10_000:  # a flood of made-up tokens
            self._extra.clear()
        self._extra[digest] = value

    def load(self, known: dict[str, Principal | AuthError]) -> None:
        self._known, self._extra = known, {}

    async def reload(self, store: Store) -> None:
        self.load(await run_in_threadpool(store.principals))

    async def keep_loaded(self, store: Store) -> None:
        while True:
            await asyncio.sleep(self.refresh_s)
            try:
                await self.reload(store)
            except Exception as exc:  # the database is away: keep what we know, requests report it
                log.warning("cannot reload the station tokens: %s", exc)


def _iso_ms(text: str) -> int:
    """Unix milliseconds of an ISO time (as :func:`now_iso` writes it)."""
    from datetime import UTC, datetime

    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return int((moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp() * 1000)


def _hlc_ms(text: Any) -> int | None:
    """The wall-clock milliseconds of an hlc text (None: not one)."""
    try:
        return parse_hlc(text).ms if isinstance(text, str) else None
    except (ValueError, TypeError):
        return None


def create_app(config: RegistryConfig | None = None, *, store: Store | None = None, key: SigningKey | None = None,
               limits: Limits | None = None, fast_lane: bool = True, shared_head: SharedHead | None = None,
               writer_process: bool = True) -> FastAPI:
    """The registry ASGI app. With a ``config`` the app opens (and closes) its own store; ``fast_lane``
    off sends every request through FastAPI (tests compare the two); ``writer_process`` off commits
    pushes on the store's thread in this process (see :mod:`venue_app.registry.writer`)."""
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
        notifier = FeedNotifier(state["store"], poll_s=limits.feed_poll_s, pace_s=limits.feed_pace_s,
                                shared_head=shared_head, answers_per_s=limits.feed_answers_per_s,
                                coalesce_s=limits.feed_coalesce_s)
        state["notifier"] = notifier
        await notifier.start()
        await cache.reload(state["store"])
        guard = getattr(app, "guard", None)
        if guard is not None:  # the feed's epoch: a station synced with another registry re-pulls from the start
            guard.epoch = (await run_in_threadpool(restore_epoch, state["store"])).encode("ascii")
        reloading = asyncio.create_task(cache.keep_loaded(state["store"]), name="token-reload")
        writer = state["writer"] = await open_writer(state["store"], process=writer_process)
        writer.on_commit(notifier.committed)
        link = None
        if config is not None:  # the pretix link (venue_app/registry/link): one lease holder among all processes
            from venue_app.registry.link import LinkRunner

            link = LinkRunner(state["store"], config.root)
            link.start()
        try:
            yield
        finally:
            if link is not None:
                await run_in_threadpool(link.stop)
            reloading.cancel()
            await writer.close()
            await notifier.stop()
            if own_store:
                state["store"].close()

    app = _RegistryApp(title="Venue desk registry", version="1", lifespan=lifespan,
                       description="Sync protocol v1 between venue-desk stations and the central registry.",
                       openapi_url=f"{API_PREFIX}/openapi.json", docs_url=f"{API_PREFIX}/docs", redoc_url=None)
    fast = _FastLane(cache, lambda token: authenticate(token),
                     lambda method, path, exc: error_response(method, path, exc))
    app.guard = _Guard(app.serve_normally, limits, fast if fast_lane else None,
                       _NextPin(config.root) if config is not None else None)
    app.state.fast_lane = fast

    async def audit_admin(scope: Scope, status: int) -> None:
        actor = "unauthenticated"
        for name, value in scope.get("headers") or ():
            if name == b"authorization":
                scheme, _, credentials = value.decode("latin-1").partition(" ")
                hit = cache.get(hash_secret(credentials.strip())) if scheme.lower() == "bearer" else None
                if isinstance(hit, Principal):
                    actor = "admin" if hit.is_admin else f"station {hit.name} ({hit.station_id})"
                elif isinstance(hit, AuthError):
                    actor = f"refused token ({hit.code})"
                elif credentials.strip():
                    actor = "unknown token"
        client = scope.get("client") or ("-", 0)
        try:
            await run_in_threadpool(lambda: audit.record(the_store(), actor=actor, address=str(client[0]),
                                                         method=scope["method"], path=scope["path"], status=status))
        except Exception:  # the audit log must never fail a request that was answered
            log.warning("could not record an admin action in the audit log", exc_info=True)

    app.guard.audit = audit_admin

    def the_store() -> Store:
        return state["store"]

    # -- errors --------------------------------------------------------------------------------
    def error_response(method: str, path: str, exc: Exception) -> JSONResponse:
        if not isinstance(exc, RegistryError):
            log.error("bug while serving %s %s", method, path, exc_info=exc)
            return _error(500, "internal_error", "the registry hit an internal error; it is logged")
        if exc.status >= 500:
            log.warning("%s %s: %s", method, path, exc)
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _error(exc.status, exc.code, str(exc), exc.detail, headers)

    @app.exception_handler(RegistryError)
    async def _registry_error(request: Request, exc: RegistryError) -> JSONResponse:
        return error_response(request.method, request.url.path, exc)

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
        return error_response(request.method, request.url.path, exc)

    # -- auth ----------------------------------------------------------------------------------
    async def authenticate(token: str) -> Principal | AuthError:
        digest = hash_secret(token)
        hit = cache.get(digest)
        if hit is None:
            try:
                hit = await run_in_threadpool(the_store().authenticate, token)
            except AuthError as exc:
                hit = exc
            cache.put(digest, hit)
        return hit

    async def principal(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
        if credentials is None or credentials.scheme.lower() != "bearer" or not credentials.credentials:
            raise AuthError("this endpoint needs `Authorization: Bearer <token>`", code="unauthorized")
        hit = await authenticate(credentials.credentials)
        if isinstance(hit, AuthError):
            raise AuthError(str(hit), code=hit.code)
        return hit

    async def admin_principal(who: Annotated[Principal, Depends(principal)]) -> Principal:
        if not who.is_admin:
            raise ForbiddenError("this endpoint needs the admin token", code="admin_only")
        return who

    async def pusher(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Principal:
        """A station that may push: a revoked one too, for its last push (see :func:`revoked_push`)."""
        try:
            return await principal(credentials)
        except AuthError:
            revoked = getattr(cache.get(hash_secret(credentials.credentials)) if credentials else None,
                              "principal", None)
            if isinstance(revoked, Principal):
                return revoked
            raise

    Who = Annotated[Principal, Depends(principal)]
    Admin = Annotated[Principal, Depends(admin_principal)]
    Pusher = Annotated[Principal, Depends(pusher)]

    # -- public --------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/health", response_model=Health, tags=["station"])
    async def health() -> Health:
        return Health(time=now_iso(), time_ms=time.time_ns() // 1_000_000)

    attempts = _Attempts(limits.enrol_failures, limits.enrol_window_s)

    @app.post(f"{API_PREFIX}/enroll", response_model=EnrollResponse, tags=["station"],
              responses={**_ERRORS, 429: {"model": ErrorBody, "description": "too many wrong codes from this address"}})
    async def enroll(body: EnrollRequest, request: Request) -> Any:
        address = request.client.host if request.client else "-"
        wait = attempts.wait(address)
        if wait:
            return _error(429, "too_many_attempts", f"too many wrong enrolment codes from this address "
                          f"({limits.enrol_failures} in {limits.enrol_window_s:g} s): try again in {wait} s",
                          headers={"Retry-After": str(wait)})
        try:
            answer = await run_in_threadpool(lambda: the_store().enroll(code=body.code, public_key=body.public_key,
                                                                        name=body.name, key=state["key"]))
        except AuthError:
            attempts.failed(address)
            raise
        # every host's address (several hosts, one database): the station fails over between them
        return {**answer, "registry_urls": config.addresses() if config is not None else []}

    # -- stations ------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/event", tags=["station"], responses=_ERRORS)
    async def event(who: Who) -> dict[str, Any]:
        return await run_in_threadpool(the_store().event)

    def snapshots() -> registry_snapshot.SnapshotCache:
        cache = state.get("snapshots")
        if cache is None:
            if config is not None:
                root = config.root / "snapshots"
            else:  # an app made around a store (tests): a directory that goes with the app
                state["snapshot_dir"] = tempfile.TemporaryDirectory(prefix="venue-snapshots-")
                root = Path(state["snapshot_dir"].name)
            cache = state["snapshots"] = registry_snapshot.SnapshotCache(the_store(), state["key"], root)
        return cache

    @app.get(f"{API_PREFIX}/snapshot", tags=["station"], responses=_ERRORS)
    async def snapshot(who: Who) -> Response:
        """A ready replica of the event for this station's role (see venue_app.registry.snapshot); its
        signed manifest is the ``X-Venue-Snapshot`` header."""
        if who.station_id is None:
            raise ForbiddenError("snapshots are for stations", code="stations_only")
        role = await run_in_threadpool(registry_snapshot.station_role, the_store(), who.station_id)
        manifest, path = await run_in_threadpool(snapshots().get, role)
        return FileResponse(path, media_type="application/vnd.sqlite3",
                            headers={registry_snapshot.HEADER: manifest.as_json()})

    async def feed_page(who: Principal, after: int, limit: int, wait: float, outbox: int | None = None) -> bytes:
        notifier: FeedNotifier = state["notifier"]
        await _heartbeat(who.station_id, outbox)
        if wait > 0:
            await notifier.pace(who.station_id, after, limit)

        # read-your-writes across registry hosts: a station that pushed to another host sees its write here
        fresh = wait > 0 or await notifier.settled()

        async def page() -> tuple[list[str], int, int]:
            hit = await notifier.current(after, limit, who.role) if fresh else None  # minimised for the role
            if hit is not None:
                return hit[0], hit[1], notifier.head
            items, head = await run_in_threadpool(the_store().feed_page, after, limit)
            return render_items(items, who.role), items[-1][0] if items else after, head

        rendered, next_seq, head = await page()
        if not rendered and wait > 0 and await notifier.wait_beyond(after, wait):
            rendered, next_seq, head = await page()
        if wait > 0:
            notifier.answered(who.station_id)
        return render_page(rendered, next_seq, head)

    @app.get(f"{API_PREFIX}/feed", response_model=FeedPage, tags=["station"], responses=_ERRORS)
    async def feed(who: Who, after: Annotated[int, Query(ge=0, le=2**62)] = 0,
                   limit: Annotated[int, Query(ge=1, le=MAX_FEED_LIMIT)] = DEFAULT_FEED_LIMIT,
                   wait: Annotated[float, Query(ge=0, le=MAX_WAIT_S)] = 0,
                   outbox: Annotated[int | None, Query(ge=0, le=2**62, description="events waiting in the "
                                                       "station's outbox (shown on dashboards)")] = None) -> Response:
        return Response(await feed_page(who, after, limit, wait, outbox), media_type="application/json")

    async def fast_feed(who: Principal, params: dict[str, str], body: bytes) -> bytes | None:
        after = _int_param(params, "after", 0, 0, 2**62)
        limit = _int_param(params, "limit", DEFAULT_FEED_LIMIT, 1, MAX_FEED_LIMIT)
        wait = 0.0
        if "wait" in params:
            try:
                wait = float(params["wait"])
            except ValueError:
                return None
            if not 0 <= wait <= MAX_WAIT_S:  # also NaN
                return None
        outbox = _int_param(params, "outbox", 0, 0, 2**62) if "outbox" in params else None
        if after is None or limit is None or ("outbox" in params and outbox is None):
            return None
        return await feed_page(who, after, limit, wait, outbox)

    fast.routes[("GET", f"{API_PREFIX}/feed")] = fast_feed

    beats: dict[str, float] = {}

    async def _heartbeat(station_id: str | None, outbox: int | None = None) -> None:
        # a station's feed requests record that it is alive, at most once per heartbeat period
        period = limits.heartbeat_s
        if station_id is None or time.monotonic() - beats.get(station_id, -period) < period:
            return
        beats[station_id] = time.monotonic()
        try:
            await state["writer"].heartbeat(station_id, outbox)
        except Exception:  # a missed heartbeat must never fail the feed
            log.warning("could not record the heartbeat of station %s", station_id, exc_info=True)

    @app.post(f"{API_PREFIX}/events", response_model=PushResponse, tags=["station"],
              responses={**_ERRORS, 413: {"model": ErrorBody, "description": f"more than {MAX_BATCH} events"}})
    async def push(body: PushRequest, who: Pusher) -> Response:
        if who.station_id is None:
            raise ForbiddenError("only stations push events", code="station_only")
        if len(body.events) > MAX_BATCH:
            raise TooLarge(f"a batch holds at most {MAX_BATCH} events, not {len(body.events)}",
                           code="batch_too_large")
        if who.revoked_at:
            return Response(await revoked_push(who, body.events), media_type="application/json")
        return Response(await push_events(who.station_id, body.events), media_type="application/json")

    async def revoked_push(who: Principal, events: list[Any]) -> bytes:
        """The last push of a revoked station: what it still held when it learnt of its revocation. Its
        events made before the revocation are taken as from any station (facts of a station trusted
        then; nothing is lost); events stamped later are refused (``station_revoked``): whoever holds a
        revoked station's token cannot add new facts. A batch of only such events gets 401
        ``station_revoked``, as any other request of that token. The station wipes itself after this push."""
        assert who.station_id is not None and who.revoked_at is not None
        cutoff = _iso_ms(who.revoked_at)
        keep: list[int] = []
        refused: list[dict[str, Any]] = []
        for index, raw in enumerate(events):
            made = _hlc_ms(raw.get("hlc")) if isinstance(raw, dict) else None
            if made is not None and made > cutoff:
                refused.append({"index": index, "id": raw.get("id") if isinstance(raw.get("id"), str) else None,
                                "status": "rejected", "code": "station_revoked",
                                "message": "made after this station was revoked", "flags": []})
            else:
                keep.append(index)
        if not keep:  # nothing it could have held before: the token is refused, as everywhere else
            raise AuthError(f"station {who.name!r} was revoked by the registry; enrol it again",
                            code="station_revoked")
        answer = json.loads(await push_events(who.station_id, [events[i] for i in keep]))
        for result in answer["results"]:
            result["index"] = keep[result["index"]]
        answer["results"] = sorted([*answer["results"], *refused], key=lambda r: r["index"])
        answer["rejected"] += len(refused)
        log.warning("revoked station %s pushed its last %d events: %d accepted, %d duplicate, %d refused",
                    who.name, len(events), answer["accepted"], answer["duplicate"], answer["rejected"])
        return json.dumps(answer).encode()

    async def push_events(station_id: str, events: list[Any]) -> bytes:
        writer: Writer = state["writer"]
        return await writer.push(station_id, events)

    async def fast_push(who: Principal, params: dict[str, str], body: bytes) -> bytes | None:
        try:
            doc = json.loads(body)
        except ValueError:
            return None
        if who.station_id is None or not isinstance(doc, dict) or doc.keys() != {"events"}:
            return None
        events = doc["events"]
        if not isinstance(events, list) or len(events) > MAX_BATCH:
            return None
        return await push_events(who.station_id, events)

    fast.routes[("POST", f"{API_PREFIX}/events")] = fast_push

    # -- admin ---------------------------------------------------------------------------------
    @app.get(f"{API_PREFIX}/admin/summary", response_model=Summary, tags=["admin"], responses=_ERRORS)
    async def summary(who: Admin) -> dict[str, Any]:
        from venue_app.registry.link import link_summary

        def work() -> dict[str, Any]:  # with how the pretix link goes (venue_app/registry/link)
            return {**the_store().summary(), "link": link_summary(the_store())}

        return await run_in_threadpool(work)

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
        await cache.reload(the_store())
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

    @app.post(f"{API_PREFIX}/admin/attendees", response_model=AttendeesUpsertResult, tags=["admin"],
              responses=_ERRORS, summary="Create, update or cancel attendees from another registration system")
    async def upsert_attendees(body: AttendeesUpsert, who: Admin) -> dict[str, Any]:
        """A batch of records, idempotent by ``(source, external_id)``: a record seen for the first time
        creates an attendee (or ties to the one already holding its code), a known one changes only the
        fields it carries, ``status: cancelled`` cancels; the same batch sent again changes nothing. Each
        record's outcome comes back in order; a refused record (its reason in words) never stops the others.
        Changes reach every station through the feed."""
        result = await run_in_threadpool(lambda: the_store().upsert_attendees(body.source, body.records,
                                                                              who=who.name or who.kind))
        return result.as_dict()

    return app


def _uvicorn_server(app: ASGIApp, tls: tuple[Path, Path] | None = None) -> Any:
    import uvicorn

    files = {"ssl_certfile": str(tls[0]), "ssl_keyfile": str(tls[1])} if tls else {}
    # proxy_headers off: stations talk to the registry directly (the access log shows their address)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", timeout_graceful_shutdown=3,
                            backlog=2048, timeout_keep_alive=75, proxy_headers=False, **files)
    if tls:
        import ssl

        config.load()  # makes the TLS context: nothing older than TLS 1.2 is offered (no downgrade)
        config.ssl.minimum_version = ssl.TLSVersion.TLSv1_2
    return uvicorn.Server(config)


def access_log_to_stderr() -> None:
    """One line per request on stderr (``registry serve`` without ``--quiet``)."""
    import sys

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    access_log.addHandler(handler)
    access_log.setLevel(logging.INFO)
    access_log.propagate = False


def _worker(root: str, sock: socket.socket, limits: Limits, log_requests: bool, shared_head: SharedHead,
            parent: int, tls: bool = True, urls: list[str] | None = None) -> None:
    """One server process of several (``serve(workers=N)``), on the socket the parent bound."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the workers (SIGTERM)

    def orphaned() -> None:
        # a supervisor killed outright (SIGKILL) cannot stop its workers: they notice and leave,
        # or they would keep the port and answer for a registry nobody runs (``parent`` comes from the
        # supervisor: one killed while this worker was still starting is noticed too)
        while os.getppid() == parent:
            time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(5)  # a graceful stop that hangs (a database that does not answer) ends anyway
        os._exit(1)

    threading.Thread(target=orphaned, name="parent-watch", daemon=True).start()
    if log_requests:
        access_log_to_stderr()
    config = RegistryConfig.load(root)
    config.limits = limits
    config.urls = urls or config.urls  # `serve --public-url` (not saved in registry.json)
    server = _uvicorn_server(create_app(config, shared_head=shared_head), config.tls_files if tls else None)
    gc.freeze()
    server.run(sockets=[sock])


def _supervise(config: RegistryConfig, sock: socket.socket, workers: int, limits: Limits, tls: bool = True) -> None:
    """Run ``workers`` server processes on one listening socket; restart one that dies; stop them all
    on SIGTERM/SIGINT. The kernel spreads connections over the processes; the database serialises
    their writes (and numbers the feed). The workers of this host also share the newest feed seq in
    shared memory (:class:`~venue_app.registry.feed.SharedHead`): on SQLite that is how a worker learns
    at once of a sibling's write. Other hosts share nothing but the PostgreSQL database, and hear of
    each other's writes through ``LISTEN/NOTIFY`` (:mod:`venue_app.registry.notify`), as the workers
    here do too on PostgreSQL."""
    import multiprocessing
    import signal

    spawn = multiprocessing.get_context("spawn")
    stop = threading.Event()
    log_requests = access_log.isEnabledFor(logging.INFO)
    shared_head = spawn.Value("q", 0)

    def start() -> Any:
        proc = spawn.Process(target=_worker, args=(str(config.root), sock, limits, log_requests, shared_head,
                                                   os.getpid(), tls, config.urls),
                             name="registry-worker")  # not a daemon: it starts a writer process
        proc.start()
        return proc

    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
    procs = [start() for _ in range(workers)]
    try:
        while not stop.wait(0.5):
            for i, proc in enumerate(procs):
                if not proc.is_alive():
                    log.warning("registry worker %s ended (exit code %s); starting another", proc.pid, proc.exitcode)
                    procs[i] = start()
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.join(10)
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def serve(config: RegistryConfig, *, host: str = "127.0.0.1", port: int = 8765,
          ready: Callable[[str], None] | None = None, limits: Limits | None = None, workers: int = 1,
          tls: bool = True) -> None:
    """Serve until interrupted. ``ready(url)`` is called once the socket is bound (port 0: any free port).

    ``tls`` (the default) speaks HTTPS with the certificate of ``config.tls_files`` (the caller makes
    sure it exists: :func:`venue_app.registry.tls.ensure_certificate`); off: plain HTTP, which the
    CLI allows on loopback or with ``--insecure-http``.

    ``workers`` > 1 runs that many server processes, each with its writer process (worth it from 4
    cores: on 2, one server and its writer already use both)."""
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
    scheme = "https" if tls else "http"
    url = f"{scheme}://{host if ':' not in host else f'[{host}]'}:{bound}"
    try:
        if workers > 1:
            if ready is not None:
                ready(url)
            _supervise(config, sock, workers, config.limits, tls)
            return
        server = _uvicorn_server(create_app(config), config.tls_files if tls else None)
        # what exists now (modules, the app) lives as long as the server: the collector need not walk
        # it again (a full collection of it paused every request for ~100 ms)
        gc.freeze()
        if ready is not None:
            ready(url)
        server.run(sockets=[sock])
    finally:
        sock.close()
