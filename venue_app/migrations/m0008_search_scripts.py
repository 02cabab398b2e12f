"""Search documents gain simplified forms of traditional Chinese, Korean and Japanese romanisations.

Issue 16: 王俊贤 typed in Guangzhou must find 王俊賢 registered in Taipei, "park" must find 박, "shohei"
must find しょうへい. The FTS table and its triggers stay as they are (:mod:`m0002_search`); only the
documents change, so every existing document is rebuilt with the current
:func:`venue_app.search.search_document` (about as long as indexing an import of the same size).
"""

from __future__ import annotations

import sqlite3

from venue_app import search


def apply(conn: sqlite3.Connection) -> None:
    search.rebuild(conn)
