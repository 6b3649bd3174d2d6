#!/usr/bin/env bash
# Run a command against a throwaway OpenSearch node of its own: a real engine on 127.0.0.1, on a
# free port, with its data in a temporary folder; stopped and removed afterwards, however the
# command ends. No Docker and no downloaded distribution: the server's jars come from Maven Central
# (scripts/search-engine/pom.xml, fetched once into .search-engine/) and a small launcher starts them.
#   scripts/with-search-engine.sh pytest ...
#   scripts/with-search-engine.sh --prepare     fetch the jars and build the launcher, start nothing
# The command sees HUB_TEST_ELASTICSEARCH_URL (the engine) and HUB_TEST_SEARCH_ENGINE_CONTROL (POST
# /stop and /start there take the engine down and bring it back, for the fallback tests).
set -euo pipefail
cd "$(dirname "$0")/.."
sources=scripts/search-engine
build=.search-engine

command -v java >/dev/null && command -v javac >/dev/null && command -v mvn >/dev/null || {
    echo "Java and Maven are needed for the search engine (scripts/install-test-deps.sh)" >&2
    exit 1
}

# The jars: fetched only when missing or when the pom changed.
pom_sum=$(sha256sum "$sources/pom.xml" | cut -d' ' -f1)
if [ "$(cat "$build/lib/.pom-sha256" 2>/dev/null)" != "$pom_sum" ]; then
    echo "Fetching the search engine's jars from Maven Central into $build/lib"
    rm -rf "$build/lib"
    mvn -q -B -Dstyle.color=never -f "$sources/pom.xml" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$PWD/$build/lib"
    echo "$pom_sum" >"$build/lib/.pom-sha256"
fi
if [ ! -f "$build/classes/Launcher.class" ] || [ "$sources/Launcher.java" -nt "$build/classes/Launcher.class" ] \
    || [ "$build/lib/.pom-sha256" -nt "$build/classes/Launcher.class" ]; then
    rm -rf "$build/classes"
    javac -nowarn -d "$build/classes" -cp "$build/lib/*" "$sources/Launcher.java"
fi

# `--prepare`: fetch and build only (run-tests.sh does this once before starting two engines).
[ "${1:-}" = --prepare ] && exit 0

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
http_port=$(free_port)
transport_port=$(free_port)
control_port=$(free_port)

workdir=$(mktemp -d /tmp/hub-search-engine.XXXXXX)
engine_pid=""
stop_engine() {
    if [ -n "$engine_pid" ] && kill -0 "$engine_pid" 2>/dev/null; then
        kill "$engine_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$engine_pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$engine_pid" 2>/dev/null || true
        wait "$engine_pid" 2>/dev/null || true
    fi
    rm -rf "$workdir"
}
trap stop_engine EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$workdir/home" "$workdir/tmp"
# A small heap and a quick-starting JIT: a test node holds a few hundred documents at most.
# HUB_SEARCH_ENGINE_JAVA_OPTS replaces these (`make bench` gives its 100,000 pages more heap and
# the full JIT, as a production node has).
read -r -a java_opts <<<"${HUB_SEARCH_ENGINE_JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}"
java "${java_opts[@]}" \
    -Djava.io.tmpdir="$workdir/tmp" -Dopensearch.set.netty.runtime.available.processors=false \
    -cp "$build/classes:$build/lib/*" Launcher "$workdir/home" "$http_port" "$transport_port" "$control_port" \
    >"$workdir/engine.log" 2>&1 &
engine_pid=$!

url="http://127.0.0.1:$http_port"
healthy() {
    python3 - "$url" <<'PY'
import json, sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1] + "/_cluster/health?wait_for_status=yellow&timeout=1s", timeout=3) as r:
        sys.exit(0 if json.load(r)["status"] in ("green", "yellow") else 1)
except Exception:
    sys.exit(1)
PY
}
started=$SECONDS
until healthy; do
    if ! kill -0 "$engine_pid" 2>/dev/null || [ $((SECONDS - started)) -gt 300 ]; then
        echo "The search engine did not start:" >&2
        tail -n 40 "$workdir/engine.log" >&2
        exit 1
    fi
    sleep 1
done
echo "OpenSearch $(sed -n 's:.*<opensearch.version>\(.*\)</opensearch.version>.*:\1:p' "$sources/pom.xml") on $url (started in $((SECONDS - started)) s; throwaway node in $workdir)"

export HUB_TEST_ELASTICSEARCH_URL="$url"
export HUB_TEST_SEARCH_ENGINE_CONTROL="http://127.0.0.1:$control_port"
status=0
"$@" || status=$?
exit $status
