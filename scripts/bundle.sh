#!/bin/sh
# Build the one-folder station bundle (dist/venue-desk/) and prove it works: the frozen app's
# self-test (a scan through the simulator in the real desk window, fonts, badge PDF, Qt plugins)
# and the CLI commands a station or a registry host runs. Exit non-zero on any failure.
#
#   sh scripts/bundle.sh              # build + checks
#   sh scripts/bundle.sh --console    # keep the console window on Windows (debugging)
#   VENUE_VENV=/path/to/venv sh scripts/bundle.sh
#
# Windows and macOS: docs/build.md (the same steps by hand in PowerShell / Terminal).
set -eu
cd "$(dirname "$0")/.."
VENV="${VENUE_VENV:-.venv}"
PY="$VENV/bin/python"
DIST="dist/venue-desk"
EXE="$DIST/venue-desk"
started=$(date +%s)

say() { printf 'bundle: %s\n' "$*" >&2; }

if [ ! -x "$PY" ]; then
    say "no virtualenv at $VENV: run ./dev setup first (or set VENUE_VENV)"
    exit 2
fi
# pyinstaller comes from pyproject's `bundle` extra (pinned there); the project itself is installed
# too, so that build.spec reads its version from the package metadata
if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
    say "installing the bundle extra (pyinstaller)"
    "$PY" -m pip install -q -e ".[bundle]"
fi

console=""
[ "${1:-}" = "--console" ] && console="-- --console"
say "building $DIST ($("$PY" -c 'import PyInstaller; print("PyInstaller", PyInstaller.__version__)'))"
# shellcheck disable=SC2086 # $console is empty or two words on purpose
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN build.spec $console
built=$(date +%s)

[ -x "$EXE" ] || { say "no $EXE after the build"; exit 1; }
size=$(du -sh "$DIST" | cut -f1)
say "built in $((built - started)) s, $size"

# run from another folder with an empty environment for the app's own paths: the bundle must not
# lean on the source tree or on the virtualenv
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
abs_exe="$(pwd)/$EXE"
say "self-test of the frozen app"
(cd "$tmp" && env -u PYTHONPATH -u VIRTUAL_ENV QT_QPA_PLATFORM=offscreen "$abs_exe" --self-test --data "$tmp/self-test")

say "CLI parity: demo (local registry + enrolled desk), station init/scan, registry init/serve, a push"
(cd "$tmp" && "$abs_exe" demo --help >/dev/null)
# the demo starts its registry as a child of the frozen app, enrols a desk with it and stops it
(cd "$tmp" && "$abs_exe" demo --build-only --data "$tmp/demo" --attendees 40 >/dev/null)
[ -f "$tmp/demo/desk/station.sqlite3" ] || { say "demo --build-only left no enrolled desk"; exit 1; }
(cd "$tmp" && "$abs_exe" station init --data "$tmp/desk" --standalone --event-name "Bundle check" >/dev/null)
verdict=$(cd "$tmp" && "$abs_exe" station scan --data "$tmp/desk" --json NO-SUCH-CODE)
case "$verdict" in
    *'"status": "unknown"'*) ;;
    *) say "station scan answered: $verdict"; exit 1 ;;
esac
(cd "$tmp" && "$abs_exe" registry init --data "$tmp/reg" --event-name "Bundle check" >/dev/null)
port=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$abs_exe" registry serve --data "$tmp/reg" --host 127.0.0.1 --port "$port" --http >"$tmp/serve.log" 2>&1 &
serve=$!
ok=""
i=0
while [ $i -lt 100 ]; do
    if "$PY" -c "import sys, urllib.request as u; sys.exit(u.urlopen(sys.argv[1], timeout=1).status != 200)" \
        "http://127.0.0.1:$port/api/v1/health" 2>/dev/null; then
        ok=1; break
    fi
    kill -0 "$serve" 2>/dev/null || break
    sleep 0.2; i=$((i + 1))
done
if [ -n "$ok" ]; then
    # a station enrols, registers a walk-in and pushes it: the registry's writer process (a spawned
    # child of the frozen app) must commit it
    say "a frozen station pushes to the frozen registry"
    code=$("$abs_exe" registry enroll --data "$tmp/reg" --name "Bundle desk" --json \
        | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["code"])')
    (cd "$tmp" && "$abs_exe" station init --data "$tmp/sdesk" --registry "http://127.0.0.1:$port" \
        --code "$code" >/dev/null)
    (cd "$tmp" && "$abs_exe" station register --data "$tmp/sdesk" --given Ada --family Lovelace --category DEL >/dev/null)
    (cd "$tmp" && "$abs_exe" station sync --data "$tmp/sdesk" --once >/dev/null) || ok=""
    events=$("$abs_exe" registry stations --data "$tmp/reg" --json \
        | "$PY" -c 'import json, sys; print(sum(s["events"] for s in json.load(sys.stdin)["stations"]))')
    [ "$events" = 1 ] || { say "the registry holds $events events, not 1"; ok=""; }
fi
kill "$serve" 2>/dev/null || true
wait "$serve" 2>/dev/null || true
if [ -z "$ok" ]; then
    say "registry serve did not answer /api/v1/health or did not take a push; its log:"
    cat "$tmp/serve.log" >&2
    exit 1
fi
say "all checks passed; total $(($(date +%s) - started)) s; the folder to copy: $DIST ($size)"
