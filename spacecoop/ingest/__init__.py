"""Growing from the news: read a space-news article into sourced candidate claims.

The pipeline, one module per step::

    article.read_article          the file, checked and decoded (size, binary, UTF-8); never fetched
    furniture.body_spans          the article's body paragraphs, page furniture and datelines left out
    sentences.split_sentences     sentences with character offsets into the text
    gazetteer.Gazetteer           names and aliases of the knowledge graph, linked in the text
    places                        country short names and capitals (``places.tsv``)
    proposals                     new organisations, people with posts and mission designators, by pattern
    discourse.Discourse           what the article has established so far (names learnt, who was named)
    mentions.sentence_mentions    a sentence's mentions: known, proposed, "the firm", "an Italian instrument"
    speakers.find_speaker         who says a sentence, and when
    cues                          cooperation cues (``cues.tsv``) typed into our SKOS concepts
    dates                         "on Thursday", "next year", "on 9 March" against the publication date
    plans                         planned milestones ("is planned for 2024") and reported ones ("lifted off on Sunday")
    similarity                    likeness of missions ("quite similar to", "the backup of")
    extract.extract               candidate claims: participants, type, status, modality, speaker, quote
    candidates                    the claims as Turtle (or JSON) in the curated model, marked as machine-made
    review                        a listing for curators, and ``accept`` into ``graph/``
    (the ``ingest``, ``review`` and ``accept`` subcommands live in ``spacecoop.commands.ingest``)
    evaluate                      precision and recall against gold annotations (``scripts/eval-ingest``)
"""

__all__: list[str] = []
