"""``spacecoop serve``: a local Oxigraph server with the built graph loaded, stopped cleanly on Ctrl-C.

The graph is written as N-Triples and loaded with ``oxigraph load`` into a fresh directory before
the server starts (``oxigraph load`` cannot open a directory a running server holds). The server
listens on 127.0.0.1 only; its root page is a query editor, ``/query`` the SPARQL endpoint.

>>> oxigraph_command().name
'oxigraph'
"""

from __future__ import annotations

import argparse
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

from rdflib import Graph

from spacecoop.errors import SpaceCoopError

__all__ = ["add_parser", "oxigraph_command", "free_port", "start_oxigraph", "stop_process", "wait_until_up"]


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


def start_oxigraph(location: Path, port: int, *, ntriples: Path | None = None,
                   query_timeout: float | None = None) -> subprocess.Popen:
    """Load ``ntriples`` (if given) into ``location``, then serve it on 127.0.0.1:``port``."""
    command = str(oxigraph_command())
    if ntriples is not None:
        loaded = subprocess.run([command, "load", "--location", str(location), "--file", str(ntriples)],
                                capture_output=True, text=True)
        if loaded.returncode:
            raise SpaceCoopError(f"oxigraph load failed: {loaded.stderr.strip()}")
    arguments = [command, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if query_timeout:
        arguments += ["--timeout-s", str(int(query_timeout))]
    # A session of its own: Ctrl-C reaches us only, and we stop the server by its PID.
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process)
    except SpaceCoopError:
        stop_process(process)
        raise
    return process


def _run(args: argparse.Namespace) -> int:
    from spacecoop.commands.query import graph_from
    from spacecoop.io.write import to_ntriples, write_atomic

    port = args.port or free_port()
    with tempfile.TemporaryDirectory(prefix="spacecoop-serve-") as folder:
        ntriples = Path(folder) / "spacecoop.nt"
        graph = graph_from(args.data)
        write_atomic(ntriples, to_ntriples(graph))
        process = start_oxigraph(Path(folder) / "store", port, ntriples=ntriples, query_timeout=args.timeout)
        print(f"SpaceCoop on Oxigraph: http://127.0.0.1:{port}/ (query page); "
              f"SPARQL endpoint http://127.0.0.1:{port}/query — Ctrl-C stops it", flush=True)
        try:
            process.wait()
        except KeyboardInterrupt:
            print("stopping", file=sys.stderr)
        finally:
            stop_process(process)
    return 0 if process.returncode in (0, -signal.SIGTERM) else 2


def add_parser(subparsers) -> None:
    """Register ``spacecoop serve``."""
    parser = subparsers.add_parser(
        "serve", help="serve the built graph from a local Oxigraph server (Ctrl-C stops it)",
        description="Load the built graph into a fresh Oxigraph store and serve it on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S",
                        help="the server's time limit for one query (default 60)")
    parser.add_argument("--data", metavar="FILE", help="serve this RDF file instead of the built graph")
    parser.set_defaults(func=_run)
