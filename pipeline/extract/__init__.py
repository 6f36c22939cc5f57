"""The extract stage: newslens's spaCy components.

Each component writes plain data (lists of dicts whose keys are the record's field names) to a
Doc extension, so the write stage never needs to know how a component works:

- ``doc._.newslens_entities``, by ``newslens_entities`` (:mod:`pipeline.extract.entities`)
- ``doc._.newslens_quotes``, by ``newslens_quotes`` (:mod:`pipeline.extract.quotes`)
- ``doc._.newslens_claims``, by ``newslens_claims`` (:mod:`pipeline.extract.claims`)

Importing this package registers the factories, so ``nlp.add_pipe("newslens_entities")`` works.
"""

from spacy.tokens import Doc

EXTENSIONS = ("newslens_entities", "newslens_quotes", "newslens_claims")
for _name in EXTENSIONS:
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

from pipeline.extract import claims, entities, quotes  # noqa: E402,F401  (register the factories)
