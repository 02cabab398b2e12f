"""Keyboard-wedge scans through a real X server: Xvfb, the real desk window in a child process on it
(``deskchild.py``, Qt's xcb platform), keystrokes from ``xdotool type --delay N`` and, for a scanner
that assumes a US keyboard on a German or French desk, raw keycodes through XTEST.

Verdicts are read back from the station's replica (``checkins`` for admissions, the ``scans``
audit table for refusals); the child only says when a verdict was painted and what the search
field holds. Skipped only when Xvfb or xdotool are not installed (``./dev`` installs them).

A real input method runs too (``inputmethod.py``: IBus with the libpinyin engine on a private
session bus, Qt's IBus plugin): a scanner's letters must not become a pinyin preedit, and staff
must still get Han characters when they ask for the input method (Ctrl+Space).
"""

from __future__ import annotations

import itertools
import json
import queue
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from inputmethod import TOOLS as IBUS_TOOLS
from inputmethod import IBusSession
from xserver import XServer, missing_tools

_MISSING = missing_tools(("Xvfb", "xdotool", "setxkbmap"))
pytestmark = pytest.mark.skipif(bool(_MISSING), reason=f"real X server tools not installed: {_MISSING}")

#: the longest gap between two keys of one code that the wedge decoder expects from a scanner
SCANNER_MAX_GAP_MS = 45

CHILD = Path(__file__).with_name("deskchild.py")
ROOT = Path(__file__).resolve().parents[2]

#: people for the X tests, each checked in at most once per test (codes in upper case, as printed)
X_PEOPLE = [{"code": f"WDG-{i:04d}", "given_name": f"Tester{i}", "family_name": "Wedge", "category": "DELEGATE",
             "country": "DE"} for i in range(1, 31)]
#: registered in traditional characters (Taipei); staff in Guangzhou type simplified or pinyin
X_PEOPLE.append({"code": "WDG-HAN1", "given_name": "俊賢", "family_name": "王", "category": "DELEGATE",
                 "country": "TW"})


@pytest.fixture(scope="module")
def xserver() -> Iterator[XServer]:
    with XServer(1366, 768) as xs:
        yield xs


class DeskProcess:
    """The desk child: commands in on stdin, JSON lines out through a reader thread."""

    def __init__(self, xs: XServer, data: Path, env: dict[str, str] | None = None) -> None:
        self.xs = xs
        self.data = data
        self.title = f"Wedge desk {uuid.uuid4().hex[:8]}"
        self.proc = xs.popen([sys.executable, str(CHILD), str(data), self.title], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(ROOT),
                             env=env or xs.env())
        self.lines: queue.Queue[dict[str, Any]] = queue.Queue()
        self.verdicts: list[str] = []
        self.retyped = 0  # codes typed again because the typist stalled (see typed)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.expect("ready", 60)
        self.window = xs.find_window(self.title)
        xs.activate(self.window)
        self.wait_state(lambda s: s["active"], "the desk window never got the X focus")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(json.loads(line))

    def expect(self, kind: str, timeout: float = 15.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no {kind!r} from the desk within {timeout} s; verdicts so far {self.verdicts}"
                                     f"; stderr: {self._stderr()}; {self._diagnosis(kind)}")
            try:
                msg = self.lines.get(timeout=left)
            except queue.Empty:
                continue
            if "verdict" in msg:
                self.verdicts.append(msg["verdict"])
            if kind in msg:
                return msg

    def _diagnosis(self, kind: str) -> str:
        """What the desk shows and the keys (with times) its wedge decoder was fed."""
        if kind == "state" or self.proc.poll() is not None:
            return ""
        try:
            return f"state {self.state()}; keys fed {self.command('keys')['keys'][-120:]}"
        except AssertionError as exc:
            return f"(no state: {exc})"

    def _stderr(self) -> str:
        if self.proc.poll() is None:
            return "(running)"
        return (self.proc.stderr.read() if self.proc.stderr else "")[-2000:]

    def command(self, cmd: str) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(cmd + "\n")
        self.proc.stdin.flush()
        return self.expect("state")["state"]

    def state(self) -> dict[str, Any]:
        return self.command("state")

    def wait_state(self, ok: Any, message: str, timeout: float = 10.0) -> dict[str, Any]:
        """Ask for the state until ``ok(state)`` (a condition wait: each answer is a round trip)."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.state()
            if ok(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"{message}: {state}; keys fed {self.command('keys')['keys'][-120:]}")

    def verdict(self, timeout: float = 15.0) -> str:
        return self.expect("verdict", timeout)["verdict"]

    def typed(self, send: Callable[[], None], text: str, expected: str) -> str:
        """The verdict for ``text`` typed by ``send()`` (xdotool or XTEST), which should be ``expected``.

        The typist here is a process on a shared, sometimes loaded machine, not a scanner's firmware:
        it can stall between two keys for longer than any scanner does (the X server's own key times
        show it). Only then is the code typed again, at most twice; any other wrong verdict fails at
        once, with the rhythm the desk saw."""
        for attempt in range(3):
            send()
            try:
                verdict = self.verdict(timeout=8)
            except AssertionError:
                verdict = "(no verdict)"
            keys = self.command("keys")["keys"][-len(text):]
            gaps = [round((b[1] - a[1]) * 1000) for a, b in itertools.pairwise(keys)]
            stalled = max(gaps, default=0) > SCANNER_MAX_GAP_MS
            if verdict == expected or not stalled or attempt == 2:
                assert verdict == expected, f"{verdict} instead of {expected}; key gaps (ms) {gaps}"
                return verdict
            self.retyped += 1
            self.settled()
        raise AssertionError("unreachable")

    def decoded_were(self, expected: list[str]) -> bool:
        """The codes the wedge decoded are ``expected``: exactly, or in order among the fragments of
        stalled typing that were typed again."""
        decoded = self.settled()["decoded"]
        if not self.retyped:
            return decoded == expected
        rest = iter(decoded)
        return all(code in rest for code in expected)

    def settled(self) -> dict[str, Any]:
        """The state once the wedge has decided every key (nothing withheld, no scan being read)."""
        return self.wait_state(lambda s: s["pending"] == "" and not s["scanning_pill"], "keys still withheld")

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(5)
        for pipe in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


class Replica:
    """Read-only look into the station's SQLite replica while the desk runs."""

    def __init__(self, data: Path) -> None:
        self.path = data / "station.sqlite3"

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            return conn.execute(sql, args).fetchall()
        finally:
            conn.close()

    def checked_in(self, code: str) -> int:
        return self.query("SELECT count(*) FROM checkins c JOIN attendees a ON a.id = c.attendee_id"
                          " WHERE a.code = ?", (code,))[0][0]

    def checkins(self) -> int:
        return self.query("SELECT count(*) FROM checkins")[0][0]

    def refusals(self) -> list[tuple[str, str]]:
        """Scans that recorded no event (the audit table keeps raw bytes as a JSON string)."""
        return [(json.loads(raw) if raw.startswith('"') else raw, status)
                for raw, status in self.query("SELECT raw, status FROM scans ORDER BY rowid")]


@pytest.fixture
def station_data(tmp_path: Path, station_factory: Any) -> Iterator[tuple[Path, dict[str, str]]]:
    data = tmp_path / "data"
    st = station_factory(data)
    st.add_attendees(X_PEOPLE)
    st.settings["sounds"] = False
    st.settings["auto_print"] = False
    st.settings["operator"] = "X tester"
    tokens = {p["code"]: st.issue_badge(p["code"]).token for p in X_PEOPLE[:12]}
    st.close()
    yield data, tokens


@pytest.fixture
def desk_x(xserver: XServer, station_data: tuple[Path, dict[str, str]]) -> Iterator[DeskProcess]:
    xserver.setxkbmap("us")
    proc = DeskProcess(xserver, station_data[0])
    yield proc
    proc.close()
    xserver.setxkbmap("us")


@pytest.fixture
def replica(station_data: tuple[Path, dict[str, str]]) -> Replica:
    return Replica(station_data[0])


@pytest.fixture
def tokens(station_data: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return station_data[1]


@pytest.mark.parametrize("delay", [8, 30])
def test_badges_and_codes_typed_through_x_check_in(desk_x: DeskProcess, replica: Replica, tokens: dict[str, str],
                                                    xserver: XServer, delay: int) -> None:
    assert desk_x.command("focus_search")["focus"] == "search"
    def typed(text: str, expected: str) -> str:
        return desk_x.typed(lambda: xserver.type(text, delay), text, expected)

    for code in ("WDG-0001", "WDG-0002"):  # signed badges: VD1 + upper-case base32, Shift per letter
        assert tokens[code].isupper()
        typed(tokens[code] + "\n", "ok")
        assert replica.checked_in(code) == 1
    typed("WDG-0020\n", "ok")  # an upper-case registration code
    assert replica.checked_in("WDG-0020") == 1
    typed(tokens["WDG-0001"] + "\n", "already_checked_in")  # the same badge again: amber, not a second check-in
    assert replica.checked_in("WDG-0001") == 1
    state = desk_x.settled()
    assert state["search"] == "" and state["focus"] == "search"
    assert desk_x.decoded_were([tokens["WDG-0001"], tokens["WDG-0002"], "WDG-0020", tokens["WDG-0001"]])
    assert replica.refusals()[-1] == (tokens["WDG-0001"], "already_checked_in")
    assert len(replica.refusals()) <= 1 + desk_x.retyped  # a stalled attempt may have been refused


def test_key_interval_of_40_ms(desk_x: DeskProcess, replica: Replica, tokens: dict[str, str],
                               xserver: XServer) -> None:
    desk_x.command("focus_search")
    xserver.type(tokens["WDG-0003"][:40] + "\n", 40)  # the slowest a scanner is set to; 40 keys ≈ 3 s
    assert desk_x.verdict() == "invalid"  # forty characters of a badge: one scan, refused as damaged
    xserver.type("WDG-0021\n", 40)
    assert desk_x.verdict() == "ok" and replica.checked_in("WDG-0021") == 1
    assert desk_x.settled()["search"] == ""


@pytest.mark.parametrize("layout", ["de", "fr"])
def test_typed_in_german_and_french_layouts(desk_x: DeskProcess, replica: Replica, tokens: dict[str, str],
                                            xserver: XServer, layout: str) -> None:
    xserver.setxkbmap(layout)
    assert xserver.layout() == layout
    desk_x.command("focus_search")
    # xdotool types characters in the active layout (AZERTY: Shift for every digit, AltGr-free)
    for code, text in (("WDG-0004", tokens["WDG-0004"] + "\n"), ("WDG-0022", "WDG-0022\n")):
        desk_x.typed(lambda text=text: xserver.type(text, 8), text, "ok")
        assert replica.checked_in(code) == 1
    assert desk_x.decoded_were([tokens["WDG-0004"], "WDG-0022"])  # what arrived is what was typed
    assert desk_x.settled()["search"] == ""


def test_us_scanner_on_a_german_desk_is_repaired_by_the_signature(desk_x: DeskProcess, replica: Replica,
                                                                   tokens: dict[str, str], xserver: XServer) -> None:
    xserver.setxkbmap("de")
    token = next(t for c, t in tokens.items() if ("Y" in t or "Z" in t) and c in ("WDG-0005", "WDG-0006"))
    code = next(c for c, t in tokens.items() if t == token)
    xserver.scanner_keys(token + "\r", 8)  # US keycodes: Y and Z arrive swapped
    assert desk_x.verdict() == "ok" and replica.checked_in(code) == 1
    arrived = desk_x.settled()["decoded"][-1]
    assert arrived != token and arrived == token.translate(str.maketrans("YZ", "ZY"))
    # a registration code with "-" is not signed: US "-" is "ß" on a German keyboard and no
    # guess is made; the verdict says unknown, nobody else is admitted
    before = replica.checkins()
    xserver.scanner_keys("WDG-0023\r", 8)
    assert desk_x.verdict() == "unknown" and replica.checkins() == before
    assert replica.refusals()[-1] == ("WDGß0023", "unknown")


def test_us_scanner_on_a_french_desk_is_repaired_by_the_signature(desk_x: DeskProcess, replica: Replica,
                                                                   tokens: dict[str, str], xserver: XServer) -> None:
    xserver.setxkbmap("fr")
    code, token = next((c, t) for c, t in tokens.items() if "M" in t)
    xserver.scanner_keys(token + "\r", 8)  # US keycodes: A/Q, Z/W swapped, digits as &é"'(-è_çà, M as ?
    assert desk_x.verdict() == "ok" and replica.checked_in(code) == 1
    arrived = desk_x.settled()["decoded"][-1]
    assert "&" in arrived and "?" in arrived


def test_tab_suffix_and_no_suffix(desk_x: DeskProcess, replica: Replica, tokens: dict[str, str],
                                  xserver: XServer) -> None:
    desk_x.command("focus_search")
    xserver.type(tokens["WDG-0007"], 8)  # a scanner set to send no suffix: the idle gap ends the scan
    assert desk_x.verdict() == "ok" and replica.checked_in("WDG-0007") == 1
    xserver.type("WDG-0024\t", 8)
    assert desk_x.verdict() == "ok" and replica.checked_in("WDG-0024") == 1
    state = desk_x.settled()
    assert state["search"] == "" and state["focus"] == "search"  # Tab was the scan's, focus did not move


def test_lone_shift_then_half_code_then_nothing(desk_x: DeskProcess, replica: Replica, xserver: XServer) -> None:
    desk_x.command("focus_search")
    xserver.type("WDG-0025\n", 8)  # this scanner sends Enter: the desk learns that a code ends with it
    assert desk_x.verdict() == "ok"
    before = replica.checkins()
    xserver.key("shift")
    xserver.type("WDG-00", 8)  # half of WDG-0026, then nothing
    state = desk_x.wait_state(lambda s: s["incomplete"] == ["WDG-00"], "the half code was not reported incomplete")
    assert state["verdicts"] == 1 and replica.checkins() == before and replica.refusals() == []
    assert state["search"] == ""
    assert state["headline"].upper() == "SCAN INCOMPLETE"  # the panel says "scan again" (no verdict)


def test_gap_of_200_ms_inside_a_code_is_no_scan(desk_x: DeskProcess, replica: Replica, tokens: dict[str, str],
                                                xserver: XServer) -> None:
    desk_x.command("focus_search")
    xserver.type("WDG-0027\n", 8)
    assert desk_x.verdict() == "ok"
    before = replica.checkins()
    token = tokens["WDG-0009"]
    xserver.scanner_keys(token + "\r", 8, pause_at=60, pause_ms=200)  # the scanner stalls 200 ms mid-badge
    state = desk_x.wait_state(lambda s: len(s["incomplete"]) == 2, "the broken scan was not reported")
    assert state["incomplete"] == [token[:60], token[60:]]
    assert state["verdicts"] == 1 and replica.checkins() == before and replica.refusals() == []
    assert state["search"] == ""


def test_person_typing_at_150_ms_reaches_the_search_field(desk_x: DeskProcess, replica: Replica,
                                                          xserver: XServer) -> None:
    desk_x.command("focus_search")
    xserver.type("Wedge", 150)
    state = desk_x.wait_state(lambda s: s["search"] == "Wedge", "typing did not reach the search field")
    assert state["verdicts"] == 0 and state["decoded"] == [] and state["incomplete"] == []
    xserver.type("WDG-0029\n", 150)  # a code typed by hand with Enter: typing, not a scan
    state = desk_x.wait_state(lambda s: s["search"] == "WedgeWDG-0029", "the typed code did not reach the field")
    assert state["decoded"] == [] and replica.checked_in("WDG-0029") == 0


def test_input_method_is_off_in_the_search_field_unless_asked_for(desk_x: DeskProcess, tokens: dict[str, str],
                                                                   xserver: XServer, tmp_path: Path) -> None:
    state = desk_x.command("focus_search")
    assert state["ime_enabled"] is False and state["ime_pill"] is False  # what an IBus/Fcitx plugin is told
    xserver.key("ctrl+space")
    state = desk_x.wait_state(lambda s: s["ime_pill"], "Ctrl+Space did not turn the input method on")
    assert state["ime_enabled"] is True
    xserver.type(tokens["WDG-0008"] + "\n", 8)  # no IM runs here, so the keys still reach the desk
    assert desk_x.verdict() == "ok"
    state = desk_x.settled()
    assert state["ime_seen_off"] is True  # taken from the field while the scan was read …
    assert state["ime_enabled"] is True  # … and given back for the person who types next
    shot = xserver.screenshot(tmp_path / "desk.png")
    assert shot.stat().st_size > 10_000
    xserver.key("Escape")
    state = desk_x.wait_state(lambda s: not s["ime_pill"], "Esc did not turn the input method off")
    assert state["ime_enabled"] is False


@pytest.fixture
def ibus(xserver: XServer, tmp_path: Path) -> Iterator[IBusSession]:
    missing = missing_tools(IBUS_TOOLS)
    if missing:  # ./dev installs them (ibus, ibus-libpinyin, dbus)
        pytest.skip(f"IBus not installed: {missing}")
    with IBusSession(xserver, tmp_path) as session:
        yield session


@pytest.fixture
def desk_ibus(xserver: XServer, station_data: tuple[Path, dict[str, str]], ibus: IBusSession) -> Iterator[DeskProcess]:
    xserver.setxkbmap("us")
    proc = DeskProcess(xserver, station_data[0], env=ibus.app_env())
    yield proc
    proc.close()


@pytest.mark.serial  # Qt's IBus plugin does not reach IBus from an xdist worker (tests/conftest.py)
def test_scans_pass_an_active_pinyin_input_method(desk_ibus: DeskProcess, replica: Replica, tokens: dict[str, str],
                                                  xserver: XServer) -> None:
    """IBus with the pinyin engine selected, as on a desk laptop in Guangzhou: the scanner's letters
    would become a pinyin preedit that never arrives (they did, before the desk told IBus that its
    search field takes no input method)."""
    desk_ibus.command("focus_search")
    for code, text in (("WDG-0010", tokens["WDG-0010"] + "\n"), ("WDG-0026", "WDG-0026\n")):
        desk_ibus.typed(lambda text=text: xserver.type(text, 8), text, "ok")
        assert replica.checked_in(code) == 1
    xserver.type("wang", 150)  # staff search in pinyin without the IME: the Latin letters arrive
    state = desk_ibus.wait_state(lambda s: s["search"] == "wang" and "王俊賢" in s["results"],
                                 "pinyin did not find 王俊賢")
    assert state["decoded"][-1] == "WDG-0026"


@pytest.mark.serial  # Qt's IBus plugin does not reach IBus from an xdist worker (tests/conftest.py)
def test_input_method_on_demand_types_han_then_scans_again(desk_ibus: DeskProcess, replica: Replica,
                                                           tokens: dict[str, str], xserver: XServer,
                                                           tmp_path: Path) -> None:
    desk_ibus.command("focus_search")
    xserver.key("ctrl+space")  # the desk's key: IBus never sees it while the field takes no IM
    desk_ibus.wait_state(lambda s: s["ime_pill"] and s["ime_enabled"], "Ctrl+Space did not turn the IME on")
    xserver.type("wang", 150)
    desk_ibus.wait_state(lambda s: s["search"] == "" and s["pending"] == "", "the pinyin went past the IME")
    xserver.key("space")  # commits the first candidate
    state = desk_ibus.wait_state(lambda s: s["search"] == "王" and "王俊賢" in s["results"],
                                 "the IME did not commit 王")
    xserver.screenshot(tmp_path / "desk-ime.png")
    xserver.key("Escape")  # back to scanning: the IME is off again
    desk_ibus.wait_state(lambda s: not s["ime_pill"] and not s["ime_enabled"], "Esc left the IME on")
    desk_ibus.command("focus_search")
    desk_ibus.typed(lambda: xserver.type(tokens["WDG-0011"] + "\n", 8), tokens["WDG-0011"] + "\n", "ok")
    assert replica.checked_in("WDG-0011") == 1 and state["verdicts"] == 0
