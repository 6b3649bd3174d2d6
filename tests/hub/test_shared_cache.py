"""Rate limits hold across worker processes: the cache every worker shares (issue 15, part 5).

Three processes count against one limit at the same moment, as three gunicorn workers would.
With per-process memory each allowed five, fifteen in all; with the shared cache five pass in all.
Runs on the database cache (SQLite here, or the PostgreSQL that the suite runs on) and on a real
Redis (HUB_TEST_REDIS_URL, which scripts/with-redis.sh sets for `make test`).
"""

import json
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from hub.cache import DatabaseCache

ROOT = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("shared_cache_worker.py")
PROCESSES = 3


def worker_database(tmp_path):
    """The database the workers share: the suite's PostgreSQL server, or a fresh SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        return url  # the server's own database, next to the test database: committed rows only
    return f"sqlite:///{tmp_path / 'workers.sqlite3'}"


def worker_environment(tmp_path, **extra):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    barrier = tmp_path / "barrier"
    barrier.mkdir(exist_ok=True)
    environment.update(
        DJANGO_SETTINGS_MODULE="hub.settings.dev",
        DATABASE_URL=worker_database(tmp_path),
        PYTHONPATH=str(ROOT),
        BARRIER_DIR=str(barrier),
        PROCESSES=str(PROCESSES),
        **extra,
    )
    return environment


def run_workers(environment, mode, attempts):
    scope = f"test-{uuid.uuid4().hex}"
    workers = [
        subprocess.Popen(
            [sys.executable, str(WORKER), mode, scope, str(attempts)],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    results = []
    for worker in workers:
        stdout, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 0, stderr
        results.append(json.loads(stdout))
    return results


def create_cache_table(environment):
    result = subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def database_cache_workers(tmp_path):
    environment = worker_environment(tmp_path)
    create_cache_table(environment)
    return environment


@pytest.fixture
def redis_workers(tmp_path):
    url = os.environ.get("HUB_TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("HUB_TEST_REDIS_URL is not set: CI runs the suite through with-redis.sh")
        pytest.skip("needs HUB_TEST_REDIS_URL (scripts/with-redis.sh, run by make test)")
    return worker_environment(tmp_path, REDIS_URL=url)


def test_three_workers_share_one_limit_on_the_database_cache(database_cache_workers):
    results = run_workers(database_cache_workers, "limit", attempts=5)
    assert {result["backend"] for result in results} == {"hub.cache.DatabaseCache"}
    assert sum(result["allowed"] for result in results) == 5


def test_no_increment_is_lost_between_workers_on_the_database_cache(database_cache_workers):
    results = run_workers(database_cache_workers, "incr", attempts=20)
    assert max(result["value"] for result in results) == PROCESSES * 20


def test_three_workers_share_one_limit_on_redis(redis_workers):
    results = run_workers(redis_workers, "limit", attempts=5)
    assert {result["backend"] for result in results} == {
        "django.core.cache.backends.redis.RedisCache"
    }
    assert sum(result["allowed"] for result in results) == 5


def test_no_increment_is_lost_between_workers_on_redis(redis_workers):
    results = run_workers(redis_workers, "incr", attempts=20)
    assert max(result["value"] for result in results) == PROCESSES * 20


def test_migrate_creates_the_cache_table(db):
    assert "hub_cache" in connection.introspection.table_names()


def test_an_increment_keeps_the_counter_s_expiry(db):
    """A limit counted over an hour must not be forgotten five minutes after the last attempt."""
    cache = DatabaseCache("hub_cache", {})
    cache.add("window", 0, timeout=3600)
    assert cache.incr("window") == 1
    assert cache.incr("window", 2) == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM hub_cache WHERE cache_key = %s", [":1:window"])
        expires = cursor.fetchone()[0]
    if isinstance(expires, str):  # SQLite returns the text it stored, in UTC
        expires = datetime.fromisoformat(expires)
    if timezone.is_naive(expires):
        expires = expires.replace(tzinfo=UTC)
    assert expires > timezone.now() + timedelta(minutes=55)
    assert cache.get("window") == 3


def test_an_increment_of_a_missing_key_says_so(db):
    with pytest.raises(ValueError):
        DatabaseCache("hub_cache", {}).incr("never-added")
