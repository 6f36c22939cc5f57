"""The record: one article's output, defined once.

The dataclasses below are the contract notebooks and evaluators read. Everything else that names
the record's fields is derived from them: the JSON Schema (``pipeline/schema/record.schema.json``,
:mod:`pipeline.schema`), the field tables of ``docs/schema.md``, the DataFrame columns and dtypes of
:func:`pipeline.load` (:mod:`pipeline.frames`), the Parquet schema (:mod:`pipeline.export`) and the
records the views rebuild from frames (:mod:`pipeline.render.frames`). Adding a field is one line
here plus the code that fills it (and ``make schema``); ``tests/test_record.py`` fails when a
derived copy drifts.

Records travel as plain dicts (JSON-ready, cheap to pickle to batch workers): the components
write their items as dicts with these fields, and :func:`build_record` turns a :class:`Record`
into the dict that is written. Dataclasses rather than pydantic models, by measurement
(``python benchmarks/record_types.py``): an entity item costs ≈ 6 µs as a slotted dataclass and
``to_dict()``, ≈ 11 µs as a validated pydantic model and ``model_dump()`` (a dict literal ≈ 0.8 µs);
a whole record through ``Record(...).to_dict()`` ≈ 14 µs, against ≈ 100 ms of analysis per
article. Values are checked against the JSON Schema in the tests, not on the batch path.

A failure entry (an article that could not become a record) is its own type, :class:`Failure`;
:func:`is_failure` tells the two apart in a stream.
"""

from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, Any, Literal, Union, get_args, get_origin, get_type_hints

from pipeline import __version__

if TYPE_CHECKING:
    from spacy.tokens import Doc

QuoteType = Literal["direct", "mixed", "indirect"]
ClaimKind = Literal["numeric", "legal", "causal", "comparison", "prediction", "quote"]
Stage = Literal["ingest", "clean", "nlp"]
Encoding = Literal["utf-8", "cp1252"]

# `extra`: the input's own fields beyond the article's, bounded (issue 16).
EXTRA_MAX_BYTES = 64 * 1024
EXTRA_MAX_LIST = 32


def spec(doc: str, *, default: Any = MISSING, factory: Any = MISSING, column: str | None = None, **schema: Any) -> Any:
    """A field of the record: ``doc`` is its line in docs/schema.md, ``schema`` JSON Schema keywords
    added to those its type gives (``json=`` replaces them), ``column`` its name in the articles
    table when it is not the field's own name."""
    metadata = {"doc": doc, "schema": schema, "column": column}
    if factory is not MISSING:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


class Item:
    """What every part of the record shares: it turns into the plain dict that is written."""

    __slots__ = ()

    def to_dict(self) -> dict:
        return {name: plain(getattr(self, name)) for name in field_names(type(self))}


def plain(value: Any) -> Any:
    """A field value as JSON data: nested items as dicts."""
    if isinstance(value, Item):
        return value.to_dict()
    if isinstance(value, list) and value and isinstance(value[0], Item):
        return [item.to_dict() for item in value]
    return value


@cache
def field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


OFFSET = {"minimum": 0}
NO_COLUMN = ""  # a field the articles table leaves out


@dataclass(slots=True)
class Entity(Item):
    """A named entity."""

    id: str = spec("`e1`, `e2`, … within the article")
    text: str = spec("the mention, `text[start:end]`", minLength=1)
    label: str = spec("spaCy/OntoNotes label: PERSON, ORG, GPE, LAW, MONEY, …")
    start: int = spec("offset of its first character", **OFFSET)
    end: int = spec("offset after its last character", **OFFSET)
    canonical: str | None = spec("the fullest proper name of the entity's cluster (PERSON/ORG/GPE; else null)", default=None)
    cluster: str | None = spec("an id shared by all mentions of the same thing in the article (`k1`, …; PERSON/ORG/GPE; else null)", default=None)
    normalized: dict | None = spec("the parsed value: LAW `{kind, citation, title, section, subsection, name}`; "
                                   "MONEY `{amount, currency, qualifier, min, max, per}`; else null", default=None)


@dataclass(slots=True)
class Speaker(Item):
    """One person or organization a quote is attributed to ("A and B said" gives two)."""

    text: str = spec("the speaker's mention in the text", minLength=1)
    start: int = spec("offset of the mention", **OFFSET)
    end: int = spec("offset after the mention", **OFFSET)
    canonical: str | None = spec("the name of the entity the mention resolves to", default=None)
    entity: str | None = spec("the id of that entity", default=None)


@dataclass(slots=True)
class Quote(Item):
    """A quote, its cue and its speaker."""

    id: str = spec("`q1`, `q2`, … within the article")
    text: str = spec("the whole content (quotation marks included for direct quotes)", minLength=1)
    start: int = spec("offset of the content's first character", **OFFSET)
    end: int = spec("offset after the content's last character", **OFFSET)
    spans: list[list[int]] = spec("the `[start, end]` pieces of the content when it is split around its attribution", json={
        "type": "array", "minItems": 1,
        "items": {"type": "array", "prefixItems": [{"$ref": "#/$defs/offset"}, {"$ref": "#/$defs/offset"}], "minItems": 2, "maxItems": 2},
    })
    type: QuoteType = spec("`direct`, `mixed` or `indirect`")
    cue: str | None = spec("the reporting verb or phrase", default=None)
    cue_start: int | None = spec("offset of the cue", default=None, **OFFSET)
    cue_end: int | None = spec("offset after the cue", default=None, **OFFSET)
    speaker: str | None = spec("the speaker's mention in the text", default=None)
    speaker_start: int | None = spec("offset of the speaker's mention", default=None, **OFFSET)
    speaker_end: int | None = spec("offset after the speaker's mention", default=None, **OFFSET)
    speaker_canonical: str | None = spec("the person or organization the speaker stands for (pronouns, relative pronouns and roles resolved); "
                                         "for a pronoun that stands for no one the article names, the phrase it stands for "
                                         "(\"the report\", \"One woman\"), with no `speaker_entity`; else null", default=None)
    speaker_entity: str | None = spec("the id of that entity", default=None)
    speakers: list[Speaker] = spec("every speaker, one per person; the `speaker*` fields repeat the first", factory=list)
    confidence: float = spec("how sure the attribution is, in [0, 1]", default=0.0, minimum=0, maximum=1)


@dataclass(slots=True)
class Claim(Item):
    """A sentence worth checking."""

    id: str = spec("`c1`, `c2`, … within the article")
    text: str = spec("the sentence", minLength=1)
    start: int = spec("offset of its first character", **OFFSET)
    end: int = spec("offset after its last character", **OFFSET)
    score: float = spec("check-worthiness in [0, 1]", minimum=0, maximum=1)
    rank: int = spec("1 = the article's most check-worthy claim (highest score; the earlier one on a tie)", minimum=1)
    kinds: list[ClaimKind] = spec("what makes it checkable, a subset of `numeric`, `legal`, `causal`, `comparison`, "
                                  "`prediction`, `quote`", factory=list, uniqueItems=True)
    claimant: str | None = spec("the quote's speaker when the claim is in quoted or reported speech, else null "
                                "(the publication's own voice)", default=None)
    claimant_canonical: str | None = spec("the claimant's entity name", default=None)
    quote_id: str | None = spec("the id of the quote it lies in", default=None)
    entity_ids: list[str] = spec("the ids of the entities inside the claim", factory=list)


@dataclass(slots=True)
class Source(Item):
    """Where an article came from."""

    path: str = spec("the input path (`-` for stdin)", column="source_path")
    line: int | None = spec("its line (JSONL, CSV: the line; JSON list: the item's number; WARC: the record's number; "
                            "TXT: 1; HTML: null)", default=None, column="source_line", minimum=1)


@dataclass(slots=True)
class Cleaning(Item):
    """What cleaning did to an article."""

    encoding: Encoding = spec("how the input was decoded")
    removed: dict[str, int] = spec("what each cleaning rule removed, `{rule name: count}`", factory=dict,
                                   json={"type": "object", "additionalProperties": {"type": "integer", "minimum": 1}})


@dataclass(slots=True)
class Meta(Item):
    """How a record was made."""

    newslens_version: str = spec("the newslens version that wrote it", column="newslens_version")
    model: str = spec("the spaCy model, `lang_name-version`", column="model")
    cleaning: Cleaning = spec("what cleaning did", column=NO_COLUMN)
    warnings: list[str] = spec("what went wrong without stopping the article", factory=list, column="warnings")


@dataclass(slots=True)
class Record(Item):
    """One article's record: offsets are character offsets into its text; unknown values are null, never missing."""

    id: str = spec("the input's own id when it has one (`id`, `article_id`, `doc_id`, `uuid`, `guid`; the WARC record id), "
                   "else `nl-` + a stable hash of source and content", column="article_id", minLength=1)
    title: str | None = spec("the cleaned title", default=None)
    text: str = spec("the cleaned title, a blank line, then the cleaned body (paragraphs separated by one blank line); "
                     "all offsets index it", default="")
    url: str | None = spec("the article's URL when the input gives one", default=None)
    published: str | None = spec("the publication date as the input gives it", default=None)
    byline: str | None = spec("the article's author(s): the input's byline/author field, else a `By NAME` line at the top "
                              "of the text; the narrator's `we` quotes, and `I` quotes when it names one person, name it as their `speaker_canonical`",
                              default=None)
    source: Source = spec("where the article came from", default=None)
    entities: list[Entity] = spec("the entities, by start", factory=list)
    quotes: list[Quote] = spec("the quotes, by start", factory=list)
    claims: list[Claim] = spec("the claims, by start", factory=list)
    meta: Meta = spec("how the record was made", default=None)
    extra: dict[str, Any] = spec(f"the input's other top-level fields, as they came: scalars and lists of at most "
                                 f"{EXTRA_MAX_LIST} scalars, {EXTRA_MAX_BYTES // 1024} KB at most (what is dropped is counted "
                                 "in `meta.warnings`)", factory=dict, json={
                                     "type": "object",
                                     "additionalProperties": {"anyOf": [
                                         {"$ref": "#/$defs/scalar"},
                                         {"type": "array", "maxItems": EXTRA_MAX_LIST, "items": {"$ref": "#/$defs/scalar"}},
                                     ]},
                                 })


@dataclass(slots=True)
class Failure(Item):
    """An article that could not become a record: one line of ``NAME.errors.jsonl``."""

    id: str | None = spec("the article's id when it is known")
    source: Source = spec("where the article came from")
    stage: Stage = spec("the stage that failed")
    error: str = spec("what went wrong, naming the file and line")


def is_failure(item: dict) -> bool:
    """True for a failure entry (a stream item, or a line read back from a file) rather than an article or a record."""
    return "error" in item


# The item tables of a record, and the class of their items.
ITEM_TYPES: dict[str, type[Item]] = {"entities": Entity, "quotes": Quote, "claims": Claim}


# ---------------------------------------------------------------------------------------------
# Assembly


def build_record(article: dict, cleaned: dict, doc: Doc, model: str) -> dict:
    """Assemble the record of one article from its ingest data, cleaning result and processed Doc.

    The one place a record is put together: the items are the newslens components' output on the
    Doc (``doc._.newslens_entities``, ``doc._.newslens_quotes``, ``doc._.newslens_claims``: the
    items of its ``newslens_quotes`` and ``newslens_claims`` span groups). The byline, from the input
    or else the text, is what the narrator's quotes and their claims are credited to.
    """
    from pipeline.extract.spans import doc_text  # the worker's imports: the parent loads no spaCy
    from pipeline.extract.speakers import credit_narrator

    byline = article.get("byline") or cleaned.get("byline")
    quotes, claims = credit_narrator(doc._.newslens_quotes or [], doc._.newslens_claims or [], byline)
    return Record(
        id=article["id"],
        title=cleaned["title"],
        text=doc_text(doc),
        url=article.get("url"),
        published=article.get("published"),
        byline=byline,
        source=article["source"],
        entities=doc._.newslens_entities or [],
        quotes=quotes,
        claims=claims,
        meta=Meta(newslens_version=__version__, model=model, cleaning=cleaned["cleaning"],
                  warnings=cleaned["warnings"] + article.get("warnings", [])),
        extra=article.get("extra") or {},
    ).to_dict()


def error_entry(item: dict, stage: str, error: str) -> dict:
    """A failure entry for an article that could not be turned into a record."""
    return Failure(id=item.get("id"), source=item["source"], stage=stage, error=error).to_dict()


def bounded_extra(fields: dict) -> tuple[dict, list[str]]:
    """The input's other fields as kept in ``extra``, and a warning counting those dropped.

    Kept as they came: strings, numbers, booleans, nulls, and lists of at most
    :data:`EXTRA_MAX_LIST` of those; nested objects and longer lists are dropped, and so is every
    field that would take ``extra`` over :data:`EXTRA_MAX_BYTES` (as UTF-8 JSON).
    """
    kept: dict = {}
    shape = budget = 0
    size = 2  # "{}"
    for key, value in fields.items():
        if not (is_scalar(value) or (isinstance(value, list) and len(value) <= EXTRA_MAX_LIST and all(map(is_scalar, value)))):
            shape += 1
            continue
        cost = len(json.dumps({str(key): value}, ensure_ascii=False).encode("utf-8"))
        if size + cost > EXTRA_MAX_BYTES:
            budget += 1
            continue
        kept[str(key)] = value
        size += cost
    warnings = []
    if shape or budget:
        reasons = [f"{shape} not a scalar or a list of at most {EXTRA_MAX_LIST} scalars"] if shape else []
        reasons += [f"{budget} over the {EXTRA_MAX_BYTES // 1024} KB limit"] if budget else []
        warnings.append(f"extra: {shape + budget} of the input's other fields dropped ({'; '.join(reasons)})")
    return kept, warnings


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


# ---------------------------------------------------------------------------------------------
# The definition, read by the modules that derive from it


@dataclass(frozen=True)
class FieldInfo:
    """One field of a record class, as the derived forms need it."""

    name: str
    type: Any  # the type without ``None``
    nullable: bool
    doc: str
    schema: dict
    column: str | None

    @property
    def item_type(self) -> type | None:
        """The item class of a list field (``list[Entity]`` → Entity), else None."""
        if get_origin(self.type) is list:
            (inner,) = get_args(self.type)
            return inner if is_dataclass(inner) else None
        return None


@cache
def describe(cls: type) -> tuple[FieldInfo, ...]:
    """The fields of a record class, in order, with their resolved types."""
    hints = get_type_hints(cls)
    described = []
    for f in fields(cls):
        kind = hints[f.name]
        args = get_args(kind)
        nullable = get_origin(kind) in (Union, UnionType) and type(None) in args
        if nullable:
            (kind,) = [a for a in args if a is not type(None)]
        described.append(FieldInfo(f.name, kind, nullable, f.metadata["doc"], f.metadata["schema"], f.metadata["column"]))
    return tuple(described)
