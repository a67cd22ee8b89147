"""Malformed input is an error naming the file and the line; nothing is fetched."""

import pytest

from spacecoop.cli import main
from spacecoop.errors import SpaceCoopError
from spacecoop.io.read import parse_file


def test_malformed_turtle_names_file_and_line(tmp_path):
    path = tmp_path / "bad.ttl"
    path.write_text("@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n\nsco:a sco:b sco:c .\nsco:d sco:e\n")
    with pytest.raises(SpaceCoopError) as caught:
        parse_file(path)
    assert str(path) in str(caught.value) and caught.value.line == 5  # the statement runs to the end of the file


def test_unknown_prefix_is_an_error(tmp_path):
    path = tmp_path / "prefix.ttl"
    path.write_text("scx:a scx:b scx:c .\n")
    with pytest.raises(SpaceCoopError, match="scx"):
        parse_file(path)


def test_remote_jsonld_context_is_refused_not_fetched(tmp_path):
    path = tmp_path / "remote.jsonld"
    path.write_text('{"@context": "http://127.0.0.1:9/never.jsonld", "@id": "http://e.org/a"}')
    with pytest.raises(SpaceCoopError, match="never fetched"):
        parse_file(path)


def test_validate_exit_codes(tmp_path, capsys):
    bad_shape = tmp_path / "coop.ttl"
    bad_shape.write_text(
        "@prefix sco: <https://w3id.org/spacecoop/ontology#> .\n"
        "<https://w3id.org/spacecoop/id/cooperation/lonely> a sco:Cooperation .\n"
    )
    assert main(["validate", str(bad_shape)]) == 1
    assert "coop:lonely" in capsys.readouterr().out
    malformed = tmp_path / "m.nt"
    malformed.write_text("<http://e.org/a> <http://e.org/b> .\n")
    assert main(["validate", str(malformed)]) == 2
    assert str(malformed) in capsys.readouterr().err
