"""Readers for every input format, behind one streaming interface."""

from __future__ import annotations

import bz2
import codecs
import csv
import glob
import gzip
import hashlib
import io
import json
import lzma
import os
import re
import stat
import sys
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from pipeline.record import Failure, bounded_extra, is_failure

# Field names tolerated in structured inputs, in order of preference.
ID_FIELDS = ("id", "article_id", "doc_id", "uuid", "guid")
TITLE_FIELDS = ("title", "headline", "heading")
TEXT_FIELDS = ("text", "content", "body", "maintext", "article")
URL_FIELDS = ("url", "link", "source_url", "canonical_url")
DATE_FIELDS = ("published", "date", "date_publish", "published_at", "publish_date", "pubdate", "datetime", "timestamp")
BYLINE_FIELDS = ("byline", "author", "authors", "by", "creator", "writer")
# An input's other fields go to the record's `extra`.
ARTICLE_FIELDS = frozenset(ID_FIELDS + TITLE_FIELDS + TEXT_FIELDS + URL_FIELDS + DATE_FIELDS + BYLINE_FIELDS)
# A byline longer than this is not a list of authors (a scraper's stray field): kept to this length.
MAX_BYLINE_CHARS = 200

COMPRESSION_OPENERS: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    ".gz": lambda raw: gzip.GzipFile(fileobj=raw),
    ".bz2": lambda raw: bz2.BZ2File(raw),
    ".xz": lambda raw: lzma.LZMAFile(raw),
}


@dataclass(frozen=True)
class Limits:
    """Bounds on untrusted input, so one bad file cannot exhaust memory."""

    max_text_chars: int = 1_000_000  # spaCy's own default `nlp.max_length`
    max_line_bytes: int = 16 * 2**20  # one JSONL/CSV line
    max_file_bytes: int = 64 * 2**20  # a whole-file format (.txt, .json, .html), after decompression
    max_record_bytes: int = 16 * 2**20  # one WARC record's payload


LIMITS = Limits()


class InputError(Exception):
    """A problem with one input item; the message is shown to the user as is."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def read_articles(inputs: Iterable[str | Path], limits: Limits = LIMITS) -> Iterator[dict]:
    """Yield every article (or failure entry) of the given files, directories, globs or ``-``."""
    for path in expand_inputs(inputs):
        yield from read_path(path, limits)


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[str]:
    """Expand directories and glob patterns into files, in sorted order; ``-`` stands for stdin.

    A directory is walked recursively for files of a known format, skipping hidden files and
    directories (``.git``, ``.DS_Store``, …); a file named explicitly is always read.
    """
    for item in inputs:
        text = str(item)
        path = Path(text)
        if text == "-":
            yield text
        elif path.is_dir():
            files = [str(child) for child in sorted(path.rglob("*")) if is_article_file(child, path)]
            yield from files or [text]  # an empty directory is reported by read_path
        elif not path.exists() and glob.has_magic(text):
            matches = sorted(m for m in glob.glob(text, recursive=True) if Path(m).is_file())
            yield from matches
            if not matches:
                yield text  # reported by read_path as matching no file
        else:
            yield text


def is_article_file(path: Path, root: Path) -> bool:
    """True for a file under ``root`` that a directory walk reads: visible, of a known format."""
    if not path.is_file() or any(part.startswith(".") for part in path.relative_to(root).parts):
        return False
    return input_format(str(path))[0] in READERS


def input_format(path: str) -> tuple[str, str | None]:
    """Return (format suffix, compression suffix) of a path, e.g. ``("jsonl", ".gz")``."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    compression = suffixes.pop() if suffixes and suffixes[-1] in COMPRESSION_OPENERS else None
    fmt = suffixes[-1].lstrip(".") if suffixes else "txt"
    if fmt == "warc" and compression == ".gz":
        compression = None  # warcio reads gzipped WARC itself, record by record
    return fmt, compression


def read_path(path: str, limits: Limits = LIMITS) -> Iterator[dict]:
    """Yield the articles of one input path, or a failure entry for what cannot be read.

    Articles read before a failure (a truncated archive, say) are kept.
    """
    if path != "-" and glob.has_magic(path) and not Path(path).exists():
        yield failure(path, None, "no file matches this pattern")
        return
    if Path(path).is_dir():
        yield failure(path, None, f"no article file in this directory (looked for {', '.join(sorted(READERS))}, optionally compressed)")
        return
    if path != "-" and (kind := special_file_kind(path)):
        yield failure(path, None, f"is a {kind}, not a regular file: not read")  # opening a FIFO would wait for ever
        return
    try:
        with open_input(path) as (stream, fmt):
            head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]
            if not head.strip():
                raise InputError("file is empty")
            # A line-based file may hold a NUL in one bad line: that line is an error, not the file.
            if fmt != "warc" and looks_binary(head, nul_is_binary=fmt not in LINE_FORMATS):
                raise InputError("file is binary, not text")
            yield from READERS.get(fmt, read_txt)(stream, path, limits)
    except InputError as exc:
        yield failure(path, exc.line, str(exc))
    except OSError as exc:  # includes a permission error and a bad gzip header
        yield failure(path, None, f"cannot read the file ({exc.strerror or exc})")
    except (EOFError, lzma.LZMAError, zlib.error) as exc:
        yield failure(path, None, f"the compressed data is truncated or corrupt ({exc})")
    except Exception as exc:  # untrusted input: one bad file must not stop the run
        yield failure(path, None, f"cannot read the file ({type(exc).__name__}: {exc})")


SNIFF_BYTES = 8192
LINE_FORMATS = frozenset({"jsonl", "ndjson", "csv"})
SPECIAL_FILES = ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                 (stat.S_ISSOCK, "socket"))


def special_file_kind(path: str) -> str | None:
    """What a path is when it is a FIFO, a device or a socket (None for a regular file or a missing one)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # missing or unreadable: opening it says why
    return next((kind for test, kind in SPECIAL_FILES if test(mode)), None)


@contextmanager
def open_input(path: str) -> Iterator[tuple[io.BufferedIOBase, str]]:
    """Open a path, or stdin for ``-``, as a peekable, decompressed binary stream; yield it and its format.

    A file's format and compression come from its suffixes; stdin's from its first bytes.
    """
    raw = io.BufferedReader(_StdinReader()) if path == "-" else open(path, "rb")
    try:
        if path == "-":
            compression = compression_of(raw.peek(SNIFF_BYTES)[:6])
            stream = without_bom(io.BufferedReader(COMPRESSION_OPENERS[compression](raw)) if compression else raw)
            fmt = format_of(stream.peek(SNIFF_BYTES)[:SNIFF_BYTES])
        else:
            fmt, compression = input_format(path)
            stream = io.BufferedReader(COMPRESSION_OPENERS[compression](raw)) if compression else raw
            if fmt != "warc":
                stream = without_bom(stream)
        yield stream, fmt
    finally:
        raw.close()


# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
                    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def without_bom(stream: io.BufferedIOBase) -> io.BufferedIOBase:
    """The stream after its byte-order mark: UTF-8 as it is, UTF-16/32 re-encoded as UTF-8 on the fly."""
    head = stream.peek(4)[:4]
    for bom, encoding in BYTE_ORDER_MARKS:
        if head.startswith(bom):
            stream.read(len(bom))
            return stream if encoding == "utf-8" else io.BufferedReader(_Utf8Recoder(stream, encoding), SNIFF_BYTES)
    return stream


class _Utf8Recoder(io.RawIOBase):
    """A raw stream of UTF-8 bytes read from a stream in another encoding (undecodable bytes become U+FFFD)."""

    def __init__(self, stream: io.BufferedIOBase, encoding: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            chunk = self._stream.read(2**16)
            self._pending = self._decoder.decode(chunk, final=not chunk).encode("utf-8")
            if not chunk:
                break
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


COMPRESSION_MAGIC = {b"\x1f\x8b": ".gz", b"BZh": ".bz2", b"\xfd7zXZ\x00": ".xz"}


def compression_of(head: bytes) -> str | None:
    """The compression suffix (``.gz``, ``.bz2``, ``.xz``) of a stream that starts with ``head``, or None."""
    for magic, suffix in COMPRESSION_MAGIC.items():
        if head.startswith(magic):
            return suffix
    return None


def format_of(head: bytes) -> str:
    """Guess a stream's format from its first bytes: WARC, HTML, JSON, JSON Lines, else plain text.

    A JSON object alone on its first line is JSON Lines; a pretty-printed object (``{`` alone on the
    first line) or a list is JSON.
    """
    text = head.lstrip().lower()
    first_line = text.split(b"\n", 1)[0].strip()
    if text.startswith(b"warc/"):
        return "warc"
    if text.startswith((b"<!doctype html", b"<html")):
        return "html"
    if text.startswith(b"[") or first_line == b"{":
        return "json"
    if text.startswith(b"{"):
        return "jsonl"
    return "txt"


class _StdinReader(io.RawIOBase):
    """The process's stdin as a raw stream that closing does not close."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return sys.stdin.buffer.readinto(buffer)


# --- decoding and article construction ------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8, or as cp1252 when they are not valid UTF-8; return (text, encoding)."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def looks_binary(data: bytes, nul_is_binary: bool = True) -> bool:
    """True for data that is not text: NUL bytes (unless ``nul_is_binary`` is off, for line-based
    formats, where a NUL is one line's problem), or mostly control bytes, in its first 8 KiB."""
    head = data[:8192]
    if nul_is_binary and b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 3))
    return bool(head) and controls / len(head) > 0.1


def stable_id(path: str, line: int | None, text: str) -> str:
    """A stable id for an article without one: a hash of its source and its content."""
    digest = hashlib.blake2b(f"{path}\x00{line}\x00{text}".encode("utf-8"), digest_size=8)
    return f"nl-{digest.hexdigest()}"


def first_field(record: dict, names: tuple[str, ...]) -> object:
    """The value of the first of ``names`` present (case-insensitive) and non-empty in ``record``."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name)
        if value not in (None, ""):
            return value
    return None


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):  # some scrapers store paragraphs as a list
        return "\n\n".join(str(v) for v in value if v is not None)
    return str(value)


def as_byline(value: object) -> str | None:
    """An author field as a byline: a list of names joined by commas ("Kim, Ray"), whitespace
    collapsed, at most ``MAX_BYLINE_CHARS`` characters; None when it names nobody."""
    names = value if isinstance(value, list) else [value]
    byline = ", ".join(" ".join(str(name).split()) for name in names if name is not None and str(name).strip())
    return byline[:MAX_BYLINE_CHARS] or None


def make_article(
    path: str,
    line: int | None,
    text: str | None,
    limits: Limits,
    *,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    byline: str | None = None,
    own_id: object = None,
    encoding: str = "utf-8",
) -> dict:
    """Build an article dict, or a failure entry when the text is missing, empty or too long."""
    article_id = str(own_id) if own_id not in (None, "") else None
    if text is None or not text.strip():
        what = "has no text" if text is None else "has an empty text"
        return failure(path, line, f"article {what} (looked for fields: {', '.join(TEXT_FIELDS)})" if text is None else f"article {what}", article_id)
    if len(text) > limits.max_text_chars:
        return failure(path, line, f"article text is {len(text):,} characters, over the limit of {limits.max_text_chars:,}", article_id)
    return {
        "id": article_id or stable_id(path, line, text),
        "title": title.strip() if title else None,
        "text": text,
        "url": url,
        "published": published,
        "byline": byline,
        "source": {"path": path, "line": line},
        "encoding": encoding,
    }


def article_from_mapping(record: dict, path: str, line: int | None, limits: Limits, encoding: str) -> dict:
    """Build an article from a JSON object or CSV row with tolerant field names; its other fields
    are kept (bounded) as ``extra``, with a warning counting those dropped."""
    article = make_article(
        path,
        line,
        _as_text(first_field(record, TEXT_FIELDS)),
        limits,
        title=_as_text(first_field(record, TITLE_FIELDS)),
        url=_as_text(first_field(record, URL_FIELDS)),
        published=_as_text(first_field(record, DATE_FIELDS)),
        byline=as_byline(first_field(record, BYLINE_FIELDS)),
        own_id=first_field(record, ID_FIELDS),
        encoding=encoding,
    )
    if not is_failure(article):
        article["extra"], article["warnings"] = bounded_extra({k: v for k, v in record.items() if str(k).lower() not in ARTICLE_FIELDS})
    return article


def failure(path: str, line: int | None, error: str, article_id: str | None = None) -> dict:
    """A failure entry for the errors file."""
    where = _display(path) + (f":{line}" if line is not None else "")
    return Failure(id=article_id, source={"path": path, "line": line}, stage="ingest", error=f"{where}: {error}").to_dict()


def _display(path: str) -> str:
    return "<stdin>" if path == "-" else path


def read_bounded(stream: BinaryIO, limit: int, what: str) -> bytes:
    """Read a whole stream, refusing more than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{what} is larger than the limit of {limit:,} bytes")
    return data


LINE_END = re.compile(rb"\r\n?|\n")
CHUNK_BYTES = 8192  # small: a corrupt compressed block loses at most this much before it


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes ending in ``\\n``) for each line; bytes is None for a line over ``limit``.

    Lines end at LF, CRLF or a lone CR (old Mac files, and files that mix them); each comes out
    ending in ``\\n``. An oversized line is skipped without being held.
    """
    number = 0
    parts: list[bytes] = []  # the current line so far
    size = 0
    oversized = False
    carry_cr = False  # the previous chunk ended in CR: an LF starting this one belongs to it
    while chunk := stream.read1(CHUNK_BYTES):  # read1: what came before a corrupt block is kept
        position = 0
        if carry_cr and chunk.startswith(b"\n"):
            position = 1
        carry_cr = chunk.endswith(b"\r")
        for end in LINE_END.finditer(chunk, position):
            piece = chunk[position : end.start()]
            position = end.end()
            number += 1
            if oversized or size + len(piece) > limit:
                yield number, None
            else:
                yield number, b"".join(parts) + piece + b"\n"
            parts, size, oversized = [], 0, False
        rest = chunk[position:]
        if rest and not oversized:
            size += len(rest)
            if size > limit:
                parts, oversized = [], True
            else:
                parts.append(rest)
    if parts or oversized:
        yield number + 1, None if oversized else b"".join(parts)


# --- one reader per format ------------------------------------------------------------------


def read_whole_text(stream: BinaryIO, path: str, limits: Limits) -> tuple[str, str]:
    """Read and decode a whole-file input, refusing oversized files."""
    return decode(read_bounded(stream, limits.max_file_bytes, "file"))


def read_txt(stream: BinaryIO, path: str, limits: Limits) -> Iterator[dict]:
    """A plain-text article: the first line is the title when a blank line follows it."""
    text, encoding = read_whole_text(stream, path, limits)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = None
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        title, body = lines[0], "\n".join(lines[2:])
    else:
        body = "\n".join(lines)
    yield make_article(path, 1, body, limits, title=title, encoding=encoding)


def read_json(stream: BinaryIO, path: str, limits: Limits) -> Iterator[dict]:
    """A JSON file holding one article object or a list of them (``line`` is the item's number)."""
    text, encoding = read_whole_text(stream, path, limits)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"not valid JSON ({exc.msg} at column {exc.colno})", exc.lineno) from None
    items = data if isinstance(data, list) else [data]
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield article_from_mapping(item, path, number, limits, encoding)
        else:
            yield failure(path, number, f"expected a JSON object, found {type(item).__name__}")


def read_jsonl(stream: BinaryIO, path: str, limits: Limits) -> Iterator[dict]:
    """JSON Lines: one article object a line; blank lines are skipped."""
    for number, raw in bounded_lines(stream, limits.max_line_bytes):
        if raw is None:
            yield failure(path, number, f"line is longer than the limit of {limits.max_line_bytes:,} bytes")
            continue
        if not raw.strip():
            continue
        try:
            line, encoding = decode(raw)
            item = json.loads(line)
            if isinstance(item, dict):
                yield article_from_mapping(item, path, number, limits, encoding)
            else:
                yield failure(path, number, f"expected a JSON object, found {type(item).__name__}")
        except json.JSONDecodeError as exc:
            yield failure(path, number, f"not valid JSON ({exc.msg} at column {exc.colno})")
        except RecursionError:
            yield failure(path, number, "JSON nested too deeply to read")
        except Exception as exc:  # untrusted input (a 5,000-digit number, …): this line fails, the next is read
            yield failure(path, number, f"cannot read this line ({type(exc).__name__}: {exc})")


def read_csv(stream: BinaryIO, path: str, limits: Limits) -> Iterator[dict]:
    """CSV with a header row naming the fields (same tolerant names as JSON).

    ``line`` is the row's first line (a quoted field may span several). A row that cannot be read
    (malformed, or with a line over the size limit) is a failure entry, and reading goes on with
    the next row.
    """
    encodings: list[str] = []
    oversized: list[int] = []  # line numbers over the limit, in the row being read

    def decoded_lines() -> Iterator[str]:
        for number, raw in bounded_lines(stream, limits.max_line_bytes):
            if raw is None:
                oversized.append(number)
                yield f"{OVERSIZED_MARK}\n"  # keeps the row (or the quoted field) in place, to be reported
                continue
            text, encoding = decode(raw)
            encodings.append(encoding)
            yield text

    csv.field_size_limit(limits.max_line_bytes)
    reader = csv.DictReader(decoded_lines())
    while True:
        first_line = reader.line_num + 1 if reader.line_num else 2  # the header is line 1
        encodings.clear()
        oversized.clear()
        try:
            row = next(reader, None)
        except csv.Error as exc:
            yield failure(path, first_line, f"malformed CSV row ({exc})")
            continue
        except Exception as exc:  # untrusted input: this row fails, the next is read
            yield failure(path, first_line, f"cannot read this row ({type(exc).__name__}: {exc})")
            continue
        if row is None:
            return
        if oversized:
            yield failure(path, first_line, f"row has a line longer than the limit of {limits.max_line_bytes:,} bytes")
            continue
        encoding = "cp1252" if "cp1252" in encodings else "utf-8"
        yield article_from_mapping({k: v for k, v in row.items() if k is not None}, path, first_line, limits, encoding)


# Stands in for an oversized CSV line, so that the row it belongs to is still read (and reported).
OVERSIZED_MARK = "\x00newslens-oversized-line\x00"


def article_from_html(html: bytes | str, path: str, line: int | None, limits: Limits, url: str | None = None, own_id: str | None = None) -> dict:
    """Extract the main text of an HTML page with trafilatura."""
    import trafilatura  # imported on first use: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False, include_tables=False)
    if document is None or not (document.text or "").strip():
        return failure(path, line, "no article text found in the HTML", own_id)
    title = document.title
    paragraphs = [p for p in document.text.split("\n") if p.strip()]
    if title and paragraphs and paragraphs[0].strip() == title.strip():
        paragraphs = paragraphs[1:]  # trafilatura repeats the headline as the first line
    # trafilatura puts one paragraph on each line; the record separates paragraphs by a blank line.
    return make_article(path, line, "\n\n".join(paragraphs), limits, title=title, url=url or document.url, published=document.date,
                        byline=as_byline(document.author), own_id=own_id)


def read_html(stream: BinaryIO, path: str, limits: Limits) -> Iterator[dict]:
    """An HTML page: its main text, title and date via trafilatura."""
    yield article_from_html(read_bounded(stream, limits.max_file_bytes, "file"), path, None, limits)


def read_warc(stream: io.BufferedIOBase, path: str, limits: Limits) -> Iterator[dict]:
    """A WARC (optionally gzipped): one article per HTML ``response`` record (``line`` is the record's number)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if not starts_like_warc(stream.peek(SNIFF_BYTES)):
        raise InputError("not a WARC file (it does not start with a WARC/1.x record header)")
    number = pages = 0
    try:
        for record in ArchiveIterator(stream):
            number += 1
            if record.rec_type != "response":
                continue
            content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            if "html" not in content_type.lower():
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:") or None
            payload = record.content_stream().read(limits.max_record_bytes + 1)
            if len(payload) > limits.max_record_bytes:
                yield failure(path, number, f"record payload is larger than the limit of {limits.max_record_bytes:,} bytes", record_id)
                continue
            missing = getattr(record.raw_stream, "limit", 0)  # what the record's Content-Length promised but the file lacks
            if missing:
                yield failure(path, number, f"record is truncated ({missing:,} bytes of it are missing)", record_id)
                continue
            yield article_from_html(payload, path, number, limits, url=url, own_id=record_id)
    except ArchiveLoadFailed as exc:
        raise InputError(f"not a readable WARC after record {number} ({exc})", number + 1) from None
    if not pages:
        raise InputError(f"no HTML response record among the WARC's {number} records")


def starts_like_warc(head: bytes) -> bool:
    """True when a (possibly gzipped) stream's first bytes are a WARC record header."""
    if compression_of(head) == ".gz":
        head = zlib.decompressobj(wbits=31).decompress(head, 16)
    return head.startswith(b"WARC/")


READERS: dict[str, Callable[[BinaryIO, str, Limits], Iterator[dict]]] = {
    "txt": read_txt,
    "text": read_txt,
    "json": read_json,
    "jsonl": read_jsonl,
    "ndjson": read_jsonl,
    "csv": read_csv,
    "html": read_html,
    "htm": read_html,
    "warc": read_warc,
}
