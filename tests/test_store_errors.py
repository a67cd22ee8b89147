"""The endpoint wrapper against a misbehaving server of our own: retries that honour Retry-After,
distinct errors that name the endpoint, bounded time, and credentials that never leak."""

from __future__ import annotations

import argparse
import base64
import time

import pytest

from spacecoop.store.endpoint import ENV_PASSWORD, ENV_TOKEN, ENV_USER, Endpoint, EndpointError, Limits
from spacecoop.commands.query import add_parser

FAST = Limits(connect=2, total=10, retries=3, max_wait=5)
SECRET = "s3cr3t-Pa55word"


def _select(url: str, limits: Limits = FAST, environ=None):
    return Endpoint(url, limits=limits, environ=environ or {}).select("SELECT ?x WHERE { ?x ?p ?o } ORDER BY ?x")


def _fails(url: str, kind: str, limits: Limits = FAST, environ=None) -> EndpointError:
    start = time.monotonic()
    with pytest.raises(EndpointError) as caught:
        _select(url, limits, environ)
    assert time.monotonic() - start < 30  # a hang guard, not a timing
    assert caught.value.kind == kind, str(caught.value)
    assert url.split("?")[0].rsplit("/", 1)[0] in str(caught.value), "the error names the endpoint"
    return caught.value


def test_a_good_answer(misbehaving):
    assert [str(row[0]) for row in _select(misbehaving.url("ok")).rows] == ["ok"]


@pytest.mark.parametrize("behaviour", ["busy429", "busy503"])
def test_busy_is_retried_after_the_time_it_asks_for(misbehaving, behaviour):
    start = time.monotonic()
    assert [str(row[0]) for row in _select(misbehaving.url(behaviour)).rows] == ["ok"]
    assert misbehaving.hits[behaviour] == 3
    assert time.monotonic() - start >= 1.5, "waited Retry-After: 1 twice"


def test_retries_are_bounded_in_count(misbehaving):
    error = _fails(misbehaving.url("busy503-forever"), "busy", Limits(connect=2, total=20, retries=2, max_wait=5))
    assert misbehaving.hits["busy503-forever"] == 3
    assert "HTTP 503" in str(error)


def test_retries_are_bounded_in_time(misbehaving):
    _fails(misbehaving.url("busy503-forever"), "busy", Limits(connect=2, total=1.5, retries=10, max_wait=5))
    assert misbehaving.hits["busy503-forever"] <= 2


@pytest.mark.parametrize(
    "behaviour, kind, words",
    [
        ("bad", "bad-query", "HTTP 400"),
        ("auth", "credentials", "HTTP 401"),
        ("forbidden", "credentials", "HTTP 403"),
        ("error", "server", "HTTP 500"),
        ("truncated", "truncated", "cut off"),
        ("truncated-unsized", "truncated", "end early"),
        ("html", "content-type", "text/html"),
        ("nothing-here", "not-found", "HTTP 404"),
    ],
)
def test_each_failure_has_its_own_clear_error(misbehaving, behaviour, kind, words):
    assert words in str(_fails(misbehaving.url(behaviour), kind))


@pytest.mark.parametrize("behaviour", ["slow", "trickle"])
def test_a_slow_store_is_given_up_on_in_bounded_time(misbehaving, behaviour):
    _fails(misbehaving.url(behaviour), "timeout", Limits(connect=1, total=3, retries=0))


def test_an_unreachable_store_fails_fast():
    from spacecoop.commands.serve import free_port

    _fails(f"http://127.0.0.1:{free_port()}/query", "unreachable")


def test_a_stopped_oxigraph_fails_fast(fresh_oxigraph):
    from spacecoop.commands.serve import stop_process

    stop_process(fresh_oxigraph.process)
    _fails(fresh_oxigraph.query_url, "unreachable")


@pytest.mark.parametrize(
    "environ, header",
    [
        ({ENV_USER: "alice", ENV_PASSWORD: SECRET}, "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()),
        ({ENV_TOKEN: SECRET}, f"Bearer {SECRET}"),
    ],
)
def test_credentials_come_from_the_environment_and_never_show(misbehaving, environ, header):
    _select(misbehaving.url("ok"), environ=environ)
    assert misbehaving.headers[-1]["Authorization"] == header
    for behaviour in ("auth", "bad", "error"):
        error = pytest.raises(EndpointError, _select, misbehaving.url(behaviour), FAST, environ).value
        assert SECRET not in str(error) and SECRET not in repr(error.args)


def test_the_command_never_prints_credentials(misbehaving, monkeypatch, capsys):
    monkeypatch.setenv(ENV_USER, "alice")
    monkeypatch.setenv(ENV_PASSWORD, SECRET)
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    for behaviour in ("ok", "auth"):
        args = parser.parse_args(["query", "partners", "--endpoint", misbehaving.url(behaviour)])
        try:
            args.func(args)
        except EndpointError as error:
            print(error)
    out = capsys.readouterr()
    assert SECRET not in out.out + out.err
    assert "refused the credentials" in out.out


def test_credentials_in_the_address_are_refused():
    with pytest.raises(EndpointError, match="credentials in the address are refused") as caught:
        Endpoint(f"http://alice:{SECRET}@127.0.0.1:1/query")
    assert SECRET not in str(caught.value)
