"""A bounded load test of the production configuration on this machine (docs/reliability.md).

Builds a fresh database, starts gunicorn with the production settings and several workers on a
loopback port, then:
  1. sends N stories at once through the whole "share your story" form (every step, CSRF and
     cookies as a browser would), each from its own loopback address (127.0.1.x), since the
     form allows five stories an hour from one address;
  2. makes M mixed GET requests (pages, search, sitemap, static files) from a pool of threads;
and reports errors, latencies, and whether every story the site accepted is in the database.

    scripts/with-postgres.sh .venv/bin/python scripts/load_test.py    # PostgreSQL
    .venv/bin/python scripts/load_test.py                             # SQLite (WAL), a temp file

Loopback only, fixed numbers of requests; nothing runs after it returns. Exit status 1 on any
error or any accepted story missing.
"""

import argparse
import http.client
import os
import platform
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SHARE = "/en/stories/share/"
GETS = [
    "/en/",
    "/en/stories/",
    "/en/case-studies/",
    "/en/principles/",
    "/en/toolkits/",
    "/en/resources/",
    "/en/search/?q=time+bank",
    "/en/search/?q=stories",
    "/en/stories/share/",
    "/sitemap.xml",
    "/cy/",
    "/es/",
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One visitor: its own source address and cookies (sent as a browser over HTTPS would)."""

    def __init__(self, port, source):
        self.port = port
        self.source = source
        self.cookies = {}

    def request(self, method, path, body=None, content_type=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=60, source_address=(self.source, 0)
        )
        headers = {
            # TLS ends at the proxy in production; gunicorn sees the proxy's header.
            "X-Forwarded-Proto": "https",
            "Referer": f"https://127.0.0.1:{self.port}{SHARE}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, response.getheader("Location"), text

    def csrf_token(self, path):
        status, _location, html = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if not match:
            raise RuntimeError(f"GET {path}: no CSRF token")
        return match.group(1)

    def post_step(self, step, fields):
        path = f"{SHARE}{step}/"
        token = self.csrf_token(path)
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in [("csrfmiddlewaretoken", token), *fields]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            )
        body = ("".join(parts) + f"--{boundary}--\r\n").encode()
        status, location, html = self.request(
            "POST", path, body, f"multipart/form-data; boundary={boundary}"
        )
        if status != 302:
            raise RuntimeError(f"POST {step}: {status} {html[:200]!r}")
        return location


def story_steps(number):
    return [
        (
            "about",
            [
                ("name_choice", "pseudonym"),
                ("pseudonym", f"Loader{number}"),
                ("first_name", ""),
                ("title", f"Load test story {number}"),
                ("about_me", "A fictional storyteller made by the load test."),
                ("region", "wales"),
                ("setting", "rural"),
                ("voice", "own-words"),
            ],
        ),
        (
            "day",
            [
                ("moment-0-time_of_day", "9am"),
                ("moment-0-what_happens", "I open the post and make tea."),
                ("moment-0-picture_alt", ""),
            ],
        ),
        (
            "matters",
            [
                ("life_factors", "place"),
                ("passions", "Tea"),
                ("hopes", "A quiet week"),
                ("what_helps", "Friends"),
                ("what_gets_in_the_way", "Stairs"),
            ],
        ),
        (
            "consent",
            [("publish_on_web", "on"), ("translate", "on"), ("how_given", "with-supporter")],
        ),
        ("check", [("go", "next"), ("website", "")]),
    ]


def submit_story(port, number):
    browser = Browser(port, f"127.0.1.{number + 1}")
    started = time.monotonic()
    location = None
    for step, fields in story_steps(number):
        location = browser.post_step(step, fields)
    status, _location, html = browser.request("GET", location)
    if status != 200 or 'id="private-link"' not in html:
        raise RuntimeError(f"sent page: {status}")
    return time.monotonic() - started


def get_page(port, path):
    browser = Browser(port, "127.0.0.1")
    started = time.monotonic()
    status, _location, _html = browser.request("GET", path)
    if status != 200:
        raise RuntimeError(f"GET {path}: {status}")
    return time.monotonic() - started


def run_all(function, jobs, threads):
    timings, errors = [], []
    lock = threading.Lock()

    def one(job):
        try:
            elapsed = function(*job)
            with lock:
                timings.append(elapsed)
        except Exception as error:  # every failure is counted and reported, none stops the run
            with lock:
                errors.append(f"{job[1]}: {error}")

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(one, jobs))
    return timings, errors, time.monotonic() - started


def summary(name, timings, errors, wall):
    if timings:
        ordered = sorted(timings)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
        figures = (
            f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"max {ordered[-1] * 1000:.0f} ms"
        )
    else:
        figures = "no successful request"
    print(f"{name}: {len(timings)} ok, {len(errors)} errors in {wall:.1f} s ({figures})")
    for error in errors[:10]:
        print(f"   error: {error}")


def manage(environment, *args):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--gets", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--get-threads", type=int, default=16)
    args = parser.parse_args()
    if not 1 <= args.stories <= 250 or not 0 <= args.gets <= 20_000:
        sys.exit("--stories 1..250, --gets 0..20000")

    workdir = Path(tempfile.mkdtemp(prefix="hub-load."))
    port = free_port()
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'load.sqlite3'}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "hub.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "HUB_BASE_URL": f"http://127.0.0.1:{port}",
        "HUB_ALLOW_SQLITE": "1",
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "PYTHONPATH": str(ROOT),
    }
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite (WAL)"
    print(f"Machine: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"Database: {engine}; gunicorn with {args.workers} workers on 127.0.0.1:{port}")

    manage(environment, "migrate", "--noinput")
    manage(environment, "bootstrap_hub")
    manage(environment, "collectstatic", "--noinput")
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "hub.wsgi",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=open(workdir / "gunicorn.log", "w"),  # noqa: SIM115 (closed with the process)
    )
    try:
        for _attempt in range(300):
            try:
                if get_page(port, "/en/") is not None:
                    break
            except Exception:  # not listening yet
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not answer")

        story_jobs = [(port, number) for number in range(args.stories)]
        timings, story_errors, wall = run_all(submit_story, story_jobs, args.stories)
        summary(f"{args.stories} concurrent story submissions", timings, story_errors, wall)
        accepted = len(timings)

        get_jobs = [(port, GETS[number % len(GETS)]) for number in range(args.gets)]
        get_timings, get_errors, get_wall = run_all(get_page, get_jobs, args.get_threads)
        summary(f"{args.gets} mixed GETs", get_timings, get_errors, get_wall)
    finally:
        server.terminate()
        server.wait(timeout=60)

    stored = manage(
        environment,
        "shell",
        "-c",
        "from stories.models import StoryPage; "
        "print(StoryPage.objects.filter(title__startswith='Load test story ').count())",
    ).split()[-1]  # the last line: Django's shell may first say what it imported
    print(f"Stories accepted: {accepted}; stored: {stored}")
    log = (workdir / "gunicorn.log").read_text()
    tracebacks = log.count("Traceback")
    print(f"Server log: {tracebacks} tracebacks ({workdir / 'gunicorn.log'})")
    failed = story_errors or get_errors or int(stored) != accepted or tracebacks
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
