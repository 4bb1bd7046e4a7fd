"""Stage 1: read the content folder into plain Python data, remembering where every value stood.

The only module that parses YAML: collection files and the front matter of narrative pages alike.
PyYAML's C parser composes the node graph (the slow part at scale); the conversion to
Python values is ours, so that we can keep line/column marks, reject duplicate keys and
aliases, and keep dates as the text the editor typed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.error import Mark as YAMLMark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem
from .registry import NAMES

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 40
PAGES_DIR = "pages"
FRONT_MATTER = "---\n"

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_TEXT_TAGS = {_TAG + "str", _TAG + "timestamp"}
_SCALAR_TAGS = {_TAG + t for t in ("int", "float", "bool", "null")}
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Mark:
    line: int
    col: int


@dataclass
class Document:
    """One YAML file: its data and the position of every key and value in it.

    Positions are kept as the parser gave them (counted from 0) and turned into a `Mark` only when a problem is
    reported: most are never asked for, and making 10,000 records' worth of marks up front took a seventh of loading.
    """

    path: str
    text: str
    data: Any = None
    marks: dict[Path_, YAMLMark] = field(default_factory=dict)
    key_marks: dict[Path_, YAMLMark] = field(default_factory=dict)
    mtime: float = 0.0  # when the file was last saved: of two records with one id, the newer is the copy

    def locate(self, path: Path_, *, key: bool = False) -> tuple[Path_, Mark]:
        """The deepest known position along `path`, skipping parts the YAML never had."""
        found: Path_ = ()
        for part in path:
            if (*found, part) in self.marks:
                found = (*found, part)
        if key and found in self.key_marks:
            return found, _at(self.key_marks[found])
        start = self.marks.get(found)
        return found, _at(start) if start is not None else Mark(1, 1)

    def line(self, number: int) -> str:
        lines = self.text.splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""

    def problem(self, path: Path_, message: str, *, key: bool = False) -> Problem:
        _, mark = self.locate(path, key=key)
        return self.problem_at(mark, message)

    def problem_at(self, mark: Mark, message: str) -> Problem:
        return Problem(self.path, mark.line, mark.col, message, source_line=self.line(mark.line))


class _AbortError(Exception):
    def __init__(self, mark: Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def _at(start: YAMLMark) -> Mark:
    return Mark(start.line + 1, start.column + 1)


def _mark(node: Node) -> Mark:
    return _at(node.start_mark)


class _Converter:
    """Turns a composed node tree into Python values, recording marks on the way."""

    def __init__(self, doc: Document, problems: list[Problem]) -> None:
        self.doc = doc
        self.problems = problems
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()

    def value(self, node: Node, path: Path_, depth: int = 0) -> Any:
        if id(node) in self.seen:
            # Compose shares the anchored node with every alias: refusing a second visit keeps
            # the walk linear, which is what stops "billion laughs" expansions.
            start = self.doc.key_marks.get(path) or self.doc.marks.get(path[:-1]) or node.start_mark
            where = _at(start)
            raise _AbortError(where, "YAML anchors and aliases (&name / *name) are not supported; write the value out")
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _AbortError(_mark(node), f"nested more than {MAX_DEPTH} levels deep")
        self.doc.marks[path] = node.start_mark
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, SequenceNode) and node.tag == _TAG + "seq":
            return [self.value(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode) and node.tag == _TAG + "map":
            return self.mapping(node, path, depth)
        raise _AbortError(_mark(node), f"unsupported YAML tag {node.tag!r}")

    def scalar(self, node: ScalarNode) -> Any:
        if node.tag in _TEXT_TAGS:
            return node.value
        if node.tag not in _SCALAR_TAGS:
            raise _AbortError(_mark(node), f"unsupported YAML tag {node.tag!r}")
        try:
            return self.constructor.yaml_constructors[node.tag](self.constructor, node)
        except (ConstructorError, ValueError) as exc:
            raise _AbortError(_mark(node), f"cannot read {node.value!r}: {exc}") from None

    def mapping(self, node: MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _TEXT_TAGS | _SCALAR_TAGS:
                raise _AbortError(_mark(key_node), "a key must be plain text")
            key = str(self.scalar(key_node)) if key_node.tag not in _TEXT_TAGS else key_node.value
            key_path = (*path, key)
            if key in out:
                first = _at(self.doc.key_marks[key_path])
                self.problems.append(
                    self.doc.problem_at(
                        _mark(key_node),
                        f"duplicate key {key!r}: already set on line {first.line}; YAML would silently keep only the last one",
                    )
                )
                continue
            self.doc.key_marks[key_path] = key_node.start_mark
            out[key] = self.value(value_node, key_path, depth + 1)
        return out


def _position(text: str, offset: int) -> Mark:
    before = text[:offset]
    line = before.count("\n") + 1
    return Mark(line, offset - (before.rfind("\n") + 1) + 1)


def _decode(raw: bytes, doc: Document, problems: list[Problem]) -> str | None:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        mark = _position(good, len(good))
        problems.append(
            Problem(doc.path, mark.line, mark.col, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8")
        )
        return None


def _tab_problems(doc: Document) -> list[Problem]:
    problems = []
    for number, line in enumerate(doc.text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            col = indent.index("\t") + 1
            problems.append(Problem(doc.path, number, col, "tab character in indentation; YAML needs spaces", source_line=line))
    return problems


def _read_text(path: Path, display: str) -> tuple[str | None, list[Problem]]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        message = f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit; split it into a folder of files"
        return None, [Problem(display, 1, 1, message)]
    problems: list[Problem] = []
    return _decode(path.read_bytes(), Document(display, ""), problems), problems


_KEY_LINE = re.compile(r"^(\s*(?:- )?)([^\s:#][^:#]*?):(?:\s+(.*))?$")


def _syntax_message(exc: yaml.MarkedYAMLError, doc: Document, where: Mark) -> str:
    """The YAML parser's complaint in an editor's words, with the fix, for the slips editors make most."""
    said = " ".join(filter(None, [exc.context, exc.problem]))
    line = doc.line(where.line)
    key = _KEY_LINE.match(line)
    if exc.problem == "mapping values are not allowed in this context" and key and key.group(3) and ": " in key.group(3):
        return (
            f"text containing ': ' must be in quotes: write {key.group(2)}: \"{key.group(3)}\" "
            "(YAML reads an unquoted ': ' as the start of another key)"
        )
    if exc.problem in ("mapping values are not allowed in this context", "did not find expected key") or (
        exc.problem or ""
    ).startswith("did not find expected '-'"):
        return _indentation_message(doc, where.line) or f"YAML syntax error: {said}"
    if exc.context == "while parsing a flow sequence":
        return "a list in [ ] is not closed: end it with ] on the same line, or put each item on its own line after '- '"
    if exc.context == "while parsing a flow mapping":
        return "a {key: value} mapping is not closed: end it with } on the same line"
    if exc.context == "while scanning a quoted scalar":
        return "a quotation mark is not closed: end the text with the same kind of quote it starts with"
    return f"YAML syntax error: {said}"


def _indentation_message(doc: Document, number: int) -> str | None:
    """Name the indentation that does not match the line above, and the one that would."""
    lines = doc.text.splitlines()
    if not 0 < number <= len(lines):
        return None
    line = lines[number - 1]
    here = _indent(line)
    written = [n for n in range(number - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")]
    if not written:
        return None
    above = written[0]
    items = [n for n in written if lines[n - 1].lstrip().startswith("- ")]
    # A list item belongs with an earlier item of its list, one of the same shape (a record's `- id: …` with
    # records, a bare `- value` with values), so the advice never turns a value into a new record.
    alike = [n for n in items if _opens_mapping(lines[n - 1]) == _opens_mapping(line)] or items
    if line.lstrip().startswith("- ") and alike and not lines[above - 1].rstrip().endswith(":"):
        # The one indented most nearly like it (on a tie, the outer list, where records start).
        above = min(alike, key=lambda n: (abs(_indent(lines[n - 1]) - here), _indent(lines[n - 1])))
    previous = lines[above - 1]
    there = expected = _indent(previous)
    if previous.rstrip().endswith(":") or (previous.lstrip().startswith("- ") and not line.lstrip().startswith("- ")):
        expected += 2  # inside the key above, or a key of the list item above
    fix = f"indent it by {expected} spaces" if expected else "start it at the beginning of the line"
    return (
        f"indentation: this line is indented by {here} space(s), but it belongs with line {above}, indented by {there}; "
        f"{fix} (YAML reads what belongs together from the indentation)"
    )


def _opens_mapping(line: str) -> bool:
    """Whether a list item opens a mapping (`- id: x`) rather than holding a single value (`- x`)."""
    return bool(_KEY_LINE.match(line.lstrip()))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


Parsed = tuple[Document | None, list[Problem]]


class ParseCache:
    """The last parse of each file, for `mkdocs serve`: an edit re-parses the file it touched, not every file.

    Parsing is a function of the text alone, and no later stage changes a Document (an empty file's data is set to
    the same empty list each time it is loaded), so a hit gives the same result as parsing again.
    """

    def __init__(self) -> None:
        self._last: dict[tuple[str, int], tuple[str, Parsed]] = {}

    def parse(self, text: str, display: str, first_line: int) -> Parsed:
        key = (display, first_line)
        last = self._last.get(key)
        if last is not None and last[0] == text:
            return last[1]
        parsed = parse_yaml(text, display, first_line=first_line)
        self._last[key] = (text, parsed)
        return parsed


_OPENED = ("while parsing a flow sequence", "while parsing a flow mapping", "while scanning a quoted scalar")


def parse_yaml(text: str, display: str, *, first_line: int = 1) -> Parsed:
    """Parse YAML text that starts on `first_line` of the file `display`. None when it cannot be read."""
    doc = Document(display, "\n" * (first_line - 1) + text)  # marks and source lines count from the file's top
    tabs = _tab_problems(doc)
    if tabs:
        return None, tabs
    try:
        root = yaml.compose(doc.text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        # An unclosed bracket or quote is found where the parser gives up, lines later: point at where it opened.
        opened = exc.context in _OPENED and exc.context_mark is not None
        mark = exc.context_mark if opened else exc.problem_mark or exc.context_mark
        where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(first_line, 1)
        message = _syntax_message(exc, doc, where)
        if message.startswith("indentation:"):  # point at the line's first character, not where the parser gave up
            where = Mark(where.line, _indent(doc.line(where.line)) + 1)
        return None, [doc.problem_at(where, message)]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [Problem(display, first_line, 1, f"YAML error: {exc}")]
    problems: list[Problem] = []
    if root is None:
        return doc, problems
    try:
        doc.data = _Converter(doc, problems).value(root, ())
    except _AbortError as exc:
        return None, [*problems, doc.problem_at(exc.mark, exc.message)]
    return doc, problems


def load_file(path: Path, display: str, cache: ParseCache | None = None) -> Parsed:
    """Read one collection file. Returns the document (None when unreadable) and its problems; empty is an empty list."""
    text, problems = _read_text(path, display)
    if text is None:
        return None, problems
    doc, more = cache.parse(text, display, 1) if cache else parse_yaml(text, display)
    if doc is not None:
        doc.mtime = path.stat().st_mtime  # set on every load: a cached parse is shared by saves of the same text
        if doc.data is None:
            doc.data = []
    return doc, problems + more


@dataclass(frozen=True)
class Page:
    """A hand-written narrative page: its front matter (parsed, with marks) and its Markdown-with-Jinja body."""

    name: str  # path under the pages folder, e.g. `controls.md`
    display: str  # the file as editors name it in errors
    meta: Document | None  # None: no front matter
    body: str
    body_line: int  # the file line the body starts on

    def line(self, number: int) -> str:
        """A line of the file, counted from its top."""
        lines = ("\n" * (self.body_line - 1) + self.body).splitlines()
        return lines[number - 1] if 0 < number <= len(lines) else ""


def load_page(path: Path, name: str, cache: ParseCache | None = None) -> tuple[Page | None, list[Problem]]:
    display = str(path)
    text, problems = _read_text(path, display)
    if text is None:
        return None, problems
    if not text.startswith(FRONT_MATTER) or "\n---\n" not in text[3:]:
        return Page(name, display, None, text, 1), problems
    end = text.index("\n---\n", 3)
    front = text[len(FRONT_MATTER) : end + 1]
    meta, more = cache.parse(front, display, 2) if cache else parse_yaml(front, display, first_line=2)
    if meta is None:
        return None, problems + more
    if meta.data is None:
        meta.data = {}
    body_line = text[: end + 5].count("\n") + 1
    return Page(name, display, meta, text[end + 5 :], body_line), problems + more


@dataclass
class Content:
    """Everything read from a content folder, before any checking of what it means."""

    documents: dict[str, list[Document]]
    pages: list[Page]
    problems: list[Problem]
    unreadable: set[str]  # collections with a file that could not be read: their ids are unknown
    root: Path = Path("content")


def read_content(content: Path, cache: ParseCache | None = None) -> Content:
    """Read every collection file and narrative page under `content`; `cache` keeps the parses of unchanged files."""
    result = Content({name: [] for name in NAMES}, [], [], set(), content)
    for path in stray_files(content):
        guess = difflib.get_close_matches(path.stem, NAMES, n=1)
        hint = f" (did you mean '{guess[0]}.yaml'?)" if guess else ""
        expected = ", ".join(f"{c}.yaml" for c in NAMES)
        result.problems.append(Problem(str(path), 1, 1, f"unknown collection file{hint}; expected one of {expected}"))
    for collection, files in collection_files(content).items():
        for path in files:
            doc, problems = load_file(path, str(path), cache)
            result.problems += problems
            if doc is None:
                result.unreadable.add(collection)
            else:
                result.documents[collection].append(doc)
    pages = content / PAGES_DIR
    for path in sorted(pages.rglob("*.md")) if pages.is_dir() else []:
        page, problems = load_page(path, path.relative_to(pages).as_posix(), cache)
        result.problems += problems
        if page is not None:
            result.pages.append(page)
    return result


def collection_files(content: Path) -> dict[str, list[Path]]:
    """Each collection's YAML files: `content/NAME.yaml` and/or `content/NAME/*.yaml`."""
    found: dict[str, list[Path]] = {}
    for name in NAMES:
        files = [content / f"{name}.yaml"] if (content / f"{name}.yaml").is_file() else []
        if (content / name).is_dir():
            files += sorted((content / name).rglob("*.yaml"))
        found[name] = files
    return found


def stray_files(content: Path) -> Iterator[Path]:
    """YAML files at the top of the content folder that belong to no collection."""
    for path in sorted(content.glob("*.y*ml")):
        if path.stem not in NAMES or path.suffix != ".yaml":
            yield path
