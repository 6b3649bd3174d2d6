#!/usr/bin/env bash
# Run a command with a throwaway Redis of its own: a free local port, no persistence, stopped and
# removed afterwards. It never touches a system Redis.
#   scripts/with-redis.sh pytest ...    (the command sees HUB_TEST_REDIS_URL)
set -euo pipefail

command -v redis-server >/dev/null || { echo "redis-server is not installed (scripts/install-test-deps.sh)" >&2; exit 1; }

workdir=$(mktemp -d /tmp/hub-redistest.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

stop_redis() {
    local pid
    pid=$(cat "$workdir/redis.pid" 2>/dev/null || true)
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -rf "$workdir"
}
trap stop_redis EXIT

redis-server --bind 127.0.0.1 --port "$port" --save "" --appendonly no --daemonize yes \
    --pidfile "$workdir/redis.pid" --logfile "$workdir/redis.log" --dir "$workdir"
for _ in $(seq 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
done
redis-cli -p "$port" ping >/dev/null || { cat "$workdir/redis.log" >&2; exit 1; }
echo "Redis $(redis-server --version | awk '{print $3}' | cut -d= -f2) on 127.0.0.1:$port (throwaway, in $workdir)"

HUB_TEST_REDIS_URL="redis://127.0.0.1:$port/0" "$@"
