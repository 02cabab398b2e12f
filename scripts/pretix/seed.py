#!/usr/bin/env python3
"""scripts/pretix/seed.py - seed a local, unmodified pretix server with venue-desk test data (issue 18).

Run with the pretix venv's python and PRETIX_CONFIG_FILE set (up.sh does this):

    seed.py bootstrap            ORM: superuser, organizer, team + API token
                                 (works without a running server)
    seed.py data --url URL       REST API: events, items, check-in lists,
                                 orders, cancellations, block, sig1 event,
                                 devices; writes $STATE/seed.json
    seed.py all --url URL        both of the above (what up.sh runs)

Everything is idempotent: each object is looked up first (orders by their
``comment`` seed key), so re-running never duplicates and a crashed run can
simply be resumed.  Only two things use the ORM, because pretix exposes no
API for them: the very first user/organizer/team/token, and switching an
event's ``ticket_secret_generator`` to ``pretix_sig1``.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys
import unicodedata

ORGANIZER = os.environ.get("PRETIX_ORGANIZER", "metropolis")
EVENT = os.environ.get("PRETIX_EVENT", "wc13")
SIG_EVENT = os.environ.get("PRETIX_SIG_EVENT", "wc13-sig")
ADMIN_EMAIL = os.environ.get("PRETIX_ADMIN_EMAIL", "admin@metropolis.example")
ADMIN_PASSWORD = os.environ.get("PRETIX_ADMIN_PASSWORD", "venuedesk-admin")
TEAM_NAME = "venue-desk harness (all permissions)"
TOKEN_NAME = "venue-desk"
N_PAID = int(os.environ.get("PRETIX_SEED_ORDERS", "200"))
N_SIG = 20           # orders in the sig1 event created before the switch
N_SIG_AFTER = 5      # orders in the sig1 event created after the switch
STATE = os.environ.get("PRETIX_STATE_DIR", "/tmp/pretix-peer/state")

# --------------------------------------------------------------------------
# deterministic attendee data
# --------------------------------------------------------------------------
# (script, scheme, [(given, family), ...]); for family_nospace_given the
# concatenated name is family+given without a space, as written natively.
NAMES = [
    ("Han (zh)", "family_nospace_given", [
        ("伟", "张"), ("芳", "王"), ("娜", "李"), ("洋", "刘"), ("静", "陈"),
        ("磊", "杨"), ("敏", "黄"), ("军", "赵"), ("婷", "周"), ("强", "吴"),
        ("秀英", "徐"), ("建华", "孙"), ("丽", "马"), ("志明", "朱"), ("雪梅", "胡"),
    ]),
    ("Japanese", "family_nospace_given", [
        ("花子", "山田"), ("健", "佐藤"), ("一郎", "鈴木"), ("美咲", "高橋"),
        ("翔太", "田中"), ("さくら", "渡辺"), ("大輔", "伊藤"), ("ゆい", "中村"),
        ("拓也", "小林"), ("あおい", "加藤"), ("ケンジ", "吉田"), ("陽菜", "山本"),
    ]),
    ("Hangul", "family_nospace_given", [
        ("민준", "김"), ("서연", "이"), ("지훈", "박"), ("수아", "최"), ("예준", "정"),
        ("하은", "강"), ("도윤", "조"), ("지우", "윤"), ("시우", "장"), ("서윤", "임"),
    ]),
    ("Arabic", "given_family", [
        ("محمد", "العلي"), ("فاطمة", "الزهراء"), ("أحمد", "حسن"), ("ليلى", "منصور"),
        ("عمر", "خالد"), ("نور", "الهدى"), ("يوسف", "إبراهيم"), ("مريم", "سعيد"),
        ("خالد", "الراشد"), ("سلمى", "عبد الله"),
    ]),
    ("Cyrillic", "given_family", [
        ("Иван", "Петров"), ("Ольга", "Смирнова"), ("Дмитрий", "Козлов"),
        ("Анна", "Иванова"), ("Сергей", "Волков"), ("Олена", "Шевченко"),
        ("Јован", "Јовановић"), ("Георги", "Димитров"), ("Наталья", "Соколова"),
        ("Алексей", "Фёдоров"), ("Ёлка", "Ёжикова"),
    ]),
    ("Devanagari", "given_family", [
        ("अमित", "शर्मा"), ("प्रिया", "पटेल"), ("राहुल", "वर्मा"), ("सुनीता", "गुप्ता"),
        ("विकास", "सिंह"), ("नेहा", "जोशी"), ("अर्जुन", "मेहता"), ("दीपिका", "राव"),
        ("संजय", "कुमार"), ("अनन्या", "चौधरी"),
    ]),
    ("Thai", "given_family", [
        ("สมชาย", "ใจดี"), ("สุนีย์", "รักไทย"), ("ประเสริฐ", "วงศ์สุวรรณ"),
        ("มาลี", "ศรีสุข"), ("วิชัย", "ทองคำ"), ("กมล", "แก้วมณี"), ("นภา", "สายทอง"),
        ("ธนา", "บุญมา"),
    ]),
    ("Latin (accented)", "given_family", [
        ("José", "Álvarez"), ("Zoë", "Müller"), ("François", "Lefèvre"),
        ("Søren", "Kierkegård"), ("Łukasz", "Wróbel"), ("Ömer", "Çelik"),
        ("Đorđe", "Petrović"), ("Björk", "Guðmundsdóttir"), ("Ilse", "Strauß"),
        ("Antonín", "Dvořák"), ("Ångström", "Næss"), ("Nguyễn Thị", "Minh Khai"),
        ("Siobhán", "Ó Briain"), ("Jürgen", "Größe"), ("Inês", "Conceição"),
        ("Çağla", "Şahin"), ("Mārtiņš", "Ozoliņš"), ("Raúl", "Peña"),
    ]),
    ("Latin (ASCII)", "given_family", [
        ("John", "Smith"), ("Mary", "O'Brien"), ("Anne-Marie", "Dupont-Lajoie"),
        ("Kwame", "Mensah"), ("Chiara", "Rossi"), ("Pieter", "van der Berg"),
        ("Aroha", "Ngata"), ("Diego", "Silva"),
    ]),
    ("Greek", "given_family", [
        ("Γιώργος", "Παπαδόπουλος"), ("Ελένη", "Κωνσταντίνου"), ("Νίκος", "Αντωνίου"),
    ]),
    ("Hebrew", "given_family", [
        ("דוד", "כהן"), ("שרה", "לוי"), ("יוסף", "מזרחי"),
    ]),
]

# special cases appended deterministically (position index -> parts)
SPECIAL = {
    # decomposed (NFD) accents: same visible text as NFC "Zoë Renée", different bytes
    7: {"_scheme": "given_family", "given_name": unicodedata.normalize("NFD", "Zoë"),
        "family_name": unicodedata.normalize("NFD", "Renée")},
    # mononym: only a given name
    19: {"_scheme": "given_family", "given_name": "Suharto"},
    # full_transcription scheme (native + latin transcription), as if the scheme changed mid-sale
    31: {"_scheme": "full_transcription", "full_name": "山田花子", "latin_transcription": "Yamada Hanako"},
    43: {"_scheme": "full_transcription", "full_name": "Мария Кузнецова", "latin_transcription": "Maria Kuznetsova"},
    # legacy single-field scheme
    55: {"_scheme": "full", "full_name": "Dr. Wolfgang Amadeus Mozart-Bach von Salzburg und Wien"},
    # very long name
    67: {"_scheme": "given_family",
         "given_name": "Pablo Diego José Francisco de Paula Juan Nepomuceno",
         "family_name": "María de los Remedios Cipriano de la Santísima Trinidad Ruiz y Picasso"},
    # bidi mix: Arabic given + Latin family
    79: {"_scheme": "given_family", "given_name": "رنا", "family_name": "Haddad"},
    # no attendee name at all (pretix allows it if names are optional)
    91: None,
}

COMPANIES = [
    ("Metropolis Transit Authority", "US"), ("RATP", "FR"), ("東京地下鉄株式会社", "JP"),
    ("서울교통공사", "KR"), ("上海申通地铁集团", "CN"), ("هيئة الطرق والمواصلات", "AE"),
    ("Московский метрополитен", "RU"), ("दिल्ली मेट्रो रेल कॉर्पोरेशन", "IN"),
    ("Bangkok Mass Transit System", "TH"), ("Wiener Linien GmbH & Co KG", "AT"),
    ("Société de transport de Montréal", "CA"), ("Companhia do Metropolitano de São Paulo", "BR"),
]

ITEMS = [  # name, price, share
    ("Delegate", "450.00", 0.70),
    ("Speaker", "0.00", 0.12),
    ("Press", "0.00", 0.08),
    ("Staff", "0.00", 0.10),
]


def attendee_rows(n, prefix, rng_seed=13):
    """Deterministic list of dicts: key, item, name_parts, company, country, email."""
    rng = random.Random(rng_seed)
    rows = []
    for i in range(n):
        script, scheme, pool = NAMES[i % len(NAMES)]
        if i in SPECIAL:
            parts = SPECIAL[i]
        else:
            given, family = pool[(i // len(NAMES)) % len(pool)]
            parts = {"_scheme": scheme, "given_name": given, "family_name": family}
        r = rng.random()
        acc = 0.0
        item = ITEMS[-1][0]
        for name, _price, share in ITEMS:
            acc += share
            if r < acc:
                item = name
                break
        company = country = None
        if i % 9 == 4:
            company, country = COMPANIES[(i // 9) % len(COMPANIES)]
        rows.append({
            "key": f"{prefix}:{i:03d}",
            "item": item,
            "name_parts": parts,
            "script": script if i not in SPECIAL else "special",
            "company": company,
            "country": country,
            "email": f"attendee{i:03d}@{prefix}.example",
        })
    return rows


# --------------------------------------------------------------------------
# ORM part
# --------------------------------------------------------------------------
def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pretix.settings")
    import django
    django.setup()


def bootstrap():
    django_setup()
    from django_scopes import scopes_disabled
    from pretix.base.models import Organizer, Team, TeamAPIToken, User

    with scopes_disabled():
        user = User.objects.filter(email=ADMIN_EMAIL).first()
        if not user:
            user = User.objects.create_superuser(ADMIN_EMAIL, ADMIN_PASSWORD)
        org = Organizer.objects.filter(slug=ORGANIZER).first()
        if not org:
            org = Organizer.objects.create(name="Metropolis", slug=ORGANIZER)
        team = org.teams.filter(name=TEAM_NAME).first()
        if not team:
            team = Team.objects.create(
                organizer=org, name=TEAM_NAME, all_events=True,
                all_event_permissions=True, all_organizer_permissions=True,
            )
            team.members.add(user)
        tok = team.tokens.filter(name=TOKEN_NAME, active=True).first()
        if not tok:
            tok = TeamAPIToken.objects.create(team=team, name=TOKEN_NAME)
        os.makedirs(STATE, exist_ok=True)
        with open(os.path.join(STATE, "token"), "w") as f:
            f.write(tok.token + "\n")
        return tok.token


def switch_to_sig1(event_slug):
    """pretix has no API for ticket_secret_generator; the control panel sets
    exactly this hierarkey setting (Event settings -> Tickets)."""
    django_setup()
    from django_scopes import scopes_disabled
    from pretix.base.models import Event
    with scopes_disabled():
        ev = Event.objects.get(organizer__slug=ORGANIZER, slug=event_slug)
        if ev.settings.ticket_secret_generator != "pretix_sig1":
            ev.settings.ticket_secret_generator = "pretix_sig1"
            return True
        return False


def device_token_from_db(name):
    django_setup()
    from django_scopes import scopes_disabled
    from pretix.base.models import Device
    with scopes_disabled():
        d = Device.objects.filter(organizer__slug=ORGANIZER, name=name).first()
        return d.api_token if d else None


# --------------------------------------------------------------------------
# REST part
# --------------------------------------------------------------------------
class Api:
    """Tiny stdlib HTTP client.  Deliberately not `requests`: after
    django.setup() pretix monkeypatches urllib3 to refuse connections to
    private/loopback addresses (SSRF guard), which would block 127.0.0.1."""

    def __init__(self, url, token, scheme="Token"):
        self.base = url.rstrip("/") + "/api/v1"
        self.auth = f"{scheme} {token}" if token else None
        self.calls = 0

    def req(self, method, path, body=None, params=None, expect=(200, 201, 204), auth=True):
        import urllib.error
        import urllib.parse
        import urllib.request
        url = path if path.startswith("http") else self.base + path
        if params:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
        data = json.dumps(body).encode() if body is not None else None
        rq = urllib.request.Request(url, data=data, method=method)
        if data is not None:
            rq.add_header("Content-Type", "application/json")
        if auth and self.auth:
            rq.add_header("Authorization", self.auth)
        self.calls += 1
        try:
            with urllib.request.urlopen(rq, timeout=120) as r:
                code, raw = r.status, r.read()
        except urllib.error.HTTPError as err:
            code, raw = err.code, err.read()
        if code not in expect:
            raise SystemExit(f"{method} {url} -> {code}: {raw[:2000].decode(errors='replace')}")
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def get(self, path, **kw):
        return self.req("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.req("POST", path, body=body or {}, **kw)

    def patch(self, path, body, **kw):
        return self.req("PATCH", path, body=body, **kw)

    def all(self, path, params=None):
        out, url, p = [], path, dict(params or {})
        p.setdefault("page_size", 100)
        while url:
            d = self.get(url, params=p)
            out += d["results"]
            url, p = d["next"], None
        return out


def ensure_event(api, slug, name):
    o = f"/organizers/{ORGANIZER}"
    # (GET events/<slug>/ of a missing event answers 403, not 404, so list instead)
    if slug not in {x["slug"] for x in api.all(f"{o}/events/")}:
        today = dt.date.today()
        api.post(f"{o}/events/", {
            "name": {"en": name},
            "slug": slug,
            "live": False,
            "currency": "EUR",
            "date_from": f"{today.isoformat()}T08:00:00+01:00",
            "date_to": f"{(today + dt.timedelta(days=3)).isoformat()}T18:00:00+01:00",
            "date_admission": f"{today.isoformat()}T07:30:00+01:00",
            "location": {"en": "Metropolis Convention Centre, Hall 13"},
            "timezone": "Europe/Berlin",
            # no "plugins": non-default plugins must first be enabled on the organizer
        })
    e = f"{o}/events/{slug}"
    want = {"name_scheme": "given_family", "attendee_names_asked": True,
            "attendee_names_required": False,
            "attendee_company_asked": True, "attendee_addresses_asked": True}
    cur = api.get(f"{e}/settings/")
    diff = {k: v for k, v in want.items() if cur.get(k) != v}
    if diff:
        # only send what differs: in pretix 2026.8.0 the name_scheme ChoiceField's
        # choices are a generator, so each server process validates it only once
        api.patch(f"{e}/settings/", diff)
    items = {i["name"]["en"]: i for i in api.all(f"{e}/items/")}
    for name, price, _ in ITEMS:
        if name not in items:
            items[name] = api.post(f"{e}/items/", {
                "name": {"en": name}, "default_price": price, "admission": True,
                "active": True, "personalized": True,
            })
    quotas = api.all(f"{e}/quotas/")
    if not quotas:
        api.post(f"{e}/quotas/", {"name": "All tickets", "size": None,
                                  "items": [i["id"] for i in items.values()]})
    lists = {c["name"]: c for c in api.all(f"{e}/checkinlists/")}
    if "Main entrance" not in lists:
        lists["Main entrance"] = api.post(f"{e}/checkinlists/", {
            "name": "Main entrance", "all_products": True, "include_pending": False,
            "allow_multiple_entries": False, "allow_entry_after_exit": True,
        })
    if "Speaker lounge" not in lists:
        lists["Speaker lounge"] = api.post(f"{e}/checkinlists/", {
            "name": "Speaker lounge", "all_products": False,
            "limit_products": [items["Speaker"]["id"], items["Staff"]["id"]],
            "include_pending": False, "allow_multiple_entries": True,
        })
    return e, items, lists


def existing_orders(api, e):
    by_key = {}
    for od in api.all(f"{e}/orders/"):
        c = od.get("comment") or ""
        if c.startswith("seed:"):
            by_key[c[5:]] = od
    return by_key


def position_body(row, items):
    p = {"item": items[row["item"]]["id"], "attendee_email": row["email"]}
    if row["name_parts"] is not None:
        p["attendee_name_parts"] = dict(row["name_parts"])
    if row["company"]:
        p["company"] = row["company"]
        p["country"] = row["country"]
    return p


def create_order(api, e, items, key, rows, status="p"):
    positions = [position_body(r, items) for r in rows]
    total = sum(float(items[r["item"]]["default_price"]) for r in rows)
    body = {
        "email": rows[0]["email"], "locale": "en", "status": status,
        "send_email": False, "comment": f"seed:{key}", "positions": positions,
        "sales_channel": "web",
    }
    if status == "p" and total > 0:
        body["payment_provider"] = "manual"
    return api.post(f"{e}/orders/", body)


def seed_event(api, slug, name, n, prefix, extras=True):
    e, items, lists = ensure_event(api, slug, name)
    have = existing_orders(api, e)
    rows = attendee_rows(n + 6, prefix)
    created = 0
    for r in rows[:n]:
        if r["key"] not in have:
            have[r["key"]] = create_order(api, e, items, r["key"], [r])
            created += 1
    special = {}
    if extras:
        x = rows[n:]
        # two orders that get canceled
        for k, r in (("canceled-1", x[0]), ("canceled-2", x[1])):
            od = have.get(k) or create_order(api, e, items, k, [r])
            if od["status"] != "c":
                od = api.post(f"{e}/orders/{od['code']}/mark_canceled/", {"send_email": False})
            have[k] = od
            special[k] = od["code"]
        # one pending (unpaid) order
        k = "pending-1"
        if k not in have:
            # must cost money: pretix marks a 0.00 order paid on creation even with status "n"
            have[k] = create_order(api, e, items, k, [dict(x[2], item="Delegate")], status="n")
        special[k] = have[k]["code"]
        # one group order with two positions; the second position gets canceled
        k = "group-1"
        od = have.get(k) or create_order(api, e, items, k, [x[3], x[4]])
        have[k] = od
        od = api.get(f"{e}/orders/{od['code']}/")
        live = [p for p in od["positions"] if not p.get("canceled")]
        if len(live) == 2:
            api.req("DELETE", f"{e}/orderpositions/{od['positions'][1]['id']}/")
        special[k] = od["code"]
        # one blocked position in an otherwise normal paid order
        k = f"{prefix}:{n - 1:03d}"
        od = api.get(f"{e}/orders/{have[k]['code']}/")
        pos = od["positions"][0]
        if not pos.get("blocked"):
            api.post(f"{e}/orderpositions/{pos['id']}/add_block/", {"name": "admin"})
        special["blocked"] = od["code"]
    return e, items, lists, created, special


def ensure_devices(api):
    o = f"/organizers/{ORGANIZER}"
    devs = {d["name"]: d for d in api.all(f"{o}/devices/")}
    out = {}
    for name, init in (("venue-desk-1", True), ("venue-desk-uninitialized", False)):
        d = devs.get(name) or api.post(f"{o}/devices/", {
            "name": name, "all_events": True, "limit_events": [],
            "security_profile": "pretixscan",
        })
        out[name] = {"device_id": d["device_id"], "initialization_token": d.get("initialization_token"),
                     "initialized": bool(d.get("initialized")) or init,
                     "security_profile": d.get("security_profile")}
        if init and not d.get("initialized"):
            r = api.post("/device/initialize", {
                "token": d["initialization_token"], "hardware_brand": "Metropolis",
                "hardware_model": "venue-desk", "os_name": "Linux", "os_version": "6",
                "software_brand": "venue-desk", "software_version": "0.0.1",
            }, auth=False, expect=(200,))
            out[name]["api_token"] = r["api_token"]
        elif init:
            out[name]["api_token"] = device_token_from_db(name)
    return out


def data(url, token):
    api = Api(url, token)
    summary = {"url": url, "organizer": ORGANIZER}
    _e, items, lists, created, special = seed_event(
        api, EVENT, "13th Metropolis World Congress", N_PAID, EVENT)
    summary["event"] = {
        "slug": EVENT, "orders_created_now": created, "special_orders": special,
        "items": {k: v["id"] for k, v in items.items()},
        "checkinlists": {k: v["id"] for k, v in lists.items()},
    }

    # --- sig1 event: created with random secrets, switched, regenerated ---
    se, sitems, slists, _screated, _ = seed_event(
        api, SIG_EVENT, "13th Metropolis World Congress (signed tickets)", N_SIG, SIG_EVENT, extras=False)
    switched = switch_to_sig1(SIG_EVENT)
    have = existing_orders(api, se)
    regenerated = 0
    for _key, od in sorted(have.items()):
        full = api.get(f"{se}/orders/{od['code']}/")
        for p in full["positions"]:
            if len(p["secret"]) < 64:  # still a 32-char random secret
                api.post(f"{se}/orderpositions/{p['id']}/regenerate_secrets/")
                regenerated += 1
    rows = attendee_rows(N_SIG + N_SIG_AFTER, SIG_EVENT, rng_seed=14)
    for r in rows[N_SIG:]:
        if r["key"] not in have:
            create_order(api, se, sitems, r["key"], [r])
    # one canceled sig1 order: with a revocation-list generator, pretix moves the
    # ticket's secret to revokedsecrets on cancel and gives the position a new one,
    # so scanning the attendee's code answers "revoked" (not "canceled")
    k = "canceled-sig"
    have = existing_orders(api, se)
    od = have.get(k) or create_order(api, se, sitems, k, [attendee_rows(1, "sigc", rng_seed=15)[0]])
    if od["status"] != "c":
        api.post(f"{se}/orders/{od['code']}/mark_canceled/", {"send_email": False})
    summary["sig_event"] = {
        "slug": SIG_EVENT, "switched_now": switched, "regenerated_now": regenerated,
        "checkinlists": {k: v["id"] for k, v in slists.items()},
        "canceled_order": od["code"],
    }
    summary["devices"] = ensure_devices(api)
    summary["api_calls"] = api.calls
    os.makedirs(STATE, exist_ok=True)
    with open(os.path.join(STATE, "seed.json"), "w") as f:
        json.dump(summary, f, indent=2, ensure_ascii=False)
    return summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=["bootstrap", "data", "all", "rows"])
    ap.add_argument("--url", default=os.environ.get("PRETIX_URL", "http://127.0.0.1:8346"))
    ap.add_argument("--token", default=None)
    a = ap.parse_args()
    if a.cmd == "rows":  # print the deterministic attendee table (no pretix needed)
        for r in attendee_rows(N_PAID + 6, EVENT):
            print(json.dumps(r, ensure_ascii=False))
        return
    token = a.token
    if a.cmd in ("bootstrap", "all"):
        token = bootstrap()
        print(f"PRETIX_TOKEN={token}")
    if a.cmd in ("data", "all"):
        if not token:
            with open(os.path.join(STATE, "token")) as fh:
                token = fh.read().strip()
        s = data(a.url, token)
        print(json.dumps({k: s[k] for k in ("event", "sig_event", "api_calls")}, ensure_ascii=False),
              file=sys.stderr)


if __name__ == "__main__":
    main()
