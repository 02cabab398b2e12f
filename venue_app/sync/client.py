"""HTTP client of the registry API: every failure becomes a :class:`SyncError` in plain words.

Nothing here retries: the engine decides (backoff with jitter). The client never touches the
replica, so a failure can never lose anything queued.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpx
from pydantic import BaseModel, ValidationError

from venue_app.errors import EnvironmentFault
from venue_app.registry.protocol import (
    API_PREFIX,
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
                 transport: httpx.BaseTransport | None = None, pins: list[str] | None = None) -> None:
        self.url = url.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.secure = self.url.startswith("https://")
        self.tls = None
        verify: Any = True
        if self.secure and (pins is not None or is_loopback(urlsplit(self.url).hostname or "")):
            self.tls = pinned_context(pins if pins is not None else [])
            verify = self.tls
        self.announced_pin: str | None = None  # the next certificate's pin, as the feed last said
        self._http = httpx.Client(base_url=self.url + API_PREFIX, headers=headers, transport=transport,
                                  timeout=httpx.Timeout(timeout, connect=5.0), follow_redirects=False,
                                  verify=verify)

    @property
    def matched_pin(self) -> str | None:
        """The pin the last TLS handshake met (None: plain HTTP or not connected yet)."""
        return self.tls.matched if self.tls is not None else None

    def close(self) -> None:
        self._http.close()

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

    def push(self, events: list[dict[str, Any]]) -> PushResponse:
        return _model(PushResponse, self._call("POST", "/events", json={"events": events}, timeout=30.0))

    # -- plumbing ------------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, timeout: float | None = None, **kwargs: Any) -> Any:
        return self._decode(self._send(method, path, timeout=timeout, **kwargs))

    def _send(self, method: str, path: str, *, timeout: float | None = None, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, timeout=timeout if timeout is not None else
                                          httpx.USE_CLIENT_DEFAULT, **kwargs)
        except httpx.ConnectTimeout as exc:
            raise SyncError("The registry does not answer (connection timed out).") from exc
        except httpx.ConnectError as exc:
            if _pin_mismatch(exc):
                raise CertificateChanged(f"Refused: {CHANGED}. Nothing was sent to it; this station keeps "
                                         "working offline. Ask congress IT (a man in the middle, or a new "
                                         "certificate that was not announced: enrol the station again).") from exc
            text = str(exc).lower()
            if "ssl" in text or "certificate" in text:
                raise SyncError("Secure connection to the registry failed (certificate problem).") from exc
            if "name or service" in text or "nodename" in text or "resolution" in text or "getaddrinfo" in text:
                raise SyncError("The registry's address cannot be found (DNS). Check the network.") from exc
            raise SyncError("The registry cannot be reached (network down or registry stopped).") from exc
        except httpx.TimeoutException as exc:
            raise SyncError("The registry stopped answering in the middle of a reply.") from exc
        except httpx.TransportError as exc:
            raise SyncError(f"The connection to the registry broke ({type(exc).__name__}).") from exc
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
            raise Unauthorized("The registry does not accept this station's credentials (enrol it again).")
        if status == 413:
            raise TooLarge("The registry refused a batch as too large; sending smaller batches.")
        if status == 429:
            raise SyncError("The registry is busy (too many requests); retrying shortly.")
        if status >= 500:
            raise SyncError(f"The registry has a problem (HTTP {status}); retrying.")
        message = body.get("message") if isinstance(body, dict) else None
        error = SyncError(f"The registry refused the request (HTTP {status}{': ' + message if message else ''}).")
        error.retry = status in (408, 409, 425)
        raise error


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
