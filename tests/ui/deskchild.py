"""The real desk window in a child process on a real X display (``QT_QPA_PLATFORM=xcb``).

The test session's QApplication is offscreen, so a desk that receives real X keystrokes must live
in a process of its own. Run as ``python deskchild.py DATA_DIR TITLE``; it opens the station in
``DATA_DIR`` (auto-print and sounds off), shows the desk titled ``TITLE`` and talks JSON lines:

* out: ``{"ready": ...}`` once painted; ``{"verdict": status, "seq": n}`` for every verdict shown;
  ``{"state": {...}}`` in answer to ``state``.
* in (one command a line): ``state`` (search field text, focus, pending wedge keys, whether the
  focus widget takes an input method now and whether it did not while a scan was read, decoded
  scans, incomplete scans, the verdict panel's headline), ``focus_search``, ``input_method`` (the
  desk's Ctrl+Space), ``quit``.

The verdicts a test asserts are read back from the replica by the test itself; the lines here
only say *when* to look and what the window shows.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def main(argv: list[str]) -> int:
    data, title = argv[1], argv[2]
    from PySide6.QtCore import QSocketNotifier, Qt
    from PySide6.QtGui import QInputMethodQueryEvent

    from printing.backends import PdfFolderBackend
    from ui.app import ensure_app
    from ui.desk import create_desk
    from venue_app.paths import Paths
    from venue_app.station import Station

    app = ensure_app()
    station = Station.open(Paths.at(data))
    station.settings["auto_print"] = False
    window = create_desk(station, sounds=False, open_scanner=False, sync=None,
                         backend=PdfFolderBackend(Path(data) / "badges"))
    window.setWindowTitle(title)
    window.resize(1280, 720)
    seq = [0]
    decoded: list[str] = []

    def say(obj: dict[str, Any]) -> None:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    def on_verdict(status: str) -> None:
        seq[0] += 1
        say({"verdict": status, "seq": seq[0]})

    window.verdict_shown.connect(on_verdict)
    window.wedge.scanned.connect(lambda ev: decoded.append(ev.text))
    incomplete: list[str] = []
    window.wedge.incomplete.connect(incomplete.append)
    ime_seen_off = [False]

    def on_reading(reading: bool) -> None:
        # whether the search field takes an input method at the moment a scan is recognised
        if reading and app.focusWidget() is window.search_field:
            ime_seen_off[0] = not ime_accepted()

    def ime_accepted() -> bool:
        """What Qt's input-method plugins are told about the focus widget (``Qt.ImEnabled``)."""
        focus = app.focusObject()
        if focus is None:
            return False
        query = QInputMethodQueryEvent(Qt.InputMethodQuery.ImEnabled)
        app.sendEvent(focus, query)
        return bool(query.value(Qt.InputMethodQuery.ImEnabled))

    window.wedge.scanning.connect(on_reading)
    # every key the wedge decoder is fed, with its time: a failing test prints the rhythm it saw
    fed: list[tuple[str, float]] = []
    decoder = window.wedge.decoder
    feed = decoder.feed

    def recording_feed(text: str, t: float) -> Any:
        fed.append((text, round(t, 4)))
        del fed[:-400]
        return feed(text, t)
    decoder.feed = recording_feed  # type: ignore[method-assign]

    def state() -> dict[str, Any]:
        focus = app.focusWidget()
        field = window.search_field
        return {"search": field.text(), "focus": focus.objectName() if focus else None,
                "pending": "".join(k.text for k in window.wedge.decoder.pending),
                "ime_enabled": ime_accepted(), "ime_pill": window.ime_pill.isVisible(),
                "results": [f"{r.get('family_name') or ''}{r.get('given_name') or ''}"
                            for r in window.search.model.rows],
                "decoded": decoded, "incomplete": incomplete, "ime_seen_off": ime_seen_off[0],
                "headline": window.panel.headline.text(), "verdicts": seq[0],
                "seen_suffix": window.wedge.decoder.seen_suffix, "active": window.isActiveWindow(),
                "scanning_pill": window.scanning_pill.isVisible()}

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        cmd = line.strip()
        if cmd == "state":
            say({"state": state()})
        elif cmd == "keys":
            say({"state": {"keys": fed}})
        elif cmd == "focus_search":
            window.focus_search()
            say({"state": state()})
        elif cmd == "input_method":
            window.toggle_input_method(True)
            say({"state": state()})
        elif cmd == "quit":
            app.quit()

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    window.show()
    window.raise_()
    window.activateWindow()
    say({"ready": True, "title": title})
    code = app.exec()
    notifier.setEnabled(False)
    window.close()
    station.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
