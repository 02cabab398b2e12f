"""``venue-app station sync``: replication without the GUI; ``station wipe``: personal data deleted by hand."""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
from typing import Any

from venue_desk.cli import add_data_arg, add_json_arg, emit
from venue_desk.cli.core import open_station

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    p = groups["station"].add_parser("sync", help="sync with the registry (until stopped, or --once)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--once", action="store_true", help="push everything, pull until caught up, exit")
    p.add_argument("--duration", type=float, help="stop after this many seconds")
    p.set_defaults(handler=cmd_sync)

    p = groups["station"].add_parser(
        "wipe", help="delete the personal data of this station's replica (keeps its own events as proof)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--force", action="store_true",
                   help="wipe even if events have not reached the registry yet (their details are lost)")
    p.set_defaults(handler=cmd_wipe)


def cmd_sync(args: argparse.Namespace) -> int:
    from venue_app.sync import SyncEngine, SyncError

    with open_station(args) as st:
        engine = SyncEngine(st)
        if args.once:
            try:
                status = engine.run_once()
            except SyncError as exc:
                emit({**engine.status.as_dict(), "error": str(exc)}, args.json, f"sync failed: {exc}")
                engine.client.close()
                return 1
            engine.client.close()
            emit(status.as_dict(), args.json, f"in sync: cursor {status.cursor}, outbox {status.outbox}")
            return 0
        done = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: done.set())
        engine.on_change(lambda s: emit(s.as_dict(), args.json, f"{s.state}: outbox {s.outbox}, lag {s.lag}"
                                        + (f" — {s.last_error}" if s.last_error else "")))
        engine.start()
        with contextlib.suppress(KeyboardInterrupt):
            done.wait(args.duration)
        engine.stop()
        sys.stdout.flush()
        return 2 if engine.status.revoked else 0


def cmd_wipe(args: argparse.Namespace) -> int:
    from venue_app.ops.wipe import wipe

    with open_station(args) as st:
        report = wipe(st, force=args.force, reason="by hand")
    emit(report.as_dict(), args.json, report.words())
    return 0
