"""Long work runs off the GUI thread: the desk answers searches and scans while a long task runs.

The long lane is what the desk really runs its long work on (enrolment in the setup wizard, the
dashboard's report, syncs). The check is by order, not by the clock: the long task waits until the
window has answered a search and a scan, which it can only do if the task runs beside it. (This
replaced a 35 s test that imported 100,000 attendees through ``TaskManager.run_process``, a path
no screen uses, and bounded the event loop's worst tick in milliseconds.)"""

from __future__ import annotations

import gc
import threading
from typing import Any


def test_long_work_runs_beside_the_window_and_holds_back_full_collections(desk: Any, qtbot: Any) -> None:
    from devices.events import ScanEvent

    gui = threading.current_thread()
    base = gc.get_threshold()
    answered = threading.Event()
    seen: dict[str, Any] = {}
    results: list[tuple[str, threading.Thread]] = []

    def long_work() -> str:
        seen["thread"] = threading.current_thread()
        seen["threshold"] = gc.get_threshold()
        if not answered.wait(60):
            raise TimeoutError("the window never answered while the long task ran")
        return "done"

    desk.ctx.tasks.run(long_work, lane="long", label="long work",
                       on_done=lambda r: results.append((r, threading.current_thread())))
    desk.search_field.setText("Ivanov")
    qtbot.waitUntil(lambda: desk.search.shown_query == "Ivanov", timeout=30_000)
    assert [r["code"] for r in desk.search.model.rows][:1] == ["MWC-RU-003"]
    with qtbot.waitSignal(desk.verdict_shown, timeout=30_000) as shown:
        desk.handle_scan(ScanEvent("test", b"MWC-ES-002", "MWC-ES-002", 0.0))
    assert shown.args == ["ok"] and desk.ctx.station.status()["checked_in"] == 1
    # both answered while the long task was still waiting: it runs beside the window
    assert not results and "thread" in seen
    # full (generation 2) collections stop the GUI thread: held back while long work runs
    assert gc.get_threshold()[2] > base[2] and seen["threshold"][2] > base[2]
    answered.set()
    qtbot.waitUntil(lambda: bool(results), timeout=30_000)
    assert results == [("done", gui)]  # the result comes back on the GUI thread
    assert seen["thread"] is not gui and seen["thread"].name.startswith("venue-long")
    assert gc.get_threshold() == base  # and full collections resume when it ends
