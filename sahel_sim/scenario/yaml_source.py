"""Read untrusted YAML safely, keeping the line of every value.

Files are read as plain YAML data only: no Python tags, nothing executed, no
tag other than the standard scalar types, mappings and lists.  Every read is
bounded by :class:`Limits` (bytes, nodes, nesting depth, length of one value;
:mod:`sahel_sim.scenario.load` adds the number of events), checked *while*
the file is parsed, so that alias bombs, deep nesting, huge lists and very
long lines are refused quickly and in bounded memory.  The limits can be
raised or lowered with environment variables (``SAHEL_SIM_MAX_BYTES`` …, see
:data:`ENVIRONMENT`); the shipped library is always read with the defaults.

Parsing goes in three steps:

1. events from PyYAML's parser (libyaml's C parser when PyYAML has it, the
   pure-Python one otherwise);
2. a node tree, composed here without recursion, counting nodes and depth as
   it goes (so a deep or huge file costs no more than the limit);
3. plain Python data, built from the nodes while recording where every
   mapping key and value came from, so that a validation error at
   ``events[0].target`` can name its line.  Aliases are expanded here, but
   first the size of the expanded tree is computed from the shared nodes (in
   time proportional to the file), so a "billion laughs" is refused before
   anything is expanded; expansion also counts against the node limit.

Duplicate keys, which PyYAML would silently accept, are errors here.  Merge
keys (``<<: *base``) work as in YAML 1.1: explicit keys win over merged ones,
earlier merged mappings over later ones; merging anything but mappings is an
error.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from sahel_sim.collector import paused
from sahel_sim.errors import Problem, ScenarioError, format_path

__all__ = ["ENVIRONMENT", "Limits", "Located", "files_read", "limits_for", "mark_read", "parse_yaml", "quoted", "read_yaml"]

Path_ = tuple[str | int, ...]

#: Each limit and the environment variable that overrides it.
ENVIRONMENT: dict[str, str] = {
    "max_bytes": "SAHEL_SIM_MAX_BYTES",
    "max_nodes": "SAHEL_SIM_MAX_NODES",
    "max_depth": "SAHEL_SIM_MAX_DEPTH",
    "max_scalar_chars": "SAHEL_SIM_MAX_SCALAR_CHARS",
    "max_events": "SAHEL_SIM_MAX_EVENTS",
}

#: Nesting is read recursively when data is built and validated; this keeps it far from Python's stack limit.
MAX_DEPTH_CEILING = 200

_DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on untrusted input; generous for real files, tight enough to stop abuse.

    The largest shipped file is about 30 kB with about 1,000 nodes and 10 levels.

    Attributes:
        max_bytes: size of one file.
        max_nodes: YAML nodes in one file, counted as parsed and again with
            every alias expanded (the alias-bomb guard).
        max_depth: nesting of lists and mappings (at most 200).
        max_scalar_chars: characters in one value or key (a very long line).
        max_events: events in one scenario.
    """

    max_bytes: int = 1_000_000
    max_nodes: int = 50_000
    max_depth: int = 64
    max_scalar_chars: int = 100_000
    max_events: int = 1_000

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ScenarioError(f"limit {f.name} must be a whole number of at least 1, not {value!r}")
        if self.max_depth > MAX_DEPTH_CEILING:
            raise ScenarioError(f"limit max_depth must be at most {MAX_DEPTH_CEILING}, not {self.max_depth}")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Limits":
        """The defaults, overridden by any ``SAHEL_SIM_MAX_*`` variable that is set and not empty.

        Raises:
            ScenarioError: a variable is not a whole number in range.

        Examples:
            >>> Limits.from_env({"SAHEL_SIM_MAX_DEPTH": "32"}).max_depth
            32
            >>> Limits.from_env({"SAHEL_SIM_MAX_NODES": "lots"})
            Traceback (most recent call last):
            ...
            sahel_sim.errors.ScenarioError: environment variable SAHEL_SIM_MAX_NODES='lots' is not a whole number (the default is 50000; unset it, or give a whole number of at least 1)
        """
        env = os.environ if environ is None else environ
        values: dict[str, int] = {}
        for name, var in ENVIRONMENT.items():
            raw = env.get(var, "").strip()
            if not raw:
                continue
            default = getattr(cls(), name)
            ceiling = f" and at most {MAX_DEPTH_CEILING}" if name == "max_depth" else ""
            advice = f"the default is {default}; unset it, or give a whole number of at least 1{ceiling}"
            try:
                value = int(raw)
            except ValueError:
                raise ScenarioError(f"environment variable {var}={raw!r} is not a whole number ({advice})") from None
            if value < 1 or (name == "max_depth" and value > MAX_DEPTH_CEILING):
                raise ScenarioError(f"environment variable {var}={raw!r} is out of range ({advice})")
            values[name] = value
        return cls(**values)


@dataclass(frozen=True, slots=True)
class Located:
    """Plain data parsed from YAML, with the (line, column) of each path.

    ``texts`` keeps the source text of every value YAML read as something
    other than a string (``6``, ``NO``, ``2025-06-01``), so that a message
    can say how to quote it.
    """

    data: Any
    marks: dict[Path_, tuple[int, int]]
    file: str
    texts: dict[Path_, str] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path`` or of its nearest located parent."""
        for n in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:n]))
            if mark:
                return mark
        return None, None


def quoted(text: object, most: int = 80) -> str:
    """``'text'`` for a message: control characters escaped (no terminal tricks), long text cut.

    Examples:
        >>> print(quoted("NER"), quoted("bell" + chr(7)), quoted("x" * 100, most=10))
        'NER' 'bell\\x07' 'xxxxxxxxxx…' (100 characters)
    """
    value = str(text)
    short = value if len(value) <= most else value[:most]
    shown = f"'{short}'" if short.isprintable() and "'" not in short else repr(short)
    return shown if short is value else shown[:-1] + f"…{shown[-1]} ({len(value):,} characters)"


def limits_for(path: Path | None = None) -> Limits:
    """The limits for reading ``path``: the defaults for the shipped library, else the environment's."""
    if path is not None:
        try:
            if path.resolve().is_relative_to(_DATA_DIR):
                return Limits()
        except (OSError, ValueError, RuntimeError):
            pass
    return Limits.from_env()


_FILES_READ: set[str] = set()


def files_read() -> frozenset[str]:
    """Every file this process has read as YAML (resolved paths): outputs must never replace one."""
    return frozenset(_FILES_READ)


def mark_read(paths: Iterable[Path]) -> None:
    """Count files as read (a scenario taken from the cache, and the files it names): outputs never replace them."""
    for path in paths:
        try:
            _FILES_READ.add(str(Path(path).resolve()))
        except (OSError, RuntimeError):  # pragma: no cover - a path just read or checked
            pass


def read_yaml(path: Path, limits: Limits | None = None) -> Located:
    """Read and parse a YAML file, or raise :class:`ScenarioError` with a located message."""
    path = Path(path)
    limits = limits or limits_for(path)
    name = str(path)
    text = _read_text(path, limits, name)
    try:
        _FILES_READ.add(str(path.resolve()))
    except (OSError, RuntimeError):  # pragma: no cover - it was just read
        pass
    return parse_yaml(text, name, limits)


def _read_text(path: Path, limits: Limits, name: str) -> str:
    def fail(msg: str, hint: str | None = None) -> ScenarioError:
        return ScenarioError.from_problems([Problem(msg, file=name, hint=hint)])

    # The checks first, the errors after: a ScenarioError is a ValueError, and raised inside this
    # ``try`` it would be caught again as an invalid path and named twice.
    try:
        kind = "missing" if not path.exists() else "folder" if path.is_dir() else \
            "special" if not path.is_file() else None
        size = path.stat().st_size if kind is None else 0
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    except ValueError as exc:  # e.g. a NUL byte in the path
        raise fail(f"is not a valid path: {exc}") from None
    if kind == "missing":
        raise fail("no such file", _missing_hint(path))
    if kind == "folder":
        raise fail("is a directory, not a YAML file", "name a .yaml file inside it")
    if kind == "special":
        raise fail("is not a regular file (a device, pipe or socket)", "name a .yaml file")
    if size > limits.max_bytes:
        raise fail(f"is {size:,} bytes, larger than the limit of {limits.max_bytes:,} bytes",
                   f"split it, or raise {ENVIRONMENT['max_bytes']}")
    try:
        with path.open("rb") as fh:  # in chunks: read(max_bytes) would allocate the whole limit up front
            chunks: list[bytes] = []
            total = 0
            while total <= limits.max_bytes:
                chunk = fh.read(min(1 << 16, limits.max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            raw = b"".join(chunks)
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > limits.max_bytes:
        raise fail(f"is larger than the limit of {limits.max_bytes:,} bytes",
                   f"split it, or raise {ENVIRONMENT['max_bytes']}")
    if b"\x00" in raw:
        raise fail("looks like a binary file (it contains NUL bytes), not YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return _raise(Problem(f"is not UTF-8 text (byte {exc.start} on line {line}, "
                              f"0x{raw[exc.start]:02x}, cannot be decoded)", name, line, hint="save it as UTF-8"))


def _missing_hint(path: Path) -> str:
    """How to fix a path that names no file: a close name in its folder, else where relative paths start.

    Examples:
        >>> _missing_hint(Path("/nowhere/at/all.yaml"))
        'check the path: the folder /nowhere/at does not exist'
    """
    import difflib

    folder = path.parent
    try:
        if not folder.is_dir():
            return f"check the path: the folder {folder} does not exist"
        stems = {p.stem: p.name for p in sorted(folder.iterdir()) if p.suffix in (".yaml", ".yml")}
    except (OSError, ValueError):
        return "check the path"
    close = difflib.get_close_matches(path.stem, stems, n=1, cutoff=0.7)  # by stem: every name ends in .yaml
    if close:
        name = stems[close[0]]
        return f"did you mean {folder / name if str(folder) != '.' else name}?"
    if not path.is_absolute():
        return f"check the path; a relative path starts from the current folder, {Path.cwd()}"
    return "check the path"


def _raise(problem: Problem) -> Any:
    raise ScenarioError.from_problems([problem]) from None


def parse_yaml(text: str, name: str = "<input>", limits: Limits | None = None) -> Located:
    """Parse YAML text into plain data with marks; raise :class:`ScenarioError` on any problem."""
    limits = limits or Limits.from_env()
    if not isinstance(text, str):
        raise ScenarioError.from_problems([Problem(f"YAML text must be a str, not {type(text).__name__}", file=name)])
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise ScenarioError.from_problems([Problem(
            f"contains {text[exc.start]!r}, which is not a valid Unicode character", name, line,
            hint="remove it")]) from None
    if size > limits.max_bytes:
        raise ScenarioError.from_problems([Problem(
            f"is {size:,} bytes, larger than the limit of {limits.max_bytes:,} bytes", file=name,
            hint=f"split it, or raise {ENVIRONMENT['max_bytes']}")])
    with paused():
        node, aliased = _compose(text, name, limits)
        if node is None:
            raise ScenarioError.from_problems([Problem("is empty", file=name,
                                                       hint="a scenario needs at least 'scenario' and 'events'")])
        if aliased:  # without an alias every node is read once, and the composer has counted them all
            _check_expansion(node, name, limits)
        builder = _Builder(name, limits)
        try:
            data = builder.build(node, (), 0)
        except RecursionError:  # pragma: no cover - the depth limit comes first
            raise ScenarioError.from_problems([Problem("is nested too deeply to read", name)]) from None
        del node  # freed now, while paused: the collector's next walk finds only the data kept
    if builder.problems:
        raise ScenarioError.from_problems(builder.problems)
    return Located(data, builder.marks, name, builder.texts)


# ---------------------------------------------------------------- step 1 and 2: events to nodes

#: libyaml's parser when PyYAML was built with it (about 20 times faster), else the pure-Python one.
USE_LIBYAML: bool = bool(getattr(yaml, "__with_libyaml__", False))


def _event_source(text: str) -> Any:
    """A PyYAML loader used only for its events and its tag resolver."""
    if USE_LIBYAML:
        return yaml.CSafeLoader(text)
    return yaml.SafeLoader(text)


def _compose(text: str, name: str, limits: Limits) -> tuple[yaml.Node | None, bool]:
    """YAML text to a node tree, and whether it uses an alias; every PyYAML failure turned into a located error."""
    loader = None
    try:
        loader = _event_source(text)
        composer = _Composer(loader, name, limits)
        return composer.document(), composer.aliased
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, name, limits) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        at = text.find(char)  # libyaml counts bytes, PyYAML characters: find the character itself
        at = at if at >= 0 else min(exc.position, len(text))
        line = text.count("\n", 0, at) + 1
        raise ScenarioError.from_problems([Problem(
            f"contains a character YAML does not allow ({char!r})", name, line, at - text.rfind("\n", 0, at),
            hint="remove control characters from the file")]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError.from_problems([Problem(f"is not valid YAML: {exc}", file=name)]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_error(exc: yaml.MarkedYAMLError, name: str, limits: Limits) -> ScenarioError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = exc.problem or "syntax error"
    if "maximum nesting depth" in problem:  # libyaml's own guard, met while it looks ahead
        return ScenarioError.from_problems([Problem(
            f"is nested more than {limits.max_depth} levels deep", name, line, col,
            hint=f"flatten it, or raise {ENVIRONMENT['max_depth']}")])
    hint = None
    if "\t" in problem or "\\t" in problem or "tab" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
    elif "'-' indicator" in problem or "block end" in problem:
        hint = "check the indentation: items of one list or mapping start in the same column"
    return ScenarioError.from_problems([Problem(f"invalid YAML: {problem}", file=name, line=line, column=col,
                                                hint=hint)])


def _at(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


class _Composer:
    """Events to nodes without recursion, refusing a file as soon as it passes a limit."""

    def __init__(self, loader: Any, name: str, limits: Limits) -> None:
        self.loader = loader
        self.name = name
        self.limits = limits
        self.nodes = 0
        self.aliased = False
        self.resolved: dict[tuple[Any, ...], str] = {}

    def _fail(self, mark: Any, message: str, hint: str | None = None) -> ScenarioError:
        line, col = _at(mark)
        return ScenarioError.from_problems([Problem(message, self.name, line, col, hint=hint)])

    def document(self) -> yaml.Node | None:
        ld = self.loader
        ld.get_event()  # stream start
        if ld.check_event(yaml.StreamEndEvent):
            ld.get_event()
            return None
        ld.get_event()  # document start
        node = self._node()
        ld.get_event()  # document end
        if not ld.check_event(yaml.StreamEndEvent):
            event = ld.get_event()
            raise self._fail(event.start_mark, "holds more than one YAML document",
                             "a file is one document: remove the '---' line, or split the file")
        ld.get_event()
        return node

    def _count(self, event: Any, depth: int) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self._fail(event.start_mark,
                             f"has more than {self.limits.max_nodes:,} YAML nodes; refusing to read it",
                             f"split it, or raise {ENVIRONMENT['max_nodes']}")
        if depth > self.limits.max_depth:
            raise self._fail(event.start_mark, f"is nested more than {self.limits.max_depth} levels deep",
                             f"flatten it, or raise {ENVIRONMENT['max_depth']}")

    def _tag(self, kind: type, event: Any, value: str | None, implicit: Any) -> str:
        tag = event.tag
        if tag is None or tag == "!":
            key = (kind, value, implicit)
            tag = self.resolved.get(key)
            if tag is None:
                tag = self.loader.resolve(kind, value, implicit)
                if len(self.resolved) < 10_000:
                    self.resolved[key] = tag
        return tag

    def _node(self) -> yaml.Node:
        ld = self.loader
        anchors: dict[str, yaml.Node] = {}
        # open collections: [node, anchor, pending mapping key]
        stack: list[list[Any]] = []
        while True:
            event = ld.get_event()
            if isinstance(event, yaml.AliasEvent):
                self.aliased = True
                node = anchors.get(event.anchor)
                if node is None:
                    recursive = any(entry[1] == event.anchor for entry in stack)
                    raise self._fail(event.start_mark,
                                     f"alias *{event.anchor} refers to its own anchor (a recursive structure)"
                                     if recursive else f"alias *{event.anchor} has no anchor &{event.anchor} before it",
                                     None if recursive else "define '&name' before using '*name'")
            elif isinstance(event, yaml.ScalarEvent):
                self._check_anchor(event, anchors)
                self._count(event, len(stack))
                if len(event.value) > self.limits.max_scalar_chars:
                    raise self._fail(event.start_mark,
                                     f"holds a value of {len(event.value):,} characters, longer than the limit "
                                     f"of {self.limits.max_scalar_chars:,}",
                                     f"shorten it, or raise {ENVIRONMENT['max_scalar_chars']}")
                tag = self._tag(yaml.ScalarNode, event, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                if event.anchor is not None:
                    anchors[event.anchor] = node
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self._check_anchor(event, anchors)
                self._count(event, len(stack))
                if isinstance(event, yaml.SequenceStartEvent):
                    tag = self._tag(yaml.SequenceNode, event, None, event.implicit)
                    node = yaml.SequenceNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
                else:
                    tag = self._tag(yaml.MappingNode, event, None, event.implicit)
                    node = yaml.MappingNode(tag, [], event.start_mark, None, flow_style=event.flow_style)
                stack.append([node, event.anchor, None])
                continue
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node, anchor, _ = stack.pop()
                node.end_mark = event.end_mark
                if anchor is not None:
                    anchors[anchor] = node
            else:  # pragma: no cover - the parser guarantees the event order
                raise self._fail(event.start_mark, f"unexpected YAML event {type(event).__name__}")
            if not stack:
                return node
            parent = stack[-1]
            if isinstance(parent[0], yaml.SequenceNode):
                parent[0].value.append(node)
            elif parent[2] is None:
                parent[2] = node
            else:
                parent[0].value.append((parent[2], node))
                parent[2] = None

    def _check_anchor(self, event: Any, anchors: dict[str, yaml.Node]) -> None:
        if event.anchor is not None and event.anchor in anchors:
            raise self._fail(event.start_mark, f"anchor &{event.anchor} is defined twice",
                             f"the first is on line {anchors[event.anchor].start_mark.line + 1}; rename one")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expansion(root: yaml.Node, name: str, limits: Limits) -> None:
    """Refuse a tree whose aliases would expand past ``max_nodes``, before expanding anything.

    Anchored nodes are shared, so the tree is a DAG: the expanded size of
    every node is counted once, bottom-up, in time proportional to the file.
    The message names the smallest part of the file that is too big on its own.
    """
    cap = limits.max_nodes + 1
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in size:
            continue
        children = _children(node)
        if ready or not children:
            size[id(node)] = min(cap, 1 + sum(size[id(c)] for c in children))
            continue
        stack.append((node, True))
        stack.extend((c, False) for c in children if id(c) not in size)
    if size[id(root)] < cap:
        return
    node = root
    while True:
        big = [c for c in _children(node) if size[id(c)] >= cap]
        if not big:
            break
        node = big[0]
    line, col = _at(node.start_mark)
    raise ScenarioError.from_problems([Problem(
        f"would expand to more than {limits.max_nodes:,} YAML nodes once its aliases (*name) are expanded; "
        "refusing to expand it", name, line, col,
        hint=f"is this an alias bomb? expand anchors by hand, or raise {ENVIRONMENT['max_nodes']}")])


# ---------------------------------------------------------------- step 3: nodes to plain data

_SCALAR_TAGS = {
    "tag:yaml.org,2002:str": "construct_yaml_str",
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
    "tag:yaml.org,2002:timestamp": "construct_yaml_timestamp",
    "tag:yaml.org,2002:value": "construct_yaml_str",
}
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list of values" if node.value else "an empty list"
    return f"the value {node.value!r}"


def _tag_name(tag: str) -> str:
    """``tag:yaml.org,2002:python/object:x`` → ``!!python/object:x``, as written in the file."""
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _not_allowed(tag: str) -> str:
    return f"tag {_tag_name(tag)} is not allowed (only plain YAML data is read: text, numbers, dates, lists, mappings)"


class _Builder:
    """Node tree → plain data, with marks, limits, merge keys and duplicate-key detection."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.nodes = 0
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.texts: dict[Path_, str] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")

    def _problem(self, node: yaml.Node, message: str, path: Path_, hint: str | None = None) -> None:
        line, col = _at(node.start_mark)
        self.problems.append(Problem(message, self.name, line, col, format_path(path) or None, hint))

    def _count(self, node: yaml.Node, depth: int) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise ScenarioError.from_problems([Problem(
                f"has more than {self.limits.max_nodes:,} YAML nodes (aliases included); refusing to expand it",
                self.name, node.start_mark.line + 1,
                hint=f"is this an alias bomb? expand anchors by hand, or raise {ENVIRONMENT['max_nodes']}")])
        if depth > self.limits.max_depth:
            raise ScenarioError.from_problems([Problem(
                f"is nested more than {self.limits.max_depth} levels deep (aliases included)", self.name,
                node.start_mark.line + 1, hint=f"flatten it, or raise {ENVIRONMENT['max_depth']}")])

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self._count(node, depth)
        self.marks.setdefault(path, _at(node.start_mark))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                self._problem(node, _not_allowed(node.tag), path)
                return None
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                self._problem(node, _not_allowed(node.tag), path)
                return None
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        value = self._scalar(node, path)
        if not isinstance(value, str) and node.tag != _MERGE:
            self.texts[path] = node.value
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, key_node, value_node in self._pairs(node, path, depth, quiet=False):
            self.marks[(*path, key)] = _at(key_node.start_mark)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def _pairs(self, node: yaml.MappingNode, path: Path_, depth: int,
               quiet: bool) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The mapping's entries with merge keys resolved: its own first, then merged ones not given yet.

        ``<<: *a`` or ``<<: [*a, *b]`` adds the keys of the merged mappings
        (earlier ones win).  A merged mapping's own problems were reported
        where it was defined (``quiet``); each merge counts against the limits.
        """
        own: list[tuple[str, yaml.Node, yaml.Node]] = []
        seen: set[str] = set()
        merges: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE:
                merges.append((key_node, value_node))
                continue
            key = self._key(key_node, path, quiet)
            if key is None:
                continue
            if key in seen:
                if not quiet:
                    self._problem(key_node, f"duplicate key {quoted(key)}", (*path, key), "each key may appear once")
                continue
            seen.add(key)
            own.append((key, key_node, value_node))
        for merge_key, value in merges:
            sources = value.value if isinstance(value, yaml.SequenceNode) and value.tag == _SEQ else [value]
            self._count(value, depth + 1)
            wrong = [s for s in sources if not isinstance(s, yaml.MappingNode) or s.tag != _MAP]
            if wrong:
                if not quiet:
                    given = _kind(value) if value is not sources[0] else _kind(wrong[0])
                    self._problem(merge_key, f"'<<' can only merge a mapping or a list of mappings, not {given}",
                                  (*path, "<<"), "write '<<: *name' where &name marks a mapping, or '<<: [*a, *b]'")
                continue
            for source in sources:
                self._count(source, depth + 1)
                for entry in self._pairs(source, path, depth + 1, quiet=True):
                    if entry[0] not in seen:
                        seen.add(entry[0])
                        own.append(entry)
        return own

    def _key(self, node: yaml.Node, path: Path_, quiet: bool) -> str | None:
        """A mapping key: the text as written (so ``no:`` and ``2025:`` are names, not values)."""
        self._count(node, 0)
        problem = None
        if not isinstance(node, yaml.ScalarNode):
            problem = f"mapping keys must be plain words, not {_kind(node)}"
        elif node.tag not in _SCALAR_TAGS:
            problem = _not_allowed(node.tag)
        elif node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~", "null", "Null", "NULL"):
            problem = "a key is empty"
        if problem is None:
            return str(node.value)
        if not quiet:
            self._problem(node, problem, path, "write 'name: value'" if "empty" in problem else None)
        return None

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        method = _SCALAR_TAGS.get(node.tag)
        if method is None:
            self._problem(node, _not_allowed(node.tag), path)
            return None
        if node.tag == "tag:yaml.org,2002:int" and not self._plain_int(node, path):
            return None
        try:
            return getattr(self.constructor, method)(node)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            # e.g. 2023-02-30 matches YAML's date pattern but is no date: keep the text
            # and let validation report it, together with every other problem.
            return node.value

    def _plain_int(self, node: yaml.Node, path: Path_) -> bool:
        """Refuse whole numbers YAML would misread: hundreds of digits, and a leading zero (octal to YAML 1.1).

        ``lag_days: 000…001`` with 99,000 zeros was read as 1 (in octal, which
        has no digit limit), and ``010`` is read as 8.
        """
        digits = node.value.lstrip("+-").replace("_", "")
        if len(digits) > MAX_INT_DIGITS:
            self._problem(node, f"a number of {len(digits):,} digits is too long (at most {MAX_INT_DIGITS})", path,
                          "write a smaller number")
            return False
        if len(digits) > 1 and digits[0] == "0" and digits[1:2].isdigit():
            self._problem(node, f"{quoted(node.value)} starts with 0, which YAML reads as an octal number "
                                f"({self.constructor.construct_yaml_int(node)})", path,
                          f"write {digits.lstrip('0') or '0'}, or quote it if it is text")
            return False
        return True


#: Whole numbers in a file have at most this many digits (the largest real one is a year or a count).
MAX_INT_DIGITS = 40
