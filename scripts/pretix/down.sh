#!/usr/bin/env bash
# scripts/pretix/down.sh - stop the pretix server scripts/pretix/up.sh started (only the PID it stored).
#   down.sh            stop the server, keep venv + data (next up.sh is warm)
#   down.sh --purge    also delete data/ and state/ (next up.sh re-seeds from the
#                      cached migrated DB: new secrets, new token)
#   down.sh --purge-all  delete the whole PRETIX_PEER_HOME (next up.sh is cold)
set -euo pipefail
PEER_HOME="${PRETIX_HOME:-${PRETIX_PEER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/venue-desk/pretix}}"
PIDFILE="$PEER_HOME/run/gunicorn.pid"
if [ -f "$PIDFILE" ]; then
  PID="$(cat "$PIDFILE")"
  if kill -0 "$PID" 2>/dev/null; then
    echo "[pretix-peer] stopping gunicorn master pid $PID" >&2
    kill -TERM "$PID"
    for _ in $(seq 1 40); do kill -0 "$PID" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$PID" 2>/dev/null; then echo "[pretix-peer] pid $PID ignored TERM; sending KILL" >&2; kill -KILL "$PID"; fi
  else
    echo "[pretix-peer] pid $PID not running" >&2
  fi
  rm -f "$PIDFILE"
else
  echo "[pretix-peer] no pid file ($PIDFILE); nothing to stop" >&2
fi
case "${1:-}" in
  --purge) rm -rf "$PEER_HOME/data" "$PEER_HOME/state"; echo "[pretix-peer] purged data/ and state/" >&2 ;;
  --purge-all) rm -rf "$PEER_HOME"; echo "[pretix-peer] removed $PEER_HOME" >&2 ;;
  "") ;;
  *) echo "usage: down.sh [--purge|--purge-all]" >&2; exit 2 ;;
esac
