"""TLS to the registry trusted through the SPKI pin taken at enrolment, not through any CA.

:func:`pinned_context` makes an :class:`ssl.SSLContext` whose sockets check, right after the
handshake and before a single byte of a request (the bearer token) is sent, that the registry's
certificate carries one of the accepted public keys. The chain and host name are deliberately not
what we rely on: a self-signed certificate on an address the station was given is the normal case,
and a certificate from any CA with another key is exactly the man in the middle we refuse. The
handshake itself proves the registry holds the private key of the pinned public key.

A pin list is shared with its owner (the sync engine), which adds the pin the feed announces
before a certificate rotation; :attr:`PinnedContext.matched` says which pin the last handshake met.
"""

from __future__ import annotations

import ssl
import threading

from venue_app.registry.tls import spki_pin

__all__ = ["CHANGED", "PinMismatch", "PinnedContext", "pinned_context"]

CHANGED = "the registry's certificate changed: not the one this station was enrolled with"


class PinMismatch(ssl.SSLError):
    """The registry presented a certificate whose key is not pinned (a man in the middle, or a
    certificate replaced without announcing it)."""

    def __init__(self, seen: str) -> None:
        super().__init__(f"{CHANGED} (its key pin is {seen})")
        self.seen = seen


class _PinnedSocket(ssl.SSLSocket):
    def do_handshake(self, block: bool = False) -> None:
        super().do_handshake(block)
        context = self.context
        if isinstance(context, PinnedContext):
            context.check(self.getpeercert(binary_form=True))


class _PinnedObject(ssl.SSLObject):
    """The same check for memory-BIO TLS (asyncio streams, httpcore through a proxy)."""

    def do_handshake(self) -> None:
        super().do_handshake()  # raises SSLWantReadError until the handshake is complete
        context = self.context
        if isinstance(context, PinnedContext):
            context.check(self.getpeercert(binary_form=True))


class PinnedContext(ssl.SSLContext):
    """A client context that accepts exactly the pinned keys (``pins`` empty: records the first one
    seen, for an enrolment on this machine's loopback, which no one on the network can intercept)."""

    pins: list[str]
    matched: str | None
    _lock: threading.Lock

    def check(self, der: bytes | None) -> None:
        if not der:
            raise PinMismatch("none")
        seen = spki_pin(der)
        with self._lock:
            if not self.pins:
                self.pins.append(seen)  # trust on first use: loopback only (see enrol)
            if seen not in self.pins:
                raise PinMismatch(seen)
            self.matched = seen


def pinned_context(pins: list[str]) -> PinnedContext:
    """A TLS client context for the registry that trusts exactly ``pins`` (the list object is kept)."""
    context = PinnedContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2  # a downgrade below 1.2 fails the handshake
    context.check_hostname = False  # the pin is what we trust, not the name (see module docstring)
    context.verify_mode = ssl.CERT_NONE
    context.sslsocket_class = _PinnedSocket
    context.sslobject_class = _PinnedObject
    context.pins = pins
    context.matched = None
    context._lock = threading.Lock()
    return context
