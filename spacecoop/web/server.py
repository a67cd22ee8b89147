"""``spacecoop serve``'s server: a standard-library threaded HTTP server in front of :class:`~spacecoop.web.app.WebApp`.

One port serves everything: the IRIs' own paths, the search and query pages, the SPARQL endpoint
(``/query``, read-only: the source answers queries, never updates) and the packaged assets. A thread
per connection; the store is read concurrently (Oxigraph releases the interpreter while it evaluates).

>>> from spacecoop.io.paths import ONTOLOGY_DIR
>>> from spacecoop.store.knowledge import KnowledgeStore
>>> from spacecoop.web.app import WebApp
>>> from spacecoop.web.source import LocalSource
>>> import threading, urllib.request
>>> app = WebApp(LocalSource(KnowledgeStore.from_files([ONTOLOGY_DIR / "vocab" / "statuses.ttl"], "oxigraph")))
>>> server = make_server(app, "127.0.0.1", 0)
>>> thread = threading.Thread(target=server.serve_forever, daemon=True); thread.start()
>>> request = urllib.request.Request(f"http://127.0.0.1:{server.server_port}/vocab/status/agreed",  # 303, followed
...                                  headers={"Accept": "application/n-triples"})
>>> with urllib.request.urlopen(request) as answer:
...     answer.headers["Content-Type"], b"skos/core#prefLabel" in answer.read()
('application/n-triples; charset=utf-8', True)
>>> server.shutdown(); server.server_close()
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

__all__ = ["make_server", "MAX_BODY"]

#: The largest request body (a SPARQL query sent by POST) read.
MAX_BODY = 1_000_000


class _Handler(BaseHTTPRequestHandler):
    server_version = "SpaceCoop"
    protocol_version = "HTTP/1.1"
    app = None  # set on the subclass make_server creates
    quiet = True

    def _answer(self, method: str) -> None:
        parts = urlsplit(self.path)
        body = b""
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, b"request body too large\n", {"Content-Type": "text/plain; charset=utf-8"})
            return
        if length:
            body = self.rfile.read(length)
        response = self.app.respond(
            method,
            unquote(parts.path),
            parts.query,
            self.headers.get("Accept"),
            body,
            self.headers.get("Content-Type", ""),
        )
        self._send(response.status, response.body, response.headers)

    def _send(self, status: int, body: bytes, headers: dict) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self._answer("GET")

    def do_HEAD(self):  # noqa: N802
        self._answer("HEAD")

    def do_POST(self):  # noqa: N802
        self._answer("POST")

    def do_PUT(self):  # noqa: N802
        self._answer("PUT")

    def do_DELETE(self):  # noqa: N802
        self._answer("DELETE")

    def do_OPTIONS(self):  # noqa: N802
        self._send(
            204,
            b"",
            {
                "Allow": "GET, HEAD, POST",
                "Access-Control-Allow-Origin": "*",
                "Access-Control-Allow-Methods": "GET, HEAD, POST",
                "Access-Control-Allow-Headers": "Accept, Content-Type",
            }
            if self.app.cors
            else {"Allow": "GET, HEAD, POST"},
        )

    def log_message(self, format, *args):  # noqa: A002 (the standard library's signature)
        if not self.quiet:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))


def make_server(app, host: str = "127.0.0.1", port: int = 0, *, quiet: bool = True) -> ThreadingHTTPServer:
    """A server for ``app`` bound to ``host``:``port`` (0: a free port; read it from ``server_port``)."""
    handler = type("Handler", (_Handler,), {"app": app, "quiet": quiet})
    return _Server((host, port), handler)


class _Server(ThreadingHTTPServer):
    """Threads that end with the server, and a listen backlog for many clients at once (the standard
    library's 5 turns the 6th simultaneous connection away)."""

    daemon_threads = True
    request_queue_size = 128
