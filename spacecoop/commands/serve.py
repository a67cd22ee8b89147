"""``spacecoop serve``: the graph on the web (:mod:`spacecoop.web`), stopped cleanly on Ctrl-C or SIGTERM.

By default the command reads the graph (the built one, ``--data`` or ``--endpoint``) and hands it to
:mod:`spacecoop.web.server`: a page and RDF for every IRI, search, a query page and a read-only SPARQL
endpoint at ``/query``, on 127.0.0.1 unless ``--host`` says otherwise. ``--writable`` serves a plain
Oxigraph SPARQL store instead (``oxigraph serve``: updates accepted, no pages): the graph is written as
N-Triples and loaded with ``oxigraph load`` into a fresh directory first (``oxigraph load`` cannot open
a directory a running server holds); SIGTERM (what ``kill``, process managers and containers send)
stops it like Ctrl-C, the Oxigraph child stopped and its folder removed. A port that is taken is
reported before anything starts. The helpers below start and stop such an Oxigraph process for the
tests and tools that need a SPARQL store over HTTP.

>>> oxigraph_command().name
'oxigraph'
"""

from __future__ import annotations

import argparse
import errno
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from spacecoop.commands.argtypes import port_number, positive_seconds
from spacecoop.errors import SpaceCoopError

__all__ = [
    "add_parser",
    "oxigraph_command",
    "free_port",
    "check_port_free",
    "start_oxigraph",
    "stop_process",
    "wait_until_up",
]


def oxigraph_command() -> Path:
    """The ``oxigraph`` CLI: beside this Python (the PyPI package installs it there), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    if not found:
        raise SpaceCoopError("the 'oxigraph' command is missing: pip install oxigraph")
    return Path(found)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def check_port_free(port: int) -> None:
    """Raise :class:`SpaceCoopError` if ``port`` on 127.0.0.1 cannot be listened on (taken, or privileged)."""
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError as error:
            reason = (
                "is taken by another program"
                if error.errno == errno.EADDRINUSE
                else f"cannot be used: {error.strerror}"
            )
            raise SpaceCoopError(
                f"port {port} on 127.0.0.1 {reason}: choose another with --port, or leave --port out to use a free one"
            ) from None


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 30.0) -> None:
    """Wait until ``url`` answers HTTP (any status), or fail if ``process`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SpaceCoopError(f"the server exited with code {process.returncode} before answering at {url}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SpaceCoopError(f"no answer at {url} within {seconds:g} s")


def stop_process(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop ``process`` by its PID: SIGTERM, then SIGKILL after ``grace`` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(grace)


def start_oxigraph(
    location: Path,
    port: int,
    *,
    ntriples: Path | None = None,
    query_timeout: float | None = None,
    read_only: bool = False,
) -> subprocess.Popen:
    """Load ``ntriples`` (if given) into ``location``, then serve it on 127.0.0.1:``port``
    (``read_only``: with ``oxigraph serve-read-only``, which refuses every update)."""
    command = str(oxigraph_command())
    if ntriples is not None:
        loaded = subprocess.run(
            [command, "load", "--location", str(location), "--file", str(ntriples)], capture_output=True, text=True
        )
        if loaded.returncode:
            raise SpaceCoopError(f"oxigraph load failed: {loaded.stderr.strip()}")
    arguments = [
        command,
        "serve-read-only" if read_only else "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
    ]
    if query_timeout:
        arguments += ["--timeout-s", str(int(query_timeout))]
    # A session of its own: Ctrl-C reaches us only, and we stop the server by its PID.
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process)
    except SpaceCoopError:
        stop_process(process)
        raise
    return process


def _run_oxigraph(args: argparse.Namespace) -> int:
    from spacecoop.build.built import graph_from
    from spacecoop.io.write import to_ntriples, write_atomic

    if args.port:
        check_port_free(args.port)
    port = args.port or free_port()
    process = None
    with tempfile.TemporaryDirectory(prefix="spacecoop-serve-") as folder:
        try:
            ntriples = Path(folder) / "spacecoop.nt"
            graph = graph_from(args.data)
            write_atomic(ntriples, to_ntriples(graph))
            process = start_oxigraph(
                Path(folder) / "store", port, ntriples=ntriples, query_timeout=args.timeout, read_only=not args.writable
            )
            mode = "read-write" if args.writable else "read-only"
            print(
                f"SpaceCoop on Oxigraph ({mode}): http://127.0.0.1:{port}/ (query page); "
                f"SPARQL endpoint http://127.0.0.1:{port}/query — Ctrl-C stops it",
                flush=True,
            )
            process.wait()
        except KeyboardInterrupt:
            print("stopping", file=sys.stderr)
        finally:
            if process is not None:
                stop_process(process)
    if process is None:
        return 2
    return 0 if process.returncode in (0, -signal.SIGTERM) else 2


def _run_web(args: argparse.Namespace) -> int:
    from spacecoop.build.built import built_store, store_from
    from spacecoop.store.endpoint import Endpoint
    from spacecoop.web.app import WebApp
    from spacecoop.web.server import make_server
    from spacecoop.web.source import LocalSource, RemoteSource

    if args.port and args.host == "127.0.0.1":
        check_port_free(args.port)
    if args.endpoint:
        source = RemoteSource(Endpoint(args.endpoint), timeout=args.timeout)
    else:
        graph = store_from(args.data) if args.data else built_store()
        source = LocalSource(graph, timeout=args.timeout, add_ontology=bool(args.data))
    app = WebApp(source, cors=args.cors)
    app.warm_up()
    try:
        server = make_server(app, args.host, args.port, quiet=not args.log)
    except OSError as error:
        raise SpaceCoopError(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}") from None
    base = f"http://{f'[{args.host}]' if ':' in args.host else args.host}:{server.server_port}"
    print(f"SpaceCoop on {base}/ (read-only); SPARQL endpoint {base}/query — Ctrl-C stops it", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopping", file=sys.stderr)
    finally:
        server.server_close()
    return 0


def _run(args: argparse.Namespace) -> int:
    if args.writable and (args.endpoint or args.cors or args.host != "127.0.0.1"):
        raise SpaceCoopError(
            "--writable serves a local Oxigraph store on 127.0.0.1: it takes no --endpoint, --cors or --host"
        )
    return _run_oxigraph(args) if args.writable else _run_web(args)


def add_parser(subparsers) -> None:
    """Register ``spacecoop serve``."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the graph on the web: a page and RDF for every IRI, search, a query page",
        description="Serve the built graph (or --data, or --endpoint) on one port: each IRI's path answers "
        "HTML for browsers and Turtle, N-Triples or JSON-LD by Accept header or suffix; /query "
        "is a query page and a read-only SPARQL endpoint. Listens on 127.0.0.1 unless --host "
        "says otherwise. --writable serves a writable Oxigraph SPARQL store instead.",
    )
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)"
    )
    parser.add_argument("--port", type=port_number, default=0, help="port to listen on (default: a free one)")
    parser.add_argument(
        "--cors", action="store_true", help="let pages on other sites read the answers (Access-Control-Allow-Origin: *)"
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=60.0,
        metavar="S",
        help="time limit for one SPARQL query (default 60)",
    )
    parser.add_argument("--log", action="store_true", help="print a line per request on stderr")
    parser.add_argument(
        "--writable",
        action="store_true",
        help="serve a plain Oxigraph SPARQL store that accepts updates (no pages) instead of the read-only web pages",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--data", metavar="FILE", help="serve this RDF file instead of the built graph")
    source.add_argument("--endpoint", metavar="URL", help="serve the graph of this SPARQL endpoint instead")
    parser.set_defaults(func=_run)
