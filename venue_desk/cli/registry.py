"""``venue-app registry …``: create, fill, run and administer the reference central registry.

Commands work on the registry database directly (also while ``serve`` runs: writes are serialised
by the database and the server notices them within two seconds).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from venue_app.errors import ConfigError
from venue_desk.cli import add_data_arg, add_json_arg, emit

__all__ = ["register"]


def register(groups: dict[str, Any]) -> None:
    registry = groups["registry"]

    p = registry.add_parser("init", help="create the event, its signing key and the admin token")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--event-name", required=True, help="name of the event")
    p.add_argument("--db", metavar="URL", help="database URL (default: SQLite in DIR; postgresql://… for PostgreSQL)")
    p.add_argument("--timezone", default="UTC", help="event time zone (IANA name)")
    p.add_argument("--url", metavar="URL", help="the registry URL stations use (put into enrolment QR codes)")
    _add_cert_args(p)
    p.set_defaults(handler=cmd_init)

    p = registry.add_parser("serve", help="serve the sync API (logs each request line on stderr)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="TCP port (0: any free port, printed)")
    p.add_argument("--quiet", action="store_true", help="do not log request lines")
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="server processes on one port (for 4 cores or more; default 1)")
    p.add_argument("--public-url", action="append", metavar="URL", default=[],
                   help="an address of this registry stations are given at enrolment; repeat it for each host "
                        "when several registry hosts share one PostgreSQL database (stations fail over between "
                        "them; default: registry.json \"urls\", else its public URL)")
    p.add_argument("--http", action="store_true", help="plain HTTP instead of HTTPS: only on a loopback address")
    p.add_argument("--insecure-http", action="store_true",
                   help="plain HTTP on any address: everyone on the network can read tokens and attendee data")
    p.set_defaults(handler=cmd_serve)

    p = registry.add_parser("cert", help="the registry's TLS certificate: show, rotate (announce the next), activate")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("action", choices=("show", "rotate", "activate"), nargs="?", default="show")
    _add_cert_args(p)
    p.set_defaults(handler=cmd_cert)

    p = registry.add_parser("import", help="import attendees (CSV/XLSX) with the station importer's row report")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--mapping", metavar="JSON", help="column mapping file")
    p.add_argument("--dry-run", action="store_true", help="validate and report, write nothing")
    p.set_defaults(handler=cmd_import)

    p = registry.add_parser("program", help="load rooms, categories and sessions from a JSON or CSV file")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("file", metavar="FILE", nargs="?", help="program file (see venue_app.registry.admin)")
    p.add_argument("--demo", action="store_true", help="load the demo congress program")
    p.add_argument("--write-demo", metavar="FILE", help="only write the demo program file, load nothing")
    p.set_defaults(handler=cmd_program)

    p = registry.add_parser("enroll", help="a one-time, expiring enrolment code for a new station")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--name", required=True, help="station name")
    p.add_argument("--role", choices=("desk", "door", "dashboard"), default="desk")
    p.add_argument("--room", help="room id of a door station")
    p.add_argument("--ttl-hours", type=float, default=24.0, help="validity of the code (default 24 h)")
    p.add_argument("--url", metavar="URL", help="registry URL to put into the QR (default: from init)")
    p.add_argument("--qr", metavar="FILE", help="also write the QR code: a PNG file, or - for the terminal")
    p.set_defaults(handler=cmd_enroll)

    p = registry.add_parser("stations", help="list enrolled stations")
    add_data_arg(p)
    add_json_arg(p)
    p.set_defaults(handler=cmd_stations)

    p = registry.add_parser("revoke", help="revoke a station (a running server refuses its token within 2 s)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("station", metavar="STATION", help="station id or name")
    p.add_argument("--reason", default="", help="why (kept with the station)")
    p.set_defaults(handler=cmd_revoke)

    p = registry.add_parser("summary", help="occupancy, check-ins and conflicts")
    add_data_arg(p)
    add_json_arg(p)
    p.set_defaults(handler=cmd_summary)

    p = registry.add_parser("purge", help="after the event: blank the personal data of people inactive since DATE")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--personal-data", action="store_true", required=True,
                   help="blank names, codes, contact details, accessibility needs and notes (what is purged)")
    p.add_argument("--before", required=True, metavar="DATE",
                   help="people with no activity since DATE (YYYY-MM-DD: midnight in the event's time zone, "
                        "or an ISO date and time)")
    p.add_argument("--yes", action="store_true", help="also when DATE is in the future (the event may still run)")
    p.set_defaults(handler=cmd_purge)

    p = registry.add_parser("connect", help="link a registration system (pretix): orders in, check-ins back")
    p.add_argument("system", choices=("pretix",), help="the registration system")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--url", required=True, help="pretix's address, e.g. https://tickets.example.org")
    p.add_argument("--token", required=True, metavar="TOKEN",
                   help="a pretix team API token (- reads it from standard input; it is stored in keys/pretix.token, "
                        "mode 600, and never printed)")
    p.add_argument("--organizer", required=True, help="the organizer's short form in pretix")
    p.add_argument("--event", required=True, help="the event's short form in pretix")
    p.add_argument("--checkin-list", type=int, metavar="ID", help="the check-in list that gets our check-ins "
                   "(default: the first one for all products)")
    p.add_argument("--category-map", metavar="FILE", help="item name → category: JSON {\"Delegate\": \"DEL\"} or CSV "
                   "lines `Delegate,DEL` (default: the item's name as the category)")
    p.set_defaults(handler=cmd_connect)

    p = registry.add_parser("link", help="the link with pretix: status")
    p.add_argument("action", choices=("status",), nargs="?", default="status")
    add_data_arg(p)
    add_json_arg(p)
    p.set_defaults(handler=cmd_link)

    p = registry.add_parser("issuer", help="signed tickets stations verify offline: trust an issuer's key, "
                                           "revoke or block secrets, list")
    p.add_argument("action", choices=("add", "list", "secret"), help="add (trust exactly these keys), list, or "
                   "secret (set the state of ticket secrets)")
    p.add_argument("scheme", nargs="?", default="pretix-sig1", choices=("pretix-sig1",),
                   help="the ticket format (pretix's signed secrets)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--ref", metavar="NAME", help="the issuer, e.g. pretix:ORG/EVENT (needed by add and secret)")
    p.add_argument("--key", action="append", default=[], metavar="FILE",
                   help="a public key file: pretix's valid_keys entry, a PEM, or the raw key in base64 (repeatable)")
    p.add_argument("--item", action="append", default=[], metavar="ID=CATEGORY",
                   help="the issuer's item id and the category its tickets get (repeatable)")
    p.add_argument("--state", choices=("revoked", "blocked", "ok"), default="revoked",
                   help="for secret: what the issuer says of them (ok lifts a block)")
    p.add_argument("--reason", default="", help="for secret: why, in words")
    p.add_argument("--secret", action="append", default=[], metavar="SECRET", dest="secrets",
                   help="for secret: a ticket secret (repeatable)")
    p.set_defaults(handler=cmd_issuer)

    p = registry.add_parser("audit", help="who did what to the registry (admin actions and refused attempts)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--limit", type=int, default=200, metavar="N", help="the newest N entries (default 200)")
    p.set_defaults(handler=cmd_audit)

    p = registry.add_parser("restore", help="rebuild a lost registry from station folders (their replicas)")
    add_data_arg(p)
    add_json_arg(p)
    p.add_argument("--from-station", action="append", required=True, metavar="DIR", dest="stations",
                   help="a station's data folder, or a copy of it (repeatable: every check-in any of them holds "
                        "is restored, once)")
    p.add_argument("--key-from", metavar="DIR", help="a backup of the old registry folder (keys/ and tls/): the "
                   "stations keep their pin and reconnect; without it they must enrol again")
    p.add_argument("--db", metavar="URL", help="database URL (default: SQLite in DIR)")
    p.add_argument("--url", metavar="URL", help="the registry URL stations use (default: the backup's)")
    p.set_defaults(handler=cmd_restore)


def _add_cert_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--cert", metavar="PEM", help="IT's certificate (PEM, chain allowed) instead of a self-signed one")
    p.add_argument("--key", metavar="PEM", help="the private key of --cert (PEM, unencrypted)")
    p.add_argument("--san", action="append", default=[], metavar="NAME",
                   help="a host name or address stations use, for the self-signed certificate (repeatable; "
                        "this machine's own names and addresses are added)")


def _data(args: argparse.Namespace) -> Any:
    from venue_app.paths import Paths

    return Paths.at(args.data).root


def cmd_init(args: argparse.Namespace) -> int:
    from venue_app.registry.admin import init_registry
    from venue_app.registry.tls import cert_info

    config, event, token = init_registry(_data(args), event_name=args.event_name, db_url=args.db,
                                         timezone=args.timezone, public_url=args.url, names=args.san,
                                         cert=args.cert, key=args.key)
    cert = cert_info(config.tls_files[0])
    result = {"data": str(config.root), "db": _safe(config.db_url), "event": event, "admin_token": token,
              "url": config.public_url, "certificate": cert.as_dict()}
    emit(result, args.json, f"Registry for {event['name']!r} created in {config.root}\n"
                            f"  event id {event['id']}, tag {event['tag']}, database {_safe(config.db_url)}\n"
                            f"  TLS certificate {'(self-signed) ' if cert.self_signed else ''}valid until "
                            f"{cert.not_after[:10]} for {', '.join(cert.names)}\n"
                            f"  certificate pin (enrolment codes carry it): {cert.pin}\n"
                            f"  admin token (shown once; keep it safe): {token}")
    return 0


def cmd_cert(args: argparse.Namespace) -> int:
    from venue_app.registry import tls
    from venue_app.registry.config import RegistryConfig

    config = RegistryConfig.load(_data(args))
    if args.action == "rotate":
        info = tls.rotate(config.root, args.san, args.cert, args.key)
        emit({"next": info.as_dict()}, args.json,
             f"next certificate ready, pin {info.pin}, valid until {info.not_after[:10]}\n"
             "  the running registry announces it in the feed from now on; once every station has synced, run "
             "`venue-app registry cert activate` and restart `registry serve`")
        return 0
    if args.action == "activate":
        info = tls.activate_next(config.root)
        emit({"certificate": info.as_dict()}, args.json,
             f"certificate {info.pin} is now the current one (the old one is in tls/previous.crt); "
             "restart `registry serve` to use it. Stations that did not sync since the rotation must be enrolled "
             "again.")
        return 0
    info, made = tls.ensure_certificate(config.root, [_host(config.public_url)])
    nxt = tls.next_pin(config.root)
    emit({"certificate": info.as_dict(), "next_pin": nxt, "created": made}, args.json,
         f"{info.path}{' (created now)' if made else ''}: pin {info.pin}, valid {info.not_before[:10]} to "
         f"{info.not_after[:10]}, names {', '.join(info.names)}" + (f"\n  rotation announced: next pin {nxt}"
                                                                    if nxt else ""))
    return 0


def _host(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).hostname or ""


def _safe(url: str) -> str:
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)


def cmd_serve(args: argparse.Namespace) -> int:
    from venue_app.registry.config import RegistryConfig
    from venue_app.registry.server import access_log_to_stderr, serve
    from venue_app.registry.tls import ensure_certificate
    from venue_app.transport import is_loopback

    if args.workers < 1:
        raise ConfigError("--workers must be 1 or more")
    plain = args.http or args.insecure_http
    if args.http and not args.insecure_http and not is_loopback(args.host):
        raise ConfigError(f"plain HTTP on {args.host} would let anyone on the venue network read station tokens and "
                          "attendee data: serve HTTPS (the default), or give --insecure-http knowingly")
    config = RegistryConfig.load(_data(args))
    bad = [u for u in args.public_url if not u.startswith(("https://", "http://"))]
    if bad:
        raise ConfigError(f"--public-url takes http(s):// addresses, not {bad[0]!r}")
    config.urls = [u.rstrip("/") for u in args.public_url] or config.urls
    if not plain:
        cert, made = ensure_certificate(config.root, [_host(config.public_url), args.host])
        if made:
            sys.stderr.write(f"this registry had no TLS certificate: made {cert.path} (pin {cert.pin}). Stations "
                             "enrolled over plain HTTP must be enrolled again with a new code.\n")
            if config.public_url.startswith("http://"):
                config.public_url = "https://" + config.public_url[len("http://"):]
                config.save()
    elif not is_loopback(args.host):
        sys.stderr.write("WARNING: plain HTTP (--insecure-http): station tokens and attendee data cross the network "
                         "unencrypted\n")
    # open the database once before the port is bound: an older schema is upgraded here, by this one process
    # (logged on stderr), and one newer than this program is refused (exit status 3) before any worker starts
    from venue_app.registry.store import Store

    Store.open(config.db_url).close()
    if not args.quiet:
        access_log_to_stderr()

    def ready(url: str) -> None:
        insecure = plain and not is_loopback(args.host)
        emit({"url": url, "data": str(config.root), "tls": not plain, "insecure": insecure}, args.json,
             f"registry listening on {url}" + (" (INSECURE: plain HTTP)" if insecure else ""))

    serve(config, host=args.host, port=args.port, ready=ready, workers=args.workers, tls=not plain)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from venue_app.registry.admin import import_file, open_registry

    _, store = open_registry(_data(args))
    try:
        report = import_file(store, args.file, args.mapping, dry_run=args.dry_run)
    finally:
        store.close()
    from venue_desk.cli.people import import_exit_status, import_report_lines

    emit(report.as_dict(), args.json, None if args.json else "\n".join(
        import_report_lines(report, dry_run=args.dry_run, where="in the registry")))
    return import_exit_status(report)  # 0 all imported, 1 with rows to look at, 2 nothing imported


def cmd_program(args: argparse.Namespace) -> int:
    from venue_app.registry import admin

    if args.write_demo:
        path = admin.write_demo_program(args.write_demo)
        emit({"written": str(path)}, args.json, f"demo program written to {path}")
        return 0
    if args.demo == bool(args.file):
        raise ConfigError("give a program FILE or --demo")
    doc = admin.program_doc(__import__("venue_app.program", fromlist=["program"]).program()) if args.demo \
        else admin.load_program_file(args.file)
    _, store = admin.open_registry(_data(args))
    try:
        result = store.apply_program(doc)
    finally:
        store.close()
    emit(result.model_dump(), args.json, f"program loaded: {result.categories} categories, {result.rooms} rooms, "
                                         f"{result.sessions} sessions changed, {result.unchanged} unchanged")
    return 0


def cmd_enroll(args: argparse.Namespace) -> int:
    from venue_app.registry import admin

    config, store = admin.open_registry(_data(args))
    try:
        result = admin.create_enrollment(store, config, name=args.name, role=args.role, room_id=args.room,
                                         ttl_s=args.ttl_hours * 3600, public_url=args.url)
        _audit(store, "enroll", f"code for {result['name']} ({result['role']})")
    finally:
        store.close()
    qr = ""
    if args.qr == "-":
        qr = admin.qr_text(result["url"])
    elif args.qr:
        result["qr"] = str(admin.qr_png(result["url"], args.qr))
    if args.json:
        emit(result, True)
        if qr:
            sys.stderr.write(qr)
    else:
        # typed by hand, the code carries the pin after a '#' (the QR link carries it as pin=)
        typed = f"{result['code']}#{result['pin']}" if result.get("pin") else result["code"]
        emit(result, False, f"{qr}enrolment code for {result['name']} ({result['role']}): {typed}\n"
                            f"  valid until {result['expires']}\n  {result['url']}")
    return 0


def cmd_stations(args: argparse.Namespace) -> int:
    from venue_app.registry.admin import open_registry

    _, store = open_registry(_data(args))
    try:
        rows = store.stations()
    finally:
        store.close()
    lines = [f"{r['id']}  {r['name']:<24} {r['role']:<9} {r['room_id'] or '':<10} "
             f"{'REVOKED ' + r['revoked_at'] if r['revoked_at'] else 'active'}  events={r['events']}" for r in rows]
    emit({"stations": rows}, args.json, "\n".join(lines) or "no stations enrolled yet")
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    from venue_app.registry.admin import open_registry

    _, store = open_registry(_data(args))
    try:
        station = store.revoke(store.find_station(args.station), args.reason)
        _audit(store, "revoke", f"station {station['name']} ({station['id']})")
    finally:
        store.close()
    emit(station, args.json, f"station {station['name']} ({station['id']}) revoked at {station['revoked_at']}")
    return 0


def _purge_date(text: str, timezone: str) -> Any:
    from datetime import datetime, time
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone: Any = ZoneInfo(timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"--before {text!r} is not a date: give YYYY-MM-DD or an ISO date and time") from None
    if len(text.strip()) == 10:  # a date alone: from midnight on, in the event's time zone
        moment = datetime.combine(moment.date(), time(), zone)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)


def cmd_purge(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from venue_app.registry.admin import open_registry
    from venue_app.registry.purge import purge_personal_data

    config, store = open_registry(_data(args))
    try:
        before = _purge_date(args.before, str(store.event().get("timezone") or "UTC"))
        if before > datetime.now(UTC) and not args.yes:
            raise ConfigError(f"--before {before.isoformat(timespec='minutes')} is in the future: people "
                                  "active today would lose their data while the event may still run. Add --yes "
                                  "if that is what you want.")
        report = purge_personal_data(store, before, snapshots=config.root / "snapshots")
    finally:
        store.close()
    emit(report.as_dict(), args.json, report.words())
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from venue_app.registry.admin import open_registry
    from venue_app.registry.link import link_summary

    _, store = open_registry(_data(args))
    try:
        summary = store.summary()
        summary["link"] = link_summary(store)  # how the pretix link goes (None: no link)
    finally:
        store.close()
    rooms = "\n".join(f"  {r['id']:<10} {r['occupancy']:>5}/{r['capacity']:<5} {r['name']}" for r in summary["rooms"])
    link = f"\n  pretix link: {summary['link']['words']}" if summary.get("link") else ""
    emit(summary, args.json, f"{summary['event']['name']}: {summary['checked_in']} of {summary['attendees']} "
                             f"checked in, {summary['conflict_count']} conflicts, {summary['stations']} stations\n"
                             f"{rooms}{link}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from venue_app.registry.restore import restore

    report = restore(_data(args), args.stations, key_from=args.key_from, db_url=args.db, public_url=args.url)
    from venue_app.registry.admin import open_registry

    _, store = open_registry(_data(args))
    try:
        _audit(store, "restore", f"from {', '.join(s['station'] for s in report.sources)}: "
                                 f"{report.events_accepted} events added")
    finally:
        store.close()
    sources = "\n".join(f"  {s['station']} ({s['role']}, {s['folder']}): {s['events']} events, {s['unpushed']} "
                        f"never pushed{'' if s['token'] else ', no registry token'}" for s in report.sources)
    text = (f"Registry {'rebuilt' if report.created else 'completed'} in {report.data} from "
            f"{len(report.sources)} station(s):\n{sources}\n"
            f"  {report.events_read} distinct events: {report.events_accepted} added, {report.events_duplicate} "
            f"already there, {report.events_rejected} refused; {report.attendees} attendees\n"
            f"  key and certificate {'kept (same pin)' if report.key_kept else 'NEW (stations must enrol again)'}; "
            f"feed epoch {report.epoch}\n"
            + (f"  admin token (shown once; keep it safe): {report.admin_token}\n" if report.admin_token else "")
            + "\n".join(f"  - {step}" for step in report.next_steps))
    emit(report.as_dict(), args.json, text)
    return 0


def cmd_connect(args: argparse.Namespace) -> int:
    from venue_app.registry.admin import open_registry
    from venue_app.registry.link.core import connect, load_category_map

    token = sys.stdin.readline().strip() if args.token == "-" else args.token
    categories = load_category_map(args.category_map)
    config, store = open_registry(_data(args))
    try:
        result = connect(store, config.root, url=args.url, token=token, organizer=args.organizer, event=args.event,
                         checkin_list=args.checkin_list, category_map=categories)
    finally:
        store.close()
    emit(result, args.json, f"linked to pretix {result['url']}: event {result['event_name']!r} "
                            f"({result['organizer']}/{result['event']}), check-ins go to list {result['checkin_list']} "
                            f"({result['checkin_list_name']})\n  `registry serve` pulls the orders and sends "
                            "check-ins back; `registry link status` says how it goes")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from venue_app.registry.admin import open_registry
    from venue_app.registry.link.core import status

    _, store = open_registry(_data(args))
    try:
        result = status(store)
    finally:
        store.close()
    out = result.get("outbound") or {}
    lines = [result["words"]]
    if result["linked"]:
        lines.append(f"  {result['organizer']}/{result['event']} at {result['url']}, list(s) "
                     f"{', '.join(map(str, result['checkin_lists']))}")
        lines.append(f"  last pull {result['last_pull_at'] or 'never'}: {result['last_changed']} changed in "
                     f"{result['last_pull_s']} s")
        lines.append(f"  check-ins back: {out['sent']} sent, {out['pending']} waiting, {out['refused']} refused "
                     "by pretix")
        lines += [f"    refused: {r['last_error']} (event {r['event_id']})" for r in out["refusals"][:5]]
    emit(result, args.json, "\n".join(lines))
    return 0 if result["linked"] and result["state"] in ("ok", "starting") else 1


def cmd_issuer(args: argparse.Namespace) -> int:
    from pathlib import Path

    from venue_app.issuers import SCHEME
    from venue_app.registry.admin import open_registry
    from venue_app.registry.tickets import issuers

    if args.action in ("add", "secret") and not args.ref:
        raise ConfigError(f"registry issuer {args.action} needs --ref (e.g. pretix:ORG/EVENT)")
    keys = []
    for name in args.key:
        try:
            keys.append(Path(name).read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read the key file {name}: {exc}") from exc
    items = {}
    for pair in args.item:
        item, sep, category = pair.partition("=")
        if not sep or not item.strip() or not category.strip():
            raise ConfigError(f"--item takes ID=CATEGORY, not {pair!r}")
        items[item.strip()] = category.strip()
    if args.action == "add" and not keys:
        raise ConfigError("registry issuer add needs at least one --key FILE")
    _, store = open_registry(_data(args))
    try:
        if args.action == "add":
            rows = store.set_trusted_issuer(SCHEME, args.ref, keys, items or None, who="cli")
            _audit(store, "issuer add", f"{args.ref}: {len(keys)} key(s)")
            text = "\n".join(f"{r['ref']}  {r['public_key']}  "
                             f"{'withdrawn ' + r['removed_at'] if r['removed_at'] else 'trusted'}" for r in rows)
            emit({"issuers": rows}, args.json, text)
        elif args.action == "secret":
            changed = store.set_issuer_secrets(args.ref, [(s, args.state, args.reason) for s in args.secrets])
            _audit(store, "issuer secret", f"{args.ref}: {changed} secret(s) {args.state}")
            emit({"changed": changed}, args.json, f"{changed} secret(s) now {args.state}")
        else:
            rows = issuers(store)
            emit({"issuers": rows}, args.json, "\n".join(f"{r['ref']}  {r['public_key']}  items={r['items']}"
                                                          for r in rows) or "no trusted ticket issuers")
    finally:
        store.close()
    return 0


def _audit(store: Any, action: str, detail: str) -> None:
    """An admin command of this CLI, in the audit log beside the admin API's requests."""
    from venue_app.registry import audit

    audit.record(store, actor=audit.cli_actor(), address="local", method="CLI", path=f"registry {action}",
                 status=0, detail=detail)


def cmd_audit(args: argparse.Namespace) -> int:
    from venue_app.registry import audit
    from venue_app.registry.admin import open_registry

    _, store = open_registry(_data(args))
    try:
        rows = audit.entries(store, limit=max(1, args.limit))
    finally:
        store.close()
    lines = [f"{r['at']}  {r['actor']:<28} {r['address']:<15} {r['method']:<6} {r['path']}"
             f"{'' if not r['status'] else ' -> ' + str(r['status'])}{'  ' + r['detail'] if r['detail'] else ''}"
             for r in rows]
    emit({"entries": rows}, args.json, "\n".join(lines) or "no admin actions recorded yet")
    return 0
