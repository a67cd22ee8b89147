"""A SPARQL 1.1 store over HTTP, through SPARQLWrapper, with the care SPARQLWrapper leaves out.

- **Time**: connecting is bounded (``Limits.connect``), and so is a whole request with its
  retries and waits (``Limits.total``): a long upload or update may take its time, a stalled one
  may not. A server-side limit is asked for too where the store takes one (:mod:`spacecoop.store.dialects`).
- **Requests** are built by SPARQLWrapper (parameters, ``Accept``, default graph) and sent by us
  through urllib, so that the two limits apply; the form (query or update) is ours to say, not
  guessed from the text.
- **Retries**: 429, 502, 503 and 504 are retried with exponential back-off, honouring
  ``Retry-After`` (seconds or an HTTP date), at most ``Limits.retries`` times and never past the
  total time.
- **Credentials** come from the environment only — ``SPACECOOP_ENDPOINT_USER`` and
  ``SPACECOOP_ENDPOINT_PASSWORD`` (HTTP Basic) or ``SPACECOOP_ENDPOINT_TOKEN`` (Bearer) — and are
  blanked out of every message, in every encoding we know of (as given, percent-encoded, and the
  base64 of a Basic header). An address (query, update or store) holding ``user:password@`` is
  refused before anything is sent or resolved. They are sent to the origin given only: a redirect
  to another scheme, host or port is refused. Addresses are shown with their userinfo removed and
  their query-string values blanked (a token there is not printed).
- **Answers** are capped at ``Limits.max_bytes``; a result cut by the store (Virtuoso's
  ``X-SPARQL-MaxRows``, or its "anytime" partial answers) is an error, not an answer.
- **Errors** are :class:`EndpointError`, naming the endpoint and saying what went wrong; ``kind``
  tells them apart: ``bad-query`` (400), ``credentials`` (401/403), ``not-found`` (404),
  ``server`` (5xx), ``busy`` (429/503 after all retries), ``truncated``, ``content-type``,
  ``malformed``, ``timeout``, ``unreachable``, ``redirect``, ``too-large``.

>>> Endpoint("http://alice:secret@127.0.0.1:1/query")
Traceback (most recent call last):
...
spacecoop.store.endpoint.EndpointError: http://127.0.0.1:1/query: credentials in the address are refused: set SPACECOOP_ENDPOINT_USER and SPACECOOP_ENDPOINT_PASSWORD (or SPACECOOP_ENDPOINT_TOKEN) instead
>>> retry_after("7", now=0.0)
7.0
>>> shown_url("https://bob:pw@store.example/sparql?key=s3cret&graph=x#frag")
'https://store.example/sparql?key=***&graph=***'
"""

from __future__ import annotations

import base64
import email.utils
import http.client
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, quote_plus, urlencode, urljoin, urlsplit, urlunsplit

from rdflib import URIRef
from SPARQLWrapper import INSERT as UPDATE_FORM, JSON, POST, SELECT, SPARQLWrapper

from spacecoop.store.dialects import Dialect, detect
from spacecoop.errors import SpaceCoopError
from spacecoop.store.inject import nt_term
from spacecoop.store.results import Results, from_sparql_json

__all__ = ["Endpoint", "EndpointError", "Limits", "retry_after", "shown_url", "ENV_USER", "ENV_PASSWORD", "ENV_TOKEN"]

ENV_USER = "SPACECOOP_ENDPOINT_USER"
ENV_PASSWORD = "SPACECOOP_ENDPOINT_PASSWORD"
ENV_TOKEN = "SPACECOOP_ENDPOINT_TOKEN"

_RETRIED = (429, 502, 503, 504)
_RESULT_TYPES = ("application/sparql-results+json", "application/json")


def shown_url(url: str) -> str:
    """``url`` as it may be printed: no ``user:password@``, no fragment, every query-string value blanked."""
    try:
        parts = urlsplit(url)
        query = "&".join(f"{name}=***" for name, _ in parse_qsl(parts.query, keep_blank_values=True))
        return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2], query=query, fragment=""))
    except ValueError:
        return "<an address that cannot be parsed>"


class EndpointError(SpaceCoopError):
    """A store did not answer as it should; ``kind`` says how (see the module docstring)."""

    def __init__(self, endpoint: str, kind: str, message: str):
        endpoint = shown_url(endpoint)
        self.endpoint = endpoint
        self.kind = kind
        super().__init__(f"{endpoint}: {message}")


@dataclass(frozen=True)
class Limits:
    """Bounds on one request, in seconds: ``connect`` to open the connection, ``total`` for everything
    including retries and waits; ``retries`` busy answers are retried, none waited on longer than ``max_wait``."""

    connect: float = 10.0
    total: float = 120.0
    retries: int = 4
    max_wait: float = 30.0
    max_bytes: int = 1_000_000_000
    """The largest answer read (1 GB: the whole built graph as SPARQL JSON is far smaller)."""


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait that a ``Retry-After`` header asks for (delta seconds or an HTTP date).

    >>> retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0)
    10.0
    >>> retry_after("soon") is None
    True
    """
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]{1,9}", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _read_limited(connection_class, read_timeout: float):
    """``connection_class`` whose socket, once connected, waits at most ``read_timeout`` s per read."""

    class Connection(connection_class):
        def connect(self):
            super().connect()
            self.sock.settimeout(read_timeout)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float):
        super().__init__()
        self.read_timeout = read_timeout

    def http_open(self, req):
        return self.do_open(_read_limited(http.client.HTTPConnection, self.read_timeout), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout: float):
        super().__init__()
        self.read_timeout = read_timeout

    def https_open(self, req):
        return self.do_open(_read_limited(http.client.HTTPSConnection, self.read_timeout), req, context=self._context)


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    return (
        parts.scheme.lower(),
        (parts.hostname or "").lower(),
        parts.port or {"http": 80, "https": 443}.get(parts.scheme),
    )


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect within the origin it was sent to; refuses one to another scheme, host or port,
    so that the credentials (and the query) go nowhere the user did not name."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urljoin(req.full_url, newurl)
        if _origin(target) != _origin(req.full_url):
            raise EndpointError(
                req.full_url,
                "redirect",
                f"the store redirected (HTTP {code}) to another origin, "
                f"{shown_url(target)}: refused (nothing, and no credential, is sent there)",
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Retry(Exception):
    def __init__(self, status: int, wait: float | None):
        self.status, self.wait = status, wait


class Endpoint:
    """A SPARQL 1.1 endpoint: SELECT/ASK queries, updates, and whole-graph uploads.

    Parameters
    ----------
    url : str
        The query endpoint (Oxigraph ``…/query``, Virtuoso ``…/sparql``).
    limits : Limits
        Time and retry bounds.
    dialect : Dialect, optional
        Store differences; detected from ``url`` when not given.
    update_url, store_url : str, optional
        The update and Graph Store Protocol endpoints, when the dialect's guess is wrong.
    default_graph : str, optional
        A graph IRI that queries use as their default graph (``default-graph-uri``).
    environ : mapping, optional
        Where credentials are read from (default ``os.environ``).
    """

    def __init__(
        self,
        url: str,
        *,
        limits: Limits = Limits(),
        dialect: Dialect | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
        default_graph: str | None = None,
        environ=None,
    ):
        for address in (url, update_url, store_url):
            if address is not None:
                _check_address(address)
        self.url = urlunsplit(urlsplit(url)._replace(fragment=""))
        self.limits = limits
        self.dialect = dialect or detect(url)
        self.update_url = update_url or self.dialect.update_url(url)
        self.store_url = store_url or self.dialect.store_url(url)
        self.shown, self.shown_store_url = shown_url(self.url), shown_url(self.store_url)
        self.default_graph = default_graph
        environ = os.environ if environ is None else environ
        self._user, self._password = environ.get(ENV_USER), environ.get(ENV_PASSWORD)
        self._token = environ.get(ENV_TOKEN)
        self._secrets = _encodings(
            self._user,
            self._password,
            self._token,
            [
                value
                for address in (self.url, self.update_url, self.store_url)
                for _, value in parse_qsl(urlsplit(address).query)
                if len(value) >= 6
            ],
        )

    # ---- the three operations ----

    def select(self, text: str, timeout: float | None = None) -> Results:
        """Run a SELECT or ASK query and return its normalised results."""
        limit = min(timeout or self.limits.total, self.limits.total)
        body = self._with_retries(self.url, lambda remaining: self._sparql(text, remaining, limit, False), limit)
        try:
            document = json.loads(body)
        except RecursionError:
            raise EndpointError(self.url, "malformed", "the results are JSON nested too deeply to read") from None
        except ValueError as error:  # JSONDecodeError, UnicodeDecodeError, a number of thousands of digits
            position = getattr(error, "pos", 0)
            if isinstance(error, json.JSONDecodeError) and (
                position >= len(body.rstrip()) - 1 or str(error).startswith("Unterminated string")
            ):
                raise EndpointError(self.url, "truncated", f"the results end early, at byte {len(body)}") from None
            raise EndpointError(self.url, "malformed", f"the results are not JSON: {str(error)[:200]}") from None
        try:
            return from_sparql_json(document)
        except SpaceCoopError as error:
            raise EndpointError(self.url, "malformed", error.message) from None

    def update(self, text: str) -> None:
        """Send one SPARQL 1.1 Update request (one transaction on Oxigraph)."""
        self._with_retries(
            self.update_url, lambda remaining: self._sparql(text, remaining, None, True), self.limits.total
        )

    def put_graph(self, graph: str | None, ntriples: bytes) -> None:
        """Replace ``graph`` (``None``: the default graph) with ``ntriples`` (Graph Store Protocol PUT)."""
        target = self.store_url + "?" + urlencode({"graph": graph} if graph else {"default": ""})
        request = urllib.request.Request(
            target,
            data=ntriples,
            method="PUT",
            headers={"Content-Type": "application/n-triples", **self._auth_headers()},
        )
        self._with_retries(
            self.store_url, lambda remaining: self._call(self.store_url, remaining, request), self.limits.total
        )

    def graph_size(self, graph: str | None) -> int:
        """How many triples ``graph`` (``None``: the default graph) holds in the store."""
        pattern = f"GRAPH {nt_term(URIRef(graph))} {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
        results = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        value = results.rows[0][0] if len(results.rows) == 1 and results.rows[0] else None
        if value is None or not re.fullmatch(r"[0-9]{1,15}", str(value)):
            raise EndpointError(
                self.url,
                "malformed",
                "the answer to a COUNT is not one row holding a count "
                f"({len(results.rows)} rows{f', first {str(value)[:40]!r}' if value is not None else ''})",
            )
        return int(str(value))

    # ---- one attempt ----

    def _auth_headers(self) -> dict[str, str]:
        if self._token:
            return {"Authorization": f"Bearer {self._token}"}
        if self._user and self._password:
            pair = base64.b64encode(f"{self._user}:{self._password}".encode()).decode()
            return {"Authorization": f"Basic {pair}"}
        return {}

    def _sparql(self, text: str, remaining: float, server_limit: float | None, is_update: bool) -> bytes:
        wrapper = SPARQLWrapper(self.url, updateEndpoint=self.update_url)
        wrapper.setMethod(POST)
        wrapper.setReturnFormat(JSON)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form from the text and can be fooled by a comment ("payloads" holds
        # LOAD): we know which it is.
        wrapper.queryType = UPDATE_FORM if is_update else SELECT
        for name, value in self._auth_headers().items():
            wrapper.addCustomHttpHeader(name, value)
        if not is_update:
            if self.default_graph:
                wrapper.addDefaultGraph(self.default_graph)
            if server_limit and self.dialect.timeout_parameter:
                wrapper.addParameter(
                    self.dialect.timeout_parameter, str(int(server_limit * self.dialect.timeout_scale))
                )
        where = self.update_url if is_update else self.url
        # SPARQLWrapper builds the request (parameters, Accept, default graph); we send it, so that
        # connecting and reading each get their own time limit (SPARQLWrapper's covers both at once).
        return self._call(where, remaining, wrapper._createRequest(), expect_results=not is_update)

    def _call(
        self, where: str, remaining: float, request: urllib.request.Request, expect_results: bool = False
    ) -> bytes:
        """One HTTP exchange: connect within ``Limits.connect``, then answer in full within ``remaining`` s."""
        deadline = time.monotonic() + remaining
        opener = urllib.request.build_opener(_HTTPHandler(remaining), _HTTPSHandler(remaining), _SameOriginRedirects())
        try:
            response = opener.open(request, timeout=min(self.limits.connect, remaining))
            if expect_results:
                self._check_results_response(where, response)
            chunks, size = [], 0
            while chunk := response.read1(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > self.limits.max_bytes:
                    raise EndpointError(
                        where,
                        "too-large",
                        f"the answer is larger than {self.limits.max_bytes:,} bytes: "
                        "refused (ask for less, or raise Limits.max_bytes)",
                    )
                if time.monotonic() > deadline:
                    raise EndpointError(where, "timeout", f"no complete answer within {remaining:.0f} s")
            body = b"".join(chunks)
            declared = (response.headers.get("Content-Length") or "").strip()
            if re.fullmatch(r"[0-9]{1,15}", declared) and len(body) < int(declared):
                raise http.client.IncompleteRead(body, int(declared) - len(body))
            return body
        except urllib.error.HTTPError as error:
            if error.code in _RETRIED:
                raise _Retry(error.code, retry_after(error.headers.get("Retry-After"))) from None
            raise self._status_error(where, error.code, error.read(500).decode("utf-8", "replace")) from None
        except http.client.IncompleteRead as error:
            raise EndpointError(
                where, "truncated", f"the answer was cut off after {len(error.partial)} bytes"
            ) from None
        except (TimeoutError, socket.timeout):
            raise EndpointError(where, "timeout", f"no answer within {remaining:.0f} s") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise EndpointError(where, "unreachable", f"no connection within {self.limits.connect:g} s") from None
            raise EndpointError(where, "unreachable", f"cannot reach the store ({error.reason})") from None
        except (ConnectionError, http.client.HTTPException) as error:
            raise EndpointError(
                where, "unreachable", f"the connection failed ({type(error).__name__}: {error})"
            ) from None

    def _check_results_response(self, where: str, response) -> None:
        content_type = response.headers.get_content_type()
        if content_type not in _RESULT_TYPES:
            raise EndpointError(where, "content-type", f"answered with {content_type!r}, not SPARQL JSON results")
        marker = self.dialect.partial_result_header
        if marker and response.headers.get(marker[0]) == marker[1]:
            raise EndpointError(where, "timeout", "the store's time limit cut the results short")
        max_rows = response.headers.get("X-SPARQL-MaxRows")
        if max_rows is not None:
            raise EndpointError(
                where,
                "truncated",
                f"the store cut the results at its row limit "
                f"(X-SPARQL-MaxRows: {max_rows.strip()[:20]}); raise the store's ResultSetMaxRows "
                "or ask for fewer rows",
            )

    def _status_error(self, where: str, status: int, detail: str) -> EndpointError:
        detail = " ".join(self._redact(detail).split())[:300]
        if status == 400:
            return EndpointError(
                where, "bad-query", f"the store rejected the request as malformed (HTTP 400): {detail}"
            )
        if status in (401, 403):
            return EndpointError(
                where,
                "credentials",
                f"the store refused the credentials (HTTP {status}); set {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN}",
            )
        if status == 404:
            return EndpointError(where, "not-found", "no SPARQL service at this address (HTTP 404)")
        if status >= 500:
            return EndpointError(where, "server", f"the store failed (HTTP {status}): {detail}")
        return EndpointError(where, "server", f"unexpected HTTP {status}: {detail}")

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def _with_retries(self, where: str, attempt, total: float) -> bytes:
        """Run ``attempt(remaining_seconds)`` until it answers, retrying a busy store within ``total``."""
        start, tries = time.monotonic(), 0
        while True:
            try:
                return attempt(total - (time.monotonic() - start))
            except _Retry as busy:
                wait = min(busy.wait if busy.wait is not None else 0.5 * 2**tries, self.limits.max_wait)
                tries += 1
                if tries > self.limits.retries or wait >= total - (time.monotonic() - start):
                    raise EndpointError(
                        where,
                        "busy",
                        f"the store stayed busy (HTTP {busy.status}) "
                        f"through {tries} attempts in {time.monotonic() - start:.1f} s",
                    ) from None
                time.sleep(wait)
            except EndpointError as error:
                message = self._redact(str(error)[len(error.endpoint) + 2 :])
                raise EndpointError(error.endpoint, error.kind, message) from None


def _check_address(url: str) -> None:
    """Refuse an address that is not http(s) or that holds ``user:password@`` (before it reaches a resolver)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as error:
        raise EndpointError(url, "unreachable", f"not a valid address ({error})") from None
    if "@" in parts.netloc:
        raise EndpointError(
            url,
            "credentials",
            f"credentials in the address are refused: set {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}) instead",
        )
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(url, "unreachable", "not an http(s) address")


def _encodings(user, password, token, others) -> list[str]:
    """Every form in which a secret could come back in an answer: as is, percent-encoded, and in the
    base64 of a Basic header (whole, and the password's own base64); longest first."""
    found = set()
    for secret in (password, token, *others):
        if secret:
            found |= {secret, quote(secret, safe=""), quote_plus(secret), base64.b64encode(secret.encode()).decode()}
    if user and password:
        found.add(base64.b64encode(f"{user}:{password}".encode()).decode())
    return sorted((s for s in found if len(s) >= 3), key=len, reverse=True)
