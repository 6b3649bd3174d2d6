#!/usr/bin/env bash
# Run the whole suite on PostgreSQL and on SQLite, both at once; fail if either fails. Each run has
# services of its own, so neither can disturb the other (the fallback tests stop their engine
# mid-run): a throwaway Redis (scripts/with-redis.sh, for the shared-cache tests) and a throwaway
# search engine (scripts/with-search-engine.sh). Each line of output is prefixed with its database.
#   scripts/run-tests.sh [pytest args]     e.g. scripts/run-tests.sh -k bootstrap
#   HUB_TEST_DATABASES=sqlite scripts/run-tests.sh    one database only (postgres or sqlite)
#   HUB_TEST_PARALLEL=0 scripts/run-tests.sh          one database after the other
#   HUB_TEST_SEARCH_ENGINE=off scripts/run-tests.sh   no engine: the live search tests are
#       skipped (they fail instead when CI=true)
set -uo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE=hub.settings.test
databases=${HUB_TEST_DATABASES:-"postgres sqlite"}

services=()
[ -n "${HUB_TEST_REDIS_URL:-}" ] || services+=(scripts/with-redis.sh)
if [ -z "${HUB_TEST_ELASTICSEARCH_URL:-}" ] && [ "${HUB_TEST_SEARCH_ENGINE:-}" != off ]; then
    scripts/with-search-engine.sh --prepare || exit 1
    services+=(scripts/with-search-engine.sh)
fi

run_on() {
    local db=$1
    shift
    # The slowest tests are named at the end of each run, so that the suite's time (under 30
    # minutes in CI) is watched where it is spent.
    set -- --durations=25 "$@"
    case $db in
        postgres) "${services[@]}" scripts/with-postgres.sh .venv/bin/pytest "$@" ;;
        sqlite) DATABASE_URL="sqlite:///$PWD/.test-db-$db.sqlite3" "${services[@]}" .venv/bin/pytest "$@" ;;
        *) echo "unknown database: $db" >&2; return 2 ;;
    esac
}

declare -A pids statuses
for db in $databases; do
    echo "=== Test suite on $db ==="
    if [ "${HUB_TEST_PARALLEL:-1}" = 1 ]; then
        run_on "$db" "$@" > >(sed -u "s/^/[$db] /") 2>&1 &
        pids[$db]=$!
    else
        run_on "$db" "$@"
        statuses[$db]=$?
    fi
done
for db in "${!pids[@]}"; do
    wait "${pids[$db]}"
    statuses[$db]=$?
done

failed=()
for db in $databases; do
    # pytest exits 5 when nothing was collected: that is a failure of the suite, not a pass.
    [ "${statuses[$db]}" -eq 0 ] || failed+=("$db (exit ${statuses[$db]})")
done
wait  # the output filters

if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED on: ${failed[*]}"
    exit 1
fi
echo "Passed on: $databases"
