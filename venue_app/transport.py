"""How a station reaches its registry, in words: loopback or network, TLS pinned or plain.

Core (no network code): the registry's TLS set-up, the station's pinned connections and ``station
status`` all ask the same two questions here.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

__all__ = ["describe", "is_loopback"]


def is_loopback(host: str) -> bool:
    """``host`` (a name or an address, IPv6 with or without brackets) is this machine's loopback."""
    host = host.strip().strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def describe(url: str | None, pins: list[str] | None) -> tuple[str, bool]:
    """How a station talks to its registry, in words, and whether that is insecure (``station status``)."""
    if not url:
        return "none (standalone)", False
    loopback = is_loopback(urlsplit(url).hostname or "")
    if url.startswith("https://"):
        if pins:
            return "TLS, certificate pinned at enrolment", False
        return ("TLS (loopback)", False) if loopback else ("TLS, certificate checked by the system's CAs", False)
    if loopback:
        return "plain HTTP on this machine (loopback)", False
    return "INSECURE: plain HTTP over the network (tokens and attendee data readable by anyone on it)", True
