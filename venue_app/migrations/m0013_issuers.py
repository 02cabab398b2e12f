"""Trusted ticket issuers and the secrets they revoked or blocked (issue 18: pretix signed tickets).

``issuers``        who signs tickets this event accepts offline (``pretix_sig1``: an event's Ed25519 key), with
                   the issuer's item ids mapped to our categories (JSON); from the registry's ``issuer`` items.
``issuer_secrets`` secrets an issuer revoked (replaced by a new ticket) or blocked; ``ok`` lifts a block.
                   From the registry's ``issuer_secret`` items. See :mod:`venue_app.issuers`.
"""

SQL = """
CREATE TABLE IF NOT EXISTS issuers (
    scheme TEXT NOT NULL,
    ref TEXT NOT NULL,
    public_key TEXT NOT NULL,
    items TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (scheme, ref, public_key)
);
CREATE TABLE IF NOT EXISTS issuer_secrets (
    secret TEXT PRIMARY KEY,
    ref TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT ''
);
"""
