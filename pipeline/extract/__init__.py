"""The extract stage: newslens's spaCy components.

- ``newslens_entities`` (:mod:`pipeline.extract.entities`) rewrites ``doc.ents`` and writes the
  entity items to ``doc._.newslens_entities``;
- ``newslens_quotes`` (:mod:`pipeline.extract.quotes`) and ``newslens_claims``
  (:mod:`pipeline.extract.claims`) write their items to ``doc._.newslens_quotes`` and
  ``doc._.newslens_claims`` and put them on the Doc as spans, ``doc.spans["newslens_quotes"]`` and
  ``doc.spans["newslens_claims"]``, each span's item being ``span._.newslens_quote`` /
  ``span._.newslens_claim`` (:mod:`pipeline.extract.spans`).

Items are plain dicts whose keys are the record's field names (:mod:`pipeline.record`), so the
write stage never needs to know how a component works. Each factory declares what it
``requires`` and ``assigns`` (``nlp.analyze_pipes()`` reports claims without quotes) and has a
registered scorer (:mod:`pipeline.extract.scoring`) that ``nlp.evaluate`` uses.

Importing this package registers the factories, so ``nlp.add_pipe("newslens_entities")`` works.
"""

from pipeline.extract.spans import register_extensions

register_extensions()

from pipeline.extract import claims, entities, quotes, scoring  # noqa: E402,F401  (register the factories and scorers)
