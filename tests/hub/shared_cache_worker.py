"""One worker process for tests/hub/test_shared_cache.py (run as a script, not collected).

Its settings come from the environment like a gunicorn worker's: DJANGO_SETTINGS_MODULE,
DATABASE_URL and REDIS_URL. It waits until every sibling process is ready (a file each in
BARRIER_DIR), so the processes really count at the same time, then prints what it saw as JSON.
"""

import json
import os
import sys
import time
from pathlib import Path

import django

django.setup()

from django.core.cache import caches  # noqa: E402  (after django.setup())
from django.test import RequestFactory  # noqa: E402

from hub import ratelimit  # noqa: E402


def wait_for_siblings(barrier_dir, processes):
    Path(barrier_dir, str(os.getpid())).touch()
    deadline = time.monotonic() + 60
    while len(os.listdir(barrier_dir)) < processes:
        if time.monotonic() > deadline:
            sys.exit("siblings never started")
        time.sleep(0.01)


cache = caches["default"]


def main():
    mode, scope, attempts = sys.argv[1], sys.argv[2], int(sys.argv[3])
    wait_for_siblings(os.environ["BARRIER_DIR"], int(os.environ["PROCESSES"]))
    if mode == "limit":
        request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
        allowed = sum(ratelimit.allow(request, scope, (5, 3600)) for _ in range(attempts))
        result = {"allowed": allowed}
    else:  # "incr": the raw counter, to show no increment is lost
        cache.add(scope, 0, timeout=3600)
        for _ in range(attempts):
            cache.incr(scope)
        result = {"value": cache.get(scope)}
    result["backend"] = f"{type(cache).__module__}.{type(cache).__name__}"
    print(json.dumps(result))


main()
