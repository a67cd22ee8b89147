"""No placeholder days: a curated claim reported on the first of a month is a day only when something dates it
so. Its report date then has a source published that day (to the day) or a statement made that day, or says
its precision (``sco:reportedOnPrecision``: the year or month its source gives, or the day a quote gives)."""

import pytest

from spacecoop.namespaces import OA, SCO, VOCAB

DAY = VOCAB["precision"]["day"]


@pytest.fixture(scope="module")
def graph(built):
    return built.graph


def _dated_that_day(graph, claim, reported) -> bool:
    for evidence in graph.objects(claim, SCO.evidence):
        if reported in graph.objects(evidence, SCO.statedOn):
            return True
        source = graph.value(evidence, OA.hasSource)
        if (
            source is not None
            and reported in graph.objects(source, SCO.publicationDate)
            and graph.value(source, SCO.publicationDatePrecision) == DAY
        ):
            return True
    return False


def _curated(graph, claim) -> bool:
    return not any(graph.value(evidence, SCO.rowKey) for evidence in graph.objects(claim, SCO.evidence))


def test_every_report_on_the_first_of_a_month_is_dated_or_has_its_precision(graph):
    firsts, unexplained = 0, []
    for claim, reported in graph.subject_objects(SCO.reportedOn):
        if not str(reported).endswith("-01") or not _curated(graph, claim):
            continue
        firsts += 1
        if graph.value(claim, SCO.reportedOnPrecision) is None and not _dated_that_day(graph, claim, reported):
            unexplained.append(f"{claim} {reported}")
    assert firsts > 200
    assert not unexplained, "a placeholder day? give sco:reportedOnPrecision:\n" + "\n".join(sorted(unexplained))
