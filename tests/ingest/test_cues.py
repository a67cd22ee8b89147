"""Each cue class of the lexicon, and the modifiers that qualify them."""

import pytest

from spacecoop.ingest.cues import find_cue, find_cues, load_cues
from spacecoop.ingest.sentences import plain

EXAMPLES = [
    ("ESA terminated its cooperation with Roscosmos on ExoMars.", "terminated", "terminated", "asserted"),
    ("ESA will discontinue its cooperation with Russia on Luna-25.", "terminated", "terminated", "future"),
    ("NASA ended its cooperation with the institute in 2019.", "terminated", "terminated", "asserted"),
    ("Russia pulled out of the joint project.", "terminated", "terminated", "asserted"),
    ("ESA suspended the joint work in March.", "suspended", "suspended", "asserted"),
    ("All Soyuz launches from the site have been put on hold.", "suspended", "suspended", "asserted"),
    ("Russian cosmonauts would stop using the European arm.", "suspended", "suspended", "hypothetical"),
    ("The two sides broke off talks on the station.", "talks-halted", "suspended", "asserted"),
    ("India declined an invitation to the programme.", "declined", "declined", "asserted"),
    ("Serbia joined the International Lunar Research Station.", "accession", "agreed", "asserted"),
    ("Roscosmos and CNSA signed a memorandum of understanding on Tuesday.", "agreement", "agreed", "asserted"),
    ("The agencies agreed to build the station together.", "agreement", "agreed", "asserted"),
    ("Russia was to supply the launch vehicle for the mission.", "launch-service", "agreed", "asserted"),
    ("Chang'e-6 will carry a French instrument to the Moon.", "payload-contribution", "agreed", "future"),
    ("The lander also carries a small robot from JAXA.", "payload-contribution", "active", "asserted"),
    ("Its cubesat will fly to the Moon aboard China's probe.", "payload-contribution", "agreed", "future"),
    ("The lander lifted off on Sunday on a SpaceX Falcon 9 rocket.", "launch-service", "completed", "asserted"),
    ("ESA will provide a negative ion analyser.", "payload-contribution", "agreed", "future"),
    ("NASA and ESA share mission data from the orbiter.", "data-sharing", "agreed", "asserted"),
    ("China offered technical assistance to the new agency.", "technical-support", "agreed", "asserted"),
    ("We are ready to discuss the variants of mutual cooperation.", "intent-to-negotiate", "offered", "stated-intent"),
    ("Lavochkin is ready to work with China on lunar missions.", "intent", "offered", "stated-intent"),
    ("China and Russia were in\u00a0talks on lunar exploration cooperation.", "talks", "under-discussion", "asserted"),
    ("The firm was working closely with\u00a0the European Space Agency.", "joint-mission", "active", "asserted"),
]

MODIFIED = [
    (
        "At the moment, the cooperation with China on Luna-Glob is not very likely because we made progress.",
        "joint-mission",
        "unlikely",
        "unlikely",
    ),
    ("Japan is not ready to cooperate with them.", "intent", "declined", "negated"),
    ("Turkey could join the station.", "accession", "agreed", "hypothetical"),
    ("China and Russia will cooperate closely on the station.", "joint-mission", "agreed", "future"),
    ("The launch in May was suspended.", "suspended", "suspended", "asserted"),  # "May" the month is no "may"
]


@pytest.mark.parametrize("sentence, cooptype, status, modality", EXAMPLES + MODIFIED)
def test_cue_classes(sentence, cooptype, status, modality):
    match = find_cue(sentence)
    assert (match.cooptype, match.status, match.modality) == (cooptype, status, modality)
    assert sentence[match.start : match.end] == match.text


def test_every_cue_row_has_an_example():
    examples = [plain(sentence) for sentence, *_ in EXAMPLES + MODIFIED]
    for cue in load_cues():
        assert any(cue.pattern.search(example) for example in examples), f"cues.tsv line {cue.line}"


def test_no_cue_no_claim():
    assert find_cue("Luna-29 sample return mission is planned for 2024.") is None
    assert find_cue("Chinese Lunar exploration program includes three stages.") is None


def test_one_cue_per_clause():
    cues = find_cues(
        "CNSA said the lander will carry an Italian retroreflector, and that a payload from "
        "Pakistan will fly on the orbiter."
    )
    assert [c.cooptype for c in cues] == ["payload-contribution", "payload-contribution"]
    assert cues[0].clause_end <= cues[1].clause_start


def test_coordinated_statements_are_two_clauses():
    cues = find_cues("PROSPECT will fly on a NASA-led payload mission, and ESA and JAXA have signed an agreement.")
    assert [c.cooptype for c in cues] == ["payload-contribution", "agreement"]


def test_coordinated_parties_stay_one_clause():
    """ ", and the two …" continues the statement: no new clause (a reader sees one claim)."""
    cues = find_cues("Le Gall held talks with Zhang, and the two reaffirmed cooperation between France and China.")
    assert [c.cooptype for c in cues] == ["talks"]


def test_participle_clause_is_its_own_clause():
    cues = find_cues("The lander lifted off on a SpaceX Falcon 9 rocket, carrying the Emirati rover to the Moon.")
    assert [(c.cooptype, c.status) for c in cues] == [
        ("launch-service", "completed"),
        ("payload-contribution", "active"),
    ]
