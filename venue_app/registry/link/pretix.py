"""A small client for the pretix REST API, as the link uses it (observed on a stock pretix 2026.8.0).

What it relies on:

* ``Authorization: Token <team API token>``; a wrong or revoked token answers 401 ``Invalid token.``,
  a token without the permission 403.
* Lists are pages ``{"count", "next", "previous", "results"}``; ``page_size`` is silently capped at 50;
  ``next`` is an absolute URL (built from pretix's own ``url`` setting). Every list answer carries
  ``X-Page-Generated`` (an ISO time): given back as ``orders/?modified_since=`` it returns every order
  changed since (a check-in changes the order too).
* ``orders/`` embeds the positions (``include_canceled_positions=true`` adds the cancelled ones, flagged
  ``canceled``); order ``status`` is ``n`` pending, ``p`` paid, ``e`` expired, ``c`` cancelled;
  a blocked position has ``blocked`` (a list of reasons), else ``null``.
* ``POST /organizers/{org}/checkinrpc/redeem/`` ``{secret, lists, type, nonce, datetime, force}``: 201
  ``status: ok``; 400 ``status: error`` + ``reason`` (``already_redeemed``, ``canceled``, ``unpaid``,
  ``blocked``, ``revoked``, ``product``, ``rules``, …); 404 ``reason: invalid`` for an unknown secret. A
  repeated ``nonce`` answers ok without a second check-in (idempotent retries).
* ``POST /organizers/{org}/checkinrpc/annul/`` ``{lists, nonce}`` undoes the check-in of that nonce.
* The event detail (not the list) carries ``valid_keys.pretix_sig1``: base64 of a PEM Ed25519 public key.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

__all__ = ["MAX_PAGES", "REASONS", "PretixClient", "PretixError", "Redeemed"]

#: a runaway ``next`` chain is refused after this many pages (500,000 orders)
MAX_PAGES = 10_000

#: pretix's refusal reasons, in words for staff and the link status
REASONS = {
    "already_redeemed": "already checked in in pretix",
    "canceled": "the order is cancelled in pretix",
    "invalid": "pretix does not know this ticket (or its position was cancelled)",
    "unpaid": "the order is not paid in pretix",
    "blocked": "the ticket is blocked in pretix",
    "revoked": "the ticket's code was replaced in pretix",
    "product": "the ticket's product may not use this check-in list",
    "rules": "the check-in list's rules refuse it",
    "incomplete": "pretix wants answers to check-in questions",
    "ambiguous": "the code matches several tickets in pretix",
    "unapproved": "the order is not approved in pretix",
    "invalid_time": "the ticket is not valid at this time",
    "annulled": "the check-in was annulled",
    "error": "pretix reported an error",
}


class PretixError(Exception):
    """pretix could not be asked or answered something unusable; ``str()`` says what, in words.

    ``kind``: ``unreachable``, ``timeout``, ``auth`` (token wrong or revoked), ``forbidden``, ``server``
    (5xx), ``garbage`` (not the JSON expected), ``refused`` (4xx with a reason), ``config`` (no such
    organizer, event or list). ``retry``: worth trying again later by itself.
    """

    def __init__(self, message: str, kind: str, *, status: int | None = None, retry: bool = True) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.retry = retry


@dataclass(frozen=True)
class Redeemed:
    """pretix's answer to one check-in sent: ``ok``, or refused with a reason (code and words)."""

    ok: bool
    reason: str = ""
    words: str = ""


class PretixClient:
    """Talks to one pretix organizer/event; thread-compatible (one per thread), closes its connections."""

    def __init__(self, url: str, token: str, organizer: str, event: str, *, timeout: float = 20.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        parts = urlsplit(url.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise PretixError(f"the pretix address {url!r} is not an http(s) URL", "config", retry=False)
        self.base = url.strip().rstrip("/")
        self.organizer = organizer
        self.event = event
        self._client = httpx.Client(headers={"Authorization": f"Token {token}", "Accept": "application/json"},
                                    timeout=timeout, follow_redirects=False, transport=transport)
        #: called with (method, path, seconds) after each request (benchmarks)
        self.on_request: Callable[[str, str, float], None] | None = None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PretixClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing ------------------------------------------------------------------------------
    @property
    def event_path(self) -> str:
        return f"/api/v1/organizers/{self.organizer}/events/{self.event}"

    def _request(self, method: str, url: str, *, params: Any = None, body: Any = None,
                 ok: tuple[int, ...] = (200,)) -> httpx.Response:
        full = url if url.startswith(("http://", "https://")) else self.base + url
        t0 = time.perf_counter()
        try:
            response = self._client.request(method, full, params=params, json=body)
        except httpx.TimeoutException as exc:
            raise PretixError(f"pretix at {self.base} did not answer in time ({type(exc).__name__})", "timeout") \
                from exc
        except httpx.TransportError as exc:
            raise PretixError(f"cannot reach pretix at {self.base}: {exc or type(exc).__name__}", "unreachable") \
                from exc
        if self.on_request is not None:
            self.on_request(method, urlsplit(full).path, time.perf_counter() - t0)
        status = response.status_code
        if status in ok:
            return response
        detail = _detail(response)
        if status == 401:
            raise PretixError(f"pretix refused the API token ({detail or 'invalid token'}): it is wrong or was "
                              "revoked; give a new one with `registry connect pretix`", "auth", status=status)
        if status == 403:
            raise PretixError(f"pretix says the token may not do this ({detail or 'forbidden'}) on "
                              f"{urlsplit(full).path}; the organizer {self.organizer!r} or event {self.event!r} "
                              "may not exist, or the team lacks a permission", "forbidden", status=status)
        if status == 404 and "checkinrpc" not in full:
            raise PretixError(f"pretix has no {urlsplit(full).path} (organizer, event or check-in list wrong?)",
                              "config", status=status)
        if status >= 500:
            raise PretixError(f"pretix answered HTTP {status} (a server error on its side)", "server", status=status)
        if status == 429:
            raise PretixError("pretix asks us to slow down (HTTP 429)", "server", status=status)
        raise PretixError(f"pretix answered HTTP {status}: {detail or response.text[:200]}", "refused",
                          status=status, retry=False)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            raise PretixError(f"pretix answered something that is not JSON ({response.text[:80]!r}…)",
                              "garbage") from exc

    def get(self, path: str, params: Any = None) -> Any:
        return self._json(self._request("GET", path, params=params))

    def pages(self, path: str, params: dict[str, Any] | None = None) -> Iterator[tuple[list[dict[str, Any]], str]]:
        """Each page's results and its ``X-Page-Generated`` time, following ``next`` (on pretix's host only)."""
        url: str | None = path
        query: dict[str, Any] | None = {**(params or {}), "page_size": 50}
        base = urlsplit(self.base)
        origin = f"{base.scheme}://{base.netloc}"
        for _ in range(MAX_PAGES):
            if url is None:
                return
            response = self._request("GET", url, params=query)
            page = self._json(response)
            if not isinstance(page, dict) or not isinstance(page.get("results"), list):
                raise PretixError(f"pretix answered a page without results on {path}", "garbage")
            nxt = page.get("next")
            if nxt is not None and not isinstance(nxt, str):
                raise PretixError("pretix answered a page whose `next` is not a URL", "garbage")
            if nxt:
                # `next` is absolute, built from pretix's configured url: keep our own scheme and host
                # (a proxy, or pretix behind another name), and never follow it elsewhere
                nparts = urlsplit(urljoin(self.base + "/", nxt))
                nxt = f"{origin}{nparts.path}" + (f"?{nparts.query}" if nparts.query else "")
            yield page["results"], response.headers.get("X-Page-Generated", "")
            url, query = nxt or None, None
        raise PretixError(f"pretix kept answering pages on {path} (more than {MAX_PAGES})", "garbage")

    # -- what the link asks --------------------------------------------------------------------
    def event_detail(self) -> dict[str, Any]:
        data = self.get(f"{self.event_path}/")
        if not isinstance(data, dict) or "slug" not in data:
            raise PretixError("pretix answered an event without a slug", "garbage")
        return data

    def items(self) -> dict[int, str]:
        """Item id → its name (the first language pretix gives)."""
        out: dict[int, str] = {}
        for results, _ in self.pages(f"{self.event_path}/items/"):
            for item in results:
                if isinstance(item, dict) and isinstance(item.get("id"), int):
                    out[item["id"]] = _i18n(item.get("name")) or f"item {item['id']}"
        return out

    def checkin_lists(self) -> list[dict[str, Any]]:
        return [row for results, _ in self.pages(f"{self.event_path}/checkinlists/") for row in results]

    def orders(self, modified_since: str | None = None) -> Iterator[tuple[list[dict[str, Any]], str]]:
        """Pages of orders with their positions (cancelled ones included), oldest first: orders created
        while we page land at the end, not in the middle."""
        params: dict[str, Any] = {"include_canceled_positions": "true", "ordering": "datetime"}
        if modified_since:
            params["modified_since"] = modified_since
        return self.pages(f"{self.event_path}/orders/", params)

    def secrets(self, kind: str) -> list[str]:
        """``revoked`` or ``blocked`` secrets of the event (a lifted block stays listed with ``blocked: false``)."""
        return [str(row["secret"]) for results, _ in self.pages(f"{self.event_path}/{kind}secrets/")
                for row in results if isinstance(row, dict) and row.get("secret") and row.get("blocked", True)]

    def redeem(self, *, secret: str, lists: list[int], nonce: str, when: str, kind: str = "entry",
               force: bool = True) -> Redeemed:
        body = {"secret": secret, "lists": lists, "type": kind, "nonce": nonce, "datetime": when, "force": force,
                "source_type": "barcode", "questions_supported": False}
        response = self._request("POST", f"/api/v1/organizers/{self.organizer}/checkinrpc/redeem/", body=body,
                                 ok=(201, 200, 400, 404))
        return _answer(response, self._json(response), "check-in")

    def annul(self, *, lists: list[int], nonce: str) -> Redeemed:
        response = self._request("POST", f"/api/v1/organizers/{self.organizer}/checkinrpc/annul/",
                                 body={"lists": lists, "nonce": nonce}, ok=(200, 201, 400, 404))
        data = self._json(response)
        if response.status_code == 404 and not (isinstance(data, dict) and "status" in data):
            return Redeemed(False, "invalid", "pretix knows no check-in to undo (it never arrived there)")
        return _answer(response, data, "undo")


def _answer(response: httpx.Response, data: Any, what: str) -> Redeemed:
    """pretix's verdict on a check-in or undo. Only an answer in pretix's own shape is a refusal; anything else
    (a proxy's page, a validation error about our list) is an error the link retries, so nothing is dropped."""
    status = response.status_code
    if not isinstance(data, dict):
        raise PretixError(f"pretix answered a {what} with something that is not an object", "garbage")
    if status in (200, 201):
        if data.get("status") == "ok":
            return Redeemed(True)
        raise PretixError(f"pretix answered a {what} with HTTP {status} but not `ok`", "garbage")
    if data.get("status") in ("error", "incomplete", "exchange"):
        reason = str(data.get("reason") or data["status"])
        words = REASONS.get(reason, f"pretix refused it ({reason})")
        if data.get("reason_explanation"):
            words += f": {data['reason_explanation']}"
        return Redeemed(False, reason, words)
    if status == 400:  # DRF's validation errors: the check-in list is gone, or our request is wrong
        raise PretixError(f"pretix refused the {what} request: {json.dumps(data, ensure_ascii=False)[:200]}",
                          "config", status=status)
    raise PretixError(f"pretix answered a {what} with HTTP {status} without a reason", "garbage", status=status)


def _i18n(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("en", *value.keys()):
            if value.get(key):
                return str(value[key])
        return ""
    return str(value or "")


def _detail(response: httpx.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    if isinstance(data, dict) and isinstance(data.get("detail"), str):
        return data["detail"]
    return ""
