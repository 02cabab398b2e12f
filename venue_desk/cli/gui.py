"""``venue-app gui`` (the desk window) and ``venue-app demo`` (a ready demo station + the window).

The demo starts (or reuses) a local registry holding the 13th Metropolis World Congress and enrols a
station of the chosen role with it (``--role desk|door|dashboard``; several windows share the registry
and see each other's scans). The registry keeps running when the windows close (the next window finds
it at the same address) until ``venue-app demo --stop``. ``--role dashboard --simulated-morning``
opens a dashboard on a registry of its own holding a simulated congress morning (its traffic never
reaches the shared registry). ``--standalone`` builds a desk station without a registry instead.
Either way: the program (categories, rooms, sessions), N demo attendees (seed 13),
operator "Demo operator", supervisor PIN 1234, badges printed as PDF files into DIR/badges, and a
simulated scanner (off until F8) that scans a mix of demo codes. Qt is imported only inside the
command handlers (composition root rule of DESIGN.md).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

from venue_desk.cli import add_data_arg, emit

__all__ = ["DEMO_PIN", "build_demo_station", "register"]

DEMO_PIN = "1234"


def register(groups: dict[str, Any]) -> None:
    top = groups[""]
    gui = top.add_parser("gui", help="the desk station window")
    add_data_arg(gui)
    gui.add_argument("--sim", metavar="SPEC", help="offer a simulated scanner (F8), e.g. sim://?rate=0.5")
    gui.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    gui.add_argument("--lang", metavar="LANG", help="interface language for this run (en, zh_CN, fr, es)")
    gui.set_defaults(handler=_gui)
    demo = top.add_parser("demo", help="a demo congress station and its desk window",
                          description="Without --data: beside the user data folder (…-demo), never in it.")
    add_data_arg(demo)
    demo.add_argument("--attendees", type=int, default=2000, help="demo attendees (default 2000)")
    demo.add_argument("--seed", type=int, default=13)
    demo.add_argument("--sim-rate", type=float, default=0.5, help="demo scans per second (default 0.5)")
    demo.add_argument("--sim-on", action="store_true", help="start the demo scanner at once (else F8)")
    demo.add_argument("--build-only", action="store_true", help="build the demo station, do not open the window")
    demo.add_argument("--role", choices=("desk", "door", "dashboard"), default="desk",
                      help="which station: desk (default), a room door, or the operations dashboard")
    demo.add_argument("--room", default="plenary", help="door demo: the room (default plenary)")
    demo.add_argument("--standalone", action="store_true",
                      help="a standalone desk without the local registry")
    demo.add_argument("--simulated-morning", action="store_true",
                      help="dashboard demo: a registry of its own with a simulated congress morning "
                           "(the shared demo registry gets none of it)")
    demo.add_argument("--stop", action="store_true",
                      help="stop the demo registries of the demo folder (they outlive the windows), then exit")
    demo.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    demo.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)
    demo.add_argument("--lang", metavar="LANG", help="interface language for this run (en, zh_CN, fr, es)")
    demo.set_defaults(handler=_demo)


def _gui(args: argparse.Namespace) -> int:
    from ui.app import run_desk

    return run_desk(args.data, sim_spec=args.sim, screenshot=args.screenshot, language=args.lang)


def _demo(args: argparse.Namespace) -> int:
    from venue_app.paths import Paths, default_data_dir

    # never the real station's folder: a demo must not become the desk's event by accident
    folder = Paths.at(args.data or default_data_dir().with_name(default_data_dir().name + "-demo")).root
    if args.stop:
        from venue_desk.demo import stop_registries

        stopped = stop_registries(folder)
        emit({"stopped": stopped, "data": str(folder)}, args.json,
             f"stopped the demo registry at {', '.join(stopped)}" if stopped else "no demo registry was running")
        return 0
    if args.simulated_morning and args.role != "dashboard":
        from venue_app.errors import ConfigError

        raise ConfigError("--simulated-morning is for the dashboard demo (--role dashboard)")
    if args.standalone:
        paths = Paths(folder)
        built = build_demo_station(paths, attendees=args.attendees, seed=args.seed)
        registry = None
    else:
        paths, built, registry = _registry_demo(folder, args)
    codes = folder / "demo-scan-codes.txt"
    sim = f"sim://demo?rate={args.sim_rate:g}&order=random&seed={args.seed}&codes={codes}"
    info = {"data": str(paths.root), "built": built, "badges": str(paths.root / "badges"),
            "supervisor_pin": DEMO_PIN, "scanner": sim, "role": args.role,
            "registry": registry.url if registry is not None else None}
    if args.build_only:
        if registry is not None and registry.started_here:
            registry.stop()  # a build leaves nothing running that was not running before
        emit(info, args.json, f"demo {args.role} station in {paths.root} (supervisor PIN {DEMO_PIN})")
        return 0
    # the registry is not stopped when this window closes: other windows use it (demo --stop stops it)
    print(f"venue-app demo: {args.role} station in {paths.root}"
          + (f", registry {registry.url} (keeps running; `venue-app demo --stop` stops it)"
             if registry is not None else "")
          + f"; badges in {paths.root / 'badges'}; supervisor PIN {DEMO_PIN}; F8 starts the demo scanner")
    if args.role == "dashboard" and not args.simulated_morning:
        print("venue-app demo: the dashboard shows the demo windows' scans as they happen; "
              "--simulated-morning opens one on a simulated congress morning of its own")
    if args.role != "desk":
        return _room_demo(paths, args.role, args.room, sim, args.lang)
    from ui.app import run_desk

    return run_desk(str(paths.root), sim_spec=sim, sim_on=args.sim_on, screenshot=args.screenshot,
                    language=args.lang)


def _registry_demo(folder: Path, args: argparse.Namespace) -> tuple[Any, bool, Any]:
    """The local demo registry (started if needed) and this role's station enrolled with it."""
    import sys

    from venue_app.station import Station
    from venue_desk.demo import ensure_registry, ensure_station
    from venue_desk.demodata import generate

    def say(text: str) -> None:
        print(f"venue-app demo: {text}", file=sys.stderr, flush=True)

    codes = folder / "demo-scan-codes.txt"
    if args.simulated_morning:
        # simulated traffic goes to a registry of its own: in the shared one it would mix with the
        # windows' real scans (a full room counted twice, conflicts that never happened)
        folder = folder / "simulated"
    registry = ensure_registry(folder, attendees=args.attendees, seed=args.seed, say=say)
    try:
        room = args.room if args.role == "door" else None
        label = f"door-{room}" if room else args.role
        built = not (folder / label / "station.sqlite3").exists()
        paths = ensure_station(folder, registry, role=args.role, room=room, say=say)
        if built:
            with Station.open(paths) as station:
                _settings(station, paths)
                if args.simulated_morning:
                    say("recording a simulated congress morning (into the simulated registry only)…")
                    _simulated_morning(station, registry.root)  # tiles and charts are not empty
        if not codes.exists():
            _codes_file(codes, generate(args.attendees, args.seed), args.seed)
    except BaseException:
        if registry.started_here:
            registry.stop()
        raise
    return paths, built, registry


def _simulated_morning(station: Any, registry_root: Path) -> None:
    """The morning as the simulated desks and doors recorded it: in the dashboard's replica at once, and in
    the simulated registry, which hands it to every station through its feed as any station's events."""
    from venue_app.eventlog import Event
    from venue_app.ids import uuid7
    from venue_app.registry.admin import open_registry
    from venue_desk.roomsim import simulate_morning

    desks = str(uuid7())
    simulate_morning(station, as_station=desks)
    events = [Event.from_row(r).as_dict()
              for r in station.replica.query("SELECT * FROM log WHERE station_id = ? ORDER BY hlc", (desks,))]
    _, store = open_registry(registry_root)
    try:
        for start in range(0, len(events), 1000):
            store.ingest(desks, events[start:start + 1000])
    finally:
        store.close()


def _room_demo(paths: Any, role: str, room: str, sim: str, language: str | None = None) -> int:
    from ui.app import apply_settings, ensure_app
    from venue_app.station import Station

    app = ensure_app()
    station = Station.open(paths)
    apply_settings(app, station.settings)
    from ui import i18n

    i18n.install(language or str(station.settings["language"]))
    if role == "door":
        from ui.door import open_door_window

        window = open_door_window(station, room=room, scanners=[(sim, "in")])
    else:
        from ui.dashboard import open_dashboard

        window = open_dashboard(station)
    window.show()
    try:
        return app.exec()
    finally:
        station.close()


def build_demo_station(paths: Any, *, attendees: int = 2000, seed: int = 13) -> bool:
    """Create the demo station in ``paths`` unless one is there; True when it was built now."""
    from venue_app.program import EVENT_NAME, TIMEZONE, program
    from venue_app.station import Station
    from venue_desk.demodata import generate

    if paths.replica.exists():
        return False
    station = Station.init_standalone(paths, event_name=EVENT_NAME, station_name="Desk 1", timezone=TIMEZONE)
    try:
        plan = program(seed)
        with station.replica.transaction() as conn:
            for c in plan["categories"]:
                conn.execute("INSERT OR REPLACE INTO categories(code, label, color, rooms) VALUES (?, ?, ?, ?)",
                             (c["code"], c["label"], c["color"], json.dumps(c.get("rooms", ["*"]))))
            for r in plan["rooms"]:
                conn.execute("INSERT OR REPLACE INTO rooms(id, name, capacity, policy, zone) VALUES (?, ?, ?, ?, ?)",
                             (r["id"], r["name"], r["capacity"], r["policy"], r["zone"]))
            for s in plan["sessions"]:
                conn.execute("INSERT OR REPLACE INTO sessions(id, room_id, title, starts, ends, categories, capacity)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)", (s["id"], s["room_id"], s["title"], s["starts"],
                                                              s["ends"], json.dumps(s["categories"]), s["capacity"]))
        rows = generate(attendees, seed)
        station.add_attendees(rows)
        _settings(station, paths)
        _codes_file(paths.root / "demo-scan-codes.txt", rows, seed)
    finally:
        station.close()
    return True


def _settings(station: Any, paths: Any) -> None:
    from venue_app.ops import set_pin

    s = station.settings
    s["operator"] = "Demo operator"
    s["printer"] = f"pdf:{Path(paths.root) / 'badges'}"
    s["scanner"] = "keyboard"
    s["badge_template"] = "congress-a6"
    set_pin(s, DEMO_PIN)


def _codes_file(path: Path, rows: list[dict[str, Any]], seed: int) -> None:
    """What the demo scanner scans: mostly valid codes, some repeats, a few unknown codes and
    cancelled/blocked people — every colour of the verdict panel shows up."""
    rng = random.Random(seed)
    active = [r["code"] for r in rows if r.get("status") == "active" and r.get("code")]
    refused = [r["code"] for r in rows if r.get("status") != "active" and r.get("code")]
    picks = rng.sample(active, min(60, len(active)))
    codes = picks + picks[:8] + rng.sample(refused, min(4, len(refused))) + ["NOSUCHCODE1", "MWC-0000-XXXX"]
    rng.shuffle(codes)
    path.write_text("\n".join(codes) + "\n", "utf-8")
