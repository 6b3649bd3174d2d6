"""The search benchmark's timing: the latency of the search and catalogue pages.

Used by `manage.py benchmark_search` (and `make bench`) once provisioning.benchmark has grown the
catalogue to size. Never part of the test suite: figures belong in docs/performance.md.
"""

import statistics
import time
from urllib.parse import urlencode

from django.test import Client, override_settings

# What practitioners type: the relevance set's kind of query, fixed so runs compare.
QUERIES = [
    "peer support",
    "time bank older people",
    "mental health recovery",
    "people leaving prison",
    "personal budgets",
    "carers",
    "social prescribing",
    "homeless health",
    "learning disabilities",
    "co-design",
    "self-management long-term conditions",
    "brain injury",
]


def _percentiles(samples):
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
        "requests": len(ordered),
    }


# Every request does the whole work: neither whole pages nor the listing's kept parts are reused
# (the HTTP benchmark, scripts/bench_http.py, measures what the caches give).
@override_settings(HUB_PAGE_CACHE_SECONDS=0, HUB_FRAGMENT_CACHE_SECONDS=0)
def time_pages(repeats=5, before=None):
    """Latency of the search page, the catalogue searched and the catalogue unfiltered.

    `before(name)`, if given, is called before each page's timing (to note the machine's load).
    """
    client = Client(SERVER_NAME="localhost")  # a host ALLOWED_HOSTS accepts
    targets = {
        "site search": [f"/en/search/?{urlencode({'q': q})}" for q in QUERIES],
        "catalogue search": [f"/en/case-studies/?{urlencode({'q': q})}" for q in QUERIES],
        "catalogue index": ["/en/case-studies/"] * len(QUERIES),
    }
    figures = {}
    for name, urls in targets.items():
        if before:
            before(name)
        for url in urls:  # warm caches, compile templates
            assert client.get(url).status_code == 200, url
        samples = []
        for _ in range(repeats):
            for url in urls:
                started = time.perf_counter()
                response = client.get(url)
                samples.append(time.perf_counter() - started)
                assert response.status_code == 200, url
        figures[name] = _percentiles(samples)
    return figures
