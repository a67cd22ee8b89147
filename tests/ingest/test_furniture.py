"""Page furniture never becomes a sentence, let alone a claim."""

from datetime import date

from spacecoop.ingest.article import read_article
from spacecoop.ingest.extract import extract
from spacecoop.ingest.furniture import body_spans

from .conftest import ARTICLES, SEED

SEED_FURNITURE = [
    "20:06 GMT21 October 2020",
    "Listen Live",
    "Get short URL",
    "0 71",
    "Pentagon Blues: US Worried by China's Growing Military Cooperation With Russia",
    "China-Russia Trade Grew Over 20% in May Year-on-Year - Customs Data",
    "Russia's Aerospace Forces to Conduct Missile Attack Warning Exercises",
    "Aerospace Jam: Russia's Su-34 Bomber to Hide Entire Squadron From Enemy Radar",
    "lunar program, Russian Aerospace Forces, European Space Agency (ESA), China, Russia",
    "Community standardsDiscussion",
]


def _body(text):
    return [text[start:end] for start, end in body_spans(text)]


def test_seed_furniture_is_not_body():
    text = read_article(SEED)
    body = "\n".join(_body(text))
    for line in SEED_FURNITURE:
        assert line not in body


def test_seed_dateline_is_cut_off():
    body = _body(read_article(SEED))
    assert body[1].startswith("Xu Yansong, the head of")


def test_furniture_never_yields_claims(gazetteer):
    for path in sorted(ARTICLES.glob("*.txt")):
        text = read_article(path)
        spans = body_spans(text)
        result = extract(text, date(2024, 1, 1), gazetteer)
        for claim in result.claims:
            assert any(start <= claim.sentence.start and claim.sentence.end <= end for start, end in spans)
        furniture = [
            line for line in text.splitlines() if line.strip() and not any(line.strip() in text[s:e] for s, e in spans)
        ]
        for claim in result.claims:
            assert all(line.strip() not in claim.sentence.text for line in furniture if len(line.strip()) > 15)


def test_a_page_of_furniture_only_gives_nothing(gazetteer):
    page = (
        "\n".join(
            [
                "10 March 2021, 09:12 GMT",
                "Listen Live",
                "Get short URL",
                "0 71",
                "Share this article",
                "Related: ESA Signs Agreement With Roscosmos On ExoMars Cooperation",
                "China Joins Russia in Talks on Lunar Station Cooperation",
                "Tags: Moon, Roscosmos, CNSA, cooperation agreement",
                "Read more: Russia and China sign lunar deal",
                "Follow us on Telegram",
                "Community standards",
                "Copyright © 2023. All rights reserved.",
            ]
        )
        + "\n"
    )
    assert body_spans(page) == []
    assert extract(page, date(2021, 3, 10), gazetteer).claims == []


def test_hard_wrapped_paragraphs_stay_whole():
    text = "ESA and Roscosmos suspended their cooperation\non the ExoMars rover mission.\n\nTags: ESA\n"
    assert _body(text) == ["ESA and Roscosmos suspended their cooperation\non the ExoMars rover mission."]
