"""The pretix link's figures against a real pretix (``scripts/pretix/up.sh``, issue 18):

* ``link_first_pull_1k_s`` / ``link_first_pull_10k_s``: a new link's first pull of an event with 1,000 / 10,000
  positions into an empty registry (every position an attendee, stations could sync right after);
* ``link_order_to_scannable_p95_s``: an order made in pretix → found at a desk syncing in the background from a
  served, linked registry (target ≤ 5 s);
* ``link_checkin_to_pretix_p95_s``: a scan at that desk → the check-in listed by pretix's API (target ≤ 5 s);
* ``pretix_redeem_p50_ms`` beside ``link_scan_p50_ms``: pretix's own ``checkinrpc/redeem`` answer time and our
  desk's scan (durable verdict) on the same machine, in the same run.

The bench events (``bench1k``, ``bench10k``, free tickets, orders of 50 positions) are made once and kept in
pretix (the server outlives the run). Without ``scripts/pretix`` (a bundled app) the section is skipped and
says so in ``link_skipped``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shlex
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from venue_desk.bench import BenchOptions, percentile

__all__ = ["run"]

UP = Path(__file__).resolve().parents[2] / "scripts" / "pretix" / "up.sh"
VENUE = [sys.executable, "-m", "venue_desk"]
_SAMPLES = 20


def _cli(*args: str, stdin: str | None = None, check: bool = True) -> dict[str, Any]:
    out = subprocess.run([*VENUE, *args, "--json"], capture_output=True, text=True, check=check, input=stdin).stdout
    return json.loads(out.splitlines()[-1])


def _pretix() -> dict[str, str] | None:
    if not UP.exists():
        return None
    done = subprocess.run(["bash", str(UP)], capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"scripts/pretix/up.sh failed: {done.stderr[-1500:]}")
    env = {}
    for line in done.stdout.splitlines():
        key, sep, value = line.partition("=")
        if sep and key.startswith("PRETIX_"):
            env[key] = shlex.split(value)[0] if value else ""
    return env


def _ensure_event(api: httpx.Client, org: str, slug: str, positions: int) -> None:
    """A bench event with ``positions`` free, named tickets in orders of 50 (made once, kept)."""
    events = {e["slug"] for e in api.get(f"/organizers/{org}/events/", params={"page_size": 50}).json()["results"]}
    e = f"/organizers/{org}/events/{slug}"
    if slug not in events:
        today = dt.date.today().isoformat()
        api.post(f"/organizers/{org}/events/", json={
            "name": {"en": f"Bench {slug}"}, "slug": slug, "live": False, "currency": "EUR",
            "date_from": f"{today}T08:00:00+01:00", "timezone": "Europe/Berlin"}).raise_for_status()
        item = api.post(f"{e}/items/", json={"name": {"en": "Delegate"}, "default_price": "0.00", "admission": True,
                                             "active": True, "personalized": True}).json()
        api.post(f"{e}/quotas/", json={"name": "all", "size": None, "items": [item["id"]]}).raise_for_status()
        api.post(f"{e}/checkinlists/", json={"name": "Main", "all_products": True}).raise_for_status()
    item_id = api.get(f"{e}/items/").json()["results"][0]["id"]
    have = api.get(f"{e}/orderpositions/", params={"page_size": 1}).json()["count"]
    n = have
    while n < positions:
        batch = min(50, positions - n)
        body = {"email": f"bench{n}@bench.example", "status": "p", "send_email": False, "sales_channel": "web",
                "locale": "en", "positions": [
                    {"item": item_id, "attendee_name_parts": {"_scheme": "given_family", "given_name": f"Guest{n + i}",
                                                              "family_name": "Bench"}} for i in range(batch)]}
        api.post(f"{e}/orders/", json=body, timeout=120).raise_for_status()
        n += batch


def _first_pull(env: dict[str, str], slug: str, tmp: Path) -> float:
    from venue_app.registry.admin import init_registry
    from venue_app.registry.link import Link, connect
    from venue_app.registry.store import Store

    config, _, _ = init_registry(tmp / slug, event_name=f"Pull {slug}", db_url=None, timezone="UTC")
    with Store.open(config.db_url) as store:
        connect(store, config.root, url=env["PRETIX_URL"], token=env["PRETIX_TOKEN"],
                organizer=env["PRETIX_ORGANIZER"], event=slug)
        link = Link(store, config.root)
        try:
            t0 = time.perf_counter()
            done = link.pull()
            elapsed = time.perf_counter() - t0
        finally:
            link.close()
        assert done["full"] and done["refused"] == 0, done
    return round(elapsed, 2)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _live(env: dict[str, str], tmp: Path, report: dict[str, Any]) -> None:
    """A served, linked registry and a desk syncing in the background, as at the venue."""
    from venue_app.paths import Paths
    from venue_app.sync import SyncEngine
    from venue_app.sync.enroll import enroll

    reg = str(tmp / "live")
    _cli("registry", "init", "--data", reg, "--event-name", "Link bench")
    _cli("registry", "connect", "pretix", "--data", reg, "--url", env["PRETIX_URL"], "--token", "-", "--organizer",
         env["PRETIX_ORGANIZER"], "--event", env["PRETIX_EVENT"], stdin=env["PRETIX_TOKEN"] + "\n")
    port = _free_port()
    url = f"https://127.0.0.1:{port}"
    server = subprocess.Popen([*VENUE, "registry", "serve", "--data", reg, "--port", str(port), "--quiet"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ})
    api = httpx.Client(base_url=f"{env['PRETIX_URL']}/api/v1/organizers/{env['PRETIX_ORGANIZER']}/events/"
                                f"{env['PRETIX_EVENT']}", headers={"Authorization": f"Token {env['PRETIX_TOKEN']}"},
                       timeout=60)
    try:
        deadline = time.monotonic() + 120
        while not _cli("registry", "link", "status", "--data", reg, check=False).get("full_pull_at"):
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the linked registry did not finish its first pull")
            time.sleep(0.2)
        made = _cli("registry", "enroll", "--data", reg, "--name", "Bench desk")
        station = enroll(Paths(tmp / "desk"), url, f"{made['code']}#{made['pin']}", name="Bench desk")
        engine = SyncEngine(station)
        engine.start()
        try:
            to_scannable: list[float] = []
            secrets: list[str] = []
            for n in range(_SAMPLES):
                t0 = time.perf_counter()
                order = api.post("/orders/", json={
                    "email": f"live{n}@bench.example", "status": "p", "send_email": False, "sales_channel": "web",
                    "payment_provider": "manual", "locale": "en", "positions": [{"item": 1, "attendee_name_parts": {
                        "_scheme": "given_family", "given_name": f"Live{n}", "family_name": "Bench"}}]}).json()
                secret = order["positions"][0]["secret"]
                while station.attendee(secret) is None:
                    if time.perf_counter() - t0 > 60:
                        raise RuntimeError("an order did not reach the desk within 60 s")
                    time.sleep(0.02)
                to_scannable.append(time.perf_counter() - t0)
                secrets.append(secret)
            report["link_order_to_scannable_p95_s"] = round(percentile(to_scannable, 95), 2)
            to_pretix: list[float] = []
            scans: list[float] = []
            for secret in secrets:
                t0 = time.perf_counter()
                verdict = station.scan(secret)
                scans.append((time.perf_counter() - t0) * 1000)
                assert verdict.status == "ok", verdict.message
                while not api.get("/orderpositions/", params={"secret": secret}).json()["results"][0]["checkins"]:
                    if time.perf_counter() - t0 > 60:
                        raise RuntimeError("a check-in did not reach pretix within 60 s")
                    time.sleep(0.05)
                to_pretix.append(time.perf_counter() - t0)
            report["link_checkin_to_pretix_p95_s"] = round(percentile(to_pretix, 95), 2)
            report["link_scan_p50_ms"] = round(sorted(scans)[len(scans) // 2], 2)
        finally:
            engine.stop()
            station.close()
        # pretix's own answer to a scanner's redeem (fresh nonces; the tickets are checked in already: force)
        redeem: list[float] = []
        org_api = f"{env['PRETIX_URL']}/api/v1/organizers/{env['PRETIX_ORGANIZER']}/checkinrpc/redeem/"
        for n, secret in enumerate(secrets):
            t0 = time.perf_counter()
            r = httpx.post(org_api, headers={"Authorization": f"Token {env['PRETIX_TOKEN']}"}, timeout=60, json={
                "secret": secret, "lists": [int(env["PRETIX_CHECKINLIST"])], "type": "exit",
                "nonce": f"bench-{time.time_ns()}-{n}", "force": True})
            redeem.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 201, r.text
        report["pretix_redeem_p50_ms"] = round(sorted(redeem)[len(redeem) // 2], 1)
    finally:
        api.close()
        server.terminate()
        server.wait(30)


def run(options: BenchOptions, report: dict[str, Any]) -> None:
    env = _pretix()
    if env is None:
        report["link_skipped"] = "no scripts/pretix/up.sh here (a bundled app): the link bench needs a real pretix"
        return
    with tempfile.TemporaryDirectory(prefix="venue-bench-link-") as tmp, \
            httpx.Client(base_url=f"{env['PRETIX_URL']}/api/v1",
                         headers={"Authorization": f"Token {env['PRETIX_TOKEN']}"}, timeout=120) as api:
        root = Path(tmp)
        for slug, positions, key in (("bench1k", 1_000, "link_first_pull_1k_s"),
                                     ("bench10k", 10_000, "link_first_pull_10k_s")):
            if options.progress:
                print(f"bench: link: making sure pretix holds {positions:,} positions in {slug} (made once; pretix "
                      "takes orders at a few positions a second)…", file=sys.stderr, flush=True)
            _ensure_event(api, env["PRETIX_ORGANIZER"], slug, positions)
            report[key] = _first_pull(env, slug, root)
            if slug == "bench1k":
                _live(env, root, report)
