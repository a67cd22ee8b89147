"""Bad input: an error naming the file and the problem, exit 2, and no output file."""

import argparse

import pytest

from spacecoop.errors import SpaceCoopError
from spacecoop.commands import ingest as command
from spacecoop.ingest.article import MAX_ARTICLE_BYTES, read_article


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "file is empty"),
        (b"  \n\t\n", "file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Chang'e-4 landed.".encode("utf-16"), "binary"),  # UTF-16 holds NUL bytes
        (b"ESA signed \xe9 agreement", "not UTF-8: byte 0xe9 at offset 11"),
        (bytes(range(1, 32)) * 10, "looks binary"),
    ],
)
def test_bad_articles(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(SpaceCoopError, match=message) as caught:
        read_article(path)
    assert str(path) in str(caught.value)


def test_missing_folder_and_huge(tmp_path):
    with pytest.raises(SpaceCoopError, match="no such file"):
        read_article(tmp_path / "missing.txt")
    with pytest.raises(SpaceCoopError, match="folder"):
        read_article(tmp_path)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"ESA signed. " * (MAX_ARTICLE_BYTES // 12 + 1))
    with pytest.raises(SpaceCoopError, match="at most 1,000,000 bytes"):
        read_article(huge)


def _main(argv):
    """The CLI's main() with the ingest commands registered (as cli.COMMAND_MODULES will)."""
    parser = argparse.ArgumentParser(prog="spacecoop")
    command.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except SpaceCoopError:
        return 2


def test_cli_bad_input_exits_2_and_writes_nothing(tmp_path):
    bad, out = tmp_path / "bad.txt", tmp_path / "out.ttl"
    bad.write_bytes(b"\xff\xfe\x00")
    assert _main(["ingest", str(bad), "--out", str(out)]) == 2
    assert not out.exists() and list(tmp_path.iterdir()) == [bad]


def test_cli_article_without_date_needs_published(tmp_path):
    article = tmp_path / "undated.txt"
    article.write_text("ESA and Roscosmos suspended their cooperation on the ExoMars mission.\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    assert _main(["ingest", str(article), "--graph", str(tmp_path / "none.ttl"), "--out", str(out)]) == 2
    assert not out.exists()
