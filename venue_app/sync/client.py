"""HTTP client of the registry API: every failure becomes a :class:`SyncError` in plain words.

Nothing here retries: the engine decides (backoff with jitter). The client never touches the
replica, so a failure can never lose anything queued.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import threading
import time
from collections.abc import Sequence
from typing import Any, BinaryIO, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from venue_app.errors import EnvironmentFault
from venue_app.registry.protocol import (
    API_PREFIX,
    EPOCH_HEADER,
    EnrollResponse,
    FeedPage,
    Health,
    PushResponse,
)
from venue_app.registry.tls import NEXT_PIN_HEADER
from venue_app.sync.pins import CHANGED, PinMismatch, pinned_context
from venue_app.transport import is_loopback

__all__ = ["CertificateChanged", "RegistryClient", "Revoked", "SyncError", "TooLarge", "Unauthorized"]

_M = TypeVar("_M", bound=BaseModel)

log = logging.getLogger(__name__)

#: after moving to another registry address, the first one is tried again this much later
RETURN_S = 60.0


class SyncError(EnvironmentFault):
    """The registry could not be used right now; ``str()`` says why in plain words."""

    retry = True


class Unauthorized(SyncError):
    retry = False


class TooLarge(SyncError):
    """The registry refused a push as too large: send smaller batches."""


class Revoked(Unauthorized):
    """This station was revoked by the registry: it must stop syncing."""


class CertificateChanged(SyncError):
    """The registry's certificate is not the pinned one: a man in the middle, or a certificate replaced
    without announcing it. Retried (the network may heal), and never sends anything to that peer."""


class RegistryClient:
    """``pins``: the SPKI pins this station trusts for an ``https://`` registry (the list is kept and
    shared: an announced next pin added to it is accepted from the next connection on). ``pins=None``
    on https: a loopback registry is trusted as it is, any other must have a certificate the system
    trusts (IT's own CA)."""

    def __init__(self, url: str, token: str | None = None, *, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None, pins: list[str] | None = None,
                 fallbacks: Sequence[str] = ()) -> None:
        self.url = url.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.secure = self.url.startswith("https://")
        self.tls = None
        verify: Any = True
        if self.secure and (pins is not None or is_loopback(urlsplit(self.url).hostname or "")):
            self.tls = pinned_context(pins if pins is not None else [])
            verify = self.tls
        self.announced_pin: str | None = None  # the next certificate's pin, as the feed last said
        #: the feed epoch the registry's last answer carried ("" none: a registry never restored); None: no answer yet
        self.epoch: str | None = None
        self._new_client = functools.partial(httpx.Client, headers=headers, transport=transport,
                                             timeout=httpx.Timeout(timeout, connect=5.0), follow_redirects=False,
                                             verify=verify)
        self._http = self._new_client(base_url=self.url + API_PREFIX)
        # several registry hosts on one database (enrolment tells them): when the one in use does not answer,
        # the request goes to the next at once (pushes are idempotent, reads harmless); after RETURN_S the
        # first address (the one this station was enrolled with) is tried again
        self.urls = [self.url, *dict.fromkeys(u.rstrip("/") for u in fallbacks if u.rstrip("/") != self.url)]
        self._clients = {self.url: self._http}
        self._active = 0
        self._moved_at = 0.0
        self._switch = threading.Lock()
        self._closed = False

    @property
    def matched_pin(self) -> str | None:
        """The pin the last TLS handshake met (None: plain HTTP or not connected yet)."""
        return self.tls.matched if self.tls is not None else None

    @property
    def active_url(self) -> str:
        """The registry address requests go to now (:attr:`url` unless it did not answer)."""
        return self.urls[self._active]

    def close(self) -> None:
        with self._switch:
            self._closed = True
            clients = list(self._clients.values())
        for http in clients:
            http.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- endpoints -----------------------------------------------------------------------------
    def health(self) -> Health:
        return _model(Health, self._call("GET", "/health"))

    def enroll(self, code: str, public_key: str, name: str | None = None) -> EnrollResponse:
        body = {"code": code, "public_key": public_key, "name": name}
        return _model(EnrollResponse, self._call("POST", "/enroll", json=body))

    def feed(self, after: int, limit: int = 1000, wait: float = 0.0, outbox: int | None = None) -> FeedPage:
        return self.page(self.feed_bytes(after, limit, wait, outbox))

    def feed_bytes(self, after: int, limit: int = 1000, wait: float = 0.0, outbox: int | None = None) -> bytes:
        """A feed page as it came over the wire (checked for HTTP errors, not decoded); ``outbox``: how
        many events wait here to be pushed (the registry tells the dashboards with its heartbeat)."""
        params: dict[str, int | float] = {"after": after, "limit": limit, "wait": wait}
        if outbox is not None:
            params["outbox"] = max(0, outbox)
        response = self._send("GET", "/feed", params=params, timeout=wait + 15.0)
        self.announced_pin = response.headers.get(NEXT_PIN_HEADER) or None
        if not 200 <= response.status_code < 300:
            self._decode(response)  # raises what the status means
        return response.content

    @staticmethod
    def page(content: bytes) -> FeedPage:
        try:
            # straight from the bytes: a first sync decodes 100,000 attendees
            return FeedPage.model_validate_json(content)
        except ValidationError as exc:
            raise SyncError("The registry answered with something that is not valid data.") from exc

    def snapshot(self, out: BinaryIO, header: str, *, timeout: float = 120.0) -> tuple[str, str]:
        """Stream the registry's snapshot for this station into ``out`` (see
        :mod:`venue_app.sync.snapshot`); returns (the ``header`` it came with, SHA-256 of what was written)."""
        digest = hashlib.sha256()
        try:
            with self._http.stream("GET", "/snapshot", timeout=timeout) as response:
                if not 200 <= response.status_code < 300:
                    response.read()
                    self._decode(response)  # raises what the status means
                self.epoch = response.headers.get(EPOCH_HEADER, "")  # the feed the snapshot's position is in
                for chunk in response.iter_bytes(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
                return response.headers.get(header, ""), digest.hexdigest()
        except httpx.HTTPError as exc:
            raise SyncError(f"The snapshot download broke off ({type(exc).__name__}); retrying.") from exc

    def push(self, events: list[dict[str, Any]]) -> PushResponse:
        return _model(PushResponse, self._call("POST", "/events", json={"events": events}, timeout=30.0))

    # -- plumbing ------------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, timeout: float | None = None, **kwargs: Any) -> Any:
        return self._decode(self._send(method, path, timeout=timeout, **kwargs))

    def _send(self, method: str, path: str, *, timeout: float | None = None, **kwargs: Any) -> httpx.Response:
        if self._active and time.monotonic() - self._moved_at > RETURN_S:
            self._use(0)  # back to the first address: it may answer again
        for attempt in range(len(self.urls)):
            http = self._http
            try:
                return self._send_once(http, method, path, timeout=timeout, **kwargs)
            except _Unreachable as exc:
                if self._closed or attempt == len(self.urls) - 1:
                    raise exc.error from exc.__cause__
                with self._switch:
                    if self._http is http:  # (the other thread may have moved on already)
                        self._use((self._active + 1) % len(self.urls), locked=True)
                log.warning("the registry at %s does not answer (%s); trying %s", http.base_url, exc.error,
                            self.active_url)
        raise AssertionError("unreachable")

    def _use(self, index: int, *, locked: bool = False) -> None:
        with contextlib.nullcontext() if locked else self._switch:
            url = self.urls[index]
            if self._closed:
                return  # (no new connection pool once closed: nobody would close it)
            if url not in self._clients:
                self._clients[url] = self._new_client(base_url=url + API_PREFIX)
            self._active, self._http, self._moved_at = index, self._clients[url], time.monotonic()

    def _send_once(self, http: httpx.Client, method: str, path: str, *, timeout: float | None = None,
                   **kwargs: Any) -> httpx.Response:
        try:
            response = http.request(method, path, timeout=timeout if timeout is not None else
                                    httpx.USE_CLIENT_DEFAULT, **kwargs)
        except httpx.TransportError as exc:
            error = _unreachable(exc)
            if len(self.urls) > 1 and not isinstance(error, CertificateChanged):
                raise _Unreachable(error) from exc  # another address may answer
            raise error from exc
        if self._closed:
            # closed while this request was connecting: the pool had dropped the connection before it existed,
            # so nobody else would ever close its socket
            stream = response.extensions.get("network_stream")
            if stream is not None:
                with contextlib.suppress(Exception):
                    stream.close()
        self.epoch = response.headers.get(EPOCH_HEADER, "")
        return response

    @staticmethod
    def _decode(response: httpx.Response) -> Any:
        try:
            body = response.json()
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError):
            body = None
        status = response.status_code
        if 200 <= status < 300:
            if body is None:
                raise SyncError("The registry answered with something that is not valid data.")
            return body
        code = body.get("code") if isinstance(body, dict) else None
        if status == 401:
            if code == "station_revoked":
                raise Revoked("This station was revoked by the registry. Ask congress IT to enrol it again.")
            if code in _ENROL_REFUSALS:  # the code typed at enrolment, not this station's token
                raise Unauthorized(_ENROL_REFUSALS[code])
            raise Unauthorized("The registry does not accept this station's credentials (enrol it again).")
        if status == 413:
            raise TooLarge("The registry refused a batch as too large; sending smaller batches.")
        if status == 429:
            if code == "too_many_attempts":  # enrolment: too many wrong codes from here
                wait = response.headers.get("Retry-After", "")
                raise SyncError(f"Too many wrong enrolment codes were tried from this computer; the registry "
                                f"accepts the next try in {wait or 'a few'} seconds. Check the code, then try again.")
            raise SyncError("The registry is busy (too many requests); retrying shortly.")
        if status >= 500:
            raise SyncError(f"The registry has a problem (HTTP {status}); retrying.")
        message = body.get("message") if isinstance(body, dict) else None
        error = SyncError(f"The registry refused the request (HTTP {status}{': ' + message if message else ''}).")
        error.retry = status in (408, 409, 425)
        raise error


class _Unreachable(Exception):
    """This address did not answer (``error`` says how, in words): the next one may."""

    def __init__(self, error: SyncError) -> None:
        super().__init__(str(error))
        self.error = error


def _unreachable(exc: httpx.TransportError) -> SyncError:
    """What a failed connection means, in plain words."""
    if isinstance(exc, httpx.ConnectTimeout):
        return SyncError("The registry does not answer (connection timed out).")
    if isinstance(exc, httpx.ConnectError):
        if _pin_mismatch(exc):
            return CertificateChanged(f"Refused: {CHANGED}. Nothing was sent to it; this station keeps "
                                      "working offline. Ask congress IT (a man in the middle, or a new "
                                      "certificate that was not announced: enrol the station again).")
        text = str(exc).lower()
        if "wrong version number" in text or "record layer" in text or "http request" in text:
            # a plain-HTTP answer where HTTPS was enrolled: a downgrade attempt, or the registry served without TLS
            return SyncError("Refused: the registry's address answered without encryption (plain HTTP), but this "
                             "station was enrolled over HTTPS. Nothing was sent (no token, no check-in); this station "
                             "keeps working offline. Ask congress IT: someone may be impersonating the registry.")
        if "ssl" in text or "certificate" in text:
            return SyncError("Secure connection to the registry failed (certificate problem).")
        if "name or service" in text or "nodename" in text or "resolution" in text or "getaddrinfo" in text:
            return SyncError("The registry's address cannot be found (DNS). Check the network.")
        return SyncError("The registry cannot be reached (network down or registry stopped).")
    if isinstance(exc, httpx.TimeoutException):
        return SyncError("The registry stopped answering in the middle of a reply.")
    return SyncError(f"The connection to the registry broke ({type(exc).__name__}).")


_ENROL_REFUSALS = {
    "code_used": "This enrolment code was already used (each code enrols one station once). Ask congress IT for "
                 "a new code.",
    "code_expired": "This enrolment code has expired. Ask congress IT for a new code.",
    "invalid_code": "The registry does not know this enrolment code: check it was typed right, or ask congress IT "
                    "for a new one.",
}


def _pin_mismatch(exc: BaseException) -> bool:
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, PinMismatch):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def _model(cls: type[_M], body: Any) -> _M:
    try:
        return cls.model_validate(body)
    except ValidationError as exc:
        raise SyncError("The registry answered with something that is not valid data.") from exc
