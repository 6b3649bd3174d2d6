#!/usr/bin/env python3
"""`make bench`, HTTP part: requests per second of `make serve` against nginx and bakerydemo.

For each size (pages in the catalogue) it builds a fresh SQLite database the way `make run` does
and grows it (manage.py benchmark_search), then serves it with scripts/serve.sh twice, with the
page cache on and off, and measures with wrk (loopback only, a fixed duration per target):
- nginx serving the catalogue's own HTML as a static file: the ceiling for serving a page here;
- the hub's home page, catalogue index, a case study and a site search, cache on and off;
- Wagtail's bakerydemo blog index, when BAKERYDEMO names a checkout with its own .venv and
  database (bakerydemo is never part of this project; see docs/performance.md).
Figures go to docs/performance.md between the "http" markers, as ratios against nginx and
bakerydemo measured in the same run.
    .venv/bin/python scripts/bench_http.py [--sizes 1000 20000] [--seconds 10] [--databases DIR]
With --databases, each size's database is kept in DIR and reused by the next run (migrated
first): building 20,000 pages takes minutes, measuring them seconds.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from performance_report import REPORT, write_section  # scripts/, beside this one

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
START, END = "<!-- http:start -->", "<!-- http:end -->"
TARGETS = {
    "home page": "/en/",
    "catalogue index": "/en/case-studies/",
    "case study": None,  # the first case study the catalogue links to
    "site search": "/en/search/?q=peer+support",
}


# As a TLS-terminating proxy would say: bakerydemo's production settings redirect plain HTTP.
AS_BEHIND_TLS = {"X-Forwarded-Proto": "https"}
HEADER = "X-Forwarded-Proto: https"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=AS_BEHIND_TLS)  # noqa: S310 - loopback
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
                return response.read()
        except OSError:
            time.sleep(0.3)
    sys.exit(f"no answer from {url} within {seconds} s")


@contextmanager
def running(command, env=None, cwd=ROOT):
    process = subprocess.Popen(  # noqa: S603 - our own scripts
        command, env=env, cwd=cwd, start_new_session=True, stdout=subprocess.DEVNULL
    )
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def wrk(url, seconds):
    """Requests per second, p50 and p99 in ms, errors, and the machine's load before the run."""
    load = os.getloadavg()[0]  # others' work on a shared machine shows here
    output = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "-H", HEADER, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def percentile(name):
        value, unit = re.search(rf"\s{name}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": rate,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "errors": int(errors.group(1)) if errors else 0,
        "load": load,
    }


def manage(database, *args):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "hub.settings.dev",
        "DEBUG": "0",
    }
    done = subprocess.run(  # noqa: S603
        [str(PYTHON), "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def build_database(database, size):
    """A database as `make run` makes it, grown to `size` pages; kept as it is if it exists."""
    if database.exists():
        manage(database, "migrate", "--noinput", "-v", "0")  # the code may be newer than it
        return f"sqlite:///{database}"
    building = database.with_suffix(".building")
    building.unlink(missing_ok=True)
    for args in (
        ["migrate", "--noinput", "-v", "0"],
        ["bootstrap_hub", "--no-demo-logins"],
        ["import_catalogue", "casestudies/demo/catalogue.json"],
        ["benchmark_search", "--pages", str(size), "--repeats", "1"],
    ):
        manage(building, *args)
    building.rename(database)  # only a finished database is ever reused
    return f"sqlite:///{database}"


# (label, settings, targets): the page cache on; off (listing parts still kept, as in
# production); and off with nothing kept, for the catalogue drawn from scratch on every request.
RUNS = (
    ("cache on", {"HUB_PAGE_CACHE_SECONDS": "600"}, list(TARGETS)),
    ("cache off", {"HUB_PAGE_CACHE_SECONDS": "0"}, list(TARGETS)),
    (
        "cache off, nothing kept",
        {"HUB_PAGE_CACHE_SECONDS": "0", "HUB_FRAGMENT_CACHE_SECONDS": "0"},
        ["catalogue index"],
    ),
)


def hub_server(directory, database_url, port, settings):
    env = {
        **os.environ,
        **settings,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "WORKERS": "2",
        "ACCESS_LOG": "/dev/null",
        "HUB_PAGE_CACHE_DIR": str(directory / f"page-cache-{port}"),
        "STATIC_ROOT": str(directory / "static"),
    }
    return running(["scripts/serve.sh"], env=env)


def nginx_server(directory, html, port):
    root = directory / "nginx"
    (root / "html").mkdir(parents=True)
    (root / "html" / "index.html").write_bytes(html)
    (root / "nginx.conf").write_text(
        f"""daemon off; worker_processes 2; pid {root}/nginx.pid; error_log {root}/error.log;
events {{ worker_connections 256; }}
http {{ access_log off; default_type text/html;
  client_body_temp_path {root}; proxy_temp_path {root}; fastcgi_temp_path {root};
  uwsgi_temp_path {root}; scgi_temp_path {root};
  server {{ listen 127.0.0.1:{port}; root {root}/html; }} }}
"""
    )
    return running(["nginx", "-p", str(root), "-c", str(root / "nginx.conf")])


def bakerydemo_server(checkout, port):
    env = {
        **os.environ,
        # Its own production settings (DEBUG off, WhiteNoise), on the SQLite database its
        # load_initial_data made; see docs/performance.md for how that checkout is prepared.
        "DJANGO_SETTINGS_MODULE": "bakerydemo.settings.production",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{checkout / 'bakerydemodb'}",
    }
    gunicorn = checkout / ".venv" / "bin" / "gunicorn"
    command = [str(gunicorn), "bakerydemo.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"]
    return running(command, env=env, cwd=checkout)


def first_case_study(base):
    html = wait_for(base + TARGETS["catalogue index"]).decode()
    return re.search(r'href="(/en/case-studies/[^/"]+/)"', html).group(1)


def measure_size(size, seconds, bakerydemo, databases=None):
    results = {}
    with tempfile.TemporaryDirectory(prefix="hub-bench-http-") as scratch:
        directory = Path(scratch)
        directory.chmod(0o755)  # nginx's workers run as another user
        print(f"--- {size} pages: building the database", flush=True)
        database_url = build_database((databases or directory) / f"hub-{size}.sqlite3", size)
        for label, settings, names in RUNS:
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            with hub_server(directory, database_url, port, settings):
                wait_for(base + "/en/", seconds=120)
                targets = {**TARGETS, "case study": first_case_study(base)}
                for name in names:
                    path = targets[name]
                    wait_for(base + path)  # fill the cache, warm the workers
                    results[f"hub {name}, {label}"] = wrk(base + path, seconds)
                    print(f"  hub {name}, {label}: {results[f'hub {name}, {label}']}", flush=True)
                catalogue_html = wait_for(base + TARGETS["catalogue index"])
        port = free_port()
        with nginx_server(directory, catalogue_html, port):
            wait_for(f"http://127.0.0.1:{port}/")
            results["nginx, the catalogue as a static file"] = wrk(
                f"http://127.0.0.1:{port}/", seconds
            )
        if bakerydemo:
            port = free_port()
            with bakerydemo_server(bakerydemo, port):
                wait_for(f"http://127.0.0.1:{port}/blog/", seconds=120)
                results["bakerydemo blog index"] = wrk(f"http://127.0.0.1:{port}/blog/", seconds)
    return results


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        "unknown CPU",
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {sys.version.split()[0]}, SQLite, wrk -t2 -c8"


def verdicts(results):
    """The two targets of the page cache's work, as sentences."""
    nginx = results["nginx, the catalogue as a static file"]["rps"]
    cached = results["hub catalogue index, cache on"]["rps"] / nginx
    lines = [
        f"- Cached anonymous catalogue: {cached:.3f} x nginx serving the same HTML "
        f"(target at least 0.05): {'met' if cached >= 0.05 else 'not met'}."
    ]
    if "bakerydemo blog index" in results:
        uncached = (
            results["hub catalogue index, cache off"]["rps"]
            / results["bakerydemo blog index"]["rps"]
        )
        lines.append(
            f"- Catalogue index with the page cache off: {uncached:.2f} x bakerydemo's blog index "
            f"(target at least 2): {'met' if uncached >= 2 else 'not met'}."
        )
    return lines + [""]


def report(all_results, seconds):
    lines = [
        START,
        f"Measured on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}, "
        f"{seconds} s per target, gunicorn with 2 workers (`make serve`: DEBUG off, WhiteNoise). "
        "Ratios are against figures taken in the same run. The load column is the machine's "
        "one-minute load average before each target: above 2 (its cores), other work was "
        "running and every figure is lower than on a quiet machine.",
        "",
    ]
    for size, results in all_results.items():
        nginx = results["nginx, the catalogue as a static file"]["rps"]
        bakery = results.get("bakerydemo blog index", {}).get("rps")
        lines += [
            f"**{size:,} pages**",
            "",
            "| target | req/s | p50 ms | p99 ms | errors | x nginx | x bakerydemo | load |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for name, figures in results.items():
            versus_bakery = f"{figures['rps'] / bakery:.2f}" if bakery else "not measured"
            lines.append(
                f"| {name} | {figures['rps']:,.0f} | {figures['p50']:.1f} | {figures['p99']:.1f} "
                f"| {figures['errors']} | {figures['rps'] / nginx:.3f} | {versus_bakery} "
                f"| {figures['load']:.1f} |"
            )
        lines.append("")
        lines += verdicts(results)
    lines.append(END)
    write_section("\n".join(lines), START, END, heading="## HTTP throughput (`make bench`)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 20000])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--databases", type=Path, help="keep each size's database here and reuse it next time"
    )
    parser.add_argument(
        "--build-only", action="store_true", help="build the databases (--databases), no measuring"
    )
    options = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is missing: scripts/install-test-deps.sh --bench installs it")
    bakerydemo = Path(os.environ["BAKERYDEMO"]).resolve() if os.environ.get("BAKERYDEMO") else None
    if options.databases:
        options.databases = options.databases.resolve()
        options.databases.mkdir(parents=True, exist_ok=True)
    if options.build_only:
        if not options.databases:
            sys.exit("--build-only keeps what it builds: name a directory with --databases")
        for size in options.sizes:
            build_database(options.databases / f"hub-{size}.sqlite3", size)
        return
    all_results = {
        size: measure_size(size, options.seconds, bakerydemo, options.databases)
        for size in options.sizes
    }
    report(all_results, options.seconds)
    print(f"written to {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
