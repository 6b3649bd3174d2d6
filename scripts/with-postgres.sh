#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster of its own: a fresh data directory and a
# free local port, stopped and removed afterwards. It never touches a system cluster.
# PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` system user.
#   scripts/with-postgres.sh pytest ...    (the command sees DATABASE_URL)
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pg_bin" ] || { echo "PostgreSQL is not installed (scripts/install-test-deps.sh)" >&2; exit 1; }

workdir=$(mktemp -d /tmp/hub-pgtest.XXXXXX)
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$workdir"
    as_owner=(runuser -u postgres --)
fi
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop_cluster() {
    "${as_owner[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap stop_cluster EXIT

"${as_owner[@]}" "$pg_bin/initdb" -D "$workdir/data" -U hub --auth=trust -E UTF8 \
    --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 || { cat "$workdir/initdb.log" >&2; exit 1; }
# Durability is irrelevant for a cluster that is thrown away: trade it for speed.
# Autovacuum off: every test's transaction rolls back, so what autovacuum would analyse is only
# the churn of rolled-back rows, statistics that call every table empty. On them the planner took
# nested loops that ran the catalogue's ranked search for minutes; a real site's statistics come
# from live rows, and the benchmark (scripts/bench.py) measures on analysed tables.
"${as_owner[@]}" "$pg_bin/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off" \
    start >/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway cluster in $workdir)"

DATABASE_URL="postgres://hub@127.0.0.1:$port/postgres" "$@"
