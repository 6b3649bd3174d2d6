"""Search engines that fail for real, on local sockets, for the outage tests.

No Elasticsearch or OpenSearch runs here. A closed port refuses every connection; HungEngine
accepts connections and never answers, as a wedged cluster does; StubEngine answers over HTTP
the few requests the hub's engine backend sends (index, delete, search, count), as
Elasticsearch 9 would, with hits the test chooses, and records what it was asked. It stands in
for a cluster only where one cannot run here.
"""

import json
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TEST_TIMEOUT = 0.2  # seconds; the hub's default is 1 (the tests count contacts, not time)


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # released on close: nothing listens there afterwards


def engine_settings(url, **options):
    """WAGTAILSEARCH_BACKENDS with the hub's guarded engine at `url`, as production has it."""
    return {
        "default": {
            "BACKEND": "search.engine_backend",
            "ENGINE": "wagtail.search.backends.elasticsearch9",
            "URLS": [url],
            "INDEX_PREFIX": "hubtest_",
            "TIMEOUT": TEST_TIMEOUT,
            "AUTOCOMPLETE_TIMEOUT": TEST_TIMEOUT / 2,
            "INDEXING_TIMEOUT": TEST_TIMEOUT,
            **options,
        },
        "database": {"BACKEND": "search.database_backend"},
    }


class HungEngine:
    """A listener that accepts connections, counts them, and never sends a byte back."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.accepted = 0
        self.connections = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:  # closed
                return
            self.accepted += 1
            self.connections.append(connection)  # held open, never answered

    def close(self):
        self.server.close()
        for connection in self.connections:
            connection.close()


class StubEngine:
    """An HTTP server answering as Elasticsearch 9 would; `hits` are the page ids searches find."""

    def __init__(self):
        self.hits = []
        self.requests = []  # (method, path)
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                sent = self.rfile.read(length)
                stub.requests.append((self.command, self.path.split("?")[0]))
                status, body = stub.answer(self.command, self.path.split("?")[0], sent)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("X-Elastic-Product", "Elasticsearch")
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def answer(self, method, path, sent):
        if path.endswith("/_bulk"):  # what update_index sends: each action done
            lines = [json.loads(line) for line in sent.splitlines() if line.strip()]
            actions = [line for line in lines if set(line) & {"index", "delete"}]
            items = [{op: {**meta, "status": 200}} for op, meta in map(dict.popitem, actions)]
            return 200, {"took": 1, "errors": False, "items": items}
        if path.endswith("/_search"):
            hits = [{"_id": str(pk), "_score": 1.0, "fields": {"pk": [pk]}} for pk in self.hits]
            return 200, {"hits": {"total": {"value": len(hits)}, "hits": hits}}
        if path.endswith("/_count"):
            return 200, {"count": len(self.hits)}
        if re.search(r"/_doc/[^/]+$", path):
            return 200, {"result": "deleted" if method == "DELETE" else "updated"}
        return 200, {"acknowledged": True}

    def documents(self, method):
        """The ids of the documents the engine was asked to index (PUT) or delete (DELETE)."""
        return [
            path.rsplit("/", 1)[1]
            for asked, path in self.requests
            if asked == method and "/_doc/" in path
        ]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
