"""Sentences keep offsets that slice back to their exact text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from spacecoop.ingest.article import read_article
from spacecoop.ingest.furniture import body_spans
from spacecoop.ingest.sentences import plain, split_sentences

from .conftest import ARTICLES


def test_offsets_slice_back_to_the_exact_text_in_every_article():
    for path in sorted(ARTICLES.glob("*.txt")):
        text = read_article(path)
        sentences = split_sentences(text, body_spans(text))
        assert sentences, path
        for number, sentence in enumerate(sentences):
            assert sentence.index == number
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.text == sentence.text.strip()


def test_offsets_count_characters_not_bytes():
    text = "Chang’e-4 landed in January. Its rover, Yutu-2, still roves.\r\n"
    sentences = split_sentences(text, [(0, len(text))])
    assert [s.text for s in sentences] == ["Chang’e-4 landed in January.", "Its rover, Yutu-2, still roves."]
    assert sentences[1].start == text.index("Its")


def test_abbreviations_and_quotes_do_not_split():
    text = 'Mr. Rogozin met the U.S. delegation. "We are ready," Lemeshevsky said. J. Aschbacher agreed.'
    assert [s.text for s in split_sentences(text, [(0, len(text))])] == [
        "Mr. Rogozin met the U.S. delegation.",
        '"We are ready," Lemeshevsky said.',
        "J. Aschbacher agreed.",
    ]


def test_plain_keeps_length():
    text = "in\u00a0talks, Chang’e “quoted” ‐ x"
    assert len(plain(text)) == len(text)
    assert plain(text) == 'in talks, Chang\'e "quoted" - x'


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet='Ab c.!?"’\u00a0\n\r1(', max_size=200))
def test_sentences_are_ordered_disjoint_slices(text):
    sentences = split_sentences(text, [(0, len(text))])
    previous_end = 0
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        assert previous_end <= sentence.start < sentence.end
        previous_end = sentence.end
