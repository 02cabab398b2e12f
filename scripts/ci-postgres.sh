#!/bin/sh
# Start a throw-away PostgreSQL server for the registry tests and print the URL to use.
#
#   VENUE_TEST_PG_URL="$(scripts/ci-postgres.sh)"; export VENUE_TEST_PG_URL
#
# Installs PostgreSQL from the Debian packages when no server binaries are found (as root, with
# apt-get), initialises a cluster in $VENUE_PG_DIR (default /tmp/venue-ci-postgres), starts it on
# 127.0.0.1:$VENUE_PG_PORT (default 54329), creates the role and database `venue_test` (password
# `venue_test`) and prints `postgresql://venue_test:venue_test@127.0.0.1:PORT/venue_test` on stdout.
# Everything else goes to stderr. Idempotent: a server already answering on the port is reused.
# The cluster is tuned for tests (fsync off): never point it at data you care about.
set -eu

PGDIR="${VENUE_PG_DIR:-/tmp/venue-ci-postgres}"
PORT="${VENUE_PG_PORT:-54329}"
DB="venue_test"
USER_NAME="venue_test"
PASSWORD="venue_test"
URL="postgresql://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB"

say() { echo "ci-postgres: $*" >&2; }

find_bindir() {
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/pg_ctl" ] && { echo "$dir"; }
    done | sort -V | tail -n 1
}

BINDIR="$(find_bindir)"
if [ -z "$BINDIR" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing PostgreSQL from the Debian packages"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        BINDIR="$(find_bindir)"
    fi
fi
if [ -z "$BINDIR" ]; then
    say "no PostgreSQL server binaries found and cannot install them (need root and apt-get)"
    exit 1
fi

# initdb and postgres refuse to run as root: use the packaged `postgres` account then
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
    say "a server already answers on 127.0.0.1:$PORT"
else
    if [ ! -f "$PGDIR/PG_VERSION" ]; then
        mkdir -p "$PGDIR"
        [ "$(id -u)" = 0 ] && chown postgres: "$PGDIR"
        chmod 700 "$PGDIR"
        say "initialising a cluster in $PGDIR"
        as_pg "$BINDIR/initdb" -D "$PGDIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
            || as_pg "$BINDIR/initdb" -D "$PGDIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
                --encoding=UTF8 --locale=C >&2
    fi
    say "starting PostgreSQL on 127.0.0.1:$PORT"
    as_pg "$BINDIR/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w -t 60 start \
        -o "-h 127.0.0.1 -p $PORT -k $PGDIR -c max_connections=300 -c fsync=off -c full_page_writes=off" >&2
fi

psql_admin() { as_pg psql -v ON_ERROR_STOP=1 -q -h "$PGDIR" -p "$PORT" -U postgres "$@"; }
if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'" >&2
fi
if ! psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    psql_admin -d postgres -c "CREATE DATABASE $DB OWNER $USER_NAME" >&2
fi
echo "$URL"
