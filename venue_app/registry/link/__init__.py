"""The live link between the registry and a registration system of record (pretix), both ways.

``venue-app registry connect pretix …`` stores the link (:func:`~venue_app.registry.link.core.connect`);
``registry serve`` runs it (:class:`~venue_app.registry.link.core.LinkRunner`): orders come in as
attendees through the registry's one upsert, check-ins, exits and undos made at any station go back to
pretix from a durable queue, and ``registry link status`` says how it goes. See
:mod:`venue_app.registry.link.core` for how, :mod:`venue_app.registry.link.mapping` for what becomes what,
and :mod:`venue_app.registry.link.pretix` for the pretix API facts it relies on.
"""

from __future__ import annotations

from venue_app.registry.link.core import LINK, Link, LinkRunner, LinkSettings, connect, link_summary, status, token_file
from venue_app.registry.link.pretix import PretixClient, PretixError

__all__ = ["LINK", "Link", "LinkRunner", "LinkSettings", "PretixClient", "PretixError", "connect", "link_summary",
           "status", "token_file"]
