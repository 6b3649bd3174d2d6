#!/usr/bin/env python3
"""`make bench`: search and catalogue latency at 1,000 and 20,000 pages, SQLite and PostgreSQL.

Each size gets a fresh database: migrate, bootstrap, the demo catalogue, then realistic variants
of it up to the size (manage.py benchmark_search). Figures and the machine they came from are
written to docs/performance.md. Run through scripts/with-postgres.sh so a throwaway PostgreSQL
cluster is there; without DATABASE_URL only SQLite is measured.
    scripts/with-postgres.sh .venv/bin/python scripts/bench.py [--sizes 1000 20000]
"""

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
MANAGE = [sys.executable, str(ROOT / "manage.py")]
REPORT = ROOT / "docs" / "performance.md"
PAGES = ["site search", "catalogue search", "catalogue index"]
ALLOWED_GROWTH = 3.0  # p95 at the largest size may be at most 3x the p95 at the smallest


def manage(env, *args, capture=False):
    result = subprocess.run([*MANAGE, *args], env=env, text=True, capture_output=capture, cwd=ROOT)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr or ''}")
    return result.stdout


def postgres_database(base_url, name):
    """A fresh database called `name` on the cluster at base_url; returns its URL."""
    import psycopg

    with psycopg.connect(base_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def measure(label, database_url, size, repeats):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "DEBUG": "0",  # DEBUG keeps every query in memory
    }
    print(f"--- {label}, {size} pages", flush=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "bootstrap_hub", "--no-demo-logins", capture=True)
    manage(env, "load_demo_content", "--only", "catalogue", capture=True)
    output = manage(
        env, "benchmark_search", "--pages", str(size), "--repeats", str(repeats), capture=True
    )
    result = json.loads(output.strip().splitlines()[-1])
    result["label"] = label
    print(json.dumps(result["figures"]), flush=True)
    return result


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{memory_kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    postgres = "not measured"
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        import psycopg

        with psycopg.connect(os.environ["DATABASE_URL"]) as connection:
            postgres = connection.execute("SHOW server_version").fetchone()[0]
    return {
        "CPU": f"{cpu} ({os.cpu_count()} cores)",
        "Memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": postgres,
    }


def report(results, sizes, repeats):
    lines = [
        "# Performance",
        "",
        f"Measured by `make bench` on {date.today().isoformat()}. Each size is a fresh database",
        "holding the demo catalogue plus realistic variants of its case studies and resources",
        f"(two case studies to each resource). Each page is requested {repeats} times for each of",
        "the 12 fixed practitioner queries in `search/benchmark.py`, after one warm-up round,",
        "through Django's test client in one process (no network, no web server, no cache).",
        "",
        "## Machine",
        "",
    ]
    lines += [f"- {key}: {value}" for key, value in machine().items()]
    lines += [
        "",
        "## Latency (milliseconds)",
        "",
        "| database | pages | page | p50 | p95 | max |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for result in results:
        for page in PAGES:
            figures = result["figures"][page]
            lines.append(
                f"| {result['label']} | {result['live_pages']:,} | {page} | "
                f"{figures['p50_ms']} | {figures['p95_ms']} | {figures['max_ms']} |"
            )
    lines += ["", "## Growth from the smallest to the largest size (p95)", ""]
    verdicts = []
    for label in dict.fromkeys(result["label"] for result in results):
        by_size = {r["live_pages"]: r for r in results if r["label"] == label}
        if len(by_size) < 2:
            continue  # the larger size is still being measured
        small, large = by_size[min(by_size)], by_size[max(by_size)]
        for page in PAGES:
            ratio = large["figures"][page]["p95_ms"] / max(small["figures"][page]["p95_ms"], 0.1)
            within = ratio <= ALLOWED_GROWTH
            verdicts.append(within or page != "site search")
            lines.append(
                f"- {label}, {page}: {ratio:.1f}x "
                f"({'within' if within else 'above'} the {ALLOWED_GROWTH:g}x bar)"
            )
    lines += ["", "Setup time (generating and indexing the pages):", ""]
    lines += [f"- {r['label']}, {r['live_pages']:,} pages: {r['setup_seconds']} s" for r in results]
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"Wrote {REPORT.relative_to(ROOT)}")
    return all(verdicts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    postgres_url = os.environ.get("DATABASE_URL", "")
    results = []
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as workdir:
        for size in args.sizes:
            results.append(
                measure("SQLite", f"sqlite:///{workdir}/bench-{size}.sqlite3", size, args.repeats)
            )
            report(results, args.sizes, args.repeats)  # a run cut short still leaves its figures
        if postgres_url.startswith("postgres"):
            for size in args.sizes:
                url = postgres_database(postgres_url, f"hub_bench_{size}")
                results.append(measure("PostgreSQL", url, size, args.repeats))
                report(results, args.sizes, args.repeats)
    within_bar = report(results, args.sizes, args.repeats)
    # Print the figures; the bar is reported, not enforced, so that a slow run is still recorded.
    print(REPORT.read_text(encoding="utf-8"))
    if not within_bar:
        print("Site search grew more than the allowed factor: see docs/performance.md")


if __name__ == "__main__":
    main()
