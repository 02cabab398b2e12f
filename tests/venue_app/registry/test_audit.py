"""The audit log: admin actions through the API (and refused attempts) are recorded with who, from where
and when, by a real server on SQLite and PostgreSQL; CLI admin commands too; ``registry audit`` reads it;
no token ever lands in it."""

from __future__ import annotations

import json
import subprocess

from tests.venue_app.registry.conftest import Server, enroll_station, python_cmd
from venue_app.registry import audit


def _entries(server: Server) -> list[dict]:
    store = server.registry.store()
    try:
        return audit.entries(store)
    finally:
        store.close()


def test_admin_actions_and_refused_attempts_are_logged(module_server: Server, qtbot) -> None:
    before = len(_entries(module_server))
    st = enroll_station(module_server, "Audited desk")  # an admin POST (the enrolment code)
    with module_server.admin() as admin:
        assert admin.get("/api/v1/admin/summary").status_code == 200  # a read: not an action
        assert admin.post(f"/api/v1/admin/stations/{st.id}/revoke", json={"reason": "lost"}).status_code == 200
    with module_server.client(st.token) as client:  # the revoked station tries an admin action
        assert client.post("/api/v1/admin/enrollments", json={"name": "Mine"}).status_code == 401
    other = enroll_station(module_server, "Curious desk")
    with module_server.client(other.token) as client:
        assert client.post("/api/v1/admin/enrollments", json={"name": "Mine"}).status_code == 403
    with module_server.client() as client:
        assert client.put("/api/v1/admin/program", json={}).status_code == 401
    qtbot.waitUntil(lambda: len(_entries(module_server)) >= before + 6, timeout=10_000)
    rows = _entries(module_server)[before:]
    seen = [(r["actor"], r["method"], r["path"], r["status"]) for r in rows]
    assert sorted(seen) == sorted([  # each is written once its answer was sent: two may swap places
        ("admin", "POST", "/api/v1/admin/enrollments", 200),
        ("admin", "POST", f"/api/v1/admin/stations/{st.id}/revoke", 200),
        ("refused token (station_revoked)", "POST", "/api/v1/admin/enrollments", 401),
        ("admin", "POST", "/api/v1/admin/enrollments", 200),
        (f"station Curious desk ({other.id})", "POST", "/api/v1/admin/enrollments", 403),
        ("unauthenticated", "PUT", "/api/v1/admin/program", 401),
    ])
    assert all(r["address"] == "127.0.0.1" and r["at"].startswith("20") for r in rows)
    text = json.dumps(rows)
    for secret in (st.token, other.token, module_server.registry.admin_token):
        assert secret not in text


def test_cli_admin_commands_are_logged_and_registry_audit_reads_them(module_server: Server) -> None:
    root = str(module_server.registry.root)
    made = subprocess.run(python_cmd("registry", "enroll", "--data", root, "--name", "CLI desk", "--json"),
                          capture_output=True, text=True, timeout=60, check=True)
    code = json.loads(made.stdout.splitlines()[-1])["code"]
    shown = subprocess.run(python_cmd("registry", "audit", "--data", root, "--json"), capture_output=True, text=True,
                           timeout=60, check=True)
    entries = json.loads(shown.stdout.splitlines()[-1])["entries"]
    last = entries[-1]
    assert last["actor"].startswith("cli:") and last["address"] == "local"
    assert last["path"] == "registry enroll" and last["detail"] == "code for CLI desk (desk)"
    assert code not in shown.stdout  # the code itself is a secret: never in the log
    words = subprocess.run(python_cmd("registry", "audit", "--data", root, "--limit", "1"), capture_output=True,
                           text=True, timeout=60, check=True).stdout
    assert "registry enroll" in words and "code for CLI desk" in words and len(words.strip().splitlines()) == 1
