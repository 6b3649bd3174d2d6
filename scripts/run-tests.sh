#!/usr/bin/env bash
# Run the whole suite on PostgreSQL and then on SQLite; fail if either fails. One throwaway search
# engine (scripts/with-search-engine.sh) serves both runs, for tests/search/test_elasticsearch_live.py.
#   scripts/run-tests.sh [pytest args]     e.g. scripts/run-tests.sh -k bootstrap
#   HUB_TEST_DATABASES=sqlite scripts/run-tests.sh    one database only (postgres or sqlite)
#   HUB_TEST_SEARCH_ENGINE=off scripts/run-tests.sh    no engine: the live search tests are
#       skipped (they fail instead when CI=true)
set -uo pipefail
cd "$(dirname "$0")/.."
if [ -z "${HUB_TEST_ELASTICSEARCH_URL:-}" ] && [ "${HUB_TEST_SEARCH_ENGINE:-}" != off ]; then
    exec scripts/with-search-engine.sh "$PWD/scripts/run-tests.sh" "$@"
fi
export DJANGO_SETTINGS_MODULE=hub.settings.test
pytest=(.venv/bin/pytest "$@")
databases=${HUB_TEST_DATABASES:-"postgres sqlite"}
failed=()

for db in $databases; do
    echo "=== Test suite on $db ==="
    case $db in
        postgres) scripts/with-postgres.sh "${pytest[@]}" ;;
        sqlite) DATABASE_URL="sqlite:///$PWD/.test-db.sqlite3" "${pytest[@]}" ;;
        *) echo "unknown database: $db" >&2; false ;;
    esac
    status=$?
    # pytest exits 5 when nothing was collected: that is a failure of the suite, not a pass.
    [ $status -eq 0 ] || failed+=("$db (exit $status)")
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED on: ${failed[*]}"
    exit 1
fi
echo "Passed on: $databases"
