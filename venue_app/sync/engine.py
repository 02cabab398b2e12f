"""The sync engine: pushes the outbox as soon as it fills, keeps a long-poll on the feed.

Two worker threads share one HTTP client: the pusher wakes when a local fact is committed (or
every second), the puller long-polls the feed. Every failure marks the station offline with the
reason in plain words and backs off exponentially with jitter; nothing in the outbox is touched
until the registry acknowledged it, so an outage can only delay, never lose. No manual switch.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from venue_app import search
from venue_app.eventlog import now_iso
from venue_app.hlc import parse_hlc
from venue_app.ops.wipe import WipeReport, wipe
from venue_app.registry.protocol import MAX_BATCH
from venue_app.replica import BULK_INDEXES, ensure_indexes
from venue_app.sync import snapshot
from venue_app.sync.apply import FeedError, apply_page
from venue_app.sync.client import CertificateChanged, RegistryClient, Revoked, SyncError, TooLarge, Unauthorized

if TYPE_CHECKING:
    from venue_app.station import Station

__all__ = ["SyncEngine", "SyncStatus"]

log = logging.getLogger(__name__)

LONG_POLL_S = 20.0
CATCH_UP_PAGE = 2000
CLOCK_WARN_MS = 60_000


@dataclass(frozen=True)
class SyncStatus:
    online: bool = False
    since: str | None = None           # when the current online/offline state began
    last_success: str | None = None
    outbox: int = 0
    rejected: int = 0                  # events the registry refused (kept, listed, never dropped)
    cursor: int = 0
    head: int = 0
    last_error: str = ""
    revoked: bool = False
    clock_offset_ms: int | None = None
    clock_warning: str = ""
    registry: str = ""
    state: str = "starting"            # starting | online | offline | revoked | stopped
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def lag(self) -> int:
        return max(0, self.head - self.cursor)

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["lag"] = self.lag
        return out


class SyncEngine:
    """Replication of one station with its registry; ``start()`` / ``stop()`` or ``run_once()``."""

    def __init__(self, station: Station, *, client: RegistryClient | None = None, long_poll_s: float = LONG_POLL_S,
                 backoff_base_s: float = 0.5, backoff_max_s: float = 30.0,
                 wall: Callable[[], float] = time.time) -> None:
        self.station = station
        url = station.replica.get_meta("registry_url")
        if not url:
            raise SyncError("This station is standalone: it has no registry to sync with.")
        self._saved_pins = list(station.replica.get_meta("registry_pins") or [])
        self.client = client or RegistryClient(url, station.registry_token(), pins=list(self._saved_pins) or None,
                                               fallbacks=station.replica.get_meta("registry_urls") or ())
        self.long_poll_s = long_poll_s
        self.backoff_base_s = backoff_base_s
        self.backoff_max_s = backoff_max_s
        self._wall = wall  # this computer's clock, compared with the registry's
        self._lock = threading.Lock()
        self._status = SyncStatus(registry=url, cursor=int(station.replica.get_meta("feed_cursor", 0)),
                                  head=int(station.replica.get_meta("feed_head", 0)))
        self._listeners: list[Callable[[SyncStatus], None]] = []
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads: list[threading.Thread] = []
        self._batch = MAX_BATCH
        self._last_persist = 0.0
        self._wipe_lock = threading.Lock()
        self._wiped: WipeReport | None = None
        station.outbox_listeners.append(self._wake.set)

    # -- status --------------------------------------------------------------------------------
    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    def on_change(self, listener: Callable[[SyncStatus], None]) -> None:
        self._listeners.append(listener)

    def _update(self, **changes: Any) -> None:
        with self._lock:
            old = self._status
            if "online" in changes and changes["online"] != old.online:
                changes.setdefault("since", now_iso())
            if changes.get("revoked", old.revoked):
                # a revoked station stays revoked: a health check that still answers is not "online"
                changes["state"] = "revoked"
            elif changes.get("online"):
                changes.setdefault("state", "online")
                changes.setdefault("last_error", "")
            elif changes.get("online") is False:
                changes.setdefault("state", "offline")
            new = replace(old, **changes)
            if new == old:
                return
            self._status = new
        self._persist(new, force=old.online != new.online or old.state != new.state)
        for listener in list(self._listeners):
            try:
                listener(new)
            except Exception:  # a broken listener must not stop replication
                log.exception("sync status listener failed")

    def _persist(self, status: SyncStatus, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._last_persist < 2.0:
            return
        self._last_persist = now
        try:
            with self.station.replica.transaction() as conn:
                self.station.replica.set_meta(conn, "sync_status", status.as_dict())
        except Exception:
            log.exception("could not save the sync status")

    def _counts(self) -> dict[str, int]:
        row = self.station.replica.one("SELECT sum(outbox = 1), sum(outbox = 2) FROM log")
        return {"outbox": int(row[0] or 0), "rejected": int(row[1] or 0)} if row else {"outbox": 0, "rejected": 0}

    # -- one round -----------------------------------------------------------------------------
    def push_once(self) -> int:
        """Push up to one batch of the outbox; returns how many events were acknowledged."""
        rows = self.station.replica.query("SELECT * FROM log WHERE outbox = 1 ORDER BY hlc LIMIT ?", (self._batch,))
        if not rows:
            return 0
        events = [{"id": r["id"], "hlc": r["hlc"], "station_id": r["station_id"], "type": r["type"],
                   "payload": json.loads(r["payload"]), "operator": r["operator"], "wall": r["wall"],
                   "flags": json.loads(r["flags"])} for r in rows]
        try:
            response = self.client.push(events)
        except TooLarge:
            self._batch = max(1, self._batch // 4)
            raise
        done, rejected = [], []
        for result in response.results:
            if not 0 <= result.index < len(events):
                continue
            event_id = events[result.index]["id"]
            if result.status in ("accepted", "duplicate"):
                done.append((event_id,))
            else:
                rejected.append((json.dumps([f"rejected:{result.code or 'unknown'}"]), event_id))
        with self.station.replica.transaction() as conn:
            conn.executemany("UPDATE log SET outbox = 0 WHERE id = ?", done)
            conn.executemany("UPDATE log SET outbox = 2, flags = ? WHERE id = ?", rejected)
        self._batch = min(MAX_BATCH, self._batch * 2)
        self._update(online=True, last_success=now_iso(), **self._counts())
        return len(done)

    def pull_once(self, wait: float = 0.0) -> int:
        """Fetch and apply one feed page; returns the number of items applied."""
        cursor = int(self.station.replica.get_meta("feed_cursor", 0))
        page = self.client.feed(cursor, limit=1000, wait=wait, outbox=self.status.outbox)
        if self._stop.is_set():
            return 0  # stopping: the page will be fetched again next time
        if self._feed_rebuilt(cursor, page.head) and cursor:
            page = self.client.feed(0, limit=1000, wait=0.0, outbox=self.status.outbox)
        result = apply_page(self.station, page)
        self._update(online=True, last_success=now_iso(), cursor=result.cursor, head=page.head, **self._counts())
        self._track_pins()
        return result.items

    def _feed_rebuilt(self, cursor: int, head: int) -> bool:
        """True (after starting over) when the registry's feed is not the one this station's position is in:
        the registry was restored from stations (another epoch, see :mod:`venue_app.registry.restore`) or
        from a backup older than this station (its head is behind our position). The position then means
        nothing: it goes back to the start (applying the feed again doubles nothing), and this station's
        own events are queued again (the registry answers "duplicate" for those it holds, takes the rest)."""
        epoch = self.client.epoch
        replica = self.station.replica
        known = str(replica.get_meta("registry_epoch") or "")
        if epoch is None or (epoch == known and head >= cursor):
            return False
        with replica.transaction() as conn:
            replica.set_meta(conn, "registry_epoch", epoch)
            replica.set_meta(conn, "feed_cursor", 0)
            replica.set_meta(conn, "feed_head", head)
            again = conn.execute("UPDATE log SET outbox = 1 WHERE station_id = ? AND outbox = 0",
                                 (self.station.station_id,)).rowcount
        if cursor or again:
            log.warning("the registry's feed was rebuilt (epoch %r, head %d, this station was at %d): pulling it "
                        "again from the start and pushing this station's %d events again", epoch, head, cursor, again)
        self._update(cursor=0, head=head, **self._counts())
        self._wake.set()
        return True

    def _track_pins(self) -> None:
        """Keep the pins in step with a certificate rotation: the pin the feed announces is accepted from
        now on; once the registry presents it, it is the only one (the retired key is no longer trusted)."""
        tls = self.client.tls
        if tls is None:
            return
        with tls._lock:
            announced, matched = self.client.announced_pin, tls.matched
            if announced and announced not in tls.pins:
                tls.pins.append(announced)
            if matched and tls.pins and matched != tls.pins[0]:
                tls.pins[:] = [matched]
            pins = list(tls.pins)
        if pins != self._saved_pins and self.station.replica.get_meta("registry_url") == self.client.url:
            with self.station.replica.transaction() as conn:
                self.station.replica.set_meta(conn, "registry_pins", pins)
            self._saved_pins = pins

    def _catch_up(self, progress: Callable[[int, int], None] | None) -> None:
        """Pull until caught up, fetching the next page while the current one is applied."""
        replica = self.station.replica
        bulk = replica.one("SELECT 1 FROM attendees LIMIT 1") is None  # a first sync into an empty replica
        if bulk:
            with replica.transaction() as conn:
                for name in BULK_INDEXES:
                    conn.execute(f"DROP INDEX IF EXISTS {name}")
        last: list[tuple[int, int]] = []

        def report(cursor: int, head: int) -> None:
            if bulk and cursor >= head:
                last[:] = [(cursor, head)]  # said once the indexes are back: the data is complete then
            elif progress:
                progress(cursor, head)

        try:
            self._pull_pages(report)
        finally:
            if bulk:
                with replica.transaction() as conn:
                    ensure_indexes(conn)
        if progress and last:
            progress(*last[0])
        self._update(**self._counts())

    def _pull_pages(self, progress: Callable[[int, int], None] | None) -> None:
        # the next page travels while this one is applied; both are decoded here, in this thread:
        # decoding in the fetching thread would take the GIL from the writer row by row
        with ThreadPoolExecutor(1, thread_name_prefix="sync-prefetch") as pool:
            cursor = int(self.station.replica.get_meta("feed_cursor", 0))
            future = pool.submit(self.client.feed_bytes, cursor, CATCH_UP_PAGE, 0.0)
            while future is not None:
                page = self.client.page(future.result())
                if self._feed_rebuilt(cursor, page.head) and cursor:
                    cursor = 0
                    future = pool.submit(self.client.feed_bytes, 0, CATCH_UP_PAGE, 0.0)
                    continue
                cursor = page.next
                future = pool.submit(self.client.feed_bytes, page.next, CATCH_UP_PAGE, 0.0) if page.more else None
                result = apply_page(self.station, page)
                self._update(online=True, last_success=now_iso(), cursor=result.cursor, head=page.head)
                self._track_pins()
                if progress:
                    progress(result.cursor, page.head)

    def from_snapshot(self) -> snapshot.SnapshotResult | None:
        """A new station's first sync from the registry's snapshot (:mod:`venue_app.sync.snapshot`);
        None when the replica already holds data, or the registry has no (acceptable) snapshot: the
        feed brings everything then (also when the snapshot failed to arrive: a registry that cannot build
        one must not keep a new station from syncing). A revoked station or a changed certificate raises."""
        try:
            result = snapshot.install_open(self.client, self.station.replica)
        except (Unauthorized, CertificateChanged):
            raise
        except SyncError as exc:
            log.warning("first sync without a snapshot: %s", exc)
            return None
        if result is not None:
            last = self.station.replica.one("SELECT max(hlc) FROM log")
            if last and last[0]:
                self.station.clock.observe(parse_hlc(last[0]))
            self.station.config_changed()
            self._update(online=True, last_success=now_iso(), cursor=result.manifest.seq,
                         head=max(result.manifest.seq, self.status.head), **self._counts())
        return result

    def index_pending(self, limit: int = 2000) -> int:
        """Index some attendees the first sync left for the search index (small writer transactions)."""
        with self.station.replica.transaction() as conn:
            return search.flush_some(conn, limit)

    def check_clock(self) -> None:
        t0 = self._wall()
        health = self.client.health()
        t1 = self._wall()
        offset = int(health.time_ms - (t0 + t1) * 500)
        warning = ""
        if abs(offset) > CLOCK_WARN_MS:
            warning = (f"This computer's clock is {abs(offset) // 1000} s "
                       f"{'behind' if offset > 0 else 'ahead of'} the registry. Ask IT to fix the time.")
        self._update(clock_offset_ms=offset, clock_warning=warning, online=True)

    def run_once(self, progress: Callable[[int, int], None] | None = None, *, index: bool = True) -> SyncStatus:
        """Push everything, pull until caught up (and finish the search index unless ``index`` is
        False); raises :class:`SyncError` when unreachable."""
        try:
            self.check_clock()
            while self.push_once():
                pass
            self.from_snapshot()
            self._catch_up(progress)
            while index and self.index_pending():
                pass
            while self.push_once():
                pass
            self._persist(self.status, force=True)
        except Revoked as exc:
            self._revoked(exc)
            raise
        except (SyncError, FeedError) as exc:
            self._update(online=False, last_error=str(exc), **self._counts())
            raise
        return self.status

    # -- background ----------------------------------------------------------------------------
    def start(self) -> None:
        self._stop.clear()
        self._update(**self._counts())
        for name, target in (("sync-push", self._push_loop), ("sync-pull", self._pull_loop)):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            if thread.name == "sync-push":
                thread.join(timeout)  # a push in flight finishes, so its acknowledgement is kept
        self.client.close()  # breaks a long-poll in flight: it only reads
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()
        if self._wake.set in self.station.outbox_listeners:
            self.station.outbox_listeners.remove(self._wake.set)
        self._update(state="stopped" if not self.status.revoked else "revoked")

    def _push_loop(self) -> None:
        try:
            self._push_forever()
        finally:
            if self._stop.is_set():
                self.client.close()  # (as in _pull_loop: a push that outlived stop()'s wait opened no new socket)

    def _push_forever(self) -> None:
        failures = 0
        while not self._stop.is_set():
            self._wake.wait(1.0)
            self._wake.clear()
            try:
                while not self._stop.is_set() and self.push_once():
                    failures = 0
            except Exception as exc:
                if self._fail(exc):
                    return
                failures += 1
                self._stop.wait(self._backoff(failures))
                self._wake.set()  # try again after the pause

    def _pull_loop(self) -> None:
        try:
            self._pull_forever()
        finally:
            if self._stop.is_set():
                # a long-poll that was in flight when stop() closed the client may have handed its
                # connection back afterwards: close again so no socket is left to the GC
                self.client.close()

    def _pull_forever(self) -> None:
        failures = 0
        clock_checked = 0.0
        while not self._stop.is_set():
            try:
                if time.monotonic() - clock_checked > 300:
                    self.check_clock()
                    clock_checked = time.monotonic()
                caught_up = self.status.cursor >= self.status.head
                if caught_up and self.index_pending(500):  # short writer holds: scans go first
                    continue  # finish the search index before waiting on the feed
                self.pull_once(wait=self.long_poll_s if caught_up else 0.0)
                failures = 0
            except Exception as exc:
                if self._stop.is_set() or self._fail(exc):
                    return
                failures += 1
                self._stop.wait(self._backoff(failures))

    def _fail(self, exc: Exception) -> bool:
        """Record a failure; True when replication must stop for good."""
        if isinstance(exc, Revoked):
            self._stop.set()
            self._revoked(exc)
            return True
        if isinstance(exc, SyncError | FeedError):
            message = str(exc)
        else:
            log.exception("sync failed unexpectedly")
            message = f"Sync hit an internal error ({type(exc).__name__}); retrying."
        self._update(online=False, last_error=message, **self._counts())
        return False

    def _revoked(self, exc: Revoked) -> WipeReport | None:
        """The registry revoked this station: push what it still holds (the registry takes the events made
        before the revocation), then wipe its personal data (:func:`venue_app.ops.wipe.wipe`), once."""
        with self._wipe_lock:
            if self._wiped is not None:
                return self._wiped
            message = str(exc)
            try:
                while self.push_once():
                    pass
            except Revoked:
                pass  # a registry that refuses even that push: what is left is kept as proof, without details
            except SyncError as push_exc:
                # the registry went away in the middle: keep everything, wipe on the next contact
                self._update(online=False, revoked=True, state="revoked",
                             last_error=f"{message} Its last events could not be sent ({push_exc}); the wipe "
                                        "waits for the next contact.")
                return None
            try:
                report = wipe(self.station, force=True, reason="revoked by the registry")
            except Exception as wipe_exc:  # the replica is still whole: say so, never pretend
                log.exception("the wipe after revocation failed")
                self._update(online=False, revoked=True, state="revoked",
                             last_error=f"{message} Wiping its personal data failed ({wipe_exc}); run "
                                        "`venue-app station wipe`.")
                return None
            self._wiped = report
            self._update(online=False, revoked=True, state="revoked", last_error=f"{message} {report.words()}",
                         details={**self.status.details, "wipe": report.as_dict()}, **self._counts())
            return report

    def _backoff(self, failures: int) -> float:
        ceiling = min(self.backoff_max_s, self.backoff_base_s * 2 ** min(failures, 16))
        return random.uniform(self.backoff_base_s / 2, ceiling)  # full jitter: stations do not stampede
