"""Read untrusted YAML safely, keeping the line of every value.

Files are read with PyYAML's safe loader only (no Python tags, nothing
executed), within limits on size, node count and nesting depth so that alias
bombs and deep nesting are refused quickly.  While building plain Python data
from the YAML node tree, we record where every mapping key and value came
from, so that a validation error at ``events[0].target`` can name its line.
Duplicate keys, which PyYAML would silently accept, are errors here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sahel_sim.errors import Problem, ScenarioError, format_path

__all__ = ["Limits", "Located", "read_yaml", "parse_yaml"]

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on untrusted input; generous for real files, tight enough to stop abuse."""

    max_bytes: int = 2_000_000
    max_nodes: int = 200_000
    max_depth: int = 64


@dataclass(frozen=True, slots=True)
class Located:
    """Plain data parsed from YAML, with the (line, column) of each path."""

    data: Any
    marks: dict[Path_, tuple[int, int]]
    file: str

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Line and column (1-based) of ``path`` or of its nearest located parent."""
        for n in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:n]))
            if mark:
                return mark
        return None, None


def read_yaml(path: Path, limits: Limits = Limits()) -> Located:
    """Read and parse a YAML file, or raise :class:`ScenarioError` with a located message."""
    name = str(path)
    text = _read_text(path, limits, name)
    return parse_yaml(text, name, limits)


def _read_text(path: Path, limits: Limits, name: str) -> str:
    def fail(msg: str, hint: str | None = None) -> ScenarioError:
        return ScenarioError.from_problems([Problem(msg, file=name, hint=hint)])

    if not path.exists():
        raise fail("no such file", "check the path")
    if path.is_dir():
        raise fail("is a directory, not a YAML file", "name a .yaml file inside it")
    try:
        with path.open("rb") as fh:
            raw = fh.read(limits.max_bytes + 1)
    except OSError as exc:
        raise fail(f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > limits.max_bytes:
        raise fail(f"is larger than the limit of {limits.max_bytes:,} bytes", "split it, or raise the limit")
    if b"\x00" in raw:
        raise fail("looks like a binary file (it contains NUL bytes), not YAML text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(f"is not UTF-8 text (byte {exc.start} cannot be decoded)", "save it as UTF-8") from None


def parse_yaml(text: str, name: str = "<input>", limits: Limits = Limits()) -> Located:
    """Parse YAML text into plain data with marks; raise :class:`ScenarioError` on any problem."""
    if len(text.encode("utf-8", "surrogatepass")) > limits.max_bytes:
        raise ScenarioError.from_problems([Problem(f"is larger than the limit of {limits.max_bytes:,} bytes", file=name)])
    node = _compose(text, name, limits)
    if node is None:
        raise ScenarioError.from_problems([Problem("is empty", file=name, hint="a scenario needs at least 'scenario' and 'events'")])
    builder = _Builder(name, limits)
    data = builder.build(node, (), 0)
    if builder.problems:
        raise ScenarioError.from_problems(builder.problems)
    return Located(data, builder.marks, name)


def _compose(text: str, name: str, limits: Limits) -> yaml.Node | None:
    """YAML text to a node tree, every PyYAML failure turned into a located error."""
    loader = None
    try:
        loader = yaml.SafeLoader(text)
        return loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, name) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise ScenarioError.from_problems([Problem(
            f"contains a character YAML does not allow ({exc.character!r})", name, line,
            hint="remove control characters from the file")]) from None
    except yaml.YAMLError as exc:
        raise ScenarioError.from_problems([Problem(f"is not valid YAML: {exc}", file=name)]) from None
    except RecursionError:
        raise ScenarioError.from_problems([Problem(
            f"is nested too deeply to read (more than the limit of {limits.max_depth} levels)", name)]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _yaml_error(exc: yaml.MarkedYAMLError, name: str) -> ScenarioError:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
    problem = exc.problem or "syntax error"
    hint = None
    if "\t" in problem or "\\t" in problem or "tab" in problem:
        hint = "indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        hint = "a value containing ': ' must be quoted"
    return ScenarioError.from_problems([Problem(f"invalid YAML: {problem}", file=name, line=line, column=col, hint=hint)])


class _Builder:
    """Node tree → plain data, with marks, limits and duplicate-key detection."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name = name
        self.limits = limits
        self.nodes = 0
        self.marks: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")

    def _problem(self, node: yaml.Node, message: str, path: Path_, hint: str | None = None) -> None:
        self.problems.append(Problem(message, self.name, node.start_mark.line + 1, node.start_mark.column + 1,
                                     format_path(path) or None, hint))

    def _count(self, node: yaml.Node, path: Path_, depth: int) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise ScenarioError.from_problems([Problem(
                f"has more than {self.limits.max_nodes:,} YAML nodes (aliases included); refusing to expand it",
                self.name, node.start_mark.line + 1, hint="is this an alias bomb? expand anchors by hand")])
        if depth > self.limits.max_depth:
            raise ScenarioError.from_problems([Problem(
                f"is nested more than {self.limits.max_depth} levels deep", self.name, node.start_mark.line + 1)])

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self._count(node, path, depth)
        self.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                self._problem(node, f"tag {node.tag} is not allowed (only plain YAML data is read)", path)
                return None
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._problem(node, f"tag {node.tag} is not allowed (only plain YAML data is read)", path)
                return None
            return [self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[Any, Any]:
        try:
            self.constructor.flatten_mapping(node)
        except yaml.MarkedYAMLError as exc:
            self._problem(node, f"invalid merge key: {exc.problem}", path)
            return {}
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, path) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                self._problem(key_node, "mapping keys must be plain words", path)
                continue
            key = str(key)
            if key in out:
                self._problem(key_node, f"duplicate key '{key}'", (*path, key), "each key may appear once")
                continue
            self.marks[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out

    def _scalar(self, node: yaml.Node, path: Path_) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            tag = node.tag if node.tag.startswith("tag:yaml.org,2002:python") or "!" in node.tag else None
            msg = f"tag {tag} is not allowed (only plain YAML data is read)" if tag else f"cannot read value: {exc.problem}"
            self._problem(node, msg, path)
        except (ValueError, TypeError):
            # e.g. 2023-02-30 matches YAML's date pattern but is no date: keep the text
            # and let validation report it, together with every other problem.
            return node.value
        return None
