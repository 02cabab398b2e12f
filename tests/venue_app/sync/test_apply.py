"""Feed pages of master records: the search index follows (queued in bulk, built later), and
nobody is unfindable in between."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from venue_app import search
from venue_app.paths import Paths
from venue_app.registry.protocol import FeedItem, FeedPage
from venue_app.station import Station
from venue_app.sync.apply import apply_page


def _attendee(n: int, **fields: str) -> dict[str, Any]:
    return {"id": str(uuid.UUID(int=n)), "code": f"PAGE{n:06d}", "given_name": f"Given{n}",
            "family_name": f"Family{n}", "category": "DEL", "country": "FR", "status": "active",
            "master_hlc": f"{1_800_000_000_000 + n:013d}-0000-registry", **fields}


def _page(station: Station, items: list[dict[str, Any]]) -> FeedPage:
    cursor = int(station.replica.get_meta("feed_cursor", 0))
    feed = [FeedItem(seq=cursor + i + 1, kind="attendee", data=data) for i, data in enumerate(items)]
    return FeedPage(items=feed, next=cursor + len(feed), head=cursor + len(feed), more=False)


def _names(station: Station, query: str) -> list[str]:
    return [r["family_name"] for r in search.search(station.replica.reader(), query, limit=50)]


def test_pages_queue_new_and_changed_attendees_and_search_finds_them_throughout(tmp_path: Path) -> None:
    with Station.init_standalone(Paths(tmp_path / "st"), event_name="Apply") as st:
        apply_page(st, _page(st, [_attendee(n) for n in range(1, 301)]))
        with st.replica.transaction() as conn:
            assert search.pending(conn) == 300
        # not indexed yet, still found: by name (and its prefixes), by two words, by code
        assert _names(st, "Family17")[0] == "Family17" and set(_names(st, "Family17")) == {
            "Family17", *(f"Family{n}" for n in range(170, 180))}
        assert _names(st, "given42 family42") == ["Family42"]
        assert _names(st, "PAGE000007") == ["Family7"]  # codes never needed the index
        assert _names(st, "100%_") == []  # LIKE wildcards in the query are literal
        with st.replica.transaction() as conn:
            while search.flush_some(conn, 128):
                pass
            assert search.pending(conn) == 0
        assert _names(st, "Family17")[0] == "Family17"

        # a second page renames one known attendee and adds one: both queued, nothing else
        apply_page(st, _page(st, [_attendee(5, family_name="Lefèvre", organisation="Ville de Lyon"),
                                  _attendee(301)]))
        with st.replica.transaction() as conn:
            queued = {r[0] for r in conn.execute("SELECT a.id FROM attendee_fts_pending p"
                                                 " JOIN attendees a ON a.rowid = p.rid")}
        assert queued == {str(uuid.UUID(int=5)), str(uuid.UUID(int=301))}
        assert _names(st, "Lyon") == ["Lefèvre"]  # found before indexing (plain scan of the queue)
        with st.replica.transaction() as conn:
            search.flush_some(conn, 100)
        assert _names(st, "lefevre") == ["Lefèvre"]  # and after, with the index's accent folding
        assert "Family5" not in _names(st, "Family5")  # the old name is gone from the index
        assert st.status()["attendees"] == 301


def test_a_code_moving_to_another_attendee_follows_the_registry(tmp_path: Path) -> None:
    with Station.init_standalone(Paths(tmp_path / "st"), event_name="Codes") as st:
        apply_page(st, _page(st, [_attendee(1, code="MOVE-1"), _attendee(2, code="KEEP-2")]))
        # the registry gave MOVE-1 to attendee 3 (attendee 1's own update may come later)
        apply_page(st, _page(st, [_attendee(3, code="MOVE-1")]))
        owners = dict(st.replica.query("SELECT id, code_norm FROM attendees"))
        assert owners[str(uuid.UUID(int=3))] is not None
        assert owners[str(uuid.UUID(int=1))] is None and owners[str(uuid.UUID(int=2))] is not None
        assert st.scan("MOVE-1").attendee["id"] == str(uuid.UUID(int=3))


def test_indexes_a_first_sync_drops_are_back_after_it_and_after_a_crash(tmp_path: Path) -> None:
    from venue_app.replica import BULK_INDEXES

    def indexes(st: Station) -> set[str]:
        return {r[0] for r in st.replica.query("SELECT name FROM sqlite_master WHERE type = 'index'")}

    paths = Paths(tmp_path / "st")
    st = Station.init_standalone(paths, event_name="Indexes")
    assert set(BULK_INDEXES) <= indexes(st)
    # a first sync that died while loading: the indexes were dropped and never rebuilt
    with st.replica.transaction() as conn:
        for name in BULK_INDEXES:
            conn.execute(f"DROP INDEX {name}")
    st.close()
    with Station.open(paths) as again:
        assert set(BULK_INDEXES) <= indexes(again)
        plan = again.replica.query("EXPLAIN QUERY PLAN SELECT id FROM attendees WHERE email = 'a@b.org'"
                                   " AND email != ''")
        assert any("attendees_email" in str(tuple(r)) for r in plan)


def test_the_registry_links_state_is_kept_for_the_dashboard(tmp_path: Path) -> None:
    """A ``link_status`` item (the registry's link with pretix) lands in the replica's meta, the newest wins; an
    unusable one is left out; a kind this station does not know is still kept aside, not fatal."""
    from venue_app.linkstatus import LINK_META
    from venue_app.views.dashboard import registry_link

    failing = {"system": "pretix", "state": "failing", "words": "cannot reach pretix at https://tickets.example",
               "since": "2026-12-04T10:02:00+00:00", "pending": 12, "refused": 1}

    def page(st: Station, *items: tuple[str, dict[str, Any]]) -> FeedPage:
        cursor = int(st.replica.get_meta("feed_cursor", 0))
        feed = [FeedItem(seq=cursor + i + 1, kind=kind, data=data) for i, (kind, data) in enumerate(items)]
        return FeedPage(items=feed, next=cursor + len(feed), head=cursor + len(feed), more=False)

    with Station.init_standalone(Paths(tmp_path / "st"), event_name="Link") as st:
        assert registry_link(st.replica.reader()) is None  # no link: nothing to show
        result = apply_page(st, page(st, ("link_status", {**failing, "token": "never kept"})))
        assert result.unknown == 0 and st.replica.get_meta(LINK_META) == failing
        assert registry_link(st.replica.reader()) == {**failing, "warn": True}
        # an unusable item changes nothing; a kind from a newer registry is kept aside
        result = apply_page(st, page(st, ("link_status", {"state": "on fire"}), ("link_weather", {"state": "ok"})))
        assert result.unknown == 1 and st.replica.get_meta(LINK_META) == failing
        ok = {**failing, "state": "ok", "words": "linked with the pretix event o/e", "pending": 0}
        apply_page(st, page(st, ("link_status", ok)))
        assert st.replica.get_meta(LINK_META) == ok
        assert registry_link(st.replica.reader()) == {**ok, "warn": False}
